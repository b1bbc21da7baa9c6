#!/usr/bin/env bash
# Where a trial's peak memory goes over time: runs one real quickstart trial (all-MiniLM-L6-v2 on the UCI sentences,
# the quickstart's training settings) in its own process, as a silo does, and samples that process's resident set
# every 50 ms. Prints the time series folded to one line per second (the largest sample in it) and the peak the trial
# recorded itself (peak_memory_bytes in trials.csv).
#   scripts/trial-memory-profile.sh [--preset B-FP] [--seed 1] [--out DIR]
# Environment variables reach the trial process, so allocator settings can be compared, e.g.
#   MALLOC_MMAP_THRESHOLD_=131072 scripts/trial-memory-profile.sh
# SWEEP_BIN_DIR: a folder holding sweep.dll (skips the build); run from a copy when building meanwhile.
set -euo pipefail
cd "$(dirname "$0")/.."
PRESET=B-FP SEED=1 OUT=""
while [ $# -gt 0 ]; do
  case "$1" in
    --preset) PRESET="$2"; shift 2 ;; --seed) SEED="$2"; shift 2 ;; --out) OUT="$2"; shift 2 ;;
    *) echo "usage: $0 [--preset NAME] [--seed N] [--out DIR]" >&2; exit 2 ;;
  esac
done
BIN="${SWEEP_BIN_DIR:-}"
if [ -z "$BIN" ]; then
  dotnet build src/Client -c Release -v q -nologo >/dev/null
  BIN=src/Client/bin/Release/net10.0
fi
OUT="${OUT:-$(mktemp -d /tmp/sweep-memory-profile.XXXXXX)}"
mkdir -p "$OUT"
SPEC="$OUT/profile.yaml"
# the quickstart's settings for one preset: its lr override (if any) becomes the lr, and there is nothing to compare
LR=$(sed -n "s/^overrides: .*$PRESET: { lr: \([^ ]*\) }.*/\1/p" examples/quickstart.yaml)
sed -e "s/^presets: .*/presets: [$PRESET]/" -e "s/^seeds: .*/seeds: [$SEED]/" -e 's/^concurrency: .*/concurrency: 1/' \
    -e 's/^name: .*/name: memory-profile/' -e '/^overrides:/d' -e '/^analysis:/d' \
    -e "${LR:+s/lr: 5e-4/lr: $LR/}" examples/quickstart.yaml > "$SPEC"
rm -rf "$OUT/results"
dotnet "$BIN/sweep.dll" run "$SPEC" --out "$OUT/results" > "$OUT/console.log" 2>&1 &
console=$!
start=$(date +%s%N)
: > "$OUT/rss.txt"
while kill -0 "$console" 2>/dev/null; do
  for pid in $(pgrep -f "sweep.dll __trial" || true); do
    rss=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
    [ -n "$rss" ] && echo "$(( ($(date +%s%N) - start) / 1000000 )) $rss" >> "$OUT/rss.txt"
  done
  sleep 0.05
done
wait "$console" || { echo "the run failed; see $OUT/console.log" >&2; exit 1; }
echo "resident set of the trial process, MiB (largest sample per second):"
awk '{ s = int($1 / 1000); if ($2 > m[s]) m[s] = $2; if (s > last) last = s } END { for (i = 0; i <= last; i++) if (i in m) printf "%ds %d  ", i, m[i] / 1024; print "" }' "$OUT/rss.txt"
python3 - "$OUT/results/trials.csv" <<'PY'
import csv, sys
for r in csv.DictReader(open(sys.argv[1])):
    print(f"{r['preset']} seed {r['seed']}: peak_memory_bytes {int(r['peak_memory_bytes']) / 2**20:.0f} MiB, "
          f"predicted {int(r['predicted_peak_memory_bytes']) / 2**20:.0f} MiB, train_seconds {float(r['train_seconds']):.1f}, "
          f"accuracy {r['accuracy']}")
PY
echo "files in $OUT"
