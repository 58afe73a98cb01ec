# go-example/go.mk — the Go package over the C library. Included from the root Makefile
# (`include go-example/go.mk`); also usable alone: `make -f Makefile -f go-example/go.mk test-go`.
# Expects CARGO and CARGO_TARGET_DIR from the root Makefile (defaults below otherwise).

CARGO            ?= cargo
CARGO_TARGET_DIR ?= $(CURDIR)/target
GO               ?= go
GO_DIR           := go-example
GO_BENCH_DIR     := $(GO_DIR)/bench
# The package links ../target/<profile>/libexectable_c.a relative to go-example/ (cgo ${SRCDIR});
# when the cargo target dir is elsewhere, a -L in CGO_LDFLAGS (searched first) points at it.
GO_DEFAULT_TARGET := $(abspath $(GO_DIR)/../target)
go_ldflags = $(if $(filter $(GO_DEFAULT_TARGET),$(abspath $(CARGO_TARGET_DIR))),,CGO_LDFLAGS="-L$(abspath $(CARGO_TARGET_DIR))/$(1)")
# The Go benchmark results (text) and the ratio table made from them.
GO_BENCH_OUT     := $(CARGO_TARGET_DIR)/go-bench.txt
GO_BENCH_TIME    ?= 2s
GO_BENCH_COUNT   ?= 3

.PHONY: go-ffi go-ffi-release test-go bench-go

go-ffi:
	$(CARGO) build --locked -p exectable-ffi

go-ffi-release:
	$(CARGO) build --locked --release -p exectable-ffi

## test-go: gofmt, go vet, then every Go test (the vector corpus, concurrency, the example) under
## -race with GOEXPERIMENT=cgocheck2 against the debug library; then the benchmark module is
## compiled, its differential tests run and each benchmark runs once (so it cannot rot).
test-go: go-ffi
	@unformatted=$$(cd $(GO_DIR) && gofmt -l .); \
	  if [ -n "$$unformatted" ]; then echo "gofmt: not formatted: $$unformatted"; exit 1; fi
	cd $(GO_DIR) && $(call go_ldflags,debug) $(GO) vet ./...
	cd $(GO_DIR) && $(call go_ldflags,debug) GOEXPERIMENT=cgocheck2 EXECTABLE_REQUIRE_CHECKS=1 \
	  $(GO) test -race -count=1 ./...
	cd $(GO_BENCH_DIR) && $(call go_ldflags,debug) $(GO) vet ./...
	cd $(GO_BENCH_DIR) && $(call go_ldflags,debug) $(GO) test -count=1 -run . -bench . -benchtime 1x ./...

## bench-go: exectable (release library) against go-ethereum's accounts/abi + crypto.Keccak256;
## prints the ratio table recorded in docs/PERFORMANCE.md.
bench-go: go-ffi-release
	cd $(GO_BENCH_DIR) && $(call go_ldflags,release) $(GO) test -tags exectable_release -run '^$$' \
	  -bench . -benchmem -benchtime $(GO_BENCH_TIME) -count $(GO_BENCH_COUNT) ./... > $(GO_BENCH_OUT) \
	  || { cat $(GO_BENCH_OUT); exit 1; }
	@cat $(GO_BENCH_OUT)
	cd $(GO_BENCH_DIR) && $(GO) run ./ratios < $(GO_BENCH_OUT)
