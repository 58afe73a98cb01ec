//! Transaction receipts (`eth_getTransactionReceipt` JSON or its JSON-RPC envelope), then every
//! log of a parsed receipt through the L1 and L2 event decoders and the OCP `Recorded` scan.
//! Properties: no panic; a decoded log re-encodes to exactly its topics and data.
#![no_main]

use exectable::ocp::rule::{recorded_digests, recorded_topic0};
use exectable::receipt::Receipt;
use exectable::{decode_l1_log, decode_l2_log};
use exectable_fuzz::{ok, text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(text) = text(data) else { return };
    let Some(receipt) = ok(Receipt::from_json_str(text)) else { return };
    for log in &receipt.logs {
        if let Some(event) = ok(decode_l1_log(&log.topics, &log.data)) {
            assert_eq!(event.encode(), (log.topics.clone(), log.data.to_vec()), "L1 {} re-encodes", event.name());
        }
        if let Some(event) = ok(decode_l2_log(&log.topics, &log.data)) {
            assert_eq!(event.encode(), (log.topics.clone(), log.data.to_vec()), "L2 {} re-encodes", event.name());
        }
    }
    let recorded = recorded_digests(&receipt);
    assert!(recorded.iter().all(|(i, _)| *i < receipt.logs.len()));
    if let Some(first) = receipt.logs.first() {
        let same = receipt.logs_of(first.address, recorded_topic0()).count();
        assert!(same <= receipt.logs.len());
    }
});
