#!/usr/bin/env bash
# Run a command against the test broker (127.0.0.1:19092, data in .local/kafka-test),
# starting it if needed and stopping it afterwards if this script started it.
set -uo pipefail
cd "$(dirname "$0")/../.."
BIN=.venv/bin
export PEACEWATCH_TEST_KAFKA_PORT=${PEACEWATCH_TEST_KAFKA_PORT:-19092}
export PEACEWATCH_TEST_KAFKA_DIR=${PEACEWATCH_TEST_KAFKA_DIR:-.local/kafka-test}
export PEACEWATCH_KAFKA_BOOTSTRAP=127.0.0.1:$PEACEWATCH_TEST_KAFKA_PORT
launcher=("$BIN/python" deploy/kafka/launcher.py --port "$PEACEWATCH_TEST_KAFKA_PORT" --dir "$PEACEWATCH_TEST_KAFKA_DIR")
started=0
if ! "${launcher[@]}" status >/dev/null 2>&1; then
  # the tests keep nothing between runs; a clean log starts serving at once
  "${launcher[@]}" up --fresh || exit 1
  started=1
fi
stop() { [[ $started == 1 ]] && "${launcher[@]}" down; }
trap stop EXIT
"$@"
