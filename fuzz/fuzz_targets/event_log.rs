//! Event logs of the L1 (EEZ) and L2 (EEZL2) managers. Input: byte 0 picks the side (bit 0) and
//! the topic count (bits 1–3, 0..=4 used), then 32 bytes per topic, then the log data.
//! Differential: a decoded event re-encodes to exactly the topics and data, and its JSON
//! round-trips.
#![no_main]

use alloy_primitives::B256;
use exectable::{decode_l1_log, decode_l2_log};
use exectable_fuzz::{json_round_trip, ok, selector};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((sel, rest)) = selector(data) else { return };
    let topic_count = usize::from((sel >> 1) & 7).min(4);
    if rest.len() < 32 * topic_count {
        return;
    }
    let (topic_bytes, log_data) = rest.split_at(32 * topic_count);
    let topics: Vec<B256> = topic_bytes.chunks_exact(32).map(B256::from_slice).collect();
    if sel & 1 == 0 {
        let Some(event) = ok(decode_l1_log(&topics, log_data)) else { return };
        assert_eq!(event.encode(), (topics, log_data.to_vec()), "L1 {}: decode → encode", event.name());
        assert_eq!(event.topic0(), event.encode().0[0]);
        json_round_trip(&event);
    } else {
        let Some(event) = ok(decode_l2_log(&topics, log_data)) else { return };
        assert_eq!(event.encode(), (topics, log_data.to_vec()), "L2 {}: decode → encode", event.name());
        json_round_trip(&event);
    }
});
