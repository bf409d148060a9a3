#!/usr/bin/env python3
"""Cuts every clip of a dataset CSV (file,label,artist,...; Emotify's emotify.csv) into non-overlapping 3 s WAV files
(22,050 Hz mono, via ffmpeg) and writes their own dataset CSV with the columns file,label,artist,track,segment.

It exists for one diagnostic in docs/evaluation.md: `seq cv --group-column segment` on its output splits the 3 s
excerpts at random, as the genre studies did (pieces of one song on both sides of a split), while
`--group-column track` or `--group-column artist` keep a song or an artist on one side. Never use the segment
grouping for a figure you report as accuracy.

usage: cut-segments.py DATASET_CSV OUT_DIR [SECONDS_PER_SEGMENT] [SEGMENTS_PER_CLIP]
"""
import csv
import os
import subprocess
import sys


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    dataset, out_dir = argv[1], argv[2]
    seconds = float(argv[3]) if len(argv) > 3 else 3.0
    per_clip = int(argv[4]) if len(argv) > 4 else 10
    src = os.path.dirname(os.path.abspath(dataset))
    with open(dataset, newline='') as f:
        rows = list(csv.DictReader(f))
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, 'segments.csv'), 'w', newline='') as out:
        writer = csv.writer(out)
        writer.writerow(['file', 'label', 'artist', 'track', 'segment'])
        for row in rows:
            clip = os.path.join(src, row['file'])
            if not os.path.exists(clip):
                clip = os.path.join(src, row['label'], row['file'])
            base = os.path.splitext(os.path.basename(row['file']))[0]
            os.makedirs(os.path.join(out_dir, row['label']), exist_ok=True)
            for k in range(per_clip):
                name = os.path.join(row['label'], f'{base}-s{k}.wav')
                subprocess.run(['ffmpeg', '-v', 'error', '-y', '-ss', str(seconds * k), '-t', str(seconds),
                                '-i', clip, '-ac', '1', '-ar', '22050', '-c:a', 'pcm_s16le',
                                os.path.join(out_dir, name)], check=True)
                writer.writerow([name, row['label'], row['artist'], base, name])
    print(f'{len(rows) * per_clip} segments of {len(rows)} clips in {out_dir}/segments.csv')


if __name__ == '__main__':
    main(sys.argv)
