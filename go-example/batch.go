package exectable

// #include <stdlib.h>
// #include <string.h>
// #include <exectable.h>
import "C"

import (
	"unsafe"
)

// Batch is an L1 batch (ProofSystemBatchPerVerificationEntries, the argument of
// postAndVerifyBatch) held by the library. Immutable — its entry and lookup-call hashes are
// computed once, on first use — and safe for concurrent use by any number of goroutines. Close it
// when done (a cleanup frees it if it becomes unreachable first).
type Batch struct {
	h handle[*C.et_batch]
}

func newBatch(p *C.et_batch) *Batch {
	b := &Batch{}
	setHandle(b, &b.h, p, "et_batch_free", func(p *C.et_batch) C.et_result { return C.et_batch_free(p) })
	return b
}

// BatchFromCalldata decodes postAndVerifyBatch calldata the chain accepted (selector 0x8b1a095a ‖
// the batch) exactly as the compiled contract's ABI decoder reads it.
//
// It accepts what the contract's decoder accepts: the canonical encoding, and also offsets that
// point elsewhere (moved, shared, backwards), dirty padding, trailing bytes, a short final padding
// (docs/CODEC.md, "EVM decoding"). The batch holds the values the contract read, so its hashes,
// commitment and proof inputs are those of the batch the chain accepted; Calldata gives its
// canonical encoding, which differs from a non-canonical input (CalldataLayout tells whether and
// where). What the contract's decoder refuses is an error with its code (101–103, 105; 107 for
// another function). Lengths and the decoded size are checked before anything is allocated.
// For canonical-only decoding (producers, validators) use BatchFromCalldataStrict.
func BatchFromCalldata(calldata []byte) (*Batch, error) {
	var p *C.et_batch
	d, n := in(calldata)
	if err := call("et_batch_from_calldata", func() C.et_result { return C.et_batch_from_calldata(d, n, &p) }); err != nil {
		return nil, err
	}
	return newBatch(p), nil
}

// BatchFromCalldataStrict decodes postAndVerifyBatch calldata strictly: only the canonical
// encoding (Batch.Calldata's output) is accepted, every deviation is an error naming its field
// path and byte offset (for producers and validators checking what they are about to post).
func BatchFromCalldataStrict(calldata []byte) (*Batch, error) {
	var p *C.et_batch
	d, n := in(calldata)
	if err := call("et_batch_from_calldata_strict", func() C.et_result {
		return C.et_batch_from_calldata_strict(d, n, &p)
	}); err != nil {
		return nil, err
	}
	return newBatch(p), nil
}

// BatchFromJSON parses the batch's canonical JSON ({"entries", "l1ToL2lookupCalls", …}).
func BatchFromJSON(batchJSON []byte) (*Batch, error) {
	var p *C.et_batch
	d, n := in(batchJSON)
	if err := call("et_batch_from_json", func() C.et_result { return C.et_batch_from_json(d, n, &p) }); err != nil {
		return nil, err
	}
	return newBatch(p), nil
}

// Close frees the batch. Later calls do nothing; other methods then return ErrClosed.
func (b *Batch) Close() error { return b.h.close() }

// BatchCounts is the size of a batch.
type BatchCounts struct {
	Entries      int // len(entries)
	LookupCalls  int // len(l1ToL2lookupCalls)
	ProofSystems int // len(proofSystems)
}

// Counts is the number of entries, lookup calls and proof systems.
func (b *Batch) Counts() (BatchCounts, error) {
	var e, l, k C.size_t
	err := b.h.use(func(p *C.et_batch) error {
		return call("et_batch_counts", func() C.et_result { return C.et_batch_counts(p, &e, &l, &k) })
	})
	return BatchCounts{Entries: int(e), LookupCalls: int(l), ProofSystems: int(k)}, err
}

