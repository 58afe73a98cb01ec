/*
 * Calldata read two ways, and the three verdicts.
 *
 * - Decode modes: et_batch_from_calldata / et_calldata_decode / et_calldata_layout read calldata as
 *   the compiled contract's ABI decoder does (a moved tail is the same batch, with its layout
 *   reported); et_batch_from_calldata_strict / et_calldata_decode_strict accept the canonical
 *   encoding only. NULL and zero-length arguments of the new functions; out-parameters untouched on
 *   failure. (test_vectors.c adds, per vector, the appended word and the layouts of the
 *   batchMembership postings.)
 * - Verdicts: et_verdict_of over every number below 1000 and a few above, against the table of
 *   docs/MEMBERSHIP.md; the last-error message survives it; one real verification per verdict.
 */
#include <stdlib.h>
#include <string.h>

#include "test_util.h"

#define TXT(s) (const uint8_t *)(s), strlen(s)

static unsigned long g_ran = 0;
unsigned long g_modes_failed = 0;

static unsigned long case_begin(const char *name) {
    g_case = name;
    g_ran++;
    return g_check_failures;
}

static unsigned long case_end(unsigned long before) {
    if (g_check_failures != before) g_modes_failed++;
    return 0;
}

/* One named case: its block runs once; a failed check in it counts the case as failed. */
#define CASE(name) for (unsigned long before_ = case_begin(name), once_ = 1; once_; once_ = case_end(before_))

/* The codes whose verdict is "not included" (core's Verdict::of_code); 0 is "included"; every
 * other number "cannot decide". */
static const uint32_t NOT_INCLUDED[] = {401, 402, 403, 404, 407, 410, 501, 503, 504, 505, 506, 602, 604};

static et_verdict expected_verdict(uint32_t code) {
    if (code == ET_RESULT_OK) return ET_VERDICT_INCLUDED;
    for (size_t i = 0; i < sizeof NOT_INCLUDED / sizeof NOT_INCLUDED[0]; i++)
        if (NOT_INCLUDED[i] == code) return ET_VERDICT_NOT_INCLUDED;
    return ET_VERDICT_CANNOT_DECIDE;
}

