#!/usr/bin/env bash
# Install Saring into .venv and scan the bundled sample documents (exit code 2: something blocked).
source "$(dirname "$0")/_venv.sh"
"$VENV/bin/saring" scan samples/ --db "${SARING_DEMO_DB:-/tmp/saring-demo.db}" "$@" || code=$?
echo "exit code: ${code:-0}  (0 allow, 1 flag, 2 block)"
