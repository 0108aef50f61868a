#!/usr/bin/env bash
# Puts nginx and the Effortmap gateway in front of the same upstream on this machine and measures both with wrk in
# the same run. The gateway does its full work per request: RS256 token validation (signature, issuer, audience,
# expiry), rate limiting (a bucket large enough never to reject) and request-id handling.
#   gateway/bench/gateway-vs-nginx.sh [duration, default 20s] [connections, default 64]
# GATEWAY_JAVA_OPTS overrides the gateway JVM options (default -Xmx256m); PACED_GAP_MS the paced runs' mean gap
# between a connection's requests (default 4 ms); GATEWAY_JAR another build of the gateway (quarkus-run.jar), to
# compare two versions on the same machine.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
DURATION="${1:-20s}"
CONNECTIONS="${2:-64}"
PACED_GAP_MS="${PACED_GAP_MS:-4}"
WORK="$(mktemp -d)"
UPSTREAM_PORT=18091 NGINX_PORT=18092 GATEWAY_PORT=18093 GATEWAY_MANAGEMENT_PORT=18094

for tool in nginx wrk openssl; do
  command -v "$tool" >/dev/null || { echo "Installing $tool"; apt-get install -y -qq nginx wrk openssl >/dev/null; }
done
JAVA_HOME="$("$ROOT/effortmap" java-home)"
JAR="${GATEWAY_JAR:-$ROOT/gateway/target/quarkus-app/quarkus-run.jar}"
[ -f "$JAR" ] || "$ROOT/effortmap" build

cleanup() {
  [ -n "${GATEWAY_PID:-}" ] && kill "$GATEWAY_PID" 2>/dev/null || true
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# One nginx instance: a static upstream (the same for both contenders) and the nginx reverse proxy in front of it.
# The upstream answers like an Effortmap service, with nosniff and no-store, which both proxies pass on.
cat > "$WORK/nginx.conf" <<CONF
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  upstream app { server 127.0.0.1:$UPSTREAM_PORT; keepalive 64; }
  server {
    listen 127.0.0.1:$UPSTREAM_PORT;
    location / {
      default_type application/json;
      add_header X-Content-Type-Options nosniff;
      add_header Cache-Control no-store;
      return 200 '{"id":"s1","status":"ACTIVE"}';
    }
  }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location /api/v1/ {
      proxy_pass http://app;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }
}
CONF
nginx -c "$WORK/nginx.conf" -p "$WORK"

# A token signed like Keycloak's (RS256), verified by the gateway against the matching public key.
KEYS="$ROOT/test-support/src/main/resources/effortmap-test-keys"
b64url() { openssl base64 -e -A | tr '+/' '-_' | tr -d '='; }
NOW=$(date +%s)
HEADER=$(printf '{"alg":"RS256","typ":"JWT","kid":"bench"}' | b64url)
PAYLOAD=$(printf '{"iss":"https://keycloak.bench/realms/effortmap","aud":"effortmap-api","sub":"bench","azp":"bench-client","workspace":"acme","realm_access":{"roles":["cx-admin"]},"iat":%d,"exp":%d}' "$NOW" "$((NOW + 3600))" | b64url)
SIGNATURE=$(printf '%s.%s' "$HEADER" "$PAYLOAD" | openssl dgst -sha256 -sign "$KEYS/private.pem" | b64url)
TOKEN="$HEADER.$PAYLOAD.$SIGNATURE"

HTTP_PORT=$GATEWAY_PORT MANAGEMENT_PORT=$GATEWAY_MANAGEMENT_PORT SURVEY_SERVICE_URL=http://127.0.0.1:$UPSTREAM_PORT \
  QUARKUS_OIDC_AUTH_SERVER_URL= \
  QUARKUS_OIDC_PUBLIC_KEY="$(grep -v -- ----- "$KEYS/public.pem" | tr -d '\n')" \
  QUARKUS_OIDC_TOKEN_ISSUER=https://keycloak.bench/realms/effortmap \
  RATE_LIMIT_API_BURST=2000000000 RATE_LIMIT_API_PER_SECOND=2000000000 \
  QUARKUS_LOG_LEVEL=WARN \
  "$JAVA_HOME/bin/java" ${GATEWAY_JAVA_OPTS:--Xmx256m} -jar "$JAR" > "$WORK/gateway.log" 2>&1 &
GATEWAY_PID=$!
for _ in $(seq 1 120); do
  # Health is on the management port (a GATEWAY_JAR from before it existed serves it on the public port).
  curl -sf "http://127.0.0.1:$GATEWAY_MANAGEMENT_PORT/q/health/ready" >/dev/null && break
  curl -sf "http://127.0.0.1:$GATEWAY_PORT/q/health/ready" >/dev/null && break
  sleep 0.5
done
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$GATEWAY_PORT/api/v1/surveys/s1")
[ "$status" = 200 ] || { echo "gateway answered $status with the bench token"; cat "$WORK/gateway.log"; exit 1; }
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$GATEWAY_PORT/api/v1/surveys/s1")" = 401 ] \
  || { echo "gateway accepted a request without a token"; exit 1; }

