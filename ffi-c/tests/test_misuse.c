/*
 * Misuse of the C API: NULL for pointer arguments, zero-length inputs, wrong handle kinds,
 * double frees, hostile lengths, too-small buffers, caught panics, invalid UTF-8, and
 * out-parameters left untouched on failure. Plus several threads sharing handles.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"

#define TXT(s) (const uint8_t *)(s), strlen(s)

static unsigned long g_ran = 0;
unsigned long g_misuse_failed = 0;

static unsigned long misuse_begin(const char *name) {
    g_case = name;
    g_ran++;
    return g_check_failures;
}

static unsigned long misuse_end(unsigned long before) {
    if (g_check_failures != before) g_misuse_failed++;
    return 0;
}

/* One named misuse case: its block runs once; a failed check in it counts the case as failed. */
#define MISUSE(name) \
    for (unsigned long before_ = misuse_begin(name), once_ = 1; once_; once_ = misuse_end(before_))

/* A 32-byte buffer still holding 0xAA everywhere (untouched by a failed call). */
static bool untouched(const uint8_t *b, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (b[i] != 0xAA) return false;
    return true;
}

static void result_names(void) {
    MISUSE("et_result_name spells every header constant") {
#define NAME(code)                                                                  \
    do {                                                                            \
        const char *n = NULL;                                                       \
        if (EXPECT_OK(et_result_name(code, &n))) CHECK(strcmp(n, #code) == 0, "%s is named %s", #code, n); \
    } while (0)
        NAME(ET_RESULT_OK); NAME(ET_RESULT_ABI_TRUNCATED); NAME(ET_RESULT_ABI_BAD_OFFSET);
        NAME(ET_RESULT_ABI_LENGTH_TOO_LARGE); NAME(ET_RESULT_ABI_DIRTY_PADDING); NAME(ET_RESULT_ABI_INVALID_WORD);
        NAME(ET_RESULT_ABI_TRAILING_BYTES); NAME(ET_RESULT_ABI_WRONG_SELECTOR); NAME(ET_RESULT_ABI_UNKNOWN_SELECTOR);
        NAME(ET_RESULT_ABI_BAD_TOPICS); NAME(ET_RESULT_ABI_REJECTED); NAME(ET_RESULT_JSON_SYNTAX);
        NAME(ET_RESULT_JSON_SHAPE); NAME(ET_RESULT_JSON_HEX); NAME(ET_RESULT_JSON_NUMBER);
        NAME(ET_RESULT_INVALID_ARGUMENT); NAME(ET_RESULT_INPUT_TOO_LARGE); NAME(ET_RESULT_PROOF_WRONG_INDEX);
        NAME(ET_RESULT_PROOF_WRONG_LEAF_COUNT);
        NAME(ET_RESULT_PROOF_ROOT_MISMATCH); NAME(ET_RESULT_PROOF_OTHER_COMMITMENT); NAME(ET_RESULT_PROOF_TRUNCATED);
        NAME(ET_RESULT_PROOF_OVERLONG); NAME(ET_RESULT_PROOF_INNER_NODE_AS_LEAF); NAME(ET_RESULT_PROOF_DUPLICATE_INDEX);
        NAME(ET_RESULT_PROOF_MALFORMED); NAME(ET_RESULT_COMMITMENT_MISMATCH); NAME(ET_RESULT_OCP_HASH_MISMATCH);
        NAME(ET_RESULT_OCP_UNSUPPORTED_RULE); NAME(ET_RESULT_OCP_RECEIPT_FAILED); NAME(ET_RESULT_OCP_BLOCK_HASH_MISMATCH);
        NAME(ET_RESULT_OCP_CONTRACT_MISMATCH); NAME(ET_RESULT_OCP_DIGEST_NOT_FOUND); NAME(ET_RESULT_OCP_MALFORMED);
        NAME(ET_RESULT_OCP_TRANSACTION_MISMATCH); NAME(ET_RESULT_MEMBERSHIP_NOT_A_BATCH);
        NAME(ET_RESULT_MEMBERSHIP_RECEIPT_FAILED); NAME(ET_RESULT_MEMBERSHIP_NO_BATCH_POSTED);
        NAME(ET_RESULT_MEMBERSHIP_ITEM_NOT_FOUND); NAME(ET_RESULT_MEMBERSHIP_RECEIPT_MISMATCH);
        NAME(ET_RESULT_RECEIPT_MALFORMED); NAME(ET_RESULT_NULL_ARGUMENT); NAME(ET_RESULT_INVALID_HANDLE);
        NAME(ET_RESULT_PANIC); NAME(ET_RESULT_INVALID_UTF8); NAME(ET_RESULT_BUFFER_TOO_SMALL);
#undef NAME
        const char *n = (const char *)1;
        EXPECT_RC(et_result_name(999, &n), ET_RESULT_INVALID_ARGUMENT);
        CHECK(n == (const char *)1, "name written on failure");
        EXPECT_RC(et_result_name(0, NULL), ET_RESULT_NULL_ARGUMENT);
    }
}

static void null_arguments(const uint8_t *calldata, size_t len) {
    uint8_t a[32], b20[20], out[32], out20[20], salt[32], init[32];
    memset(a, 1, sizeof a);
    memset(b20, 2, sizeof b20);
    MISUSE("NULL: et_keccak256") {
        memset(out, 0xAA, 32);
        EXPECT_RC(et_keccak256(NULL, 1, out), ET_RESULT_NULL_ARGUMENT);
        CHECK(untouched(out, 32), "out written on failure");
        CHECK(strstr(last_error(), "data is NULL") != NULL, "message: %s", last_error());
        EXPECT_RC(et_keccak256(a, 32, NULL), ET_RESULT_NULL_ARGUMENT);
    }
    MISUSE("NULL: et_cross_chain_call_hash, every pointer") {
        memset(out, 0xAA, 32);
        EXPECT_RC(et_cross_chain_call_hash(NULL, b20, a, a, 1, b20, a, out), ET_RESULT_NULL_ARGUMENT);
        EXPECT_RC(et_cross_chain_call_hash(a, NULL, a, a, 1, b20, a, out), ET_RESULT_NULL_ARGUMENT);
        EXPECT_RC(et_cross_chain_call_hash(a, b20, NULL, a, 1, b20, a, out), ET_RESULT_NULL_ARGUMENT);
        EXPECT_RC(et_cross_chain_call_hash(a, b20, a, NULL, 1, b20, a, out), ET_RESULT_NULL_ARGUMENT);
        EXPECT_RC(et_cross_chain_call_hash(a, b20, a, a, 1, NULL, a, out), ET_RESULT_NULL_ARGUMENT);
        EXPECT_RC(et_cross_chain_call_hash(a, b20, a, a, 1, b20, NULL, out), ET_RESULT_NULL_ARGUMENT);
        EXPECT_RC(et_cross_chain_call_hash(a, b20, a, a, 1, b20, a, NULL), ET_RESULT_NULL_ARGUMENT);
        CHECK(untouched(out, 32), "out written on failure");
    }
    MISUSE("NULL: et_proxy_address, every pointer") {
        memset(out20, 0xAA, 20);
        EXPECT_RC(et_proxy_address(NULL, b20, a, a, 1, out20, salt, init), ET_RESULT_NULL_ARGUMENT);
        EXPECT_RC(et_proxy_address(b20, NULL, a, a, 1, out20, salt, init), ET_RESULT_NULL_ARGUMENT);
        EXPECT_RC(et_proxy_address(b20, b20, NULL, a, 1, out20, salt, init), ET_RESULT_NULL_ARGUMENT);
        EXPECT_RC(et_proxy_address(b20, b20, a, NULL, 1, out20, salt, init), ET_RESULT_NULL_ARGUMENT);
        EXPECT_RC(et_proxy_address(b20, b20, a, a, 1, NULL, salt, init), ET_RESULT_NULL_ARGUMENT);
        EXPECT_RC(et_proxy_address(b20, b20, a, a, 1, out20, NULL, init), ET_RESULT_NULL_ARGUMENT);
        EXPECT_RC(et_proxy_address(b20, b20, a, a, 1, out20, salt, NULL), ET_RESULT_NULL_ARGUMENT);
        CHECK(untouched(out20, 20), "address written on failure");
    }
    MISUSE("NULL: batch functions") {
        et_batch *batch = (et_batch *)0x1;
        EXPECT_RC(et_batch_from_calldata(NULL, len, &batch), ET_RESULT_NULL_ARGUMENT);
        EXPECT_RC(et_batch_from_calldata(calldata, len, NULL), ET_RESULT_NULL_ARGUMENT);
        EXPECT_RC(et_batch_from_json(NULL, 2, &batch), ET_RESULT_NULL_ARGUMENT);
        CHECK(batch == (et_batch *)0x1, "batch_out written on failure");
        EXPECT_RC(et_batch_entry_hash(NULL, 0, out), ET_RESULT_NULL_ARGUMENT);
        size_t n1, n2, n3;
        EXPECT_RC(et_batch_counts(NULL, &n1, &n2, &n3), ET_RESULT_NULL_ARGUMENT);
        batch = NULL;
        if (EXPECT_OK(et_batch_from_calldata(calldata, len, &batch))) {
            EXPECT_RC(et_batch_entry_hash(batch, 0, NULL), ET_RESULT_NULL_ARGUMENT);
            EXPECT_RC(et_batch_counts(batch, NULL, &n2, &n3), ET_RESULT_NULL_ARGUMENT);
            EXPECT_RC(et_batch_counts(batch, &n1, NULL, &n3), ET_RESULT_NULL_ARGUMENT);
            EXPECT_RC(et_batch_counts(batch, &n1, &n2, NULL), ET_RESULT_NULL_ARGUMENT);
            et_bytes report = {(uint8_t *)1, 3, 3};
            bool would_revert = true;
            EXPECT_RC(et_validate_batch(batch, NULL, NULL, &would_revert), ET_RESULT_NULL_ARGUMENT);
            EXPECT_RC(et_validate_batch(batch, NULL, &report, NULL), ET_RESULT_NULL_ARGUMENT);
            CHECK(report.ptr == (uint8_t *)1 && report.len == 3, "report written on failure");
            EXPECT_RC(et_batch_to_json(batch, NULL), ET_RESULT_NULL_ARGUMENT);
            EXPECT_RC(et_commitment_from_batch(batch, NULL, 0, ET_BLOB_HASHES_RESOLVED, NULL), ET_RESULT_NULL_ARGUMENT);
            EXPECT_OK(et_batch_free(batch));
        }
    }
    MISUSE("NULL: struct, calldata, verification and error functions") {
        et_bytes b = {0};
        EXPECT_RC(et_struct_decode(NULL, a, 32, &b), ET_RESULT_NULL_ARGUMENT);
        EXPECT_RC(et_struct_encode("l1.StateDelta", NULL, 3, &b), ET_RESULT_NULL_ARGUMENT);
        EXPECT_RC(et_struct_encode("l1.StateDelta", TXT("{}"), NULL), ET_RESULT_NULL_ARGUMENT);
        EXPECT_RC(et_calldata_decode(calldata, len, NULL), ET_RESULT_NULL_ARGUMENT);
        EXPECT_RC(et_verify_membership(calldata, len, TXT("{}"), NULL, TXT("{}"), NULL, 0, &b), ET_RESULT_NULL_ARGUMENT);
        EXPECT_RC(et_ocp_verify(TXT("{}"), a, 32, NULL, 0, NULL), ET_RESULT_NULL_ARGUMENT);
        EXPECT_RC(et_inclusion_verify(a, 32, NULL, a, 1), ET_RESULT_NULL_ARGUMENT);
        EXPECT_RC(et_rolling_hash_new(NULL), ET_RESULT_NULL_ARGUMENT);
        EXPECT_RC(et_rolling_hash_call_begin(NULL, a), ET_RESULT_NULL_ARGUMENT);
        uint32_t p, f;
        EXPECT_RC(et_conformance_run(TXT("{\"cases\":[]}"), NULL, &p, &f), ET_RESULT_NULL_ARGUMENT);
        EXPECT_RC(et_conformance_run(TXT("{\"cases\":[]}"), &b, NULL, &f), ET_RESULT_NULL_ARGUMENT);
        size_t w;
        char buf[8];
        EXPECT_RC(et_last_error_message(NULL, 8, &w), ET_RESULT_NULL_ARGUMENT);
        EXPECT_RC(et_last_error_message(buf, 8, NULL), ET_RESULT_NULL_ARGUMENT);
        EXPECT_RC(et_last_error_length(NULL), ET_RESULT_NULL_ARGUMENT);
        uint32_t major;
        EXPECT_RC(et_version(&major, NULL, &major), ET_RESULT_NULL_ARGUMENT);
    }
}

static void zero_length_inputs(void) {
    MISUSE("zero-length inputs with NULL pointers") {
        uint8_t out[32], want[32], a[32] = {0}, addr[20] = {0};
        static const uint8_t empty_keccak[32] = {0xc5, 0xd2, 0x46, 0x01, 0x86, 0xf7, 0x23, 0x3c, 0x92, 0x7e, 0x7d,
                                                 0xb2, 0xdc, 0xc7, 0x03, 0xc0, 0xe5, 0x00, 0xb6, 0x53, 0xca, 0x82,
                                                 0x27, 0x3b, 0x7b, 0xfa, 0xd8, 0x04, 0x5d, 0x85, 0xa4, 0x70};
        if (EXPECT_OK(et_keccak256(NULL, 0, out))) CHECK(memcmp(out, empty_keccak, 32) == 0, "keccak256 of nothing");
        EXPECT_OK(et_cross_chain_call_hash(a, addr, a, NULL, 0, addr, a, out));
        EXPECT_OK(et_cross_chain_call_hash(a, addr, a, a, 0, addr, a, want));
        CHECK(memcmp(out, want, 32) == 0, "(NULL, 0) data differs from an empty non-NULL run");
        et_batch *batch = NULL;
        EXPECT_RC(et_batch_from_calldata(NULL, 0, &batch), ET_RESULT_ABI_TRUNCATED);
        EXPECT_RC(et_batch_from_json(NULL, 0, &batch), ET_RESULT_JSON_SYNTAX);
        CHECK(batch == NULL, "batch_out written on failure");
        et_bytes b;
        EXPECT_RC(et_struct_decode("l1.ExecutionEntry", NULL, 0, &b), ET_RESULT_ABI_TRUNCATED);
        EXPECT_RC(et_calldata_decode(NULL, 0, &b), ET_RESULT_ABI_TRUNCATED);
        et_proof *proof = NULL;
        EXPECT_RC(et_proof_decode(NULL, 0, &proof), ET_RESULT_PROOF_TRUNCATED);
        EXPECT_RC(et_inclusion_verify(NULL, 0, a, NULL, 0), ET_RESULT_PROOF_TRUNCATED);
        et_commitment *c = NULL;
        if (EXPECT_OK(et_commitment_from_hashes(NULL, 0, NULL, 0, a, &c))) {
            uint64_t none = 0;
            et_proof *p = NULL;
            EXPECT_RC(et_commitment_prove(c, NULL, 0, &p), ET_RESULT_INVALID_ARGUMENT);
            EXPECT_RC(et_commitment_prove(c, &none, 1, &p), ET_RESULT_INVALID_ARGUMENT);
            CHECK(p == NULL, "proof_out written on failure");
            EXPECT_OK(et_commitment_free(c));
        }
    }
}

static void handles(const uint8_t *calldata, size_t len) {
    et_batch *batch = NULL;
    et_entry *entry = NULL;
    et_commitment *commitment = NULL;
    if (!EXPECT_OK(et_batch_from_calldata(calldata, len, &batch))) return;
    EXPECT_OK(et_batch_entry(batch, 0, &entry));
    EXPECT_OK(et_commitment_from_batch(batch, NULL, 0, ET_BLOB_HASHES_RESOLVED, &commitment));
    uint8_t out[32];
    MISUSE("wrong handle kind") {
        memset(out, 0xAA, 32);
        EXPECT_RC(et_entry_hash((const et_entry *)batch, out), ET_RESULT_INVALID_HANDLE);
        CHECK(strstr(last_error(), "et_batch handle") != NULL, "message: %s", last_error());
        EXPECT_RC(et_batch_entry_hash((const et_batch *)entry, 0, out), ET_RESULT_INVALID_HANDLE);
        EXPECT_RC(et_proof_verify((const et_proof *)commitment, out, NULL, 0), ET_RESULT_INVALID_HANDLE);
        EXPECT_RC(et_commitment_digest((const et_commitment *)batch, out), ET_RESULT_INVALID_HANDLE);
        CHECK(untouched(out, 32), "out written on failure");
        /* freeing with the wrong function is refused, and the handle stays usable */
        EXPECT_RC(et_batch_free((et_batch *)entry), ET_RESULT_INVALID_HANDLE);
        EXPECT_RC(et_rolling_hash_free((et_rolling_hash *)commitment), ET_RESULT_INVALID_HANDLE);
        EXPECT_OK(et_entry_hash(entry, out));
        EXPECT_OK(et_commitment_digest(commitment, out));
    }
    MISUSE("pointers the library never returned") {
        uint64_t stack_words[8] = {0};
        EXPECT_RC(et_batch_entry_hash((const et_batch *)stack_words, 0, out), ET_RESULT_INVALID_HANDLE);
        EXPECT_RC(et_entry_free((et_entry *)(stack_words + 1)), ET_RESULT_INVALID_HANDLE);
        EXPECT_RC(et_proof_free((et_proof *)0x10), ET_RESULT_INVALID_HANDLE);
        EXPECT_OK(et_batch_free(NULL));
        EXPECT_OK(et_entry_free(NULL));
        EXPECT_OK(et_commitment_free(NULL));
        EXPECT_OK(et_proof_free(NULL));
        EXPECT_OK(et_rolling_hash_free(NULL));
    }
    MISUSE("double free and use after free (guarded)") {
        EXPECT_OK(et_commitment_free(commitment));
        EXPECT_RC(et_commitment_free(commitment), ET_RESULT_INVALID_HANDLE);
        CHECK(strstr(last_error(), "not a live et_commitment") != NULL, "message: %s", last_error());
        EXPECT_RC(et_commitment_digest(commitment, out), ET_RESULT_INVALID_HANDLE);
        EXPECT_OK(et_entry_free(entry));
        EXPECT_RC(et_entry_free(entry), ET_RESULT_INVALID_HANDLE);
        EXPECT_RC(et_entry_hash(entry, out), ET_RESULT_INVALID_HANDLE);
        et_bytes json;
        EXPECT_OK(et_batch_to_json(batch, &json));
        free_bytes(&json);
        free_bytes(&json); /* reset by the first free: a no-op */
        et_bytes forged = {NULL, 5, 5};
        EXPECT_RC(et_bytes_free(&forged), ET_RESULT_INVALID_HANDLE);
        uint8_t byte = 0;
        et_bytes inconsistent = {&byte, 10, 5};
        EXPECT_RC(et_bytes_free(&inconsistent), ET_RESULT_INVALID_HANDLE);
        EXPECT_OK(et_bytes_free(NULL));
    }
    MISUSE("index out of range") {
        EXPECT_RC(et_batch_entry_hash(batch, 1000000, out), ET_RESULT_INVALID_ARGUMENT);
        EXPECT_RC(et_batch_lookup_call_hash(batch, (size_t)-1, out), ET_RESULT_INVALID_ARGUMENT);
        et_bytes json;
        EXPECT_RC(et_batch_entry_json(batch, 1000000, &json), ET_RESULT_INVALID_ARGUMENT);
    }
    MISUSE("buffer too small for bulk hashes") {
        size_t entries = 0, lookups = 0, systems = 0, n = 12345;
        EXPECT_OK(et_batch_counts(batch, &entries, &lookups, &systems));
        uint8_t *buf = malloc(32 * entries + 1);
        if (entries > 0) {
            EXPECT_RC(et_batch_entry_hashes(batch, buf, 32 * entries - 1, &n), ET_RESULT_BUFFER_TOO_SMALL);
            EXPECT_RC(et_batch_entry_hashes(batch, NULL, 32 * entries, &n), ET_RESULT_NULL_ARGUMENT);
            CHECK(n == 12345, "count written on failure");
        }
        EXPECT_OK(et_batch_entry_hashes(batch, buf, 32 * entries, &n));
        CHECK(n == entries, "count");
        free(buf);
    }
    MISUSE("bad blob_hash_kind") {
        et_commitment *c = NULL;
        EXPECT_RC(et_commitment_from_batch(batch, NULL, 0, 7, &c), ET_RESULT_INVALID_ARGUMENT);
        CHECK(c == NULL, "commitment_out written on failure");
    }
    EXPECT_OK(et_batch_free(batch));
    MISUSE("use of a freed batch") {
        EXPECT_RC(et_batch_entry_hash(batch, 0, out), ET_RESULT_INVALID_HANDLE);
        EXPECT_RC(et_batch_free(batch), ET_RESULT_INVALID_HANDLE);
    }
}

/* Writes a 32-byte big-endian word holding `value` at `at`. */
static void put_word(uint8_t *at, uint64_t hi, uint64_t lo) {
    memset(at, 0, 32);
    for (int i = 0; i < 8; i++) {
        at[31 - i] = (uint8_t)(lo >> (8 * i));
        at[23 - i] = (uint8_t)(hi >> (8 * i));
    }
}

static uint64_t read_word_low(const uint8_t *at) {
    uint64_t v = 0;
    for (int i = 24; i < 32; i++) v = (v << 8) | at[i];
    return v;
}

static void hostile_inputs(const uint8_t *calldata, size_t len) {
    MISUSE("calldata claiming 2^32 and 2^64 entries") {
        uint8_t *bad = malloc(len);
        memcpy(bad, calldata, len);
        /* selector ‖ 0x20 ‖ tuple: the tuple's first head word is the offset of `entries`. */
        size_t tuple = 4 + 32;
        size_t entries_at = tuple + read_word_low(bad + tuple);
        CHECK(entries_at + 32 <= len, "sample calldata layout");
        if (entries_at + 32 <= len) {
            et_batch *batch = NULL;
            put_word(bad + entries_at, 0, (uint64_t)1 << 32);
            EXPECT_RC(et_batch_from_calldata(bad, len, &batch), ET_RESULT_ABI_LENGTH_TOO_LARGE);
            put_word(bad + entries_at, UINT64_MAX, UINT64_MAX);
            EXPECT_RC(et_batch_from_calldata(bad, len, &batch), ET_RESULT_ABI_LENGTH_TOO_LARGE);
            memcpy(bad + entries_at, calldata + entries_at, 32);
            put_word(bad + tuple, 0, (uint64_t)1 << 40); /* the offset itself points far away */
            et_result rc = et_batch_from_calldata(bad, len, &batch);
            CHECK(rc == ET_RESULT_ABI_BAD_OFFSET || rc == ET_RESULT_ABI_TRUNCATED, "far offset gave %u", rc);
            CHECK(batch == NULL, "batch_out written on failure");
        }
        EXPECT_RC(et_batch_from_calldata(bad, 3, NULL), ET_RESULT_NULL_ARGUMENT);
        free(bad);
    }
    MISUSE("proof header claiming 2^32-1 indices and siblings") {
        uint8_t proof[89] = {1};
        memset(proof + 81, 0xff, 8);
        et_proof *p = NULL;
        EXPECT_RC(et_proof_decode(proof, sizeof proof, &p), ET_RESULT_PROOF_TRUNCATED);
        proof[0] = 2;
        EXPECT_RC(et_proof_decode(proof, sizeof proof, &p), ET_RESULT_PROOF_MALFORMED);
        CHECK(p == NULL, "proof_out written on failure");
    }
    MISUSE("counts whose byte size overflows size_t") {
        uint8_t a[32] = {0};
        et_commitment *c = NULL;
        EXPECT_RC(et_commitment_from_hashes(a, SIZE_MAX / 16, NULL, 0, a, &c), ET_RESULT_BUFFER_TOO_SMALL);
        EXPECT_RC(et_inclusion_verify(a, 32, a, a, SIZE_MAX / 8), ET_RESULT_BUFFER_TOO_SMALL);
        CHECK(c == NULL, "commitment_out written on failure");
    }
    MISUSE("deeply nested and malformed JSON") {
        size_t depth = 100000;
        char *deep = malloc(2 * depth + 1);
        memset(deep, '[', depth);
        memset(deep + depth, ']', depth);
        deep[2 * depth] = 0;
        et_batch *batch = NULL;
        EXPECT_RC(et_batch_from_json(TXT(deep), &batch), ET_RESULT_INPUT_TOO_LARGE); /* JSON depth bound, 302 */
        free(deep);
        EXPECT_RC(et_batch_from_json(TXT("{\"entries\": [}"), &batch), ET_RESULT_JSON_SYNTAX);
        EXPECT_RC(et_batch_from_json(TXT("{\"entries\": 5}"), &batch), ET_RESULT_JSON_SHAPE);
        et_bytes b;
        EXPECT_RC(et_struct_encode("l1.StateDelta", TXT("{\"rollupId\":\"0x1\",\"currentState\":\"0x12\","
                                                        "\"newState\":\"0x\",\"etherDelta\":\"0x0\"}"),
                                   &b),
                  ET_RESULT_JSON_HEX);
        EXPECT_RC(et_calldata_encode(TXT("{\"function\":\"noSuchFunction\",\"args\":{}}"), &b),
                  ET_RESULT_INVALID_ARGUMENT);
        CHECK(batch == NULL, "batch_out written on failure");
    }
    MISUSE("random bytes as calldata, proofs and entries") {
        uint8_t noise[4096];
        uint32_t x = 12345;
        for (size_t i = 0; i < sizeof noise; i++) {
            x = x * 1103515245u + 12345u;
            noise[i] = (uint8_t)(x >> 16);
        }
        et_batch *batch = NULL;
        et_entry *entry = NULL;
        et_proof *proof = NULL;
        et_bytes b;
        CHECK(et_batch_from_calldata(noise, sizeof noise, &batch) != ET_RESULT_OK, "noise decoded as a batch");
        CHECK(et_entry_decode(noise, sizeof noise, &entry) != ET_RESULT_OK, "noise decoded as an entry");
        CHECK(et_proof_decode(noise, sizeof noise, &proof) != ET_RESULT_OK, "noise decoded as a proof");
        CHECK(et_calldata_decode(noise, sizeof noise, &b) != ET_RESULT_OK, "noise decoded as calldata");
        CHECK(batch == NULL && entry == NULL && proof == NULL, "out-params written on failure");
    }
    MISUSE("invalid UTF-8 and unknown names") {
        et_batch *batch = NULL;
        et_bytes b;
        EXPECT_RC(et_batch_from_json((const uint8_t *)"{\"\xff\":1}", 7, &batch), ET_RESULT_INVALID_UTF8);
        EXPECT_RC(et_struct_decode("l1.\xc3(", (const uint8_t *)"", 0, &b), ET_RESULT_INVALID_UTF8);
        EXPECT_RC(et_struct_encode("ExecutionEntry", TXT("{}"), &b), ET_RESULT_INVALID_ARGUMENT); /* l1 or l2? */
        EXPECT_RC(et_struct_encode("NoSuchStruct", TXT("{}"), &b), ET_RESULT_INVALID_ARGUMENT);
        if (EXPECT_OK(et_struct_names(&b))) {
            CHECK(b.len > 2 && strstr((const char *)b.ptr, "\"l2.LookupCall\"") != NULL, "names");
            free_bytes(&b);
        }
    }
}

static void last_error_buffer(void) {
    MISUSE("last-error message: too-small buffer, then retry") {
        et_batch *batch = NULL;
        EXPECT_RC(et_batch_from_calldata((const uint8_t *)"\x8b\x1a\x09", 3, &batch), ET_RESULT_ABI_TRUNCATED);
        size_t n = 0, w = 999;
        EXPECT_OK(et_last_error_length(&n));
        CHECK(n > 10, "message length %zu", n);
        char *buf = malloc(n + 1);
        memset(buf, 'x', n + 1);
        EXPECT_RC(et_last_error_message(buf, n, &w), ET_RESULT_BUFFER_TOO_SMALL);
        CHECK(w == 999 && buf[0] == 'x', "written on failure");
        EXPECT_RC(et_last_error_message(NULL, 0, &w), ET_RESULT_BUFFER_TOO_SMALL);
        if (EXPECT_OK(et_last_error_message(buf, n + 1, &w))) {
            CHECK(w == n && buf[n] == 0 && strlen(buf) == n, "message length");
            CHECK(strstr(buf, "truncated") != NULL, "message: %s", buf);
        }
        free(buf);
        /* a successful call clears it */
        uint8_t out[32];
        EXPECT_OK(et_keccak256(NULL, 0, out));
        EXPECT_OK(et_last_error_length(&n));
        CHECK(n == 0, "message kept after a successful call");
        char one[1];
        EXPECT_OK(et_last_error_message(one, 1, &w));
        CHECK(w == 0 && one[0] == 0, "empty message");
    }
}

static void panics(void) {
    MISUSE("a panic becomes ET_RESULT_PANIC") {
        EXPECT_RC(et_test_panic(), ET_RESULT_PANIC);
        CHECK(strstr(last_error(), "panicked") != NULL, "message: %s", last_error());
        uint8_t out[32];
        EXPECT_OK(et_keccak256(NULL, 0, out)); /* still usable */
        EXPECT_RC(et_test_panic(), ET_RESULT_PANIC);
    }
}

/* Several threads share one batch, one commitment and one proof: reads only, plus their own
 * handles and error messages. */
typedef struct {
    et_batch *batch;
    et_commitment *commitment;
    int id;
    unsigned long failures;
} worker_args;

static void *worker(void *p) {
    worker_args *w = p;
    uint8_t first[32], again[32], digest[32], item[32];
    size_t entries = 0, lookups = 0, systems = 0;
    if (et_batch_counts(w->batch, &entries, &lookups, &systems) != ET_RESULT_OK) w->failures++;
    if (et_commitment_digest(w->commitment, digest) != ET_RESULT_OK) w->failures++;
    for (int i = 0; i < 50; i++) {
        size_t index = (size_t)(i + w->id) % (entries ? entries : 1);
        if (entries && et_batch_entry_hash(w->batch, index, first) != ET_RESULT_OK) w->failures++;
        if (entries && et_batch_entry_hash(w->batch, index, again) != ET_RESULT_OK) w->failures++;
        if (entries && memcmp(first, again, 32) != 0) w->failures++;
        uint64_t leaf = (uint64_t)index;
        et_proof *proof = NULL;
        if (entries && et_commitment_prove(w->commitment, &leaf, 1, &proof) == ET_RESULT_OK) {
            if (et_commitment_item_hash(w->commitment, leaf, item) != ET_RESULT_OK) w->failures++;
            if (et_proof_verify(proof, digest, item, 1) != ET_RESULT_OK) w->failures++;
            if (et_proof_free(proof) != ET_RESULT_OK) w->failures++;
        } else if (entries) {
            w->failures++;
        }
        /* this thread's own error message */
        if (et_batch_entry_hash(w->batch, 1000000 + (size_t)w->id, first) != ET_RESULT_INVALID_ARGUMENT) w->failures++;
        char msg[512], want[32];
        size_t n = 0;
        snprintf(want, sizeof want, "entries[%d]", 1000000 + w->id);
        if (et_last_error_message(msg, sizeof msg, &n) != ET_RESULT_OK || !strstr(msg, want)) w->failures++;
    }
    return NULL;
}

static void threads(const uint8_t *calldata, size_t len) {
    MISUSE("4 threads sharing handles") {
        et_batch *batch = NULL;
        et_commitment *commitment = NULL;
        if (EXPECT_OK(et_batch_from_calldata(calldata, len, &batch)) &&
            EXPECT_OK(et_commitment_from_batch(batch, NULL, 0, ET_BLOB_HASHES_RESOLVED, &commitment))) {
            pthread_t t[4];
            worker_args args[4];
            for (int i = 0; i < 4; i++) {
                args[i] = (worker_args){batch, commitment, i, 0};
                CHECK(pthread_create(&t[i], NULL, worker, &args[i]) == 0, "pthread_create");
            }
            for (int i = 0; i < 4; i++) {
                pthread_join(t[i], NULL);
                CHECK(args[i].failures == 0, "thread %d: %lu failures", i, args[i].failures);
            }
            EXPECT_OK(et_commitment_free(commitment));
        }
        EXPECT_OK(et_batch_free(batch));
    }
}

unsigned long run_misuse_tests(const uint8_t *calldata, size_t len) {
    g_ran = 0;
    g_misuse_failed = 0;
    result_names();
    null_arguments(calldata, len);
    zero_length_inputs();
    handles(calldata, len);
    hostile_inputs(calldata, len);
    last_error_buffer();
    panics();
    threads(calldata, len);
    g_case = "(misuse done)";
    return g_ran;
}
