#!/usr/bin/env bash
# `make test`: lint, type-check, then every test against a real broker of its own.
set -uo pipefail
cd "$(dirname "$0")/../.."
BIN=.venv/bin
status=0
echo "== ruff check";        "$BIN/ruff" check . || status=1
echo "== ruff format --check"; "$BIN/ruff" format --check . || status=1
echo "== mypy (strict)";     "$BIN/mypy" || status=1
echo "== pytest (real Apache Kafka broker on 127.0.0.1:${PEACEWATCH_TEST_KAFKA_PORT:-19092})"
bash deploy/scripts/with-test-broker.sh "$BIN/pytest" "$@" || status=1
exit $status
