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
  mmdebstrap:mmdebstrap binutils:objdump
ecn_npm_ci

step() { printf '\n== %s\n' "$*" >&2; }

step "build";        ecn_build
step "type check";   npm run --silent typecheck
step "lint";         npm run --silent lint
step "tests"
mkdir -p test-artifacts
status=0
npx jest --ci --json --outputFile=test-artifacts/jest-results.json "$@" || status=$?

# Summary line, and a failure when any test was skipped or none ran.
node -e '
  const r = require("./test-artifacts/jest-results.json");
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(`\n${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : ""));
  if (r.numTotalTests === 0) { console.error("ecn: no test ran"); process.exit(1); }
  if (skipped > 0) { console.error("ecn: skipped tests are defects; none may be skipped"); process.exit(1); }
' || status=1
exit "$status"
