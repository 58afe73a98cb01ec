package exectable

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"
)

// The shared vector corpus: the golden file and the project's own files beside it (DESIGN.md §2).
// EXECTABLE_VECTORS overrides the glob (e.g. to run a modified copy of the corpus).
var vectorGlob = envOr("EXECTABLE_VECTORS", "../vectors/*.json")

func envOr(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}

type vectorFile struct {
	Cases []vectorCase `json:"cases"`
}

type vectorCase struct {
	ID       string          `json:"id"`
	Kind     string          `json:"kind"`
	Schema   string          `json:"schema"`
	Inputs   json.RawMessage `json:"inputs"`
	Expected json.RawMessage `json:"expected"`
}

// expectedError is expected.error of a must-fail case.
type expectedError struct {
	Error *struct {
		Code uint32 `json:"code"`
		Name string `json:"name"`
	} `json:"error"`
}

// caseRunner runs one case through the Go API; t.Errorf on any mismatch.
type caseRunner func(t *testing.T, r *fileRun, c vectorCase)

// fileRun carries what a file's cases gather for checks across cases.
type fileRun struct {
	l2Entries []json.RawMessage // entries of the l2EntryEncoding cases, for one loadExecutionTable
}

// runners covers every kind through the typed Go API.
var runners = map[string]caseRunner{
	"crossChainCallHash":     crossChainCallHashCase,
	"l1EntryEncoding":        structCase("l1.ExecutionEntry", "entry", l1Entry),
	"l1LookupCallEncoding":   structCase("l1.LookupCall", "lookupCall", l1LookupCall),
	"l2EntryEncoding":        structCase("l2.ExecutionEntry", "entry", l2Entry),
	"l2LookupCallEncoding":   structCase("l2.LookupCall", "lookupCall", plainStruct),
	"rollingHash":            rollingHashCase,
	"proxyAddress":           proxyAddressCase,
	"batchCalldata":          batchCalldataCase,
	"publicInputsHash":       publicInputsHashCase,
	"e2eScenario":            e2eScenarioCase,
	"tableCommitment":        tableCommitmentCase,
	"inclusionProof":         inclusionProofCase,
	"inclusionProofTampered": inclusionProofTamperedCase,
	"ocpArtifact":            ocpArtifactCase,
	"batchMembership":        batchMembershipCase,
}

// conformanceOnly are the kinds the C API has no function of its own for: they run through
// et_conformance_run (RunConformance) only, like in the C suite.
var conformanceOnly = map[string]bool{"ocpProduce": true, "consumptionEvidence": true}

// ownTests are kinds a test of their own runs through the Go API, counted per form
// (hostileInput: TestHostileCorpus in hostile_test.go); here they run through RunConformance.
var ownTests = map[string]bool{"hostileInput": true}

func vectorFiles(t testing.TB) []string {
	files, err := filepath.Glob(vectorGlob)
	if err != nil || len(files) == 0 {
		t.Fatalf("no vector files at %s (%v)", vectorGlob, err)
	}
	sort.Strings(files)
	return files
}

func readVectorFile(t testing.TB, path string) ([]byte, vectorFile) {
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var f vectorFile
	if err := json.Unmarshal(raw, &f); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(f.Cases) == 0 {
		t.Fatalf("%s: no cases", path)
	}
	return raw, f
}

// TestVectors runs every case of every vector file through the Go API, counts the cases per kind
// and fails when a kind of a file ran none. Then the file goes through RunConformance, whose
// per-kind counts must equal the file's.
func TestVectors(t *testing.T) {
	total := map[string]int{}
	for _, path := range vectorFiles(t) {
		raw, f := readVectorFile(t, path)
		t.Run(filepath.Base(path), func(t *testing.T) {
			inFile := map[string]int{}
			ran := map[string]int{}
			run := &fileRun{}
			for _, c := range f.Cases {
				inFile[c.Kind]++
				if conformanceOnly[c.Kind] || ownTests[c.Kind] {
					continue
				}
				runner, ok := runners[c.Kind]
				if !ok {
					t.Errorf("%s: kind %q has no Go runner", c.ID, c.Kind)
					continue
				}
				t.Run(c.ID, func(t *testing.T) { runner(t, run, c) })
				ran[c.Kind]++
			}
			if len(run.l2Entries) > 0 {
				t.Run("loadExecutionTable(l2EntryEncoding entries)", func(t *testing.T) { l2TableRoundTrip(t, run.l2Entries) })
			}

			report, err := RunConformance(raw)
			if err != nil {
				t.Fatal(err)
			}
			for _, fail := range report.Failures {
				t.Errorf("conformance: %s (%s): %s", fail.ID, fail.Kind, fail.Reason)
			}
			for kind, n := range inFile {
				got := report.Kinds[kind]
				if got.Passed+got.Failed != n || got.Failed != 0 {
					t.Errorf("conformance ran %d (%d failed) %s cases, the file has %d", got.Passed+got.Failed, got.Failed, kind, n)
				}
				if conformanceOnly[kind] || ownTests[kind] {
					ran[kind] = got.Passed
				}
			}
			kinds := make([]string, 0, len(inFile))
			for kind := range inFile {
				kinds = append(kinds, kind)
			}
			sort.Strings(kinds)
			for _, kind := range kinds {
				how := "Go API"
				if conformanceOnly[kind] || ownTests[kind] {
					how = "RunConformance"
				}
				t.Logf("%-24s %4d cases (%s)", kind, ran[kind], how)
				if ran[kind] == 0 {
					t.Errorf("kind %s ran zero cases", kind)
				}
				if ran[kind] != inFile[kind] {
					t.Errorf("kind %s: ran %d of %d cases", kind, ran[kind], inFile[kind])
				}
				total[kind] += ran[kind]
			}
		})
	}
	for _, kind := range []string{"crossChainCallHash", "l1EntryEncoding", "l1LookupCallEncoding", "l2EntryEncoding",
		"l2LookupCallEncoding", "rollingHash", "proxyAddress", "batchCalldata", "publicInputsHash", "e2eScenario",
		"tableCommitment", "inclusionProof", "inclusionProofTampered", "ocpArtifact", "batchMembership"} {
		if total[kind] == 0 {
			t.Errorf("the corpus ran no %s case through the Go API", kind)
		}
	}
}

