/*
 * Every case of a vector file through the C API directly: inputs taken from the file with
 * json_lite, handed to the et_ functions, every output compared with the file's expected values.
 * (main.c additionally runs each file through et_conformance_run, core's own runner.)
 */
#include <stdlib.h>
#include <string.h>

#include "test_util.h"

/* The first batchCalldata case's calldata, kept for the misuse tests. */
uint8_t *g_sample_calldata = NULL;
size_t g_sample_calldata_len = 0;

#define TXT(s) (const uint8_t *)(s), strlen(s)

static bool starts_with(const et_bytes *b, const char *prefix) {
    size_t n = strlen(prefix);
    return b->len >= n && memcmp(b->ptr, prefix, n) == 0;
}

static bool ends_with(const et_bytes *b, const char *suffix) {
    size_t n = strlen(suffix);
    return b->len >= n && memcmp(b->ptr + b->len - n, suffix, n) == 0;
}

static const jl_doc *D; /* the document being run */

static int get(int node, const char *key) { return jl_get(D, node, key); }

static char *compact(int node) {
    if (node < 0) return NULL;
    return jl_compact(D, node, NULL);
}

/* Concatenated 32-byte words of an array of hex strings (malloc'd; count in *n). */
static uint8_t *words(int arr, size_t *n) {
    *n = jl_count(D, arr);
    uint8_t *out = malloc(*n * 32 + 1);
    for (size_t i = 0; i < *n; i++) CHECK(node_fixed(D, jl_at(D, arr, i), out + 32 * i, 32), "word %zu is not 32 bytes", i);
    return out;
}

static bool hash_at(int node, uint8_t out[32]) { return node_fixed(D, node, out, 32); }

/* A small hex number ("0x3") as uint64. */
static uint64_t small_hex(int node) {
    uint8_t word[32];
    CHECK(node_u256(D, node, word), "not a uint");
    uint64_t v = 0;
    for (int i = 24; i < 32; i++) v = (v << 8) | word[i];
    return v;
}

/* The output JSON `b` parsed: member `key` compacted equals node `want` compacted. */
static void check_member(const jl_doc *out, int obj, const char *key, int want, const char *what) {
    int got = jl_get(out, obj, key);
    if (got < 0) {
        CHECK(0, "%s: output has no %s", what, key);
        return;
    }
    char *g = jl_compact(out, got, NULL), *w = compact(want);
    CHECK(w && strcmp(g, w) == 0, "%s.%s: got %.300s, expected %.300s", what, key, g, w ? w : "(missing)");
    free(g);
    free(w);
}

/* ---- crossChainCallHash ---- */
static void cross_chain_call_hash_case(int in, int ex) {
    uint8_t trid[32], ta[20], value[32], sa[20], srid[32], want[32], got[32];
    size_t data_len = 0, pre_len = 0;
    CHECK(node_u256(D, get(in, "targetRollupId"), trid) && node_fixed(D, get(in, "targetAddress"), ta, 20) &&
              node_u256(D, get(in, "value"), value) && node_fixed(D, get(in, "sourceAddress"), sa, 20) &&
              node_u256(D, get(in, "sourceRollupId"), srid) && hash_at(get(ex, "crossChainCallHash"), want),
          "unreadable inputs");
    uint8_t *data = node_bytes(D, get(in, "data"), &data_len);
    uint8_t *pre = node_bytes(D, get(ex, "preimage"), &pre_len);
    if (EXPECT_OK(et_cross_chain_call_hash(trid, ta, value, data, data_len, sa, srid, got)))
        CHECK(memcmp(got, want, 32) == 0, "hash %s, expected %s", hex_of(got, 32), hex_of(want, 32));
    et_bytes preimage;
    if (EXPECT_OK(et_cross_chain_call_preimage(trid, ta, value, data, data_len, sa, srid, &preimage))) {
        CHECK(bytes_eq(&preimage, pre, pre_len), "preimage differs");
        uint8_t k[32];
        EXPECT_OK(et_keccak256(preimage.ptr, preimage.len, k));
        CHECK(memcmp(k, want, 32) == 0, "keccak256(preimage) is not the hash");
        free_bytes(&preimage);
    }
    free(data);
    free(pre);
}

/* ---- l1/l2 entry and lookup-call encodings ---- */
enum { PLAIN, L1_ENTRY, L1_LOOKUP };

static void struct_case(int in, int ex, const char *struct_name, const char *field, int which) {
    char *json = compact(get(in, field));
    size_t abi_len = 0;
    uint8_t *abi = node_bytes(D, get(ex, "abiEncoded"), &abi_len);
    uint8_t hash[32], got[32];
    CHECK(json && abi && hash_at(get(ex, "hash"), hash), "unreadable case");
    if (!json || !abi) goto done;
    et_bytes out;
    if (EXPECT_OK(et_struct_encode(struct_name, TXT(json), &out))) {
        CHECK(bytes_eq(&out, abi, abi_len), "abi.encode differs");
        free_bytes(&out);
    }
    if (EXPECT_OK(et_struct_decode(struct_name, abi, abi_len, &out))) {
        CHECK(bytes_is_text(&out, json), "decoded JSON %.*s differs", (int)(out.len > 300 ? 300 : out.len), out.ptr);
        free_bytes(&out);
    }
    EXPECT_OK(et_keccak256(abi, abi_len, got));
    CHECK(memcmp(got, hash, 32) == 0, "keccak256(abiEncoded) is not expected.hash");
    if (which == L1_ENTRY) {
        et_entry *from_json = NULL, *from_abi = NULL;
        if (EXPECT_OK(et_entry_from_json(TXT(json), &from_json))) {
            EXPECT_OK(et_entry_hash(from_json, got));
            CHECK(memcmp(got, hash, 32) == 0, "et_entry_hash %s", hex_of(got, 32));
            if (EXPECT_OK(et_entry_encode(from_json, &out))) {
                CHECK(bytes_eq(&out, abi, abi_len), "et_entry_encode differs");
                free_bytes(&out);
            }
            if (EXPECT_OK(et_entry_to_json(from_json, &out))) {
                CHECK(bytes_is_text(&out, json), "et_entry_to_json differs");
                free_bytes(&out);
            }
        }
        if (EXPECT_OK(et_entry_decode(abi, abi_len, &from_abi))) {
            EXPECT_OK(et_entry_hash(from_abi, got));
            CHECK(memcmp(got, hash, 32) == 0, "et_entry_hash(decoded) %s", hex_of(got, 32));
        }
        EXPECT_OK(et_entry_free(from_json));
        EXPECT_OK(et_entry_free(from_abi));
    } else if (which == L1_LOOKUP) {
        if (EXPECT_OK(et_lookup_call_hash_json(TXT(json), got)))
            CHECK(memcmp(got, hash, 32) == 0, "et_lookup_call_hash_json %s", hex_of(got, 32));
        if (EXPECT_OK(et_lookup_call_hash_abi(abi, abi_len, got)))
            CHECK(memcmp(got, hash, 32) == 0, "et_lookup_call_hash_abi %s", hex_of(got, 32));
    }
done:
    free(json);
    free(abi);
}