// EntryHash is keccak256(abi.encode(entries[i])); CodeInvalidArgument when i is out of range.
func (b *Batch) EntryHash(i int) (Hash, error) {
	var out Hash
	if i < 0 {
		return out, &Error{Code: CodeInvalidArgument, Message: "negative entry index", Op: "et_batch_entry_hash"}
	}
	err := b.h.use(func(p *C.et_batch) error {
		return call("et_batch_entry_hash", func() C.et_result {
			return C.et_batch_entry_hash(p, C.size_t(i), p32((*[32]byte)(&out)))
		})
	})
	return out, err
}

// LookupCallHash is keccak256(abi.encode(l1ToL2lookupCalls[i])).
func (b *Batch) LookupCallHash(i int) (Hash, error) {
	var out Hash
	if i < 0 {
		return out, &Error{Code: CodeInvalidArgument, Message: "negative lookup-call index", Op: "et_batch_lookup_call_hash"}
	}
	err := b.h.use(func(p *C.et_batch) error {
		return call("et_batch_lookup_call_hash", func() C.et_result {
			return C.et_batch_lookup_call_hash(p, C.size_t(i), p32((*[32]byte)(&out)))
		})
	})
	return out, err
}

// EntryHashes is every entry hash, in batch order.
func (b *Batch) EntryHashes() ([]Hash, error) {
	var out []Hash
	err := b.h.use(func(p *C.et_batch) error {
		var e, l, k C.size_t
		if err := call("et_batch_counts", func() C.et_result { return C.et_batch_counts(p, &e, &l, &k) }); err != nil {
			return err
		}
		out = make([]Hash, int(e))
		buf, _ := hashesIn(out)
		var written C.size_t
		err := call("et_batch_entry_hashes", func() C.et_result {
			return C.et_batch_entry_hashes(p, buf, 32*e, &written)
		})
		out = out[:int(written)]
		return err
	})
	return out, err
}

// LookupCallHashes is every lookup-call hash, in batch order.
func (b *Batch) LookupCallHashes() ([]Hash, error) {
	var out []Hash
	err := b.h.use(func(p *C.et_batch) error {
		var e, l, k C.size_t
		if err := call("et_batch_counts", func() C.et_result { return C.et_batch_counts(p, &e, &l, &k) }); err != nil {
			return err
		}
		out = make([]Hash, int(l))
		buf, _ := hashesIn(out)
		var written C.size_t
		err := call("et_batch_lookup_call_hashes", func() C.et_result {
			return C.et_batch_lookup_call_hashes(p, buf, 32*l, &written)
		})
		out = out[:int(written)]
		return err
	})
	return out, err
}

// bytesOf runs a callBytes-style C function on the batch.
func (b *Batch) bytesOf(op string, f func(p *C.et_batch, out *C.et_bytes) C.et_result) ([]byte, error) {
	var res []byte
	err := b.h.use(func(p *C.et_batch) (err error) {
		res, err = callBytes(op, func(out *C.et_bytes) C.et_result { return f(p, out) })
		return err
	})
	return res, err
}

// EntryJSON is the canonical JSON of entries[i].
func (b *Batch) EntryJSON(i int) ([]byte, error) {
	if i < 0 {
		return nil, &Error{Code: CodeInvalidArgument, Message: "negative entry index", Op: "et_batch_entry_json"}
	}
	return b.bytesOf("et_batch_entry_json", func(p *C.et_batch, out *C.et_bytes) C.et_result {
		return C.et_batch_entry_json(p, C.size_t(i), out)
	})
}

// LookupCallJSON is the canonical JSON of l1ToL2lookupCalls[i].
func (b *Batch) LookupCallJSON(i int) ([]byte, error) {
	if i < 0 {
		return nil, &Error{Code: CodeInvalidArgument, Message: "negative lookup-call index", Op: "et_batch_lookup_call_json"}
	}
	return b.bytesOf("et_batch_lookup_call_json", func(p *C.et_batch, out *C.et_bytes) C.et_result {
		return C.et_batch_lookup_call_json(p, C.size_t(i), out)
	})
}

