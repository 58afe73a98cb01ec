# Coverage-guided fuzzing of every untrusted-input path (fuzz/, docs/RELIABILITY.md "Fuzzing").
# Included by the root Makefile (it defines CARGO, CARGO_TARGET_DIR and TOOLS_DIR).
#
#   make fuzz                       every target FUZZ_SECONDS (60) seconds; per-target execs and corpus
#   make fuzz FUZZ_SECONDS=600 FUZZ_TARGETS="abi_struct proof_binary"   some targets, longer
#   make fuzz-smoke                 every target FUZZ_SMOKE_SECONDS (5) seconds from the seeds, two at a time
#                                   (FUZZ_SMOKE_JOBS; part of make test)
#
# cargo-fuzz is pinned and installed into $(TOOLS_DIR) on first use. The targets are built once
# (one `cargo fuzz build` of all of them, ASan + SanitizerCoverage, debug assertions and overflow
# checks on) into their own target dir, so the fuzz RUSTFLAGS never invalidate the main build.
# Stable rustc builds them with RUSTC_BOOTSTRAP=1 (cargo-fuzz passes -Zsanitizer=address).
# Seed corpora are generated from vectors/ into $(FUZZ_CORPUS)/<target>/ (kept between runs, so
# the corpus grows); crashes, timeouts, OOMs and leaks land in $(FUZZ_ARTIFACTS)/<target>/.

CARGO_FUZZ_VERSION := 0.13.2
CARGO_FUZZ         := $(TOOLS_DIR)/bin/cargo-fuzz
FUZZ_HOST          := $(shell rustc -vV 2>/dev/null | sed -n 's/^host: //p')
FUZZ_TARGET_DIR    := $(CARGO_TARGET_DIR)/fuzz
FUZZ_BIN_DIR       := $(FUZZ_TARGET_DIR)/$(FUZZ_HOST)/release
FUZZ_CORPUS        := $(CARGO_TARGET_DIR)/fuzz-corpus
FUZZ_ARTIFACTS     := $(CARGO_TARGET_DIR)/fuzz-artifacts
FUZZ_SECONDS       ?= 60
FUZZ_SMOKE_SECONDS ?= 5
FUZZ_JOBS          ?= 1
# The smoke runs two targets at a time (2 cores) to stay near two minutes with the build.
FUZZ_SMOKE_JOBS    ?= 2
# Empty: every target of fuzz/Cargo.toml.
FUZZ_TARGETS       ?=
FUZZ_RUN           := python3 fuzz/run.py --bin-dir $(FUZZ_BIN_DIR) --corpus-dir $(FUZZ_CORPUS) \
                      --artifact-dir $(FUZZ_ARTIFACTS)

.PHONY: cargo-fuzz fuzz-build fuzz-seed fuzz fuzz-smoke fuzz-fmt-check

cargo-fuzz:
	@if ! "$(CARGO_FUZZ)" --version 2>/dev/null | grep -qx "cargo-fuzz $(CARGO_FUZZ_VERSION)"; then \
	  echo "installing cargo-fuzz $(CARGO_FUZZ_VERSION) into $(TOOLS_DIR)"; \
	  CARGO_TARGET_DIR="$(TOOLS_DIR)/build" $(CARGO) install cargo-fuzz --version $(CARGO_FUZZ_VERSION) --locked \
	    --root "$(TOOLS_DIR)" --quiet; \
	fi

## fuzz-build: build every fuzz target (ASan, coverage, debug assertions) into $(FUZZ_TARGET_DIR).
fuzz-build: cargo-fuzz
	RUSTC_BOOTSTRAP=1 $(CARGO_FUZZ) build --fuzz-dir fuzz --target-dir $(FUZZ_TARGET_DIR) --debug-assertions

## fuzz-seed: seed corpora from vectors/ and fuzz/regressions/ (existing corpus files are kept).
fuzz-seed:
	@python3 fuzz/seed.py $(FUZZ_CORPUS) > /dev/null && echo "fuzz: seed corpora in $(FUZZ_CORPUS)"

## fuzz: every target for FUZZ_SECONDS seconds; prints execs, corpus size and result per target.
fuzz: fuzz-build fuzz-seed
	$(FUZZ_RUN) --seconds $(FUZZ_SECONDS) --jobs $(FUZZ_JOBS) --report $(FUZZ_ARTIFACTS)/report.md $(FUZZ_TARGETS)

## fuzz-smoke: every target for FUZZ_SMOKE_SECONDS seconds from the seeds (make test).
fuzz-smoke: fuzz-fmt-check fuzz-build fuzz-seed
	$(FUZZ_RUN) --seconds $(FUZZ_SMOKE_SECONDS) --jobs $(FUZZ_SMOKE_JOBS) $(FUZZ_TARGETS)

# The fuzz crate is its own workspace: `cargo fmt --all` of the main one does not reach it.
fuzz-fmt-check:
	$(CARGO) fmt --manifest-path fuzz/Cargo.toml -- --check
