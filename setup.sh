#!/usr/bin/env bash
# Set up korad on a fresh machine: a virtual environment in .venv with the CPU-or-CUDA torch pin,
# korad itself (editable) and the development tools. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")"

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
# The torch pin is a constraint so that peft, accelerate and bitsandbytes never pull another torch.
.venv/bin/python -m pip install --quiet -c constraints.txt -r requirements-dev.txt
.venv/bin/python -m pip install --quiet --no-deps -e .
.venv/bin/python -c "import korad, torch; print(f'korad {korad.__version__} ready (torch {torch.__version__})')"
