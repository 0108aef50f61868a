#!/usr/bin/env bash
# The Effortmap gateway against nginx as operators run it, in front of the same upstream, measured with wrk in the
# same run. Three processes (plus wrk): the upstream (its own nginx), the nginx reverse proxy (worker_processes auto)
# and the gateway (full work per request: RS256 token validation, per-caller rate limiting, request ids, the edge
# checks). Every case runs two rounds per contender, interleaved (nginx, gateway, nginx, gateway).
#
#   gateway/bench/gateway-vs-nginx.sh [duration, default 20s] [connections, default 64]
#
# Cases:
#   small     GET of a small JSON answer, one token: as fast as possible (throughput; latency includes queueing)
#   paced     the same request, each connection pausing PACED_GAP_MS on average (exponential) between requests: the
#             same offered load below saturation for both, so the latency difference is what the proxy adds
#   bulk      POST of BODY_BYTES (1 MiB) NDJSON bodies streamed through to an upstream that reads them whole: MB/s
#   tokens    GET with TOKEN_COUNT (10,000) distinct valid tokens in rotation (each its own caller): every token comes
#             back only after all others, so signature checks and per-caller state are not hidden by one hot entry
# For each run: requests/s (MB/s for bulk), p50 and p99 latency, and CPU time per request of the proxy's own
# processes (user+sys from /proc over the run, divided by the requests served). CPU per request hardly depends on
# other load on the machine, so it is the figure to compare builds by on a busy machine; throughput and latency need
# an idle one.
#
# Environment:
#   CASES="small paced bulk tokens"  which cases to run
#   PACED_GAP_MS=4   mean pause per connection in the paced case    BODY_BYTES=1048576, BULK_CONNECTIONS=16
#   TOKEN_COUNT=10000                                               WARMUP=10s (the gateway's JIT, before each case)
#   GATEWAY_JAR=<quarkus-run.jar>    the gateway build to measure (default: this checkout's, built if missing)
#   BASELINE_JAR=<quarkus-run.jar>   a second gateway build measured in the same run as a third contender
#                                    ("baseline"), e.g. main's build for a before/after comparison
#   GATEWAY_JAVA_OPTS (default -Xmx256m)     BENCH_PORT=18091 (first of the ports used; the next seven are used too)
#   BASELINE_JAVA_OPTS (default GATEWAY_JAVA_OPTS)  the baseline's JVM options: the same build with another setting
#                                    (e.g. -Dquarkus.vertx.event-loops-pool-size=2) is a before/after comparison too
#   KEEP_LOGS=1      keep the work folder (gateway logs, wrk outputs) and print its path
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BENCH="$ROOT/gateway/bench"
DURATION="${1:-20s}"
CONNECTIONS="${2:-64}"
CASES="${CASES:-small paced bulk tokens}"
PACED_GAP_MS="${PACED_GAP_MS:-4}"
BODY_BYTES="${BODY_BYTES:-1048576}"
BULK_CONNECTIONS="${BULK_CONNECTIONS:-16}"
TOKEN_COUNT="${TOKEN_COUNT:-10000}"
WARMUP="${WARMUP:-10s}"
BASE_PORT="${BENCH_PORT:-18091}"
UPSTREAM_PORT=$BASE_PORT NGINX_PORT=$((BASE_PORT + 1))
for port in $(seq "$BASE_PORT" $((BASE_PORT + 5))); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "Port $port is in use: choose other ports with BENCH_PORT=<first of 6 free ports>" >&2
    exit 1
  fi
done
WORK="$(mktemp -d)"
CLK_TCK=$(getconf CLK_TCK)

for tool in nginx wrk; do
  command -v "$tool" >/dev/null || { echo "Installing $tool"; apt-get install -y -qq nginx wrk >/dev/null; }
done
JAVA_HOME="$("$ROOT/effortmap" java-home)"
JAR="${GATEWAY_JAR:-$ROOT/gateway/target/quarkus-app/quarkus-run.jar}"
[ -f "$JAR" ] || "$ROOT/effortmap" build

declare -A PORT MANAGEMENT PID
CONTENDERS=(nginx gateway)
PORT[nginx]=$NGINX_PORT
PORT[gateway]=$((BASE_PORT + 2)); MANAGEMENT[gateway]=$((BASE_PORT + 3))
if [ -n "${BASELINE_JAR:-}" ]; then
  CONTENDERS+=(baseline)
  PORT[baseline]=$((BASE_PORT + 4)); MANAGEMENT[baseline]=$((BASE_PORT + 5))
