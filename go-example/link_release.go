//go:build exectable_release

package exectable

// With `-tags exectable_release`: the release build of the C library,
// go-example/../target/release/libexectable_c.a (`cargo build --release -p exectable-ffi`, or
// `make ffi FFI_PROFILE=release`). The benchmarks use it.

// #cgo LDFLAGS: -L${SRCDIR}/../target/release
import "C"
