# Python wheel (python/): included by the root Makefile. Targets: wheel, test-py.
# The venv and the wheels live under the shared CARGO_TARGET_DIR.

PY_VENV        := $(CARGO_TARGET_DIR)/py-venv
PY_WHEELS      := $(CARGO_TARGET_DIR)/wheels
PY_MATURIN_VER := 1.9.4
PY_PYTEST_VER  := 8.3.4
PYTHON3        ?= python3

.PHONY: py-venv wheel test-py

$(PY_VENV)/bin/maturin:
	$(PYTHON3) -m venv $(PY_VENV)
	$(PY_VENV)/bin/pip install --quiet maturin==$(PY_MATURIN_VER) pytest==$(PY_PYTEST_VER)

py-venv: $(PY_VENV)/bin/maturin

## wheel: the abi3 wheel (debug build; PY_RELEASE=1 for --release) into $(CARGO_TARGET_DIR)/wheels.
wheel: py-venv
	rm -f $(PY_WHEELS)/exectable-*.whl
	$(PY_VENV)/bin/maturin build --quiet -m python/Cargo.toml --out $(PY_WHEELS) $(if $(PY_RELEASE),--release,)

## test-py: build the wheel, install it into the venv, run pytest over python/tests.
test-py: wheel
	$(PY_VENV)/bin/pip install --quiet --force-reinstall --no-deps $(PY_WHEELS)/exectable-*.whl
	cd python/tests && $(PY_VENV)/bin/python -m pytest -q .
