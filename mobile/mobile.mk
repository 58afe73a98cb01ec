# Mobile bindings (mobile/): included by the root Makefile.
# Targets: mobile-bindgen, mobile-lib, mobile-bindings, test-mobile, mobile-size.
#
# The bindings are generated in library mode from the exact cdylib that is tested (or shipped):
# mobile-lib copies it to $(MOBILE_OUT)/lib, mobile-bindings generates Kotlin and Swift from that
# copy, and the Kotlin suite loads that same copy. Nothing generated is committed.

MOBILE_OUT      := $(CARGO_TARGET_DIR)/mobile-out
# dev (debug build, what `make test` uses) or any cargo profile, e.g. MOBILE_PROFILE=mobile.
MOBILE_PROFILE  ?= dev
MOBILE_PROFILE_DIR := $(if $(filter dev,$(MOBILE_PROFILE)),debug,$(MOBILE_PROFILE))
MOBILE_CDYLIB   := $(MOBILE_OUT)/lib/libexectable_mobile.so
# uniffi's bindgen (feature `cli`) is built in its own target dir: a cdylib's file name carries no
# feature hash, so building it with `cli` in the shared dir would overwrite the library that ships.
MOBILE_BINDGEN_DIR := $(CARGO_TARGET_DIR)/tools/mobile-bindgen
MOBILE_BINDGEN  := $(MOBILE_BINDGEN_DIR)/debug/uniffi-bindgen
MVN             ?= mvn
MVN_FLAGS       ?= -B -q -Dstyle.color=never
# Functions every generated binding must declare (Kotlin and Swift spell them the same).
MOBILE_API      := crossChainCallHash proxyAddress proxyCreationCode referenceBuildName verdictOf decodeEntryJson \
                   decodeEntryAbi decodeLookupCallJson decodeLookupCallAbi entryHash lookupCallHash \
                   decodeInclusionProof decodeInclusionProofJson verifyInclusionProof verifyInclusionProofJson \
                   verifyBatchMembership verifyOcpArtifact executionTableObservation runConformance
# Size budget of the stripped x86_64 Linux cdylib built with [profile.mobile] (3 MiB).
MOBILE_SIZE_BUDGET := 3145728

.PHONY: mobile-bindgen mobile-lib mobile-bindings test-mobile mobile-size

## mobile-bindgen: uniffi's bindgen from the pinned uniffi (mobile/uniffi-bindgen.rs).
mobile-bindgen:
	CARGO_TARGET_DIR="$(MOBILE_BINDGEN_DIR)" $(CARGO) build --locked -q -p exectable-mobile --features cli \
	  --bin uniffi-bindgen

## mobile-lib: the cdylib (MOBILE_PROFILE, default dev), copied to $(MOBILE_OUT)/lib.
mobile-lib:
	$(CARGO) build --locked -p exectable-mobile --lib --profile $(MOBILE_PROFILE)
	@mkdir -p $(MOBILE_OUT)/lib
	cp $(CARGO_TARGET_DIR)/$(MOBILE_PROFILE_DIR)/libexectable_mobile.so $(MOBILE_CDYLIB)

## mobile-bindings: Kotlin and Swift bindings generated from $(MOBILE_CDYLIB) (library mode),
## each checked to declare every exported function.
mobile-bindings: mobile-lib mobile-bindgen
	rm -rf $(MOBILE_OUT)/kotlin $(MOBILE_OUT)/swift
	$(MOBILE_BINDGEN) generate --no-format --library $(MOBILE_CDYLIB) --language kotlin --out-dir $(MOBILE_OUT)/kotlin
	$(MOBILE_BINDGEN) generate --no-format --library $(MOBILE_CDYLIB) --language swift --out-dir $(MOBILE_OUT)/swift
	@kt=$(MOBILE_OUT)/kotlin/org/exectable/mobile/exectable_mobile.kt; \
	 swift=$(MOBILE_OUT)/swift/ExectableMobile.swift; \
	 header=$(MOBILE_OUT)/swift/exectable_mobileFFI.h; \
	 modulemap=$(MOBILE_OUT)/swift/exectable_mobileFFI.modulemap; \
	 for f in $$kt $$swift $$header $$modulemap; do test -s $$f || { echo "missing $$f"; exit 1; }; done; \
	 for fn in $(MOBILE_API); do \
	   grep -q "fun \`$$fn\`(" $$kt || { echo "$$kt lacks $$fn"; exit 1; }; \
	   grep -q "public func $$fn(" $$swift || { echo "$$swift lacks $$fn"; exit 1; }; \
	 done; \
	 grep -q "uniffi_exectable_mobile_fn_func_verify_inclusion_proof(" $$header || { echo "$$header lacks the FFI"; exit 1; }; \
	 grep -q "module ExectableMobileFFI" $$modulemap && grep -q "exectable_mobileFFI.h" $$modulemap \
	   || { echo "$$modulemap does not name the FFI module and header"; exit 1; }; \
	 grep -q "ExectableError" $$swift || { echo "$$swift lacks ExectableError"; exit 1; }; \
	 echo "mobile-bindings: Kotlin and Swift declare all $(words $(MOBILE_API)) functions (from $(MOBILE_CDYLIB))"

## test-mobile: generate the bindings, then the Kotlin suite (Maven, JUnit 5, JNA) over the vectors.
test-mobile: mobile-bindings
	$(MVN) $(MVN_FLAGS) -f mobile/kotlin/pom.xml test \
	  -Dexectable.bindings=$(MOBILE_OUT)/kotlin -Dexectable.lib=$(MOBILE_OUT)/lib \
	  -Dexectable.vectors=$(CURDIR)/vectors -Dexectable.build=$(MOBILE_OUT)/maven

## mobile-size: the stripped x86_64 Linux cdylib of [profile.mobile] against the 3 MiB budget and
## against the release-profile build of the same crate, stripped the same way (docs/PERFORMANCE.md).
mobile-size:
	$(CARGO) build --locked -q -p exectable-mobile --lib --profile mobile
	$(CARGO) build --locked -q -p exectable-mobile --lib --release
	@mkdir -p $(MOBILE_OUT)/size
	cp $(CARGO_TARGET_DIR)/mobile/libexectable_mobile.so $(MOBILE_OUT)/size/mobile.so
	cp $(CARGO_TARGET_DIR)/release/libexectable_mobile.so $(MOBILE_OUT)/size/release.so
	strip --strip-all $(MOBILE_OUT)/size/mobile.so $(MOBILE_OUT)/size/release.so
	@mobile=$$(stat -c %s $(MOBILE_OUT)/size/mobile.so); release=$$(stat -c %s $(MOBILE_OUT)/size/release.so); \
	 awk -v m=$$mobile -v r=$$release -v b=$(MOBILE_SIZE_BUDGET) 'BEGIN { \
	   printf "mobile-size: [profile.mobile] %d bytes (%.2f MiB) = %.2f x the 3 MiB budget, %.2f x the release profile (%d bytes, %.2f MiB), both stripped\n", \
	     m, m / 1048576, m / b, m / r, r, r / 1048576 }'; \
	 test $$mobile -le $(MOBILE_SIZE_BUDGET) || { echo "mobile-size: over the 3 MiB budget"; exit 1; }
