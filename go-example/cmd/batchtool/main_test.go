package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	exectable "github.com/exectable/exectable-go"
)

type vectorCase struct {
	ID       string          `json:"id"`
	Kind     string          `json:"kind"`
	Inputs   json.RawMessage `json:"inputs"`
	Expected json.RawMessage `json:"expected"`
}

func readCases(t *testing.T, path string) []vectorCase {
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Cases []vectorCase `json:"cases"`
	}
	if err := json.Unmarshal(raw, &f); err != nil {
		t.Fatal(err)
	}
	return f.Cases
}

// The tool on every publicInputsHash request of the golden file: its output must name each
// expected publicInputsHash with its proof system, the expected calldata (length and keccak256,
// and byte for byte through -calldata-out), the table commitment of the project's commitment
// vectors, and the verified and rejected inclusion proofs.
func TestBatchtoolOnGoldenRequests(t *testing.T) {
	commitments := map[string]string{}
	for _, c := range readCases(t, "../../../vectors/exectable-commitments.json") {
		if c.Kind != "tableCommitment" {
			continue
		}
		var ex struct {
			TableCommitment *struct {
				Commitment string `json:"commitment"`
			} `json:"tableCommitment"`
		}
		if err := json.Unmarshal(c.Expected, &ex); err != nil {
			t.Fatal(err)
		}
		if ex.TableCommitment != nil {
			commitments[strings.TrimPrefix(c.ID, "tableCommitment-")] = ex.TableCommitment.Commitment
		}
	}
	ran := 0
	for _, c := range readCases(t, "../../../vectors/eez-v1-public.json") {
		if c.Kind != "publicInputsHash" {
			continue
		}
		ran++
		t.Run(c.ID, func(t *testing.T) {
			var ex struct {
				PublicInputsHashes []struct {
					ProofSystem      string `json:"proofSystem"`
					PublicInputsHash string `json:"publicInputsHash"`
				} `json:"publicInputsHashes"`
				Calldata exectable.Bytes `json:"postAndVerifyBatchCalldata"`
			}
			if err := json.Unmarshal(c.Expected, &ex); err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			request := filepath.Join(dir, "request.json")
			if err := os.WriteFile(request, c.Inputs, 0o644); err != nil {
				t.Fatal(err)
			}
			calldataFile := filepath.Join(dir, "calldata.hex")
			var out bytes.Buffer
			if err := run([]string{"-calldata-out", calldataFile, request}, nil, &out); err != nil {
				t.Fatalf("%v\n%s", err, out.String())
			}
			text := out.String()
			want := []string{"validation: "}
			for k, h := range ex.PublicInputsHashes {
				want = append(want, fmt.Sprintf("publicInputsHash[%d] proof system %s: %s\n", k, h.ProofSystem, h.PublicInputsHash))
			}
			digest, err := exectable.Keccak256(ex.Calldata)
			if err != nil {
				t.Fatal(err)
			}
			want = append(want, fmt.Sprintf("calldata: %d bytes, selector 0x8b1a095a, keccak256 %s\n", len(ex.Calldata), digest))
			if commitment, found := commitments[c.ID]; found {
				want = append(want, "table commitment: "+commitment+"\n")
			} else {
				t.Errorf("no tableCommitment vector for %s", c.ID)
			}
			if !strings.Contains(text, "the table is empty") {
				want = append(want, ": verified\n", "changed item: rejected (", "ET_RESULT_PROOF_ROOT_MISMATCH")
			}
			for _, w := range want {
				if !strings.Contains(text, w) {
					t.Errorf("output lacks %q:\n%s", w, text)
				}
			}
			written, err := os.ReadFile(calldataFile)
			if err != nil {
				t.Fatal(err)
			}
			if strings.TrimSpace(string(written)) != ex.Calldata.String() {
				t.Errorf("-calldata-out wrote other calldata")
			}
		})
	}
	if ran == 0 {
		t.Fatal("no publicInputsHash case ran")
	}
}

// A bare batch from stdin: no publicInputsHash, the rest as usual; bad input is an error.
func TestBatchtoolBareBatchAndErrors(t *testing.T) {
	var request struct {
		Batch json.RawMessage `json:"batch"`
	}
	for _, c := range readCases(t, "../../../vectors/eez-v1-public.json") {
		if c.Kind == "batchCalldata" {
			if err := json.Unmarshal(c.Inputs, &request); err != nil {
				t.Fatal(err)
			}
			break
		}
	}
	var out bytes.Buffer
	if err := run([]string{"-rollups-registered", "-"}, bytes.NewReader(request.Batch), &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	for _, w := range []string{"publicInputsHash: no rollups in the input, skipped", ": verified\n", "changed item: rejected"} {
		if !strings.Contains(out.String(), w) {
			t.Errorf("output lacks %q:\n%s", w, out.String())
		}
	}
	if err := run([]string{"-"}, strings.NewReader(`{"batch": {"entries": 1}}`), &out); err == nil ||
		!strings.Contains(err.Error(), "ET_RESULT_JSON_SHAPE") {
		t.Errorf("a malformed batch: %v", err)
	}
	if err := run(nil, nil, &out); err == nil {
		t.Errorf("no argument accepted")
	}
}
