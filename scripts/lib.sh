# Shared by run.sh and test.sh: checks Node.js, installs missing Debian packages when root,
# and installs npm packages with `npm ci` when package-lock.json changed.

ecn_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

ecn_die() {
  printf 'ecn: %s\n' "$*" >&2
  exit 1
}

ecn_check_node() {
  command -v node >/dev/null 2>&1 || ecn_die "Node.js 20.19 or newer is required (https://nodejs.org or the NodeSource Debian packages); it is not installed."
  command -v npm >/dev/null 2>&1 || ecn_die "npm is required with Node.js; it is not installed."
  # 20.19 is the first Node.js 20 whose require() loads ES modules (intl-messageformat is one).
  node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)' ||
    ecn_die "Node.js 20.19 or newer is required; this is $(node --version)."
}

# ecn_need_debian "package:command" ... — installs the missing ones with apt-get when root,
# otherwise stops and lists them. Never skips.
ecn_need_debian() {
  local missing=() pair pkg cmd
  for pair in "$@"; do
    pkg="${pair%%:*}"
    cmd="${pair#*:}"
    if [ "${cmd#/}" != "$cmd" ]; then
      [ -e "$cmd" ] || missing+=("$pkg")
    else
      command -v "$cmd" >/dev/null 2>&1 || missing+=("$pkg")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "ecn: installing Debian packages: ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-get install -y -q --no-install-recommends "${missing[@]}" >/tmp/ecn-apt.log 2>&1; then
      apt-get update -q >>/tmp/ecn-apt.log 2>&1 || true
      apt-get install -y -q --no-install-recommends "${missing[@]}" >>/tmp/ecn-apt.log 2>&1 ||
        ecn_die "apt-get could not install: ${missing[*]} (log: /tmp/ecn-apt.log)"
    fi
  else
    ecn_die "missing Debian packages: ${missing[*]}. Install them (sudo apt-get install ${missing[*]}) or run this script as root."
  fi
}

# npm ci, skipped when node_modules was installed from this exact package-lock.json.
ecn_npm_ci() {
  local stamp="$ecn_root/node_modules/.ecn-lock-sha" want
  want="$(sha256sum "$ecn_root/package-lock.json" | cut -d' ' -f1)-$(node --version)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  (cd "$ecn_root" && npm ci --no-audit --no-fund) || ecn_die "npm ci failed"
  printf '%s' "$want" >"$stamp"
}

ecn_build() {
  (cd "$ecn_root" && npm run --silent build) || ecn_die "the TypeScript build failed"
}
