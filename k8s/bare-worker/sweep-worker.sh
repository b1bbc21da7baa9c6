#!/bin/sh
# Runs a Sweep worker silo on this machine (an Apple Silicon Mac) as a member of the cluster whose control silos run in
# Kubernetes: same cluster ids, same Azure membership table and storage. Started by launchd (org.sweep.worker.plist),
# which passes the settings as environment variables; see docs/kubernetes.md.
# Storage: Sweep__Azure__AccountUrl (DefaultAzureCredential, e.g. after `az login`), or else a connection string read
# from the login Keychain item "sweep-storage" (never written in a file).
set -eu
here=$(cd "$(dirname "$0")" && pwd)

if [ -z "${Sweep__Azure__AccountUrl:-}" ] && [ -z "${Sweep__Azure__ConnectionString:-}" ]; then
  if ! Sweep__Azure__ConnectionString=$(security find-generic-password -s sweep-storage -w 2>/dev/null); then
    echo "sweep-worker: no storage settings: set Sweep__Azure__AccountUrl, or store the connection string with" >&2
    echo "  security add-generic-password -s sweep-storage -a \"\$USER\" -w '<connection string>'" >&2
    exit 2
  fi
  export Sweep__Azure__ConnectionString
fi

# The address the pods reach this Mac on (its address on the network routed to the pod network, e.g. a VPN tunnel):
# Sweep__AdvertisedAddress, or the address of the interface named by SWEEP_INTERFACE.
if [ -z "${Sweep__AdvertisedAddress:-}" ]; then
  if [ -z "${SWEEP_INTERFACE:-}" ] || ! Sweep__AdvertisedAddress=$(ipconfig getifaddr "$SWEEP_INTERFACE"); then
    echo "sweep-worker: set Sweep__AdvertisedAddress, or SWEEP_INTERFACE to the interface the pods reach this Mac on" >&2
    exit 2
  fi
  export Sweep__AdvertisedAddress
fi

exec dotnet "$here/sweep-silo.dll"
