#!/usr/bin/env bash
# PeerBridge benchmark, end to end: start a fresh server, time its start-up, measure idle memory,
# run the load generator against it, sample memory and CPU under load, stop it with SIGTERM, and
# print a markdown table with the machine facts. See docs/benchmarking.md.
#
#   bench/run.sh                                   # H2, 8 clients, 10 s warmup, 30 s measured
#   bench/run.sh --clients 16 --duration 60s
#   bench/run.sh --db-url jdbc:postgresql://127.0.0.1:5432/peerbridge_bench --db-user postgres
#   bench/run.sh --preloaded /var/tmp/store-100k     # against a copy of a store bench/preload.sh built
#   bench/run.sh --hapi ../hapi-starter/target/ROOT.war   # the same load against the HAPI JPA starter
#
# Environment:
#   PEERBRIDGE_JAR        server jar   (default fhir-server/target/peerbridge.jar, built if missing)
#   PEERBRIDGE_BENCH_JAR  bench jar    (default bench/target/peerbridge-bench.jar, built if missing)
#   SERVER_JAVA_OPTS      JVM options for the server, after those of the launcher (./peerbridge) that starts it
#                         (default: none more)
#   BENCH_JAVA_OPTS       JVM options for the load generator
#                         (default: -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx512m: C1 only, to spend
#                         less of the shared CPU on JIT compilation)
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: bench/run.sh [options]
  --clients N          concurrent clients (default 8)
  --warmup TIME        warmup, not counted: 10s, 500ms, 2m (default 10s)
  --duration TIME      measured window (default 30s)
  --scenario NAME      load generator scenario (default referral)
  --prime N            requests sent one at a time before the warmup, timed separately (default 1):
                       the first request after start-up (after the scenario's setup)
  --timeout TIME       per-request timeout of the load generator (default 60s)
  --port PORT          server port (default: first free port from 18080)
  --db-url JDBC_URL    database for the server (default: embedded H2 in a fresh temp dir).
                       jdbc:postgresql://HOST:PORT/DB creates DB with psql first (it must not exist)
                       and drops it afterwards unless --keep-db.
  --db-user USER       database user (PostgreSQL default: postgres)
  --db-password PASS   database password
  --keep-db            keep the PostgreSQL database after the run
  --keep-data          keep the temp dir (H2 data, server log, bench output)
  --preloaded DIR      start from a copy of the store bench/preload.sh built in DIR instead of an empty one
                       (DIR itself is not changed). For a PostgreSQL store, --db-url names the fresh database
                       the run creates as a copy of DIR's
  --store DIR          run on the store kept in DIR (the server's data dir DIR/data and, for PostgreSQL, the
                       database recorded in DIR/db-url), creating it if DIR is new, and keep it: what
                       bench/preload.sh uses
  --requests N         stop after N requests (prime and warmup included) instead of at the window's end
  --header 'NAME: VALUE'  an extra header on every request of the load (repeatable), e.g.
                       --header 'Prefer: return=minimal': transaction answers without the stored resources
  --wait-quiet SECS    before starting, wait up to SECS for the machine to be idle (< 25 % busy)
  --subscribers N      before the load, the load generator subscribes N times (SDOH Task topic) with a
                       receiver of its own and reports notification throughput and the delay from
                       each change to its delivery, p50/p99 (default 0: no subscriptions)
  --no-auth            start the server with --no-auth (no tokens): compare with a default run to see
                       what authorization costs per request. By default authorization is on: the
                       load generator sends the token of the admin client the server creates at start
  --hapi WAR           start the HAPI FHIR JPA starter's ROOT.war (built outside this repository: see
                       docs/benchmarking.md) instead of PeerBridge, with the starter's defaults (H2 in
                       memory, no authorization, no validation), to run the same scenarios against it
  --out FILE           also append the markdown table to FILE
  -h, --help           this help
EOF
}

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

CLIENTS=8
WARMUP=10s
DURATION=30s
SCENARIO=referral
PRIME=1
TIMEOUT=60s
PORT=""
DB_URL=""
DB_USER=""
DB_PASSWORD=""
KEEP_DB=0
KEEP_DATA=0
WAIT_QUIET=0
OUT=""
NO_AUTH=0
SUBSCRIBERS=0
PRELOADED=""
STORE=""
MAX_REQUESTS=""
EXTRA_HEADERS=()
HAPI_WAR=""

