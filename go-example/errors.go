package exectable

// #include <exectable.h>
import "C"

import (
	"errors"
	"fmt"
	"unsafe"
)

// Code is a result code of the C library: 1xx–6xx are exectable's stable error codes (the same
// numbers in every binding and in the golden vectors' expected.error.code), 9xx belong to the C
// API. Every Code is an error value, so errors.Is(err, CodeProofRootMismatch) tells whether err
// carries that code.
type Code uint32

// The result codes, taken from the header's et_result enum (so they cannot drift from it).
const (
	CodeOK                        Code = C.ET_RESULT_OK
	CodeABITruncated              Code = C.ET_RESULT_ABI_TRUNCATED
	CodeABIBadOffset              Code = C.ET_RESULT_ABI_BAD_OFFSET
	CodeABILengthTooLarge         Code = C.ET_RESULT_ABI_LENGTH_TOO_LARGE
	CodeABIDirtyPadding           Code = C.ET_RESULT_ABI_DIRTY_PADDING
	CodeABIInvalidWord            Code = C.ET_RESULT_ABI_INVALID_WORD
	CodeABITrailingBytes          Code = C.ET_RESULT_ABI_TRAILING_BYTES
	CodeABIWrongSelector          Code = C.ET_RESULT_ABI_WRONG_SELECTOR
	CodeABIUnknownSelector        Code = C.ET_RESULT_ABI_UNKNOWN_SELECTOR
	CodeABIBadTopics              Code = C.ET_RESULT_ABI_BAD_TOPICS
	CodeABIRejected               Code = C.ET_RESULT_ABI_REJECTED
	CodeJSONSyntax                Code = C.ET_RESULT_JSON_SYNTAX
	CodeJSONShape                 Code = C.ET_RESULT_JSON_SHAPE
	CodeJSONHex                   Code = C.ET_RESULT_JSON_HEX
	CodeJSONNumber                Code = C.ET_RESULT_JSON_NUMBER
	CodeInvalidArgument           Code = C.ET_RESULT_INVALID_ARGUMENT
	CodeInputTooLarge             Code = C.ET_RESULT_INPUT_TOO_LARGE
	CodeProofWrongIndex           Code = C.ET_RESULT_PROOF_WRONG_INDEX
	CodeProofWrongLeafCount       Code = C.ET_RESULT_PROOF_WRONG_LEAF_COUNT
	CodeProofRootMismatch         Code = C.ET_RESULT_PROOF_ROOT_MISMATCH
	CodeProofOtherCommitment      Code = C.ET_RESULT_PROOF_OTHER_COMMITMENT
	CodeProofTruncated            Code = C.ET_RESULT_PROOF_TRUNCATED
	CodeProofOverlong             Code = C.ET_RESULT_PROOF_OVERLONG
	CodeProofInnerNodeAsLeaf      Code = C.ET_RESULT_PROOF_INNER_NODE_AS_LEAF
	CodeProofDuplicateIndex       Code = C.ET_RESULT_PROOF_DUPLICATE_INDEX
	CodeProofMalformed            Code = C.ET_RESULT_PROOF_MALFORMED
	CodeCommitmentMismatch        Code = C.ET_RESULT_COMMITMENT_MISMATCH
	CodeOCPHashMismatch           Code = C.ET_RESULT_OCP_HASH_MISMATCH
	CodeOCPUnsupportedRule        Code = C.ET_RESULT_OCP_UNSUPPORTED_RULE
	CodeOCPReceiptFailed          Code = C.ET_RESULT_OCP_RECEIPT_FAILED
	CodeOCPBlockHashMismatch      Code = C.ET_RESULT_OCP_BLOCK_HASH_MISMATCH
	CodeOCPContractMismatch       Code = C.ET_RESULT_OCP_CONTRACT_MISMATCH
	CodeOCPDigestNotFound         Code = C.ET_RESULT_OCP_DIGEST_NOT_FOUND
	CodeOCPMalformed              Code = C.ET_RESULT_OCP_MALFORMED
	CodeOCPTransactionMismatch    Code = C.ET_RESULT_OCP_TRANSACTION_MISMATCH
	CodeMembershipNotABatch       Code = C.ET_RESULT_MEMBERSHIP_NOT_A_BATCH
	CodeMembershipReceiptFailed   Code = C.ET_RESULT_MEMBERSHIP_RECEIPT_FAILED
	CodeMembershipNoBatchPosted   Code = C.ET_RESULT_MEMBERSHIP_NO_BATCH_POSTED
	CodeMembershipItemNotFound    Code = C.ET_RESULT_MEMBERSHIP_ITEM_NOT_FOUND
	CodeMembershipReceiptMismatch Code = C.ET_RESULT_MEMBERSHIP_RECEIPT_MISMATCH
	CodeReceiptMalformed          Code = C.ET_RESULT_RECEIPT_MALFORMED
	CodeNullArgument              Code = C.ET_RESULT_NULL_ARGUMENT
	CodeInvalidHandle             Code = C.ET_RESULT_INVALID_HANDLE
	CodePanic                     Code = C.ET_RESULT_PANIC
	CodeInvalidUTF8               Code = C.ET_RESULT_INVALID_UTF8
	CodeBufferTooSmall            Code = C.ET_RESULT_BUFFER_TOO_SMALL
)

