#!/usr/bin/env bash
# The README's test command: the whole build with every unit and integration test.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B verify "$@"
