package exectable

// #include <exectable.h>
import "C"

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// Layout says how calldata the contract accepts is laid out: exactly abi.encode of what was read
// (Canonical), or not, with the first place it departs from the canonical encoding (Deviation).
// A non-canonical layout is not an error: the contract read the calldata as it stands, and the
// values decoded are what it read. Its JSON form is the library's: {"canonical": true} or
// {"canonical": false, "deviation": {"path", "offset", "kind", "message"}} with offset as 0x-hex
// (the "layout" member of DecodeCalldata's JSON and of a membership report's "batch").
type Layout struct {
	Canonical bool       // the input is exactly abi.encode of the decoded value
	Deviation *Deviation // the first deviation; nil when Canonical
}

// Deviation is the first place an accepted input departs from the canonical encoding.
type Deviation struct {
	Path    string // field path ("batch.entries[2].data"; "$" for the whole input)
	Offset  uint64 // byte offset into the input
	Kind    string // what departs: one of the Deviation* constants
	Message string // the strict decoder's message for it
}

// The kinds of a Deviation.
const (
	DeviationOffset        = "offset"        // an offset word points elsewhere (moved, shared, backwards)
	DeviationLength        = "length"        // a length word the strict decoder refuses there
	DeviationWord          = "word"          // a word the strict decoder refuses there
	DeviationDirtyPadding  = "dirtyPadding"  // non-zero bytes in the padding after bytes data
	DeviationShortInput    = "shortInput"    // the input ends early; the contract read zeros
	DeviationTrailingBytes = "trailingBytes" // bytes after the end of the canonical encoding
)

// layoutJSON and deviationJSON are the library's JSON form of a Layout.
type layoutJSON struct {
	Canonical bool           `json:"canonical"`
	Deviation *deviationJSON `json:"deviation,omitempty"`
}

type deviationJSON struct {
	Path    string `json:"path"`
	Offset  string `json:"offset"` // minimal 0x-hex
	Kind    string `json:"kind"`
	Message string `json:"message"`
}

// UnmarshalJSON reads the library's layout JSON.
func (l *Layout) UnmarshalJSON(b []byte) error {
	var j layoutJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return fmt.Errorf("exectable: layout: %w", err)
	}
	out := Layout{Canonical: j.Canonical}
	if j.Deviation != nil {
		digits, ok := strings.CutPrefix(j.Deviation.Offset, "0x")
		offset, err := strconv.ParseUint(digits, 16, 64)
		if !ok || err != nil {
			return fmt.Errorf("exectable: layout: offset %q is not 0x-hex", j.Deviation.Offset)
		}
		out.Deviation = &Deviation{Path: j.Deviation.Path, Offset: offset, Kind: j.Deviation.Kind,
			Message: j.Deviation.Message}
	}
	if out.Canonical != (out.Deviation == nil) {
		return fmt.Errorf("exectable: layout: canonical %v with deviation %v", out.Canonical, out.Deviation != nil)
	}
	*l = out
	return nil
}

// MarshalJSON writes the library's layout JSON (the same bytes the library writes).
func (l Layout) MarshalJSON() ([]byte, error) {
	var j layoutJSON
	j.Canonical = l.Canonical
	if d := l.Deviation; d != nil {
		j.Deviation = &deviationJSON{d.Path, "0x" + strconv.FormatUint(d.Offset, 16), d.Kind, d.Message}
	}
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // messages may hold '<' or '&'; the library writes them as they are
	if err := enc.Encode(j); err != nil {
		return nil, err
	}
	return []byte(strings.TrimSuffix(b.String(), "\n")), nil
}

// String is "canonical" or "non-canonical: first deviation at offset N (path, kind): message".
func (l Layout) String() string {
	if l.Deviation == nil {
		return "canonical"
	}
	d := l.Deviation
	return fmt.Sprintf("non-canonical: first deviation at offset %d (%s, %s): %s", d.Offset, d.Path, d.Kind, d.Message)
}

// CalldataLayout reads manager calldata (any manager function, by selector) exactly as the
// compiled contract's ABI decoder does and tells how it is laid out. Calldata the contract's
// decoder refuses is an error with that decoder's code (1xx, with the path and offset of the word
// at fault), as for DecodeCalldata; an unknown selector is CodeABIUnknownSelector.
func CalldataLayout(calldata []byte) (Layout, error) {
	p, n := in(calldata)
	raw, err := callBytes("et_calldata_layout", func(out *C.et_bytes) C.et_result {
		return C.et_calldata_layout(p, n, out)
	})
	if err != nil {
		return Layout{}, err
	}
	var l Layout
	if err := json.Unmarshal(raw, &l); err != nil {
		return Layout{}, err
	}
	return l, nil
}
