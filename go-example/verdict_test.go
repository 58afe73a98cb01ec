package exectable

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"testing"
)

// notIncludedCodes are the codes whose verdict is NotIncluded (core's Verdict::of_code); CodeOK is
// Included and every other number CannotDecide.
var notIncludedCodes = map[Code]bool{
	CodeProofWrongIndex: true, CodeProofWrongLeafCount: true, CodeProofRootMismatch: true,
	CodeProofOtherCommitment: true, CodeProofInnerNodeAsLeaf: true, CodeCommitmentMismatch: true,
	CodeOCPHashMismatch: true, CodeOCPReceiptFailed: true, CodeOCPBlockHashMismatch: true,
	CodeOCPContractMismatch: true, CodeOCPDigestNotFound: true,
	CodeMembershipReceiptFailed: true, CodeMembershipItemNotFound: true,
}

func expectedVerdict(c Code) Verdict {
	switch {
	case c == CodeOK:
		return Included
	case notIncludedCodes[c]:
		return NotIncluded
	}
	return CannotDecide
}

// Every code's verdict, through Code.Verdict, VerdictOf and the sentinels; numbers that are no
// code cannot decide.
func TestVerdictOf(t *testing.T) {
	if VerdictOf(nil) != Included {
		t.Errorf("VerdictOf(nil) = %s", VerdictOf(nil))
	}
	per := map[Verdict]int{}
	for _, c := range allCodes {
		want := expectedVerdict(c)
		if got := c.Verdict(); got != want {
			t.Errorf("%d %s: Verdict %s, expected %s", c, c.Name(), got, want)
		}
		per[want]++
		if c == CodeOK {
			continue
		}
		err := fmt.Errorf("wrapped: %w", &Error{Code: c, Message: "m", Op: "et_test"})
		if got := VerdictOf(err); got != want {
			t.Errorf("VerdictOf(%d) = %s, expected %s", c, got, want)
		}
		if e := (&Error{Code: c}); e.Verdict() != want {
			t.Errorf("(*Error).Verdict of %d = %s", c, e.Verdict())
		}
		if errors.Is(err, ErrNotIncluded) != (want == NotIncluded) || errors.Is(err, ErrCannotDecide) != (want == CannotDecide) {
			t.Errorf("%d: errors.Is ErrNotIncluded %v, ErrCannotDecide %v, verdict %s", c,
				errors.Is(err, ErrNotIncluded), errors.Is(err, ErrCannotDecide), want)
		}
	}
	if per[Included] != 1 || per[NotIncluded] != len(notIncludedCodes) {
		t.Errorf("verdicts per kind: %v", per)
	}
	for _, n := range []Code{1, 99, 111, 607, 899, 905, 999, 1 << 31, ^Code(0)} {
		if n.Verdict() != CannotDecide {
			t.Errorf("Code(%d).Verdict() = %s", n, n.Verdict())
		}
	}
	for _, err := range []error{ErrClosed, errors.New("other"), CodeProofRootMismatch, ErrProof} {
		if VerdictOf(err) != CannotDecide {
			t.Errorf("VerdictOf(%v) = %s", err, VerdictOf(err))
		}
	}
	names := map[Verdict]string{Included: "included", NotIncluded: "notIncluded", CannotDecide: "cannotDecide", 7: "Verdict(7)"}
	for v, name := range names {
		if v.String() != name {
			t.Errorf("%d: %q, expected %q", int(v), v.String(), name)
		}
	}
	if ErrNotIncluded.Verdict() != NotIncluded || ErrCannotDecide.Verdict() != CannotDecide ||
		ErrNotIncluded.Error() != "exectable: verdict notIncluded" || errors.Is(ErrNotIncluded, ErrCannotDecide) {
		t.Errorf("sentinels: %v %v", ErrNotIncluded, ErrCannotDecide)
	}
}

// One real verification per verdict: a proof that verifies, the same proof with another item,
// a cut proof.
func TestVerdictsOfVerifications(t *testing.T) {
	f := newFixture(t)
	ok(t, VerifyInclusion(f.encodedProof, f.digest, f.items))
	changed := append([]Hash(nil), f.items...)
	changed[0][0] ^= 1
	err := VerifyInclusion(f.encodedProof, f.digest, changed)
	if VerdictOf(err) != NotIncluded || !errors.Is(err, ErrNotIncluded) || !errors.Is(err, CodeProofRootMismatch) {
		t.Errorf("another item: %v (%s)", err, VerdictOf(err))
	}
	err = VerifyInclusion(f.encodedProof[:len(f.encodedProof)-1], f.digest, f.items)
	if VerdictOf(err) != CannotDecide || !errors.Is(err, ErrCannotDecide) || errors.Is(err, ErrNotIncluded) {
		t.Errorf("a cut proof: %v (%s)", err, VerdictOf(err))
	}
	// A posting receipt without the manager's BatchPosted: 603, cannot decide.
	query := []byte(`{"entryHash": "0x0000000000000000000000000000000000000000000000000000000000000000"}`)
	_, err = VerifyMembership(f.calldata, []byte(`{"status": "0x1", "logs": []}`), Address{}, query, nil)
	if !errors.Is(err, CodeMembershipNoBatchPosted) || !errors.Is(err, ErrCannotDecide) || VerdictOf(err) != CannotDecide {
		t.Errorf("no BatchPosted: %v (%s)", err, VerdictOf(err))
	}
}

