//! The three answers of every verification — *included*, *not included*, *cannot decide* — from
//! the result code of the call that verified (core's [`Verdict`]).

use crate::error::et_result;
use exectable::{ErrorCode, Verdict};

/// What a verification's result means for the item (`et_verdict_of`).
///
/// - `ET_VERDICT_INCLUDED`: the call returned `ET_RESULT_OK`: the item is in what the chain
///   accepted (also when the calldata was not canonically laid out: the report's layout says so).
/// - `ET_VERDICT_NOT_INCLUDED`: the evidence is usable and the item is not in it (602, 604; a
///   proof that does not lead to the committed root: 401–404, 407, 410; an OCP artifact whose
///   digest, receipt, block or contract differ: 501, 503–506).
/// - `ET_VERDICT_CANNOT_DECIDE`: the evidence is unusable, so nothing follows about the item
///   (every other code: not the manager's call, a receipt of another transaction, malformed input,
///   calldata the contract's decoder refuses, and the C API's own 9xx codes).
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(non_camel_case_types)]
pub enum et_verdict {
    /// The item is in what the chain accepted.
    Included = 0,
    /// The evidence is usable and the item is not in it.
    NotIncluded = 1,
    /// The evidence is unusable: nothing follows about the item.
    CannotDecide = 2,
}

impl et_verdict {
    /// The C value of core's verdict.
    pub fn from_core(verdict: Verdict) -> et_verdict {
        match verdict {
            Verdict::Included => et_verdict::Included,
            Verdict::NotIncluded => et_verdict::NotIncluded,
            Verdict::CannotDecide => et_verdict::CannotDecide,
        }
    }

    /// The verdict of result code `code` (any number: one that is no `et_result` cannot decide).
    pub fn of_code(code: u32) -> et_verdict {
        match et_result::from_u32(code) {
            Some(et_result::Ok) => et_verdict::Included,
            Some(_) => match ErrorCode::from_u32(code) {
                Some(core) => et_verdict::from_core(Verdict::of_code(core)),
                // The C API's own codes (9xx): misuse, a caught panic, a small buffer.
                None => et_verdict::CannotDecide,
            },
            None => et_verdict::CannotDecide,
        }
    }
}

/// The verdict of the result code a verification returned: `ET_RESULT_OK` → `ET_VERDICT_INCLUDED`;
/// core's codes (1xx–6xx) → core's verdict for that code (the `et_verdict` doc lists the
/// not-included ones); the C API's own codes (900–904) and numbers that are no `et_result` →
/// `ET_VERDICT_CANNOT_DECIDE`.
///
/// Use it on what `et_verify_membership`, `et_proof_verify`, `et_proof_verify_json`,
/// `et_inclusion_verify`, `et_batch_check_commitment` and `et_ocp_verify` return, to tell "not
/// included" from "cannot decide" without listing codes.
///
/// - `code`: an `et_result` value (passed as its number, so any value is safe to pass).
/// - Unlike every other function, it returns the verdict, not an `et_result`; it cannot fail and
///   never changes the calling thread's last-error message (read the message before or after).
/// - Thread safety: any thread, concurrently.
#[no_mangle]
pub extern "C" fn et_verdict_of(code: u32) -> et_verdict {
    // Not through `crate::boundary::ffi_boundary`: that would clear the message of the call whose
    // code this is. Nothing here panics; the guard keeps that true for C.
    std::panic::catch_unwind(|| et_verdict::of_code(code)).unwrap_or(et_verdict::CannotDecide)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{last_error_message, set_last_error, FfiError};

    #[test]
    fn every_code_has_core_s_verdict() {
        assert_eq!(et_verdict_of(0), et_verdict::Included);
        for code in ErrorCode::ALL {
            let want = et_verdict::from_core(Verdict::of_code(code));
            assert_eq!(et_verdict_of(code.as_u32()), want, "{code}");
            assert_ne!(want, et_verdict::Included, "{code}");
        }
        for code in 900..=904 {
            assert!(et_result::from_u32(code).is_some());
            assert_eq!(et_verdict_of(code), et_verdict::CannotDecide, "{code}");
        }
        for code in [1, 99, 111, 600, 607, 899, 905, 999, u32::MAX] {
            assert_eq!(et_verdict_of(code), et_verdict::CannotDecide, "{code}");
        }
        let not_included: Vec<u32> = (0..1000).filter(|c| et_verdict_of(*c) == et_verdict::NotIncluded).collect();
        assert_eq!(not_included, [401, 402, 403, 404, 407, 410, 501, 503, 504, 505, 506, 602, 604]);
    }

    #[test]
    fn the_last_error_message_survives() {
        set_last_error(FfiError::new(et_result::MembershipItemNotFound, "not in the batch"));
        assert_eq!(et_verdict_of(604), et_verdict::NotIncluded);
        assert_eq!(last_error_message(), "not in the batch");
    }
}
