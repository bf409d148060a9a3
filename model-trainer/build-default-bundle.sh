#!/usr/bin/env bash
# Rebuilds bundles/default, the model bundle the demo and the app load by default:
#  1. the summary MLP, trained on the GTZAN feature table (../shared/data/gtzan/features_30_sec.train.csv);
#  2. the GRU, distilled from that MLP on open-licensed music from Debian packages (the full GTZAN audio is not
#     available to train it on labels), with its agreement with the teacher on held-out tracks;
#  3. both checked on the 28 real GTZAN tracks of ../shared/data/gtzan (parity/, audio-dev/), unseen by both models.
# Needs ../shared/data, ffmpeg, and apt-get (Debian) to fetch the music packages. Usage: model-trainer/build-default-bundle.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
shared="${GENRE_SHARED_DATA:-$root/../shared/data}"
work=model-trainer/target/bundle-data
packages=(wesnoth-1.16-music warzone2100-music singularity-music fretsonfire-songs-sectoid)
[ -d "$shared/gtzan" ] || { echo "build-default-bundle: $shared/gtzan not found (set GENRE_SHARED_DATA)" >&2; exit 1; }
command -v ffmpeg >/dev/null || { echo "build-default-bundle: ffmpeg is required" >&2; exit 1; }

mvn -B -q -pl model-trainer -am -DskipTests install
mvn -B -q -pl model-trainer dependency:build-classpath -Dmdep.outputFile="$root/$work/classpath.txt"
train() { java -Dai.djl.offline=true -cp "model-trainer/target/classes:$(cat "$work/classpath.txt")" \
  io.genrestream.trainer.GenreTrainer "$@"; }

echo "== unlabelled music: ${packages[*]}"
mkdir -p "$work/debs" "$work/packages"
(cd "$work/debs" && for p in "${packages[@]}"; do ls "${p}"_*.deb >/dev/null 2>&1 || apt-get download "$p"; done)
for deb in "$work"/debs/*.deb; do dpkg-deb -x "$deb" "$work/packages"; done
rm -rf "$work/unlabelled"
# 30 s of each track from second 30 (from 0 if shorter than 45 s), 22050 Hz mono 16-bit, like ../shared/data/styles
excerpt() { # source..., target
  local out="${*: -1}" dur ss=30 inputs=() i
  dur=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$1" | cut -d. -f1)
  [ "${dur:-0}" -lt 45 ] && ss=0
  for i in "${@:1:$#-1}"; do inputs+=(-ss "$ss" -t 30 -i "$i"); done
  mkdir -p "$(dirname "$out")"
  if [ $(($# - 1)) -gt 1 ]; then
    ffmpeg -nostdin -v error -y "${inputs[@]}" -filter_complex amix=inputs=$(($# - 1)):normalize=0 -ac 1 -ar 22050 -c:a pcm_s16le "$out"
  else
    ffmpeg -nostdin -v error -y "${inputs[@]}" -ac 1 -ar 22050 -c:a pcm_s16le "$out"
  fi
}
games="$work/packages/usr/share/games"
while IFS= read -r -d '' f; do
  n=$(basename "$f"); n="${n%.*}"; src=$(echo "$f" | sed "s|^$games/||" | cut -d/ -f1)
  excerpt "$f" "$work/unlabelled/$src/${n// /_}.wav" || echo "skipped $f (ffmpeg could not decode it)"
done < <(find "$games/wesnoth" "$games/warzone2100" "$games/singularity" \( -name '*.ogg' -o -name '*.opus' \) -print0 | sort -z)
for d in "$games"/fretsonfire/data/songs/sectoid/*/; do   # song and guitar stems mixed
  n=$(basename "$d"); excerpt "$d/song.ogg" "$d/guitar.ogg" "$work/unlabelled/sectoid/${n// /_}.wav"
done

echo "== labelled check: the real GTZAN tracks of $shared/gtzan as <genre>/<file>"
rm -rf "$work/gtzan-check"
for f in "$shared"/gtzan/parity/*.wav "$shared"/gtzan/audio-dev/*.wav "$shared"/gtzan/audio-dev/*.au; do
  b=$(basename "$f"); mkdir -p "$work/gtzan-check/${b%%.*}"; ln -sf "$f" "$work/gtzan-check/${b%%.*}/$b"
done

echo "== summary model"
train cv --table "$shared/gtzan/features_30_sec.train.csv" --models mlp --out "$work/cv-mlp"
train bundle --table "$shared/gtzan/features_30_sec.train.csv" --cv-report "$work/cv-mlp/report.json" --out "$work/summary-bundle"
echo "== GRU by distillation"
train distil-gru --teacher "$work/summary-bundle" --unlabelled "$work/unlabelled" --evaluate "$work/gtzan-check" \
  --gru-weight 0.2 --out "$work/default-bundle"
rm -rf bundles/default && mkdir -p bundles && cp -r "$work/default-bundle" bundles/default
echo "bundles/default rebuilt: $(cat bundles/default/model-card.md | head -1)"
