#!/usr/bin/env bash
# Builds (or grows) a kept store of N referrals for bench/run.sh --preloaded, through the server's own
# API: a server runs on the store and the load generator sends it the `referral` scenario's transactions,
# so every row a referral makes (resources, history, index rows, access scope, claims, the kept intake
# answer, audit) is there, exactly as an EHR's requests would have left it. See docs/benchmarking.md.
#
#   bench/preload.sh --store /var/tmp/pb-h2 --referrals 10000
#   bench/preload.sh --store /var/tmp/pb-pg --referrals 10000 --db-url jdbc:postgresql://127.0.0.1:5432/pb_store
#   bench/preload.sh --store /var/tmp/pb-h2 --referrals 90000        # adds 90,000 more: 100,000 in all
set -euo pipefail

usage() {
    cat <<'USAGE'
Usage: bench/preload.sh --store DIR --referrals N [options]
  --store DIR         where the store is kept (created if new; an existing store grows)
  --referrals N       referrals to add
  --db-url JDBC_URL   a new store on PostgreSQL: jdbc:postgresql://HOST:PORT/DB (DB must not exist; it is
                      created and kept). Default: H2 in DIR/data. An existing store stays on its database
  --db-user USER      database user (PostgreSQL default: postgres)
  --clients N         concurrent requests (default 16)
  --port PORT         the server's port (default: the first free one from 18080)
  -h, --help          this help
USAGE
}
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

STORE=""
REFERRALS=""
CLIENTS=16
PASS=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --store) STORE=${2:?--store needs a value}; shift 2 ;;
        --referrals) REFERRALS=${2:?--referrals needs a value}; shift 2 ;;
        --clients) CLIENTS=${2:?--clients needs a value}; shift 2 ;;
        --db-url|--db-user|--port) PASS+=("$1" "${2:?$1 needs a value}"); shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown option: $1" ;;
    esac
done
[[ -n $STORE ]] || die "--store is required"
[[ $REFERRALS =~ ^[1-9][0-9]*$ ]] || die "--referrals must be a positive integer"
mkdir -p "$STORE"
BEFORE=$(cat "$STORE/referrals" 2>/dev/null || echo 0)

# One referral transaction per request, no warmup, no priming: the run ends after N requests.
RESULT=$(mktemp "${TMPDIR:-/tmp}/peerbridge-preload.XXXXXX")
trap 'rm -f "$RESULT"' EXIT
START=$(date +%s)
rc=0
"$SCRIPT_DIR/run.sh" --store "$STORE" --scenario referral --clients "$CLIENTS" --requests "$REFERRALS" \
    --prime 0 --warmup 0s --duration 1440m --timeout 120s --out "$RESULT" "${PASS[@]}" >&2 || rc=$?
ELAPSED=$(( $(date +%s) - START ))
# Every successful referral is stored: the requests of the table's "Requests / errors" row less its errors.
COUNTS=$(sed -n 's/^| Requests \/ errors in window | \([0-9]*\) \/ \([0-9]*\).*/\1 \2/p' "$RESULT")
read -r SENT ERRORS <<< "${COUNTS:-0 0}"
OK=$(( SENT - ERRORS ))
echo $(( BEFORE + OK )) > "$STORE/referrals"
echo "preload.sh: added $OK referrals ($ERRORS errors) in ${ELAPSED} s: $(cat "$STORE/referrals") in $STORE"
[[ $rc -eq 0 && $ERRORS -eq 0 && $OK -eq $REFERRALS ]] || { echo "preload.sh: run.sh ended with status $rc" >&2; exit 1; }
