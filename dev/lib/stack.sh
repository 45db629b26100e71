# The local stack's processes, shared by dev/up and dev/down. State (data, logs, pids) lives in .devhealth/.
# shellcheck shell=bash

STATE="$DEVHEALTH_ROOT/.devhealth"
GATEWAY_PORT=${DEVHEALTH_GATEWAY_PORT:-8080}
IDENTITY_PORT=8081
ANALYTICS_PORT=8082
SYNC_PORT=8083
POSTGRES_PORT=55432
CLICKHOUSE_PORT=18123
SERVICES=(identity-service analytics-service sync-service)

nginx_bin() {
  if command -v nginx >/dev/null; then nginx "$@"; else /usr/sbin/nginx "$@"; fi
}

# Builds the services when a jar is missing or any source is newer than it; stops stale services after a build.
build_if_needed() {
  local stale=""
  for service in "${SERVICES[@]}"; do
    local jar="$DEVHEALTH_ROOT/$service/target/quarkus-app/quarkus-run.jar"
    if [ ! -f "$jar" ] || [ -n "$(find "$DEVHEALTH_ROOT"/{pom.xml,migrations,service-support,test-engines/pom.xml,"$service"/pom.xml,"$service"/src} \
        -newer "$jar" -type f -print -quit 2>/dev/null)" ]; then
      stale="$stale $service"
    fi
  done
  # The dashboard's bundle and the CLI's jar are built by the same reactor build.
  local artifact
  for artifact in dashboard/target/dist/index.html:dashboard cli/target/devhealth-cli.jar:cli; do
    local file="$DEVHEALTH_ROOT/${artifact%%:*}" module="${artifact##*:}"
    if [ ! -f "$file" ] || [ -n "$(find "$DEVHEALTH_ROOT/$module" -path "$DEVHEALTH_ROOT/$module/target" -prune -o \
        -path "$DEVHEALTH_ROOT/$module/node_modules" -prune -o -type f -newer "$file" -print -quit 2>/dev/null)" ]; then
      stale="$stale $module"
    fi
  done
  if [ -z "$stale" ]; then
    echo "up to date"
    return 0
  fi
  echo "building:$stale (first build downloads dependencies: a few minutes)"
  (cd "$DEVHEALTH_ROOT" && ./mvnw -B -q -DskipTests package) || die "build failed"
  for service in "${SERVICES[@]}"; do
    stop_service "$service"
    # A service that recorded an AOT cache wrote it for the jar it ran, not the one just built.
    rm -f "$DEVHEALTH_ROOT/$service/target/quarkus-app/app.aot"
  done
}

# The secret sync-service uses to get service tokens from identity-service: random, made once per checkout.
stack_secret() {
  local file="$STATE/service-secret"
  if [ ! -s "$file" ]; then
    mkdir -p "$STATE"
    (umask 077 && head -c 32 /dev/urandom | base64 | tr -d '/+=\n' >"$file")
  fi
  cat "$file"
}