/* ---- rollingHash ---- */
/* Folds tagged steps (a JSON array) into a builder; compares the value after each step with
 * trace[i] when `trace` >= 0; the final value goes to `final_out`. */
static void fold_steps(const uint8_t init[32], int steps, int trace, uint8_t final_out[32]) {
    static const uint8_t zero[32] = {0};
    et_rolling_hash *h = NULL;
    et_result rc = memcmp(init, zero, 32) == 0 ? et_rolling_hash_new(&h) : et_rolling_hash_resume(init, &h);
    if (!EXPECT_OK(rc)) return;
    for (size_t i = 0; i < jl_count(D, steps); i++) {
        int step = jl_at(D, steps, i);
        uint8_t number[32];
        CHECK(node_u256(D, get(step, "number"), number), "steps[%zu].number", i);
        int event = get(step, "event");
        if (jl_string_is(D, event, "CALL_BEGIN")) {
            EXPECT_OK(et_rolling_hash_call_begin(h, number));
        } else if (jl_string_is(D, event, "CALL_END")) {
            bool success = false;
            size_t len = 0;
            CHECK(jl_bool(D, get(step, "success"), &success), "steps[%zu].success", i);
            uint8_t *ret = node_bytes(D, get(step, "retData"), &len);
            CHECK(ret != NULL, "steps[%zu].retData", i);
            EXPECT_OK(et_rolling_hash_call_end(h, number, success, ret, len));
            free(ret);
        } else if (jl_string_is(D, event, "NESTED_BEGIN")) {
            EXPECT_OK(et_rolling_hash_nested_begin(h, number));
        } else if (jl_string_is(D, event, "NESTED_END")) {
            EXPECT_OK(et_rolling_hash_nested_end(h, number));
        } else {
            CHECK(0, "steps[%zu]: unknown event", i);
        }
        if (trace >= 0) {
            uint8_t got[32], want[32];
            EXPECT_OK(et_rolling_hash_value(h, got));
            CHECK(hash_at(jl_at(D, trace, i), want) && memcmp(got, want, 32) == 0, "trace[%zu] %s", i, hex_of(got, 32));
        }
    }
    EXPECT_OK(et_rolling_hash_value(h, final_out));
    EXPECT_OK(et_rolling_hash_free(h));
}

static void rolling_hash_case(int c, int in, int ex) {
    uint8_t init[32], want_final[32], acc[32];
    CHECK(hash_at(get(in, "init"), init) && hash_at(get(ex, "final"), want_final), "unreadable init/final");
    int trace = get(ex, "trace");
    int schema = get(c, "schema");
    if (jl_string_is(D, schema, "tagged")) {
        fold_steps(init, get(in, "steps"), trace, acc);
    } else if (jl_string_is(D, schema, "static")) {
        memcpy(acc, init, 32);
        int results = get(in, "results");
        for (size_t i = 0; i < jl_count(D, results); i++) {
            int r = jl_at(D, results, i);
            bool success = false;
            size_t len = 0;
            CHECK(jl_bool(D, get(r, "success"), &success), "results[%zu].success", i);
            uint8_t *ret = node_bytes(D, get(r, "retData"), &len);
            EXPECT_OK(et_static_lookup_hash_fold(acc, success, ret, len, acc)); /* in place */
            free(ret);
            uint8_t want[32];
            CHECK(hash_at(jl_at(D, trace, i), want) && memcmp(acc, want, 32) == 0, "trace[%zu]", i);
        }
    } else {
        CHECK(0, "unknown rolling-hash schema");
        return;
    }
    CHECK(memcmp(acc, want_final, 32) == 0, "final %s, expected %s", hex_of(acc, 32), hex_of(want_final, 32));
}

/* ---- proxyAddress ---- */
static void proxy_address_case(int in, int ex) {
    uint8_t manager[20], original[20], rollup[32], want_address[20], want_salt[32], want_init[32];
    uint8_t address[20], salt[32], init[32];
    CHECK(node_fixed(D, get(in, "manager"), manager, 20) && node_fixed(D, get(in, "originalAddress"), original, 20) &&
              node_u256(D, get(in, "originalRollupId"), rollup) &&
              node_fixed(D, get(ex, "proxyAddress"), want_address, 20) && hash_at(get(ex, "salt"), want_salt) &&
              hash_at(get(ex, "initCodeHash"), want_init),
          "unreadable case");
    et_bytes code;
    if (!EXPECT_OK(et_reference_proxy_creation_code(&code))) return;
    CHECK(code.len == 1111, "reference creation code is %zu bytes", code.len);
    if (EXPECT_OK(et_proxy_address(manager, original, rollup, code.ptr, code.len, address, salt, init))) {
        CHECK(memcmp(address, want_address, 20) == 0, "address %s", hex_of(address, 20));
        CHECK(memcmp(salt, want_salt, 32) == 0, "salt %s", hex_of(salt, 32));
        CHECK(memcmp(init, want_init, 32) == 0, "initCodeHash %s", hex_of(init, 32));
    }
    free_bytes(&code);
}

/* Every per-item accessor of a batch handle against its bulk accessors. */
static void check_batch_accessors(et_batch *b) {
    size_t entries = 0, lookups = 0, proof_systems = 0, n = 0;
    if (!EXPECT_OK(et_batch_counts(b, &entries, &lookups, &proof_systems))) return;
    uint8_t *all = malloc(32 * (entries + lookups) + 1);
    if (EXPECT_OK(et_batch_entry_hashes(b, all, 32 * entries, &n))) CHECK(n == entries, "entry hash count");
    for (size_t i = 0; i < entries; i++) {
        uint8_t h[32], h2[32], h3[32];
        EXPECT_OK(et_batch_entry_hash(b, i, h));
        CHECK(memcmp(h, all + 32 * i, 32) == 0, "entry hash %zu differs from the bulk one", i);
        et_entry *e = NULL;
        if (EXPECT_OK(et_batch_entry(b, i, &e))) {
            EXPECT_OK(et_entry_hash(e, h2));
            CHECK(memcmp(h, h2, 32) == 0, "et_batch_entry(%zu) hashes differently", i);
            EXPECT_OK(et_entry_free(e));
        }
        et_bytes json;
        if (EXPECT_OK(et_batch_entry_json(b, i, &json))) {
            e = NULL;
            if (EXPECT_OK(et_entry_from_json(json.ptr, json.len, &e))) {
                EXPECT_OK(et_entry_hash(e, h3));
                CHECK(memcmp(h, h3, 32) == 0, "entry %zu JSON hashes differently", i);
                EXPECT_OK(et_entry_free(e));
            }
            free_bytes(&json);
        }
    }
    if (EXPECT_OK(et_batch_lookup_call_hashes(b, all, 32 * lookups, &n))) CHECK(n == lookups, "lookup hash count");
    for (size_t i = 0; i < lookups; i++) {
        uint8_t h[32], h2[32];
        EXPECT_OK(et_batch_lookup_call_hash(b, i, h));
        CHECK(memcmp(h, all + 32 * i, 32) == 0, "lookup hash %zu differs from the bulk one", i);
        et_bytes json;
        if (EXPECT_OK(et_batch_lookup_call_json(b, i, &json))) {
            EXPECT_OK(et_lookup_call_hash_json(json.ptr, json.len, h2));
            CHECK(memcmp(h, h2, 32) == 0, "lookup %zu JSON hashes differently", i);
            free_bytes(&json);
        }
    }
    free(all);
}

