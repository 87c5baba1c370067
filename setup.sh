#!/usr/bin/env bash
# Set up korad on a fresh machine: a virtual environment in .venv with the CPU-or-CUDA torch pin,
# korad itself (editable) and the development tools. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")"

# System packages (Debian/Ubuntu): chromium and fonts-nanum for the Space's browser test (Hangul
# renders), redis-server for the Argilla integration tests.
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
[ -d /usr/share/fonts/truetype/nanum ] || need+=(fonts-nanum)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "note: the browser and Argilla tests need: sudo apt-get install ${need[*]}" >&2
  fi
fi

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
# The torch pin is a constraint so that peft, accelerate and bitsandbytes never pull another torch.
.venv/bin/python -m pip install --quiet -c constraints.txt -r requirements-dev.txt
.venv/bin/python -m pip install --quiet --no-deps -e .

# Test services, each in its own environment because their pins clash with ours: olah serves the
# Hub protocol for the download tests; argilla-server (with click<8.2 for its CLI) for the review tests.
for service in olah argilla; do
  [ -x ".venv-$service/bin/python" ] || "$PYTHON" -m venv ".venv-$service"
  ".venv-$service/bin/python" -m pip install --quiet --upgrade pip
done
.venv-olah/bin/python -m pip install --quiet "olah==0.5.4"
.venv-argilla/bin/python -m pip install --quiet "argilla-server==2.8.0" "click<8.2"

.venv/bin/python -c "import korad, torch; print(f'korad {korad.__version__} ready (torch {torch.__version__})')"
