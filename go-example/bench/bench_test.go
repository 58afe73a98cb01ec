package bench

import (
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"sync"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	exectable "github.com/exectable/exectable-go"
)

var (
	setupOnce sync.Once
	ref       *Reference
	fix       *Fixture
	setupErr  error
)

func setup(tb testing.TB) (*Reference, *Fixture) {
	tb.Helper()
	setupOnce.Do(func() {
		if ref, setupErr = NewReference(); setupErr != nil {
			return
		}
		fix, setupErr = NewFixture(ref, 2026)
	})
	if setupErr != nil {
		tb.Fatal(setupErr)
	}
	return ref, fix
}

func must[T any](v T, err error) func(testing.TB) T {
	return func(tb testing.TB) T {
		tb.Helper()
		if err != nil {
			tb.Fatal(err)
		}
		return v
	}
}

type rollupJSON struct {
	RollupID  exectable.U256                       `json:"rollupId"`
	Timestamp exectable.U256                       `json:"timestamp"`
	BlockHash exectable.Hash                       `json:"blockHash"`
	Vkeys     map[exectable.Address]exectable.Hash `json:"vkeys"`
}

func toRollups(in []rollupJSON) []Rollup {
	out := make([]Rollup, len(in))
	for i, r := range in {
		out[i] = Rollup{RollupID: r.RollupID.Big(), Timestamp: r.Timestamp.Big(), BlockHash: r.BlockHash,
			Vkeys: map[common.Address][32]byte{}}
		for system, vk := range r.Vkeys {
			out[i].Vkeys[common.Address(system)] = vk
		}
	}
	return out
}

// The go-ethereum reference reproduces the golden file: calldata, entry hashes and every
// publicInputsHash of the publicInputsHash cases, and every cross-chain call hash. (So the
// benchmarks compare two implementations of the same thing.)
func TestReferenceMatchesGoldenVectors(t *testing.T) {
	r, _ := setup(t)
	raw := must(os.ReadFile("../../vectors/eez-v1-public.json"))(t)
	var file struct {
		Cases []struct {
			ID       string          `json:"id"`
			Kind     string          `json:"kind"`
			Inputs   json.RawMessage `json:"inputs"`
			Expected json.RawMessage `json:"expected"`
		} `json:"cases"`
	}
	if err := json.Unmarshal(raw, &file); err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, c := range file.Cases {
		switch c.Kind {
		case "publicInputsHash":
			var in struct {
				Rollups    []rollupJSON     `json:"rollups"`
				BlobHashes []exectable.Hash `json:"blobHashes"`
			}
			var ex struct {
				PublicInputsHashes []struct {
					PublicInputsHash exectable.Hash `json:"publicInputsHash"`
				} `json:"publicInputsHashes"`
				EntryHashes []exectable.Hash `json:"entryHashes"`
				Calldata    exectable.Bytes  `json:"postAndVerifyBatchCalldata"`
			}
			if json.Unmarshal(c.Inputs, &in) != nil || json.Unmarshal(c.Expected, &ex) != nil {
				t.Fatalf("%s: unreadable", c.ID)
			}
			b := must(r.DecodeCalldata(ex.Calldata))(t)
			if cd := must(r.Calldata(b))(t); string(cd) != string(ex.Calldata) {
				t.Errorf("%s: go-ethereum re-encodes the calldata differently", c.ID)
			}
			if got := must(r.EntryHashes(b))(t); fmt.Sprint(got) != fmt.Sprint(hashes(ex.EntryHashes)) {
				t.Errorf("%s: entry hashes %v", c.ID, got)
			}
			blobs := make([][32]byte, len(in.BlobHashes))
			for i, h := range in.BlobHashes {
				blobs[i] = h
			}
			got := must(r.PublicInputsHashes(b, toRollups(in.Rollups), blobs))(t)
			if len(got) != len(ex.PublicInputsHashes) {
				t.Fatalf("%s: %d hashes", c.ID, len(got))
			}
			for k := range got {
				if got[k] != common.Hash(ex.PublicInputsHashes[k].PublicInputsHash) {
					t.Errorf("%s: publicInputsHash[%d] %s", c.ID, k, got[k])
				}
			}
		case "crossChainCallHash":
			var in struct {
				TargetRollupID exectable.U256    `json:"targetRollupId"`
				TargetAddress  exectable.Address `json:"targetAddress"`
				Value          exectable.U256    `json:"value"`
				Data           exectable.Bytes   `json:"data"`
				SourceAddress  exectable.Address `json:"sourceAddress"`
				SourceRollupID exectable.U256    `json:"sourceRollupId"`
			}
			var ex struct {
				Hash exectable.Hash `json:"crossChainCallHash"`
			}
			if json.Unmarshal(c.Inputs, &in) != nil || json.Unmarshal(c.Expected, &ex) != nil {
				t.Fatalf("%s: unreadable", c.ID)
			}
			target, source := common.Address(in.TargetAddress), common.Address(in.SourceAddress)
			h := must(r.CrossChainCallHash(in.TargetRollupID.Big(), target, in.Value.Big(), in.Data, source, in.SourceRollupID.Big()))(t)
			tr, v, sr := [32]byte(in.TargetRollupID), [32]byte(in.Value), [32]byte(in.SourceRollupID)
			manual := CrossChainCallHashManual(&tr, &target, &v, in.Data, &source, &sr)
			if h != common.Hash(ex.Hash) || manual != common.Hash(ex.Hash) {
				t.Errorf("%s: abi %s, manual %s, expected %s", c.ID, h, manual, ex.Hash)
			}
		default:
			continue
		}
		counts[c.Kind]++
	}
	if counts["publicInputsHash"] == 0 || counts["crossChainCallHash"] == 0 {
		t.Fatalf("ran %v", counts)
	}
}