/* Decodes calldata to a batch whose JSON must be `batch_json`; re-encodes; round-trips the
 * manager-call JSON. */
static void check_calldata_round_trip(const uint8_t *calldata, size_t len, const char *batch_json) {
    et_batch *b = NULL;
    et_bytes out;
    if (!EXPECT_OK(et_batch_from_calldata(calldata, len, &b))) return;
    if (EXPECT_OK(et_batch_to_json(b, &out))) {
        CHECK(bytes_is_text(&out, batch_json), "decoded batch JSON differs");
        free_bytes(&out);
    }
    if (EXPECT_OK(et_batch_encode_calldata(b, &out))) {
        CHECK(bytes_eq(&out, calldata, len), "re-encoded calldata differs");
        free_bytes(&out);
    }
    if (EXPECT_OK(et_batch_encode(b, &out))) {
        CHECK(bytes_eq(&out, calldata + 4, len - 4), "abi.encode(batch) is not calldata[4..]");
        free_bytes(&out);
    }
    et_bytes call;
    if (EXPECT_OK(et_calldata_decode(calldata, len, &call))) {
        CHECK(starts_with(&call, "{\"function\":\"postAndVerifyBatch\",\"selector\":\"0x8b1a095a\""), "call JSON");
        CHECK(ends_with(&call, ",\"layout\":{\"canonical\":true}}"), "call JSON without the canonical layout");
        if (EXPECT_OK(et_calldata_encode(call.ptr, call.len, &out))) {
            CHECK(bytes_eq(&out, calldata, len), "calldata JSON round trip differs");
            free_bytes(&out);
        }
        et_bytes strict;
        if (EXPECT_OK(et_calldata_decode_strict(calldata, len, &strict))) {
            CHECK(bytes_eq(&strict, call.ptr, call.len), "strict and Evm call JSON of canonical calldata differ");
            free_bytes(&strict);
        }
        free_bytes(&call);
    }
    if (EXPECT_OK(et_calldata_layout(calldata, len, &out))) {
        CHECK(bytes_is_text(&out, "{\"canonical\":true}"), "layout of canonical calldata");
        free_bytes(&out);
    }
    et_batch *strict = NULL;
    if (EXPECT_OK(et_batch_from_calldata_strict(calldata, len, &strict))) EXPECT_OK(et_batch_free(strict));
    check_batch_accessors(b);
    EXPECT_OK(et_batch_free(b));
}

/* Every entry and lookup-call hash of `a` equals `b`'s (same counts). */
static void check_same_hashes(et_batch *a, et_batch *b, const char *what) {
    size_t ea = 0, la = 0, pa = 0, eb = 1, lb = 1, pb = 1;
    if (!EXPECT_OK(et_batch_counts(a, &ea, &la, &pa)) || !EXPECT_OK(et_batch_counts(b, &eb, &lb, &pb))) return;
    CHECK(ea == eb && la == lb && pa == pb, "%s: counts %zu/%zu/%zu, expected %zu/%zu/%zu", what, ea, la, pa, eb, lb, pb);
    if (ea != eb || la != lb) return;
    uint8_t *x = malloc(32 * (ea + la) + 1), *y = malloc(32 * (ea + la) + 1);
    size_t n = 0;
    if (EXPECT_OK(et_batch_entry_hashes(a, x, 32 * ea, &n)) && EXPECT_OK(et_batch_entry_hashes(b, y, 32 * eb, &n)))
        CHECK(ea == 0 || memcmp(x, y, 32 * ea) == 0, "%s: entry hashes differ", what);
    if (EXPECT_OK(et_batch_lookup_call_hashes(a, x, 32 * la, &n)) &&
        EXPECT_OK(et_batch_lookup_call_hashes(b, y, 32 * lb, &n)))
        CHECK(la == 0 || memcmp(x, y, 32 * la) == 0, "%s: lookup-call hashes differ", what);
    free(x);
    free(y);
}

/* The calldata with one zero word appended: the contract's decoder (et_batch_from_calldata,
 * et_calldata_decode, et_calldata_layout) accepts it as the same batch and reports the trailing
 * bytes; the strict decoders refuse it with 106 at the end of the encoding. */
static void check_appended_word(const uint8_t *calldata, size_t len) {
    uint8_t *longer = calloc(len + 32, 1);
    memcpy(longer, calldata, len);
    et_batch *canonical = NULL, *evm = NULL, *strict = (et_batch *)0x1;
    et_bytes out = {(uint8_t *)1, 5, 5};
    char offset[32];
    snprintf(offset, sizeof offset, "\"offset\":\"0x%zx\"", len);
    if (EXPECT_OK(et_batch_from_calldata(calldata, len, &canonical)) &&
        EXPECT_OK(et_batch_from_calldata(longer, len + 32, &evm))) {
        check_same_hashes(evm, canonical, "appended word");
        if (EXPECT_OK(et_batch_encode_calldata(evm, &out))) {
            CHECK(bytes_eq(&out, calldata, len), "the batch read from the appended word re-encodes differently");
            free_bytes(&out);
        }
    }
    EXPECT_OK(et_batch_free(evm));
    EXPECT_OK(et_batch_free(canonical));
    EXPECT_RC(et_batch_from_calldata_strict(longer, len + 32, &strict), ET_RESULT_ABI_TRAILING_BYTES);
    CHECK(strict == (et_batch *)0x1, "batch_out written on failure");
    CHECK(strstr(last_error(), "trailing") != NULL, "strict message: %s", last_error());
    out = (et_bytes){(uint8_t *)1, 5, 5};
    EXPECT_RC(et_calldata_decode_strict(longer, len + 32, &out), ET_RESULT_ABI_TRAILING_BYTES);
    CHECK(out.ptr == (uint8_t *)1 && out.len == 5 && out.cap == 5, "json_out written on failure");
    if (EXPECT_OK(et_calldata_layout(longer, len + 32, &out))) {
        CHECK(starts_with(&out, "{\"canonical\":false,\"deviation\":{\"path\":\"$\"") &&
                  strstr((const char *)out.ptr, offset) && strstr((const char *)out.ptr, "\"kind\":\"trailingBytes\""),
              "layout of the appended word: %.*s", (int)out.len, (const char *)out.ptr);
        et_bytes call, again;
        if (EXPECT_OK(et_calldata_decode(longer, len + 32, &call))) {
            /* the call JSON ends with the same layout member */
            char *tail = malloc(out.len + 16);
            int n = sprintf(tail, ",\"layout\":%.*s}", (int)out.len, (const char *)out.ptr);
            CHECK(call.len > (size_t)n && memcmp(call.ptr + call.len - n, tail, (size_t)n) == 0,
                  "call JSON does not end with the layout");
            free(tail);
            if (EXPECT_OK(et_calldata_encode(call.ptr, call.len, &again))) {
                CHECK(bytes_eq(&again, calldata, len), "the call read from the appended word encodes differently");
                free_bytes(&again);
            }
            free_bytes(&call);
        }
        free_bytes(&out);
    }
    free(longer);
}