# The RS256 key identity-service signs tokens with (PEM PKCS#8), made once per checkout: tokens survive restarts.
# Production mounts its own from a Kubernetes Secret (DEVHEALTH_JWT_PRIVATE_KEY_LOCATION).
stack_signing_key() {
  local file="$STATE/jwt-signing-key.pem"
  if [ ! -s "$file" ]; then
    command -v openssl >/dev/null || install_packages openssl
    mkdir -p "$STATE"
    (umask 077 && openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$file" 2>/dev/null) \
      || die "could not generate $file with openssl"
  fi
  echo "$file"
}

# The master key that wraps integration credentials' data keys, as keyId:base64 (DEVHEALTH_CREDENTIALS_MASTER_KEYS):
# random, made once per checkout and kept, since credentials stored under it are unreadable without it.
stack_master_key() {
  local file="$STATE/credentials-master-key"
  if [ ! -s "$file" ]; then
    mkdir -p "$STATE"
    (umask 077 && printf 'local-%s:%s\n' "$(date +%Y%m%d)" "$(head -c 32 /dev/urandom | base64 | tr -d '\n')" >"$file")
  fi
  cat "$file"
}

# The operator's local roots of the local stack (devhealth.sync.local-roots, identity- and sync-service): every
# repository dev/up was asked to sync, one per line in .devhealth/local-roots. add_local_root PATH records one and
# succeeds only when it is new (services started before then do not know it); local_roots prints them as the
# comma-separated list the services read (a comma inside a path escaped).
add_local_root() {
  local file="$STATE/local-roots"
  mkdir -p "$STATE"
  touch "$file"
  grep -Fxq -- "$1" "$file" && return 1
  printf '%s\n' "$1" >>"$file"
}

local_roots() {
  sed 's/,/\\,/g' "$STATE/local-roots" | paste -sd, -
}

service_pid() {
  local pid_file="$STATE/$1.pid"
  [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null && cat "$pid_file"
}

# start_service NAME PORT [VAR=value…]: runs the service's jar in the background unless it already runs. NAME is the
# module (identity-service, …), or MODULE.INSTANCE for another replica of it (its own pid file and log).
start_service() {
  local name=$1 port=$2 module=${1%%.*}
  shift 2
  if service_pid "$name" >/dev/null; then
    echo "$name already running (pid $(service_pid "$name"))"
    return 0
  fi
  local app="$DEVHEALTH_ROOT/$module/target/quarkus-app"
  # The production flags (src/main/docker/jvm.options: heap, metaspace, GC), and the AOT cache when -Paot trained one.
  local jvm_options=("@$DEVHEALTH_ROOT/$module/src/main/docker/jvm.options")
  # A cache older than the jar would be refused by the JVM: without a current one (-Paot trains it in the build), this
  # run records one, written when the service stops (dev/down), and the next dev/up starts from it.
  if [ -f "$app/app.aot" ] && [ "$app/app.aot" -nt "$app/quarkus-run.jar" ]; then
    jvm_options+=("-XX:AOTCache=$app/app.aot")
  else
    rm -f "$app/app.aot"
    jvm_options+=("-XX:AOTCacheOutput=$app/app.aot")
  fi
  env QUARKUS_LOG_CONSOLE_JSON_ENABLED=false "$@" QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$port" \
    setsid nohup "$JAVA_HOME/bin/java" "${jvm_options[@]}" -jar "$app/quarkus-run.jar" \
    >"$STATE/logs/$name.log" 2>&1 </dev/null &
  echo $! >"$STATE/$name.pid"
  echo "$name starting on 127.0.0.1:$port (pid $!, log .devhealth/logs/$name.log)"
}

wait_ready() {
  local name=$1 port=$2
  if ! wait_until 120 curl -fsS "http://127.0.0.1:$port/q/health/ready"; then
    tail -n 40 "$STATE/logs/$name.log" >&2 || true
    die "$name did not become ready on port $port (log: $STATE/logs/$name.log)"
  fi
  echo "$name ready"
}

stop_service() {
  local name=$1 pid
  pid=$(service_pid "$name") || { rm -f "$STATE/$name.pid"; return 0; }
  kill "$pid"
  wait_until 30 bash -c "! kill -0 $pid" || kill -9 "$pid" 2>/dev/null || true
  rm -f "$STATE/$name.pid"
  echo "$name stopped"
}

start_gateway() {
  local dir="$STATE/gateway"
  mkdir -p "$dir"
  # DEVHEALTH_DASHBOARD_ROOT: a directory with the dashboard's index.html, served at / (default: the built dashboard,
  # dashboard/target/dist; none built: / answers 404).
  local dashboard="${DEVHEALTH_DASHBOARD_ROOT:-$DEVHEALTH_ROOT/dashboard/target/dist}"
  [ -f "$dashboard/index.html" ] || dashboard=""
  "$DEVHEALTH_ROOT/dev/gateway/render" "$dir" "$GATEWAY_PORT" "$IDENTITY_PORT" "$ANALYTICS_PORT" "$SYNC_PORT" \
    "$dashboard" || die "could not render the gateway configuration"
  nginx_bin -t -q -p "$dir" -e "$dir/error.log" -c "$dir/nginx.conf" || die "invalid gateway configuration"
  if [ -f "$dir/nginx.pid" ] && kill -0 "$(cat "$dir/nginx.pid")" 2>/dev/null; then
    nginx_bin -p "$dir" -e "$dir/error.log" -c "$dir/nginx.conf" -s reload
    echo "gateway reloaded"
  else
    nginx_bin -p "$dir" -e "$dir/error.log" -c "$dir/nginx.conf"
    echo "gateway listening on http://127.0.0.1:$GATEWAY_PORT"
  fi
}

stop_gateway() {
  local dir="$STATE/gateway"
  if [ -f "$dir/nginx.pid" ] && kill -0 "$(cat "$dir/nginx.pid")" 2>/dev/null; then
    nginx_bin -p "$dir" -e "$dir/error.log" -c "$dir/nginx.conf" -s quit
    echo "gateway stopped"
  fi
}

# start_stack_service NAME LOCAL_ROOTS [IDENTITY_URL PORT]: starts one service (not waiting for it) with the stack's
# environment — the engines on this file's ports, the stack's secrets, the bootstrap admin ADMIN_EMAIL / ADMIN_PASSWORD,
# and the operator's local roots (comma-separated) under which git repositories may be synced. NAME sync-service.X
# starts another sync-service replica on PORT, reaching identity at IDENTITY_URL (e.g. through a proxy a test cuts).
start_stack_service() {
  local common=(
    DEVHEALTH_SYNC_LOCAL_ROOTS="$2"
    QUARKUS_PROFILE=prod
    DEVHEALTH_IDENTITY_URL="${3:-http://127.0.0.1:$IDENTITY_PORT}"
    DEVHEALTH_SERVICE_SECRET="$(stack_secret)"
    DEVHEALTH_CLICKHOUSE_URL="http://127.0.0.1:$CLICKHOUSE_PORT"
    DEVHEALTH_CLICKHOUSE_DATABASE=devhealth
  )
  case "$1" in
    identity-service)
      start_service identity-service "$IDENTITY_PORT" "${common[@]}" \
        QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:$POSTGRES_PORT/devhealth" \
        QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$POSTGRES_PORT/devhealth" \
        QUARKUS_DATASOURCE_USERNAME=devhealth_app QUARKUS_DATASOURCE_PASSWORD=devhealth \
        QUARKUS_FLYWAY_USERNAME=devhealth_migrator QUARKUS_FLYWAY_PASSWORD=devhealth \
        DEVHEALTH_CREDENTIALS_MASTER_KEYS="$(stack_master_key)" \
        DEVHEALTH_BOOTSTRAP_ADMIN_EMAIL="$ADMIN_EMAIL" DEVHEALTH_BOOTSTRAP_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
        DEVHEALTH_JWT_PRIVATE_KEY_LOCATION="$(stack_signing_key)" ;;
    sync-service) start_service sync-service "$SYNC_PORT" "${common[@]}" ;;
    sync-service.*) start_service "$1" "${4:?no port given for the replica}" "${common[@]}" ;;
    analytics-service) start_service analytics-service "$ANALYTICS_PORT" "${common[@]}" ;;
    *) die "unknown service: $1" ;;
  esac
}

