package exectable

// #include <stdlib.h>
// #include <exectable.h>
import "C"

// Keccak256 is keccak256(data).
func Keccak256(data []byte) (Hash, error) {
	var out Hash
	p, n := in(data)
	err := call("et_keccak256", func() C.et_result { return C.et_keccak256(p, n, p32((*[32]byte)(&out))) })
	return out, err
}

// CrossChainCall is the six arguments of the cross-chain call hash (spec §4.1).
type CrossChainCall struct {
	TargetRollupID U256
	TargetAddress  Address
	Value          U256
	Data           []byte
	SourceAddress  Address
	SourceRollupID U256
}

// Hash is keccak256(abi.encode(targetRollupId, targetAddress, value, data, sourceAddress,
// sourceRollupId)) — six separate arguments, not a struct.
func (c *CrossChainCall) Hash() (Hash, error) {
	var out Hash
	d, n := in(c.Data)
	err := call("et_cross_chain_call_hash", func() C.et_result {
		return C.et_cross_chain_call_hash(p32((*[32]byte)(&c.TargetRollupID)), p20((*[20]byte)(&c.TargetAddress)),
			p32((*[32]byte)(&c.Value)), d, n, p20((*[20]byte)(&c.SourceAddress)), p32((*[32]byte)(&c.SourceRollupID)),
			p32((*[32]byte)(&out)))
	})
	return out, err
}

// Preimage is the abi.encode of the six arguments that Hash hashes (224 + 32·⌈len(data)/32⌉ bytes).
func (c *CrossChainCall) Preimage() ([]byte, error) {
	d, n := in(c.Data)
	return callBytes("et_cross_chain_call_preimage", func(out *C.et_bytes) C.et_result {
		return C.et_cross_chain_call_preimage(p32((*[32]byte)(&c.TargetRollupID)), p20((*[20]byte)(&c.TargetAddress)),
			p32((*[32]byte)(&c.Value)), d, n, p20((*[20]byte)(&c.SourceAddress)), p32((*[32]byte)(&c.SourceRollupID)),
			out)
	})
}

// LookupCallHashJSON is keccak256(abi.encode(lookupCall)) of an L1 LookupCall given as JSON.
func LookupCallHashJSON(lookupCallJSON []byte) (Hash, error) {
	var out Hash
	p, n := in(lookupCallJSON)
	err := call("et_lookup_call_hash_json", func() C.et_result {
		return C.et_lookup_call_hash_json(p, n, p32((*[32]byte)(&out)))
	})
	return out, err
}

// LookupCallHashABI is the lookup-call hash of abi.encode(lookupCall) (strictly decoded first,
// so non-canonical bytes are refused with a 1xx code rather than hashed).
func LookupCallHashABI(abi []byte) (Hash, error) {
	var out Hash
	p, n := in(abi)
	err := call("et_lookup_call_hash_abi", func() C.et_result {
		return C.et_lookup_call_hash_abi(p, n, p32((*[32]byte)(&out)))
	})
	return out, err
}

// StaticLookupHashFold is one fold of the untagged static-lookup accumulator (spec §4.3):
// keccak256(acc ‖ successByte ‖ retData). Start from the zero Hash.
func StaticLookupHashFold(acc Hash, success bool, retData []byte) (Hash, error) {
	var out Hash
	p, n := in(retData)
	err := call("et_static_lookup_hash_fold", func() C.et_result {
		return C.et_static_lookup_hash_fold(p32((*[32]byte)(&acc)), C.bool(success), p, n, p32((*[32]byte)(&out)))
	})
	return out, err
}

// Proxy is a CrossChainProxy's CREATE2 address with the two values it is derived from.
type Proxy struct {
	Address      Address // last 20 bytes of keccak256(0xff ‖ manager ‖ salt ‖ initCodeHash)
	Salt         Hash    // keccak256(abi.encodePacked(originalRollupId, originalAddress))
	InitCodeHash Hash    // keccak256(creationCode ‖ abi.encode(manager, originalAddress, originalRollupId))
}

// ProxyAddress is where manager deploys the CrossChainProxy of (originalAddress,
// originalRollupID) (spec §4.7). creationCode is the deployed build's proxy creation code;
// ReferenceProxyCreationCode gives the reference build's.
func ProxyAddress(manager, originalAddress Address, originalRollupID U256, creationCode []byte) (Proxy, error) {
	var out Proxy
	p, n := in(creationCode)
	err := call("et_proxy_address", func() C.et_result {
		return C.et_proxy_address(p20((*[20]byte)(&manager)), p20((*[20]byte)(&originalAddress)),
			p32((*[32]byte)(&originalRollupID)), p, n, p20((*[20]byte)(&out.Address)), p32((*[32]byte)(&out.Salt)),
			p32((*[32]byte)(&out.InitCodeHash)))
	})
	if err != nil {
		return Proxy{}, err
	}
	return out, nil
}

