package exectable

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"testing"
)

const goroutines = 64

// fixture is a batch with entries and lookup calls, its commitment, a multi-proof and everything
// single-threaded calls returned for them.
type fixture struct {
	batchJSON, rollups, calldata []byte
	blobs                        BlobHashes
	entryHashes, lookupHashes    []Hash
	publicInputs                 []Hash
	digest                       Hash
	indices                      []uint64
	items                        []Hash
	encodedProof                 []byte
	call                         CrossChainCall
	callHash                     Hash
	badProofMessage              string // message of VerifyInclusion with a changed item
	badCalldataMessage           string // message of BatchFromCalldata on truncated calldata
}

// newFixture uses the largest publicInputsHash case of the golden file.
func newFixture(t *testing.T) *fixture {
	var best vectorCase
	most := -1
	for _, c := range goldenCases(t, "publicInputsHash") {
		var in struct {
			Batch struct {
				Entries []json.RawMessage `json:"entries"`
				Lookups []json.RawMessage `json:"l1ToL2lookupCalls"`
			} `json:"batch"`
		}
		decode(t, c.Inputs, &in)
		if n := len(in.Batch.Entries) + len(in.Batch.Lookups); n > most {
			best, most = c, n
		}
	}
	if most < 2 {
		t.Fatalf("the largest batch has %d items", most)
	}
	var in struct {
		Batch      json.RawMessage `json:"batch"`
		Rollups    json.RawMessage `json:"rollups"`
		BlobHashes []Hash          `json:"blobHashes"`
	}
	decode(t, best.Inputs, &in)
	f := &fixture{batchJSON: compact(t, in.Batch), rollups: compact(t, in.Rollups),
		blobs: BlobHashes{BlobHashesResolved, in.BlobHashes}}
	b := must(BatchFromJSON(f.batchJSON))(t)
	defer closeAll(t, b)
	f.calldata = must(b.Calldata())(t)
	f.entryHashes = must(b.EntryHashes())(t)
	f.lookupHashes = must(b.LookupCallHashes())(t)
	f.publicInputs = must(b.PublicInputsHashes(f.rollups, f.blobs))(t)
	cm := must(b.Commit(f.blobs))(t)
	defer closeAll(t, cm)
	f.digest = must(cm.Digest())(t)
	f.indices = []uint64{0, uint64(most - 1)}
	for _, i := range f.indices {
		f.items = append(f.items, must(cm.ItemHash(i))(t))
	}
	p := must(cm.Prove(f.indices...))(t)
	defer closeAll(t, p)
	f.encodedProof = must(p.Encode())(t)

	var cc crossChainCallJSON
	decode(t, goldenCases(t, "crossChainCallHash")[5].Inputs, &cc)
	f.call = *cc.call()
	f.callHash = must(f.call.Hash())(t)

	changed := append([]Hash(nil), f.items...)
	changed[0][0] ^= 1
	var e *Error
	if err := VerifyInclusion(f.encodedProof, f.digest, changed); !errors.As(err, &e) || e.Code != CodeProofRootMismatch {
		t.Fatalf("changed item: %v", err)
	}
	f.badProofMessage = e.Message
	if _, err := BatchFromCalldata(f.calldata[:len(f.calldata)/2]); !errors.As(err, &e) || !errors.Is(err, ErrABI) {
		t.Fatalf("truncated calldata: %v", err)
	}
	f.badCalldataMessage = e.Message
	if f.badProofMessage == f.badCalldataMessage {
		t.Fatal("the two failure messages are the same: the thread-local message check would prove nothing")
	}
	return f
}

