package exectable

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"
)

// allCodes is every Code constant of this package.
var allCodes = []Code{CodeOK, CodeABITruncated, CodeABIBadOffset, CodeABILengthTooLarge, CodeABIDirtyPadding,
	CodeABIInvalidWord, CodeABITrailingBytes, CodeABIWrongSelector, CodeABIUnknownSelector, CodeABIBadTopics,
	CodeABIRejected, CodeJSONSyntax, CodeJSONShape, CodeJSONHex, CodeJSONNumber, CodeInvalidArgument,
	CodeInputTooLarge, CodeProofWrongIndex, CodeProofWrongLeafCount, CodeProofRootMismatch, CodeProofOtherCommitment,
	CodeProofTruncated, CodeProofOverlong, CodeProofInnerNodeAsLeaf, CodeProofDuplicateIndex, CodeProofMalformed,
	CodeCommitmentMismatch, CodeOCPHashMismatch, CodeOCPUnsupportedRule, CodeOCPReceiptFailed,
	CodeOCPBlockHashMismatch, CodeOCPContractMismatch, CodeOCPDigestNotFound, CodeOCPMalformed,
	CodeOCPTransactionMismatch, CodeMembershipNotABatch, CodeMembershipReceiptFailed, CodeMembershipNoBatchPosted,
	CodeMembershipItemNotFound, CodeMembershipReceiptMismatch, CodeReceiptMalformed, CodeNullArgument,
	CodeInvalidHandle, CodePanic, CodeInvalidUTF8, CodeBufferTooSmall}

// Every code the library names has a Go constant, and every Go constant is a code the library names.
func TestCodesMatchLibrary(t *testing.T) {
	ours := map[Code]bool{}
	for _, c := range allCodes {
		ours[c] = true
	}
	for n := Code(0); n < 1000; n++ {
		known := !strings.HasSuffix(n.Name(), "?")
		if known != ours[n] {
			t.Errorf("code %d: library name %s, Go constant present: %v", n, n.Name(), ours[n])
		}
	}
	if CodeProofRootMismatch.Name() != "ET_RESULT_PROOF_ROOT_MISMATCH" || CodeProofRootMismatch != 403 {
		t.Errorf("CodeProofRootMismatch is %d %s", CodeProofRootMismatch, CodeProofRootMismatch.Name())
	}
}

// Every et_ function of the header is called by the package (a header change that adds one fails
// here until the binding covers it).
func TestHeaderCoverage(t *testing.T) {
	header, err := os.ReadFile("../ffi-c/include/exectable.h")
	if err != nil {
		t.Fatal(err)
	}
	declared := regexp.MustCompile(`(?m)^(?:et_result|et_verdict) (et_[a-z0-9_]+)\(`).FindAllStringSubmatch(string(header), -1)
	if len(declared) < 50 {
		t.Fatalf("found only %d functions in the header", len(declared))
	}
	files, _ := filepath.Glob("*.go")
	var src strings.Builder
	for _, f := range files {
		if !strings.HasSuffix(f, "_test.go") {
			b, _ := os.ReadFile(f)
			src.Write(b)
		}
	}
	for _, m := range declared {
		if !strings.Contains(src.String(), "C."+m[1]+"(") {
			t.Errorf("%s is declared in exectable.h but not called by the package", m[1])
		}
	}
}

func TestVersion(t *testing.T) {
	major, minor, patch, err := Version()
	ok(t, err)
	hmajor, hminor, hpatch := HeaderVersion()
	if major != hmajor || minor != hminor || patch != hpatch {
		t.Errorf("library %d.%d.%d, header %d.%d.%d", major, minor, patch, hmajor, hminor, hpatch)
	}
}

func TestErrorValues(t *testing.T) {
	_, err := BatchFromCalldata([]byte{0x8b, 0x1a, 0x09, 0x5a, 1, 2, 3})
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v is not an *Error", err)
	}
	if e.Code.Family() != ErrABI || !errors.Is(err, ErrABI) || !errors.Is(err, e.Code) {
		t.Errorf("truncated calldata: %v", err)
	}
	if errors.Is(err, ErrJSON) || errors.Is(err, CodeProofRootMismatch) {
		t.Errorf("%v matches a code it does not carry", err)
	}
	if e.Op != "et_batch_from_calldata" || e.Message == "" || !strings.Contains(err.Error(), e.Message) {
		t.Errorf("op %q, message %q, text %q", e.Op, e.Message, err.Error())
	}
	wrapped := fmt.Errorf("posting: %w", err)
	if !errors.Is(wrapped, e.Code) || !errors.Is(wrapped, &Error{Code: e.Code}) {
		t.Errorf("a wrapped error no longer matches its code")
	}

	_, err = BatchFromJSON([]byte(`{"entries": [`))
	wantCode(t, err, uint32(CodeJSONSyntax), "JsonSyntax")
	_, err = BatchFromJSON([]byte(`{"entries": []}`))
	wantCode(t, err, uint32(CodeJSONShape), "JsonShape")
	_, err = EntryFromJSON([]byte{0xff, 0xfe})
	wantCode(t, err, uint32(CodeInvalidUTF8), "")
	_, err = StructEncode("l1.NoSuchStruct", []byte(`{}`))
	wantCode(t, err, uint32(CodeInvalidArgument), "InvalidArgument")
	_, err = DecodeProof(nil)
	wantCode(t, err, uint32(CodeProofTruncated), "ProofTruncated")
}

