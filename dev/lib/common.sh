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
