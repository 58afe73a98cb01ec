package exectable

import (
	"encoding/hex"
	"fmt"
	"math/big"
	"strings"
)

// Hash is a 32-byte digest (keccak-256 output, bytes32). Text form: 0x + 64 hex digits.
type Hash [32]byte

// Address is a 20-byte account address. Text form: 0x + 40 hex digits (any case on input).
type Address [20]byte

// U256 is a uint256 as 32 bytes big-endian, the form the C API takes. Text form: minimal 0x-hex
// ("0x0", "0x2a"), as in the protocol's JSON; input also accepts leading zeros.
type U256 [32]byte

// String is the 0x-hex form.
func (h Hash) String() string { return "0x" + hex.EncodeToString(h[:]) }

// MarshalText gives the 0x-hex form (so Hash is a JSON string).
func (h Hash) MarshalText() ([]byte, error) { return []byte(h.String()), nil }

// UnmarshalText reads 0x + exactly 64 hex digits.
func (h *Hash) UnmarshalText(text []byte) error { return fixedHex(h[:], string(text), "bytes32") }

// ParseHash reads 0x + exactly 64 hex digits.
func ParseHash(s string) (Hash, error) {
	var h Hash
	return h, h.UnmarshalText([]byte(s))
}

// String is the 0x-hex form (lower case, not EIP-55 checksummed).
func (a Address) String() string { return "0x" + hex.EncodeToString(a[:]) }

// MarshalText gives the 0x-hex form.
func (a Address) MarshalText() ([]byte, error) { return []byte(a.String()), nil }

// UnmarshalText reads 0x + exactly 40 hex digits.
func (a *Address) UnmarshalText(text []byte) error { return fixedHex(a[:], string(text), "address") }

// ParseAddress reads 0x + exactly 40 hex digits.
func ParseAddress(s string) (Address, error) {
	var a Address
	return a, a.UnmarshalText([]byte(s))
}

// U256FromUint64 is v as a uint256.
func U256FromUint64(v uint64) U256 {
	var u U256
	for i := 0; i < 8; i++ {
		u[31-i] = byte(v >> (8 * i))
	}
	return u
}

// U256FromBig is v as a uint256; an error when v is negative or needs more than 256 bits.
func U256FromBig(v *big.Int) (U256, error) {
	var u U256
	if v.Sign() < 0 || v.BitLen() > 256 {
		return u, fmt.Errorf("exectable: %s is not a uint256", v)
	}
	v.FillBytes(u[:])
	return u, nil
}

// Big is the value as a big.Int.
func (u U256) Big() *big.Int { return new(big.Int).SetBytes(u[:]) }

// String is the minimal 0x-hex form.
func (u U256) String() string { return "0x" + u.Big().Text(16) }

// MarshalText gives the minimal 0x-hex form.
func (u U256) MarshalText() ([]byte, error) { return []byte(u.String()), nil }

// UnmarshalText reads 0x + 1 to 64 hex digits.
func (u *U256) UnmarshalText(text []byte) error {
	s := string(text)
	digits, ok := strings.CutPrefix(s, "0x")
	if !ok || len(digits) == 0 || len(digits) > 64 {
		return fmt.Errorf("exectable: %q is not a 0x-hex uint256", s)
	}
	if len(digits)%2 == 1 {
		digits = "0" + digits
	}
	b, err := hex.DecodeString(digits)
	if err != nil {
		return fmt.Errorf("exectable: %q is not a 0x-hex uint256", s)
	}
	*u = U256{}
	copy(u[32-len(b):], b)
	return nil
}

// ParseU256 reads 0x + 1 to 64 hex digits.
func ParseU256(s string) (U256, error) {
	var u U256
	return u, u.UnmarshalText([]byte(s))
}

// Bytes is a byte string whose text form is 0x-hex ("0x" for empty), as in the protocol's JSON.
type Bytes []byte

// String is the 0x-hex form.
func (b Bytes) String() string { return "0x" + hex.EncodeToString(b) }

// MarshalText gives the 0x-hex form.
func (b Bytes) MarshalText() ([]byte, error) { return []byte(b.String()), nil }

// UnmarshalText reads 0x + an even number of hex digits.
func (b *Bytes) UnmarshalText(text []byte) error {
	s := string(text)
	digits, ok := strings.CutPrefix(s, "0x")
	if !ok || len(digits)%2 == 1 {
		return fmt.Errorf("exectable: %.40q is not 0x-hex bytes", s)
	}
	out, err := hex.DecodeString(digits)
	if err != nil {
		return fmt.Errorf("exectable: %.40q is not 0x-hex bytes", s)
	}
	*b = out
	return nil
}

func fixedHex(dst []byte, s, what string) error {
	digits, ok := strings.CutPrefix(s, "0x")
	if !ok || len(digits) != 2*len(dst) {
		return fmt.Errorf("exectable: %q is not a 0x-hex %s (%d bytes)", s, what, len(dst))
	}
	b, err := hex.DecodeString(digits)
	if err != nil {
		return fmt.Errorf("exectable: %q is not a 0x-hex %s", s, what)
	}
	copy(dst, b)
	return nil
}