// Entry is entries[i] as an independent Entry (a copy: it outlives the batch).
func (b *Batch) Entry(i int) (*Entry, error) {
	if i < 0 {
		return nil, &Error{Code: CodeInvalidArgument, Message: "negative entry index", Op: "et_batch_entry"}
	}
	var e *C.et_entry
	err := b.h.use(func(p *C.et_batch) error {
		return call("et_batch_entry", func() C.et_result { return C.et_batch_entry(p, C.size_t(i), &e) })
	})
	if err != nil {
		return nil, err
	}
	return newEntry(e), nil
}

// JSON is the batch's canonical JSON.
func (b *Batch) JSON() ([]byte, error) {
	return b.bytesOf("et_batch_to_json", func(p *C.et_batch, out *C.et_bytes) C.et_result { return C.et_batch_to_json(p, out) })
}

// Calldata is postAndVerifyBatch(batch) calldata: selector 0x8b1a095a ‖ abi.encode(batch).
func (b *Batch) Calldata() ([]byte, error) {
	return b.bytesOf("et_batch_encode_calldata", func(p *C.et_batch, out *C.et_bytes) C.et_result {
		return C.et_batch_encode_calldata(p, out)
	})
}

// Encode is abi.encode(batch): the calldata without its selector, and the batch's OCP
// observation bytes.
func (b *Batch) Encode() ([]byte, error) {
	return b.bytesOf("et_batch_encode", func(p *C.et_batch, out *C.et_bytes) C.et_result { return C.et_batch_encode(p, out) })
}

// ValidationContext is the chain state Validate may use. The zero value knows nothing: the
// checks that need state are skipped and listed in the report's notes.
type ValidationContext struct {
	RegisteredRollups      []U256 // rollups with rollupContract != 0; read when RegisteredRollupsKnown
	RegisteredRollupsKnown bool
	BlobCount              int // blobs of the posting transaction; read when BlobCountKnown
	BlobCountKnown         bool
	BatchInFlight          bool // a postAndVerifyBatch is already running in this transaction
}

// ValidationReport is the result of Validate.
type ValidationReport struct {
	// WouldRevert tells whether postAndVerifyBatch itself would revert.
	WouldRevert bool
	// JSON is the full report: {"ok", "wouldRevert", "counts", "firstOnchainError",
	// "structural", "wellFormedness", "notes"}.
	JSON []byte
}

// Validate checks the batch the way postAndVerifyBatch does (spec §6.1, in contract order) plus
// every prover obligation. Findings are in the report, not in the error; ctx may be nil.
func (b *Batch) Validate(ctx *ValidationContext) (*ValidationReport, error) {
	var cctx *C.et_validation_context
	if ctx != nil {
		// The context struct and the ids it points to live in C memory: Go memory handed to C
		// must not contain Go pointers.
		cctx = (*C.et_validation_context)(C.calloc(1, C.size_t(unsafe.Sizeof(C.et_validation_context{}))))
		defer C.free(unsafe.Pointer(cctx))
		if len(ctx.RegisteredRollups) > 0 {
			ids := C.malloc(C.size_t(32 * len(ctx.RegisteredRollups)))
			defer C.free(ids)
			C.memcpy(ids, unsafe.Pointer(&ctx.RegisteredRollups[0]), C.size_t(32*len(ctx.RegisteredRollups)))
			cctx.registered_rollup_ids = (*C.uint8_t)(ids)
		}
		cctx.registered_rollup_count = C.size_t(len(ctx.RegisteredRollups))
		cctx.registered_rollups_known = C.bool(ctx.RegisteredRollupsKnown)
		if ctx.BlobCount < 0 {
			return nil, &Error{Code: CodeInvalidArgument, Message: "negative blob count", Op: "et_validate_batch"}
		}
		cctx.blob_count = C.size_t(ctx.BlobCount)
		cctx.blob_count_known = C.bool(ctx.BlobCountKnown)
		cctx.batch_in_flight = C.bool(ctx.BatchInFlight)
	}
	var wouldRevert C.bool
	report, err := b.bytesOf("et_validate_batch", func(p *C.et_batch, out *C.et_bytes) C.et_result {
		return C.et_validate_batch(p, cctx, out, &wouldRevert)
	})
	if err != nil {
		return nil, err
	}
	return &ValidationReport{WouldRevert: bool(wouldRevert), JSON: report}, nil
}

