# Sourced by demo.sh and test.sh: make .venv (or $SARING_VENV) and install Saring into it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
VENV="${SARING_VENV:-.venv}"
PY="${PYTHON:-python3}"
# python-magic needs libmagic; Debian/Ubuntu servers usually have it, minimal images may not.
if ! ldconfig -p 2>/dev/null | grep -q libmagic.so.1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && apt-get install -y -qq libmagic1 >/dev/null
  else
    echo "libmagic1 is missing: install it (apt-get install libmagic1)" >&2; exit 69
  fi
fi
if [ ! -x "$VENV/bin/python" ]; then
  "$PY" -m venv "$VENV"
  "$VENV/bin/pip" install -q --upgrade pip 2>&1 | grep -v "^WARNING: Location" || true
fi
VENV="$(cd "$VENV" && pwd)"   # absolute: the test script runs from tests/
# setuptools warns at length about the data folders (rules/markings …); keep its log, show it
# only if the installation fails.
if ! "$VENV/bin/pip" install -q "${SARING_INSTALL_TARGET:-.}" > "$VENV/install.log" 2>&1; then
  cat "$VENV/install.log" >&2
  exit 70
fi
"$VENV/bin/python" -c "import scanner" || { echo "installation failed" >&2; exit 70; }