fi

cleanup() {
  for name in gateway baseline; do
    [ -n "${PID[$name]:-}" ] && kill "${PID[$name]}" 2>/dev/null || true
  done
  for conf in upstream proxy; do
    [ -f "$WORK/$conf.pid" ] && kill "$(cat "$WORK/$conf.pid")" 2>/dev/null || true
  done
  if [ -n "${KEEP_LOGS:-}" ]; then echo "Logs and wrk outputs kept in $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

# The upstream, in its own nginx: answers like an Effortmap service (nosniff, no-store). Bulk POSTs are read whole
# before the answer (a mirror subrequest needs the body first; the answer then comes from the static module, whose
# 405 for a POST becomes a 200 with the same JSON), as a service reads a bulk upload before it answers; a plain
# `return` would answer at once and let a proxy drop the rest of the body unsent.
mkdir -p "$WORK/www" "$WORK/upstream" "$WORK/proxy"
# Run as root, nginx's workers are "nobody": they read the answer file and may spool bodies here.
chmod 755 "$WORK" "$WORK/www" && chmod 777 "$WORK/upstream" "$WORK/proxy"
printf '{"id":"s1","status":"ACTIVE"}' > "$WORK/www/ok.json"
cat > "$WORK/upstream.conf" <<CONF
worker_processes auto;
pid $WORK/upstream.pid;
error_log $WORK/upstream-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  client_max_body_size 16m;
  client_body_buffer_size 2m;
  client_body_temp_path $WORK/upstream;
  server {
    listen 127.0.0.1:$UPSTREAM_PORT;
    add_header X-Content-Type-Options nosniff always;
    add_header Cache-Control no-store always;
    location /api/v1/responses/ {
      mirror /read-body;
      mirror_request_body on;
      root $WORK/www;
      try_files /ok.json =404;
      error_page 405 =200 /ok.json;
    }
    location = /read-body { internal; return 204; }
    location = /ok.json { root $WORK/www; default_type application/json; }
    location / {
      default_type application/json;
      return 200 '{"id":"s1","status":"ACTIVE"}';
    }
  }
}
CONF
# The nginx reverse proxy as operators run it: one worker per core, keep-alive connections to the upstream, request
# bodies streamed rather than spooled to disk (proxy_request_buffering off), no access log (the gateway runs without
# its access line too).
cat > "$WORK/proxy.conf" <<CONF
worker_processes auto;
pid $WORK/proxy.pid;
error_log $WORK/proxy-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  client_max_body_size 16m;
  client_body_temp_path $WORK/proxy;
  upstream app { server 127.0.0.1:$UPSTREAM_PORT; keepalive 64; keepalive_requests 1000000; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location /api/v1/ {
      proxy_pass http://app;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_request_buffering off;
    }
  }
}
CONF
nginx -c "$WORK/upstream.conf" -p "$WORK" -e "$WORK/upstream-error.log"
nginx -c "$WORK/proxy.conf" -p "$WORK" -e "$WORK/proxy-error.log"

# Tokens signed like Keycloak's (RS256), verified by the gateway against the matching public key.
KEYS="$ROOT/test-support/src/main/resources/effortmap-test-keys"
ISSUER=https://keycloak.bench/realms/effortmap
"$JAVA_HOME/bin/java" "$BENCH/MintTokens.java" "$KEYS/private.pem" "$TOKEN_COUNT" "$ISSUER" 7200 > "$WORK/tokens.txt"
TOKEN="$(head -1 "$WORK/tokens.txt")"

