/*
 * The hostile-input corpus (vectors/exectable-hostile.json, kind hostileInput) through the C API's
 * own functions: every case must be rejected with exactly its expected code, and the last-error
 * message must name the expected field path and byte offset when the case gives them. Truncation
 * cases run every prefix length of their range. Forms the C API has no function for (logs, revert
 * data) run one case at a time through et_conformance_run and are counted apart.
 *
 * Calldata has two decoders: `calldata` / `batchCalldata` carry the strict decoder's codes
 * (et_calldata_decode_strict, et_batch_from_calldata_strict); `calldataEvm` / `batchCalldataEvm`
 * the codes of the contract's own decoder (et_calldata_decode and et_calldata_layout,
 * et_batch_from_calldata). The Evm forms may be absent from a corpus (they are listed, not
 * failed); every other form must run.
 */
#include <stdlib.h>
#include <string.h>

#include "test_util.h"

typedef struct {
    const char *form;
    bool direct;   /* run through the form's own et_ function (else through et_conformance_run) */
    bool optional; /* a corpus without cases of this form is not a failure */
    unsigned long cases, checks, failed;
} form_count;

static form_count FORMS[] = {
    {"abi", true, false, 0, 0, 0},
    {"calldata", true, false, 0, 0, 0},
    {"batchCalldata", true, false, 0, 0, 0},
    {"calldataEvm", true, true, 0, 0, 0},
    {"batchCalldataEvm", true, true, 0, 0, 0},
    {"proofBinary", true, false, 0, 0, 0},
    {"proofVerify", true, false, 0, 0, 0},
    {"json", true, false, 0, 0, 0},
    {"proofJson", true, false, 0, 0, 0},
    {"commitmentJson", true, false, 0, 0, 0},
    {"ocpArtifact", true, false, 0, 0, 0},
    {"receipt", true, false, 0, 0, 0},
    {"proofInputDocument", true, false, 0, 0, 0},
    {"l1Log", false, false, 0, 0, 0},
    {"l2Log", false, false, 0, 0, 0},
    {"revert", false, false, 0, 0, 0},
};
#define FORM_COUNT (sizeof FORMS / sizeof FORMS[0])

static const jl_doc *H; /* the document being run */
static int H_ROOT;

static form_count *form_slot(const char *form) {
    for (size_t i = 0; i < FORM_COUNT; i++)
        if (!strcmp(FORMS[i].form, form)) return &FORMS[i];
    return NULL;
}

/* The bytes of a source of the file's header.sources (malloc'd). */
static uint8_t *source_bytes(const char *name, size_t *len) {
    int sources = jl_get(H, jl_get(H, H_ROOT, "header"), "sources");
    return node_bytes(H, jl_get(H, sources, name), len);
}

/* The case's bytes: inputs.hex, or inputs.source with patch and append applied. */
static uint8_t *case_bytes(int in, size_t *len) {
    int hex = jl_get(H, in, "hex");
    if (hex >= 0) return node_bytes(H, hex, len);
    char *name = jl_string(H, jl_get(H, in, "source"), NULL);
    uint8_t *bytes = name ? source_bytes(name, len) : NULL;
    free(name);
    if (!bytes) return NULL;
    int patches = jl_get(H, in, "patch");
    for (size_t i = 0; i < jl_count(H, patches); i++) {
        int p = jl_at(H, patches, i);
        uint64_t at = 0;
        size_t n = 0;
        uint8_t *new_bytes = node_bytes(H, jl_get(H, p, "hex"), &n);
        if (!jl_u64(H, jl_get(H, p, "at"), &at) || !new_bytes || at + n > *len) {
            free(new_bytes);
            free(bytes);
            return NULL;
        }
        memcpy(bytes + at, new_bytes, n);
        free(new_bytes);
    }
    int append = jl_get(H, in, "append");
    if (append >= 0) {
        size_t n = 0;
        uint8_t *tail = node_bytes(H, append, &n);
        uint8_t *grown = tail ? realloc(bytes, *len + n + 1) : NULL;
        if (!grown) {
            free(tail);
            free(bytes);
            return NULL;
        }
        memcpy(grown + *len, tail, n);
        *len += n;
        free(tail);
        bytes = grown;
    }
    return bytes;
}

