# Shared by dev/ and bench/ scripts: where things are, and the JDK the project needs.
# shellcheck shell=bash

DEVHEALTH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export DEVHEALTH_ROOT

die() {
  echo "error: $*" >&2
  exit 1
}

# JDK 25: JAVA_HOME when it is 25+, else Temurin's usual path. Exports JAVA_HOME.
require_jdk25() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    if "$candidate/bin/java" -XshowSettings:properties -version 2>&1 | grep -Eq 'java\.specification\.version = (2[5-9]|[3-9][0-9])'; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  die "JDK 25 not found: install Temurin 25 (/usr/lib/jvm/temurin-25-jdk-amd64) or point JAVA_HOME at a JDK 25"
}

# Installs Debian packages when running as root; otherwise says what to install and stops.
install_packages() {
  [ "$(id -u)" -eq 0 ] || die "missing $*: install it (sudo apt-get install $*) and run again"
  echo "installing $* (apt-get)"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# A port nothing listens on (a connect over bash's /dev/tcp fails).
free_port() {
  local candidate
  for _ in $(seq 50); do
    candidate=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  die "no free port found"
}

# Waits until "$@" succeeds, at most $1 seconds (polling every 0.2 s). Returns 1 on timeout.
wait_until() {
  local timeout=$1
  shift
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.2
  done
}

RUNTIME_BASE="${DEVHEALTH_RUNTIME_DIR:-/var/tmp/devhealth-$(id -u)}"

# The runtime directory: what processes that drop root's privileges (PostgreSQL, nginx's workers, as nobody) must
# reach, which a root-only checkout (a CI clone under a 0700 temporary directory) is not. It holds the binaries root
# runs (as nobody) and what they serve: it must be ours alone. Under
# the world-writable /var/tmp another local user could create it first (or plant a symlink there) and swap what
# we run or write. So it is created 0755 by us, and an existing one is used only when it is a real directory
# owned by us that nobody else can write to; anything else is refused, loudly.
trusted_runtime_base() {
  local uid owner mode
  uid=$(id -u)
  if [ ! -e "$RUNTIME_BASE" ] && [ ! -L "$RUNTIME_BASE" ]; then
    mkdir -p -- "$(dirname -- "$RUNTIME_BASE")"
    mkdir -m 755 -- "$RUNTIME_BASE" 2>/dev/null || true # lost a race: the checks below judge the winner
  fi
  [ ! -L "$RUNTIME_BASE" ] || die "refusing the runtime directory $RUNTIME_BASE: it is a symbolic link (planted by someone else?); remove it or set DEVHEALTH_RUNTIME_DIR"
  [ -d "$RUNTIME_BASE" ] || die "refusing the runtime directory $RUNTIME_BASE: not a directory; remove it or set DEVHEALTH_RUNTIME_DIR"
  read -r owner mode < <(stat -c '%u %a' -- "$RUNTIME_BASE")
  [ "$owner" = "$uid" ] || die "refusing the runtime directory $RUNTIME_BASE: it belongs to uid $owner, not to uid $uid (created by another user?); remove it or set DEVHEALTH_RUNTIME_DIR"
  (( (8#$mode & 8#022) == 0 )) || die "refusing the runtime directory $RUNTIME_BASE: others can write to it (mode $mode); remove it or set DEVHEALTH_RUNTIME_DIR"
  # As root the cluster user (nobody) must traverse it.
  [ "$uid" -ne 0 ] || chmod 755 -- "$RUNTIME_BASE"
}