while [[ $# -gt 0 ]]; do
    case "$1" in
        --clients) CLIENTS=${2:?--clients needs a value}; shift 2 ;;
        --warmup) WARMUP=${2:?--warmup needs a value}; shift 2 ;;
        --duration) DURATION=${2:?--duration needs a value}; shift 2 ;;
        --scenario) SCENARIO=${2:?--scenario needs a value}; shift 2 ;;
        --prime) PRIME=${2:?--prime needs a value}; shift 2 ;;
        --timeout) TIMEOUT=${2:?--timeout needs a value}; shift 2 ;;
        --port) PORT=${2:?--port needs a value}; shift 2 ;;
        --db-url) DB_URL=${2:?--db-url needs a value}; shift 2 ;;
        --db-user) DB_USER=${2:?--db-user needs a value}; shift 2 ;;
        --db-password) DB_PASSWORD=${2:?--db-password needs a value}; shift 2 ;;
        --keep-db) KEEP_DB=1; shift ;;
        --keep-data) KEEP_DATA=1; shift ;;
        --wait-quiet) WAIT_QUIET=${2:?--wait-quiet needs a value}; shift 2 ;;
        --out) OUT=${2:?--out needs a value}; shift 2 ;;
        --no-auth) NO_AUTH=1; shift ;;
        --subscribers) SUBSCRIBERS=${2:?--subscribers needs a value}; shift 2 ;;
        --preloaded) PRELOADED=${2:?--preloaded needs a value}; shift 2 ;;
        --store) STORE=${2:?--store needs a value}; shift 2 ;;
        --requests) MAX_REQUESTS=${2:?--requests needs a value}; shift 2 ;;
        --header) EXTRA_HEADERS+=(-H "${2:?--header needs a value}"); shift 2 ;;
        --hapi) HAPI_WAR=${2:?--hapi needs a value}; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown option: $1" ;;
    esac
done

[[ $CLIENTS =~ ^[0-9]+$ && $CLIENTS -ge 1 ]] || die "--clients must be a positive integer"
[[ $PRIME =~ ^[0-9]+$ ]] || die "--prime must be a number"
[[ $SUBSCRIBERS =~ ^[0-9]+$ ]] || die "--subscribers must be a number"
[[ $WAIT_QUIET =~ ^[0-9]+$ ]] || die "--wait-quiet must be a number of seconds"
[[ -z $PORT || $PORT =~ ^[0-9]+$ ]] || die "--port must be a number"
[[ -z $MAX_REQUESTS || $MAX_REQUESTS =~ ^[1-9][0-9]*$ ]] || die "--requests must be a positive integer"
[[ -z $PRELOADED || -z $STORE ]] || die "--preloaded and --store exclude each other"
[[ -z $PRELOADED || -d $PRELOADED/data ]] || die "--preloaded $PRELOADED: no store there (bench/preload.sh builds one)"
if [[ -n $HAPI_WAR ]]; then
    [[ -f $HAPI_WAR ]] || die "--hapi: no file $HAPI_WAR"
    [[ -z $DB_URL && -z $PRELOADED && -z $STORE && $SUBSCRIBERS -eq 0 ]] \
        || die "--hapi runs the starter with its own empty database and no subscriptions"
    NO_AUTH=1   # the starter has no authorization
fi

