#!/usr/bin/env bash
# A cluster on Azure storage (Azurite) loses every silo mid-sweep and comes back: a control silo and two CPU worker silos
# (worker B advertised on 127.0.0.2) form one cluster through the Azure Table membership table, keep grain state and
# checkpoints in Azure Blob storage, and run a sweep of real tiny-model trials submitted with `sweep submit --cluster azure`.
# Mid-sweep every silo is killed (SIGKILL) and restarted; optionally Azurite is then stopped for OUTAGE seconds and restarted.
# The sweep must complete with one result per trial, no trial that had finished before the kill run again, the trials that
# were running resumed from their last checkpoint (attempts and resumed_from_step in results.json), and the account key in
# no log, error or result file.
#   scripts/cluster-restart.sh [--steps N] [--seeds N] [--outage SECONDS]
#   defaults: 300 steps, 2 seeds (6 presets x 2 = 12 trials), outage 30 s (0 = none)
# SWEEP_BIN_DIR: a folder holding sweep.dll and sweep-silo.dll (skips the build; the tests use theirs).
set -euo pipefail
cd "$(dirname "$0")/.."
STEPS=300 SEEDS=2 OUTAGE=30
while [ $# -gt 0 ]; do
  case "$1" in
    --steps) STEPS="$2"; shift 2 ;; --seeds) SEEDS="$2"; shift 2 ;; --outage) OUTAGE="$2"; shift 2 ;;
    *) echo "usage: $0 [--steps N] [--seeds N] [--outage SECONDS]" >&2; exit 2 ;;
  esac
done
WORK="$(mktemp -d /tmp/sweep-cluster-XXXXXX)"
if [ -z "${SWEEP_BIN_DIR:-}" ]; then
  dotnet build src/Silo -v q -nologo >/dev/null
  dotnet build src/Client -v q -nologo >/dev/null
  SILO="dotnet src/Silo/bin/Debug/net10.0/sweep-silo.dll"; SWEEP="dotnet src/Client/bin/Debug/net10.0/sweep.dll"
else
  SILO="dotnet $SWEEP_BIN_DIR/sweep-silo.dll"; SWEEP="dotnet $SWEEP_BIN_DIR/sweep.dll"
fi

# Azurite, installed once by npm into the cache the tests use
AZURITE_DIR="${SWEEP_CACHE:-$HOME/.cache/sweep}/tools/azurite@3.37.0"
[ -x "$AZURITE_DIR/node_modules/.bin/azurite" ] || npm install --silent --prefix "$AZURITE_DIR" azurite@3.37.0 >/dev/null
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
BLOB=$(free_port) QUEUE=$(free_port) TABLE=$(free_port)
SILO_PORTS=($(free_port) $(free_port) $(free_port)) GATEWAYS=($(free_port) $(free_port) $(free_port))
KEY="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="  # Azurite's published dev key
export SWEEP_AZURE_CONNECTION_STRING="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$KEY;BlobEndpoint=http://127.0.0.1:$BLOB/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$QUEUE/devstoreaccount1;TableEndpoint=http://127.0.0.1:$TABLE/devstoreaccount1;"
AZURITE_PID="" PIDS=(0 0 0)
start_azurite() {
  "$AZURITE_DIR/node_modules/.bin/azurite" --silent --skipApiVersionCheck --disableTelemetry --loose --location "$WORK/azurite" \
    --blobHost 127.0.0.1 --blobPort "$BLOB" --queueHost 127.0.0.1 --queuePort "$QUEUE" --tableHost 127.0.0.1 --tablePort "$TABLE" \
    >>"$WORK/azurite.log" 2>&1 & AZURITE_PID=$!
  for _ in $(seq 1 600); do (exec 3<>/dev/tcp/127.0.0.1/"$TABLE") 2>/dev/null && return 0; sleep 0.1; done
  echo "Azurite did not start" >&2; exit 1
}
stop_azurite() {  # SIGTERM; it may linger, then it is killed
  kill "$AZURITE_PID" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$AZURITE_PID" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$AZURITE_PID" 2>/dev/null || true; wait "$AZURITE_PID" 2>/dev/null || true
}
cleanup() { for p in "${PIDS[@]}"; do [ "$p" != 0 ] && kill "$p" 2>/dev/null || true; done; stop_azurite; }
trap cleanup EXIT
mkdir -p "$WORK/azurite"
start_azurite

# silo i: 0 control, 1 worker A, 2 worker B (advertised on 127.0.0.2); logs at Information, so the key check sees everything
start_silo() {
  local i=$1 role=Worker address=127.0.0.1 extra=(Sweep__Accelerator=Cpu Sweep__Slots=2)
  [ "$i" = 0 ] && role=Control && extra=()
  [ "$i" = 2 ] && address=127.0.0.2
  env Sweep__Clustering=azure Sweep__Storage=azure "Sweep__Azure__ConnectionString=$SWEEP_AZURE_CONNECTION_STRING" \
    Sweep__Role=$role Sweep__AdvertisedAddress=$address Sweep__SiloPort=${SILO_PORTS[$i]} Sweep__GatewayPort=${GATEWAYS[$i]} \
    Sweep__PumpInterval=00:00:00.5 Logging__LogLevel__Default=Information "${extra[@]}" \
    $SILO >>"$WORK/silo-$i.log" 2>&1 & PIDS[$i]=$!
}
for i in 0 1 2; do start_silo $i; done

