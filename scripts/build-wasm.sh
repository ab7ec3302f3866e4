#!/usr/bin/env bash
# Builds the npm package into bindings-wasm/pkg: web/ (ES module, explicit init) and node/
# (CommonJS, ready on require), both from one release build of flowcast-wasm.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build -p flowcast-wasm --target wasm32-unknown-unknown --release
wasm=target/wasm32-unknown-unknown/release/flowcast_wasm.wasm
pkg=bindings-wasm/pkg
rm -rf "$pkg"
mkdir -p "$pkg"
wasm-bindgen --target web --out-dir "$pkg/web" --out-name flowcast "$wasm"
wasm-bindgen --target nodejs --out-dir "$pkg/node" --out-name flowcast "$wasm"
echo '{ "type": "commonjs" }' > "$pkg/node/package.json"
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
sed "s/\"version\": \"[^\"]*\"/\"version\": \"$version\"/" bindings-wasm/npm/package.json > "$pkg/package.json"
cp bindings-wasm/npm/README.md "$pkg/README.md"
echo "npm package $version in $pkg ($(wc -c < "$pkg/web/flowcast_bg.wasm") bytes of wasm)"
