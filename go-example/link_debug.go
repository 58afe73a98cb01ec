//go:build !exectable_release

package exectable

// The debug build of the C library, at the workspace's default cargo target dir:
// go-example/../target/debug/libexectable_c.a (built by `cargo build -p exectable-ffi`, or
// `make ffi`). `-l:` names the static archive exactly, so the shared library beside it is never
// picked; a -L given in CGO_LDFLAGS comes first on the command line and wins (go.mk uses that
// when CARGO_TARGET_DIR is not the default).

// #cgo LDFLAGS: -L${SRCDIR}/../target/debug
import "C"