seeds=$(seq -s, 1 "$SEEDS")
cat >"$WORK/spec.yaml" <<YAML
name: cluster-restart
tasks: [{ name: sentiment, model: tiny-bert, data: toy-sentiment }]
presets: [B-FP, B-Q4, B-Ada, Joint-1, Joint-2, Joint-3]
seeds: [$seeds]
training: { max_steps: $STEPS }
concurrency: 4
checkpoint_every: 20
YAML
# the control silo's gateway can answer before the workers have joined: a submit refused for want of workers is tried again
for attempt in $(seq 1 60); do
  if ID=$($SWEEP submit "$WORK/spec.yaml" --cluster azure --connect-timeout 120 2>"$WORK/submit.err"); then break; fi
  grep -q "no worker silos" "$WORK/submit.err" && [ "$attempt" -lt 60 ] || { cat "$WORK/submit.err" >&2; exit 1; }
  sleep 1
done
echo "submitted $ID (work dir $WORK)"
status() { $SWEEP status "$ID" --cluster azure --connect-timeout 60 --json 2>>"$WORK/console.err"; }
# kill when at least one trial has finished and one has a checkpoint (step > 20)
for _ in $(seq 1 600); do
  if status | python3 -c 'import json,sys; s=json.load(sys.stdin); t=s["trials"]; sys.exit(0 if all(x["state"]=="Completed" for x in t) or any(x["state"]=="Completed" for x in t) and any(x["state"]=="Running" and ((x.get("progress") or {}).get("step") or 0)>25 for x in t) else 1)'; then break; fi
  sleep 1
done
status >"$WORK/before-kill.json"
python3 - "$WORK/before-kill.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
done = [t["id"] for t in s["trials"] if t["state"] == "Completed"]
running = [(t["id"], (t.get("progress") or {}).get("step")) for t in s["trials"] if t["state"] == "Running"]
print(f"killing every silo (SIGKILL): {len(done)} trial(s) finished, {len(running)} running")
for i, step in running: print(f"   running {i} at step {step}")
PY
kill -9 "${PIDS[@]}"; wait "${PIDS[@]}" 2>/dev/null || true; PIDS=(0 0 0)
sleep 2
echo "restarting the three silos"
for i in 0 1 2; do start_silo $i; done
if [ "$OUTAGE" -gt 0 ]; then
  # once a trial runs again, take storage away for OUTAGE seconds
  for _ in $(seq 1 300); do
    if status | python3 -c 'import json,sys; s=json.load(sys.stdin); t=s["trials"]; sys.exit(0 if all(x["state"]!="Running" and x["state"]!="Pending" for x in t) or any(x["state"]=="Running" and (x.get("progress") or {}).get("step") for x in t) else 1)'; then break; fi
    sleep 1
  done
  echo "stopping Azurite for $OUTAGE s"; stop_azurite; sleep "$OUTAGE"; start_azurite; echo "Azurite is back"
fi
for attempt in 1 2 3 4 5; do   # the console may find the cluster still settling right after the restarts
  if $SWEEP watch "$ID" --cluster azure --connect-timeout 120 >"$WORK/watch.log" 2>>"$WORK/console.err"; then break; fi
  sleep 5
done
tail -n 3 "$WORK/watch.log"
$SWEEP results "$ID" --cluster azure --connect-timeout 120 --out "$WORK/results" 2>>"$WORK/console.err"
python3 - "$WORK/before-kill.json" "$WORK/results/results.json" <<'PY'
import json, sys
before = {t["id"]: t for t in json.load(open(sys.argv[1]))["trials"]}
trials = json.load(open(sys.argv[2]))["trials"]
ids = [t["id"] for t in trials]
states = sorted({t["state"] for t in trials})
print(f"{len(trials)} results, {len(set(ids))} distinct ids, states {states}")
ok = len(trials) == len(before) and len(set(ids)) == len(ids) and states == ["Completed"]
resumed = 0
for t in trials:
    b = before[t["id"]]
    if b["state"] == "Completed":
        if t["attempts"] != b["attempts"]: print(f"  RAN AGAIN: {t['id']}"); ok = False
    elif b["state"] == "Running" and t["attempts"] > b["attempts"]:
        print(f"  resumed: {t['id']} attempts {t['attempts']} from step {t.get('resumed_from_step')} (was at {(b.get('progress') or {}).get('step')}), finished on {t['silo']}")
        if (b.get("progress") or {}).get("step", 0) > 20 and not t.get("resumed_from_step"): ok = False
        resumed += 1
print("finished before the kill and not run again:", sum(1 for b in before.values() if b["state"] == "Completed"))
ok = ok and resumed > 0
print("OK: the sweep completed after losing every silo" if ok else "FAILED")
sys.exit(0 if ok else 1)
PY
if grep -rlF "$KEY" "$WORK"/silo-*.log "$WORK"/console.err "$WORK"/watch.log "$WORK"/results >/dev/null; then
  echo "FAILED: the account key appears in: $(grep -rlF "$KEY" "$WORK"/silo-*.log "$WORK"/console.err "$WORK"/watch.log "$WORK"/results | tr '\n' ' ')"; exit 1
fi
echo "OK: the account key is in no log, error or result file"
