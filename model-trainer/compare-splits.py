#!/usr/bin/env python3
"""Puts the reports of one `train-bundle` recipe cross-validated on several grouped splits (`--split-seed`) side by
side, with the mean and standard deviation of each figure over the splits.

A single split's per-source accuracy moves by a few points with the luck of which artists land together; a target
judged on one split can be met or missed by that luck alone. docs/evaluation.md reports the default recipe this way.

usage: compare-splits.py REPORT_DIR REPORT_DIR [...]   (each with the report.json of one split)
"""
import json
import os
import statistics
import sys

SOURCES = ['allmusic', 'emotify', 'gtzan', 'all']


def figures(report):
    path = os.path.join(report, 'report.json')
    if not os.path.isfile(path):
        sys.exit(f'compare-splits: {path} not found (a train-bundle --report directory?)')
    r = json.load(open(path))
    per = r['perSource']
    row = {s: per[s]['trackAccuracy'] for s in SOURCES if s in per}
    row['macro-F1 all'] = per['all']['trackMacroF1']
    row['GRU alone, all'] = per['all']['gruAloneAccuracy']
    row['summary alone, all'] = per['all']['summaryAloneAccuracy']
    if 'table' in per:
        row['table rows'] = per['table']['summaryAccuracy']
    row['ECE all'] = r['ece']
    row['coverage'] = r['coverage']
    row['selective acc.'] = r['selectiveAccuracy']
    row['GRU weight'] = r['weights'][0] / sum(r['weights'])
    return row


def main(reports):
    if len(reports) < 2:
        sys.exit(__doc__)
    rows = [(os.path.basename(os.path.normpath(d)), figures(d)) for d in reports]
    columns = [c for c in rows[0][1] if all(c in row for _, row in rows)]
    print('| split | ' + ' | '.join(columns) + ' |')
    print('|---' * (len(columns) + 1) + '|')
    for name, row in rows:
        print(f'| {name} | ' + ' | '.join(f'{row[c]:.3f}' for c in columns) + ' |')
    stats = [(statistics.mean(row[c] for _, row in rows), statistics.stdev(row[c] for _, row in rows))
             for c in columns]
    print('| mean ± sd | ' + ' | '.join(f'{m:.3f} ± {s:.3f}' for m, s in stats) + ' |')


if __name__ == '__main__':
    main(sys.argv[1:])
