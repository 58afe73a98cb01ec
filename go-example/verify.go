package exectable

// #include <exectable.h>
import "C"

import (
	"encoding/json"
	"errors"
	"fmt"
)

// PublicInputsHashes is the publicInputsHash of every proof system from a proof-input request
// {"batch", "rollups", "blobHashes" | "blobVersionedHashes"}, where batch is the batch JSON,
// postAndVerifyBatch call JSON or the calldata as a 0x-hex string.
func PublicInputsHashes(requestJSON []byte) ([]Hash, error) {
	r, rn := in(requestJSON)
	// The C function takes a caller buffer and reports no size when it is too small: start with
	// room for 16 proof systems and grow. Every proof system takes more than 20 bytes of the
	// request (its address), which bounds the count.
	for size := 16; ; size *= 2 {
		out := make([]Hash, size)
		buf, _ := hashesIn(out)
		var written C.size_t
		err := call("et_public_inputs_hashes", func() C.et_result {
			return C.et_public_inputs_hashes(r, rn, buf, C.size_t(32*size), &written)
		})
		if err == nil {
			return out[:int(written)], nil
		}
		if !errors.Is(err, CodeBufferTooSmall) || size > len(requestJSON)/20 {
			return nil, err
		}
	}
}

// ProofInputsDocument is the proof-input document of a request (as for PublicInputsHashes):
// {"format": "exectable-proof-inputs/v1", "protocol", "batch", "rollups", "blobHashes",
// "entryHashes", "lookupCallHashes", "callDataHash", "sharedPublicInput", "accumulators",
// "publicInputsHashes"}.
func ProofInputsDocument(requestJSON []byte) ([]byte, error) {
	r, rn := in(requestJSON)
	return callBytes("et_proof_inputs_document", func(out *C.et_bytes) C.et_result {
		return C.et_proof_inputs_document(r, rn, out)
	})
}

// VerifyProofInputsDocument recomputes every derived value of a stored proof-input document.
// ok tells whether nothing differs; the report {"ok", "mismatches", "proofs"} lists what does.
// Mismatches are not an error; a document that cannot be read is.
func VerifyProofInputsDocument(documentJSON []byte) (report []byte, ok bool, err error) {
	d, n := in(documentJSON)
	var cok C.bool
	report, err = callBytes("et_proof_inputs_verify", func(out *C.et_bytes) C.et_result {
		return C.et_proof_inputs_verify(d, n, out, &cok)
	})
	return report, bool(cok), err
}

// ValidateL2Calldata validates an L2 execution table (well-formedness only, spec §6.4) given as
// loadExecutionTable or executeIncomingCrossChainCall calldata. ok tells whether the report has
// no error-severity finding.
func ValidateL2Calldata(calldata []byte) (report []byte, ok bool, err error) {
	d, n := in(calldata)
	var cok C.bool
	report, err = callBytes("et_validate_l2_calldata", func(out *C.et_bytes) C.et_result {
		return C.et_validate_l2_calldata(d, n, out, &cok)
	})
	return report, bool(cok), err
}

// VerifyMembership confirms from the raw postAndVerifyBatch transaction input and its receipt
// (eth_getTransactionReceipt JSON) that an item is part of a batch the L1 manager accepted. The
// input is read exactly as the contract's ABI decoder reads it, whatever layout it accepted.
// queryJSON names the item: exactly one of "entry", "lookupCall", "entryHash", "lookupCallHash",
// "proxyEntryHash", "crossChainCallHash". optionsJSON may be nil, else {"txHash"?, "blobHashes"? |
// "blobVersionedHashes"?, "laterReceipts"?}.
//
// Three answers (VerdictOf(err)): Included — nil error and the report JSON {"verdict":
// "included", "valid", "batch": {…, "layout"}, "matches", …}, also for non-canonical calldata
// (batch.layout is then a warning naming the first deviation); NotIncluded —
// errors.Is(err, ErrNotIncluded): 604 the accepted batch does not hold the item, 602 the posting
// reverted; CannotDecide — errors.Is(err, ErrCannotDecide): 601, 603, 605, 606, calldata the
// contract's decoder refuses (1xx), a malformed query or options.
func VerifyMembership(txInput, receiptJSON []byte, manager Address, queryJSON, optionsJSON []byte) ([]byte, error) {
	t, tn := in(txInput)
	r, rn := in(receiptJSON)
	q, qn := in(queryJSON)
	o, on := in(optionsJSON)
	return callBytes("et_verify_membership", func(out *C.et_bytes) C.et_result {
		return C.et_verify_membership(t, tn, r, rn, p20((*[20]byte)(&manager)), q, qn, o, on, out)
	})
}

