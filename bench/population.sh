#!/usr/bin/env bash
# Population-scale benchmark (issue 17): a synthetic cohort loaded once into a kept store, then
# $program-outcomes and a Bulk Data export timed against it. See docs/benchmarking.md#population-reports-and-bulk-export.
#
#   bench/population.sh load    --data-dir DIR [--participants 10000]   # once: not a measurement
#   bench/population.sh measure --data-dir DIR [--calls 10]
#
# `load` starts a server on DIR (embedded H2, or --db-url), registers four hospital clients, loads a cohort
# through the API with the fixtures' `cohort` command, adds a line to DIR/cohort.done and stops the server.
# `measure` starts a server on the same store and prints markdown rows: $program-outcomes as the program and as
# one hospital (N calls each after one untimed call; the last answer kept in DIR/program-outcomes-*.json), the
# `read` scenario alone and while system-level $exports run back to back, and the export's rate alone (kick-off
# to manifest, then the download of every file) and under the read load.
#
# Environment: PEERBRIDGE_JAR, PEERBRIDGE_FIXTURES_JAR, PEERBRIDGE_BENCH_JAR (defaults: the module targets),
# SERVER_JAVA_OPTS (e.g. -XX:StartFlightRecording=filename=outcomes.jfr,settings=profile).
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: bench/population.sh load|measure --data-dir DIR [options]
  --data-dir DIR       the kept store: H2 files, the clients' keys, the server log (required)
  --db-url JDBC_URL    keep the store in this database instead of H2 in DIR (created by `load` with psql
                       for jdbc:postgresql://HOST:PORT/DB; never dropped by this script)
  --db-user USER       database user (PostgreSQL default: postgres)
  --port PORT          server port (default 18090)
  load:
  --participants N     cohort size (default 10000)
  --seed N             the cohort's seed (default 17); cohorts with different seeds can share a store
  --concurrency N      participants sent at once (default 4)
  measure:
  --calls N            timed $program-outcomes calls per caller (default 10)
  --export-types LIST  the export's _type (default Patient,ServiceRequest,Task,Encounter,QuestionnaireResponse,Observation)
  --read-duration TIME the read scenario's measured window, alone and during the exports (default 20s)
  -h, --help           this help
EOF
}

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

MODE=${1:-}
[[ $MODE == load || $MODE == measure ]] || { usage >&2; die "first argument: load or measure"; }
shift
DATA_DIR=""; DB_URL=""; DB_USER=""; PORT=18090; PARTICIPANTS=10000; SEED=17; CONCURRENCY=4; CALLS=10
EXPORT_TYPES=Patient,ServiceRequest,Task,Encounter,QuestionnaireResponse,Observation; READ_DURATION=20s
while [[ $# -gt 0 ]]; do
    case "$1" in
        --data-dir) DATA_DIR=${2:?}; shift 2 ;;
        --db-url) DB_URL=${2:?}; shift 2 ;;
        --db-user) DB_USER=${2:?}; shift 2 ;;
        --port) PORT=${2:?}; shift 2 ;;
        --participants) PARTICIPANTS=${2:?}; shift 2 ;;
        --seed) SEED=${2:?}; shift 2 ;;
        --concurrency) CONCURRENCY=${2:?}; shift 2 ;;
        --calls) CALLS=${2:?}; shift 2 ;;
        --export-types) EXPORT_TYPES=${2:?}; shift 2 ;;
        --read-duration) READ_DURATION=${2:?}; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown option: $1" ;;
    esac
done
[[ -n $DATA_DIR ]] || die "--data-dir is required"
for jar in "$SERVER_JAR" "$FIXTURES_JAR" "$BENCH_JAR"; do
    [[ -f $jar ]] || die "no $jar: build it with ./mvnw -q -DskipTests package"
done
command -v jq >/dev/null || die "jq is required"
mkdir -p "$DATA_DIR"
DATA_DIR=$(cd "$DATA_DIR" && pwd)
BASE=http://127.0.0.1:$PORT/fhir
HOSPITALS=4
DONE_MARK=$DATA_DIR/cohort.done

db_args=()
if [[ -n $DB_URL ]]; then
    db_args+=(--db-url "$DB_URL")
    [[ $DB_URL == jdbc:postgresql:* ]] && DB_USER=${DB_USER:-postgres}
    [[ -n $DB_USER ]] && db_args+=(--db-user "$DB_USER")
fi

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

SERVER_PID=""
stop_server() {
    [[ -n $SERVER_PID ]] || return 0
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 300); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$SERVER_PID" 2>/dev/null && kill -KILL "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
}
trap stop_server EXIT
trap 'exit 130' INT TERM

