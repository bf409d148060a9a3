#!/usr/bin/env bash
# Rebuilds bundles/default, the model bundle the demo and the app load by default, with one command:
#   model-trainer/build-default-bundle.sh
# Its summary model reads 157 columns (`--summary-columns all`: GTZAN's 57, then spectral contrast, rhythm
# periodicity, band shares and loudness, chroma tonality, and the modulation spectrum of eight band groups): six MLPs
# on all of them and six more on GTZAN's 57 alone (`--mlp-gtzan-members 6`), the columns the feature table's rows
# really hold; every MLP learns with mixup (`--mlp-mixup-alpha 0.4`: training rows blended in pairs, the loss weighing
# both rows' labels); its novelty check measures those 57 too (`--novelty-columns gtzan`). With the argument `extended` it
# rebuilds bundles/extended, 117 columns (no modulation spectrum) and no GTZAN-column MLPs (built
# 7 Dec 2026 01:04); with `gtzan-columns`, bundles/gtzan-columns,
# six MLPs on GTZAN's 57 columns alone, the default before 7 Dec 2026 10:30, which the app extracts about 2 ms a
# segment faster (docs/evaluation.md and docs/benchmarks.md compare them).
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
  default) columns=all gtzan_members=6 novelty=gtzan report="$work/report" ;;
  extended) columns=extended gtzan_members=0 novelty=extended report="$work/report-extended" ;;
  gtzan-columns) columns=gtzan gtzan_members=0 novelty=gtzan report="$work/report-gtzan-columns" ;;
  *) echo "build-default-bundle: unknown variant '$variant' (default, extended or gtzan-columns)" >&2; exit 2 ;;
esac
[ -d "$shared/gtzan" ] || { echo "build-default-bundle: $shared/gtzan not found (set GENRE_SHARED_DATA)" >&2; exit 1; }
command -v ffmpeg >/dev/null || { echo "build-default-bundle: ffmpeg is required (apt-get install ffmpeg)" >&2; exit 1; }

# ./genre-stream builds what is missing, then runs the trainer's commands as `genre-stream train`
train() { JAVA_OPTS=-Xmx6g ./genre-stream train "$@"; }

rm -rf "$work/$variant-bundle"
train train-bundle \
  --data gtzan="$shared/gtzan/audio-train" --data emotify="$shared/emotify/emotify.csv" \
  --data allmusic="$shared/allmusic/allmusic.csv" --table gtzan="$shared/gtzan/features_30_sec.train.csv" \
  --recording-copies 1 --table-weight 4 --hidden 48 --epochs 12 --mlp-epochs 40 --mlp-members 6 --mlp-mixup-alpha 0.4 \
  --summary-columns "$columns" \
  --mlp-gtzan-members "$gtzan_members" --novelty-columns "$novelty" \
  --report "$report" --out "$work/$variant-bundle"
rm -rf "bundles/$variant" && mkdir -p bundles && cp -r "$work/$variant-bundle" "bundles/$variant"
echo "bundles/$variant rebuilt: $(head -1 "bundles/$variant/model-card.md")"