run() { wrk -t2 -c"$CONNECTIONS" -d"$1" --latency -H "Authorization: Bearer $TOKEN" "$2" ; }
paced() { MEAN_GAP_MS="$PACED_GAP_MS" wrk -t2 -c"$CONNECTIONS" -d"$1" --latency -s "$ROOT/gateway/bench/paced.lua" \
  -H "Authorization: Bearer $TOKEN" "$2" ; }
echo "Warming up the gateway's JIT (10 s)..."
run 10s "http://127.0.0.1:$GATEWAY_PORT/api/v1/surveys/s1" >/dev/null
echo "Measuring $DURATION each with $CONNECTIONS connections on $(nproc) cores: as fast as possible (throughput),"
echo "then paced (each connection waits ${PACED_GAP_MS} ms on average between requests: the same offered load for both)..."
run "$DURATION" "http://127.0.0.1:$NGINX_PORT/api/v1/surveys/s1" > "$WORK/nginx.txt"
run "$DURATION" "http://127.0.0.1:$GATEWAY_PORT/api/v1/surveys/s1" > "$WORK/gateway.txt"
paced "$DURATION" "http://127.0.0.1:$NGINX_PORT/api/v1/surveys/s1" > "$WORK/nginx-paced.txt"
paced "$DURATION" "http://127.0.0.1:$GATEWAY_PORT/api/v1/surveys/s1" > "$WORK/gateway-paced.txt"

rps() { awk '/Requests\/sec/ {print $2}' "$1"; }
pct() { awk -v p="$2" '$1 == p {print $2}' "$1"; }
ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) { sub(/us$/, "", v); print v / 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v); print v } else { sub(/s$/, "", v); print v * 1000 } }'; }
printf '\n%-16s %12s %10s %10s\n' "" "requests/s" "p50 ms" "p99 ms"
for name in nginx gateway nginx-paced gateway-paced; do
  printf '%-16s %12s %10.2f %10.2f\n' "$name" "$(rps "$WORK/$name.txt")" "$(ms "$(pct "$WORK/$name.txt" 50%)")" "$(ms "$(pct "$WORK/$name.txt" 99%)")"
done
added() { awk -v g="$(ms "$(pct "$WORK/gateway$1.txt" "$2")")" -v n="$(ms "$(pct "$WORK/nginx$1.txt" "$2")")" 'BEGIN { printf "%.2f", g - n }'; }
awk -v g="$(rps "$WORK/gateway.txt")" -v n="$(rps "$WORK/nginx.txt")" \
    'BEGIN { printf "\nas fast as possible: gateway throughput = %.0f%% of nginx; ", 100 * g / n }'
echo "added p50 $(added "" 50%) ms, added p99 $(added "" 99%) ms (closed loop: includes queueing at saturation)"
echo "paced, same offered load: added p50 $(added -paced 50%) ms, added p99 $(added -paced 99%) ms"
for name in nginx gateway nginx-paced gateway-paced; do
  errors=$(grep -E "Non-2xx|Socket errors" "$WORK/$name.txt" || true)
  [ -z "$errors" ] || echo "$name: $errors"
done
