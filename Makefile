# exectable — one entry point for every language. `make demo` and `make test` are the two
# commands a new user needs; both build what they need themselves.

CARGO        ?= cargo
# One cargo target dir for the whole workspace and every binding.
export CARGO_TARGET_DIR ?= $(CURDIR)/target
CLI          := $(CARGO_TARGET_DIR)/debug/exectable
VECTORS      := vectors/eez-v1-public.json
# Every vector file: the shared golden file and the project's own cases beside it.
ALL_VECTORS  := $(sort $(wildcard vectors/*.json))
DEMO_BATCH   := vectors/demo/postAndVerifyBatch-006.hex
SHARED_VECTORS := ../shared/vectors/eez-v1-public.json

.PHONY: all build demo test test-rust test-portable-keccak conformance \
        vectors-identical lint bench clean

all: build

build:
	$(CARGO) build --locked -p exectable-cli

$(CLI): build

## demo: decode the bundled real postAndVerifyBatch calldata, print its entries and their hashes.
demo: build
	@echo "== $(DEMO_BATCH): postAndVerifyBatch calldata accepted on chain (golden vector batchCalldata-public-006)"
	$(CLI) inspect $(DEMO_BATCH)

## test: every test of every language (today: Rust workspace, both keccak backends, conformance).
test: vectors-identical lint test-rust test-portable-keccak conformance
	@echo "make test: all green"

test-rust:
	$(CARGO) test --workspace --locked

# The portable fallback: alloy's keccak over the pure-Rust sha3 crate instead of keccak-asm.
test-portable-keccak:
	$(CARGO) test --locked -p exectable --no-default-features --features portable-keccak

## conformance: every case of every kind of every vector file (fails on any failure or empty kind).
conformance: build
	$(CLI) conformance $(ALL_VECTORS)

# vectors/ must keep a byte-identical copy of the shared golden file (checked when ../shared exists).
vectors-identical:
	@if [ -f $(SHARED_VECTORS) ]; then cmp $(VECTORS) $(SHARED_VECTORS) && echo "vectors: identical to $(SHARED_VECTORS)"; \
	else echo "vectors: $(SHARED_VECTORS) not present, skipping the identity check"; fi

lint:
	$(CARGO) clippy --workspace --all-targets --locked -- -D warnings
	$(CARGO) fmt --all -- --check

## bench: criterion benchmarks, then the ratios recorded in docs/PERFORMANCE.md.
bench:
	$(CARGO) bench --locked -p exectable --bench hashing
	$(CARGO) bench --locked -p exectable --bench commitment
	python3 core/benches/ratios.py $(CARGO_TARGET_DIR)/criterion

clean:
	$(CARGO) clean
