#!/usr/bin/env bash
# Several silo processes on one machine: a control silo and two worker silos join it (development clustering with
# a primary endpoint, file storage shared under one directory). A sweep is submitted from the console, one worker
# process is killed (SIGKILL) mid-sweep, and the sweep still completes with one result per trial.
#   scripts/multi-silo.sh [STEP_MS]        (workers use the simulated executor; STEP_MS per step, default 40)
set -euo pipefail
cd "$(dirname "$0")/.."
STEP_MS="${1:-40}"
WORK="$(mktemp -d /tmp/sweep-multi-XXXXXX)"
dotnet build src/Silo -v q -nologo >/dev/null
dotnet build src/Client -v q -nologo >/dev/null
SILO="dotnet src/Silo/bin/Debug/net10.0/sweep-silo.dll"
SWEEP="dotnet src/Client/bin/Debug/net10.0/sweep.dll"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

# durations are hh:mm:ss[.fff]
STEP=$(awk -v ms="$STEP_MS" 'BEGIN { s = ms / 1000; printf "%02d:%02d:%06.3f", int(s / 3600), int(s / 60) % 60, s - 60 * int(s / 60) }')
common=(Sweep__Storage=File "Sweep__DataPath=$WORK/data" Sweep__Executor=Simulated "Sweep__SimulatedStep=$STEP" Sweep__PumpInterval=00:00:00.5)
env "${common[@]}" Sweep__Role=Control Sweep__SiloPort=11111 Sweep__GatewayPort=30000 Sweep__HttpPort=8080 $SILO >"$WORK/control.log" 2>&1 & PIDS+=($!)
sleep 4
env "${common[@]}" Sweep__Role=Worker Sweep__Accelerator=Cpu Sweep__Slots=2 Sweep__Primary=localhost:11111 Sweep__SiloPort=11112 Sweep__GatewayPort=30001 Sweep__HttpPort=8081 $SILO >"$WORK/worker-a.log" 2>&1 & PIDS+=($!)
env "${common[@]}" Sweep__Role=Worker Sweep__Accelerator=Cpu Sweep__Slots=2 Sweep__Primary=localhost:11111 Sweep__SiloPort=11113 Sweep__GatewayPort=30002 Sweep__HttpPort=8082 $SILO >"$WORK/worker-b.log" 2>&1 & WORKER_B=$!; PIDS+=($WORKER_B)
sleep 6

cat >"$WORK/spec.yaml" <<'YAML'
name: multi-silo
tasks: [{ name: sentiment, model: tiny-bert, data: toy-sentiment }]
presets: [B-FP, B-Q4, B-Ada, Joint-1, Joint-2, Joint-3]
seeds: [1, 2]
training: { max_steps: 100 }
concurrency: 4
checkpoint_every: 10
YAML
ID=$($SWEEP submit "$WORK/spec.yaml" --cluster localhost:30000)
echo "submitted $ID (work dir $WORK)"

status() { $SWEEP status "$ID" --cluster localhost:30000 --json; }
# wait until a trial runs on worker B (silo port 11113) past step 20, then kill that process
for _ in $(seq 1 120); do
  if status | python3 -c 'import json,sys; s=json.load(sys.stdin); sys.exit(0 if any(":11113@" in t["silo"] and (t.get("progress") or {}).get("step",0)>20 for t in s["trials"]) else 1)'; then break; fi
  sleep 0.5
done
echo "killing worker B (pid $WORKER_B) mid-sweep:"
status | python3 -c 'import json,sys; s=json.load(sys.stdin); [print("  ", t["id"], t["state"], t["silo"], (t.get("progress") or {}).get("step")) for t in s["trials"] if t["state"]=="Running"]'
kill -9 "$WORKER_B"

$SWEEP watch "$ID" --cluster localhost:30000
$SWEEP results "$ID" --cluster localhost:30000 --out "$WORK/results"
python3 - "$WORK/results/results.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
trials = r["trials"]
ids = [t["id"] for t in trials]
states = {t["state"] for t in trials}
moved = [t for t in trials if t["attempts"] > 1]
print(f"{len(trials)} results, {len(set(ids))} distinct ids, states {sorted(states)}")
for t in moved: print(f"  resumed: {t['id']} attempts {t['attempts']} finished on {t['silo']}")
ok = len(trials) == 12 and len(set(ids)) == 12 and states == {"Completed"} and len(moved) > 0
print("OK: the sweep completed after losing a worker" if ok else "FAILED")
sys.exit(0 if ok else 1)
PY
