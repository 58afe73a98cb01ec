# Python wheel (python/): included by the root Makefile. Targets: wheel, test-py, bench-py.
# Everything lives under the shared CARGO_TARGET_DIR: the build venv (maturin), a wheelhouse of
# the pinned test packages, the wheels, and the test venv that `test-py` recreates every run.

PY_BUILD_VENV  := $(CARGO_TARGET_DIR)/py-venv
PY_TEST_VENV   := $(CARGO_TARGET_DIR)/py-test-venv
PY_WHEELS      := $(CARGO_TARGET_DIR)/wheels
PY_WHEELHOUSE  := $(CARGO_TARGET_DIR)/py-wheelhouse
PY_MATURIN_VER := 1.9.4
# Test-only packages, pinned: pytest; stubtest (mypy) for the hand-written .pyi; the independent
# encoder of the differential test and the benchmark (eth-abi + pycryptodome keccak) with its
# dependencies; pandas for entries_frame (the wheel's optional `pandas` extra).
PY_TEST_DEPS   := pytest==8.3.4 mypy==2.4.1 eth-abi==5.2.0 pycryptodome==3.23.0 eth-utils==6.0.0 \
                  eth-typing==6.0.0 eth-hash==0.8.0 parsimonious==0.10.0 pandas==2.2.3 numpy==2.1.3
PYTHON3        ?= python3

.PHONY: py-venv wheel test-py bench-py

$(PY_BUILD_VENV)/bin/maturin:
	$(PYTHON3) -m venv $(PY_BUILD_VENV)
	$(PY_BUILD_VENV)/bin/pip install --quiet maturin==$(PY_MATURIN_VER)

# Marker: the pinned test packages downloaded once (re-run when the pins change); every test run
# then installs them from this folder without the network.
$(PY_WHEELHOUSE)/.complete: python/py.mk
	$(PYTHON3) -m pip download --quiet --dest $(PY_WHEELHOUSE) $(PY_TEST_DEPS)
	touch $@

py-venv: $(PY_BUILD_VENV)/bin/maturin

## wheel: the abi3 wheel (debug build; PY_RELEASE=1 for --release) into $(CARGO_TARGET_DIR)/wheels.
wheel: py-venv
	rm -f $(PY_WHEELS)/exectable-*.whl
	$(PY_BUILD_VENV)/bin/maturin build --quiet -m python/Cargo.toml --out $(PY_WHEELS) $(if $(PY_RELEASE),--release,)

## test-py: build the wheel, install it into a fresh venv with the pinned test packages, check the
## stubs against it (stubtest, run outside python/ so the source folder does not shadow the
## installed package), run pytest, and run the benchmark once on a small batch (both sides agree).
test-py: wheel $(PY_WHEELHOUSE)/.complete
	$(PYTHON3) -m venv --clear $(PY_TEST_VENV)
	$(PY_TEST_VENV)/bin/pip install --quiet --no-index --find-links $(PY_WHEELHOUSE) $(PY_TEST_DEPS)
	$(PY_TEST_VENV)/bin/pip install --quiet --no-deps $(PY_WHEELS)/exectable-*.whl
	cd $(PY_TEST_VENV) && bin/python -m mypy.stubtest exectable
	cd python/tests && $(PY_TEST_VENV)/bin/python -m pytest -q -p no:cacheprovider .
	$(PY_TEST_VENV)/bin/python python/bench/bench_vs_eth_abi.py --entries 20 --repeat 1

## bench-py: the benchmark against eth-abi + pycryptodome on a release wheel (docs/PERFORMANCE.md).
bench-py: $(PY_WHEELHOUSE)/.complete
	$(MAKE) wheel PY_RELEASE=1
	$(PYTHON3) -m venv --clear $(PY_TEST_VENV)
	$(PY_TEST_VENV)/bin/pip install --quiet --no-index --find-links $(PY_WHEELHOUSE) $(PY_TEST_DEPS)
	$(PY_TEST_VENV)/bin/pip install --quiet --no-deps $(PY_WHEELS)/exectable-*.whl
	$(PY_TEST_VENV)/bin/python python/bench/bench_vs_eth_abi.py --markdown
