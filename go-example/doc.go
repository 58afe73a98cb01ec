// Package exectable is the Go binding of exectable, the off-chain library for the execution
// tables of the EEZ sync-rollups protocol: byte-exact ABI codec, call/entry/lookup/rolling hashes,
// proxy addresses, batch validation, proof inputs (publicInputsHash), table commitments and
// inclusion proofs, batch membership and OCP artifacts.
//
// It is a thin skin over the C library (ffi-c/, header ffi-c/include/exectable.h): every function
// converts its Go arguments, makes one C call and converts the result; no protocol rule lives here.
// The static library is linked through a ${SRCDIR}-relative path, so after
// `cargo build -p exectable-ffi` (or `make ffi`) in the workspace a plain `go build` / `go test`
// works without CGO_CFLAGS or CGO_LDFLAGS (see README.md).
//
// Conventions:
//   - Bytes go in and out as []byte; every buffer the library returns is copied into Go memory and
//     freed before the function returns. No Go pointer is kept by the library.
//   - Fixed-size values are Hash (32 bytes), Address (20) and U256 (32, big-endian); their text
//     form is the protocol's 0x-hex, so they work in encoding/json.
//   - JSON in and out is the library's canonical JSON (camelCase Solidity field names, uints as
//     minimal 0x-hex).
//   - Errors are *Error values carrying the library's stable code and message;
//     errors.Is(err, CodeProofRootMismatch) matches one code, errors.Is(err, ErrProof) a family.
//     A verification answers Included, NotIncluded or CannotDecide: VerdictOf(err), or
//     errors.Is(err, ErrNotIncluded) / errors.Is(err, ErrCannotDecide).
//   - Calldata the chain accepted (BatchFromCalldata, DecodeCalldata, CalldataLayout,
//     VerifyMembership) is read exactly as the contract's ABI decoder reads it, with its Layout
//     reported; BatchFromCalldataStrict and DecodeCalldataStrict accept the canonical encoding only.
//   - Handles (Batch, Entry, Commitment, Proof, RollingHash) have an explicit Close; a cleanup
//     (runtime.AddCleanup) frees a handle that becomes unreachable without it, as a safety net.
//     Batch, Entry, Commitment and Proof are immutable and safe for concurrent use;
//     drive a RollingHash from one goroutine. Functions without a handle are safe anywhere.
package exectable