// ---- helpers ----

func decode(t *testing.T, raw json.RawMessage, v any) {
	t.Helper()
	if err := json.Unmarshal(raw, v); err != nil {
		t.Fatalf("unreadable case: %v", err)
	}
}

func compact(t *testing.T, raw json.RawMessage) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := json.Compact(&b, raw); err != nil {
		t.Fatalf("compact: %v", err)
	}
	return b.Bytes()
}

// must(f())(t) is f's value; the test fails on f's error.
func must[T any](v T, err error) func(t *testing.T) T {
	return func(t *testing.T) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

func ok(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func closeAll(t *testing.T, closers ...interface{ Close() error }) {
	t.Helper()
	for _, c := range closers {
		if err := c.Close(); err != nil {
			t.Error(err)
		}
	}
}

func short(b []byte) string {
	if len(b) > 300 {
		return string(b[:300]) + "…"
	}
	return string(b)
}

// wantCode checks that err is an *Error with code want, matched by errors.Is (code and family)
// and carrying a message; name is the vector's error name (ProofWrongIndex), which must be the
// CamelCase of the library's constant name (ET_RESULT_PROOF_WRONG_INDEX).
func wantCode(t *testing.T, err error, want uint32, name string) {
	t.Helper()
	if err == nil {
		t.Fatalf("succeeded; expected code %d %s", want, name)
	}
	code := Code(want)
	if !errors.Is(err, code) {
		t.Fatalf("error %v; expected code %d %s", err, want, name)
	}
	if !errors.Is(err, code.Family()) {
		t.Errorf("errors.Is(err, Family %d) is false", code.Family())
	}
	var e *Error
	if !errors.As(err, &e) || e.Message == "" || e.Message == "(no message)" {
		t.Errorf("error %v carries no message", err)
	}
	if name != "" && code.Name() != "ET_RESULT_"+upperSnake(name) {
		t.Errorf("vector error name %s, library constant %s", name, code.Name())
	}
}

func upperSnake(camel string) string {
	var b strings.Builder
	for i, r := range camel {
		if i > 0 && unicode.IsUpper(r) {
			b.WriteByte('_')
		}
		b.WriteRune(unicode.ToUpper(r))
	}
	return b.String()
}

// jsonMember reads member key of a JSON object (nil when absent).
func jsonMember(t *testing.T, obj []byte, key string) json.RawMessage {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal(obj, &m); err != nil {
		t.Fatalf("not a JSON object: %v: %s", err, short(obj))
	}
	return m[key]
}

// sameJSON compares two JSON values after compacting both.
func sameJSON(t *testing.T, what string, got, want json.RawMessage) {
	t.Helper()
	if want == nil {
		t.Errorf("%s: the vector has no expected value", what)
		return
	}
	if got == nil {
		t.Errorf("%s: missing from the output", what)
		return
	}
	if g, w := compact(t, got), compact(t, want); !bytes.Equal(g, w) {
		t.Errorf("%s: got %s, expected %s", what, short(g), short(w))
	}
}

// ---- crossChainCallHash ----

type crossChainCallJSON struct {
	TargetRollupID U256    `json:"targetRollupId"`
	TargetAddress  Address `json:"targetAddress"`
	Value          U256    `json:"value"`
	Data           Bytes   `json:"data"`
	SourceAddress  Address `json:"sourceAddress"`
	SourceRollupID U256    `json:"sourceRollupId"`
}

func (c crossChainCallJSON) call() *CrossChainCall {
	return &CrossChainCall{c.TargetRollupID, c.TargetAddress, c.Value, c.Data, c.SourceAddress, c.SourceRollupID}
}

func crossChainCallHashCase(t *testing.T, _ *fileRun, c vectorCase) {
	var in crossChainCallJSON
	var ex struct {
		Hash     Hash  `json:"crossChainCallHash"`
		Preimage Bytes `json:"preimage"`
	}
	decode(t, c.Inputs, &in)
	decode(t, c.Expected, &ex)
	call := in.call()
	if got := must(call.Hash())(t); got != ex.Hash {
		t.Errorf("hash %s, expected %s", got, ex.Hash)
	}
	pre := must(call.Preimage())(t)
	if !bytes.Equal(pre, ex.Preimage) {
		t.Errorf("preimage %x, expected %x", pre, []byte(ex.Preimage))
	}
	if k := must(Keccak256(pre))(t); k != ex.Hash {
		t.Errorf("keccak256(preimage) %s is not the hash", k)
	}
}

// ---- struct encodings ----

type structKind int

const (
	plainStruct structKind = iota
	l1Entry
	l1LookupCall
	l2Entry
)

func structCase(name, field string, kind structKind) caseRunner {
	return func(t *testing.T, r *fileRun, c vectorCase) {
		var ex struct {
			ABI  Bytes `json:"abiEncoded"`
			Hash Hash  `json:"hash"`
		}
		decode(t, c.Expected, &ex)
		value := jsonMember(t, c.Inputs, field)
		want := compact(t, value)
		if enc := must(StructEncode(name, want))(t); !bytes.Equal(enc, ex.ABI) {
			t.Errorf("StructEncode differs from abiEncoded")
		}
		if dec := must(StructDecode(name, ex.ABI))(t); !bytes.Equal(dec, want) {
			t.Errorf("StructDecode gives %s", short(dec))
		}
		if h := must(Keccak256(ex.ABI))(t); h != ex.Hash {
			t.Errorf("keccak256(abiEncoded) %s is not expected.hash", h)
		}
		switch kind {
		case l1Entry:
			fromJSON := must(EntryFromJSON(want))(t)
			defer closeAll(t, fromJSON)
			if h := must(fromJSON.Hash())(t); h != ex.Hash {
				t.Errorf("Entry.Hash %s, expected %s", h, ex.Hash)
			}
			if enc := must(fromJSON.Encode())(t); !bytes.Equal(enc, ex.ABI) {
				t.Errorf("Entry.Encode differs")
			}
			if js := must(fromJSON.JSON())(t); !bytes.Equal(js, want) {
				t.Errorf("Entry.JSON %s", short(js))
			}
			fromABI := must(DecodeEntry(ex.ABI))(t)
			defer closeAll(t, fromABI)
			if h := must(fromABI.Hash())(t); h != ex.Hash {
				t.Errorf("DecodeEntry(...).Hash %s", h)
			}
		case l1LookupCall:
			if h := must(LookupCallHashJSON(want))(t); h != ex.Hash {
				t.Errorf("LookupCallHashJSON %s", h)
			}
			if h := must(LookupCallHashABI(ex.ABI))(t); h != ex.Hash {
				t.Errorf("LookupCallHashABI %s", h)
			}
		case l2Entry:
			r.l2Entries = append(r.l2Entries, json.RawMessage(want))
		}
	}
}

// l2TableRoundTrip: loadExecutionTable calldata built from the l2EntryEncoding entries, encoded,
// decoded and validated.
func l2TableRoundTrip(t *testing.T, entries []json.RawMessage) {
	callJSON := must(json.Marshal(map[string]any{
		"function": "loadExecutionTable",
		"args":     map[string]any{"entries": entries, "_lookupCalls": []any{}},
	}))(t)
	calldata := must(EncodeCalldata(callJSON))(t)
	decoded := must(DecodeCalldata(calldata))(t)
	if !bytes.HasPrefix(decoded, []byte(`{"function":"loadExecutionTable","selector":"0x59683c8b"`)) {
		t.Errorf("decoded call %s", short(decoded))
	}
	if again := must(EncodeCalldata(decoded))(t); !bytes.Equal(again, calldata) {
		t.Errorf("calldata JSON round trip differs")
	}
	report, _, err := ValidateL2Calldata(calldata)
	ok(t, err)
	if !json.Valid(report) {
		t.Errorf("report is not JSON")
	}
}

// ---- rollingHash ----

type rollingStep struct {
	Event   string `json:"event"`
	Number  U256   `json:"number"`
	Success bool   `json:"success"`
	RetData Bytes  `json:"retData"`
}

// foldSteps drives a builder from init through steps; after step i its value must be trace[i]
// (when trace is not nil). It returns the final value.
func foldSteps(t *testing.T, init Hash, steps []rollingStep, trace []Hash) Hash {
	t.Helper()
	var h *RollingHash
	if init == (Hash{}) {
		h = must(NewRollingHash())(t)
	} else {
		h = must(ResumeRollingHash(init))(t)
	}
	defer closeAll(t, h)
	for i, s := range steps {
		switch s.Event {
		case "CALL_BEGIN":
			ok(t, h.CallBegin(s.Number))
		case "CALL_END":
			ok(t, h.CallEnd(s.Number, s.Success, s.RetData))
		case "NESTED_BEGIN":
			ok(t, h.NestedBegin(s.Number))
		case "NESTED_END":
			ok(t, h.NestedEnd(s.Number))
		default:
			t.Fatalf("steps[%d]: unknown event %q", i, s.Event)
		}
		if trace != nil {
			if got := must(h.Value())(t); i >= len(trace) || got != trace[i] {
				t.Errorf("trace[%d]: %s", i, got)
			}
		}
	}
	return must(h.Value())(t)
}

func rollingHashCase(t *testing.T, _ *fileRun, c vectorCase) {
	var in struct {
		Init    Hash          `json:"init"`
		Steps   []rollingStep `json:"steps"`
		Results []struct {
			Success bool  `json:"success"`
			RetData Bytes `json:"retData"`
		} `json:"results"`
	}
	var ex struct {
		Final Hash   `json:"final"`
		Trace []Hash `json:"trace"`
	}
	decode(t, c.Inputs, &in)
	decode(t, c.Expected, &ex)
	var final Hash
	switch c.Schema {
	case "tagged":
		final = foldSteps(t, in.Init, in.Steps, ex.Trace)
	case "static":
		final = in.Init
		for i, r := range in.Results {
			final = must(StaticLookupHashFold(final, r.Success, r.RetData))(t)
			if i >= len(ex.Trace) || final != ex.Trace[i] {
				t.Errorf("trace[%d]: %s", i, final)
			}
		}
	default:
		t.Fatalf("unknown rolling-hash schema %q", c.Schema)
	}
	if final != ex.Final {
		t.Errorf("final %s, expected %s", final, ex.Final)
	}
}

// ---- proxyAddress ----

func proxyAddressCase(t *testing.T, _ *fileRun, c vectorCase) {
	var in struct {
		Manager          Address `json:"manager"`
		OriginalAddress  Address `json:"originalAddress"`
		OriginalRollupID U256    `json:"originalRollupId"`
	}
	var ex struct {
		ProxyAddress Address `json:"proxyAddress"`
		Salt         Hash    `json:"salt"`
		InitCodeHash Hash    `json:"initCodeHash"`
	}
	decode(t, c.Inputs, &in)
	decode(t, c.Expected, &ex)
	code := must(ReferenceProxyCreationCode())(t)
	if len(code) != 1111 {
		t.Errorf("reference creation code is %d bytes", len(code))
	}
	got := must(ProxyAddress(in.Manager, in.OriginalAddress, in.OriginalRollupID, code))(t)
	if want := (Proxy{ex.ProxyAddress, ex.Salt, ex.InitCodeHash}); got != want {
		t.Errorf("proxy %+v, expected %+v", got, want)
	}
}

// ---- batches ----

// checkBatchAccessors compares every per-item accessor of a batch with the bulk ones.
func checkBatchAccessors(t *testing.T, b *Batch) {
	t.Helper()
	counts := must(b.Counts())(t)
	entries := must(b.EntryHashes())(t)
	if len(entries) != counts.Entries {
		t.Fatalf("%d entry hashes for %d entries", len(entries), counts.Entries)
	}
	for i, want := range entries {
		if h := must(b.EntryHash(i))(t); h != want {
			t.Errorf("EntryHash(%d) differs from EntryHashes", i)
		}
		e := must(b.Entry(i))(t)
		if h := must(e.Hash())(t); h != want {
			t.Errorf("Entry(%d).Hash differs", i)
		}
		closeAll(t, e)
		e = must(EntryFromJSON(must(b.EntryJSON(i))(t)))(t)
		if h := must(e.Hash())(t); h != want {
			t.Errorf("EntryJSON(%d) hashes differently", i)
		}
		closeAll(t, e)
	}
	_, err := b.EntryHash(counts.Entries)
	wantCode(t, err, uint32(CodeInvalidArgument), "InvalidArgument")
	lookups := must(b.LookupCallHashes())(t)
	if len(lookups) != counts.LookupCalls {
		t.Fatalf("%d lookup-call hashes for %d lookup calls", len(lookups), counts.LookupCalls)
	}
	for i, want := range lookups {
		if h := must(b.LookupCallHash(i))(t); h != want {
			t.Errorf("LookupCallHash(%d) differs", i)
		}
		if h := must(LookupCallHashJSON(must(b.LookupCallJSON(i))(t)))(t); h != want {
			t.Errorf("LookupCallJSON(%d) hashes differently", i)
		}
	}
}

// checkCalldataRoundTrip decodes calldata into a batch whose JSON must be batchJSON, re-encodes
// it, and round-trips the manager-call JSON.
func checkCalldataRoundTrip(t *testing.T, calldata, batchJSON []byte) {
	t.Helper()
	b := must(BatchFromCalldata(calldata))(t)
	defer closeAll(t, b)
	if js := must(b.JSON())(t); !bytes.Equal(js, batchJSON) {
		t.Errorf("decoded batch JSON differs: %s", short(js))
	}
	if cd := must(b.Calldata())(t); !bytes.Equal(cd, calldata) {
		t.Errorf("re-encoded calldata differs")
	}
	if enc := must(b.Encode())(t); !bytes.Equal(enc, calldata[4:]) {
		t.Errorf("Encode is not calldata[4:]")
	}
	call := must(DecodeCalldata(calldata))(t)
	if !bytes.HasPrefix(call, []byte(`{"function":"postAndVerifyBatch","selector":"0x8b1a095a"`)) ||
		!bytes.HasSuffix(call, []byte(`,"layout":{"canonical":true}}`)) {
		t.Errorf("call JSON %s", short(call))
	}
	if cd := must(EncodeCalldata(call))(t); !bytes.Equal(cd, calldata) {
		t.Errorf("calldata JSON round trip differs")
	}
	if strict := must(DecodeCalldataStrict(calldata))(t); !bytes.Equal(strict, call) {
		t.Errorf("strict and Evm call JSON of canonical calldata differ")
	}
	if l := must(CalldataLayout(calldata))(t); !l.Canonical || l.Deviation != nil {
		t.Errorf("layout of canonical calldata: %v", l)
	}
	closeAll(t, must(BatchFromCalldataStrict(calldata))(t))
	checkBatchAccessors(t, b)
}

// sameHashes checks that two batches have the same entry and lookup-call hashes.
func sameHashes(t *testing.T, what string, got, want *Batch) {
	t.Helper()
	g, w := must(got.EntryHashes())(t), must(want.EntryHashes())(t)
	if len(g) != len(w) {
		t.Fatalf("%s: %d entries, expected %d", what, len(g), len(w))
	}
	for i := range w {
		if g[i] != w[i] {
			t.Errorf("%s: entry hash %d differs", what, i)
		}
	}
	gl, wl := must(got.LookupCallHashes())(t), must(want.LookupCallHashes())(t)
	if len(gl) != len(wl) {
		t.Fatalf("%s: %d lookup calls, expected %d", what, len(gl), len(wl))
	}
	for i := range wl {
		if gl[i] != wl[i] {
			t.Errorf("%s: lookup-call hash %d differs", what, i)
		}
	}
}

// checkAppendedWord: the calldata with a zero word appended is read by the contract's decoder
// (BatchFromCalldata, DecodeCalldata, CalldataLayout) as the same batch, its layout naming the
// trailing bytes; the strict decoders refuse it with CodeABITrailingBytes.
func checkAppendedWord(t *testing.T, calldata []byte) {
	t.Helper()
	longer := append(append([]byte(nil), calldata...), make([]byte, 32)...)
	canonical := must(BatchFromCalldata(calldata))(t)
	evm := must(BatchFromCalldata(longer))(t)
	defer closeAll(t, canonical, evm)
	sameHashes(t, "appended word", evm, canonical)
	if cd := must(evm.Calldata())(t); !bytes.Equal(cd, calldata) {
		t.Errorf("the batch read from the appended word re-encodes differently")
	}
	_, err := BatchFromCalldataStrict(longer)
	wantCode(t, err, uint32(CodeABITrailingBytes), "AbiTrailingBytes")
	_, err = DecodeCalldataStrict(longer)
	wantCode(t, err, uint32(CodeABITrailingBytes), "AbiTrailingBytes")
	layout := must(CalldataLayout(longer))(t)
	d := layout.Deviation
	if layout.Canonical || d == nil || d.Path != "$" || d.Offset != uint64(len(calldata)) ||
		d.Kind != DeviationTrailingBytes || d.Message == "" {
		t.Fatalf("layout of the appended word: %v", layout)
	}
	call := must(DecodeCalldata(longer))(t)
	var got Layout
	decode(t, jsonMember(t, call, "layout"), &got)
	if got.Canonical || got.Deviation == nil || *got.Deviation != *d {
		t.Errorf("call JSON layout %s, CalldataLayout %v", jsonMember(t, call, "layout"), layout)
	}
	if cd := must(EncodeCalldata(call))(t); !bytes.Equal(cd, calldata) {
		t.Errorf("the call read from the appended word encodes differently")
	}
}

func batchCalldataCase(t *testing.T, _ *fileRun, c vectorCase) {
	var ex struct {
		Calldata        Bytes `json:"calldata"`
		Selector        Bytes `json:"selector"`
		CalldataLength  int   `json:"calldataLength"`
		AcceptedOnChain bool  `json:"acceptedOnChain"`
	}
	decode(t, c.Expected, &ex)
	batchJSON := compact(t, jsonMember(t, c.Inputs, "batch"))
	b := must(BatchFromJSON(batchJSON))(t)
	defer closeAll(t, b)
	cd := must(b.Calldata())(t)
	if !bytes.Equal(cd, ex.Calldata) || len(cd) != ex.CalldataLength || !bytes.HasPrefix(cd, ex.Selector) {
		t.Errorf("calldata differs (length %d, expected %d)", len(cd), ex.CalldataLength)
	}
	report := must(b.Validate(nil))(t)
	if !json.Valid(report.JSON) {
		t.Errorf("validation report is not JSON")
	}
	if ex.AcceptedOnChain && report.WouldRevert {
		t.Errorf("a batch accepted on chain is predicted to revert: %s", short(report.JSON))
	}
	checkCalldataRoundTrip(t, ex.Calldata, batchJSON)
	checkAppendedWord(t, ex.Calldata)
}

// ---- publicInputsHash ----

type publicInputsHashes []struct {
	Index            int     `json:"index"`
	ProofSystem      Address `json:"proofSystem"`
	PublicInputsHash Hash    `json:"publicInputsHash"`
}

func publicInputsHashCase(t *testing.T, _ *fileRun, c vectorCase) {
	var in struct {
		Batch      json.RawMessage `json:"batch"`
		Rollups    json.RawMessage `json:"rollups"`
		BlobHashes []Hash          `json:"blobHashes"`
	}
	var ex struct {
		PublicInputsHashes json.RawMessage `json:"publicInputsHashes"`
		EntryHashes        []Hash          `json:"entryHashes"`
		LookupCallHashes   []Hash          `json:"lookupCallHashes"`
		CallDataHash       json.RawMessage `json:"callDataHash"`
		Derived            struct {
			SharedPublicInput json.RawMessage `json:"sharedPublicInput"`
		} `json:"derived"`
		Calldata Bytes `json:"postAndVerifyBatchCalldata"`
	}
	decode(t, c.Inputs, &in)
	decode(t, c.Expected, &ex)
	var want publicInputsHashes
	decode(t, ex.PublicInputsHashes, &want)
	check := func(what string, got []Hash) {
		t.Helper()
		if len(got) != len(want) {
			t.Fatalf("%s: %d hashes, expected %d", what, len(got), len(want))
		}
		for i, w := range want {
			if got[i] != w.PublicInputsHash {
				t.Errorf("%s[%d] %s, expected %s", what, i, got[i], w.PublicInputsHash)
			}
		}
	}
	request := compact(t, c.Inputs)
	check("PublicInputsHashes(request)", must(PublicInputsHashes(request))(t))

	batchJSON := compact(t, in.Batch)
	b := must(BatchFromJSON(batchJSON))(t)
	defer closeAll(t, b)
	check("Batch.PublicInputsHashes", must(b.PublicInputsHashes(in.Rollups, BlobHashes{BlobHashesResolved, in.BlobHashes}))(t))
	if got := must(b.EntryHashes())(t); fmt.Sprint(got) != fmt.Sprint(ex.EntryHashes) {
		t.Errorf("entry hashes %v, expected %v", got, ex.EntryHashes)
	}
	if got := must(b.LookupCallHashes())(t); fmt.Sprint(got) != fmt.Sprint(ex.LookupCallHashes) {
		t.Errorf("lookup-call hashes %v, expected %v", got, ex.LookupCallHashes)
	}
	if len(in.BlobHashes) > 0 { // one blob hash short: refused with 301
		_, err := b.PublicInputsHashes(in.Rollups, BlobHashes{BlobHashesResolved, in.BlobHashes[1:]})
		wantCode(t, err, uint32(CodeInvalidArgument), "InvalidArgument")
	}

	doc := must(ProofInputsDocument(request))(t)
	sameJSON(t, "document.publicInputsHashes", jsonMember(t, doc, "publicInputsHashes"), ex.PublicInputsHashes)
	sameJSON(t, "document.sharedPublicInput", jsonMember(t, doc, "sharedPublicInput"), ex.Derived.SharedPublicInput)
	sameJSON(t, "document.callDataHash", jsonMember(t, doc, "callDataHash"), ex.CallDataHash)
	report, verified, err := VerifyProofInputsDocument(doc)
	ok(t, err)
	if !verified {
		t.Errorf("the document does not verify: %s", short(report))
	}
	checkCalldataRoundTrip(t, ex.Calldata, batchJSON)
}

// ---- e2eScenario ----

func e2eScenarioCase(t *testing.T, _ *fileRun, c vectorCase) {
	var in struct {
		EEZL2            *Address          `json:"eezl2"`
		RollupID         U256              `json:"rollupId"`
		Entries          []json.RawMessage `json:"entries"`
		RollingHashSteps json.RawMessage   `json:"rollingHashSteps"`
		Inbound          struct {
			Destination   Address `json:"destination"`
			Value         U256    `json:"value"`
			Data          Bytes   `json:"data"`
			SourceAddress Address `json:"sourceAddress"`
			SourceRollup  U256    `json:"sourceRollup"`
		} `json:"inbound"`
		Batch                    json.RawMessage     `json:"batch"`
		Calldata                 Bytes               `json:"postAndVerifyBatchCalldata"`
		CrossChainCallHashInputs *crossChainCallJSON `json:"crossChainCallHashInputs"`
	}
	var ex struct {
		RollingHashes             []Hash `json:"rollingHashes"`
		EntryHashes               []Hash `json:"entryHashes"`
		InboundCrossChainCallHash Hash   `json:"inboundCrossChainCallHash"`
		RollingHash               Hash   `json:"rollingHash"`
		EntryHash                 Hash   `json:"entryHash"`
		CrossChainCallHash        Hash   `json:"crossChainCallHash"`
	}
	decode(t, c.Inputs, &in)
	decode(t, c.Expected, &ex)
	if in.EEZL2 != nil { // the L2 scenario: two entries, their rolling hashes and entry hashes
		var steps map[string][]rollingStep
		decode(t, in.RollingHashSteps, &steps)
		if len(in.Entries) != 2 || len(ex.RollingHashes) != 2 || len(ex.EntryHashes) != 2 {
			t.Fatalf("the L2 scenario has %d entries", len(in.Entries))
		}
		for i, name := range []string{"entry0", "entry1"} {
			if got := foldSteps(t, Hash{}, steps[name], nil); got != ex.RollingHashes[i] {
				t.Errorf("rollingHashes[%d] %s", i, got)
			}
			abi := must(StructEncode("l2.ExecutionEntry", compact(t, in.Entries[i])))(t)
			if h := must(Keccak256(abi))(t); h != ex.EntryHashes[i] {
				t.Errorf("entryHashes[%d] %s", i, h)
			}
		}
		ib := in.Inbound
		call := CrossChainCall{in.RollupID, ib.Destination, ib.Value, ib.Data, ib.SourceAddress, ib.SourceRollup}
		if h := must(call.Hash())(t); h != ex.InboundCrossChainCallHash {
			t.Errorf("inbound call hash %s", h)
		}
		return
	}
	// L1 scenarios: the rolling hash of the recorded steps, the batch, its entry hash.
	var steps []rollingStep
	decode(t, in.RollingHashSteps, &steps)
	if got := foldSteps(t, Hash{}, steps, nil); got != ex.RollingHash {
		t.Errorf("rollingHash %s, expected %s", got, ex.RollingHash)
	}
	checkCalldataRoundTrip(t, in.Calldata, compact(t, in.Batch))
	b := must(BatchFromCalldata(in.Calldata))(t)
	defer closeAll(t, b)
	if h := must(b.EntryHash(0))(t); h != ex.EntryHash {
		t.Errorf("entryHash %s, expected %s", h, ex.EntryHash)
	}
	if in.CrossChainCallHashInputs != nil {
		if h := must(in.CrossChainCallHashInputs.call().Hash())(t); h != ex.CrossChainCallHash {
			t.Errorf("crossChainCallHash %s", h)
		}
	}
}

// ---- tableCommitment ----

func tableCommitmentCase(t *testing.T, _ *fileRun, c vectorCase) {
	var in struct {
		Batch      json.RawMessage `json:"batch"`
		BlobHashes []Hash          `json:"blobHashes"`
		Commitment json.RawMessage `json:"commitment"`
	}
	var ex struct {
		expectedError
		TableCommitment json.RawMessage `json:"tableCommitment"`
		Levels          [][]Hash        `json:"levels"`
	}
	decode(t, c.Inputs, &in)
	decode(t, c.Expected, &ex)
	blobs := BlobHashes{BlobHashesResolved, in.BlobHashes}
	b := must(BatchFromJSON(compact(t, in.Batch)))(t)
	defer closeAll(t, b)
	if ex.Error != nil {
		if in.Commitment == nil {
			t.Fatal("must-fail case without a claimed commitment")
		}
		wantCode(t, b.CheckCommitment(blobs, compact(t, in.Commitment)), ex.Error.Code, ex.Error.Name)
		return
	}
	cm := must(b.Commit(blobs))(t)
	defer closeAll(t, cm)
	sameJSON(t, "record", must(cm.JSON())(t), ex.TableCommitment)
	var record struct {
		Commitment Hash `json:"commitment"`
	}
	decode(t, ex.TableCommitment, &record)
	digest := must(cm.Digest())(t)
	if digest != record.Commitment {
		t.Errorf("digest %s, expected %s", digest, record.Commitment)
	}
	if len(ex.Levels) == 0 {
		t.Fatal("no levels")
	}
	for i, want := range ex.Levels[0] { // levels[0][i] = keccak256(0x00 ‖ itemHash_i)
		item := must(cm.ItemHash(uint64(i)))(t)
		if leaf := must(Keccak256(append([]byte{0}, item[:]...)))(t); leaf != want {
			t.Errorf("leaf %d: %s", i, leaf)
		}
	}
	_, err := cm.ItemHash(uint64(len(ex.Levels[0])))
	wantCode(t, err, uint32(CodeInvalidArgument), "InvalidArgument")
	if in.Commitment != nil {
		ok(t, b.CheckCommitment(blobs, compact(t, in.Commitment)))
	}
	ok(t, b.CheckCommitment(blobs, must(json.Marshal(digest))(t)))
	other := digest
	other[0] ^= 1
	wantCode(t, b.CheckCommitment(blobs, must(json.Marshal(other))(t)), uint32(CodeCommitmentMismatch), "CommitmentMismatch")
}

// ---- inclusionProof ----

type leafRef struct {
	Entry      *U256 `json:"entry"`
	LookupCall *U256 `json:"lookupCall"`
}

func small(t *testing.T, u U256) uint64 {
	t.Helper()
	v := u.Big()
	if !v.IsUint64() {
		t.Fatalf("%s is not a small number", u)
	}
	return v.Uint64()
}

func inclusionProofCase(t *testing.T, _ *fileRun, c vectorCase) {
	var in struct {
		EntryHashes       []Hash          `json:"entryHashes"`
		LookupCallHashes  []Hash          `json:"lookupCallHashes"`
		SharedPublicInput Hash            `json:"sharedPublicInput"`
		Leaves            []leafRef       `json:"leaves"`
		Items             json.RawMessage `json:"items"`
	}
	var ex struct {
		TableCommitment json.RawMessage `json:"tableCommitment"`
		ItemHashes      []Hash          `json:"itemHashes"`
		Proof           Bytes           `json:"proof"`
		ProofJSON       json.RawMessage `json:"proofJson"`
	}
	decode(t, c.Inputs, &in)
	decode(t, c.Expected, &ex)
	indices := make([]uint64, len(in.Leaves))
	for i, l := range in.Leaves {
		switch {
		case l.Entry != nil:
			indices[i] = small(t, *l.Entry)
		case l.LookupCall != nil:
			indices[i] = uint64(len(in.EntryHashes)) + small(t, *l.LookupCall)
		default:
			t.Fatalf("leaves[%d] names neither an entry nor a lookup call", i)
		}
	}
	cm := must(CommitmentFromHashes(in.EntryHashes, in.LookupCallHashes, in.SharedPublicInput))(t)
	defer closeAll(t, cm)
	record := compact(t, ex.TableCommitment)
	if js := must(cm.JSON())(t); !bytes.Equal(js, record) {
		t.Errorf("record %s", short(js))
	}
	digest := must(cm.Digest())(t)

	p := must(cm.Prove(indices...))(t)
	defer closeAll(t, p)
	if enc := must(p.Encode())(t); !bytes.Equal(enc, ex.Proof) {
		t.Errorf("proof bytes differ")
	}
	sameJSON(t, "proof JSON", must(p.JSON())(t), ex.ProofJSON)
	ok(t, p.Verify(digest, ex.ItemHashes))
	verified := must(p.VerifyJSON(record, compact(t, in.Items)))(t)
	if !bytes.HasPrefix(verified, []byte(`{"valid":true,`)) {
		t.Errorf("VerifyJSON: %s", short(verified))
	}
	_ = must(p.VerifyJSON(must(json.Marshal(digest))(t), compact(t, in.Items)))(t)
	if len(ex.ItemHashes) > 0 { // a changed item no longer verifies
		changed := append([]Hash(nil), ex.ItemHashes...)
		changed[0][0] ^= 1
		wantCode(t, p.Verify(digest, changed), uint32(CodeProofRootMismatch), "ProofRootMismatch")
		wantCode(t, VerifyInclusion(ex.Proof, digest, changed), uint32(CodeProofRootMismatch), "ProofRootMismatch")
	}
	var proofIndices struct {
		Indices []U256 `json:"indices"`
	}
	decode(t, ex.ProofJSON, &proofIndices)
	for j, idx := range proofIndices.Indices { // the proof's leaves are the items
		if j < len(ex.ItemHashes) && must(cm.ItemHash(small(t, idx)))(t) != ex.ItemHashes[j] {
			t.Errorf("item hash of leaf %d", j)
		}
	}
	ok(t, VerifyInclusion(ex.Proof, digest, ex.ItemHashes))
	decoded := must(DecodeProof(ex.Proof))(t)
	defer closeAll(t, decoded)
	ok(t, decoded.Verify(digest, ex.ItemHashes))
	fromJSON := must(ProofFromJSON(compact(t, ex.ProofJSON)))(t)
	defer closeAll(t, fromJSON)
	if enc := must(fromJSON.Encode())(t); !bytes.Equal(enc, ex.Proof) {
		t.Errorf("proofJson encodes differently")
	}
}

// ---- inclusionProofTampered ----

func inclusionProofTamperedCase(t *testing.T, _ *fileRun, c vectorCase) {
	var in struct {
		Commitment json.RawMessage `json:"commitment"`
		Proof      json.RawMessage `json:"proof"`
		Items      json.RawMessage `json:"items"`
	}
	var ex expectedError
	decode(t, c.Inputs, &in)
	decode(t, c.Expected, &ex)
	if ex.Error == nil {
		t.Fatal("no expected.error")
	}
	var p *Proof
	var err error
	var hexProof Bytes
	if json.Unmarshal(in.Proof, &hexProof) == nil {
		p, err = DecodeProof(hexProof)
	} else {
		p, err = ProofFromJSON(compact(t, in.Proof))
	}
	if err == nil {
		_, err = p.VerifyJSON(compact(t, in.Commitment), compact(t, in.Items))
		closeAll(t, p)
	} else if p != nil {
		t.Errorf("a proof was returned with the error")
	}
	wantCode(t, err, ex.Error.Code, ex.Error.Name)
}

// ---- ocpArtifact ----

func ocpArtifactCase(t *testing.T, _ *fileRun, c vectorCase) {
	var in struct {
		Artifact    json.RawMessage `json:"artifact"`
		Receipt     json.RawMessage `json:"receipt"`
		Observation struct {
			UTF8  *string         `json:"utf8"`
			Hex   *Bytes          `json:"hex"`
			Table json.RawMessage `json:"table"`
		} `json:"observation"`
	}
	var ex struct {
		expectedError
		Valid          json.RawMessage `json:"valid"`
		Digest         json.RawMessage `json:"digest"`
		SchemaComplete json.RawMessage `json:"schemaComplete"`
		Inclusion      json.RawMessage `json:"inclusion"`
		Hash           json.RawMessage `json:"hash"`
	}
	decode(t, c.Inputs, &in)
	decode(t, c.Expected, &ex)
	var observation []byte
	switch obs := in.Observation; {
	case obs.UTF8 != nil:
		observation = []byte(*obs.UTF8)
	case obs.Hex != nil:
		observation = *obs.Hex
	case obs.Table != nil:
		observation = must(OCPTableObservation(compact(t, obs.Table)))(t)
		if l1 := jsonMember(t, obs.Table, "l1Batch"); l1 != nil { // an L1 batch's observation is abi.encode(batch)
			b := must(BatchFromJSON(compact(t, l1)))(t)
			if enc := must(b.Encode())(t); !bytes.Equal(enc, observation) {
				t.Errorf("table observation is not abi.encode(batch)")
			}
			closeAll(t, b)
		}
	default:
		t.Fatal("no observation")
	}
	var receipt []byte
	if in.Receipt != nil {
		receipt = compact(t, in.Receipt)
	}
	report, err := VerifyOCP(compact(t, in.Artifact), observation, receipt)
	if ex.Error != nil {
		wantCode(t, err, ex.Error.Code, ex.Error.Name)
		return
	}
	ok(t, err)
	sameJSON(t, "valid", jsonMember(t, report, "valid"), ex.Valid)
	sameJSON(t, "digest", jsonMember(t, report, "digest"), ex.Digest)
	sameJSON(t, "schemaComplete", jsonMember(t, report, "schemaComplete"), ex.SchemaComplete)
	sameJSON(t, "inclusion.result", jsonMember(t, jsonMember(t, report, "inclusion"), "result"), ex.Inclusion)
	sameJSON(t, "hash.result", jsonMember(t, jsonMember(t, report, "hash"), "result"), ex.Hash)
}

// ---- batchMembership ----

// checkPostedInput reads an included posting's transaction input with the decoders alone:
// CalldataLayout gives expected.layout, BatchFromCalldata the expected hashes, and the strict
// decoder accepts it exactly when the layout is canonical.
func checkPostedInput(t *testing.T, txInput []byte, ex map[string]json.RawMessage) {
	t.Helper()
	var want Layout
	decode(t, ex["layout"], &want)
	got := must(CalldataLayout(txInput))(t)
	if got.Canonical != want.Canonical || (got.Deviation == nil) != (want.Deviation == nil) ||
		(got.Deviation != nil && *got.Deviation != *want.Deviation) {
		t.Errorf("CalldataLayout %v, expected.layout %v", got, want)
	}
	if back := must(json.Marshal(got))(t); !bytes.Equal(back, compact(t, ex["layout"])) {
		t.Errorf("Layout JSON %s, expected %s", back, compact(t, ex["layout"]))
	}
	b := must(BatchFromCalldata(txInput))(t)
	defer closeAll(t, b)
	var entries, lookups []Hash
	decode(t, ex["entryHashes"], &entries)
	decode(t, ex["lookupCallHashes"], &lookups)
	if g := must(b.EntryHashes())(t); fmt.Sprint(g) != fmt.Sprint(entries) {
		t.Errorf("entry hashes %v, expected %v", g, entries)
	}
	if g := must(b.LookupCallHashes())(t); fmt.Sprint(g) != fmt.Sprint(lookups) {
		t.Errorf("lookup-call hashes %v, expected %v", g, lookups)
	}
	strict, err := BatchFromCalldataStrict(txInput)
	switch {
	case want.Canonical && err != nil:
		t.Errorf("the strict decoder refused a canonical posting: %v", err)
	case !want.Canonical && err == nil:
		t.Errorf("the strict decoder accepted a non-canonical posting")
	case !want.Canonical && !errors.Is(err, ErrABI):
		t.Errorf("the strict decoder's error %v is not 1xx", err)
	}
	if err == nil {
		closeAll(t, strict)
	}
}

func batchMembershipCase(t *testing.T, _ *fileRun, c vectorCase) {
	var in map[string]json.RawMessage
	decode(t, c.Inputs, &in)
	var txInput Bytes
	var manager Address
	decode(t, in["txInput"], &txInput)
	decode(t, in["manager"], &manager)
	options := map[string]json.RawMessage{}
	for _, key := range []string{"txHash", "blobHashes", "blobVersionedHashes", "laterReceipts"} {
		if v, present := in[key]; present {
			options[key] = v
		}
	}
	var optionsJSON []byte
	if len(options) > 0 {
		optionsJSON = must(json.Marshal(options))(t)
	}
	report, err := VerifyMembership(txInput, compact(t, in["receipt"]), manager, compact(t, in["query"]), optionsJSON)
	var ex map[string]json.RawMessage
	decode(t, c.Expected, &ex)
	if raw, failing := ex["error"]; failing {
		var e expectedError
		decode(t, must(json.Marshal(map[string]json.RawMessage{"error": raw}))(t), &e)
		wantCode(t, err, e.Error.Code, e.Error.Name)
		// Every must-fail case names its verdict; the sentinel of that verdict matches, the other not.
		var want string
		decode(t, ex["verdict"], &want)
		if got := VerdictOf(err); got.String() != want {
			t.Errorf("VerdictOf = %s, expected.verdict %q", got, want)
		}
		notIncluded, cannotDecide := errors.Is(err, ErrNotIncluded), errors.Is(err, ErrCannotDecide)
		if notIncluded != (want == "notIncluded") || cannotDecide != (want == "cannotDecide") {
			t.Errorf("errors.Is: ErrNotIncluded %v, ErrCannotDecide %v; expected.verdict %q", notIncluded, cannotDecide, want)
		}
		return
	}
	ok(t, err)
	if VerdictOf(err) != Included {
		t.Errorf("VerdictOf(nil) = %s", VerdictOf(err))
	}
	sameJSON(t, "report.verdict", jsonMember(t, report, "verdict"), json.RawMessage(`"included"`))
	batch := jsonMember(t, report, "batch")
	for _, key := range []string{"rollupCount", "entryHashes", "lookupCallHashes", "sharedPublicInput", "layout"} {
		sameJSON(t, "report.batch."+key, jsonMember(t, batch, key), ex[key])
	}
	checkPostedInput(t, txInput, ex)
	var got, want []map[string]json.RawMessage
	decode(t, jsonMember(t, report, "matches"), &got)
	decode(t, ex["matches"], &want)
	if len(got) != len(want) {
		t.Fatalf("%d matches, expected %d", len(got), len(want))
	}
	for i := range want {
		for key, w := range want[i] {
			sameJSON(t, fmt.Sprintf("matches[%d].%s", i, key), got[i][key], w)
		}
	}
}
