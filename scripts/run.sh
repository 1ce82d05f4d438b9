#!/usr/bin/env bash
# Runs CrewBuilder locally: Azurite for storage (data under .data/), the self-host on http://localhost:7071
# serving the API and the site. Ctrl-C stops everything.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source scripts/common.sh

ensure_node_modules static-web
build_front_end static-web

mkdir -p .data/azurite
azurite_pid=""
host_pid=""
stop() {
  trap - INT TERM EXIT
  echo; echo "Stopping CrewBuilder…"
  [ -n "$host_pid" ] && kill -TERM "$host_pid" 2>/dev/null && wait "$host_pid" 2>/dev/null
  [ -n "$azurite_pid" ] && kill -TERM "$azurite_pid" 2>/dev/null && wait "$azurite_pid" 2>/dev/null
  exit 0
}
trap stop INT TERM EXIT

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if port_open 10002; then
  echo "Azurite (or another storage emulator) is already listening on 10000-10002; using it."
else
  # Its own session where possible, so Ctrl-C reaches the self-host first and storage stays up while it stops.
  detach=(); command -v setsid >/dev/null && detach=(setsid)
  # A larger young generation spares Azurite a collection pause every few thousand requests.
  NODE_OPTIONS="--max-semi-space-size=64" ${detach[@]+"${detach[@]}"} static-web/node_modules/.bin/azurite --silent --disableTelemetry --location .data/azurite \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 --skipApiVersionCheck --loose &
  azurite_pid=$!
  for _ in $(seq 1 100); do port_open 10002 && break; sleep 0.1; done
fi

export AzureWebJobsStorage="UseDevelopmentStorage=true"
export KeyVault__LocalPath="${KeyVault__LocalPath:-$root/.data/vault}"   # the local stand-in for Key Vault, beside the data
export CREWBUILDER_DEV_AUTH="${CREWBUILDER_DEV_AUTH:-true}"   # local sign-in for any e-mail; refused in Production
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
dotnet build functions/CrewBuilder.Host --nologo -v quiet -clp:ErrorsOnly
dotnet run --project functions/CrewBuilder.Host --no-build --no-launch-profile &
host_pid=$!

for _ in $(seq 1 300); do
  if ! kill -0 "$host_pid" 2>/dev/null; then echo "The self-host stopped; see the messages above."; exit 1; fi
  if node -e "fetch('http://localhost:7071/api/health').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"; then break; fi
  sleep 0.2
done
echo
echo "CrewBuilder is running: http://localhost:7071   (Ctrl-C to stop)"
wait "$host_pid"