static void verdicts(const uint8_t *calldata, size_t len) {
    CASE("et_verdict_of: every code") {
        CHECK(ET_VERDICT_INCLUDED == 0 && ET_VERDICT_NOT_INCLUDED == 1 && ET_VERDICT_CANNOT_DECIDE == 2,
              "et_verdict values");
        unsigned long codes = 0, per_verdict[3] = {0, 0, 0};
        for (uint32_t code = 0; code < 1000; code++) {
            const char *name = NULL;
            bool is_code = et_result_name(code, &name) == ET_RESULT_OK;
            et_verdict want = expected_verdict(code), got = et_verdict_of(code);
            CHECK(got == want, "et_verdict_of(%u %s) is %s, expected %s", (unsigned)code, is_code ? name : "(no code)",
                  verdict_name(got), verdict_name(want));
            if (!is_code) {
                CHECK(want == ET_VERDICT_CANNOT_DECIDE, "%u is in the verdict table but no et_result", (unsigned)code);
                continue;
            }
            codes++;
            per_verdict[got <= 2 ? got : 2]++;
        }
        /* the C API's own codes: misuse is never an answer about the item */
        const et_result api[] = {ET_RESULT_NULL_ARGUMENT, ET_RESULT_INVALID_HANDLE, ET_RESULT_PANIC,
                                 ET_RESULT_INVALID_UTF8, ET_RESULT_BUFFER_TOO_SMALL};
        for (size_t i = 0; i < sizeof api / sizeof api[0]; i++)
            CHECK(et_verdict_of(api[i]) == ET_VERDICT_CANNOT_DECIDE, "et_verdict_of(%u)", (unsigned)api[i]);
        const uint32_t beyond[] = {1000, 4096, 65536, 0x80000000u, UINT32_MAX};
        for (size_t i = 0; i < sizeof beyond / sizeof beyond[0]; i++)
            CHECK(et_verdict_of(beyond[i]) == ET_VERDICT_CANNOT_DECIDE, "et_verdict_of(%u)", (unsigned)beyond[i]);
        CHECK(per_verdict[ET_VERDICT_INCLUDED] == 1, "one code is included (OK)");
        CHECK(per_verdict[ET_VERDICT_NOT_INCLUDED] == sizeof NOT_INCLUDED / sizeof NOT_INCLUDED[0],
              "%lu not-included codes", per_verdict[ET_VERDICT_NOT_INCLUDED]);
        printf("et_verdict_of: %lu result codes: %lu included, %lu not included, %lu cannot decide\n", codes,
               per_verdict[0], per_verdict[1], per_verdict[2]);
    }
    CASE("et_verdict_of keeps the last-error message") {
        uint8_t manager[20] = {0};
        char query[128];
        snprintf(query, sizeof query, "{\"entryHash\":\"0x%064d\"}", 0);
        et_bytes report = {(uint8_t *)1, 9, 9};
        /* a receipt with no BatchPosted log of the manager: 603 */
        const char *receipt = "{\"status\":\"0x1\",\"logs\":[]}";
        et_result rc = et_verify_membership(calldata, len, TXT(receipt), manager, TXT(query), NULL, 0, &report);
        EXPECT_RC(rc, ET_RESULT_MEMBERSHIP_NO_BATCH_POSTED);
        CHECK(report.ptr == (uint8_t *)1 && report.len == 9, "report written on failure");
        char before[1024];
        snprintf(before, sizeof before, "%s", last_error());
        CHECK(before[0] != 0, "no message");
        CHECK(et_verdict_of(rc) == ET_VERDICT_CANNOT_DECIDE, "603 is cannot decide");
        CHECK(strcmp(last_error(), before) == 0, "et_verdict_of changed the message: %s", last_error());
    }
    CASE("one real verification per verdict") {
        et_batch *batch = NULL;
        et_commitment *commitment = NULL;
        et_proof *proof = NULL;
        uint64_t leaf = 0;
        uint8_t digest[32], item[32];
        if (EXPECT_OK(et_batch_from_calldata(calldata, len, &batch)) &&
            EXPECT_OK(et_commitment_from_batch(batch, NULL, 0, ET_BLOB_HASHES_RESOLVED, &commitment)) &&
            EXPECT_OK(et_commitment_digest(commitment, digest)) &&
            EXPECT_OK(et_commitment_item_hash(commitment, leaf, item)) &&
            EXPECT_OK(et_commitment_prove(commitment, &leaf, 1, &proof))) {
            et_result rc = et_proof_verify(proof, digest, item, 1);
            EXPECT_OK(rc);
            CHECK(et_verdict_of(rc) == ET_VERDICT_INCLUDED, "a valid proof is included");
            item[0] ^= 1;
            rc = et_proof_verify(proof, digest, item, 1);
            EXPECT_RC(rc, ET_RESULT_PROOF_ROOT_MISMATCH);
            CHECK(et_verdict_of(rc) == ET_VERDICT_NOT_INCLUDED, "another item is not included");
            et_bytes encoded;
            if (EXPECT_OK(et_proof_encode(proof, &encoded))) {
                item[0] ^= 1;
                rc = et_inclusion_verify(encoded.ptr, encoded.len - 1, digest, item, 1);
                CHECK(rc != ET_RESULT_OK && et_verdict_of(rc) == ET_VERDICT_CANNOT_DECIDE,
                      "a cut proof gave %u (%s)", (unsigned)rc, verdict_name(et_verdict_of(rc)));
                free_bytes(&encoded);
            }
        }
        EXPECT_OK(et_proof_free(proof));
        EXPECT_OK(et_commitment_free(commitment));
        EXPECT_OK(et_batch_free(batch));
    }
}

