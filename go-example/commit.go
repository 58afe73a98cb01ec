package exectable

// #include <exectable.h>
import "C"

import "unsafe"

// Commitment is a committed table (docs/COMMITMENT.md): the commitment record, the item hashes
// and the Merkle tree; it makes inclusion proofs. Immutable: safe for concurrent use by any
// number of goroutines. Close it when done (a cleanup frees it if it becomes unreachable first).
type Commitment struct {
	h handle[*C.et_commitment]
}

func newCommitment(p *C.et_commitment) *Commitment {
	c := &Commitment{}
	setHandle(c, &c.h, p, "et_commitment_free", func(p *C.et_commitment) C.et_result { return C.et_commitment_free(p) })
	return c
}

// CommitmentFromHashes commits to a table given by its entry hashes, lookup-call hashes and
// sharedPublicInput: commitment = keccak256("exectable.table-commitment.v1" ‖ u64be(E) ‖ u64be(L)
// ‖ sharedPublicInput ‖ root).
func CommitmentFromHashes(entryHashes, lookupCallHashes []Hash, sharedPublicInput Hash) (*Commitment, error) {
	var p *C.et_commitment
	e, en := hashesIn(entryHashes)
	l, ln := hashesIn(lookupCallHashes)
	err := call("et_commitment_from_hashes", func() C.et_result {
		return C.et_commitment_from_hashes(e, en, l, ln, p32((*[32]byte)(&sharedPublicInput)), &p)
	})
	if err != nil {
		return nil, err
	}
	return newCommitment(p), nil
}

// Close frees the commitment. Later calls do nothing; other methods then return ErrClosed.
func (c *Commitment) Close() error { return c.h.close() }

// Digest is the 32-byte commitment digest (what gets published).
func (c *Commitment) Digest() (Hash, error) {
	var out Hash
	err := c.h.use(func(p *C.et_commitment) error {
		return call("et_commitment_digest", func() C.et_result { return C.et_commitment_digest(p, p32((*[32]byte)(&out))) })
	})
	return out, err
}

// JSON is the commitment record: {"commitment", "entryCount", "lookupCount",
// "sharedPublicInput", "root"}.
func (c *Commitment) JSON() ([]byte, error) {
	var b []byte
	err := c.h.use(func(p *C.et_commitment) (err error) {
		b, err = callBytes("et_commitment_to_json", func(out *C.et_bytes) C.et_result { return C.et_commitment_to_json(p, out) })
		return err
	})
	return b, err
}

// ItemHash is the item hash at flat leaf index (entries 0..E, then lookup calls E..E+L);
// CodeInvalidArgument when there is no such leaf.
func (c *Commitment) ItemHash(index uint64) (Hash, error) {
	var out Hash
	err := c.h.use(func(p *C.et_commitment) error {
		return call("et_commitment_item_hash", func() C.et_result {
			return C.et_commitment_item_hash(p, C.uint64_t(index), p32((*[32]byte)(&out)))
		})
	})
	return out, err
}

// Prove makes an inclusion proof for the leaves at flat indices (any order, each once; entry i
// is leaf i, lookup call j is leaf E + j). The proof lists them in ascending order.
func (c *Commitment) Prove(indices ...uint64) (*Proof, error) {
	var proof *C.et_proof
	err := c.h.use(func(p *C.et_commitment) error {
		var ip *C.uint64_t
		if len(indices) > 0 {
			ip = (*C.uint64_t)(unsafe.Pointer(&indices[0]))
		}
		return call("et_commitment_prove", func() C.et_result {
			return C.et_commitment_prove(p, ip, C.size_t(len(indices)), &proof)
		})
	})
	if err != nil {
		return nil, err
	}
	return newProof(proof), nil
}

// Proof is an inclusion proof (single or multi) with the commitment record it belongs to.
// Immutable: safe for concurrent use by any number of goroutines. Close it when done.
type Proof struct {
	h handle[*C.et_proof]
}