start_server() {
    (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && die "port $PORT is already in use"
    local env_clean=() v
    for v in $(compgen -e); do [[ $v == PEERBRIDGE_* ]] && env_clean+=(-u "$v"); done
    local java_opts=()
    read -r -a java_opts <<< "${SERVER_JAVA_OPTS:-}"
    log "starting the server on $BASE (store: ${DB_URL:-H2 in $DATA_DIR})"
    (cd "$DATA_DIR" && exec env "${env_clean[@]}" java "${java_opts[@]}" -jar "$SERVER_JAR" --port "$PORT" --data-dir "$DATA_DIR" \
        "${db_args[@]}" --drain-seconds 0 --validator-wait 600 --token-lifetime 86400 --rate-limit 100000000) \
        >> "$DATA_DIR/server.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 1200); do
        kill -0 "$SERVER_PID" 2>/dev/null || { tail -30 "$DATA_DIR/server.log" >&2; die "the server exited during start-up"; }
        [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$BASE/metadata" || true) == 200 ]] && return 0
        sleep 0.1
    done
    die "the server was not ready within 120 s"
}

token() { java -jar "$SERVER_JAR" token --client-id "$1" --key "$2" --server "$BASE"; }
admin_token() { token peerbridge-admin "$DATA_DIR/admin-client.jwk"; }
hospital_token() { token "bench-hospital-$1" "$DATA_DIR/hospital-$1.jwk"; }

load() {
    grep -q "^seed $SEED:" "$DONE_MARK" 2>/dev/null && die "$DATA_DIR already holds the cohort of seed $SEED; give another --seed"
    if [[ $DB_URL =~ ^jdbc:postgresql://([^/:?]+)(:([0-9]+))?/([A-Za-z0-9_]+) ]]; then
        local pg=(-h "${BASH_REMATCH[1]}" -p "${BASH_REMATCH[3]:-5432}" -U "$DB_USER")
        [[ -n $(psql "${pg[@]}" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '${BASH_REMATCH[4]}'") ]] \
            || psql "${pg[@]}" -d postgres -qc "CREATE DATABASE \"${BASH_REMATCH[4]}\""
    fi
    start_server
    local bearers=() h
    for h in $(seq 1 $HOSPITALS); do
        if [[ ! -f $DATA_DIR/hospital-$h.jwk ]]; then
            java -jar "$SERVER_JAR" clients add "bench-hospital-$h" --server "$BASE" --key "$DATA_DIR/admin-client.jwk" \
                --organization "Organization/bench-hospital-$h" --scopes 'system/*.cruds' \
                --generate-key "$DATA_DIR/hospital-$h.jwk" >&2
        fi
        bearers+=(--hospital-bearer "$(hospital_token "$h")")
    done
    local started; started=$(now_ms)
    java -jar "$FIXTURES_JAR" cohort --server "$BASE" --bearer "$(admin_token)" "${bearers[@]}" \
        --participants "$PARTICIPANTS" --hospitals "$HOSPITALS" --seed "$SEED" --concurrency "$CONCURRENCY" \
        | tee "$DATA_DIR/cohort-$SEED.out"
    echo "seed $SEED: $PARTICIPANTS participants from $HOSPITALS hospitals, loaded in $(( ($(now_ms) - started) / 1000 )) s on $(date -u +%Y-%m-%d)" \
        >> "$DONE_MARK"
    log "$(tail -1 "$DONE_MARK")"
}

load_average() { cut -d' ' -f1-3 /proc/loadavg; }

# times_ms CALLS URL TOKEN ANSWER_FILE: one untimed call, then CALLS timed ones; prints "min median max" in ms.
times_ms() {
    local calls=$1 url=$2 bearer=$3 answer=$4 i t code times=()
    for i in $(seq 0 "$calls"); do
        read -r code t < <(curl -s -o "$answer" -w '%{http_code} %{time_total}\n' -H "Authorization: Bearer $bearer" \
            -H 'Accept: application/fhir+json' "$url")
        [[ $code == 200 ]] || die "GET $url answered $code"
        [[ $i -gt 0 ]] && times+=("$(awk -v s="$t" 'BEGIN { printf "%d", s * 1000 }')")
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{ v[NR] = $1 } END { printf "%d %d %d\n", v[1], v[int((NR + 1) / 2)], v[NR] }'
}

measure() {
    [[ -f $DONE_MARK ]] || die "no cohort in $DATA_DIR: run bench/population.sh load --data-dir $DATA_DIR first"
    start_server
    local program hospital
    program=$(admin_token)
    hospital=$(hospital_token 1)
    echo "Store: $(cat "$DONE_MARK"); ${DB_URL:-H2 in $DATA_DIR}; build $(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo '?')"
    echo
    echo '| measure | calls | min / median / max | load average before |'
    echo '|---|---|---|---|'
    local load min med max
    for caller in program hospital; do
        load=$(load_average)
        read -r min med max < <(times_ms "$CALLS" "$BASE/\$program-outcomes" "$( [[ $caller == program ]] && echo "$program" || echo "$hospital")" \
            "$DATA_DIR/program-outcomes-$caller.json")
        echo "| \`\$program-outcomes\` as $( [[ $caller == program ]] && echo "the program (every participant)" || echo "hospital bench-hospital-1 (its referrals)") | $CALLS | $min / $med / $max ms | $load |"
    done
    echo
    echo '| load | throughput | latency | load average after |'
    echo '|---|---|---|---|'
    read_load "alone"
    load=$(load_average)
    export_alone "$program"
    export_while_reading "$program"
    echo
    echo "Export alone (load average $load before): $EXPORTED resources ($EXPORT_TYPES) in $EXPORT_MS ms from kick-off to the" \
        "completed manifest ($(rate "$EXPORTED" "$EXPORT_MS") resources/s), downloaded in $DOWNLOAD_MS ms" \
        "($(rate "$EXPORTED" "$DOWNLOAD_MS") resources/s); kick-off to downloaded: $(rate "$EXPORTED" $(( EXPORT_MS + DOWNLOAD_MS ))) resources/s."
    echo "During the read load: $EXPORTS_DURING export(s) completed back to back, the first in $LOADED_EXPORT_MS ms" \
        "($(rate "$EXPORTED" "$LOADED_EXPORT_MS") resources/s)."
}

rate() { awk -v n="$1" -v ms="$2" 'BEGIN { printf "%.0f", (ms > 0 ? n * 1000 / ms : 0) }'; }

# The read scenario (8 clients, the cheapest authorized request) against the server; prints a markdown row.
read_load() {
    local label=$1 results=$DATA_DIR/read-$RANDOM.properties
    java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx512m -jar "$BENCH_JAR" --server "$BASE" --scenario read --clients 8 \
        --warmup 5s --duration "$READ_DURATION" --progress 0 --results-file "$results" -H "Authorization: Bearer $(admin_token)" \
        > /dev/null 2>&1 || log "the read load reported errors: $results"
    prop() { sed -n "s/^$1=//p" "$results" | head -1; }
    echo "| \`read\`, 8 clients, $label | $(prop throughput_rps) req/s | p50 $(prop p50_ms) / p99 $(prop p99_ms) ms, errors $(prop errors) | $(load_average) |"
}

# Kicks off a system-level export as the program; prints its status URL.
kick_off() {
    local status
    status=$(curl -s -D - -o /dev/null -H "Authorization: Bearer $1" -H 'Accept: application/fhir+json' -H 'Prefer: respond-async' \
        "$BASE/\$export?_type=$EXPORT_TYPES" | tr -d '\r' | sed -n 's/^[Cc]ontent-[Ll]ocation: //p')
    [[ -n $status ]] || die "the export kick-off gave no Content-Location"
    echo "$status"
}

# completed BEARER STATUS_URL [PID]: polls every 0.2 s until the export's manifest is in DIR/manifest.json (true), or
# until process PID has ended (false).
completed() {
    local code
    while [[ -z ${3:-} ]] || kill -0 "$3" 2>/dev/null; do
        code=$(curl -s -o "$DATA_DIR/manifest.json" -w '%{http_code}' -H "Authorization: Bearer $1" "$2")
        [[ $code == 200 ]] && return 0
        [[ $code == 202 ]] || die "export status answered $code: $(cat "$DATA_DIR/manifest.json")"
        sleep 0.2
    done
    return 1
}

cancel() { curl -s -o /dev/null -X DELETE -H "Authorization: Bearer $1" "$2"; }

# One export on the otherwise idle server: kick-off to the completed manifest, then the download of every file.
export_alone() {
    local bearer=$1 status started url
    started=$(now_ms)
    status=$(kick_off "$bearer")
    completed "$bearer" "$status"
    EXPORT_MS=$(( $(now_ms) - started ))
    started=$(now_ms)
    EXPORTED=0
    for url in $(jq -r '.output[].url' "$DATA_DIR/manifest.json"); do
        EXPORTED=$(( EXPORTED + $(curl -s -H "Authorization: Bearer $bearer" -H 'Accept: application/fhir+ndjson' "$url" | wc -l) ))
    done
    DOWNLOAD_MS=$(( $(now_ms) - started ))
    cancel "$bearer" "$status"
}

# The read load with exports running back to back for all of it (each removed once done, the last cancelled when the
# load ends); the first export's time to its manifest is the export's rate under load.
export_while_reading() {
    local bearer=$1 status started
    read_load "during exports" &
    local reader=$!
    started=$(now_ms)
    status=$(kick_off "$bearer")
    completed "$bearer" "$status"
    LOADED_EXPORT_MS=$(( $(now_ms) - started ))
    EXPORTS_DURING=1
    cancel "$bearer" "$status"
    while kill -0 "$reader" 2>/dev/null; do
        status=$(kick_off "$bearer")
        completed "$bearer" "$status" "$reader" && EXPORTS_DURING=$(( EXPORTS_DURING + 1 ))
        cancel "$bearer" "$status"
    done
    wait "$reader"
}

case $MODE in
    load) load ;;
    measure) measure ;;
esac