start_gateway() { # name jar java-options
  local name=$1 jar=$2 options=$3
  HTTP_PORT=${PORT[$name]} MANAGEMENT_PORT=${MANAGEMENT[$name]} SURVEY_SERVICE_URL=http://127.0.0.1:$UPSTREAM_PORT \
    QUARKUS_OIDC_AUTH_SERVER_URL= \
    QUARKUS_OIDC_PUBLIC_KEY="$(grep -v -- ----- "$KEYS/public.pem" | tr -d '\n')" \
    QUARKUS_OIDC_TOKEN_ISSUER=$ISSUER \
    RATE_LIMIT_API_BURST=2000000000 RATE_LIMIT_API_PER_SECOND=2000000000 \
    QUARKUS_LOG_LEVEL=WARN \
    "$JAVA_HOME/bin/java" $options -jar "$jar" > "$WORK/$name.log" 2>&1 &
  PID[$name]=$!
}
await_gateway() { # name
  local name=$1 url="http://127.0.0.1:${PORT[$1]}"
  for _ in $(seq 1 240); do
    kill -0 "${PID[$name]}" 2>/dev/null || { echo "$name exited:"; cat "$WORK/$name.log"; exit 1; }
    # Health is on the management port (a build from before it existed serves it on the public port).
    curl -sf "http://127.0.0.1:${MANAGEMENT[$name]}/q/health/ready" >/dev/null && break
    curl -sf "$url/q/health/ready" >/dev/null && break
    sleep 0.5
  done
  local status
  status=$(curl -s -m 10 -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$url/api/v1/surveys/s1")
  [ "$status" = 200 ] || { echo "$name answered $status with the bench token"; cat "$WORK/$name.log"; exit 1; }
  [ "$(curl -s -m 10 -o /dev/null -w '%{http_code}' "$url/api/v1/surveys/s1")" = 401 ] \
    || { echo "$name accepted a request without a token"; exit 1; }
}
GATEWAY_JAVA_OPTS="${GATEWAY_JAVA_OPTS:--Xmx256m}"
start_gateway gateway "$JAR" "$GATEWAY_JAVA_OPTS"
[ -n "${BASELINE_JAR:-}" ] && start_gateway baseline "$BASELINE_JAR" "${BASELINE_JAVA_OPTS:-$GATEWAY_JAVA_OPTS}"
await_gateway gateway
[ -n "${BASELINE_JAR:-}" ] && await_gateway baseline
# The upstream reads a bulk body whole before answering, through both proxies.
head -c "$BODY_BYTES" /dev/zero | tr '\0' ' ' > "$WORK/body.ndjson"
for name in "${CONTENDERS[@]}"; do
  status=$(curl -s -m 30 -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/x-ndjson' \
    --data-binary @"$WORK/body.ndjson" "http://127.0.0.1:${PORT[$name]}/api/v1/responses/bulk")
  [ "$status" = 200 ] || { echo "$name answered $status to a bulk POST"; exit 1; }
done

# Processes whose CPU time counts for a contender: the gateway's JVM; the nginx proxy's master and workers.
pids_of() {
  case $1 in
    nginx) local master; master=$(cat "$WORK/proxy.pid"); echo "$master $(pgrep -P "$master" | tr '\n' ' ')" ;;
    upstream) local master; master=$(cat "$WORK/upstream.pid"); echo "$master $(pgrep -P "$master" | tr '\n' ' ')" ;;
    *) echo "${PID[$1]}" ;;
  esac
}
# user+sys clock ticks of the given processes (all their threads); the command name may hold spaces, so fields are
# counted after its closing parenthesis.
cpu_ticks() {
  local total=0 pid
  for pid in "$@"; do
    total=$((total + $(awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$pid/stat")))
  done
  echo "$total"
}

url_of() { echo "http://127.0.0.1:${PORT[$1]}/api/v1/${2:-surveys/s1}"; }
wrk_case() { # case contender duration
  local url
  case $1 in
    small) wrk -t2 -c"$CONNECTIONS" -d"$3" --latency -H "Authorization: Bearer $TOKEN" "$(url_of "$2")" ;;
    paced) MEAN_GAP_MS="$PACED_GAP_MS" wrk -t2 -c"$CONNECTIONS" -d"$3" --latency -s "$BENCH/paced.lua" \
             -H "Authorization: Bearer $TOKEN" "$(url_of "$2")" ;;
    bulk) BODY_BYTES="$BODY_BYTES" wrk -t2 -c"$BULK_CONNECTIONS" -d"$3" --latency -s "$BENCH/bulk.lua" \
             -H "Authorization: Bearer $TOKEN" "$(url_of "$2" responses/bulk)" ;;
    tokens) TOKENS_FILE="$WORK/tokens.txt" wrk -t2 -c"$CONNECTIONS" -d"$3" --latency -s "$BENCH/tokens.lua" \
             "$(url_of "$2")" ;;
  esac
}
# One measured run: wrk's output plus the CPU the contender's and the upstream's processes used meanwhile.
measure() { # case contender round
  local out="$WORK/$1-$2-$3" pids upstream before upstream_before
  pids=$(pids_of "$2"); upstream=$(pids_of upstream)
  before=$(cpu_ticks $pids); upstream_before=$(cpu_ticks $upstream)
  wrk_case "$1" "$2" "$DURATION" > "$out.txt"
  echo "$(( $(cpu_ticks $pids) - before )) $(( $(cpu_ticks $upstream) - upstream_before ))" > "$out.cpu"
}

