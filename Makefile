# The two commands of the README: `make demo` and `make test`. The rest are their parts.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
CARGO ?= cargo
VENV := .venv
# Binaries that `cargo install` added (wasm-bindgen) must be found by every recipe.
export PATH := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin:$(PATH)
PY := $(VENV)/bin/python

# Set-up must finish before any suite starts, even under `make -j`.
.NOTPARALLEL:

.PHONY: demo test setup lint test-rust wheel test-python wasm test-wasm bench bench-stockpyl bench-forecast bench-vrp sample-data clean

## Build flowcast and run the main job on the bundled sample network; writes out/.
demo:
	$(CARGO) run --release -q -p flowcast-cli -- demo --data examples/data --out out

## Install what is missing, then run every suite.
test: setup lint test-rust test-python test-wasm
	@echo "make test: every suite passed"

setup:
	scripts/setup.sh

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

## Unit, integration and property tests, benches once in test mode, doctests, the examples.
test-rust:
	$(CARGO) test --workspace --all-targets
	$(CARGO) test --workspace --doc
	$(CARGO) run -q -p flowcast-examples --example replenishment
	$(CARGO) run -q -p flowcast-examples --example cold_chain
	$(CARGO) run -q -p flowcast-examples --example forecasting
	$(CARGO) run -q -p flowcast-examples --example routing

## The abi3 wheel, installed into the venv.
wheel:
	rm -rf target/wheels
	$(VENV)/bin/maturin build --release -m bindings-python/Cargo.toml --out target/wheels
	$(VENV)/bin/pip install --quiet --force-reinstall --no-deps target/wheels/flowcast-*.whl

test-python: wheel
	$(PY) -m pytest bindings-python/tests -q
	$(PY) benches/python/bench.py --quick

## The npm package in bindings-wasm/pkg.
wasm:
	scripts/build-wasm.sh

test-wasm: wasm
	cd bindings-wasm && node --test tests/node.test.mjs
	cd bindings-wasm && node --test tests/browser.test.mjs
	cd bindings-wasm && ./node_modules/.bin/tsc -p tests/tsconfig.json

## Speed: criterion (Rust, one core) and the same batches through Python.
bench: wheel
	$(CARGO) bench -p flowcast-benches
	$(PY) benches/python/bench.py

## stockpyl and flowcast on the same batches: time per SKU, speed-up, agreement.
bench-stockpyl: wheel
	test -x .venv-stockpyl/bin/python || python3 -m venv .venv-stockpyl
	.venv-stockpyl/bin/pip install --quiet -r benches/python/requirements-stockpyl.txt
	.venv-stockpyl/bin/pip install --quiet --force-reinstall --no-deps target/wheels/flowcast-*.whl
	.venv-stockpyl/bin/python benches/python/vs_stockpyl.py

## Forecasting quality harness: flowcast and statsforecast 2.1.1 on the shared dev sets, one
## core each (sMAPE, MASE, OWA, RMSSE, series per CPU-second; see benches/forecast/harness.py).
bench-forecast: wheel
	test -x .venv-forecast/bin/python || python3 -m venv .venv-forecast
	.venv-forecast/bin/pip install --quiet -r benches/forecast/requirements.txt
	.venv-forecast/bin/pip install --quiet --force-reinstall --no-deps target/wheels/flowcast-*.whl
	.venv-forecast/bin/python benches/forecast/harness.py $(HARNESS_ARGS)

## Routing quality harness: flowcast's `vrp solve` and PyVRP, OR-Tools and VROOM on the shared
## X and Solomon instances, the same wall-clock limit each, every answer re-checked and re-costed
## (gap to BKS, vehicles, wall time, feasibility; see benches/vrp/harness.py).
bench-vrp:
	test -x .venv-vrp/bin/python || python3 -m venv .venv-vrp
	.venv-vrp/bin/pip install --quiet -r benches/vrp/requirements.txt
	$(CARGO) build --release -p flowcast-cli
	.venv-vrp/bin/python benches/vrp/harness.py $(HARNESS_ARGS)

## Regenerate examples/data from its script (deterministic).
sample-data:
	python3 scripts/make_sample_data.py

clean:
	$(CARGO) clean
	rm -rf out bindings-wasm/pkg
