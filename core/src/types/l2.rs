//! L2 side of the protocol (`IEEZL2.sol`, `EEZL2.sol`, contract commit 5c51e02 "v3"): the lean
//! execution-table structs the system address loads, and the EEZL2 manager's functions, events
//! and custom errors (spec §2.4, §3). L2 never hashes entries; its structs travel in
//! `loadExecutionTable` / `executeIncomingCrossChainCall` calldata and `ExecutionTableLoaded`.

alloy_sol_types::sol! {
    #![sol(all_derives)]

    /// A call the L2 manager executes; same six fields, types and order as L1 `L2ToL1Call`.
    struct CrossChainCall {
        /// Contract called on L2.
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

    /// Precomputed result of a successful reentrant call leaving L2; same layout as L1 `ExpectedL1ToL2Call`.
    struct ExpectedOutgoingCrossChainCall {
        /// Hash the reentrant proxy call must produce.
        bytes32 crossChainCallHash;
        /// Iterations over the flat call array run inside this reentrant frame.
        uint256 callCount;
        /// Bytes returned to the reentrant caller.
        bytes returnData;
    }

    /// Nested lookup; ABI-identical to the L1 `ExpectedLookup` (fields 3/4 renamed).
    struct ExpectedLookup {
        /// Identity of the looked-up call (value 0 for static reads).
        bytes32 crossChainCallHash;
        /// Returned (static) or used as revert payload (`failed`).
        bytes returnData;
        /// false = static mode, true = reverted mode.
        bool failed;
        /// Flat-call cursor when the lookup fires (key).
        uint64 callNumber;
        /// Outgoing-consumption counter when it fires (key).
        uint64 lastOutgoingCallConsumed;
        /// 0 = host's own execution; k = inside the host's `expectedLookups[k-1]` (key).
        uint64 executingLookupIndex;
        /// Sub-calls run at resolution.
        CrossChainCall[] incomingCalls;
        /// Reentrant table of the reverted-mode sub-execution (empty for static).
        ExpectedOutgoingCrossChainCall[] expectedOutgoingCalls;
        /// Top-level iterations of the reverted-mode sub-execution (0 for static).
        uint256 callCount;
        /// Expected hash of the sub-calls (untagged if static, tagged if reverted).
        bytes32 rollingHash;
    }

    /// An L2 execution entry (no state deltas, no destination; `proxyEntryHash` never 0).
    struct ExecutionEntry {
        /// Call hash of the triggering call.
        bytes32 proxyEntryHash;
        /// Every call the entry executes, flat, in execution order.
        CrossChainCall[] incomingCalls;
        /// Successful reentrant calls, in firing order.
        ExpectedOutgoingCrossChainCall[] expectedOutgoingCalls;
        /// Nested lookups of this entry.
        ExpectedLookup[] expectedLookups;
        /// Iterations of the entry's outermost frame.
        uint256 callCount;
        /// Value returned to the top-level caller.
        bytes returnData;
        /// Expected final tagged rolling hash.
        bytes32 rollingHash;
    }

    /// A top-level L2 lookup (no destination, no state-root pins).
    struct LookupCall {
        /// Identity of the looked-up call.
        bytes32 crossChainCallHash;
        /// Returned (static) or revert payload (`failed`).
        bytes returnData;
        /// false = static, true = reverted mode.
        bool failed;
        /// Sub-calls (static or real).
        CrossChainCall[] incomingCalls;
        /// Reverted-mode reentrant table.
        ExpectedOutgoingCrossChainCall[] expectedOutgoingCalls;
        /// Nested lookups of its reverted-mode sub-execution.
        ExpectedLookup[] expectedLookups;
        /// Reverted-mode top-level iterations.
        uint256 callCount;
        /// Expected hash of the sub-calls.
        bytes32 rollingHash;
    }

    /// The L2 manager (EEZL2): functions that carry protocol data, its events and custom errors.
    interface IEEZL2 {
        function loadExecutionTable(ExecutionEntry[] entries, LookupCall[] _lookupCalls) external;
        function executeIncomingCrossChainCall(address destination, uint256 value, bytes data, address sourceAddress, uint256 sourceRollup, ExecutionEntry[] entries, LookupCall[] _lookupCalls) external payable returns (bytes result);

        event CallResult(uint256 indexed entryIndex, uint256 indexed callNumber, bool success, bytes returnData);
        event EntryExecuted(uint256 indexed entryIndex, bytes32 rollingHash, uint256 callsProcessed, uint256 outgoingCallsConsumed);
        event ExecutionConsumed(bytes32 indexed crossChainCallHash, uint256 indexed executionIndex);
        event ExecutionTableLoaded(ExecutionEntry[] entries);
        event IncomingCrossChainCallExecuted(bytes32 indexed crossChainCallHash, address destination, uint256 value, bytes data, address sourceAddress, uint256 sourceRollup);
        event OutgoingCallConsumed(uint256 indexed entryIndex, uint256 indexed nestedNumber, bytes32 crossChainCallHash, uint256 callCount);
        event RevertSpanExecuted(uint256 indexed entryIndex, uint256 startCallNumber, uint256 span);

        error EmptyEntries();
        error EntryHashMismatch();
        error EtherTransferFailed();
        error ExecutionNotInCurrentBlock();
        error InvalidRollupId();
        error Unauthorized();
        error UnconsumedIncomingCalls();
        error UnconsumedOutgoingCalls();
        error ValueMismatch();
    }
}

crate::protocol_struct!(CrossChainCall { targetAddress, value, data, sourceAddress, sourceRollupId, revertSpan });
crate::protocol_struct!(ExpectedOutgoingCrossChainCall { crossChainCallHash, callCount, returnData });
crate::protocol_struct!(ExpectedLookup {
    crossChainCallHash,
    returnData,
    failed,
    callNumber,
    lastOutgoingCallConsumed,
    executingLookupIndex,
    incomingCalls,
    expectedOutgoingCalls,
    callCount,
    rollingHash
});
crate::protocol_struct!(ExecutionEntry {
    proxyEntryHash,
    incomingCalls,
    expectedOutgoingCalls,
    expectedLookups,
    callCount,
    returnData,
    rollingHash
});
crate::protocol_struct!(LookupCall {
    crossChainCallHash,
    returnData,
    failed,
    incomingCalls,
    expectedOutgoingCalls,
    expectedLookups,
    callCount,
    rollingHash
});
