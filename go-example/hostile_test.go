package exectable

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// The hostile-input corpus (vectors/exectable-hostile.json, kind hostileInput, docs/RELIABILITY.md):
// every case through the Go API's own function for its form, rejected with exactly the expected
// code, the message naming the expected path and offset. Truncation cases run every prefix length
// of their range. Forms the API has no function for (logs, revert data) run one case at a time
// through RunConformance and are counted apart. TestVectors runs the file through RunConformance.
//
// Calldata has two decoders: the forms calldata and batchCalldata carry the strict decoder's codes
// (DecodeCalldataStrict, BatchFromCalldataStrict), calldataEvm and batchCalldataEvm those of the
// contract's own decoder (DecodeCalldata and CalldataLayout, BatchFromCalldata). A corpus may have
// no case of the Evm forms (they are listed, not failed); every other form must run.

type hostileInputs struct {
	Form       string         `json:"form"`
	Type       string         `json:"type"`
	Hex        *string        `json:"hex"`
	Text       *string        `json:"text"`
	Source     string         `json:"source"`
	Patch      []hostilePatch `json:"patch"`
	Append     string         `json:"append"`
	PrefixFrom *int           `json:"prefixFrom"`
	PrefixTo   *int           `json:"prefixTo"`
	Commitment string         `json:"commitment"`
	ItemHashes []string       `json:"itemHashes"`
}

// hostilePatch overwrites bytes of a source at At.
type hostilePatch struct {
	At  int    `json:"at"`
	Hex string `json:"hex"`
}

type hostileExpected struct {
	Code   uint32  `json:"code"`
	Name   string  `json:"name"`
	Path   *string `json:"path"`
	Offset *uint64 `json:"offset"`
}

// hostileForms: true for the forms the Go API has a function for.
var hostileForms = map[string]bool{
	"abi": true, "calldata": true, "batchCalldata": true, "calldataEvm": true, "batchCalldataEvm": true,
	"proofBinary": true, "proofVerify": true, "json": true, "proofJson": true, "commitmentJson": true,
	"ocpArtifact": true, "receipt": true, "proofInputDocument": true,
	"l1Log": false, "l2Log": false, "revert": false,
}

// optionalHostileForms may have no case in the corpus.
var optionalHostileForms = map[string]bool{"calldataEvm": true, "batchCalldataEvm": true}

func hexBytes(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(strings.TrimPrefix(s, "0x"))
	if err != nil {
		t.Fatalf("unreadable hex in the corpus: %v", err)
	}
	return b
}

// hostileBytes is the case's bytes: hex, or a source with patch and append applied.
func hostileBytes(t *testing.T, in hostileInputs, sources map[string]string) []byte {
	t.Helper()
	if in.Hex != nil {
		return hexBytes(t, *in.Hex)
	}
	src, ok := sources[in.Source]
	if !ok {
		t.Fatalf("source %q is not in the header", in.Source)
	}
	b := hexBytes(t, src)
	for _, p := range in.Patch {
		copy(b[p.At:], hexBytes(t, p.Hex))
	}
	if in.Append != "" {
		b = append(b, hexBytes(t, in.Append)...)
	}
	return b
}

// hostileRun runs the case's form on b (bytes forms) or text (text forms) through the Go API.
func hostileRun(t *testing.T, in hostileInputs, sources map[string]string, b []byte) error {
	t.Helper()
	switch in.Form {
	case "abi":
		_, err := StructDecode(in.Type, b)
		return err
	case "calldata":
		_, err := DecodeCalldataStrict(b)
		return err
	case "calldataEvm":
		_, err := DecodeCalldata(b)
		// CalldataLayout reads the input with the same decoder: the same code.
		_, layoutErr := CalldataLayout(b)
		var e, le *Error
		if errors.As(err, &e) != errors.As(layoutErr, &le) || (e != nil && e.Code != le.Code) {
			t.Errorf("CalldataLayout: %v; DecodeCalldata: %v", layoutErr, err)
		}
		return err
	case "batchCalldata":
		batch, err := BatchFromCalldataStrict(b)
		if err == nil {
			closeAll(t, batch)
		}
		return err
	case "batchCalldataEvm":
		batch, err := BatchFromCalldata(b)
		if err == nil {
			closeAll(t, batch)
		}
		return err
	case "proofBinary":
		p, err := DecodeProof(b)
		if err == nil {
			closeAll(t, p)
		}
		return err
	case "proofVerify":
		commitment := must(ParseHash(in.Commitment))(t)
		hashes := make([]Hash, len(in.ItemHashes))
		for i, h := range in.ItemHashes {
			hashes[i] = must(ParseHash(h))(t)
		}
		return VerifyInclusion(b, commitment, hashes)
	case "json":
		_, err := StructEncode(in.Type, []byte(*in.Text))
		return err
	case "proofJson":
		p, err := ProofFromJSON([]byte(*in.Text))
		if err == nil {
			closeAll(t, p)
		}
		return err
	case "commitmentJson":
		// The commitment a verifier trusts, read before anything else.
		p := must(DecodeProof(hexBytes(t, sources["demoProof"])))(t)
		defer closeAll(t, p)
		_, err := p.VerifyJSON([]byte(*in.Text), []byte("[]"))
		return err
	case "ocpArtifact":
		_, err := VerifyOCP([]byte(*in.Text), nil, nil)
		return err
	case "receipt":
		// The receipt of a membership check, read before the batch.
		query := []byte(`{"entryHash": "0x0000000000000000000000000000000000000000000000000000000000000000"}`)
		_, err := VerifyMembership(hexBytes(t, sources["demoCalldata"]), []byte(*in.Text), Address{}, query, nil)
		return err
	case "proofInputDocument":
		_, _, err := VerifyProofInputsDocument([]byte(*in.Text))
		return err
	}
	t.Fatalf("form %q has no Go function", in.Form)
	return nil
}

