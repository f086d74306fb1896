# Sourced by the bench scripts: where the repository and the built jars are, and how a script reports.
# PEERBRIDGE_JAR, PEERBRIDGE_BENCH_JAR and PEERBRIDGE_FIXTURES_JAR point the scripts at other jars.
SCRIPT_NAME=$(basename "$0")
SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$SCRIPT_DIR/.." && pwd)
SERVER_JAR=${PEERBRIDGE_JAR:-$ROOT/fhir-server/target/peerbridge.jar}
BENCH_JAR=${PEERBRIDGE_BENCH_JAR:-$ROOT/bench/target/peerbridge-bench.jar}
FIXTURES_JAR=${PEERBRIDGE_FIXTURES_JAR:-$ROOT/fixtures/target/peerbridge-fixtures.jar}

die() { echo "$SCRIPT_NAME: $*" >&2; exit 2; }
log() { echo "$SCRIPT_NAME: $*" >&2; }