rps() { awk '/Requests\/sec/ {print $2}' "$1"; }
requests() { awk '/requests in/ {print $1}' "$1"; }
pct() { awk -v p="$2" '$1 == p {print $2}' "$1"; }
ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) { sub(/us$/, "", v); print v / 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v); print v } else { sub(/s$/, "", v); print v * 1000 } }'; }
# CPU microseconds per request from clock ticks.
per_request() { awk -v t="$1" -v n="$2" -v hz="$CLK_TCK" 'BEGIN { if (n > 0) printf "%.1f", t * 1e6 / hz / n; else print "-" }'; }

report_row() { # case contender round
  local out="$WORK/$1-$2-$3" rate ticks upstream_ticks n
  n=$(requests "$out.txt"); read -r ticks upstream_ticks < "$out.cpu"
  rate=$(rps "$out.txt")
  if [ "$1" = bulk ]; then rate=$(awk -v r="$rate" -v b="$BODY_BYTES" 'BEGIN { printf "%.1f MB/s", r * b / 1e6 }'); fi
  printf '%-8s %-9s %5s %16s %9.2f %9.2f %14s %14s\n' "$1" "$2" "$3" "$rate" "$(ms "$(pct "$out.txt" 50%)")" \
    "$(ms "$(pct "$out.txt" 99%)")" "$(per_request "$ticks" "$n")" "$(per_request "$upstream_ticks" "$n")"
  grep -E "Non-2xx|Socket errors" "$out.txt" | sed "s/^/         $2 round $3: /" >&2 || true
}
# Mean over the rounds of one contender: requests/s, p99 (ms), CPU us/request.
mean_of() { # case contender field(rps|p99|p50|cpu)
  local round sum=0 value ticks upstream_ticks
  for round in 1 2; do
    local out="$WORK/$1-$2-$round"
    case $3 in
      rps) value=$(rps "$out.txt") ;;
      p50) value=$(ms "$(pct "$out.txt" 50%)") ;;
      p99) value=$(ms "$(pct "$out.txt" 99%)") ;;
      cpu) read -r ticks upstream_ticks < "$out.cpu"; value=$(per_request "$ticks" "$(requests "$out.txt")") ;;
    esac
    sum=$(awk -v s="$sum" -v v="$value" 'BEGIN { print s + v }')
  done
  awk -v s="$sum" 'BEGIN { print s / 2 }'
}

echo "Contenders: ${CONTENDERS[*]} (nginx $(nginx -v 2>&1 | sed 's/.*\///'), worker_processes auto); $(nproc) cores;"
echo "$DURATION per run, $CONNECTIONS connections ($BULK_CONNECTIONS for bulk), two rounds each, cases: $CASES"
for case in $CASES; do
  echo "Warming up for '$case' ($WARMUP per gateway)..."
  for name in "${CONTENDERS[@]}"; do
    [ "$name" = nginx ] || wrk_case "$case" "$name" "$WARMUP" > /dev/null
  done
  for round in 1 2; do
    for name in "${CONTENDERS[@]}"; do
      measure "$case" "$name" "$round"
    done
  done
done

printf '\n%-8s %-9s %5s %16s %9s %9s %14s %14s\n' case proxy round "requests/s" "p50 ms" "p99 ms" "proxy CPU us/req" "upstream us/req"
for case in $CASES; do
  for round in 1 2; do
    for name in "${CONTENDERS[@]}"; do report_row "$case" "$name" "$round"; done
  done
done
echo
for case in $CASES; do
  for name in "${CONTENDERS[@]}"; do
    [ "$name" = nginx ] && continue
    summary=$(awk -v g="$(mean_of "$case" "$name" rps)" -v n="$(mean_of "$case" nginx rps)" \
      -v gc="$(mean_of "$case" "$name" cpu)" -v nc="$(mean_of "$case" nginx cpu)" \
      -v g50="$(mean_of "$case" "$name" p50)" -v n50="$(mean_of "$case" nginx p50)" \
      -v g99="$(mean_of "$case" "$name" p99)" -v n99="$(mean_of "$case" nginx p99)" \
      'BEGIN { printf "throughput %.0f%% of nginx, CPU per request %.1fx nginx'"'"'s (%.1f vs %.1f us), added p50 %.2f ms, added p99 %.2f ms", 100 * g / n, gc / nc, gc, nc, g50 - n50, g99 - n99 }')
    echo "$case, $name (mean of 2 rounds): $summary"
  done
done
echo "(paced: same offered load for all, so added p99 is the latency the proxy adds; small: closed loop, latency includes queueing)"