// checkHostile checks err against the expectation; false (with t.Errorf) when it differs.
func checkHostile(t *testing.T, err error, want hostileExpected, at string) bool {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Errorf("%saccepted or not an *Error (%v); expected code %d %s", at, err, want.Code, want.Name)
		return false
	}
	if e.Code != Code(want.Code) || !errors.Is(err, Code(want.Code)) {
		t.Errorf("%s%v; expected code %d %s", at, err, want.Code, want.Name)
		return false
	}
	if errors.Is(err, ErrNotIncluded) == errors.Is(err, ErrCannotDecide) || VerdictOf(err) == Included {
		t.Errorf("%s%v: verdict %s matches not exactly one verdict sentinel", at, err, VerdictOf(err))
		return false
	}
	if want.Name != "" && e.Code.Name() != "ET_RESULT_"+upperSnake(want.Name) {
		t.Errorf("%scode %d is %s, the case names %s", at, want.Code, e.Code.Name(), want.Name)
		return false
	}
	if want.Path != nil && !strings.Contains(e.Message, *want.Path) {
		t.Errorf("%smessage does not name path %s: %s", at, *want.Path, e.Message)
		return false
	}
	if want.Offset != nil && !strings.Contains(e.Message, fmt.Sprint(*want.Offset)) {
		t.Errorf("%smessage does not name offset %d: %s", at, *want.Offset, e.Message)
		return false
	}
	return true
}

type formCount struct{ cases, checks int }

func TestHostileCorpus(t *testing.T) {
	path := filepath.Join(filepath.Dir(vectorGlob), "exectable-hostile.json")
	raw, f := readVectorFile(t, path)
	var header struct {
		Header struct {
			Sources map[string]string `json:"sources"`
		} `json:"header"`
	}
	decode(t, raw, &header)
	sources := header.Header.Sources
	var full struct {
		Header json.RawMessage `json:"header"`
	}
	decode(t, raw, &full)

	counts := map[string]*formCount{}
	for form := range hostileForms {
		counts[form] = &formCount{}
	}
	for _, c := range f.Cases {
		if c.Kind != "hostileInput" {
			t.Errorf("%s: kind %s in the hostile file", c.ID, c.Kind)
			continue
		}
		var in hostileInputs
		var want hostileExpected
		decode(t, c.Inputs, &in)
		decode(t, c.Expected, &want)
		direct, known := hostileForms[in.Form]
		if !known {
			t.Errorf("%s: unknown form %q", c.ID, in.Form)
			continue
		}
		count := counts[in.Form]
		count.cases++
		t.Run(c.ID, func(t *testing.T) {
			switch {
			case !direct:
				one, err := json.Marshal(map[string]any{"header": full.Header, "cases": []json.RawMessage{caseJSON(t, c)}})
				ok(t, err)
				report := must(RunConformance(one))(t)
				if report.Passed != 1 || report.Failed != 0 {
					t.Errorf("RunConformance: %d passed, %d failed: %v", report.Passed, report.Failed, report.Failures)
				}
				count.checks++
			case in.Text != nil:
				checkHostile(t, hostileRun(t, in, sources, nil), want, "")
				count.checks++
			default:
				b := hostileBytes(t, in, sources)
				if in.PrefixFrom == nil {
					checkHostile(t, hostileRun(t, in, sources, b), want, "")
					count.checks++
					return
				}
				from, to := *in.PrefixFrom, *in.PrefixTo
				if from >= to || to > len(b) {
					t.Fatalf("prefix range %d..%d of %d bytes", from, to, len(b))
				}
				for n := from; n < to; n++ {
					if !checkHostile(t, hostileRun(t, in, sources, b[:n]), want, fmt.Sprintf("prefix %d: ", n)) {
						return
					}
					count.checks++
				}
			}
		})
	}
	forms := make([]string, 0, len(counts))
	for form := range counts {
		forms = append(forms, form)
	}
	sort.Strings(forms)
	for _, form := range forms {
		how := "Go API"
		if !hostileForms[form] {
			how = "RunConformance"
		}
		if counts[form].cases == 0 && optionalHostileForms[form] {
			t.Logf("%-20s no case in this corpus", form)
			continue
		}
		t.Logf("%-20s %5d cases %6d checks (%s)", form, counts[form].cases, counts[form].checks, how)
		if counts[form].cases == 0 || counts[form].checks == 0 {
			t.Errorf("hostile form %s ran zero cases", form)
		}
	}
}

// caseJSON is the case as JSON again (for a one-case vector file).
func caseJSON(t *testing.T, c vectorCase) json.RawMessage {
	t.Helper()
	b, err := json.Marshal(map[string]any{"id": c.ID, "kind": c.Kind, "inputs": c.Inputs, "expected": c.Expected})
	ok(t, err)
	return b
}
