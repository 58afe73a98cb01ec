package exectable

// #include <stdlib.h>
// #include <exectable.h>
import "C"

import (
	"encoding/json"
	"unsafe"
)

// StructEncode parses canonical JSON of the protocol struct name ("l1.ExecutionEntry",
// "l2.LookupCall", …; see StructNames) and returns abi.encode(value).
func StructEncode(name string, structJSON []byte) ([]byte, error) {
	cname := C.CString(name)
	defer C.free(unsafe.Pointer(cname))
	p, n := in(structJSON)
	return callBytes("et_struct_encode", func(out *C.et_bytes) C.et_result { return C.et_struct_encode(cname, p, n, out) })
}

// StructDecode strictly decodes abi.encode(value) of the protocol struct name into canonical JSON.
func StructDecode(name string, abi []byte) ([]byte, error) {
	cname := C.CString(name)
	defer C.free(unsafe.Pointer(cname))
	p, n := in(abi)
	return callBytes("et_struct_decode", func(out *C.et_bytes) C.et_result { return C.et_struct_decode(cname, p, n, out) })
}

// StructNames lists the names StructEncode and StructDecode accept.
func StructNames() ([]string, error) {
	raw, err := callBytes("et_struct_names", func(out *C.et_bytes) C.et_result { return C.et_struct_names(out) })
	if err != nil {
		return nil, err
	}
	var names []string
	if err := json.Unmarshal(raw, &names); err != nil {
		return nil, err
	}
	return names, nil
}

// DecodeCalldata decodes manager calldata the chain accepted (any L1 or L2 manager function that
// carries protocol data, chosen by its selector) exactly as the compiled contract's ABI decoder
// reads it, into {"function", "selector", "args", "layout"} JSON.
//
// It accepts what the contract's decoder accepts: the canonical encoding, and also offsets that
// point elsewhere (moved, shared, backwards), dirty padding, trailing bytes, a short final padding
// (docs/CODEC.md, "EVM decoding"). "args" are the values the contract read; "layout" is
// {"canonical": true} or {"canonical": false, "deviation": {…}} with the first deviation (read it
// into a Layout, or call CalldataLayout). EncodeCalldata ignores "layout" and gives the canonical
// calldata back. What the contract's decoder refuses is an error with its code (101–103, 105); an
// unknown selector is CodeABIUnknownSelector. For canonical-only decoding use DecodeCalldataStrict.
func DecodeCalldata(calldata []byte) ([]byte, error) {
	p, n := in(calldata)
	return callBytes("et_calldata_decode", func(out *C.et_bytes) C.et_result { return C.et_calldata_decode(p, n, out) })
}

// DecodeCalldataStrict decodes manager calldata strictly: only the canonical encoding abi.encode
// produces is accepted, every deviation is an error naming its field path and byte offset (for
// producers and validators). The JSON is DecodeCalldata's, with "layout" always
// {"canonical": true}.
func DecodeCalldataStrict(calldata []byte) ([]byte, error) {
	p, n := in(calldata)
	return callBytes("et_calldata_decode_strict", func(out *C.et_bytes) C.et_result {
		return C.et_calldata_decode_strict(p, n, out)
	})
}

// EncodeCalldata encodes {"function", "args"} JSON (selector optional, checked when present; a
// "layout" member, as DecodeCalldata writes it, is ignored) into the canonical manager calldata:
// selector ‖ abi.encode(args…).
func EncodeCalldata(callJSON []byte) ([]byte, error) {
	p, n := in(callJSON)
	return callBytes("et_calldata_encode", func(out *C.et_bytes) C.et_result { return C.et_calldata_encode(p, n, out) })
}

// Entry is an L1 ExecutionEntry held by the library. Immutable: safe for concurrent use by any
// number of goroutines. Close it when done (a cleanup frees it if it becomes unreachable first).
type Entry struct {
	h handle[*C.et_entry]
}

func newEntry(p *C.et_entry) *Entry {
	e := &Entry{}
	setHandle(e, &e.h, p, "et_entry_free", func(p *C.et_entry) C.et_result { return C.et_entry_free(p) })
	return e
}

// EntryFromJSON parses L1 ExecutionEntry JSON.
func EntryFromJSON(entryJSON []byte) (*Entry, error) {
	var p *C.et_entry
	d, n := in(entryJSON)
	if err := call("et_entry_from_json", func() C.et_result { return C.et_entry_from_json(d, n, &p) }); err != nil {
		return nil, err
	}
	return newEntry(p), nil
}

// DecodeEntry strictly decodes abi.encode(entry) of an L1 ExecutionEntry.
func DecodeEntry(abi []byte) (*Entry, error) {
	var p *C.et_entry
	d, n := in(abi)
	if err := call("et_entry_decode", func() C.et_result { return C.et_entry_decode(d, n, &p) }); err != nil {
		return nil, err
	}
	return newEntry(p), nil
}

// Hash is the entry hash keccak256(abi.encode(entry)) (spec §4.4).
func (e *Entry) Hash() (Hash, error) {
	var out Hash
	err := e.h.use(func(p *C.et_entry) error {
		return call("et_entry_hash", func() C.et_result { return C.et_entry_hash(p, p32((*[32]byte)(&out))) })
	})
	return out, err
}

// Encode is abi.encode(entry).
func (e *Entry) Encode() ([]byte, error) {
	var b []byte
	err := e.h.use(func(p *C.et_entry) (err error) {
		b, err = callBytes("et_entry_encode", func(out *C.et_bytes) C.et_result { return C.et_entry_encode(p, out) })
		return err
	})
	return b, err
}

// JSON is the entry's canonical JSON.
func (e *Entry) JSON() ([]byte, error) {
	var b []byte
	err := e.h.use(func(p *C.et_entry) (err error) {
		b, err = callBytes("et_entry_to_json", func(out *C.et_bytes) C.et_result { return C.et_entry_to_json(p, out) })
		return err
	})
	return b, err
}

// Close frees the entry. Later calls do nothing; other methods then return ErrClosed.
func (e *Entry) Close() error { return e.h.close() }