func hashes(in []exectable.Hash) []common.Hash {
	out := make([]common.Hash, len(in))
	for i, h := range in {
		out[i] = common.Hash(h)
	}
	return out
}

// exectable and the reference agree on the benchmark batch, from calldata and from JSON.
func TestExectableMatchesReference(t *testing.T) {
	r, f := setup(t)
	t.Logf("benchmark batch: %d entries, %d lookup calls, %d bytes of calldata", BatchEntries, BatchLookupCalls, len(f.Calldata))
	want := must(r.EntryHashes(f.Batch))(t)
	wantPIH := must(r.PublicInputsHashes(f.Batch, f.Rollups, nil))(t)
	b := must(exectable.BatchFromCalldata(f.Calldata))(t)
	defer b.Close()
	if cd := must(b.Calldata())(t); string(cd) != string(f.Calldata) {
		t.Errorf("exectable re-encodes go-ethereum's calldata differently")
	}
	batchJSON := must(b.JSON())(t)
	t.Logf("the same batch as canonical JSON: %d bytes", len(batchJSON))
	fromJSON := must(exectable.BatchFromJSON(batchJSON))(t)
	defer fromJSON.Close()
	for name, batch := range map[string]*exectable.Batch{"calldata": b, "JSON": fromJSON} {
		got := must(batch.EntryHashes())(t)
		if len(got) != BatchEntries || fmt.Sprint(hashes(got)) != fmt.Sprint(want) {
			t.Errorf("from %s: entry hashes differ", name)
		}
		pih := must(batch.PublicInputsHashes(f.RollupsJSON, exectable.BlobHashes{}))(t)
		if fmt.Sprint(hashes(pih)) != fmt.Sprint(wantPIH) {
			t.Errorf("from %s: publicInputsHashes %v, reference %v", name, pih, wantPIH)
		}
	}
	decoded := must(r.DecodeCalldata(f.Calldata))(t)
	if got := must(r.EntryHashes(decoded))(t); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("go-ethereum's decode changes the entry hashes")
	}
}

// ---- 1,000 entries: keccak256(abi.encode(entry)) ----

