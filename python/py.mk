# Python wheel (python/): included by the root Makefile. Targets: wheel, test-py.
# The venv and the wheels live under the shared CARGO_TARGET_DIR.

PY_VENV        := $(CARGO_TARGET_DIR)/py-venv
PY_WHEELS      := $(CARGO_TARGET_DIR)/wheels
PY_MATURIN_VER := 1.9.4
PY_PYTEST_VER  := 8.3.4
# Test-only: stubtest for the hand-written .pyi, and the independent encoder of the differential
# test (eth-abi + pycryptodome keccak) with its dependencies pinned for repeatable installs.
PY_TEST_DEPS   := mypy==2.4.1 eth-abi==5.2.0 pycryptodome==3.23.0 eth-utils==6.0.0 \
                  eth-typing==6.0.0 eth-hash==0.8.0 parsimonious==0.10.0
PYTHON3        ?= python3

.PHONY: py-venv wheel test-py

$(PY_VENV)/bin/maturin:
	$(PYTHON3) -m venv $(PY_VENV)
	$(PY_VENV)/bin/pip install --quiet maturin==$(PY_MATURIN_VER) pytest==$(PY_PYTEST_VER)

# Marker: the test-only packages at the pinned versions (re-run when the pins change).
$(PY_VENV)/.test-deps: python/py.mk | $(PY_VENV)/bin/maturin
	$(PY_VENV)/bin/pip install --quiet $(PY_TEST_DEPS)
	touch $@

py-venv: $(PY_VENV)/bin/maturin

## wheel: the abi3 wheel (debug build; PY_RELEASE=1 for --release) into $(CARGO_TARGET_DIR)/wheels.
wheel: py-venv
	rm -f $(PY_WHEELS)/exectable-*.whl
	$(PY_VENV)/bin/maturin build --quiet -m python/Cargo.toml --out $(PY_WHEELS) $(if $(PY_RELEASE),--release,)

## test-py: build the wheel, install it into the venv, check the stubs against it (stubtest, run
## outside python/ so the source folder does not shadow the installed package), run pytest.
test-py: wheel $(PY_VENV)/.test-deps
	$(PY_VENV)/bin/pip install --quiet --force-reinstall --no-deps $(PY_WHEELS)/exectable-*.whl
	$(PY_VENV)/bin/python -m mypy.stubtest exectable
	cd python/tests && $(PY_VENV)/bin/python -m pytest -q .
