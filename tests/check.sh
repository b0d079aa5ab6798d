#!/usr/bin/env bash
# Installs everything the test suite needs, then runs lint, type checks, the layer
# rules and every test (unit, real SQLite/PostgreSQL/Dovecot/SMTP, Qt offscreen).
# Usage: bash tests/check.sh [extra pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

# System packages: real servers for the integration tests and the libraries Qt
# needs even offscreen. Installed only when missing, and only where we may (root).
apt_packages=(
    postgresql                       # real PostgreSQL for the team-mode tests
    dovecot-imapd                    # real IMAP server for the email channel
    chromium                         # real browser for the web form and chat widget tests
    libgl1 libegl1 libopengl0 libxkbcommon0 libfontconfig1 libglib2.0-0 libdbus-1-3
    fonts-dejavu-core                # Qt renders text in screenshots
    libxcb-icccm4 libxcb-keysyms1    # what Qt's xcb plugin needs; the bundle carries them
    desktop-file-utils appstream     # validate the Linux .desktop and AppStream files
)
missing=()
for package in "${apt_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
done
if ! python3 -c "import venv, ensurepip" 2>/dev/null; then
    missing+=(python3-venv)
fi
if [ "${#missing[@]}" -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
        echo "== installing system packages: ${missing[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        # The postgresql package would start a cluster through systemd; tests run their own.
        apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
        echo "tests/check.sh: please install: ${missing[*]} (e.g. sudo apt-get install ${missing[*]})" >&2
        exit 1
    fi
fi

if [ ! -x .venv/bin/python ]; then
    echo "== creating .venv"
    python3 -m venv .venv
fi
echo "== installing OmniDesk with its development tools"
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[dev]'

echo "== ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "== mypy"
.venv/bin/mypy omnidesk tests
echo "== import rules"
.venv/bin/lint-imports
echo "== pytest"
export QT_QPA_PLATFORM=offscreen
.venv/bin/pytest "$@"
