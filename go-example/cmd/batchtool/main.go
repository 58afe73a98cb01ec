// Command batchtool is the example a rollup-client author can copy: it reads a batch, validates
// it, prints the publicInputsHash of every proof system, encodes the postAndVerifyBatch calldata,
// builds the table commitment and proves and verifies the inclusion of the batch's items.
//
// Usage:
//
//	go run ./cmd/batchtool [-calldata-out FILE] [-rollups-registered] REQUEST.json
//
// REQUEST.json is a proof-input request {"batch": …, "rollups": […], "blobHashes": […]} (the
// inputs of a golden-vector case of kind publicInputsHash are one), or a bare batch JSON (then no
// publicInputsHash is printed: they need what each rollup's manager returned). "-" reads stdin.
package main

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	exectable "github.com/exectable/exectable-go"
)

func main() {
	if err := run(os.Args[1:], os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "batchtool:", err)
		os.Exit(1)
	}
}

// request is a proof-input request, or a bare batch (Batch nil, the whole file is the batch).
type request struct {
	Batch      json.RawMessage  `json:"batch"`
	Rollups    json.RawMessage  `json:"rollups"`
	BlobHashes []exectable.Hash `json:"blobHashes"`
}

// validation is the part of the validation report this tool prints.
type validation struct {
	OK                bool            `json:"ok"`
	FirstOnchainError json.RawMessage `json:"firstOnchainError"`
	Counts            map[string]int  `json:"counts"`
}

func run(args []string, stdin io.Reader, out io.Writer) error {
	flags := flag.NewFlagSet("batchtool", flag.ContinueOnError)
	calldataOut := flags.String("calldata-out", "", "write the postAndVerifyBatch calldata (0x-hex) to this file")
	registered := flags.Bool("rollups-registered", false,
		"validate as if every rollup of the batch were registered (else that check is skipped)")
	if err := flags.Parse(args); err != nil {
		return err
	}
	if flags.NArg() != 1 {
		return errors.New("usage: batchtool [-calldata-out FILE] [-rollups-registered] REQUEST.json")
	}
	raw, err := readInput(flags.Arg(0), stdin)
	if err != nil {
		return err
	}
	var req request
	if err := json.Unmarshal(raw, &req); err != nil {
		return fmt.Errorf("%s: %w", flags.Arg(0), err)
	}
	if req.Batch == nil { // a bare batch
		req.Batch = raw
	}
	blobs := exectable.BlobHashes{Kind: exectable.BlobHashesResolved, Hashes: req.BlobHashes}

	// 1. Parse the batch into a library handle; Close frees it (a cleanup would, eventually).
	batch, err := exectable.BatchFromJSON(req.Batch)
	if err != nil {
		return fmt.Errorf("batch: %w", err)
	}
	defer batch.Close()
	counts, err := batch.Counts()
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "batch: %d entries, %d lookup calls, %d proof systems\n",
		counts.Entries, counts.LookupCalls, counts.ProofSystems)

	// 2. Validate: would postAndVerifyBatch revert, and what does the prover have to fix?
	var ctx *exectable.ValidationContext
	if *registered {
		var b struct {
			Rollups []struct {
				RollupID exectable.U256 `json:"rollupId"`
			} `json:"rollupIdsWithProofSystems"`
		}
		if err := json.Unmarshal(req.Batch, &b); err != nil {
			return err
		}
		ctx = &exectable.ValidationContext{RegisteredRollupsKnown: true}
		for _, r := range b.Rollups {
			ctx.RegisteredRollups = append(ctx.RegisteredRollups, r.RollupID)
		}
	}
	report, err := batch.Validate(ctx)
	if err != nil {
		return err
	}
	var v validation
	if err := json.Unmarshal(report.JSON, &v); err != nil {
		return err
	}
	switch {
	case report.WouldRevert:
		fmt.Fprintf(out, "validation: postAndVerifyBatch would revert: %s\n", v.FirstOnchainError)
	case v.OK:
		fmt.Fprintln(out, "validation: ok")
	default:
		fmt.Fprintf(out, "validation: postAndVerifyBatch would not revert; %d errors, %d warnings for the prover\n",
			v.Counts["error"], v.Counts["warning"])
	}

	// 3. publicInputsHash per proof system (needs what each rollup's manager returned).
	if req.Rollups != nil {
		hashes, err := batch.PublicInputsHashes(req.Rollups, blobs)
		if err != nil {
			return fmt.Errorf("publicInputsHash: %w", err)
		}
		var b struct {
			ProofSystems []exectable.Address `json:"proofSystems"`
		}
		if err := json.Unmarshal(req.Batch, &b); err != nil {
			return err
		}
		for k, h := range hashes {
			fmt.Fprintf(out, "publicInputsHash[%d] proof system %s: %s\n", k, b.ProofSystems[k], h)
		}
	} else {
		fmt.Fprintln(out, "publicInputsHash: no rollups in the input, skipped")
	}

	// 4. The calldata to post.
	calldata, err := batch.Calldata()
	if err != nil {
		return err
	}
	digest, err := exectable.Keccak256(calldata)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "postAndVerifyBatch calldata: %d bytes, selector 0x%x, keccak256 %s\n", len(calldata), calldata[:4], digest)
	if *calldataOut != "" {
		if err := os.WriteFile(*calldataOut, []byte("0x"+hex.EncodeToString(calldata)+"\n"), 0o644); err != nil {
			return err
		}
	}

	// 5. The table commitment, and an inclusion proof for the first and the last item.
	commitment, err := batch.Commit(blobs)
	if err != nil {
		return fmt.Errorf("commitment: %w", err)
	}
	defer commitment.Close()
	root, err := commitment.Digest()
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "table commitment: %s\n", root)
	items := uint64(counts.Entries + counts.LookupCalls)
	if items == 0 {
		fmt.Fprintln(out, "inclusion proof: the table is empty, nothing to prove")
		return nil
	}
	leaves := []uint64{0}
	if items > 1 {
		leaves = append(leaves, items-1)
	}
	proof, err := commitment.Prove(leaves...)
	if err != nil {
		return err
	}
	defer proof.Close()
	encoded, err := proof.Encode()
	if err != nil {
		return err
	}
	itemHashes := make([]exectable.Hash, len(leaves))
	for i, leaf := range leaves {
		if itemHashes[i], err = commitment.ItemHash(leaf); err != nil {
			return err
		}
	}
	// What a verifier does: the published digest, the proof bytes and the items it cares about.
	if err := exectable.VerifyInclusion(encoded, root, itemHashes); err != nil {
		return fmt.Errorf("inclusion proof of leaves %v: %w", leaves, err)
	}
	fmt.Fprintf(out, "inclusion proof: leaves %v, %d bytes: verified\n", leaves, len(encoded))
	itemHashes[0][31] ^= 1
	err = exectable.VerifyInclusion(encoded, root, itemHashes)
	if !errors.Is(err, exectable.CodeProofRootMismatch) {
		return fmt.Errorf("a changed item was not rejected with ProofRootMismatch: %v", err)
	}
	fmt.Fprintf(out, "changed item: rejected (%v)\n", err)
	return nil
}

func readInput(path string, stdin io.Reader) ([]byte, error) {
	if path == "-" {
		return io.ReadAll(stdin)
	}
	return os.ReadFile(path)
}