/* "AbiBadOffset" -> "ET_RESULT_ABI_BAD_OFFSET". */
static void constant_name(const char *camel, char *out, size_t cap) {
    size_t o = (size_t)snprintf(out, cap, "ET_RESULT_");
    for (size_t i = 0; camel[i] && o + 2 < cap; i++) {
        char ch = camel[i];
        if (i > 0 && ch >= 'A' && ch <= 'Z') out[o++] = '_';
        out[o++] = (char)(ch >= 'a' && ch <= 'z' ? ch - 'a' + 'A' : ch);
    }
    out[o] = 0;
}

typedef struct {
    uint64_t code;
    char *name, *path;
    bool has_offset;
    uint64_t offset;
} expected_error;

/* Checks a result against the expectation: the code, and the message naming the path and offset. */
static bool check_result(et_result rc, const expected_error *want, const char *at) {
    if ((uint64_t)rc != want->code) {
        const char *got_name = "?";
        char message[512];
        snprintf(message, sizeof message, "%s", rc == ET_RESULT_OK ? "(accepted)" : last_error());
        et_result_name(rc, &got_name);
        CHECK(0, "%sreturned %u %s, expected %llu: %s", at, (unsigned)rc, got_name, (unsigned long long)want->code,
              message);
        return false;
    }
    const char *message = last_error();
    bool ok = true;
    if (want->path && !strstr(message, want->path)) {
        CHECK(0, "%smessage does not name path %s: %s", at, want->path, message);
        ok = false;
    }
    if (want->has_offset) {
        char digits[32];
        snprintf(digits, sizeof digits, "%llu", (unsigned long long)want->offset);
        if (!strstr(message, digits)) {
            CHECK(0, "%smessage does not name offset %s: %s", at, digits, message);
            ok = false;
        }
    }
    return ok;
}

/* Runs a byte form on (bytes, len) through its et_ function. */
static et_result run_bytes(const char *form, int in, const uint8_t *bytes, size_t len) {
    et_bytes out = {0};
    et_result rc;
    if (!strcmp(form, "abi")) {
        char *type = jl_string(H, jl_get(H, in, "type"), NULL);
        rc = et_struct_decode(type ? type : "", bytes, len, &out);
        free(type);
    } else if (!strcmp(form, "calldata")) {
        rc = et_calldata_decode_strict(bytes, len, &out);
    } else if (!strcmp(form, "calldataEvm")) {
        /* et_calldata_layout reads the input with the same decoder: the same code. The decode runs
         * last, so the message checked is its own. */
        et_bytes layout = {0};
        et_result layout_rc = et_calldata_layout(bytes, len, &layout);
        if (layout_rc == ET_RESULT_OK) free_bytes(&layout);
        rc = et_calldata_decode(bytes, len, &out);
        CHECK(layout_rc == rc, "et_calldata_layout returned %u, et_calldata_decode %u", (unsigned)layout_rc,
              (unsigned)rc);
    } else if (!strcmp(form, "batchCalldata")) {
        et_batch *batch = NULL;
        rc = et_batch_from_calldata_strict(bytes, len, &batch);
        if (rc == ET_RESULT_OK) et_batch_free(batch);
    } else if (!strcmp(form, "batchCalldataEvm")) {
        et_batch *batch = NULL;
        rc = et_batch_from_calldata(bytes, len, &batch);
        if (rc == ET_RESULT_OK) et_batch_free(batch);
    } else if (!strcmp(form, "proofBinary")) {
        et_proof *proof = NULL;
        rc = et_proof_decode(bytes, len, &proof);
        if (rc == ET_RESULT_OK) et_proof_free(proof);
    } else if (!strcmp(form, "proofVerify")) {
        uint8_t commitment[32];
        int hashes_node = jl_get(H, in, "itemHashes");
        size_t n = jl_count(H, hashes_node);
        uint8_t *hashes = calloc(n ? n : 1, 32);
        bool read = hashes && node_fixed(H, jl_get(H, in, "commitment"), commitment, 32);
        for (size_t i = 0; read && i < n; i++) read = node_fixed(H, jl_at(H, hashes_node, i), hashes + 32 * i, 32);
        CHECK(read, "unreadable proofVerify inputs");
        rc = read ? et_inclusion_verify(bytes, len, commitment, hashes, n) : ET_RESULT_OK;
        free(hashes);
    } else {
        CHECK(0, "unknown byte form %s", form);
        rc = ET_RESULT_OK;
    }
    if (rc == ET_RESULT_OK) free_bytes(&out);
    return rc;
}

