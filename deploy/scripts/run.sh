#!/usr/bin/env bash
# `make run`: start the local broker (unless PEACEWATCH_KAFKA_BOOTSTRAP points elsewhere),
# create the topics, publish the sample scenario on an empty broker, run the worker.
# Ctrl-C stops the worker and the broker this script started; nothing else.
set -uo pipefail
cd "$(dirname "$0")/../.."
BIN=.venv/bin
sample=1
for arg in "$@"; do [[ $arg == --no-sample ]] && sample=0; done
launcher=("$BIN/python" deploy/kafka/launcher.py --port "${KAFKA_PORT:-9092}" --dir "${KAFKA_DIR:-.local/kafka}")
started=0
if [[ -z "${PEACEWATCH_KAFKA_BOOTSTRAP:-}" ]]; then
  export PEACEWATCH_KAFKA_BOOTSTRAP=127.0.0.1:${KAFKA_PORT:-9092}
  if ! "${launcher[@]}" status >/dev/null 2>&1; then
    "${launcher[@]}" up || exit 1
    started=1
  fi
else
  echo "using the Kafka cluster at $PEACEWATCH_KAFKA_BOOTSTRAP (no local broker started)"
fi
worker_pid=""
cleanup() {
  trap - INT TERM EXIT
  if [[ -n $worker_pid ]] && kill -0 "$worker_pid" 2>/dev/null; then
    echo "stopping the worker (pid $worker_pid) ..." >&2
    kill -TERM "$worker_pid" 2>/dev/null
    # `wait` returns early when a signal arrives, so poll until the worker is gone.
    for _ in $(seq 1 300); do kill -0 "$worker_pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$worker_pid" 2>/dev/null && kill -KILL "$worker_pid" 2>/dev/null
    echo "worker stopped" >&2
  fi
  [[ $started == 1 ]] && "${launcher[@]}" down
}
trap cleanup EXIT
trap 'exit 130' INT TERM
# --fix-config: a broker kept from an older version gets the current topic settings
"$BIN/peacewatch" topics create --fix-config || exit 1
if [[ $sample == 1 ]]; then
  "$BIN/peacewatch" sample publish-if-empty deploy/sample/paris-2026.jsonl || exit 1
fi
"$BIN/peacewatch" worker &
worker_pid=$!
wait "$worker_pid"
