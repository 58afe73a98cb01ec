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
        vectors-identical lint bench clean \
        ffi cbindgen header header-check test-c test-c-asan test-c-valgrind install install-check

all: build

build:
	$(CARGO) build --locked -p exectable-cli

$(CLI): build

## demo: decode the bundled real postAndVerifyBatch calldata, print its entries and their hashes.
demo: build
	@echo "== $(DEMO_BATCH): postAndVerifyBatch calldata accepted on chain (golden vector batchCalldata-public-006)"
	$(CLI) inspect $(DEMO_BATCH)

## test: every test of every language (Rust workspace, both keccak backends, conformance, the C API
## under ASan and valgrind, the Go package under -race and cgocheck2, the Python wheel's pytest,
## the Kotlin suite over the uniffi bindings with the Swift bindings generated and checked).
test: vectors-identical lint test-rust test-portable-keccak conformance \
      header-check test-c test-c-asan test-c-valgrind install-check test-go test-py test-mobile fuzz-smoke \
      test-anvil
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
	$(CARGO) clippy --workspace --all-targets --locked --features exectable-cli/anvil-tests -- -D warnings
	$(CARGO) fmt --all -- --check

## bench: criterion benchmarks, then the ratios recorded in docs/PERFORMANCE.md.
bench:
	$(CARGO) bench --locked -p exectable --bench hashing
	$(CARGO) bench --locked -p exectable --bench commitment
	python3 core/benches/ratios.py $(CARGO_TARGET_DIR)/criterion
	$(MAKE) bench-go

clean:
	$(CARGO) clean

# ---------------------------------------------------------------------------------------------
# C library (ffi-c/): libexectable_c.{a,so}, ffi-c/include/exectable.h, exectable.pc.

