package bench

import (
	"encoding/json"
	"math/big"
	"math/rand/v2"

	"github.com/ethereum/go-ethereum/common"

	exectable "github.com/exectable/exectable-go"
)

// Shape of the synthetic batch: what a rollup posting deposits and withdrawals every slot
// produces (one state delta per entry, two ERC-20-transfer-sized L1 calls, a reentrant call in
// every fourth entry, a static lookup in every tenth), plus a few top-level lookups.
const (
	BatchEntries     = 1000
	BatchLookupCalls = 10
	rollupCount      = 3
	proofSystemCount = 2
)

// Fixture is one synthetic batch in every form the benchmarks start from.
type Fixture struct {
	Batch       *Batch   // go-ethereum's view
	Calldata    []byte   // postAndVerifyBatch calldata (encoded by go-ethereum)
	Rollups     []Rollup // what the managers returned
	RollupsJSON []byte   // the same as the C API takes it
}

// NewFixture builds the batch deterministically from seed.
func NewFixture(ref *Reference, seed uint64) (*Fixture, error) {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	word := func() (w [32]byte) {
		for i := 0; i < 32; i += 8 {
			v := rng.Uint64()
			for j := 0; j < 8; j++ {
				w[i+j] = byte(v >> (8 * j))
			}
		}
		return w
	}
	addr := func() (a common.Address) {
		w := word()
		copy(a[:], w[:20])
		return a
	}
	bytesN := func(n int) []byte {
		out := make([]byte, 0, n+32)
		for len(out) < n {
			w := word()
			out = append(out, w[:]...)
		}
		return out[:n]
	}
	u := func(v uint64) *big.Int { return new(big.Int).SetUint64(v) }
	call := func(rollup uint64) L2ToL1Call {
		data := append([]byte{0xa9, 0x05, 0x9c, 0xbb}, bytesN(64)...) // transfer(address,uint256)
		return L2ToL1Call{TargetAddress: addr(), Value: u(0), Data: data, SourceAddress: addr(),
			SourceRollupId: u(rollup), RevertSpan: u(0)}
	}

	b := &Batch{TransientExecutionEntryCount: u(0), TransientLookupCallCount: u(0), BlobIndices: []*big.Int{},
		CallData: bytesN(128), CrossProofSystemInteractions: word(), BlockNumber: 21_000_000}
	for i := 0; i < BatchEntries; i++ {
		dest := uint64(i%rollupCount + 1)
		e := ExecutionEntry{
			StateDeltas:         []StateDelta{{RollupId: u(dest), CurrentState: word(), NewState: word(), EtherDelta: u(rng.Uint64N(1e18))}},
			ProxyEntryHash:      word(),
			DestinationRollupId: u(dest),
			L2ToL1Calls:         []L2ToL1Call{call(dest), call(dest)},
			ExpectedL1ToL2Calls: []ExpectedL1ToL2Call{},
			ExpectedLookups:     []ExpectedLookup{},
			CallCount:           u(2),
			ReturnData:          bytesN(32),
			RollingHash:         word(),
		}
		if i%4 == 0 {
			e.ExpectedL1ToL2Calls = append(e.ExpectedL1ToL2Calls, ExpectedL1ToL2Call{CrossChainCallHash: word(), CallCount: u(1), ReturnData: bytesN(32)})
		}
		if i%10 == 0 {
			e.ExpectedLookups = append(e.ExpectedLookups, ExpectedLookup{CrossChainCallHash: word(), ReturnData: bytesN(32),
				L2ToL1CallNumber: 1, L2ToL1Calls: []L2ToL1Call{}, ExpectedL1ToL2Calls: []ExpectedL1ToL2Call{}, CallCount: u(0)})
		}
		b.Entries = append(b.Entries, e)
	}
	for i := 0; i < BatchLookupCalls; i++ {
		dest := uint64(i%rollupCount + 1)
		b.L1ToL2lookupCalls = append(b.L1ToL2lookupCalls, LookupCall{CrossChainCallHash: word(), DestinationRollupId: u(dest),
			ReturnData: bytesN(32), L2ToL1Calls: []L2ToL1Call{}, ExpectedL1ToL2Calls: []ExpectedL1ToL2Call{},
			ExpectedLookups: []ExpectedLookup{}, CallCount: u(0),
			ExpectedStateRoots: []ExpectedStateRootPerRollup{{RollupId: u(dest), StateRoot: word()}}})
	}
	// Proof systems strictly ascending by address; rollup 2 accepts both, the others one each.
	b.ProofSystems = []common.Address{common.HexToAddress("0x1000000000000000000000000000000000000001"),
		common.HexToAddress("0x2000000000000000000000000000000000000002")}
	b.RollupIdsWithProofSystems = []RollupIdWithProofSystems{
		{RollupId: u(1), ProofSystemIndex: []uint64{0}},
		{RollupId: u(2), ProofSystemIndex: []uint64{0, 1}},
		{RollupId: u(3), ProofSystemIndex: []uint64{1}},
	}
	b.Proofs = [][]byte{bytesN(256), bytesN(256)}

	f := &Fixture{Batch: b}
	type rollupJSON struct {
		RollupID  exectable.U256                       `json:"rollupId"`
		Timestamp exectable.U256                       `json:"timestamp"`
		BlockHash exectable.Hash                       `json:"blockHash"`
		Vkeys     map[exectable.Address]exectable.Hash `json:"vkeys"`
	}
	var rollupsJSON []rollupJSON
	for id := uint64(1); id <= rollupCount; id++ {
		r := Rollup{RollupID: u(id), Timestamp: u(1_760_000_000 + id), BlockHash: word(), Vkeys: map[common.Address][32]byte{}}
		rj := rollupJSON{RollupID: exectable.U256FromUint64(id), Timestamp: exectable.U256FromUint64(r.Timestamp.Uint64()),
			BlockHash: r.BlockHash, Vkeys: map[exectable.Address]exectable.Hash{}}
		for _, system := range b.ProofSystems {
			vk := word()
			r.Vkeys[system] = vk
			rj.Vkeys[exectable.Address(system)] = vk
		}
		f.Rollups = append(f.Rollups, r)
		rollupsJSON = append(rollupsJSON, rj)
	}
	var err error
	if f.RollupsJSON, err = json.Marshal(rollupsJSON); err != nil {
		return nil, err
	}
	if f.Calldata, err = ref.Calldata(b); err != nil {
		return nil, err
	}
	return f, nil
}
