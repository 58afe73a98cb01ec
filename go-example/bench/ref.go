// Package bench compares exectable's Go binding with a pure-Go implementation of the same
// digests built on go-ethereum's accounts/abi and crypto.Keccak256 (the reference a Go rollup
// client would otherwise write). It is its own module so that the exectable package depends on
// nothing but the C library.
package bench

import (
	"bytes"
	"fmt"
	"math/big"
	"strings"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// The L1 structs (spec §2.1–2.2) as go-ethereum's abi package wants them: exported fields named
// abi.ToCamelCase(component name), in ABI order.

type StateDelta struct {
	RollupId     *big.Int
	CurrentState [32]byte
	NewState     [32]byte
	EtherDelta   *big.Int
}

type L2ToL1Call struct {
	TargetAddress  common.Address
	Value          *big.Int
	Data           []byte
	SourceAddress  common.Address
	SourceRollupId *big.Int
	RevertSpan     *big.Int
}

type ExpectedL1ToL2Call struct {
	CrossChainCallHash [32]byte
	CallCount          *big.Int
	ReturnData         []byte
}

type ExpectedLookup struct {
	CrossChainCallHash     [32]byte
	ReturnData             []byte
	Failed                 bool
	L2ToL1CallNumber       uint64
	LastL1ToL2CallConsumed uint64
	ExecutingLookupIndex   uint64
	L2ToL1Calls            []L2ToL1Call
	ExpectedL1ToL2Calls    []ExpectedL1ToL2Call
	CallCount              *big.Int
	RollingHash            [32]byte
}

type ExecutionEntry struct {
	StateDeltas         []StateDelta
	ProxyEntryHash      [32]byte
	DestinationRollupId *big.Int
	L2ToL1Calls         []L2ToL1Call
	ExpectedL1ToL2Calls []ExpectedL1ToL2Call
	ExpectedLookups     []ExpectedLookup
	CallCount           *big.Int
	ReturnData          []byte
	RollingHash         [32]byte
}

type ExpectedStateRootPerRollup struct {
	RollupId  *big.Int
	StateRoot [32]byte
}

type LookupCall struct {
	CrossChainCallHash  [32]byte
	DestinationRollupId *big.Int
	ReturnData          []byte
	Failed              bool
	L2ToL1Calls         []L2ToL1Call
	ExpectedL1ToL2Calls []ExpectedL1ToL2Call
	ExpectedLookups     []ExpectedLookup
	CallCount           *big.Int
	RollingHash         [32]byte
	ExpectedStateRoots  []ExpectedStateRootPerRollup
}

type RollupIdWithProofSystems struct {
	RollupId         *big.Int
	ProofSystemIndex []uint64
}

type Batch struct {
	Entries                      []ExecutionEntry
	L1ToL2lookupCalls            []LookupCall
	TransientExecutionEntryCount *big.Int
	TransientLookupCallCount     *big.Int
	ProofSystems                 []common.Address
	RollupIdsWithProofSystems    []RollupIdWithProofSystems
	CrossProofSystemInteractions [32]byte
	BlobIndices                  []*big.Int
	CallData                     []byte
	Proofs                       [][]byte
	BlockNumber                  uint64
}

// Rollup is what a rollup's manager returned for the batch's block (the proof-input request's
// "rollups" array): getTimestampAndBlockHash and the vkey per proof system.
type Rollup struct {
	RollupID  *big.Int
	Timestamp *big.Int
	BlockHash [32]byte
	Vkeys     map[common.Address][32]byte
}

const l2ToL1Call = `{"name":"targetAddress","type":"address"},{"name":"value","type":"uint256"},{"name":"data","type":"bytes"},
	{"name":"sourceAddress","type":"address"},{"name":"sourceRollupId","type":"uint256"},{"name":"revertSpan","type":"uint256"}`
const expectedL1ToL2Call = `{"name":"crossChainCallHash","type":"bytes32"},{"name":"callCount","type":"uint256"},{"name":"returnData","type":"bytes"}`
const expectedLookup = `{"name":"crossChainCallHash","type":"bytes32"},{"name":"returnData","type":"bytes"},{"name":"failed","type":"bool"},
	{"name":"l2ToL1CallNumber","type":"uint64"},{"name":"lastL1ToL2CallConsumed","type":"uint64"},{"name":"executingLookupIndex","type":"uint64"},
	{"name":"l2ToL1Calls","type":"tuple[]","components":[` + l2ToL1Call + `]},
	{"name":"expectedL1ToL2Calls","type":"tuple[]","components":[` + expectedL1ToL2Call + `]},
	{"name":"callCount","type":"uint256"},{"name":"rollingHash","type":"bytes32"}`
const executionEntry = `{"name":"stateDeltas","type":"tuple[]","components":[{"name":"rollupId","type":"uint256"},
	{"name":"currentState","type":"bytes32"},{"name":"newState","type":"bytes32"},{"name":"etherDelta","type":"int256"}]},
	{"name":"proxyEntryHash","type":"bytes32"},{"name":"destinationRollupId","type":"uint256"},
	{"name":"l2ToL1Calls","type":"tuple[]","components":[` + l2ToL1Call + `]},
	{"name":"expectedL1ToL2Calls","type":"tuple[]","components":[` + expectedL1ToL2Call + `]},
	{"name":"expectedLookups","type":"tuple[]","components":[` + expectedLookup + `]},
	{"name":"callCount","type":"uint256"},{"name":"returnData","type":"bytes"},{"name":"rollingHash","type":"bytes32"}`
const lookupCall = `{"name":"crossChainCallHash","type":"bytes32"},{"name":"destinationRollupId","type":"uint256"},
	{"name":"returnData","type":"bytes"},{"name":"failed","type":"bool"},
	{"name":"l2ToL1Calls","type":"tuple[]","components":[` + l2ToL1Call + `]},
	{"name":"expectedL1ToL2Calls","type":"tuple[]","components":[` + expectedL1ToL2Call + `]},
	{"name":"expectedLookups","type":"tuple[]","components":[` + expectedLookup + `]},
	{"name":"callCount","type":"uint256"},{"name":"rollingHash","type":"bytes32"},
	{"name":"expectedStateRoots","type":"tuple[]","components":[{"name":"rollupId","type":"uint256"},{"name":"stateRoot","type":"bytes32"}]}`

// managerABI declares postAndVerifyBatch and one-struct helpers whose single inputs are the
// structs to hash (abi.encode(entry) is the encoding of a one-element argument list).
const managerABI = `[
{"type":"function","name":"postAndVerifyBatch","inputs":[{"name":"batch","type":"tuple","components":[
	{"name":"entries","type":"tuple[]","components":[` + executionEntry + `]},
	{"name":"l1ToL2lookupCalls","type":"tuple[]","components":[` + lookupCall + `]},
	{"name":"transientExecutionEntryCount","type":"uint256"},{"name":"transientLookupCallCount","type":"uint256"},
	{"name":"proofSystems","type":"address[]"},
	{"name":"rollupIdsWithProofSystems","type":"tuple[]","components":[{"name":"rollupId","type":"uint256"},{"name":"proofSystemIndex","type":"uint64[]"}]},
	{"name":"crossProofSystemInteractions","type":"bytes32"},{"name":"blobIndices","type":"uint256[]"},
	{"name":"callData","type":"bytes"},{"name":"proofs","type":"bytes[]"},{"name":"blockNumber","type":"uint64"}]}]},
{"type":"function","name":"entry","inputs":[{"name":"entry","type":"tuple","components":[` + executionEntry + `]}]},
{"type":"function","name":"lookupCall","inputs":[{"name":"lookupCall","type":"tuple","components":[` + lookupCall + `]}]},
{"type":"function","name":"hashes","inputs":[{"name":"hashes","type":"bytes32[]"}]},
{"type":"function","name":"fold","inputs":[{"name":"acc","type":"bytes32"},{"name":"rollupId","type":"uint256"},
	{"name":"vkey","type":"bytes32"},{"name":"blockHash","type":"bytes32"},{"name":"timestamp","type":"uint256"}]},
{"type":"function","name":"crossChainCall","inputs":[{"name":"targetRollupId","type":"uint256"},{"name":"targetAddress","type":"address"},
	{"name":"value","type":"uint256"},{"name":"data","type":"bytes"},{"name":"sourceAddress","type":"address"},{"name":"sourceRollupId","type":"uint256"}]}
]`

// Reference is the pure-Go implementation over go-ethereum.
type Reference struct {
	abi abi.ABI
}

// NewReference parses the ABI once.
func NewReference() (*Reference, error) {
	parsed, err := abi.JSON(strings.NewReader(managerABI))
	if err != nil {
		return nil, err
	}
	return &Reference{abi: parsed}, nil
}

// EntryHash is keccak256(abi.encode(entry)).
func (r *Reference) EntryHash(e *ExecutionEntry) (common.Hash, error) {
	enc, err := r.abi.Methods["entry"].Inputs.Pack(e)
	if err != nil {
		return common.Hash{}, err
	}
	return crypto.Keccak256Hash(enc), nil
}

// LookupCallHash is keccak256(abi.encode(lookupCall)).
func (r *Reference) LookupCallHash(l *LookupCall) (common.Hash, error) {
	enc, err := r.abi.Methods["lookupCall"].Inputs.Pack(l)
	if err != nil {
		return common.Hash{}, err
	}
	return crypto.Keccak256Hash(enc), nil
}

// EntryHashes hashes every entry of the batch.
func (r *Reference) EntryHashes(b *Batch) ([]common.Hash, error) {
	out := make([]common.Hash, len(b.Entries))
	for i := range b.Entries {
		h, err := r.EntryHash(&b.Entries[i])
		if err != nil {
			return nil, err
		}
		out[i] = h
	}
	return out, nil
}

// Calldata is postAndVerifyBatch(batch) calldata.
func (r *Reference) Calldata(b *Batch) ([]byte, error) { return r.abi.Pack("postAndVerifyBatch", b) }

// DecodeCalldata unpacks postAndVerifyBatch calldata into a Batch.
func (r *Reference) DecodeCalldata(calldata []byte) (*Batch, error) {
	method, err := r.abi.MethodById(calldata)
	if err != nil {
		return nil, err
	}
	if method.Name != "postAndVerifyBatch" {
		return nil, fmt.Errorf("calldata of %s", method.Name)
	}
	values, err := method.Inputs.Unpack(calldata[4:])
	if err != nil {
		return nil, err
	}
	b, ok := abi.ConvertType(values[0], new(Batch)).(*Batch)
	if !ok {
		return nil, fmt.Errorf("unpacked %T", values[0])
	}
	return b, nil
}

// PublicInputsHashes is publicInputsHash_k = keccak256(sharedPublicInput ‖ acc_k) for every proof
// system (spec §4.5, §4.6), with blobHashes already resolved (blobhash(blobIndices[i])).
func (r *Reference) PublicInputsHashes(b *Batch, rollups []Rollup, blobHashes [][32]byte) ([]common.Hash, error) {
	entryHashes := make([][32]byte, len(b.Entries))
	for i := range b.Entries {
		h, err := r.EntryHash(&b.Entries[i])
		if err != nil {
			return nil, err
		}
		entryHashes[i] = h
	}
	lookupHashes := make([][32]byte, len(b.L1ToL2lookupCalls))
	for i := range b.L1ToL2lookupCalls {
		h, err := r.LookupCallHash(&b.L1ToL2lookupCalls[i])
		if err != nil {
			return nil, err
		}
		lookupHashes[i] = h
	}
	if blobHashes == nil {
		blobHashes = [][32]byte{}
	}
	var pre bytes.Buffer
	for _, hashes := range [][][32]byte{entryHashes, lookupHashes, blobHashes} {
		enc, err := r.abi.Methods["hashes"].Inputs.Pack(hashes)
		if err != nil {
			return nil, err
		}
		pre.Write(enc)
	}
	pre.Write(crypto.Keccak256(b.CallData))
	pre.Write(b.CrossProofSystemInteractions[:])
	shared := crypto.Keccak256(pre.Bytes())

	byID := map[string]*Rollup{}
	for i := range rollups {
		byID[rollups[i].RollupID.String()] = &rollups[i]
	}
	fold := r.abi.Methods["fold"].Inputs
	out := make([]common.Hash, len(b.ProofSystems))
	for k, system := range b.ProofSystems {
		var acc [32]byte
		for _, ri := range b.RollupIdsWithProofSystems {
			for _, idx := range ri.ProofSystemIndex {
				if idx != uint64(k) {
					continue
				}
				rollup, found := byID[ri.RollupId.String()]
				if !found {
					return nil, fmt.Errorf("no manager data for rollup %s", ri.RollupId)
				}
				vk, found := rollup.Vkeys[system]
				if !found {
					return nil, fmt.Errorf("rollup %s has no vkey for %s", ri.RollupId, system)
				}
				enc, err := fold.Pack(acc, ri.RollupId, vk, rollup.BlockHash, rollup.Timestamp)
				if err != nil {
					return nil, err
				}
				acc = crypto.Keccak256Hash(enc)
			}
		}
		out[k] = crypto.Keccak256Hash(shared, acc[:])
	}
	return out, nil
}

// CrossChainCallHash is keccak256(abi.encode(six arguments)) through accounts/abi.
func (r *Reference) CrossChainCallHash(targetRollupID *big.Int, target common.Address, value *big.Int, data []byte,
	source common.Address, sourceRollupID *big.Int) (common.Hash, error) {
	enc, err := r.abi.Methods["crossChainCall"].Inputs.Pack(targetRollupID, target, value, data, source, sourceRollupID)
	if err != nil {
		return common.Hash{}, err
	}
	return crypto.Keccak256Hash(enc), nil
}

// CrossChainCallHashManual is the same hash with the preimage laid out by hand (spec §4.1) — the
// fastest a pure-Go client can do: one buffer and one keccak.
func CrossChainCallHashManual(targetRollupID *[32]byte, target *common.Address, value *[32]byte, data []byte,
	source *common.Address, sourceRollupID *[32]byte) common.Hash {
	padded := (len(data) + 31) / 32 * 32
	buf := make([]byte, 224+padded)
	copy(buf[0:32], targetRollupID[:])
	copy(buf[44:64], target[:])
	copy(buf[64:96], value[:])
	buf[127] = 0xc0
	copy(buf[140:160], source[:])
	copy(buf[160:192], sourceRollupID[:])
	big.NewInt(int64(len(data))).FillBytes(buf[192:224])
	copy(buf[224:], data)
	return crypto.Keccak256Hash(buf)
}

// cryptoKeccak is crypto.Keccak256 (named here so the benchmark file needs no second import).
func cryptoKeccak(data ...[]byte) []byte { return crypto.Keccak256(data...) }
