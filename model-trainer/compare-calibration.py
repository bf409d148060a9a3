#!/usr/bin/env python3
"""Compares two maps of the track confidence, isotonic steps and Platt scaling, on a bundle build's out-of-fold
predictions: both are cross-fitted (each fold's tracks mapped by the map fitted on the other folds) over many random
artist splits, and the spread of the resulting ECE shows how much each map follows a split's luck.

It exists for one diagnostic in docs/evaluation.md, the choice of `PlattFit` over isotonic regression. Track verdicts
are re-derived as the app's vote code does, with one shortcut: tied votes go to the higher mean probability (the app
asks the GRU's summed softmax first). Needs numpy.

usage: compare-calibration.py [REPORT_DIR] [SPLITS]   (default model-trainer/target/bundle-data/report, 30)
"""
import csv
import hashlib
import json
import os
import sys

import numpy as np


def temper(p, t):
    logs = np.log(np.maximum(p, 1e-30)) / t
    e = np.exp(logs - logs.max())
    return e / e.sum()


def tracks(report):
    meta = json.load(open(os.path.join(report, 'report.json')))
    temps, (w_gru, w_summary) = meta['temperatures'], meta['weights']
    rows = list(csv.DictReader(open(os.path.join(report, 'out-of-fold.csv'))))
    labels = [k[len('summary_'):] for k in rows[0] if k.startswith('summary_')]
    clips = {}
    for r in rows:
        clip = clips.setdefault(r['clip'], {'group': r['group'], 'label': r['label'], 'p': []})
        gru = temper(np.array([float(r['gru_' + l]) for l in labels]), temps['gru'])
        summary = temper(np.array([float(r['summary_' + l]) for l in labels]), temps['summary'])
        clip['p'].append((w_gru * gru + w_summary * summary) / (w_gru + w_summary))
    confidence, correct, groups = [], [], []
    for clip in clips.values():
        p = np.array(clip['p'])
        votes = np.bincount(p.argmax(1), minlength=len(labels))
        mean = p.mean(0)
        winner = max(range(len(labels)), key=lambda g: (votes[g], mean[g]))
        confidence.append(temper(mean, temps['track'])[winner])
        admitted = ['pop', 'rock', 'metal'] if clip['label'] == 'pop_rock' else [clip['label']]
        correct.append(labels[winner] in admitted)
        groups.append(clip['group'])
    return np.array(confidence), np.array(correct, float), groups


def ece(c, y, bins=10):
    b = np.minimum((c * bins).astype(int), bins - 1)
    return sum((b == i).sum() / len(c) * abs(y[b == i].mean() - c[b == i].mean()) for i in range(bins) if (b == i).any())


def isotonic(c, y):
    blocks = []
    for i in np.argsort(c, kind='stable'):
        blocks.append([c[i], y[i], 1.0])
        while len(blocks) > 1:
            prev, last = blocks[-2], blocks[-1]
            if prev[1] / prev[2] < last[1] / last[2] and prev[0] / prev[2] < last[0] / last[2]:
                break
            prev[0] += last[0]
            prev[1] += last[1]
            prev[2] += last[2]
            blocks.pop()
    x = np.array([b[0] / b[2] for b in blocks])
    a = np.array([b[1] / b[2] for b in blocks])
    return lambda v: np.interp(v, x, a)


def logit(v):
    v = np.clip(v, 1e-6, 1 - 1e-6)
    return np.log(v / (1 - v))


def platt(c, y):
    right = y.sum()
    t = np.where(y > 0, (right + 1) / (right + 2), 1 / (len(y) - right + 2))
    x = np.stack([logit(c), np.ones_like(c)], 1)
    w = np.array([1.0, 0.0])
    for _ in range(100):
        p = 1 / (1 + np.exp(-x @ w))
        w = w - np.linalg.solve(x.T @ (x * (p * (1 - p))[:, None]), x.T @ (p - t))
    return lambda v: 1 / (1 + np.exp(-(w[0] * logit(v) + w[1])))


def main(argv):
    report = argv[1] if len(argv) > 1 else 'model-trainer/target/bundle-data/report'
    splits = int(argv[2]) if len(argv) > 2 else 30
    confidence, correct, groups = tracks(report)
    print(f'{len(confidence)} tracks, accuracy {correct.mean():.3f}, ECE of the tempered confidence '
          f'{ece(confidence, correct):.3f}')
    results = {'isotonic': [], 'platt': []}
    for seed in range(splits):
        fold = np.array([int(hashlib.md5(f'{g}{seed}'.encode()).hexdigest(), 16) % 5 for g in groups])
        for name, fit in (('isotonic', isotonic), ('platt', platt)):
            mapped = np.zeros_like(confidence)
            for f in range(5):
                mapped[fold == f] = fit(confidence[fold != f], correct[fold != f])(confidence[fold == f])
            results[name].append(ece(mapped, correct))
    for name, values in results.items():
        print(f'{name}: cross-fitted ECE over {splits} artist splits: mean {np.mean(values):.3f} '
              f'+- {np.std(values):.3f}, range {min(values):.3f}-{max(values):.3f}')


if __name__ == '__main__':
    main(sys.argv)