func newProof(p *C.et_proof) *Proof {
	pr := &Proof{}
	setHandle(pr, &pr.h, p, "et_proof_free", func(p *C.et_proof) C.et_result { return C.et_proof_free(p) })
	return pr
}

// DecodeProof decodes the binary proof encoding (89 + 8k + 32s bytes). CodeProofTruncated,
// CodeProofOverlong or CodeProofMalformed when it is not one.
func DecodeProof(encoded []byte) (*Proof, error) {
	var p *C.et_proof
	d, n := in(encoded)
	if err := call("et_proof_decode", func() C.et_result { return C.et_proof_decode(d, n, &p) }); err != nil {
		return nil, err
	}
	return newProof(p), nil
}

// ProofFromJSON parses the proof's JSON form ({"format": "exectable-inclusion-proof/v1",
// "tableCommitment", "indices", "siblings"}).
func ProofFromJSON(proofJSON []byte) (*Proof, error) {
	var p *C.et_proof
	d, n := in(proofJSON)
	if err := call("et_proof_from_json", func() C.et_result { return C.et_proof_from_json(d, n, &p) }); err != nil {
		return nil, err
	}
	return newProof(p), nil
}

// Close frees the proof. Later calls do nothing; other methods then return ErrClosed.
func (pr *Proof) Close() error { return pr.h.close() }

// Encode is the proof's binary encoding.
func (pr *Proof) Encode() ([]byte, error) {
	var b []byte
	err := pr.h.use(func(p *C.et_proof) (err error) {
		b, err = callBytes("et_proof_encode", func(out *C.et_bytes) C.et_result { return C.et_proof_encode(p, out) })
		return err
	})
	return b, err
}

// JSON is the proof's JSON form.
func (pr *Proof) JSON() ([]byte, error) {
	var b []byte
	err := pr.h.use(func(p *C.et_proof) (err error) {
		b, err = callBytes("et_proof_to_json", func(out *C.et_bytes) C.et_result { return C.et_proof_to_json(p, out) })
		return err
	})
	return b, err
}

// Verify checks that itemHashes (one per proven leaf, in the proof's ascending leaf order) are
// the leaves of the table whose commitment digest is commitment. nil when valid; otherwise the
// first failing check's code (4xx: errors.Is(err, ErrProof)). VerdictOf(err): 401–404 and 407
// (the proof does not lead to the committed root with these items) are NotIncluded; a malformed
// proof (405, 406, 408, 409) or misuse is CannotDecide.
func (pr *Proof) Verify(commitment Hash, itemHashes []Hash) error {
	return pr.h.use(func(p *C.et_proof) error {
		items, n := hashesIn(itemHashes)
		return call("et_proof_verify", func() C.et_result {
			return C.et_proof_verify(p, p32((*[32]byte)(&commitment)), items, n)
		})
	})
}

// VerifyJSON checks the proof against a trusted commitment given as JSON (a digest string or
// the record object) and items given as a JSON array (entry or lookup-call objects, bare or
// tagged, or hashes). It returns {"valid": true, "commitment", "leaves"} on success. Verdicts
// as for Verify (malformed JSON is CannotDecide).
func (pr *Proof) VerifyJSON(commitmentJSON, itemsJSON []byte) ([]byte, error) {
	var b []byte
	err := pr.h.use(func(p *C.et_proof) (err error) {
		c, cn := in(commitmentJSON)
		it, itn := in(itemsJSON)
		b, err = callBytes("et_proof_verify_json", func(out *C.et_bytes) C.et_result {
			return C.et_proof_verify_json(p, c, cn, it, itn, out)
		})
		return err
	})
	return b, err
}

// VerifyInclusion is DecodeProof then Verify without keeping a handle: a binary proof, the item
// hashes in proof order and the trusted commitment digest. Verdicts as for Verify.
func VerifyInclusion(encodedProof []byte, commitment Hash, itemHashes []Hash) error {
	d, n := in(encodedProof)
	items, ni := hashesIn(itemHashes)
	return call("et_inclusion_verify", func() C.et_result {
		return C.et_inclusion_verify(d, n, p32((*[32]byte)(&commitment)), items, ni)
	})
}
