#!/usr/bin/env bash
# Installs what `make test` needs, skipping whatever is already in place:
#   the wasm32 target, wasm-bindgen-cli at the exact Cargo.lock version (cargo install),
#   Debian's chromium (for the browser tests), a Python venv (.venv) with the pinned tools in
#   scripts/requirements-dev.txt, and the npm packages pinned in bindings-wasm/package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }
# cargo install puts binaries here; make sure this shell (and the checks below) see them.
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

want=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ -z "$want" ]; then
  echo "wasm-bindgen not found in Cargo.lock" >&2
  exit 1
fi
if [ "$have" != "$want" ]; then
  step "installing wasm-bindgen-cli $want (was: ${have:-none}); takes several minutes cold"
  # Not --locked: a locked transitive version may be missing from the registry.
  cargo install wasm-bindgen-cli --version "=$want"
fi

if ! command -v chromium >/dev/null 2>&1; then
  step "installing Debian's chromium"
  as_root apt-get -o DPkg::Lock::Timeout=600 update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends chromium
fi

if ! command -v npm >/dev/null 2>&1; then
  step "installing Debian's nodejs and npm"
  as_root apt-get -o DPkg::Lock::Timeout=600 update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends nodejs npm
fi

# A venv left half-made (say, by a python3 without ensurepip) is rebuilt, not trusted.
if ! .venv/bin/python -m pip --version >/dev/null 2>&1; then
  step "creating the Python venv (.venv)"
  rm -rf .venv
  if ! python3 -m venv .venv; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y python3-venv
    rm -rf .venv
    python3 -m venv .venv
  fi
fi
sum=$(sha256sum scripts/requirements-dev.txt | cut -d' ' -f1)
if [ "$(cat .venv/.requirements.sha 2>/dev/null || true)" != "$sum" ]; then
  step "installing Python tools into .venv"
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -r scripts/requirements-dev.txt
  echo "$sum" > .venv/.requirements.sha
fi

sum=$(sha256sum bindings-wasm/package-lock.json | cut -d' ' -f1)
if [ "$(cat bindings-wasm/node_modules/.lock.sha 2>/dev/null || true)" != "$sum" ]; then
  step "installing npm packages (bindings-wasm)"
  (cd bindings-wasm && npm ci --no-audit --no-fund --loglevel=error)
  echo "$sum" > bindings-wasm/node_modules/.lock.sha
fi

echo "setup: everything in place"