// Name is the code's C constant name ("ET_RESULT_PROOF_ROOT_MISMATCH" for 403), as the library
// reports it (et_result_name); "ET_RESULT_<n>?" for a number the library does not know.
func (c Code) Name() string {
	var name *C.char
	if C.et_result_name(C.uint32_t(c), &name) != C.ET_RESULT_OK {
		return fmt.Sprintf("ET_RESULT_%d?", uint32(c))
	}
	return C.GoString(name)
}

// Error makes a Code usable as a sentinel: "exectable: code 403 (ET_RESULT_PROOF_ROOT_MISMATCH)".
func (c Code) Error() string { return fmt.Sprintf("exectable: code %d (%s)", uint32(c), c.Name()) }

// Family is the code's hundred: 1 for 1xx (ABI), 4 for 4xx (inclusion proofs), 9 for 9xx (C API).
func (c Code) Family() Family { return Family(c / 100) }

// Verdict is what a verification that returned c means for the item, as the library says it
// (et_verdict_of): CodeOK is Included; 602, 604, 401–404, 407, 410, 501, 503–506 are NotIncluded;
// every other code, the C API's 9xx included, and any number that is no code, is CannotDecide.
func (c Code) Verdict() Verdict { return Verdict(C.et_verdict_of(C.uint32_t(c))) }

// Family is a family of codes (the hundreds digit). Every Family is an error value, so
// errors.Is(err, ErrProof) tells whether err carries any 4xx code.
type Family uint32

// The code families.
const (
	ErrABI        Family = 1 // 1xx: ABI bytes that do not decode strictly
	ErrJSON       Family = 2 // 2xx: JSON that does not parse into the protocol type
	ErrArgument   Family = 3 // 3xx: an argument outside what the protocol allows, or an input above a bound
	ErrProof      Family = 4 // 4xx: an inclusion proof or commitment that does not verify
	ErrOCP        Family = 5 // 5xx: an OCP artifact that does not verify
	ErrMembership Family = 6 // 6xx: batch membership that cannot be confirmed, or a bad receipt
	ErrAPI        Family = 9 // 9xx: misuse of the C API (NULL, handle, panic, UTF-8, buffer size)
)

// Error makes a Family usable as a sentinel.
func (f Family) Error() string { return fmt.Sprintf("exectable: %dxx error", uint32(f)) }

// Error is what every function of this package returns when the library refuses: the code, the
// library's message for it (naming the field path or byte offset at fault) and the C function
// that failed. errors.Is matches it against a Code or a Family; errors.As gives the fields.
type Error struct {
	Code    Code   // the result code
	Message string // the library's message (et_last_error_message)
	Op      string // the C function that returned it, e.g. "et_proof_verify"
}

// Error formats the error as "exectable: <op>: <message> [<code> <name>]".
func (e *Error) Error() string {
	return fmt.Sprintf("exectable: %s: %s [%d %s]", e.Op, e.Message, uint32(e.Code), e.Code.Name())
}