# "10s" / "500ms" / "2m" / "30" -> whole seconds, rounded up (only for the script's own deadlines).
to_seconds() {
    local v=$1
    if [[ $v =~ ^([0-9]+)ms$ ]]; then echo $(( (BASH_REMATCH[1] + 999) / 1000 ))
    elif [[ $v =~ ^([0-9]+)s?$ ]]; then echo "${BASH_REMATCH[1]}"
    elif [[ $v =~ ^([0-9]+)m$ ]]; then echo $(( BASH_REMATCH[1] * 60 ))
    else die "cannot read duration '$v' (use e.g. 30s, 500ms, 2m)"
    fi
}
WARMUP_S=$(to_seconds "$WARMUP")
DURATION_S=$(to_seconds "$DURATION")
TIMEOUT_S=$(to_seconds "$TIMEOUT")

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# Machine-wide busy % over an interval, from /proc/stat (user..steal minus idle and iowait).
cpu_sample() { awk '/^cpu / { t=0; for (i=2; i<=9; i++) t+=$i; print t, $5+$6; exit }' /proc/stat; }
busy_percent_over() {
    local t1 i1 t2 i2
    read -r t1 i1 < <(cpu_sample)
    sleep "$1"
    read -r t2 i2 < <(cpu_sample)
    echo $(( (100 * ((t2 - t1) - (i2 - i1))) / ((t2 - t1) > 0 ? (t2 - t1) : 1) ))
}

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }
hwm_kb() { awk '/^VmHWM:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }
# utime + stime of a process, in clock ticks (fields 14 and 15 of /proc/PID/stat, after "(comm)").
cpu_ticks() { sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | awk '{ print $12 + $13 }' || echo 0; }
# The same for the JVM's JIT compiler threads only ("C1 CompilerThre", "C2 CompilerThre"): compilation is a
# start-up cost that a short or starved run spreads over few requests, so it is reported apart.
jit_ticks() {
    local t total=0
    for t in /proc/"$1"/task/*/stat; do
        case $(cat "$t" 2>/dev/null) in
            *"(C1 CompilerThre)"* | *"(C2 CompilerThre)"*) total=$(( total + $(sed 's/^.*) //' "$t" | awk '{ print $12 + $13 }') )) ;;
        esac
    done
    echo "$total"
}
# kB (KiB, as /proc reports) -> MB (10^6 bytes), the unit of the targets.
mb() { echo $(( ($1 * 1024 + 500000) / 1000000 )); }

# ---------------------------------------------------------------- jars
if [[ -z $HAPI_WAR && ! -f $SERVER_JAR ]]; then
    [[ -n ${PEERBRIDGE_JAR:-} ]] && die "PEERBRIDGE_JAR=$PEERBRIDGE_JAR does not exist"
    log "building the server and bench jars: ./mvnw -q -DskipTests package"
    (cd "$ROOT" && ./mvnw -q -DskipTests package)
fi
if [[ ! -f $BENCH_JAR ]]; then
    [[ -n ${PEERBRIDGE_BENCH_JAR:-} ]] && die "PEERBRIDGE_BENCH_JAR=$PEERBRIDGE_BENCH_JAR does not exist"
    log "building the bench jar: ./mvnw -q -DskipTests -pl bench package"
    (cd "$ROOT" && ./mvnw -q -DskipTests -pl bench package)
fi
[[ -n $HAPI_WAR || -f $SERVER_JAR ]] || die "no server jar at $SERVER_JAR after the build"
[[ -f $BENCH_JAR ]] || die "no bench jar at $BENCH_JAR after the build"
command -v curl >/dev/null || die "curl is required"

# ---------------------------------------------------------------- run dir, port, database
RUN_DIR=$(mktemp -d "${TMPDIR:-/tmp}/peerbridge-bench.XXXXXX")
DATA_DIR=$RUN_DIR/data
SERVER_PID=""
BENCH_PID=""
PG_CREATED=""
PG_ARGS=()

cleanup() {
    local rc=$?
    if [[ -n $BENCH_PID ]] && kill -0 "$BENCH_PID" 2>/dev/null; then kill "$BENCH_PID" 2>/dev/null || true; fi
    if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 1 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
        kill -0 "$SERVER_PID" 2>/dev/null && kill -KILL "$SERVER_PID" 2>/dev/null || true
    fi
    if [[ -n $PG_CREATED && $KEEP_DB -eq 0 ]]; then
        psql "${PG_ARGS[@]}" -d postgres -qc "DROP DATABASE IF EXISTS \"$PG_CREATED\"" >/dev/null 2>&1 \
            || log "could not drop database $PG_CREATED"
    fi
    if [[ $KEEP_DATA -eq 0 ]]; then rm -rf "$RUN_DIR"; else log "kept $RUN_DIR"; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ -z $PORT ]]; then
    for p in $(seq 18080 18180); do
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then PORT=$p; break; fi
    done
    [[ -n $PORT ]] || die "no free port in 18080-18180"
elif (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
    die "port $PORT is already in use"
fi
BASE=http://127.0.0.1:$PORT/fhir
# Ready for writes: PeerBridge's /health/ready answers 200 once the validator has loaded; the starter
# validates nothing, so its first answer is its readiness.
READY_URL=$( [[ -n $HAPI_WAR ]] && echo "$BASE/metadata" || echo "http://127.0.0.1:$PORT/health/ready" )

# A kept store (--store, --preloaded) is the server's data dir DIR/data and, when it is on PostgreSQL, the
# database whose JDBC URL DIR/db-url holds; DIR/referrals counts the referrals bench/preload.sh put in it.
STORE_LABEL="empty (fresh)"
SOURCE_DB=""
if [[ -n $STORE ]]; then
    mkdir -p "$STORE"
    STORE=$(cd "$STORE" && pwd)
    DATA_DIR=$STORE/data
    if [[ -f $STORE/db-url ]]; then
        [[ -z $DB_URL || $DB_URL == "$(cat "$STORE/db-url")" ]] || die "the store in $STORE is on $(cat "$STORE/db-url"), not $DB_URL"
        DB_URL=$(cat "$STORE/db-url")
    elif [[ -d $DATA_DIR && -n $DB_URL ]]; then
        die "the store in $STORE is on H2; --db-url does not apply to it"
    fi
    STORE_LABEL="kept in $STORE: $(cat "$STORE/referrals" 2>/dev/null || echo 0) referrals before the run"
    KEEP_DB=1
elif [[ -n $PRELOADED ]]; then
    if [[ -f $PRELOADED/db-url ]]; then
        [[ $DB_URL == jdbc:postgresql:* ]] || die "the store in $PRELOADED is on PostgreSQL: give --db-url naming a fresh database for the copy"
        [[ $(cat "$PRELOADED/db-url") =~ /([A-Za-z0-9_]+)(\?.*)?$ ]] || die "cannot read the database name in $PRELOADED/db-url"
        SOURCE_DB=${BASH_REMATCH[1]}
    elif [[ -n $DB_URL ]]; then
        die "the store in $PRELOADED is on H2; --db-url does not apply to it"
    fi
    cp -a "$PRELOADED/data" "$DATA_DIR"
    STORE_LABEL="copy of $PRELOADED: $(cat "$PRELOADED/referrals" 2>/dev/null || echo "?") referrals"
fi

DB_LABEL="H2 (embedded, file in ${STORE:-a fresh temp dir})"
if [[ $DB_URL == jdbc:postgresql:* ]]; then
    [[ $DB_URL =~ ^jdbc:postgresql://([^/:?]+)(:([0-9]+))?/([A-Za-z0-9_]+)(\?.*)?$ ]] \
        || die "cannot read host/port/database from $DB_URL"
    PG_HOST=${BASH_REMATCH[1]}
    PG_PORT=${BASH_REMATCH[3]:-5432}
    PG_DB=${BASH_REMATCH[4]}
    DB_USER=${DB_USER:-postgres}
    command -v psql >/dev/null || die "psql is required for a PostgreSQL run"
    PG_ARGS=(-h "$PG_HOST" -p "$PG_PORT" -U "$DB_USER" -v ON_ERROR_STOP=1)
    export PGPASSWORD=${DB_PASSWORD:-${PGPASSWORD:-}}
    exists=$(psql "${PG_ARGS[@]}" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'") \
        || die "cannot reach PostgreSQL at $PG_HOST:$PG_PORT as $DB_USER"
    if [[ -n $STORE && -f $STORE/db-url ]]; then
        [[ -n $exists ]] || die "the database $PG_DB of the store in $STORE is gone"
        DB_LABEL="PostgreSQL database $PG_DB ($PG_HOST:$PG_PORT, kept)"
    else
        [[ -z $exists ]] || die "database $PG_DB already exists; a run needs a fresh one: pick a new name"
        # A copy of a preloaded store's database: PostgreSQL copies it file by file (nobody may be connected to it).
        psql "${PG_ARGS[@]}" -d postgres -qc "CREATE DATABASE \"$PG_DB\"${SOURCE_DB:+ TEMPLATE \"$SOURCE_DB\"}" >/dev/null
        PG_CREATED=$PG_DB
        [[ -n $STORE ]] && echo "$DB_URL" > "$STORE/db-url"
        DB_LABEL="PostgreSQL ($PG_HOST:$PG_PORT, fresh database $PG_DB${SOURCE_DB:+, copied from $SOURCE_DB})"
    fi
    PG_VERSION=$(psql "${PG_ARGS[@]}" -d "$PG_DB" -tAc 'SHOW server_version' | awk '{ print $1 }')
    DB_LABEL="${DB_LABEL/PostgreSQL/PostgreSQL $PG_VERSION}"
elif [[ -n $DB_URL ]]; then
    DB_LABEL="$DB_URL"
fi

# ---------------------------------------------------------------- machine facts
JAVA_VERSION=$(java -version 2>&1 | head -1)
JAVA_RUNTIME=$(java -version 2>&1 | sed -n 2p)
CPU_MODEL=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)
RAM_GIB=$(awk '/^MemTotal:/ { printf "%.1f", $2 / 1048576 }' /proc/meminfo)
NPROC=$(nproc)
KERNEL=$(uname -sr)
DATE_UTC=$(date -u +%Y-%m-%dT%H:%M:%SZ)

if [[ $WAIT_QUIET -gt 0 ]]; then
    deadline=$(( $(date +%s) + WAIT_QUIET ))
    while :; do
        busy=$(busy_percent_over 3)
        [[ $busy -lt 25 ]] && break
        if [[ $(date +%s) -ge $deadline ]]; then log "machine still ${busy}% busy after ${WAIT_QUIET}s; running anyway"; break; fi
        log "machine ${busy}% busy; waiting for it to quieten"
    done
fi
BUSY_BEFORE=$(busy_percent_over 2)
LOADAVG_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------- start the server
# No drain period: nothing balances onto this server, and shutdown is measured from SIGTERM to exit.
# --validator-wait: the first writes wait for the validator as long as the load generator waits for an answer.
server_args=(--port "$PORT" --data-dir "$DATA_DIR" --drain-seconds 0 --validator-wait "$TIMEOUT_S")
# One client sends everything: its token must outlive the run and its rate limit must not be what is measured.
TOKEN_LIFETIME_S=$(( WARMUP_S + DURATION_S + (PRIME + 2) * TIMEOUT_S + 600 ))
if [[ $NO_AUTH -eq 1 ]]; then
    server_args+=(--no-auth)
    AUTH_LABEL="off (--no-auth)"
else
    server_args+=(--token-lifetime "$TOKEN_LIFETIME_S" --rate-limit 100000000)
    AUTH_LABEL="on (bearer token of the admin client, checked on every request)"
fi
[[ -n $DB_URL ]] && server_args+=(--db-url "$DB_URL")
[[ -n $DB_USER ]] && server_args+=(--db-user "$DB_USER")
[[ -n $DB_PASSWORD ]] && server_args+=(--db-password "$DB_PASSWORD")
# The server also reads PEERBRIDGE_* variables and ./peerbridge.properties: run it from the empty run
# dir with none of those, so only the flags above apply.
env_clean=()
for v in $(compgen -e); do [[ $v == PEERBRIDGE_* ]] && env_clean+=(-u "$v"); done
read -r -a server_java_opts <<< "${SERVER_JAVA_OPTS:-}"
read -r -a bench_java_opts <<< "${BENCH_JAVA_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx512m}"

if [[ -n $HAPI_WAR ]]; then
    SERVER_NAME="HAPI FHIR JPA starter"
    SERVER_FILE=$HAPI_WAR
    server_cmd=(java "${server_java_opts[@]}" -jar "$HAPI_WAR" --server.port="$PORT")
    START_LIMIT_S=300   # it takes a minute or more on a busy 2-core machine
    DB_LABEL="H2 in memory (the starter's default)"
    AUTH_LABEL="none (the starter has none)"
else
    SERVER_NAME="PeerBridge"
    SERVER_FILE=$SERVER_JAR
    archive_label="no class-data-sharing archive"
    [[ -f ${SERVER_JAR%.jar}.jsa && ! ${SERVER_JAR%.jar}.jsa -ot $SERVER_JAR ]] && archive_label="its class-data-sharing archive"
    SERVER_OPTS_LABEL="the launcher's (./peerbridge, with ${archive_label})${SERVER_JAVA_OPTS:+, then ${SERVER_JAVA_OPTS}}"
    # as the README starts it: the launcher adds the build's class-data-sharing archive when it fits the jar
    server_cmd=(env PEERBRIDGE_JAR="$SERVER_JAR" JAVA_OPTS="${SERVER_JAVA_OPTS:-}" "$ROOT/peerbridge" "${server_args[@]}")
    START_LIMIT_S=120
fi
SERVER_FILE_KB=$(( $(stat -c %s "$SERVER_FILE") / 1024 ))
log "starting $SERVER_FILE on port $PORT ($DB_LABEL)"
START_MS=$(now_ms)
(cd "$RUN_DIR" && exec env "${env_clean[@]}" "${server_cmd[@]}") > "$RUN_DIR/server.log" 2>&1 &
SERVER_PID=$!

START_DEADLINE_MS=$(( START_MS + START_LIMIT_S * 1000 ))
# wait_for_200 URL: polls URL until it answers 200 and prints the time of that answer (ms); dies at the deadline.
wait_for_200() {
    local code
    while [[ $(now_ms) -lt $START_DEADLINE_MS ]]; do
        if ! kill -0 "$SERVER_PID" 2>/dev/null; then
            tail -40 "$RUN_DIR/server.log" >&2
            die "the server exited during start-up"
        fi
        code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$1" || true)
        if [[ $code == 200 ]]; then now_ms; return; fi
        sleep 0.05
    done
    tail -40 "$RUN_DIR/server.log" >&2
    die "$1 did not answer 200 within $START_LIMIT_S s"
}
READY_MS=$(wait_for_200 "$BASE/metadata")
STARTUP_MS=$(( READY_MS - START_MS ))
RSS_READY_KB=$(rss_kb "$SERVER_PID")
WRITES_READY_MS=$(wait_for_200 "$READY_URL")
WRITES_STARTUP_MS=$(( WRITES_READY_MS - START_MS ))
log "answering in ${STARTUP_MS} ms, ready for writes in ${WRITES_STARTUP_MS} ms; measuring idle memory"
sleep 5
RSS_IDLE_KB=$(rss_kb "$SERVER_PID")

# ---------------------------------------------------------------- token
auth_header=()
if [[ $NO_AUTH -eq 0 ]]; then
    TOKEN=$(java -jar "$SERVER_JAR" token --client-id peerbridge-admin --key "$DATA_DIR/admin-client.jwk" --server "$BASE") \
        || die "could not get a token for the admin client"
    auth_header=(-H "Authorization: Bearer $TOKEN")
fi

# ---------------------------------------------------------------- load
RESULTS=$RUN_DIR/results.properties
BENCH_DEADLINE=$(( $(date +%s) + WARMUP_S + DURATION_S + (PRIME + 2) * TIMEOUT_S + 60 + (SUBSCRIBERS > 0 ? 240 : 0) ))
TICKS_BEFORE=$(cpu_ticks "$SERVER_PID"); JIT_BEFORE=$(jit_ticks "$SERVER_PID")
LOAD_START_MS=$(now_ms)
java "${bench_java_opts[@]}" -jar "$BENCH_JAR" --server "$BASE" --clients "$CLIENTS" \
    --warmup "$WARMUP" --duration "$DURATION" --scenario "$SCENARIO" --prime "$PRIME" --timeout "$TIMEOUT" \
    --results-file "$RESULTS" --subscribers "$SUBSCRIBERS" ${MAX_REQUESTS:+--max-requests "$MAX_REQUESTS"} "${auth_header[@]}" "${EXTRA_HEADERS[@]}" \
    > "$RUN_DIR/bench.out" 2> >(tee "$RUN_DIR/bench.err" >&2) &
BENCH_PID=$!
PEAK_KB=0
SETUP_DONE=0
while kill -0 "$BENCH_PID" 2>/dev/null; do
    r=$(rss_kb "$SERVER_PID")
    [[ $r -gt $PEAK_KB ]] && PEAK_KB=$r
    # A scenario's setup (e.g. the referrals sessions are recorded on) is not load: restart the CPU clock after it.
    if [[ $SETUP_DONE -eq 0 ]] && grep -q '^  set up in' "$RUN_DIR/bench.err" 2>/dev/null; then
        SETUP_DONE=1; TICKS_BEFORE=$(cpu_ticks "$SERVER_PID"); JIT_BEFORE=$(jit_ticks "$SERVER_PID"); LOAD_START_MS=$(now_ms)
    fi
    if [[ $(date +%s) -gt $BENCH_DEADLINE ]]; then log "load generator overran; stopping it"; kill "$BENCH_PID" || true; break; fi
    sleep 0.5
done
BENCH_RC=0
wait "$BENCH_PID" || BENCH_RC=$?
BENCH_PID=""
LOAD_MS=$(( $(now_ms) - LOAD_START_MS ))
TICKS_AFTER=$(cpu_ticks "$SERVER_PID")
JIT_AFTER=$(jit_ticks "$SERVER_PID")
HWM_KB=$(hwm_kb "$SERVER_PID")
RSS_AFTER_KB=$(rss_kb "$SERVER_PID")
cat "$RUN_DIR/bench.out"
CLK_TCK=$(getconf CLK_TCK)
SERVER_CORES=$(awk -v t=$(( TICKS_AFTER - TICKS_BEFORE )) -v hz="$CLK_TCK" -v ms="$LOAD_MS" \
    'BEGIN { printf "%.2f", (ms > 0) ? (t / hz) / (ms / 1000) : 0 }')
SERVER_CPU_S=$(awk -v t=$(( TICKS_AFTER - TICKS_BEFORE )) -v hz="$CLK_TCK" 'BEGIN { printf "%.1f", t / hz }')
LOAD_S=$(awk -v ms="$LOAD_MS" 'BEGIN { printf "%.1f", ms / 1000 }')
if [[ $TICKS_AFTER -lt $TICKS_BEFORE ]]; then SERVER_CORES="n/a"; SERVER_CPU_S="n/a"; fi   # the server is gone

# ---------------------------------------------------------------- stop
EXITED_EARLY=0
kill -0 "$SERVER_PID" 2>/dev/null || { EXITED_EARLY=1; log "the server exited on its own during the load"; }
log "stopping the server with SIGTERM"
STOP_START_MS=$(now_ms)
kill -TERM "$SERVER_PID" 2>/dev/null || true
STOPPED=0
for _ in $(seq 1 100); do   # 10 s
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then STOPPED=1; break; fi
    sleep 0.1
done
STOP_MS=$(( $(now_ms) - STOP_START_MS ))
SERVER_RC="-"
if [[ $STOPPED -eq 1 ]]; then
    SERVER_RC=0
    wait "$SERVER_PID" || SERVER_RC=$?
    SHUTDOWN="${STOP_MS} ms (exit status ${SERVER_RC})"
    if [[ $EXITED_EARLY -eq 1 ]]; then SHUTDOWN="exited during the load, before SIGTERM (exit status ${SERVER_RC})"; STOPPED=0; fi
else
    kill -KILL "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SHUTDOWN="did not exit within 10 s: killed"
fi
SERVER_PID=""

# The server logs "HH:MM:SS.mmm LEVEL [thread] logger - message": the level is the second field.
ERROR_LINES=$(awk '$2 == "ERROR"' "$RUN_DIR/server.log" | wc -l)
WARN_LINES=$(awk '$2 == "WARN"' "$RUN_DIR/server.log" | wc -l)
WARN_SAMPLE=$(awk '$2 == "WARN" { $1 = ""; $2 = ""; sub(/^ +/, ""); print; exit }' "$RUN_DIR/server.log" | cut -c1-160 | tr '|' '/')
LOGGED_READY=$(grep -o -E 'answering at [^ ]+ in [0-9]+ ms' "$RUN_DIR/server.log" | head -1 | grep -o -E '[0-9]+ ms$' || true)
LOGGED_WRITES=$(grep -o -E 'ready at [^ ]+ in [0-9]+ ms: writes are validated' "$RUN_DIR/server.log" | head -1 | grep -o -E '[0-9]+ ms' || true)

# ---------------------------------------------------------------- report
prop() { sed -n "s/^$1=//p" "$RESULTS" 2>/dev/null | head -1; }
if [[ ! -s $RESULTS ]]; then
    tail -20 "$RUN_DIR/bench.err" >&2 || true
    die "the load generator produced no results (exit status $BENCH_RC)"
fi
NOTIFY_ROW=""
if [[ $SUBSCRIBERS -gt 0 ]]; then
    NOTIFY_DRAINED=$( [[ $(prop notify.drained) == true ]] && echo "" || echo " (not drained)" )
    NOTIFY_ROW=$'\n'"| Notifications, ${SUBSCRIBERS} subscribers: events delivered / during the window / change to delivery p50 / p99 / max | $(prop notify.events) / $(prop notify.events_per_s) events/s / $(prop notify.delay_p50_ms) / $(prop notify.delay_p99_ms) / $(prop notify.delay_max_ms) ms${NOTIFY_DRAINED} | | |"
    NOTIFY_ROW+=$'\n'"| Event notifications (POSTs) / events per POST on average | $(prop notify.notifications) / $(prop notify.events_per_notification) | | |"
fi
THROUGHPUT=$(prop throughput_rps); P50=$(prop p50_ms); P90=$(prop p90_ms); P99=$(prop p99_ms); PMAX=$(prop max_ms)
REQUESTS=$(prop requests); ERRORS=$(prop errors); BY_STATUS=$(prop errors_by_status)
MEASURED=$(prop duration_s); BENCH_CORES=$(prop bench_cpu_cores); MACHINE_BUSY=$(prop machine_cpu_busy_pct)
OK=$(prop ok); UNFINISHED=$(prop unfinished); UNFINISHED_BY=$(prop unfinished_by_outcome)
UNFINISHED_LONGEST=$(prop unfinished_longest_ms)
PRIME_FIRST=$(prop prime_first_ms); PRIME_MAX=$(prop prime_max_ms); PRIME_OUTCOMES=$(prop prime_outcomes)
PRIME_COUNT=$(prop prime_count); WARMUP_REQUESTS=$(prop warmup_requests)
FIRST_REQUEST="not measured"
[[ -n $PRIME_FIRST ]] && FIRST_REQUEST="$PRIME_FIRST ms"

# verdict VALUE OP LIMIT: "met" or "**missed**"; a value that is not a number (NaN: no successes) misses.
verdict() {
    if [[ $1 =~ ^[0-9]+([.][0-9]+)?$ ]] && awk -v v="$1" -v l="$3" "BEGIN { exit !(v $2 l) }"; then
        echo "met"
    else
        echo "**missed**"
    fi
}
# The throughput and latency targets belong to the scenarios issue 15 sets them for; the others have none.
T_P99=""; V_P99=""
case $SCENARIO in
    referral)
        T_TPUT=">= 500 req/s at 8 clients"; V_TPUT=$(verdict "$THROUGHPUT" ">=" 500)
        T_P99="p99 < 50 ms"; V_P99=$(verdict "$P99" "<" 50) ;;
    questionnaire-response) T_TPUT=">= 500 req/s"; V_TPUT=$(verdict "$THROUGHPUT" ">=" 500) ;;
    read) T_TPUT=">= 2,000 req/s"; V_TPUT=$(verdict "$THROUGHPUT" ">=" 2000) ;;
    search) T_TPUT=">= 1,000 req/s"; V_TPUT=$(verdict "$THROUGHPUT" ">=" 1000) ;;
    *) T_TPUT="none for this scenario"; V_TPUT="" ;;
esac
# Server CPU per request: the load phase's CPU over every request sent in it (prime, warmup, window, in flight).
LOAD_REQUESTS=$(( ${PRIME_COUNT:-0} + ${WARMUP_REQUESTS:-0} + ${REQUESTS:-0} + ${UNFINISHED:-0} ))
CPU_PER_REQUEST="n/a"
if [[ $SERVER_CPU_S != "n/a" && $LOAD_REQUESTS -gt 0 ]]; then
    CPU_PER_REQUEST=$(awk -v s="$SERVER_CPU_S" -v n="$LOAD_REQUESTS" -v j=$(( JIT_AFTER - JIT_BEFORE )) -v hz="$CLK_TCK" \
        'BEGIN { printf "%.1f ms (%.1f s for %d requests); without the JIT compiler threads (%.1f s): %.1f ms", s * 1000 / n, s, n, j / hz, (s - j / hz) * 1000 / n }')
fi
V_START=$(verdict "$WRITES_STARTUP_MS" "<" 3000)
V_FILE=$(verdict "$(( SERVER_FILE_KB * 1024 ))" "<" 60000000)
V_IDLE=$(verdict "$(( RSS_IDLE_KB * 1024 ))" "<" 300000000)
V_ERR=$(verdict "$ERRORS" "==" 0)
[[ ${OK:-0} -gt 0 ]] || V_ERR="**missed** (no success)"
V_STOP=$(verdict "$STOPPED" "==" 1)

TABLE=$(cat <<EOF
### ${SERVER_NAME} benchmark, ${DATE_UTC}

| Machine | |
|---|---|
| Date (UTC) | ${DATE_UTC} |
| CPUs (nproc) | ${NPROC} |
| CPU model | ${CPU_MODEL} |
| RAM | ${RAM_GIB} GiB |
| OS | ${KERNEL} |
| Java | ${JAVA_VERSION}; ${JAVA_RUNTIME} |
| Server JVM options | ${SERVER_OPTS_LABEL:-${SERVER_JAVA_OPTS:-none (JVM defaults)}} |
| Load generator JVM options | ${bench_java_opts[*]} |
| Machine busy before the run | ${BUSY_BEFORE} % (load average ${LOADAVG_BEFORE}) |

| Measure | Result | Target | |
|---|---|---|---|
| Server | ${SERVER_FILE} | | |
| Runnable jar | $(mb "$SERVER_FILE_KB") MB | < 60 MB | ${V_FILE} |
| Database | ${DB_LABEL} | | |
| Store at the start | ${STORE_LABEL} | | |
| Authorization | ${AUTH_LABEL} | | |
| Load | scenario ${SCENARIO}, ${CLIENTS} clients, warmup ${WARMUP}, measured ${MEASURED} s${EXTRA_HEADERS[*]:+; headers ${EXTRA_HEADERS[*]}} | | |
| Throughput (2xx only) | ${THROUGHPUT} req/s | ${T_TPUT} | ${V_TPUT} |
| Latency p50 / p90 / p99 / max | ${P50} / ${P90} / ${P99} / ${PMAX} ms | ${T_P99} | ${V_P99} |
| Requests / errors in window | ${REQUESTS} / ${ERRORS} ${BY_STATUS:+(${BY_STATUS})} | no errors | ${V_ERR} |
| In flight when the window closed (not counted) | ${UNFINISHED:-0}${UNFINISHED_BY:+ (${UNFINISHED_BY}; longest ${UNFINISHED_LONGEST} ms)} | | |
| Start-up to the first answer (launch to GET /fhir/metadata 200) | ${STARTUP_MS} ms${LOGGED_READY:+ (server log: answering in ${LOGGED_READY})} | | |
| Start-up to ready for writes (launch to GET ${READY_URL#http://127.0.0.1:$PORT} 200) | ${WRITES_STARTUP_MS} ms${LOGGED_WRITES:+ (server log: writes validated from ${LOGGED_WRITES})} | < 3 s | ${V_START} |
| First request after start-up (sent 5 s after ready and after the scenario's setup, alone) | ${FIRST_REQUEST}${PRIME_OUTCOMES:+ (${PRIME_OUTCOMES}; ${PRIME} sent, slowest ${PRIME_MAX} ms)} | | |
| Resident memory idle (5 s after ready for writes) | $(mb "$RSS_IDLE_KB") MB (at ready: $(mb "$RSS_READY_KB") MB) | < 300 MB | ${V_IDLE} |
| Resident memory under load (peak sampled / VmHWM / after) | $(mb "$PEAK_KB") / $(mb "$HWM_KB") / $(mb "$RSS_AFTER_KB") MB | | |
| CPU (server over the load phase / load generator / whole machine over the window) | ${SERVER_CORES} / ${BENCH_CORES} cores / ${MACHINE_BUSY} % of ${NPROC} | | |
| Server CPU time over the load phase (first request, warmup, window; not the scenario's setup) | ${SERVER_CPU_S} s in ${LOAD_S} s | | |
| Server CPU per request over the load phase (JIT compilation included) | ${CPU_PER_REQUEST} | | |${NOTIFY_ROW}
| Shutdown on SIGTERM | ${SHUTDOWN} | exits within 10 s | ${V_STOP} |
| Server log during the run | ${ERROR_LINES} ERROR, ${WARN_LINES} WARN lines${WARN_SAMPLE:+ (first WARN: ${WARN_SAMPLE})} | | |
EOF
)
echo
echo "$TABLE"
SAVED_DIR=$ROOT/bench/target/bench-results
mkdir -p "$SAVED_DIR"
SAVED=$SAVED_DIR/$(date -u +%Y%m%dT%H%M%SZ)-$( [[ $DB_URL == jdbc:postgresql:* ]] && echo postgresql || echo h2 ).md
{ echo "$TABLE"; echo; echo '```'; cat "$RUN_DIR/bench.out"; echo '```'; } > "$SAVED"
[[ -n $OUT ]] && { echo; echo "$TABLE"; } >> "$OUT"
log "saved to $SAVED"
if [[ $ERROR_LINES -gt 0 ]]; then
    log "first ERROR lines of the server log:"
    awk '$2 == "ERROR"' "$RUN_DIR/server.log" | head -5 >&2
fi

[[ $STOPPED -eq 1 ]] || exit 3
exit "$BENCH_RC"