/* ---- batchCalldata ---- */
static void batch_calldata_case(int in, int ex) {
    char *batch_json = compact(get(in, "batch"));
    size_t len = 0;
    uint8_t *calldata = node_bytes(D, get(ex, "calldata"), &len);
    uint8_t selector[4];
    uint64_t want_len = 0;
    CHECK(batch_json && calldata && node_fixed(D, get(ex, "selector"), selector, 4) &&
              jl_u64(D, get(ex, "calldataLength"), &want_len),
          "unreadable case");
    if (!batch_json || !calldata) goto done;
    et_batch *b = NULL;
    if (EXPECT_OK(et_batch_from_json(TXT(batch_json), &b))) {
        et_bytes out;
        if (EXPECT_OK(et_batch_encode_calldata(b, &out))) {
            CHECK(bytes_eq(&out, calldata, len), "calldata differs");
            CHECK(out.len == want_len && memcmp(out.ptr, selector, 4) == 0, "length / selector");
            free_bytes(&out);
        }
        bool would_revert = true, accepted = false;
        if (EXPECT_OK(et_validate_batch(b, NULL, &out, &would_revert))) {
            CHECK(out.len > 0 && out.ptr[0] == '{', "report JSON");
            free_bytes(&out);
        }
        if (jl_bool(D, get(ex, "acceptedOnChain"), &accepted) && accepted)
            CHECK(!would_revert, "a batch accepted on chain is predicted to revert");
        EXPECT_OK(et_batch_free(b));
    }
    check_calldata_round_trip(calldata, len, batch_json);
    check_appended_word(calldata, len);
    if (!g_sample_calldata) {
        g_sample_calldata = malloc(len);
        memcpy(g_sample_calldata, calldata, len);
        g_sample_calldata_len = len;
    }
done:
    free(batch_json);
    free(calldata);
}

/* ---- publicInputsHash ---- */
static void public_inputs_hash_case(int in, int ex) {
    char *request = compact(in), *batch_json = compact(get(in, "batch")), *rollups = compact(get(in, "rollups"));
    int want = get(ex, "publicInputsHashes");
    size_t k = jl_count(D, want), n = 0, blob_count = 0;
    uint8_t *out = malloc(32 * k + 1);
    uint8_t *blobs = words(get(in, "blobHashes"), &blob_count);
    if (EXPECT_OK(et_public_inputs_hashes(TXT(request), out, 32 * k, &n))) {
        CHECK(n == k, "%zu hashes, expected %zu", n, k);
        for (size_t i = 0; i < k && i < n; i++) {
            uint8_t h[32];
            CHECK(hash_at(get(jl_at(D, want, i), "publicInputsHash"), h) && memcmp(h, out + 32 * i, 32) == 0,
                  "publicInputsHash[%zu] %s", i, hex_of(out + 32 * i, 32));
        }
    }
    et_batch *b = NULL;
    if (EXPECT_OK(et_batch_from_json(TXT(batch_json), &b))) {
        memset(out, 0, 32 * k + 1);
        if (EXPECT_OK(et_batch_public_inputs_hashes(b, TXT(rollups), blobs, blob_count, ET_BLOB_HASHES_RESOLVED, out,
                                                    32 * k, &n))) {
            CHECK(n == k, "handle: %zu hashes", n);
            for (size_t i = 0; i < k && i < n; i++) {
                uint8_t h[32];
                CHECK(hash_at(get(jl_at(D, want, i), "publicInputsHash"), h) && memcmp(h, out + 32 * i, 32) == 0,
                      "handle publicInputsHash[%zu]", i);
            }
        }
        if (k > 0)
            EXPECT_RC(et_batch_public_inputs_hashes(b, TXT(rollups), blobs, blob_count, ET_BLOB_HASHES_RESOLVED, out,
                                                    32 * k - 1, &n),
                      ET_RESULT_BUFFER_TOO_SMALL);
        size_t ne = 0, nl = 0;
        uint8_t *entries = words(get(ex, "entryHashes"), &ne), *lookups = words(get(ex, "lookupCallHashes"), &nl);
        uint8_t *got = malloc(32 * (ne + nl) + 1);
        if (EXPECT_OK(et_batch_entry_hashes(b, got, 32 * ne, &n)))
            CHECK(n == ne && (ne == 0 || memcmp(got, entries, 32 * ne) == 0), "entryHashes differ");
        if (EXPECT_OK(et_batch_lookup_call_hashes(b, got, 32 * nl, &n)))
            CHECK(n == nl && (nl == 0 || memcmp(got, lookups, 32 * nl) == 0), "lookupCallHashes differ");
        free(entries);
        free(lookups);
        free(got);
        EXPECT_OK(et_batch_free(b));
    }
    et_bytes document;
    if (EXPECT_OK(et_proof_inputs_document(TXT(request), &document))) {
        jl_doc out_doc;
        int root = jl_parse(&out_doc, (const char *)document.ptr, document.len);
        CHECK(root >= 0, "document is not JSON");
        if (root >= 0) {
            check_member(&out_doc, root, "publicInputsHashes", want, "document");
            check_member(&out_doc, root, "sharedPublicInput", get(get(ex, "derived"), "sharedPublicInput"), "document");
            check_member(&out_doc, root, "entryHashes", get(ex, "entryHashes"), "document");
            check_member(&out_doc, root, "callDataHash", get(ex, "callDataHash"), "document");
        }
        jl_free(&out_doc);
        et_bytes report;
        bool ok = false;
        if (EXPECT_OK(et_proof_inputs_verify(document.ptr, document.len, &report, &ok))) {
            CHECK(ok, "the document does not verify: %.*s", (int)(report.len > 400 ? 400 : report.len), report.ptr);
            free_bytes(&report);
        }
        free_bytes(&document);
    }
    size_t cd_len = 0;
    uint8_t *calldata = node_bytes(D, get(ex, "postAndVerifyBatchCalldata"), &cd_len);
    CHECK(calldata != NULL, "postAndVerifyBatchCalldata");
    if (calldata) check_calldata_round_trip(calldata, cd_len, batch_json);
    free(calldata);
    free(blobs);
    free(out);
    free(request);
    free(batch_json);
    free(rollups);
}