// ReferenceProxyCreationCode is the CrossChainProxy creation code of the reference build the
// golden vectors were made with (1111 bytes). Another build gives other proxy addresses.
func ReferenceProxyCreationCode() ([]byte, error) {
	return callBytes("et_reference_proxy_creation_code", func(out *C.et_bytes) C.et_result {
		return C.et_reference_proxy_creation_code(out)
	})
}

// RollingHash is the tagged rolling-hash accumulator of one execution context (spec §4.2), as a
// builder. Drive one builder from one goroutine: the library serialises calls on a handle, but
// the order of steps from several goroutines would be the scheduler's. Close it when done.
type RollingHash struct {
	h handle[*C.et_rolling_hash]
}

// NewRollingHash starts a builder at 0x00…00 (the start of every entry and reverted lookup).
func NewRollingHash() (*RollingHash, error) {
	var p *C.et_rolling_hash
	if err := call("et_rolling_hash_new", func() C.et_result { return C.et_rolling_hash_new(&p) }); err != nil {
		return nil, err
	}
	return newRollingHash(p), nil
}

// ResumeRollingHash starts a builder at value.
func ResumeRollingHash(value Hash) (*RollingHash, error) {
	var p *C.et_rolling_hash
	err := call("et_rolling_hash_resume", func() C.et_result {
		return C.et_rolling_hash_resume(p32((*[32]byte)(&value)), &p)
	})
	if err != nil {
		return nil, err
	}
	return newRollingHash(p), nil
}

func newRollingHash(p *C.et_rolling_hash) *RollingHash {
	r := &RollingHash{}
	setHandle(r, &r.h, p, "et_rolling_hash_free", func(p *C.et_rolling_hash) C.et_result { return C.et_rolling_hash_free(p) })
	return r
}

// CallBegin folds CALL_BEGIN: h = keccak256(h ‖ 0x01 ‖ u256(callNumber)).
func (r *RollingHash) CallBegin(callNumber U256) error {
	return r.h.use(func(p *C.et_rolling_hash) error {
		return call("et_rolling_hash_call_begin", func() C.et_result {
			return C.et_rolling_hash_call_begin(p, p32((*[32]byte)(&callNumber)))
		})
	})
}

// CallEnd folds CALL_END: h = keccak256(h ‖ 0x02 ‖ u256(callNumber) ‖ successByte ‖ retData),
// where callNumber is the cursor after the call returned.
func (r *RollingHash) CallEnd(callNumber U256, success bool, retData []byte) error {
	d, n := in(retData)
	return r.h.use(func(p *C.et_rolling_hash) error {
		return call("et_rolling_hash_call_end", func() C.et_result {
			return C.et_rolling_hash_call_end(p, p32((*[32]byte)(&callNumber)), C.bool(success), d, n)
		})
	})
}

// NestedBegin folds NESTED_BEGIN: h = keccak256(h ‖ 0x03 ‖ u256(nestedNumber)).
func (r *RollingHash) NestedBegin(nestedNumber U256) error {
	return r.h.use(func(p *C.et_rolling_hash) error {
		return call("et_rolling_hash_nested_begin", func() C.et_result {
			return C.et_rolling_hash_nested_begin(p, p32((*[32]byte)(&nestedNumber)))
		})
	})
}

// NestedEnd folds NESTED_END: h = keccak256(h ‖ 0x04 ‖ u256(nestedNumber)).
func (r *RollingHash) NestedEnd(nestedNumber U256) error {
	return r.h.use(func(p *C.et_rolling_hash) error {
		return call("et_rolling_hash_nested_end", func() C.et_result {
			return C.et_rolling_hash_nested_end(p, p32((*[32]byte)(&nestedNumber)))
		})
	})
}

// Value is the builder's current value.
func (r *RollingHash) Value() (Hash, error) {
	var out Hash
	err := r.h.use(func(p *C.et_rolling_hash) error {
		return call("et_rolling_hash_value", func() C.et_result {
			return C.et_rolling_hash_value(p, p32((*[32]byte)(&out)))
		})
	})
	return out, err
}

// Close frees the builder. Later calls do nothing; other methods then return ErrClosed.
func (r *RollingHash) Close() error { return r.h.close() }