// The batch's tail moved by one word (the offset at 4 is 0x40, a zero word before the tuple):
// the contract's decoder reads the same batch and reports the offset; the strict one refuses it.
func TestDecodeModesMovedTail(t *testing.T) {
	f := newFixture(t)
	cd := f.calldata
	if cd[35] != 0x20 {
		t.Fatalf("the batch offset is not 0x20")
	}
	moved := append(append(append([]byte(nil), cd[:36]...), make([]byte, 32)...), cd[36:]...)
	moved[35] = 0x40
	want := must(BatchFromCalldata(cd))(t)
	got := must(BatchFromCalldata(moved))(t)
	defer closeAll(t, want, got)
	sameHashes(t, "moved tail", got, want)
	if re := must(got.Calldata())(t); !bytes.Equal(re, cd) {
		t.Errorf("the moved batch re-encodes differently")
	}
	layout := must(CalldataLayout(moved))(t)
	if d := layout.Deviation; layout.Canonical || d == nil || d.Path != "batch" || d.Offset != 4 || d.Kind != DeviationOffset {
		t.Errorf("layout %v", layout)
	}
	if !bytes.Contains(must(DecodeCalldata(moved))(t), must(json.Marshal(layout))(t)) {
		t.Errorf("DecodeCalldata's layout member is not CalldataLayout's")
	}
	_, err := BatchFromCalldataStrict(moved)
	wantCode(t, err, uint32(CodeABIBadOffset), "AbiBadOffset")
	_, err = DecodeCalldataStrict(moved)
	wantCode(t, err, uint32(CodeABIBadOffset), "AbiBadOffset")

	// What the contract's decoder refuses is an error of every Evm entry point alike.
	half := cd[:len(cd)/2]
	_, err = BatchFromCalldata(half)
	var e *Error
	if !errors.As(err, &e) || !errors.Is(err, ErrABI) || !errors.Is(err, ErrCannotDecide) {
		t.Fatalf("half the calldata: %v", err)
	}
	if _, err := CalldataLayout(half); !errors.Is(err, e.Code) {
		t.Errorf("CalldataLayout(half): %v, BatchFromCalldata: %v", err, e)
	}
	if _, err := DecodeCalldata(half); !errors.Is(err, e.Code) {
		t.Errorf("DecodeCalldata(half): %v, BatchFromCalldata: %v", err, e)
	}
	other := append([]byte{0xde, 0xad, 0xbe, 0xef}, cd[4:]...)
	_, err = BatchFromCalldata(other)
	wantCode(t, err, uint32(CodeABIWrongSelector), "AbiWrongSelector")
	_, err = CalldataLayout(other)
	wantCode(t, err, uint32(CodeABIUnknownSelector), "AbiUnknownSelector")
	_, err = CalldataLayout(nil)
	wantCode(t, err, uint32(CodeABITruncated), "AbiTruncated")
}

// Layout's JSON form is the library's, both ways; malformed layout JSON is refused.
func TestLayoutJSON(t *testing.T) {
	for _, text := range []string{
		`{"canonical":true}`,
		`{"canonical":false,"deviation":{"path":"batch.callData","offset":"0x963","kind":"dirtyPadding","message":"batch.callData: dirty padding at offset 2403"}}`,
	} {
		var l Layout
		ok(t, json.Unmarshal([]byte(text), &l))
		if back := must(json.Marshal(l))(t); string(back) != text {
			t.Errorf("round trip %s → %s", text, back)
		}
	}
	var l Layout
	ok(t, json.Unmarshal([]byte(`{"canonical":false,"deviation":{"path":"$","offset":"0x9e4","kind":"trailingBytes","message":"m"}}`), &l))
	if l.Deviation == nil || l.Deviation.Offset != 2532 || l.String() != "non-canonical: first deviation at offset 2532 ($, trailingBytes): m" {
		t.Errorf("%+v: %s", l, l)
	}
	if (Layout{Canonical: true}).String() != "canonical" {
		t.Errorf("canonical layout text")
	}
	for _, bad := range []string{`{"canonical":false}`, `{"canonical":true,"deviation":{"path":"$","offset":"0x1","kind":"word","message":""}}`,
		`{"canonical":false,"deviation":{"path":"$","offset":"12","kind":"word","message":""}}`, `[]`} {
		if err := json.Unmarshal([]byte(bad), &l); err == nil {
			t.Errorf("%s was accepted", bad)
		}
	}
}