// A panic inside the library becomes CodePanic with a message, and the library stays usable.
func TestPanicBoundary(t *testing.T) {
	err := testPanic()
	wantCode(t, err, uint32(CodePanic), "")
	if !errors.Is(err, ErrAPI) {
		t.Errorf("a panic is not a 9xx error")
	}
	if h := must(Keccak256(nil))(t); h.String() != "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470" {
		t.Errorf("keccak256(\"\") after a panic: %s", h)
	}
}

func TestClosedHandles(t *testing.T) {
	e := must(EntryFromJSON(sampleEntryJSON(t)))(t)
	ok(t, e.Close())
	ok(t, e.Close()) // a second Close does nothing
	if _, err := e.Hash(); !errors.Is(err, ErrClosed) {
		t.Errorf("Hash after Close: %v", err)
	}
	var zero Batch // never opened
	if _, err := zero.Calldata(); !errors.Is(err, ErrClosed) {
		t.Errorf("zero Batch: %v", err)
	}
	r := must(NewRollingHash())(t)
	ok(t, r.Close())
	if err := r.CallBegin(U256{}); !errors.Is(err, ErrClosed) {
		t.Errorf("CallBegin after Close: %v", err)
	}
}

// Handles dropped without Close are freed by their cleanup once the collector finds them.
func TestCleanupFreesUnclosedHandles(t *testing.T) {
	before := must(LiveHandleCount())(t)
	entryJSON := sampleEntryJSON(t)
	func() {
		for i := 0; i < 50; i++ {
			_ = must(EntryFromJSON(entryJSON))(t) // dropped: no Close
		}
	}()
	if n := must(LiveHandleCount())(t); n != before+50 {
		t.Fatalf("%d live handles, expected %d", n, before+50)
	}
	deadline := time.Now().Add(10 * time.Second)
	for must(LiveHandleCount())(t) != before {
		if time.Now().After(deadline) {
			t.Fatalf("cleanups did not free the dropped handles: %d live, %d before", must(LiveHandleCount())(t), before)
		}
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
}

// PublicInputsHashes(request) grows its buffer past the first 16 proof systems; the handle path
// (sized from Counts) must agree.
func TestPublicInputsHashesManyProofSystems(t *testing.T) {
	const k = 40
	systems := make([]string, k)
	proofs := make([]string, k)
	for i := range systems {
		systems[i] = fmt.Sprintf("0x%040x", i+1)
		proofs[i] = "0x"
	}
	batch := map[string]any{
		"entries": []any{}, "l1ToL2lookupCalls": []any{}, "transientExecutionEntryCount": "0x0",
		"transientLookupCallCount": "0x0", "proofSystems": systems, "rollupIdsWithProofSystems": []any{},
		"crossProofSystemInteractions": Hash{}.String(), "blobIndices": []any{}, "callData": "0x",
		"proofs": proofs, "blockNumber": "0x0",
	}
	request := must(json.Marshal(map[string]any{"batch": batch, "rollups": []any{}, "blobHashes": []any{}}))(t)
	got := must(PublicInputsHashes(request))(t)
	if len(got) != k {
		t.Fatalf("%d hashes, expected %d", len(got), k)
	}
	b := must(BatchFromJSON(must(json.Marshal(batch))(t)))(t)
	defer closeAll(t, b)
	viaHandle := must(b.PublicInputsHashes([]byte(`[]`), BlobHashes{}))(t)
	for i := range got {
		if got[i] != viaHandle[i] {
			t.Errorf("hash %d: %s by request, %s by handle", i, got[i], viaHandle[i])
		}
	}
	_, err := PublicInputsHashes([]byte(`{"batch": 1}`))
	if !errors.Is(err, ErrJSON) {
		t.Errorf("a bad request: %v", err)
	}
}

// The validation context crosses to C (in C memory): an accepted batch whose rollups are
// registered passes; with no rollup registered it would revert.
func TestValidateWithContext(t *testing.T) {
	batchJSON, rollups := acceptedBatch(t)
	b := must(BatchFromJSON(batchJSON))(t)
	defer closeAll(t, b)
	if r := must(b.Validate(&ValidationContext{RegisteredRollups: rollups, RegisteredRollupsKnown: true}))(t); r.WouldRevert {
		t.Errorf("registered rollups: would revert: %s", short(r.JSON))
	}
	r := must(b.Validate(&ValidationContext{RegisteredRollupsKnown: true}))(t)
	if !r.WouldRevert {
		t.Errorf("no rollup registered, yet the batch would not revert: %s", short(r.JSON))
	}
	if r := must(b.Validate(&ValidationContext{BatchInFlight: true}))(t); !r.WouldRevert {
		t.Errorf("a batch already in flight, yet no revert: %s", short(r.JSON))
	}
	if _, err := b.Validate(&ValidationContext{BlobCount: -1}); !errors.Is(err, CodeInvalidArgument) {
		t.Errorf("negative blob count: %v", err)
	}
}

func TestNegativeIndices(t *testing.T) {
	batchJSON, _ := acceptedBatch(t)
	b := must(BatchFromJSON(batchJSON))(t)
	defer closeAll(t, b)
	for name, f := range map[string]func() error{
		"EntryHash":      func() error { _, err := b.EntryHash(-1); return err },
		"LookupCallHash": func() error { _, err := b.LookupCallHash(-1); return err },
		"EntryJSON":      func() error { _, err := b.EntryJSON(-1); return err },
		"LookupCallJSON": func() error { _, err := b.LookupCallJSON(-1); return err },
		"Entry":          func() error { _, err := b.Entry(-1); return err },
	} {
		if err := f(); !errors.Is(err, CodeInvalidArgument) {
			t.Errorf("%s(-1): %v", name, err)
		}
	}
}

func TestTextForms(t *testing.T) {
	u := must(ParseU256("0x2a"))(t)
	if u != U256FromUint64(42) || u.String() != "0x2a" || u.Big().Int64() != 42 {
		t.Errorf("U256 0x2a: %s", u)
	}
	if z := must(ParseU256("0x0"))(t); z != (U256{}) || z.String() != "0x0" {
		t.Errorf("U256 0x0: %s", z)
	}
	if _, err := ParseU256("0x" + strings.Repeat("f", 65)); err == nil {
		t.Errorf("a 65-digit uint256 parsed")
	}
	if _, err := U256FromBig(big.NewInt(-1)); err == nil {
		t.Errorf("a negative uint256 converted")
	}
	if _, err := ParseHash("0x1234"); err == nil {
		t.Errorf("a short hash parsed")
	}
	a := must(ParseAddress("0x9FE46736679d2D9a65F0992F2272dE9f3c7fa6e0"))(t)
	if a.String() != "0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0" {
		t.Errorf("address %s", a)
	}
	var v struct {
		H Hash
		B Bytes
	}
	ok(t, json.Unmarshal([]byte(`{"H":"0x`+strings.Repeat("ab", 32)+`","B":"0x0102"}`), &v))
	out := must(json.Marshal(v))(t)
	if string(out) != `{"H":"0x`+strings.Repeat("ab", 32)+`","B":"0x0102"}` {
		t.Errorf("JSON round trip: %s", out)
	}
}

// ---- shared fixtures from the golden file ----

var golden struct {
	cases []vectorCase
}

func goldenCases(t testing.TB, kind string) []vectorCase {
	t.Helper()
	if golden.cases == nil {
		_, f := readVectorFile(t, "../vectors/eez-v1-public.json")
		golden.cases = f.Cases
	}
	var out []vectorCase
	for _, c := range golden.cases {
		if c.Kind == kind {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		t.Fatalf("no %s case in the golden file", kind)
	}
	return out
}

// sampleEntryJSON is the entry of the last l1EntryEncoding case.
func sampleEntryJSON(t *testing.T) []byte {
	cases := goldenCases(t, "l1EntryEncoding")
	return compact(t, jsonMember(t, cases[len(cases)-1].Inputs, "entry"))
}

// acceptedBatch is the batch of the first batchCalldata case accepted on chain, and its rollup ids.
func acceptedBatch(t *testing.T) ([]byte, []U256) {
	for _, c := range goldenCases(t, "batchCalldata") {
		var ex struct {
			AcceptedOnChain bool `json:"acceptedOnChain"`
		}
		decode(t, c.Expected, &ex)
		if !ex.AcceptedOnChain {
			continue
		}
		batch := jsonMember(t, c.Inputs, "batch")
		var b struct {
			Rollups []struct {
				RollupID U256 `json:"rollupId"`
			} `json:"rollupIdsWithProofSystems"`
		}
		decode(t, batch, &b)
		ids := make([]U256, len(b.Rollups))
		for i, r := range b.Rollups {
			ids[i] = r.RollupID
		}
		return compact(t, batch), ids
	}
	t.Fatal("no batchCalldata case accepted on chain")
	return nil, nil
}