/* ---- e2eScenario ---- */
static void e2e_case(int in, int ex) {
    static const uint8_t zero[32] = {0};
    uint8_t got[32], want[32];
    if (get(in, "eezl2") >= 0) { /* the L2 scenario: two entries, their rolling and entry hashes */
        const char *names[2] = {"entry0", "entry1"};
        int entries = get(in, "entries");
        for (size_t i = 0; i < 2; i++) {
            fold_steps(zero, get(get(in, "rollingHashSteps"), names[i]), -1, got);
            CHECK(hash_at(jl_at(D, get(ex, "rollingHashes"), i), want) && memcmp(got, want, 32) == 0,
                  "rollingHashes[%zu] %s", i, hex_of(got, 32));
            char *json = compact(jl_at(D, entries, i));
            et_bytes abi;
            if (json && EXPECT_OK(et_struct_encode("l2.ExecutionEntry", TXT(json), &abi))) {
                EXPECT_OK(et_keccak256(abi.ptr, abi.len, got));
                CHECK(hash_at(jl_at(D, get(ex, "entryHashes"), i), want) && memcmp(got, want, 32) == 0,
                      "entryHashes[%zu]", i);
                free_bytes(&abi);
            }
            free(json);
        }
        int inbound = get(in, "inbound");
        uint8_t rollup[32], dest[20], value[32], src[20], src_rollup[32];
        size_t len = 0;
        uint8_t *data = node_bytes(D, get(inbound, "data"), &len);
        CHECK(node_u256(D, get(in, "rollupId"), rollup) && node_fixed(D, get(inbound, "destination"), dest, 20) &&
                  node_u256(D, get(inbound, "value"), value) && node_fixed(D, get(inbound, "sourceAddress"), src, 20) &&
                  node_u256(D, get(inbound, "sourceRollup"), src_rollup),
              "inbound call");
        EXPECT_OK(et_cross_chain_call_hash(rollup, dest, value, data, len, src, src_rollup, got));
        CHECK(hash_at(get(ex, "inboundCrossChainCallHash"), want) && memcmp(got, want, 32) == 0, "inbound hash");
        free(data);
        return;
    }
    /* L1 scenarios: the rolling hash of the recorded steps, the batch, its entry hash. */
    fold_steps(zero, get(in, "rollingHashSteps"), -1, got);
    CHECK(hash_at(get(ex, "rollingHash"), want) && memcmp(got, want, 32) == 0, "rollingHash %s", hex_of(got, 32));
    char *batch_json = compact(get(in, "batch"));
    size_t len = 0;
    uint8_t *calldata = node_bytes(D, get(in, "postAndVerifyBatchCalldata"), &len);
    CHECK(batch_json && calldata, "batch / calldata");
    if (batch_json && calldata) {
        check_calldata_round_trip(calldata, len, batch_json);
        et_batch *b = NULL;
        if (EXPECT_OK(et_batch_from_calldata(calldata, len, &b))) {
            EXPECT_OK(et_batch_entry_hash(b, 0, got));
            CHECK(hash_at(get(ex, "entryHash"), want) && memcmp(got, want, 32) == 0, "entryHash %s", hex_of(got, 32));
            EXPECT_OK(et_batch_free(b));
        }
    }
    int inputs = get(in, "crossChainCallHashInputs");
    if (inputs >= 0) {
        uint8_t trid[32], ta[20], value[32], sa[20], srid[32];
        size_t dlen = 0;
        uint8_t *data = node_bytes(D, get(inputs, "data"), &dlen);
        CHECK(node_u256(D, get(inputs, "targetRollupId"), trid) && node_fixed(D, get(inputs, "targetAddress"), ta, 20) &&
                  node_u256(D, get(inputs, "value"), value) && node_fixed(D, get(inputs, "sourceAddress"), sa, 20) &&
                  node_u256(D, get(inputs, "sourceRollupId"), srid),
              "crossChainCallHashInputs");
        EXPECT_OK(et_cross_chain_call_hash(trid, ta, value, data, dlen, sa, srid, got));
        CHECK(hash_at(get(ex, "crossChainCallHash"), want) && memcmp(got, want, 32) == 0, "crossChainCallHash");
        free(data);
    }
    free(batch_json);
    free(calldata);
}

/* ---- tableCommitment ---- */
static void table_commitment_case(int in, int ex) {
    char *batch_json = compact(get(in, "batch"));
    size_t blob_count = 0;
    uint8_t *blobs = get(in, "blobHashes") >= 0 ? words(get(in, "blobHashes"), &blob_count) : calloc(1, 1);
    char *claim = compact(get(in, "commitment"));
    et_batch *b = NULL;
    if (!batch_json || !EXPECT_OK(et_batch_from_json(TXT(batch_json), &b))) goto done;
    int error = get(ex, "error");
    if (error >= 0) {
        uint64_t code = 0;
        CHECK(claim && jl_u64(D, get(error, "code"), &code), "must-fail case without claim/code");
        if (claim)
            EXPECT_RC(et_batch_check_commitment(b, blobs, blob_count, ET_BLOB_HASHES_RESOLVED, TXT(claim)),
                      (et_result)code);
    } else {
        et_commitment *c = NULL;
        if (EXPECT_OK(et_commitment_from_batch(b, blobs, blob_count, ET_BLOB_HASHES_RESOLVED, &c))) {
            int record = get(ex, "tableCommitment");
            char *want = compact(record);
            et_bytes json;
            if (EXPECT_OK(et_commitment_to_json(c, &json))) {
                CHECK(bytes_is_text(&json, want), "record %.*s", (int)json.len, json.ptr);
                free_bytes(&json);
            }
            uint8_t digest[32], want_digest[32];
            EXPECT_OK(et_commitment_digest(c, digest));
            CHECK(hash_at(get(record, "commitment"), want_digest) && memcmp(digest, want_digest, 32) == 0, "digest");
            /* levels[0][i] = keccak256(0x00 ‖ itemHash_i) */
            int leaves = jl_at(D, get(ex, "levels"), 0);
            for (size_t i = 0; i < jl_count(D, leaves); i++) {
                uint8_t pre[33] = {0}, leaf[32], want_leaf[32];
                if (!EXPECT_OK(et_commitment_item_hash(c, i, pre + 1))) break;
                EXPECT_OK(et_keccak256(pre, 33, leaf));
                CHECK(hash_at(jl_at(D, leaves, i), want_leaf) && memcmp(leaf, want_leaf, 32) == 0, "leaf %zu", i);
            }
            uint8_t unused[32];
            EXPECT_RC(et_commitment_item_hash(c, jl_count(D, leaves), unused), ET_RESULT_INVALID_ARGUMENT);
            if (claim) EXPECT_OK(et_batch_check_commitment(b, blobs, blob_count, ET_BLOB_HASHES_RESOLVED, TXT(claim)));
            char quoted[80];
            snprintf(quoted, sizeof quoted, "\"%s\"", hex_of(digest, 32));
            EXPECT_OK(et_batch_check_commitment(b, blobs, blob_count, ET_BLOB_HASHES_RESOLVED, TXT(quoted)));
            free(want);
            EXPECT_OK(et_commitment_free(c));
        }
    }
    EXPECT_OK(et_batch_free(b));
done:
    free(batch_json);
    free(blobs);
    free(claim);
}

