//! L1 side of the protocol (`IEEZ.sol`, `EEZ.sol`, contract commit 5c51e02 "v3"): the execution
//! table structs, the batch posted by `postAndVerifyBatch`, and the EEZ manager's functions,
//! events and custom errors. Field order and Solidity types are exactly the contracts' (spec §2–§3).

alloy_sol_types::sol! {
    #![sol(all_derives)]

    /// One rollup's transition caused by an entry: `(uint256,bytes32,bytes32,int256)`.
    struct StateDelta {
        /// Rollup whose state root moves.
        uint256 rollupId;
        /// Required live root before applying (checked at consumption).
        bytes32 currentState;
        /// Root written after the entry's calls ran.
        bytes32 newState;
        /// Signed change of that rollup's ETH balance in the registry.
        int256 etherDelta;
    }

    /// One call the L1 manager executes through the source's proxy during an entry.
    struct L2ToL1Call {
        /// Contract called on L1.
        address targetAddress;
        /// Wei forwarded with the call.
        uint256 value;
        /// Calldata.
        bytes data;
        /// Caller identity; selects the proxy `(sourceAddress, sourceRollupId)`.
        address sourceAddress;
        /// Rollup of the caller.
        uint256 sourceRollupId;
        /// 0 = plain call; N > 0 = this and the following iterations (N in total) are reverted afterwards.
        uint256 revertSpan;
    }

    /// Precomputed result of a successful reentrant call leaving L1 during an entry.
    struct ExpectedL1ToL2Call {
        /// Hash the reentrant proxy call must produce.
        bytes32 crossChainCallHash;
        /// Iterations over the flat call array run inside this reentrant frame.
        uint256 callCount;
        /// Bytes returned to the reentrant caller.
        bytes returnData;
    }

    /// Nested (entry-scoped) lookup: a reentrant static read, or a reentrant call that reverts.
    struct ExpectedLookup {
        /// Identity of the looked-up call (value 0 for static reads).
        bytes32 crossChainCallHash;
        /// Returned (static) or used as revert payload (`failed`).
        bytes returnData;
        /// false = static mode, true = reverted mode.
        bool failed;
        /// Flat-call cursor when the lookup fires (key).
        uint64 l2ToL1CallNumber;
        /// Reentrant-consumption counter when it fires (key).
        uint64 lastL1ToL2CallConsumed;
        /// 0 = host's own execution; k = inside the host's `expectedLookups[k-1]` (key).
        uint64 executingLookupIndex;
        /// Sub-calls run at resolution.
        L2ToL1Call[] l2ToL1Calls;
        /// Reentrant table of the reverted-mode sub-execution (empty for static).
        ExpectedL1ToL2Call[] expectedL1ToL2Calls;
        /// Top-level iterations of the reverted-mode sub-execution (0 for static).
        uint256 callCount;
        /// Expected hash of the sub-calls (untagged if static, tagged if reverted).
        bytes32 rollingHash;
    }

    /// An L1 execution entry; `entryHash = keccak256(abi.encode(entry))`.
    struct ExecutionEntry {
        /// State transition applied when the entry completes.
        StateDelta[] stateDeltas;
        /// Call hash of the triggering proxy call; zero = no trigger (immediate / `executeL2TX`).
        bytes32 proxyEntryHash;
        /// Queue the entry is published to.
        uint256 destinationRollupId;
        /// Every call the entry executes, flat, in execution order.
        L2ToL1Call[] l2ToL1Calls;
        /// Successful reentrant calls, in firing order.
        ExpectedL1ToL2Call[] expectedL1ToL2Calls;
        /// Nested lookups of this entry (one flat table for all depths).
        ExpectedLookup[] expectedLookups;
        /// Iterations of the entry's outermost frame.
        uint256 callCount;
        /// Value returned to the top-level caller.
        bytes returnData;
        /// Expected final tagged rolling hash.
        bytes32 rollingHash;
    }

    /// Pin used to match a top-level lookup: `(uint256,bytes32)`.
    struct ExpectedStateRootPerRollup {
        /// Rollup whose live root is compared.
        uint256 rollupId;
        /// Required live root.
        bytes32 stateRoot;
    }

    /// A top-level L1 lookup; `lookupCallHash = keccak256(abi.encode(lookupCall))`.
    struct LookupCall {
        /// Identity of the looked-up top-level call.
        bytes32 crossChainCallHash;
        /// `lookupQueue` it is published to.
        uint256 destinationRollupId;
        /// Returned (static) or revert payload (`failed`).
        bytes returnData;
        /// false = static, true = reverted mode.
        bool failed;
        /// Sub-calls (static or real).
        L2ToL1Call[] l2ToL1Calls;
        /// Reverted-mode reentrant table.
        ExpectedL1ToL2Call[] expectedL1ToL2Calls;
        /// Nested lookups observed during its reverted-mode sub-execution.
        ExpectedLookup[] expectedLookups;
        /// Reverted-mode top-level iterations.
        uint256 callCount;
        /// Expected hash of the sub-calls (empty array ⇒ must be 0).
        bytes32 rollingHash;
        /// All must equal live roots for the candidate to match.
        ExpectedStateRootPerRollup[] expectedStateRoots;
    }

    /// A rollup covered by a batch and the proof systems it accepts.
    struct RollupIdWithProofSystems {
        /// Participating rollup (strictly ascending across the array, > 0).
        uint256 rollupId;
        /// Strictly ascending indices into the batch's `proofSystems`.
        uint64[] proofSystemIndex;
    }

    /// The single argument of `postAndVerifyBatch`.
    struct ProofSystemBatchPerVerificationEntries {
        /// All entries of the batch, in order.
        ExecutionEntry[] entries;
        /// Top-level lookups.
        LookupCall[] l1ToL2lookupCalls;
        /// Leading entries loaded into the in-tx transient table.
        uint256 transientExecutionEntryCount;
        /// Leading lookups loaded into the transient pool.
        uint256 transientLookupCallCount;
        /// Batch-global proof systems, strictly ascending by address.
        address[] proofSystems;
        /// Rollups covered and their proof-system subsets.
        RollupIdWithProofSystems[] rollupIdsWithProofSystems;
        /// Opaque commitment shared by all proofs.
        bytes32 crossProofSystemInteractions;
        /// Indices into the posting transaction's EIP-4844 blobs.
        uint256[] blobIndices;
        /// Opaque batch data (only its keccak256 is used).
        bytes callData;
        /// `proofs[k]` is verified by `proofSystems[k]`.
        bytes[] proofs;
        /// L1 block the proofs bind to.
        uint64 blockNumber;
    }

    /// The L1 manager (EEZ): functions that carry protocol data, its events and custom errors.
    interface IEEZ {
        function postAndVerifyBatch(ProofSystemBatchPerVerificationEntries batch) external;
        function executeCrossChainCall(address sourceAddress, bytes callData) external payable returns (bytes result);
        function staticCallLookup(address sourceAddress, bytes callData) external view returns (bytes result);
        function executeL2TX(uint256 rollupId) external returns (bytes result);
        function computeCrossChainCallHash(uint256 targetRollupId, address targetAddress, uint256 value, bytes data, address sourceAddress, uint256 sourceRollupId) external pure returns (bytes32 crossChainCallHash);
        function computeCrossChainProxyAddress(address originalAddress, uint256 originalRollupId) external view returns (address proxy);
        function createCrossChainProxy(address originalAddress, uint256 originalRollupId) external returns (address proxy);
        function registerRollup(address rollupContract, bytes32 initialState) external returns (uint256 rollupId);
        function setStateRoot(uint256 rollupId, bytes32 newStateRoot) external;
        function attemptApplyImmediate(uint256 transientIdx) external;
        function executeInContextAndRevert(uint256 callCount) external;

        event BatchPosted(uint256 indexed rollupCount);
        event CallResult(uint256 indexed entryIndex, uint256 indexed l2ToL1CallNumber, bool success, bytes returnData);
        event CrossChainCallExecuted(bytes32 indexed crossChainCallHash, address indexed proxy, address sourceAddress, bytes callData, uint256 value);
        event CrossChainProxyCreated(address indexed proxy, address indexed originalAddress, uint256 indexed originalRollupId);
        event EntryExecuted(uint256 indexed entryIndex, bytes32 rollingHash, uint256 l2ToL1CallsProcessed, uint256 l1ToL2CallsConsumed);
        event ExecutionConsumed(bytes32 indexed crossChainCallHash, uint256 indexed rollupId, uint256 indexed executionQueueIndex);
        event ImmediateEntrySkipped(uint256 indexed transientIdx, bytes revertData);
        event L1ToL2CallConsumed(uint256 indexed entryIndex, uint256 indexed l1ToL2CallNumber, bytes32 crossChainCallHash, uint256 callCount);
        event L1ToL2CallNotFound(uint256 indexed entryIndex, bytes32 indexed crossChainCallHash, uint256 currentL2ToL1Call, uint256 lastL1ToL2CallConsumed);
        event L2ExecutionPerformed(uint256 indexed rollupId, bytes32 newState);
        event L2TXExecuted(uint256 indexed rollupId, uint256 indexed executionQueueIndex);
        event RevertSpanExecuted(uint256 indexed entryIndex, uint256 startL2ToL1Call, uint256 span);
        event RollupCreated(uint256 indexed rollupId, address indexed rollupContract, bytes32 initialState);
        event StateUpdated(uint256 indexed rollupId, bytes32 newStateRoot);

        error ContextResult(bytes32 rollingHash, uint256 reentrantConsumed, uint256 callsProcessed, bool callNotFound);
        error DuplicateProofSystem(address proofSystem);
        error EtherDeltaMismatch();
        error ExecutionNotFound();
        error ExecutionNotInCurrentBlock(uint256 rollupId);
        error InsufficientRollupBalance();
        error InvalidProof();
        error InvalidProofSystemConfig();
        error InvalidRollupContract();
        error L2TXNotAllowedDuringExecution();
        error LookupCallProxyNotDeployed(address sourceProxy);
        error NotRollupContract();
        error NotSelf();
        error PostBatchReentry();
        error ResidualEntryEtherIn();
        error RollingHashMismatch();
        error RollupBatchActiveThisBlock(uint256 rollupId);
        error RollupNotInBatch(uint256 rollupId);
        error SetStateRootNotAllowedDuringExecution();
        error StateRootMismatch(uint256 rollupId);
        error TransientCountExceedsEntries();
        error TransientLookupCallCountExceedsLookupCalls();
        error TransientLookupCallsWithoutTransientEntries();
        error UnauthorizedProxy();
        error UnconsumedL1ToL2Calls();
        error UnconsumedL2ToL1Calls();
        error UnexpectedContextRevert(bytes revertData);
    }
}