func BenchmarkEntryHashes1000(b *testing.B) {
	r, f := setup(b)
	b.Run("exectable/from-calldata", func(b *testing.B) {
		for b.Loop() {
			batch := must(exectable.BatchFromCalldata(f.Calldata))(b)
			if h := must(batch.EntryHashes())(b); len(h) != BatchEntries {
				b.Fatal(len(h))
			}
			batch.Close()
		}
	})
	b.Run("geth/from-calldata", func(b *testing.B) {
		for b.Loop() {
			batch := must(r.DecodeCalldata(f.Calldata))(b)
			if h := must(r.EntryHashes(batch))(b); len(h) != BatchEntries {
				b.Fatal(len(h))
			}
		}
	})
	b.Run("exectable/entry-handles", func(b *testing.B) {
		batch := must(exectable.BatchFromCalldata(f.Calldata))(b)
		defer batch.Close()
		entries := make([]*exectable.Entry, BatchEntries)
		for i := range entries {
			entries[i] = must(batch.Entry(i))(b)
			defer entries[i].Close()
		}
		b.ResetTimer()
		for b.Loop() {
			for _, e := range entries {
				_ = must(e.Hash())(b)
			}
		}
	})
	b.Run("geth/from-structs", func(b *testing.B) {
		for b.Loop() {
			for i := range f.Batch.Entries {
				_ = must(r.EntryHash(&f.Batch.Entries[i]))(b)
			}
		}
	})
}

// ---- public-input building for the 1,000-entry batch ----

func BenchmarkPublicInputs1000(b *testing.B) {
	r, f := setup(b)
	b.Run("exectable/from-calldata", func(b *testing.B) {
		for b.Loop() {
			batch := must(exectable.BatchFromCalldata(f.Calldata))(b)
			if h := must(batch.PublicInputsHashes(f.RollupsJSON, exectable.BlobHashes{}))(b); len(h) != proofSystemCount {
				b.Fatal(len(h))
			}
			batch.Close()
		}
	})
	b.Run("geth/from-calldata", func(b *testing.B) {
		for b.Loop() {
			batch := must(r.DecodeCalldata(f.Calldata))(b)
			if h := must(r.PublicInputsHashes(batch, f.Rollups, nil))(b); len(h) != proofSystemCount {
				b.Fatal(len(h))
			}
		}
	})
	batchJSON := func() []byte {
		batch := must(exectable.BatchFromCalldata(f.Calldata))(b)
		defer batch.Close()
		return must(batch.JSON())(b)
	}()
	b.Run("exectable/from-json", func(b *testing.B) {
		for b.Loop() {
			batch := must(exectable.BatchFromJSON(batchJSON))(b)
			_ = must(batch.PublicInputsHashes(f.RollupsJSON, exectable.BlobHashes{}))(b)
			batch.Close()
		}
	})
	b.Run("geth/from-structs", func(b *testing.B) {
		for b.Loop() {
			_ = must(r.PublicInputsHashes(f.Batch, f.Rollups, nil))(b)
		}
	})
}

// ---- one call with a 32-byte output: per-call overhead ----

func BenchmarkSingleCall(b *testing.B) {
	r, f := setup(b)
	c := f.Batch.Entries[0].L2ToL1Calls[0]
	call := &exectable.CrossChainCall{TargetRollupID: exectable.U256FromUint64(1),
		TargetAddress: exectable.Address(c.TargetAddress), Data: c.Data, SourceAddress: exectable.Address(c.SourceAddress)}
	b.Run("crossChainCallHash/exectable", func(b *testing.B) {
		for b.Loop() {
			_ = must(call.Hash())(b)
		}
	})
	one, zero := big.NewInt(1), new(big.Int)
	b.Run("crossChainCallHash/geth-abi", func(b *testing.B) {
		for b.Loop() {
			_ = must(r.CrossChainCallHash(one, c.TargetAddress, zero, c.Data, c.SourceAddress, zero))(b)
		}
	})
	tr, v, sr := [32]byte(call.TargetRollupID), [32]byte(call.Value), [32]byte(call.SourceRollupID)
	b.Run("crossChainCallHash/go-manual", func(b *testing.B) {
		for b.Loop() {
			_ = CrossChainCallHashManual(&tr, &c.TargetAddress, &v, c.Data, &c.SourceAddress, &sr)
		}
	})
	word := make([]byte, 32)
	b.Run("keccak256-32B/exectable", func(b *testing.B) {
		for b.Loop() {
			_ = must(exectable.Keccak256(word))(b)
		}
	})
	b.Run("keccak256-32B/geth", func(b *testing.B) {
		for b.Loop() {
			_ = common.BytesToHash(cryptoKeccak(word))
		}
	})
}
