//! Data-parallel helpers for the bindings' bulk calls (decode thousands of calldata blobs, hash
//! thousands of entries): scoped std threads over contiguous chunks, results in input order.

/// How to split a bulk call: at most `max_threads` threads (default: the machine's available
/// parallelism), and no thread with fewer than `min_items_per_thread` items (spawning a thread
/// costs tens of microseconds: hashing a 1 KiB entry costs about two).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split {
    /// Upper bound on threads; `None` = available parallelism.
    pub max_threads: Option<usize>,
    /// Smallest share worth a thread of its own.
    pub min_items_per_thread: usize,
}

impl Split {
    /// Hashing entries or lookup calls (a few microseconds each).
    pub const fn hashes(max_threads: Option<usize>) -> Self {
        Split { max_threads, min_items_per_thread: 64 }
    }

    /// Decoding whole calldata blobs (tens of microseconds or more each).
    pub const fn blobs(max_threads: Option<usize>) -> Self {
        Split { max_threads, min_items_per_thread: 4 }
    }

    /// The number of threads for `len` items.
    pub fn thread_count(&self, len: usize) -> usize {
        let available = std::thread::available_parallelism().map_or(1, |n| n.get());
        let most = self.max_threads.unwrap_or(available).max(1);
        most.min(len.div_ceil(self.min_items_per_thread.max(1))).max(1)
    }
}

/// `items.iter().map(f).collect()`, computed on up to [`Split::thread_count`] scoped threads over
/// contiguous chunks. A panic in `f` is re-raised on the caller's thread (core's decoders and
/// hashes do not panic).
pub fn par_map<T: Sync, R: Send>(items: &[T], split: Split, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = split.thread_count(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> =
            items.chunks(chunk).map(|part| scope.spawn(move || part.iter().map(f).collect::<Vec<R>>())).collect();
        let mut out = Vec::with_capacity(items.len());
        for handle in handles {
            match handle.join() {
                Ok(part) => out.extend(part),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_input_order_for_every_thread_count() {
        let items: Vec<u64> = (0..1000).collect();
        for threads in [None, Some(1), Some(2), Some(3), Some(64)] {
            for min in [1, 4, 64] {
                let split = Split { max_threads: threads, min_items_per_thread: min };
                assert_eq!(par_map(&items, split, |x| x * 2), items.iter().map(|x| x * 2).collect::<Vec<_>>());
            }
        }
        assert!(par_map(&[] as &[u8], Split::hashes(None), |x| *x).is_empty());
    }

    #[test]
    fn small_inputs_stay_on_one_thread() {
        let split = |max, min| Split { max_threads: Some(max), min_items_per_thread: min };
        assert_eq!(split(8, 64).thread_count(0), 1);
        assert_eq!(split(8, 64).thread_count(64), 1);
        assert_eq!(split(8, 64).thread_count(65), 2);
        assert_eq!(split(8, 4).thread_count(12), 3);
        assert_eq!(split(2, 4).thread_count(10_000), 2);
        assert_eq!(split(0, 4).thread_count(10_000), 1);
        assert_eq!(split(8, 0).thread_count(3), 3);
    }
}
