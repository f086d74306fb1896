#!/usr/bin/env bash
# Referral throughput through haproxy with N replicas on one PostgreSQL, and who used the CPU.
# Starts N server replicas on a fresh database, haproxy (round robin, health checks) in front of
# them, runs the load generator through haproxy, and prints one markdown row: requests per second,
# latency, and the CPU seconds of the replicas, PostgreSQL's processes and haproxy in the measured
# window (PostgreSQL: the backends serving this database, not its shared background processes).
# Needs haproxy on the PATH (Debian: apt-get install haproxy); docs/deployment.md.
#
#   bench/replicas.sh 1            # one replica behind haproxy
#   bench/replicas.sh 3 --clients 12 --warmup 10s --duration 20s
#
# Environment: PEERBRIDGE_JAR, PEERBRIDGE_BENCH_JAR, BENCH_JAVA_OPTS, SERVER_JAVA_OPTS as for run.sh;
# PGHOST_PORT (default 127.0.0.1:5432), PGUSER (default postgres).
set -euo pipefail

REPLICAS=${1:?usage: bench/replicas.sh N [load generator options]}
shift
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx512m}
PG=${PGHOST_PORT:-127.0.0.1:5432}
PGUSER=${PGUSER:-postgres}
DB=peerbridge_replicas_$$
WORK=$(mktemp -d)
PUBLIC_PORT=${PUBLIC_PORT:-19080}
BASE=http://127.0.0.1:$PUBLIC_PORT/fhir
PIDS=()

cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    psql -h "${PG%:*}" -p "${PG#*:}" -U "$PGUSER" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" postgres >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT

cpu_seconds() { # sum of user+system CPU of the given pids, in seconds
    local ticks=0 pid
    for pid in "$@"; do
        t=$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null) && ticks=$((ticks + t))
    done
    echo "scale=1; $ticks / $(getconf CLK_TCK)" | bc
}
# the PostgreSQL backends serving this database (the replicas' pooled connections, kept for the run)
postgres_pids() { psql -h "${PG%:*}" -p "${PG#*:}" -U "$PGUSER" -tAc "SELECT pid FROM pg_stat_activity WHERE datname = '$DB'" postgres | tr '\n' ' '; }

psql -h "${PG%:*}" -p "${PG#*:}" -U "$PGUSER" -qc "CREATE DATABASE $DB" postgres
servers=""
for i in $(seq 1 "$REPLICAS"); do
    port=$((PUBLIC_PORT + i))
    mkdir -p "$WORK/replica$i"
    # shellcheck disable=SC2086
    (cd "$WORK/replica$i" && exec java ${SERVER_JAVA_OPTS:-} -jar "$SERVER_JAR" --port "$port" --data-dir "$WORK/replica$i" \
        --db-url "jdbc:postgresql://$PG/$DB" --db-user "$PGUSER" --base-url "$BASE" \
        --token-lifetime 3600 --rate-limit 100000000 > "$WORK/replica$i.log" 2>&1) &
    PIDS+=($!)
    servers+="    server replica$i 127.0.0.1:$port check"$'\n'
    [ "$i" = 1 ] && until grep -q "PeerBridge ready" "$WORK/replica1.log"; do sleep 1; done # the first creates the schema
done
cat > "$WORK/haproxy.cfg" <<EOF
defaults
    mode http
    timeout connect 5s
    timeout client 130s
    timeout server 130s
frontend fhir
    bind 127.0.0.1:$PUBLIC_PORT
    default_backend peerbridge
backend peerbridge
    balance roundrobin
    option httpchk GET /health/ready
    http-check expect status 200
    default-server inter 2s fall 2 rise 1
$servers
EOF
for i in $(seq 1 "$REPLICAS"); do
    until grep -q "PeerBridge ready" "$WORK/replica$i.log"; do sleep 1; done
done
haproxy -f "$WORK/haproxy.cfg" -db > "$WORK/haproxy.log" 2>&1 &
PIDS+=($!)
HAPROXY_PID=$!
until curl -sf "$BASE/metadata" >/dev/null; do sleep 1; done
KEY=$(ls "$WORK"/replica*/admin-client.jwk | head -1)
TOKEN=$(java -jar "$SERVER_JAR" token --client-id peerbridge-admin --key "$KEY" --server "$BASE")

replica_pids=("${PIDS[@]:0:$REPLICAS}")
before_servers=$(cpu_seconds "${replica_pids[@]}")
PG_PIDS=$(postgres_pids)
before_pg=$(cpu_seconds $PG_PIDS)
before_haproxy=$(cpu_seconds "$HAPROXY_PID")
started=$(date +%s.%N)
# shellcheck disable=SC2086
# --prime: one referral per replica first (round robin), so that every replica has loaded its validator
java $BENCH_JAVA_OPTS -jar "$BENCH_JAR" --server "$BASE" --scenario referral --timeout 300s --prime "$REPLICAS" \
    -H "Authorization: Bearer $TOKEN" --results-file "$WORK/results" "$@" > "$WORK/bench.log" 2>&1 \
    || { echo "the load generator reported errors:" >&2; tail -20 "$WORK/bench.log" >&2; }
elapsed=$(echo "$(date +%s.%N) - $started" | bc)
servers_cpu=$(echo "$(cpu_seconds "${replica_pids[@]}") - $before_servers" | bc)
pg_cpu=$(echo "$(cpu_seconds $PG_PIDS) - $before_pg" | bc)
haproxy_cpu=$(echo "$(cpu_seconds "$HAPROXY_PID") - $before_haproxy" | bc)
value() { grep "^$1=" "$WORK/results" | cut -d= -f2; }
echo "| replicas | referrals/s | p50 / p99 ms | errors | CPU s in ${elapsed%.*} s: replicas / PostgreSQL / haproxy | PostgreSQL's share |"
echo "| --- | --- | --- | --- | --- | --- |"
echo "| $REPLICAS | $(value throughput_rps) | $(value p50_ms) / $(value p99_ms) | $(value errors) | $servers_cpu / $pg_cpu / $haproxy_cpu |" \
     "$(echo "scale=0; 100 * $pg_cpu / ($servers_cpu + $pg_cpu + $haproxy_cpu)" | bc) % |"
