# Anvil, Foundry's local EVM node, pinned, from the npm registry (`@foundry-rs/anvil-linux-amd64`,
# a prebuilt binary shipped inside the package). The differential tests of the EVM decoding mode
# (cli/tests/anvil_differential.rs: the EEZ's postAndVerifyBatch, the EEZL2's loadExecutionTable
# and executeIncomingCrossChainCall) run the compiled contracts of vectors/contracts/ on it.
# Included by the root Makefile (it defines CARGO and CARGO_TARGET_DIR).
#
#   make anvil               install anvil $(ANVIL_VERSION) into $(ANVIL_NPM_DIR) (only if not there at that version)
#   make test-anvil          the differential on a bounded deterministic sample (part of make test)
#   make differential-full   every mutation of every family (EXECTABLE_DIFFERENTIAL=full)
#   make lint-anvil          clippy over the feature-gated test target (the root `lint` builds without it)

NPM            ?= npm
ANVIL_VERSION  := 1.7.1
ANVIL_PACKAGE  := @foundry-rs/anvil-linux-amd64
ANVIL_NPM_DIR  := $(CARGO_TARGET_DIR)/tools/npm
## ANVIL_BIN: the anvil binary inside the installed package.
ANVIL_BIN      := $(ANVIL_NPM_DIR)/node_modules/$(ANVIL_PACKAGE)/bin/anvil
SHARED_CONTRACTS := ../shared/contracts/eez-5c51e02
ANVIL_TEST     := $(CARGO) test --locked -p exectable-cli --features anvil-tests --test anvil_differential

.PHONY: anvil test-anvil differential-full contracts-identical lint-anvil

## anvil: install the pinned anvil (checked by the version the binary reports).
anvil:
	@if ! "$(ANVIL_BIN)" --version 2>/dev/null | grep -qx "anvil Version: $(ANVIL_VERSION)"; then \
	  echo "installing $(ANVIL_PACKAGE)@$(ANVIL_VERSION) into $(ANVIL_NPM_DIR)"; \
	  mkdir -p "$(ANVIL_NPM_DIR)" && \
	  $(NPM) install --prefix "$(ANVIL_NPM_DIR)" --no-audit --no-fund --loglevel=error \
	    "$(ANVIL_PACKAGE)@$(ANVIL_VERSION)" && \
	  "$(ANVIL_BIN)" --version | grep -qx "anvil Version: $(ANVIL_VERSION)"; \
	fi

## contracts-identical: vectors/contracts/eez-5c51e02/*.json must be byte-identical to the shared
## build (checked when ../shared exists).
contracts-identical:
	@if [ -d $(SHARED_CONTRACTS) ]; then \
	  for f in vectors/contracts/eez-5c51e02/*.json; do cmp "$$f" "$(SHARED_CONTRACTS)/$$(basename $$f)" || exit 1; done; \
	  echo "contracts: identical to $(SHARED_CONTRACTS)"; \
	else echo "contracts: $(SHARED_CONTRACTS) not present, skipping the identity check"; fi

## test-anvil: the differential of the EVM decoding mode against the compiled contract on anvil,
## on the bounded deterministic sample.
test-anvil: anvil contracts-identical
	ANVIL="$(ANVIL_BIN)" $(ANVIL_TEST) -- --nocapture

## differential-full: every mutation of every family (several thousand debug_traceCall requests).
differential-full: anvil
	ANVIL="$(ANVIL_BIN)" EXECTABLE_DIFFERENTIAL=full $(ANVIL_TEST) -- --nocapture

## lint-anvil: clippy over cli/tests/anvil_differential.rs, which needs the anvil-tests feature.
lint-anvil:
	$(CARGO) clippy --locked -p exectable-cli --all-targets --features anvil-tests -- -D warnings