/* ---- inclusionProof ---- */
static void inclusion_proof_case(int in, int ex) {
    size_t ne = 0, nl = 0, ni = 0, proof_len = 0;
    uint8_t *entries = words(get(in, "entryHashes"), &ne), *lookups = words(get(in, "lookupCallHashes"), &nl);
    uint8_t *items = words(get(ex, "itemHashes"), &ni);
    uint8_t spi[32];
    uint8_t *want_proof = node_bytes(D, get(ex, "proof"), &proof_len);
    char *record = compact(get(ex, "tableCommitment")), *proof_json = compact(get(ex, "proofJson"));
    char *items_json = compact(get(in, "items"));
    int leaves = get(in, "leaves");
    size_t nleaves = jl_count(D, leaves);
    uint64_t *indices = malloc(8 * nleaves + 8);
    for (size_t i = 0; i < nleaves; i++) {
        int leaf = jl_at(D, leaves, i);
        int e = get(leaf, "entry"), l = get(leaf, "lookupCall");
        indices[i] = e >= 0 ? small_hex(e) : ne + small_hex(l);
    }
    CHECK(hash_at(get(in, "sharedPublicInput"), spi) && want_proof && record && proof_json && items_json,
          "unreadable case");
    et_commitment *c = NULL;
    et_proof *p = NULL;
    et_bytes out;
    if (!want_proof || !EXPECT_OK(et_commitment_from_hashes(entries, ne, lookups, nl, spi, &c))) goto done;
    if (EXPECT_OK(et_commitment_to_json(c, &out))) {
        CHECK(bytes_is_text(&out, record), "record differs");
        free_bytes(&out);
    }
    uint8_t digest[32];
    EXPECT_OK(et_commitment_digest(c, digest));
    if (EXPECT_OK(et_commitment_prove(c, indices, nleaves, &p))) {
        if (EXPECT_OK(et_proof_encode(p, &out))) {
            CHECK(bytes_eq(&out, want_proof, proof_len), "proof bytes differ");
            free_bytes(&out);
        }
        if (EXPECT_OK(et_proof_to_json(p, &out))) {
            CHECK(bytes_is_text(&out, proof_json), "proof JSON differs");
            free_bytes(&out);
        }
        EXPECT_OK(et_proof_verify(p, digest, items, ni));
        if (EXPECT_OK(et_proof_verify_json(p, TXT(record), TXT(items_json), &out))) {
            CHECK(starts_with(&out, "{\"valid\":true,"), "verified JSON");
            free_bytes(&out);
        }
        char quoted[80];
        snprintf(quoted, sizeof quoted, "\"%s\"", hex_of(digest, 32));
        if (EXPECT_OK(et_proof_verify_json(p, TXT(quoted), TXT(items_json), &out))) free_bytes(&out);
        if (ni > 0) { /* a changed item no longer verifies */
            items[0] ^= 1;
            EXPECT_RC(et_proof_verify(p, digest, items, ni), ET_RESULT_PROOF_ROOT_MISMATCH);
            items[0] ^= 1;
        }
        EXPECT_OK(et_proof_free(p));
    }
    /* the proof's leaves are the items */
    int proof_indices = get(get(ex, "proofJson"), "indices");
    for (size_t j = 0; j < jl_count(D, proof_indices) && j < ni; j++) {
        uint8_t h[32];
        if (EXPECT_OK(et_commitment_item_hash(c, small_hex(jl_at(D, proof_indices, j)), h)))
            CHECK(memcmp(h, items + 32 * j, 32) == 0, "item hash of leaf %zu", j);
    }
    EXPECT_OK(et_inclusion_verify(want_proof, proof_len, digest, items, ni));
    p = NULL;
    if (EXPECT_OK(et_proof_decode(want_proof, proof_len, &p))) {
        EXPECT_OK(et_proof_verify(p, digest, items, ni));
        EXPECT_OK(et_proof_free(p));
    }
    p = NULL;
    if (EXPECT_OK(et_proof_from_json(TXT(proof_json), &p))) {
        if (EXPECT_OK(et_proof_encode(p, &out))) {
            CHECK(bytes_eq(&out, want_proof, proof_len), "proofJson encodes differently");
            free_bytes(&out);
        }
        EXPECT_OK(et_proof_free(p));
    }
    EXPECT_OK(et_commitment_free(c));
done:
    free(entries);
    free(lookups);
    free(items);
    free(want_proof);
    free(record);
    free(proof_json);
    free(items_json);
    free(indices);
}

/* ---- inclusionProofTampered ---- */
static void inclusion_proof_tampered_case(int in, int ex) {
    uint64_t code = 0;
    CHECK(jl_u64(D, get(get(ex, "error"), "code"), &code), "expected.error.code");
    int proof_node = get(in, "proof");
    char *commitment = compact(get(in, "commitment")), *items = compact(get(in, "items"));
    et_proof *p = NULL;
    et_result rc;
    if (jl_is(D, proof_node, JL_STRING)) {
        size_t len = 0;
        uint8_t *bytes = node_bytes(D, proof_node, &len);
        CHECK(bytes != NULL, "proof hex");
        rc = et_proof_decode(bytes, len, &p);
        free(bytes);
    } else {
        char *json = compact(proof_node);
        rc = et_proof_from_json(TXT(json), &p);
        free(json);
    }
    if (rc == ET_RESULT_OK) {
        et_bytes out = {(uint8_t *)1, 7, 7}; /* a sentinel: must stay untouched on failure */
        rc = et_proof_verify_json(p, TXT(commitment), TXT(items), &out);
        if (rc == ET_RESULT_OK)
            free_bytes(&out);
        else
            CHECK(out.ptr == (uint8_t *)1 && out.len == 7 && out.cap == 7, "out-param written on failure");
        EXPECT_OK(et_proof_free(p));
    } else {
        CHECK(p == NULL, "proof_out written on failure");
    }
    EXPECT_RC(rc, (et_result)code);
    free(commitment);
    free(items);
}