// run starts n goroutines running f(g) and waits for them; failures are collected and reported.
func run(t *testing.T, n int, f func(g int) error) {
	t.Helper()
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for g := 0; g < n; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := f(g); err != nil {
				errs <- fmt.Errorf("goroutine %d: %w", g, err)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// 64 goroutines hash, encode and verify at once on shared immutable handles (Batch, Commitment,
// Proof, Entry: the header allows any number of threads at once), each also driving its own
// RollingHash, and each gets exactly the single-threaded results. Failing calls interleave with
// succeeding ones on every goroutine: each error must carry its own message (the last-error
// message is per OS thread; the package pins the goroutine while reading it).
func TestConcurrentSharedHandles(t *testing.T) {
	f := newFixture(t)
	b := must(BatchFromJSON(f.batchJSON))(t)
	defer closeAll(t, b)
	cm := must(b.Commit(f.blobs))(t)
	defer closeAll(t, cm)
	p := must(DecodeProof(f.encodedProof))(t)
	defer closeAll(t, p)
	e := must(b.Entry(0))(t)
	defer closeAll(t, e)

	const rounds = 10
	run(t, goroutines, func(g int) error {
		r, err := NewRollingHash()
		if err != nil {
			return err
		}
		defer r.Close()
		for round := 0; round < rounds; round++ {
			switch (g + round) % 4 { // interleave the order of operations across goroutines
			case 0:
				got, err := b.EntryHashes()
				if err != nil || fmt.Sprint(got) != fmt.Sprint(f.entryHashes) {
					return fmt.Errorf("EntryHashes: %v", err)
				}
				if h, err := b.EntryHash(round % len(f.entryHashes)); err != nil || h != f.entryHashes[round%len(f.entryHashes)] {
					return fmt.Errorf("EntryHash: %v", err)
				}
			case 1:
				cd, err := b.Calldata()
				if err != nil || !bytes.Equal(cd, f.calldata) {
					return fmt.Errorf("Calldata: %v", err)
				}
				pih, err := b.PublicInputsHashes(f.rollups, f.blobs)
				if err != nil || fmt.Sprint(pih) != fmt.Sprint(f.publicInputs) {
					return fmt.Errorf("PublicInputsHashes: %v", err)
				}
			case 2:
				if err := p.Verify(f.digest, f.items); err != nil {
					return fmt.Errorf("Proof.Verify: %w", err)
				}
				if d, err := cm.Digest(); err != nil || d != f.digest {
					return fmt.Errorf("Digest: %v", err)
				}
				if h, err := e.Hash(); err != nil || h != f.entryHashes[0] {
					return fmt.Errorf("Entry.Hash: %v", err)
				}
			case 3:
				if h, err := f.call.Hash(); err != nil || h != f.callHash {
					return fmt.Errorf("CrossChainCall.Hash: %v", err)
				}
				if err := VerifyInclusion(f.encodedProof, f.digest, f.items); err != nil {
					return fmt.Errorf("VerifyInclusion: %w", err)
				}
			}
			// Two different failures back to back: each must carry its own message.
			changed := append([]Hash(nil), f.items...)
			changed[0][0] ^= 1
			var pe, ce *Error
			if err := VerifyInclusion(f.encodedProof, f.digest, changed); !errors.As(err, &pe) ||
				pe.Code != CodeProofRootMismatch || pe.Message != f.badProofMessage {
				return fmt.Errorf("changed item: %v", err)
			}
			if _, err := BatchFromCalldata(f.calldata[:len(f.calldata)/2]); !errors.As(err, &ce) ||
				ce.Message != f.badCalldataMessage {
				return fmt.Errorf("truncated calldata: %v", err)
			}
			// Each goroutine's own builder: CALL_BEGIN(g), CALL_END(g, ok, [g]).
			n := U256FromUint64(uint64(g))
			if err := r.CallBegin(n); err != nil {
				return err
			}
			if err := r.CallEnd(n, true, []byte{byte(g)}); err != nil {
				return err
			}
		}
		got, err := r.Value()
		if err != nil {
			return err
		}
		if want := rollingReference(g, rounds); got != want {
			return fmt.Errorf("rolling hash %s, expected %s", got, want)
		}
		return nil
	})
}

// rollingReference folds the same steps as TestConcurrentSharedHandles with the spec's formula
// (§4.2) over Keccak256: CALL_BEGIN = keccak(h ‖ 0x01 ‖ u256(n)), CALL_END = keccak(h ‖ 0x02 ‖
// u256(n) ‖ 0x01 ‖ retData).
func rollingReference(g, rounds int) Hash {
	var h Hash
	n := U256FromUint64(uint64(g))
	for i := 0; i < rounds; i++ {
		h, _ = Keccak256(append(append(append([]byte{}, h[:]...), 0x01), n[:]...))
		h, _ = Keccak256(append(append(append(append([]byte{}, h[:]...), 0x02), n[:]...), 0x01, byte(g)))
	}
	return h
}

// Closing a handle while 64 goroutines use it: every call either gives the right result or
// ErrClosed, never a crash or a wrong value; after the Close, only ErrClosed.
func TestConcurrentClose(t *testing.T) {
	f := newFixture(t)
	b := must(BatchFromJSON(f.batchJSON))(t)
	start := make(chan struct{})
	var closing sync.WaitGroup
	closing.Add(1)
	go func() {
		defer closing.Done()
		<-start
		if err := b.Close(); err != nil {
			t.Error(err)
		}
	}()
	run(t, goroutines, func(g int) error {
		if g == goroutines/2 {
			close(start)
		}
		closed := false
		for i := 0; i < 200; i++ {
			got, err := b.EntryHashes()
			switch {
			case errors.Is(err, ErrClosed):
				closed = true
			case closed:
				return fmt.Errorf("a call succeeded after ErrClosed: %v", err)
			case err != nil || fmt.Sprint(got) != fmt.Sprint(f.entryHashes):
				return fmt.Errorf("EntryHashes: %v", err)
			}
		}
		return nil
	})
	closing.Wait()
	if _, err := b.Calldata(); !errors.Is(err, ErrClosed) {
		t.Errorf("after Close: %v", err)
	}
}