# cbindgen is pinned; installed into the target dir on first use (only if not there at this version).
CBINDGEN_VERSION := 0.29.4
TOOLS_DIR    := $(CARGO_TARGET_DIR)/tools
CBINDGEN     := $(TOOLS_DIR)/bin/cbindgen
FFI_HEADER   := ffi-c/include/exectable.h
# The C tests link the debug build (fast to build; the tests do not need release speed).
FFI_PROFILE  ?= debug
FFI_LIB_DIR  := $(CARGO_TARGET_DIR)/$(FFI_PROFILE)
FFI_STATIC   := $(FFI_LIB_DIR)/libexectable_c.a
FFI_SHARED   := $(FFI_LIB_DIR)/libexectable_c.so
FFI_VERSION  := $(shell sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
# What a Rust staticlib needs from libc on Linux (rustc --print native-static-libs). keccak-asm's
# object has no .note.GNU-stack: static links ask for a non-executable stack explicitly.
FFI_NATIVE_LIBS := -Wl,-z,noexecstack -lgcc_s -lutil -lrt -lpthread -lm -ldl -lc
C_TEST_CC    ?= gcc
C_TEST_DIR   := $(CARGO_TARGET_DIR)/ffi-c-tests
C_TEST_SRCS  := $(wildcard ffi-c/tests/*.c)
C_TEST_HDRS  := $(wildcard ffi-c/tests/*.h) $(FFI_HEADER)
C_TEST_FLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Werror -g -Iffi-c/include -Iffi-c/tests
C_TEST_ASAN  := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

## ffi: build the static and shared C library (debug; FFI_PROFILE=release for the release build).
ffi:
	$(CARGO) build --locked -p exectable-ffi $(if $(filter release,$(FFI_PROFILE)),--release,)

cbindgen:
	@if ! "$(CBINDGEN)" --version 2>/dev/null | grep -qx "cbindgen $(CBINDGEN_VERSION)"; then \
	  echo "installing cbindgen $(CBINDGEN_VERSION) into $(TOOLS_DIR)"; \
	  CARGO_TARGET_DIR="$(TOOLS_DIR)/build" $(CARGO) install cbindgen --version $(CBINDGEN_VERSION) --locked \
	    --root "$(TOOLS_DIR)" --quiet; \
	fi

## header: regenerate ffi-c/include/exectable.h from ffi-c/src (commit the result).
header: cbindgen
	$(CBINDGEN) --quiet --config ffi-c/cbindgen.toml --crate exectable-ffi --output $(FFI_HEADER) ffi-c

## header-check: the committed header must equal cbindgen's output (rustls-ffi's ensure-header-updated).
header-check: cbindgen
	@mkdir -p $(C_TEST_DIR)
	$(CBINDGEN) --quiet --config ffi-c/cbindgen.toml --crate exectable-ffi --output $(C_TEST_DIR)/exectable.h ffi-c
	@diff -u $(FFI_HEADER) $(C_TEST_DIR)/exectable.h || \
	  { echo "$(FFI_HEADER) is out of date: run 'make header' and commit it"; exit 1; }
	@echo "header: $(FFI_HEADER) equals cbindgen $(CBINDGEN_VERSION)'s output"

$(C_TEST_DIR)/tests-shared: $(C_TEST_SRCS) $(C_TEST_HDRS) ffi
	@mkdir -p $(C_TEST_DIR)
	$(C_TEST_CC) $(C_TEST_FLAGS) -O1 $(C_TEST_SRCS) -o $@ -L$(FFI_LIB_DIR) -Wl,-rpath,$(abspath $(FFI_LIB_DIR)) \
	  -lexectable_c -lpthread

$(C_TEST_DIR)/tests-static: $(C_TEST_SRCS) $(C_TEST_HDRS) ffi
	@mkdir -p $(C_TEST_DIR)
	$(C_TEST_CC) $(C_TEST_FLAGS) -O1 $(C_TEST_SRCS) -o $@ $(FFI_STATIC) $(FFI_NATIVE_LIBS)

$(C_TEST_DIR)/tests-asan: $(C_TEST_SRCS) $(C_TEST_HDRS) ffi
	@mkdir -p $(C_TEST_DIR)
	$(C_TEST_CC) $(C_TEST_FLAGS) -O1 $(C_TEST_ASAN) $(C_TEST_SRCS) -o $@ $(FFI_STATIC) $(FFI_NATIVE_LIBS)

## test-c: the C tests (ffi-c/tests/*.c) against the shared library, over every vector file.
test-c: $(C_TEST_DIR)/tests-shared
	RUST_BACKTRACE=0 $(C_TEST_DIR)/tests-shared $(ALL_VECTORS)

## test-c-asan: the C tests with AddressSanitizer + UBSan (leak detection on), static library.
test-c-asan: $(C_TEST_DIR)/tests-asan
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:halt_on_error=1 \
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 RUST_BACKTRACE=0 \
	  $(C_TEST_DIR)/tests-asan $(ALL_VECTORS)

## test-c-valgrind: the C tests under valgrind (memcheck, full leak check), static library.
test-c-valgrind: $(C_TEST_DIR)/tests-static
	RUST_BACKTRACE=0 valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect,possible \
	  --show-leak-kinds=definite,indirect,possible --track-origins=yes \
	  $(C_TEST_DIR)/tests-static $(ALL_VECTORS)

## install: header, static and shared library and exectable.pc under PREFIX (default /usr/local);
## builds the release library (INSTALL_PROFILE=debug installs the debug build).
PREFIX          ?= /usr/local
LIBDIR          ?= $(PREFIX)/lib
INCLUDEDIR      ?= $(PREFIX)/include
PKGCONFIGDIR    ?= $(LIBDIR)/pkgconfig
INSTALL_PROFILE ?= release
INSTALL_LIB_DIR := $(CARGO_TARGET_DIR)/$(INSTALL_PROFILE)
install:
	$(MAKE) --no-print-directory ffi FFI_PROFILE=$(INSTALL_PROFILE)
	install -d $(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(PKGCONFIGDIR)
	install -m 644 $(FFI_HEADER) $(DESTDIR)$(INCLUDEDIR)/exectable.h
	install -m 644 $(INSTALL_LIB_DIR)/libexectable_c.a $(DESTDIR)$(LIBDIR)/libexectable_c.a
	install -m 755 $(INSTALL_LIB_DIR)/libexectable_c.so $(DESTDIR)$(LIBDIR)/libexectable_c.so
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' \
	    -e 's|@VERSION@|$(FFI_VERSION)|' -e 's|@NATIVE_LIBS@|$(FFI_NATIVE_LIBS)|' \
	    ffi-c/exectable.pc.in > $(DESTDIR)$(PKGCONFIGDIR)/exectable.pc
	@echo "installed exectable $(FFI_VERSION) ($(INSTALL_PROFILE) build) under $(DESTDIR)$(PREFIX)"

## install-check: install (debug build) into a scratch prefix; build and run a program with pkg-config,
## linked against the shared and the static library.
INSTALL_CHECK_DIR := $(CARGO_TARGET_DIR)/ffi-c-install-check
install-check:
	rm -rf $(INSTALL_CHECK_DIR)
	$(MAKE) --no-print-directory install PREFIX=$(INSTALL_CHECK_DIR)/prefix INSTALL_PROFILE=debug
	PKG_CONFIG_PATH=$(INSTALL_CHECK_DIR)/prefix/lib/pkgconfig sh -c '\
	  $(C_TEST_CC) -Wall -Werror ffi-c/examples/hash_call.c -o $(INSTALL_CHECK_DIR)/hash_call-shared \
	    $$(pkg-config --cflags --libs exectable) -Wl,-rpath,$$(pkg-config --variable=libdir exectable) && \
	  $(C_TEST_CC) -Wall -Werror ffi-c/examples/hash_call.c -o $(INSTALL_CHECK_DIR)/hash_call-static \
	    $$(pkg-config --cflags exectable) $$(pkg-config --variable=libdir exectable)/libexectable_c.a \
	    $$(pkg-config --static --libs-only-other --libs-only-l exectable | sed "s/-lexectable_c//")'
	$(INSTALL_CHECK_DIR)/hash_call-shared
	$(INSTALL_CHECK_DIR)/hash_call-static

# The Go package over the C library (targets test-go, bench-go).
include go-example/go.mk

# The Python wheel (targets wheel, test-py).
include python/py.mk

# The mobile bindings, uniffi for Kotlin and Swift (targets mobile-lib, mobile-bindings, test-mobile,
# mobile-size).
include mobile/mobile.mk
include fuzz/fuzz.mk

# Anvil, pinned, and the differential of the EVM decoding mode against the compiled contract
# (targets anvil, test-anvil, differential-full).
include tools/anvil.mk