crate::protocol_struct!(StateDelta { rollupId, currentState, newState, etherDelta });
crate::protocol_struct!(L2ToL1Call { targetAddress, value, data, sourceAddress, sourceRollupId, revertSpan });
crate::protocol_struct!(ExpectedL1ToL2Call { crossChainCallHash, callCount, returnData });
crate::protocol_struct!(ExpectedLookup {
    crossChainCallHash,
    returnData,
    failed,
    l2ToL1CallNumber,
    lastL1ToL2CallConsumed,
    executingLookupIndex,
    l2ToL1Calls,
    expectedL1ToL2Calls,
    callCount,
    rollingHash
});
crate::protocol_struct!(ExecutionEntry {
    stateDeltas,
    proxyEntryHash,
    destinationRollupId,
    l2ToL1Calls,
    expectedL1ToL2Calls,
    expectedLookups,
    callCount,
    returnData,
    rollingHash
});
crate::protocol_struct!(ExpectedStateRootPerRollup { rollupId, stateRoot });
crate::protocol_struct!(LookupCall {
    crossChainCallHash,
    destinationRollupId,
    returnData,
    failed,
    l2ToL1Calls,
    expectedL1ToL2Calls,
    expectedLookups,
    callCount,
    rollingHash,
    expectedStateRoots
});
crate::protocol_struct!(RollupIdWithProofSystems { rollupId, proofSystemIndex });
crate::protocol_struct!(ProofSystemBatchPerVerificationEntries {
    entries,
    l1ToL2lookupCalls,
    transientExecutionEntryCount,
    transientLookupCallCount,
    proofSystems,
    rollupIdsWithProofSystems,
    crossProofSystemInteractions,
    blobIndices,
    callData,
    proofs,
    blockNumber
});