static void modes(const uint8_t *calldata, size_t len) {
    CASE("decode modes: NULL and zero-length arguments of the new functions") {
        et_batch *batch = (et_batch *)0x1;
        et_bytes b = {(uint8_t *)1, 7, 7};
        EXPECT_RC(et_batch_from_calldata_strict(NULL, len, &batch), ET_RESULT_NULL_ARGUMENT);
        EXPECT_RC(et_batch_from_calldata_strict(calldata, len, NULL), ET_RESULT_NULL_ARGUMENT);
        EXPECT_RC(et_batch_from_calldata_strict(NULL, 0, &batch), ET_RESULT_ABI_TRUNCATED);
        EXPECT_RC(et_calldata_decode_strict(NULL, len, &b), ET_RESULT_NULL_ARGUMENT);
        EXPECT_RC(et_calldata_decode_strict(calldata, len, NULL), ET_RESULT_NULL_ARGUMENT);
        EXPECT_RC(et_calldata_decode_strict(NULL, 0, &b), ET_RESULT_ABI_TRUNCATED);
        EXPECT_RC(et_calldata_layout(NULL, len, &b), ET_RESULT_NULL_ARGUMENT);
        EXPECT_RC(et_calldata_layout(calldata, len, NULL), ET_RESULT_NULL_ARGUMENT);
        CHECK(strstr(last_error(), "layout_json_out is NULL") != NULL, "message: %s", last_error());
        EXPECT_RC(et_calldata_layout(NULL, 0, &b), ET_RESULT_ABI_TRUNCATED);
        CHECK(batch == (et_batch *)0x1, "batch_out written on failure");
        CHECK(b.ptr == (uint8_t *)1 && b.len == 7 && b.cap == 7, "et_bytes written on failure");
    }
    CASE("decode modes: the batch's tail moved by one word") {
        /* selector ‖ 0x40 ‖ one zero word ‖ the tuple: the contract reads the same batch; the
         * layout names the offset word at 4; the strict decoder refuses it there (102). */
        uint8_t *moved = calloc(len + 32, 1);
        memcpy(moved, calldata, 36);
        moved[35] = 0x40;
        memcpy(moved + 68, calldata + 36, len - 36);
        CHECK(calldata[35] == 0x20, "the sample's batch offset is 0x20");
        et_batch *a = NULL, *b = NULL, *strict = (et_batch *)0x1;
        et_bytes out;
        if (EXPECT_OK(et_batch_from_calldata(calldata, len, &a)) && EXPECT_OK(et_batch_from_calldata(moved, len + 32, &b))) {
            size_t n = 0, entries = 0, lookups = 0, systems = 0;
            EXPECT_OK(et_batch_counts(a, &entries, &lookups, &systems));
            uint8_t *x = malloc(32 * (entries + lookups) + 1), *y = malloc(32 * (entries + lookups) + 1);
            if (EXPECT_OK(et_batch_entry_hashes(a, x, 32 * entries, &n)) &&
                EXPECT_OK(et_batch_entry_hashes(b, y, 32 * entries, &n)))
                CHECK(n == entries && memcmp(x, y, 32 * entries) == 0, "entry hashes of the moved tail differ");
            if (EXPECT_OK(et_batch_encode_calldata(b, &out))) {
                CHECK(bytes_eq(&out, calldata, len), "the moved batch re-encodes differently");
                free_bytes(&out);
            }
            free(x);
            free(y);
        }
        EXPECT_OK(et_batch_free(a));
        EXPECT_OK(et_batch_free(b));
        if (EXPECT_OK(et_calldata_layout(moved, len + 32, &out))) {
            const char *want = "{\"canonical\":false,\"deviation\":{\"path\":\"batch\",\"offset\":\"0x4\",\"kind\":\"offset\",";
            CHECK(out.len > strlen(want) && memcmp(out.ptr, want, strlen(want)) == 0, "layout: %.*s", (int)out.len,
                  (const char *)out.ptr);
            free_bytes(&out);
        }
        EXPECT_RC(et_batch_from_calldata_strict(moved, len + 32, &strict), ET_RESULT_ABI_BAD_OFFSET);
        CHECK(strict == (et_batch *)0x1, "batch_out written on failure");
        EXPECT_RC(et_calldata_decode_strict(moved, len + 32, &out), ET_RESULT_ABI_BAD_OFFSET);
        free(moved);
    }
    CASE("decode modes: what the contract's decoder refuses, and other functions") {
        et_batch *batch = NULL;
        et_bytes out = {(uint8_t *)1, 7, 7};
        /* cut in half: the contract's decoder refuses it too (101-103), every Evm entry point alike */
        et_result rc = et_batch_from_calldata(calldata, len / 2, &batch);
        CHECK(rc == ET_RESULT_ABI_TRUNCATED || rc == ET_RESULT_ABI_BAD_OFFSET || rc == ET_RESULT_ABI_LENGTH_TOO_LARGE,
              "half the calldata gave %u: %s", (unsigned)rc, last_error());
        CHECK(batch == NULL, "batch_out written on failure");
        EXPECT_RC(et_calldata_layout(calldata, len / 2, &out), rc);
        EXPECT_RC(et_calldata_decode(calldata, len / 2, &out), rc);
        CHECK(out.ptr == (uint8_t *)1 && out.len == 7, "out written on failure");
        /* another selector: the batch decoders say 107, the any-function decoders 108 */
        uint8_t *other = malloc(len);
        memcpy(other, calldata, len);
        memset(other, 0xde, 4);
        EXPECT_RC(et_batch_from_calldata(other, len, &batch), ET_RESULT_ABI_WRONG_SELECTOR);
        EXPECT_RC(et_batch_from_calldata_strict(other, len, &batch), ET_RESULT_ABI_WRONG_SELECTOR);
        EXPECT_RC(et_calldata_layout(other, len, &out), ET_RESULT_ABI_UNKNOWN_SELECTOR);
        EXPECT_RC(et_calldata_decode(other, len, &out), ET_RESULT_ABI_UNKNOWN_SELECTOR);
        EXPECT_RC(et_calldata_decode_strict(other, len, &out), ET_RESULT_ABI_UNKNOWN_SELECTOR);
        CHECK(batch == NULL && out.ptr == (uint8_t *)1, "out-params written on failure");
        free(other);
        /* a layout member on input is ignored by et_calldata_encode */
        et_bytes call, again;
        if (EXPECT_OK(et_calldata_decode(calldata, len, &call))) {
            if (EXPECT_OK(et_calldata_encode(call.ptr, call.len, &again))) {
                CHECK(bytes_eq(&again, calldata, len), "round trip through the call JSON with its layout");
                free_bytes(&again);
            }
            free_bytes(&call);
        }
    }
}

unsigned long run_mode_tests(const uint8_t *calldata, size_t len) {
    g_ran = 0;
    g_modes_failed = 0;
    verdicts(calldata, len);
    modes(calldata, len);
    g_case = "(decode modes and verdicts done)";
    return g_ran;
}