/* Runs a text form through its et_ function. */
static et_result run_text(const char *form, int in, const char *text, size_t len) {
    const uint8_t *t = (const uint8_t *)text;
    et_bytes out = {0};
    et_result rc;
    if (!strcmp(form, "json")) {
        char *type = jl_string(H, jl_get(H, in, "type"), NULL);
        rc = et_struct_encode(type ? type : "", t, len, &out);
        free(type);
    } else if (!strcmp(form, "proofJson")) {
        et_proof *proof = NULL;
        rc = et_proof_from_json(t, len, &proof);
        if (rc == ET_RESULT_OK) et_proof_free(proof);
    } else if (!strcmp(form, "commitmentJson")) {
        /* The commitment a verifier trusts, read by et_proof_verify_json before anything else. */
        size_t proof_len = 0;
        uint8_t *proof_bytes = source_bytes("demoProof", &proof_len);
        et_proof *proof = NULL;
        rc = ET_RESULT_OK;
        if (proof_bytes && EXPECT_OK(et_proof_decode(proof_bytes, proof_len, &proof))) {
            rc = et_proof_verify_json(proof, t, len, (const uint8_t *)"[]", 2, &out);
            et_proof_free(proof);
        }
        free(proof_bytes);
    } else if (!strcmp(form, "ocpArtifact")) {
        rc = et_ocp_verify(t, len, NULL, 0, NULL, 0, &out);
    } else if (!strcmp(form, "receipt")) {
        /* The receipt of a membership check: et_verify_membership reads it before the batch. */
        size_t cd_len = 0;
        uint8_t *calldata = source_bytes("demoCalldata", &cd_len);
        uint8_t manager[20] = {0};
        const char *query = "{\"entryHash\": \"0x0000000000000000000000000000000000000000000000000000000000000000\"}";
        rc = calldata ? et_verify_membership(calldata, cd_len, t, len, manager, (const uint8_t *)query, strlen(query),
                                             NULL, 0, &out)
                      : ET_RESULT_OK;
        free(calldata);
    } else if (!strcmp(form, "proofInputDocument")) {
        bool ok = false;
        rc = et_proof_inputs_verify(t, len, &out, &ok);
    } else {
        CHECK(0, "unknown text form %s", form);
        rc = ET_RESULT_OK;
    }
    if (rc == ET_RESULT_OK) free_bytes(&out);
    return rc;
}

/* Runs one case through et_conformance_run, alone in a file with the corpus' header. */
static void run_through_conformance(int c, form_count *slot) {
    char *header = jl_compact(H, jl_get(H, H_ROOT, "header"), NULL);
    char *one = jl_compact(H, c, NULL);
    size_t cap = strlen(header) + strlen(one) + 64;
    char *file = malloc(cap);
    int n = snprintf(file, cap, "{\"header\":%s,\"cases\":[%s]}", header, one);
    et_bytes report = {0};
    uint32_t passed = 0, failed = 0;
    if (EXPECT_OK(et_conformance_run((const uint8_t *)file, (size_t)n, &report, &passed, &failed))) {
        if (passed != 1 || failed != 0) {
            char *text = malloc(report.len + 1);
            memcpy(text, report.ptr, report.len);
            text[report.len] = 0;
            CHECK(0, "et_conformance_run: %u passed, %u failed: %.400s", passed, failed, text);
            free(text);
            slot->failed++;
        }
        free_bytes(&report);
    } else {
        slot->failed++;
    }
    slot->checks++;
    free(file);
    free(one);
    free(header);
}

