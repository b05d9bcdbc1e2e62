#!/usr/bin/env bash
# Sets up and runs every test suite: Debian packages (apt-get when root), npm packages
# (npm ci), build, type check, lint, then unit, contract, integration and end-to-end tests
# (the browser tests drive Debian's chromium; no browser is ever downloaded).
# Stops with a clear message when something is missing; never skips a suite.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ecn_root"

ecn_check_node
ecn_need_debian redis-server:redis-server prometheus:promtool chromium:chromium poppler-utils:pdftoppm \
  fonts-dejavu-core:/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf freeradius-utils:radclient \
  dnsmasq:/usr/sbin/dnsmasq dnsutils:dig \
  nftables:nft iproute2:ip conntrack:conntrack util-linux:setpriv \
  opennds:/usr/bin/opennds php-cli:php iptables:/usr/sbin/iptables-legacy \
  openssl:openssl systemd:systemd-analyze bsdutils:script \
  mmdebstrap:mmdebstrap binutils:objdump faketime:faketime python3:python3
ecn_npm_ci

step() { printf '\n== %s\n' "$*" >&2; }

step "build";        ecn_build
step "type check";   npm run --silent typecheck
step "lint";         npm run --silent lint
step "tests"
mkdir -p test-artifacts
status=0
npx jest --ci --json --outputFile=test-artifacts/jest-results.json "$@" || status=$?

# The whole box on a busy afternoon, CI-sized (bench/box/run.js --ci: 2 minutes, 40 devices,
# every fault once): fails on a lost acknowledged write, a device wrongly let through or cut, a
# crash, or memory/descriptor growth; its times are printed, never judged.
step "box simulation (CI-sized): namespaces, nftables, the service, ecn dns, RADIUS, console, faults"
if [ "$(id -u)" -ne 0 ]; then
  echo "ecn: the box simulation needs root (network namespaces, nftables, a tmpfs mount); run scripts/test.sh as root" >&2
  status=1
elif ! node bench/box/run.js --ci --out test-artifacts/bench-box-ci; then
  echo "ecn: the box simulation found a violated invariant (see its checks above)" >&2
  status=1
fi

# Summary line, and a failure when any test was skipped or none ran.
node -e '
  const r = require("./test-artifacts/jest-results.json");
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(`\n${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : ""));
  if (r.numTotalTests === 0) { console.error("ecn: no test ran"); process.exit(1); }
  if (skipped > 0) { console.error("ecn: skipped tests are defects; none may be skipped"); process.exit(1); }
' || status=1
exit "$status"