// VerifyOCP verifies an OCP artifact (ocp-1 proof file or v1.0 envelope) offline: SHA-256 of the
// observation against the artifact's digest, then, when receiptJSON is not nil, inclusion of the
// digest by the artifact's extraction rule. It returns the report JSON; a rejected artifact gives
// the 5xx reason (errors.Is(err, ErrOCP)): NotIncluded for 501 and 503–506 (errors.Is(err,
// ErrNotIncluded)), CannotDecide for the others (VerdictOf).
func VerifyOCP(artifactJSON, observation, receiptJSON []byte) ([]byte, error) {
	a, an := in(artifactJSON)
	o, on := in(observation)
	r, rn := in(receiptJSON)
	return callBytes("et_ocp_verify", func(out *C.et_bytes) C.et_result {
		return C.et_ocp_verify(a, an, o, on, r, rn, out)
	})
}

// OCPTableObservation is the OCP observation bytes of an execution table: abi.encode(batch) for
// {"l1Batch": batch}, abi.encode(entries, lookupCalls) for {"l2Table": {"entries", "lookupCalls"}}.
func OCPTableObservation(tableJSON []byte) ([]byte, error) {
	t, tn := in(tableJSON)
	return callBytes("et_ocp_table_observation", func(out *C.et_bytes) C.et_result {
		return C.et_ocp_table_observation(t, tn, out)
	})
}

// ConformanceReport is the result of RunConformance.
type ConformanceReport struct {
	Passed   int                         `json:"passed"`
	Failed   int                         `json:"failed"`
	Kinds    map[string]ConformanceCount `json:"kinds"`
	Failures []ConformanceFailure        `json:"failures"`
}

// ConformanceCount is the number of cases of one kind that passed and failed.
type ConformanceCount struct {
	Passed int `json:"passed"`
	Failed int `json:"failed"`
}

// ConformanceFailure is one failed case.
type ConformanceFailure struct {
	ID     string `json:"id"`
	Kind   string `json:"kind"`
	Reason string `json:"reason"`
}

// RunConformance runs a golden-vector file ({"header", "cases"}) through the library's own
// conformance runner. It succeeds whenever the file could be run: check Failed, and that every
// kind you expect ran cases.
func RunConformance(vectorFileJSON []byte) (*ConformanceReport, error) {
	d, n := in(vectorFileJSON)
	var passed, failed C.uint32_t
	raw, err := callBytes("et_conformance_run", func(out *C.et_bytes) C.et_result {
		return C.et_conformance_run(d, n, out, &passed, &failed)
	})
	if err != nil {
		return nil, err
	}
	var report ConformanceReport
	if err := json.Unmarshal(raw, &report); err != nil {
		return nil, fmt.Errorf("exectable: conformance report: %w", err)
	}
	if report.Passed != int(passed) || report.Failed != int(failed) {
		return nil, fmt.Errorf("exectable: conformance report says %d/%d, the call %d/%d",
			report.Passed, report.Failed, passed, failed)
	}
	return &report, nil
}

// Version is the C library's version. It equals the EXECTABLE_VERSION_* macros of the header
// this package was compiled against unless the library linked is another build.
func Version() (major, minor, patch uint32, err error) {
	var a, b, c C.uint32_t
	err = call("et_version", func() C.et_result { return C.et_version(&a, &b, &c) })
	return uint32(a), uint32(b), uint32(c), err
}

// HeaderVersion is the version of the header this package was compiled against.
func HeaderVersion() (major, minor, patch uint32) {
	return C.EXECTABLE_VERSION_MAJOR, C.EXECTABLE_VERSION_MINOR, C.EXECTABLE_VERSION_PATCH
}

// LiveHandleCount is the number of library handles (of every kind, process-wide) created and
// not yet freed. Tests use it to check that everything they create is closed.
func LiveHandleCount() (int, error) {
	var n C.size_t
	err := call("et_live_handle_count", func() C.et_result { return C.et_live_handle_count(&n) })
	return int(n), err
}

// testPanic makes the library panic inside its API boundary (et_test_panic): the result must be
// an *Error with CodePanic, and the library must stay usable.
func testPanic() error {
	return call("et_test_panic", func() C.et_result { return C.et_test_panic() })
}
