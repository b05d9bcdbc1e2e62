#!/usr/bin/env bash
# Sets up and runs the ECN gateway on this machine: npm packages, build, then the service
# with the embedded store (data in ./data), portal on http://localhost:8080.
# Extra arguments go to the service, e.g. `bash scripts/run.sh --config /etc/ecn/config.yaml`.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ecn_root"

ecn_check_node
ecn_npm_ci
ecn_build

echo "ecn: starting the gateway (Ctrl+C stops it). In another terminal: npx ecn tickets create --count 3" >&2
exec node dist/main.js "$@"