// BlobHashKind says how BlobHashes are to be read.
type BlobHashKind uint32

const (
	// BlobHashesResolved: blobhash(blobIndices[i]), exactly one per blobIndices entry.
	BlobHashesResolved BlobHashKind = C.ET_BLOB_HASHES_RESOLVED
	// BlobHashesVersioned: the posting transaction's blobVersionedHashes; the library resolves
	// blobVersionedHashes[blobIndices[i]] (zero when out of range, as blobhash does).
	BlobHashesVersioned BlobHashKind = C.ET_BLOB_HASHES_VERSIONED
)

// BlobHashes are the blob hashes a batch's sharedPublicInput binds. The zero value (no hashes,
// resolved) is right for a batch without blobIndices.
type BlobHashes struct {
	Kind   BlobHashKind
	Hashes []Hash
}

// PublicInputsHashes is publicInputsHash_k = keccak256(sharedPublicInput ‖ acc_k) for every
// proof system of the batch, in proofSystems order (spec §4.5, §4.6). rollupsJSON is what each
// rollup's manager returned: [{"rollupId", "manager"?, "timestamp", "blockHash", "vkeys":
// {"0x<proof system>": "0x<vkey>"}}].
func (b *Batch) PublicInputsHashes(rollupsJSON []byte, blobs BlobHashes) ([]Hash, error) {
	var out []Hash
	err := b.h.use(func(p *C.et_batch) error {
		var e, l, k C.size_t
		if err := call("et_batch_counts", func() C.et_result { return C.et_batch_counts(p, &e, &l, &k) }); err != nil {
			return err
		}
		out = make([]Hash, int(k))
		buf, _ := hashesIn(out)
		r, rn := in(rollupsJSON)
		bh, bn := hashesIn(blobs.Hashes)
		var written C.size_t
		err := call("et_batch_public_inputs_hashes", func() C.et_result {
			return C.et_batch_public_inputs_hashes(p, r, rn, bh, bn, C.uint32_t(blobs.Kind), buf, 32*k, &written)
		})
		out = out[:int(written)]
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Commit builds the batch's table commitment (docs/COMMITMENT.md): the Merkle tree of its entry
// hashes then lookup-call hashes, bound to its sharedPublicInput.
func (b *Batch) Commit(blobs BlobHashes) (*Commitment, error) {
	var c *C.et_commitment
	err := b.h.use(func(p *C.et_batch) error {
		bh, bn := hashesIn(blobs.Hashes)
		return call("et_commitment_from_batch", func() C.et_result {
			return C.et_commitment_from_batch(p, bh, bn, C.uint32_t(blobs.Kind), &c)
		})
	})
	if err != nil {
		return nil, err
	}
	return newCommitment(c), nil
}

// CheckCommitment checks a claimed commitment against the batch: claimJSON is a 32-byte digest
// as a JSON string ("0x…") or the record JSON. nil when it is the batch's commitment;
// CodeCommitmentMismatch (its message names every differing field, VerdictOf: NotIncluded) when
// it is not; any other error is CannotDecide.
func (b *Batch) CheckCommitment(blobs BlobHashes, claimJSON []byte) error {
	return b.h.use(func(p *C.et_batch) error {
		bh, bn := hashesIn(blobs.Hashes)
		c, cn := in(claimJSON)
		return call("et_batch_check_commitment", func() C.et_result {
			return C.et_batch_check_commitment(p, bh, bn, C.uint32_t(blobs.Kind), c, cn)
		})
	})
}