# --- a private stack (benchmarks): the same processes over a scratch directory and free ports --------------------
# use_private_stack DIR: points STATE and the ports (this file's globals) at DIR and free ports, so a developer's
# .devhealth/ and its ports are never touched; PG_DIR and CH_DIR hold the engines' data. Call before anything else.
use_private_stack() {
  PRIVATE_DIR=$1
  STATE="$PRIVATE_DIR/state"
  GATEWAY_PORT=$(free_port)
  IDENTITY_PORT=$(free_port)
  ANALYTICS_PORT=$(free_port)
  SYNC_PORT=$(free_port)
  POSTGRES_PORT=$(free_port)
  CLICKHOUSE_PORT=$(free_port)
  PG_DIR="$PRIVATE_DIR/postgres"
  CH_DIR="$PRIVATE_DIR/clickhouse"
  ADMIN_EMAIL=admin@devhealth.local
  ADMIN_PASSWORD=$(head -c 12 /dev/urandom | base64 | tr -d '/+=')
}

# Stops whatever the private stack runs (by pid files) and destroys its PostgreSQL cluster (kept outside DIR as root).
stop_private_stack() {
  stop_gateway >/dev/null 2>&1 || true
  local pid_file
  for service in "${SERVICES[@]}"; do
    stop_service "$service" >/dev/null 2>&1 || true
  done
  for pid_file in "$STATE"/*.pid; do # replicas a benchmark added (MODULE.INSTANCE)
    [ -f "$pid_file" ] && { stop_service "$(basename "$pid_file" .pid)" >/dev/null 2>&1 || true; }
  done
  "$DEVHEALTH_ROOT/dev/engines/clickhouse" stop "$CH_DIR" >/dev/null 2>&1 || true
  "$DEVHEALTH_ROOT/dev/engines/postgres" destroy "$PG_DIR" >/dev/null 2>&1 || true
}

# start_private_stack [CLICKHOUSE_QUERY_LOG]: wipes DIR, starts PostgreSQL, the ClickHouse facade (logging every
# statement to the file, when given), the three services (prod profile, dev/up's environment, the bootstrap admin
# ADMIN_EMAIL / ADMIN_PASSWORD, git repositories under DIR allowed) and the gateway; returns when all are ready.
start_private_stack() {
  local query_log=${1:-}
  stop_private_stack
  rm -rf "$PRIVATE_DIR"
  mkdir -p "$STATE/logs"
  echo "starting a private stack in $PRIVATE_DIR (gateway 127.0.0.1:$GATEWAY_PORT) ..."
  "$DEVHEALTH_ROOT/dev/engines/postgres" start "$PG_DIR" "$POSTGRES_PORT" devhealth >/dev/null
  start_private_clickhouse "$query_log"
  curl -fsS -u default:devhealth "http://127.0.0.1:$CLICKHOUSE_PORT/" --data-binary 'CREATE DATABASE IF NOT EXISTS devhealth' >/dev/null
  local service
  for service in "${SERVICES[@]}"; do
    start_stack_service "$service" "$PRIVATE_DIR" >/dev/null
  done
  wait_ready identity-service "$IDENTITY_PORT" >/dev/null
  wait_ready sync-service "$SYNC_PORT" >/dev/null
  wait_ready analytics-service "$ANALYTICS_PORT" >/dev/null
  start_gateway >/dev/null
  echo "stack ready (logs in $STATE/logs)"
}

# (Re)starts the private stack's ClickHouse facade on its port and data (tables survive a restart).
start_private_clickhouse() {
  DEVHEALTH_CLICKHOUSE_QUERY_LOG="${1:-}" "$DEVHEALTH_ROOT/dev/engines/clickhouse" start "$CH_DIR" "$CLICKHOUSE_PORT" >/dev/null
}