/* ---- ocpArtifact ---- */
static void ocp_artifact_case(int in, int ex) {
    char *artifact = compact(get(in, "artifact")), *receipt = compact(get(in, "receipt"));
    int obs = get(in, "observation");
    uint8_t *observation = NULL;
    size_t len = 0;
    et_bytes table_obs = {0};
    if (get(obs, "utf8") >= 0) {
        observation = (uint8_t *)jl_string(D, get(obs, "utf8"), &len);
    } else if (get(obs, "hex") >= 0) {
        observation = node_bytes(D, get(obs, "hex"), &len);
    } else if (get(obs, "table") >= 0) {
        char *table = compact(get(obs, "table"));
        if (EXPECT_OK(et_ocp_table_observation(TXT(table), &table_obs))) {
            observation = malloc(table_obs.len + 1);
            memcpy(observation, table_obs.ptr, table_obs.len);
            len = table_obs.len;
            int l1 = get(get(obs, "table"), "l1Batch");
            if (l1 >= 0) { /* an L1 batch's observation is abi.encode(batch) */
                char *batch_json = compact(l1);
                et_batch *b = NULL;
                et_bytes abi;
                if (EXPECT_OK(et_batch_from_json(TXT(batch_json), &b)) && EXPECT_OK(et_batch_encode(b, &abi))) {
                    CHECK(bytes_eq(&abi, observation, len), "table observation is not abi.encode(batch)");
                    free_bytes(&abi);
                }
                EXPECT_OK(et_batch_free(b));
                free(batch_json);
            }
            free_bytes(&table_obs);
        }
        free(table);
    }
    CHECK(artifact && observation, "unreadable case");
    if (!artifact || !observation) goto done;
    et_bytes report;
    et_result rc = receipt ? et_ocp_verify(TXT(artifact), observation, len, TXT(receipt), &report)
                           : et_ocp_verify(TXT(artifact), observation, len, NULL, 0, &report);
    int error = get(ex, "error");
    if (error >= 0) {
        uint64_t code = 0;
        CHECK(jl_u64(D, get(error, "code"), &code), "expected.error.code");
        EXPECT_RC(rc, (et_result)code);
        if (rc == ET_RESULT_OK) free_bytes(&report);
    } else if (EXPECT_RC(rc, ET_RESULT_OK)) {
        jl_doc out;
        int root = jl_parse(&out, (const char *)report.ptr, report.len);
        CHECK(root >= 0, "report is not JSON");
        if (root >= 0) {
            check_member(&out, root, "valid", get(ex, "valid"), "report");
            check_member(&out, root, "digest", get(ex, "digest"), "report");
            check_member(&out, root, "schemaComplete", get(ex, "schemaComplete"), "report");
            check_member(&out, jl_get(&out, root, "inclusion"), "result", get(ex, "inclusion"), "report.inclusion");
            check_member(&out, jl_get(&out, root, "hash"), "result", get(ex, "hash"), "report.hash");
        }
        jl_free(&out);
        free_bytes(&report);
    }
done:
    free(artifact);
    free(receipt);
    free(observation);
}

/* ---- batchMembership ---- */

/* The transaction input of an included posting through the decoders alone: et_calldata_layout
 * gives expected.layout, et_batch_from_calldata the expected hashes; the strict decoder accepts
 * it exactly when the layout is canonical. */
static void check_posted_input(const uint8_t *tx_input, size_t len, int ex) {
    et_bytes layout;
    if (EXPECT_OK(et_calldata_layout(tx_input, len, &layout))) {
        CHECK(bytes_are_json_of(&layout, D, get(ex, "layout")), "et_calldata_layout: %.400s",
              layout.len ? (const char *)layout.ptr : "");
        free_bytes(&layout);
    }
    et_batch *b = NULL;
    if (EXPECT_OK(et_batch_from_calldata(tx_input, len, &b))) {
        size_t n = 0, entries = 0, lookups = 0, systems = 0;
        size_t want_entries = jl_count(D, get(ex, "entryHashes")), want_lookups = jl_count(D, get(ex, "lookupCallHashes"));
        EXPECT_OK(et_batch_counts(b, &entries, &lookups, &systems));
        CHECK(entries == want_entries && lookups == want_lookups, "%zu entries, %zu lookups", entries, lookups);
        uint8_t *got = malloc(32 * (entries + lookups) + 1), want[32];
        if (entries == want_entries && EXPECT_OK(et_batch_entry_hashes(b, got, 32 * entries, &n)))
            for (size_t i = 0; i < entries; i++)
                CHECK(hash_at(jl_at(D, get(ex, "entryHashes"), i), want) && memcmp(got + 32 * i, want, 32) == 0,
                      "entry hash %zu", i);
        if (lookups == want_lookups && EXPECT_OK(et_batch_lookup_call_hashes(b, got, 32 * lookups, &n)))
            for (size_t i = 0; i < lookups; i++)
                CHECK(hash_at(jl_at(D, get(ex, "lookupCallHashes"), i), want) && memcmp(got + 32 * i, want, 32) == 0,
                      "lookup-call hash %zu", i);
        free(got);
        EXPECT_OK(et_batch_free(b));
    }
    bool canonical = false;
    CHECK(jl_bool(D, get(get(ex, "layout"), "canonical"), &canonical), "expected.layout.canonical");
    et_batch *strict = NULL;
    et_result rc = et_batch_from_calldata_strict(tx_input, len, &strict);
    if (canonical) {
        EXPECT_RC(rc, ET_RESULT_OK);
    } else {
        CHECK(rc != ET_RESULT_OK && et_verdict_of(rc) == ET_VERDICT_CANNOT_DECIDE,
              "the strict decoder accepted a non-canonical input (%u)", (unsigned)rc);
    }
    if (rc == ET_RESULT_OK) EXPECT_OK(et_batch_free(strict));
}

static void batch_membership_case(int in, int ex) {
    size_t len = 0;
    uint8_t *tx_input = node_bytes(D, get(in, "txInput"), &len);
    uint8_t manager[20];
    char *receipt = compact(get(in, "receipt")), *query = compact(get(in, "query"));
    CHECK(tx_input && receipt && query && node_fixed(D, get(in, "manager"), manager, 20), "unreadable case");
    /* The optional members go into the options object. */
    const char *optional[] = {"txHash", "blobHashes", "blobVersionedHashes", "laterReceipts"};
    size_t cap = 16, used = 0;
    for (size_t i = 0; i < 4; i++) {
        int node = get(in, optional[i]);
        if (node >= 0) cap += D->nodes[node].end - D->nodes[node].start + 32;
    }
    char *options = malloc(cap);
    options[used++] = '{';
    for (size_t i = 0; i < 4; i++) {
        char *value = compact(get(in, optional[i]));
        if (!value) continue;
        used += (size_t)sprintf(options + used, "%s\"%s\":%s", used > 1 ? "," : "", optional[i], value);
        free(value);
    }
    options[used++] = '}';
    options[used] = 0;
    et_bytes report;
    et_result rc = used > 2 ? et_verify_membership(tx_input, len, TXT(receipt), manager, TXT(query), TXT(options), &report)
                            : et_verify_membership(tx_input, len, TXT(receipt), manager, TXT(query), NULL, 0, &report);
    int error = get(ex, "error");
    if (error >= 0) {
        uint64_t code = 0;
        CHECK(jl_u64(D, get(error, "code"), &code), "expected.error.code");
        EXPECT_RC(rc, (et_result)code);
        /* The verdict of the code: every must-fail case names it. */
        const char *verdict = verdict_name(et_verdict_of(rc));
        CHECK(jl_string_is(D, get(ex, "verdict"), verdict), "et_verdict_of(%u) is %s, expected.verdict %.60s",
              (unsigned)rc, verdict, get(ex, "verdict") >= 0 ? D->text + D->nodes[get(ex, "verdict")].start : "missing");
        if (rc == ET_RESULT_OK) free_bytes(&report);
    } else if (EXPECT_RC(rc, ET_RESULT_OK)) {
        CHECK(et_verdict_of(rc) == ET_VERDICT_INCLUDED, "et_verdict_of(ET_RESULT_OK)");
        jl_doc out;
        int root = jl_parse(&out, (const char *)report.ptr, report.len);
        CHECK(root >= 0, "report is not JSON");
        if (root >= 0) {
            CHECK(jl_string_is(&out, jl_get(&out, root, "verdict"), "included"), "report.verdict is not \"included\"");
            int batch = jl_get(&out, root, "batch");
            const char *members[] = {"rollupCount", "entryHashes", "lookupCallHashes", "sharedPublicInput", "layout"};
            for (size_t i = 0; i < 5; i++) check_member(&out, batch, members[i], get(ex, members[i]), "report.batch");
            int got = jl_get(&out, root, "matches"), want = get(ex, "matches");
            CHECK(jl_count(&out, got) == jl_count(D, want), "%zu matches, expected %zu", jl_count(&out, got),
                  jl_count(D, want));
            for (size_t m = 0; m < jl_count(D, want) && m < jl_count(&out, got); m++) {
                int w = jl_at(D, want, m);
                for (int member = D->nodes[w].first_child; member >= 0; member = D->nodes[member].next_sibling) {
                    size_t klen;
                    const char *key = jl_key(D, member, &klen);
                    char name[64];
                    snprintf(name, sizeof name, "%.*s", (int)klen, key);
                    check_member(&out, jl_at(&out, got, m), name, member, "report.matches[]");
                }
            }
        }
        jl_free(&out);
        free_bytes(&report);
        check_posted_input(tx_input, len, ex);
    }
    free(tx_input);
    free(receipt);
    free(query);
    free(options);
}

