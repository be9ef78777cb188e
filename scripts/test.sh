#!/usr/bin/env bash
# Install Saring with its test and training extras into .venv and run the test suite and the linter.
SARING_INSTALL_TARGET=".[test,train]" source "$(dirname "$0")/_venv.sh"
"$VENV/bin/ruff" check .
# Run from tests/ so that `import scanner` resolves to the *installed* package: this checks that
# rules/, models/ and reports/ really ship with it.
cd tests && "$VENV/bin/python" -m pytest -p no:cacheprovider "$@"