void hostile_case(const jl_doc *doc, int root, int c) {
    H = doc;
    H_ROOT = root;
    int in = jl_get(doc, c, "inputs"), ex = jl_get(doc, c, "expected");
    char *form = jl_string(doc, jl_get(doc, in, "form"), NULL);
    form_count *slot = form ? form_slot(form) : NULL;
    CHECK(slot != NULL, "unknown hostile form %s", form ? form : "(none)");
    if (!slot) {
        free(form);
        return;
    }
    slot->cases++;
    if (!slot->direct) {
        run_through_conformance(c, slot);
        free(form);
        return;
    }
    expected_error want = {0};
    CHECK(jl_u64(doc, jl_get(doc, ex, "code"), &want.code), "expected.code");
    want.name = jl_string(doc, jl_get(doc, ex, "name"), NULL);
    want.path = jl_string(doc, jl_get(doc, ex, "path"), NULL);
    want.has_offset = jl_u64(doc, jl_get(doc, ex, "offset"), &want.offset);
    if (want.name) {
        /* The vectors' name is the CamelCase of the library's constant. */
        char constant[96];
        const char *lib_name = "?";
        constant_name(want.name, constant, sizeof constant);
        CHECK(et_result_name((uint32_t)want.code, &lib_name) == ET_RESULT_OK && !strcmp(lib_name, constant),
              "code %llu is %s, the case names %s", (unsigned long long)want.code, lib_name, want.name);
    }
    unsigned long before = g_check_failures;
    int text_node = jl_get(doc, in, "text");
    if (text_node >= 0) {
        size_t len = 0;
        char *text = jl_string(doc, text_node, &len);
        check_result(run_text(form, in, text ? text : "", len), &want, "");
        slot->checks++;
        free(text);
    } else {
        size_t len = 0;
        uint8_t *bytes = case_bytes(in, &len);
        CHECK(bytes != NULL, "unreadable case bytes");
        uint64_t from = 0, to = 0;
        bool range = jl_u64(doc, jl_get(doc, in, "prefixFrom"), &from) && jl_u64(doc, jl_get(doc, in, "prefixTo"), &to);
        if (bytes && range) {
            CHECK(from < to && to <= len, "prefix range %llu..%llu of %zu bytes", (unsigned long long)from,
                  (unsigned long long)to, len);
            for (uint64_t n = from; n < to && to <= len; n++) {
                char at[48];
                snprintf(at, sizeof at, "prefix %llu: ", (unsigned long long)n);
                if (!check_result(run_bytes(form, in, bytes, (size_t)n), &want, at)) break;
                slot->checks++;
            }
        } else if (bytes) {
            check_result(run_bytes(form, in, bytes, len), &want, "");
            slot->checks++;
        }
        free(bytes);
    }
    if (g_check_failures != before) slot->failed++;
    free(want.name);
    free(want.path);
    free(form);
}

bool report_hostile_forms(void) {
    unsigned long total = 0;
    for (size_t i = 0; i < FORM_COUNT; i++) total += FORMS[i].cases;
    if (total == 0) {
        fprintf(stderr, "FAIL: no hostileInput case ran (pass vectors/exectable-hostile.json)\n");
        return false;
    }
    bool ok = true;
    printf("hostileInput per form (cases / checks, how):\n");
    for (size_t i = 0; i < FORM_COUNT; i++) {
        form_count *f = &FORMS[i];
        if (f->cases == 0 && f->optional) {
            printf("  %-20s no case in this corpus\n", f->form);
            continue;
        }
        printf("  %-20s %5lu cases %6lu checks %3lu failed  %s\n", f->form, f->cases, f->checks, f->failed,
               f->direct ? "C API" : "et_conformance_run");
        if (f->cases == 0 || f->checks == 0) {
            fprintf(stderr, "FAIL: hostile form %s ran zero cases\n", f->form);
            ok = false;
        }
        if (f->failed) ok = false;
    }
    return ok;
}