/* The L2 tables of the l2EntryEncoding cases, gathered for one loadExecutionTable round trip. */
static char *g_l2_entries = NULL;
static size_t g_l2_entries_len = 0;

static void gather_l2_entry(int in) {
    char *json = compact(get(in, "entry"));
    if (!json) return;
    size_t n = strlen(json);
    g_l2_entries = realloc(g_l2_entries, g_l2_entries_len + n + 2);
    if (g_l2_entries_len) g_l2_entries[g_l2_entries_len++] = ',';
    memcpy(g_l2_entries + g_l2_entries_len, json, n);
    g_l2_entries_len += n;
    g_l2_entries[g_l2_entries_len] = 0;
    free(json);
}

/* loadExecutionTable calldata from the gathered entries: encode, decode, validate. */
static void l2_table_round_trip(kind_table *counts) {
    if (!g_l2_entries) return;
    const char *prefix = "{\"function\":\"loadExecutionTable\",\"args\":{\"entries\":[";
    const char *suffix = "],\"_lookupCalls\":[]}}";
    size_t n = strlen(prefix) + g_l2_entries_len + strlen(suffix) + 1;
    char *call = malloc(n);
    snprintf(call, n, "%s%s%s", prefix, g_l2_entries, suffix);
    unsigned long before = g_check_failures;
    g_case = "loadExecutionTable round trip";
    et_bytes calldata, json, report;
    if (EXPECT_OK(et_calldata_encode(TXT(call), &calldata))) {
        if (EXPECT_OK(et_calldata_decode(calldata.ptr, calldata.len, &json))) {
            CHECK(starts_with(&json, "{\"function\":\"loadExecutionTable\",\"selector\":\"0x59683c8b\""), "decoded call JSON");
            free_bytes(&json);
        }
        bool ok = false;
        if (EXPECT_OK(et_validate_l2_calldata(calldata.ptr, calldata.len, &report, &ok))) free_bytes(&report);
        free_bytes(&calldata);
    }
    kind_count *slot = kind_slot(counts, "l2TableCalldata (l2EntryEncoding entries)");
    slot->ran++;
    if (g_check_failures != before) slot->failed++;
    free(call);
    free(g_l2_entries);
    g_l2_entries = NULL;
    g_l2_entries_len = 0;
}

void run_vector_file_direct(const jl_doc *doc, int root, kind_table *counts) {
    D = doc;
    int cases = jl_get(doc, root, "cases");
    for (size_t i = 0; i < jl_count(doc, cases); i++) {
        int c = jl_at(doc, cases, i);
        char *id = jl_string(doc, jl_get(doc, c, "id"), NULL), *kind = jl_string(doc, jl_get(doc, c, "kind"), NULL);
        int in = jl_get(doc, c, "inputs"), ex = jl_get(doc, c, "expected");
        g_case = id ? id : "(no id)";
        unsigned long before = g_check_failures;
        bool ran = true;
        if (!kind) {
            CHECK(0, "case without kind");
            ran = false;
        } else if (!strcmp(kind, "crossChainCallHash")) {
            cross_chain_call_hash_case(in, ex);
        } else if (!strcmp(kind, "l1EntryEncoding")) {
            struct_case(in, ex, "l1.ExecutionEntry", "entry", L1_ENTRY);
        } else if (!strcmp(kind, "l1LookupCallEncoding")) {
            struct_case(in, ex, "l1.LookupCall", "lookupCall", L1_LOOKUP);
        } else if (!strcmp(kind, "l2EntryEncoding")) {
            struct_case(in, ex, "l2.ExecutionEntry", "entry", PLAIN);
            gather_l2_entry(in);
        } else if (!strcmp(kind, "l2LookupCallEncoding")) {
            struct_case(in, ex, "l2.LookupCall", "lookupCall", PLAIN);
        } else if (!strcmp(kind, "rollingHash")) {
            rolling_hash_case(c, in, ex);
        } else if (!strcmp(kind, "proxyAddress")) {
            proxy_address_case(in, ex);
        } else if (!strcmp(kind, "batchCalldata")) {
            batch_calldata_case(in, ex);
        } else if (!strcmp(kind, "publicInputsHash")) {
            public_inputs_hash_case(in, ex);
        } else if (!strcmp(kind, "e2eScenario")) {
            e2e_case(in, ex);
        } else if (!strcmp(kind, "tableCommitment")) {
            table_commitment_case(in, ex);
        } else if (!strcmp(kind, "inclusionProof")) {
            inclusion_proof_case(in, ex);
        } else if (!strcmp(kind, "inclusionProofTampered")) {
            inclusion_proof_tampered_case(in, ex);
        } else if (!strcmp(kind, "ocpArtifact")) {
            ocp_artifact_case(in, ex);
        } else if (!strcmp(kind, "batchMembership")) {
            batch_membership_case(in, ex);
        } else if (!strcmp(kind, "hostileInput")) {
            hostile_case(doc, root, c);
        } else {
            ran = false; /* ocpProduce, consumptionEvidence: no C API of their own (et_conformance_run runs them) */
        }
        if (ran && kind) {
            kind_count *slot = kind_slot(counts, kind);
            slot->ran++;
            if (g_check_failures != before) slot->failed++;
        }
        free(id);
        free(kind);
    }
    l2_table_round_trip(counts);
    g_case = "(between files)";
}
