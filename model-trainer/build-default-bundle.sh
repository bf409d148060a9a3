#!/usr/bin/env bash
# Rebuilds bundles/default, the model bundle the demo and the app load by default, with one command:
#   model-trainer/build-default-bundle.sh
# and, with the argument `extended`, bundles/extended: the same training with the summary columns beyond GTZAN's 57
# (`--summary-columns extended`: spectral contrast, rhythm periodicity, band shares and loudness, chroma tonality;
# docs/evaluation.md compares the two).
# `train-bundle` trains the GRU and the summary MLP on the labelled audio of every source in ../shared/data (GTZAN's
# 59 training tracks, Emotify, AllMusic, each also through one re-recorded copy: EQ, gain, band limit, MP3/AAC) plus the
# GTZAN feature table (its rows weighted 4), chooses temperatures, ensemble weights and the
# unknown threshold on grouped out-of-fold predictions (whole artists or tracks per fold; report in
# model-trainer/target/bundle-data/report, its per-source table also in the bundle's model card), then trains both
# models on everything. The training audio is research data: the bundle ships weights only.
# Needs ../shared/data (or GENRE_SHARED_DATA) and ffmpeg (the MP3 and FLAC clips).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
shared="${GENRE_SHARED_DATA:-$root/../shared/data}"
work=model-trainer/target/bundle-data
variant="${1:-default}"
case "$variant" in
  default) columns=gtzan report="$work/report" ;;
  extended) columns=extended report="$work/report-extended" ;;
  *) echo "build-default-bundle: unknown variant '$variant' (default or extended)" >&2; exit 2 ;;
esac
[ -d "$shared/gtzan" ] || { echo "build-default-bundle: $shared/gtzan not found (set GENRE_SHARED_DATA)" >&2; exit 1; }
command -v ffmpeg >/dev/null || { echo "build-default-bundle: ffmpeg is required (apt-get install ffmpeg)" >&2; exit 1; }

# ./genre-stream builds what is missing, then runs the trainer's commands as `genre-stream train`
train() { JAVA_OPTS=-Xmx6g ./genre-stream train "$@"; }

rm -rf "$work/$variant-bundle"
train train-bundle \
  --data gtzan="$shared/gtzan/audio-train" --data emotify="$shared/emotify/emotify.csv" \
  --data allmusic="$shared/allmusic/allmusic.csv" --table gtzan="$shared/gtzan/features_30_sec.train.csv" \
  --recording-copies 1 --table-weight 4 --hidden 48 --epochs 12 --mlp-epochs 40 --mlp-members 6 --summary-columns "$columns" \
  --report "$report" --out "$work/$variant-bundle"
rm -rf "bundles/$variant" && mkdir -p bundles && cp -r "$work/$variant-bundle" "bundles/$variant"
echo "bundles/$variant rebuilt: $(head -1 "bundles/$variant/model-card.md")"