// Is reports whether target is e's Code, e's Family, the sentinel of e's verdict
// (ErrNotIncluded, ErrCannotDecide), or an *Error with the same Code.
func (e *Error) Is(target error) bool {
	switch t := target.(type) {
	case Code:
		return e.Code == t
	case Family:
		return e.Code.Family() == t
	case VerdictError:
		return e.Code.Verdict() == Verdict(t)
	case *Error:
		return e.Code == t.Code
	}
	return false
}

// Verdict is what e means for the item a verification asked about (Code.Verdict): NotIncluded or
// CannotDecide, never Included.
func (e *Error) Verdict() Verdict { return e.Code.Verdict() }

// Verdict is the answer of a verification (VerifyMembership, VerifyInclusion, Proof.Verify,
// Proof.VerifyJSON, Batch.CheckCommitment, VerifyOCP), one of three, never one dressed as another:
//   - Included: the call succeeded: the item is in what the chain accepted (also when the
//     calldata was not canonically laid out: the report's layout says so);
//   - NotIncluded: the evidence is usable and the item is not in it (604 not in the accepted
//     batch, 602 the posting reverted, 401–404/407/410 the proof does not lead to the committed
//     root, 501/503–506 the OCP digest, receipt, block or contract differ);
//   - CannotDecide: the evidence is unusable, so nothing follows about the item (not the
//     manager's call, a receipt of another transaction, malformed input, calldata the contract's
//     decoder refuses, misuse of the API).
//
// VerdictOf gives it for an error; errors.Is(err, ErrNotIncluded) and errors.Is(err,
// ErrCannotDecide) match an *Error by it.
type Verdict int

// The three verdicts (the values of the C enum et_verdict).
const (
	Included     Verdict = C.ET_VERDICT_INCLUDED
	NotIncluded  Verdict = C.ET_VERDICT_NOT_INCLUDED
	CannotDecide Verdict = C.ET_VERDICT_CANNOT_DECIDE
)

// String is the verdict's name as the JSON reports and the vectors write it: "included",
// "notIncluded", "cannotDecide" ("Verdict(n)" for another value).
func (v Verdict) String() string {
	switch v {
	case Included:
		return "included"
	case NotIncluded:
		return "notIncluded"
	case CannotDecide:
		return "cannotDecide"
	}
	return fmt.Sprintf("Verdict(%d)", int(v))
}

// VerdictOf is the verdict of a verification's error: nil is Included; an *Error (also wrapped)
// is its code's verdict (Code.Verdict, through the library's et_verdict_of); any other error (a
// closed handle, a report that does not parse) is CannotDecide.
func VerdictOf(err error) Verdict {
	if err == nil {
		return Included
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code.Verdict()
	}
	return CannotDecide
}

// VerdictError is the sentinel error of a verdict other than Included: errors.Is(err,
// ErrNotIncluded) tells whether err is an *Error whose code means "not included".
type VerdictError Verdict

// The verdict sentinels. errors.Is matches an *Error against them by Code.Verdict.
const (
	ErrNotIncluded  VerdictError = VerdictError(NotIncluded)  // the evidence is usable; the item is not in it
	ErrCannotDecide VerdictError = VerdictError(CannotDecide) // the evidence is unusable; nothing follows
)

// Error makes a VerdictError usable as a sentinel: "exectable: verdict notIncluded".
func (v VerdictError) Error() string { return "exectable: verdict " + Verdict(v).String() }

// Verdict is the verdict the sentinel stands for.
func (v VerdictError) Verdict() Verdict { return Verdict(v) }

// ErrClosed is returned by every method of a handle (Batch, Entry, Commitment, Proof,
// RollingHash) after Close.
var ErrClosed = errors.New("exectable: use of a closed handle")

// lastError builds the Error for rc from the calling thread's last-error message. The caller must
// hold the OS thread it made the failing call on (see call).
func lastError(op string, rc C.et_result) error {
	var n C.size_t
	message := ""
	if C.et_last_error_length(&n) == C.ET_RESULT_OK && n > 0 {
		buf := make([]byte, int(n)+1)
		var written C.size_t
		if C.et_last_error_message((*C.char)(unsafe.Pointer(&buf[0])), C.size_t(len(buf)), &written) == C.ET_RESULT_OK {
			message = string(buf[:int(written)])
		}
	}
	if message == "" {
		message = "(no message)"
	}
	return &Error{Code: Code(rc), Message: message, Op: op}
}
