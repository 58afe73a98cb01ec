/*
 * The C test suite of exectable's C API.
 *
 *   exectable_c_tests VECTOR_FILE...
 *
 * 1. Every case of every file through the C API directly (test_vectors.c), counted per kind.
 * 2. Every file through et_conformance_run (core's runner behind the C API), counted per kind.
 * 3. Misuse: NULLs, zero lengths, wrong/freed handles, hostile lengths, small buffers, panics,
 *    threads (test_misuse.c).
 * 4. The hostile-input corpus case by case through the C API's own functions (test_hostile.c,
 *    part of 1), counted per form.
 * 5. Decode modes (the contract's decoder and the strict one, layouts) and verdicts
 *    (test_modes.c).
 * Fails when a check fails, a kind ran zero cases, or a handle is left alive.
 */
#include <stdlib.h>
#include <string.h>

#include "test_util.h"

/* Kinds the direct run implements, and the kinds core's runner must run (every kind of the corpus). */
static const char *DIRECT_KINDS[] = {
    "crossChainCallHash", "l1EntryEncoding", "l1LookupCallEncoding", "l2EntryEncoding", "l2LookupCallEncoding",
    "rollingHash", "proxyAddress", "batchCalldata", "publicInputsHash", "e2eScenario", "tableCommitment",
    "inclusionProof", "inclusionProofTampered", "ocpArtifact", "batchMembership", "hostileInput",
};
static const char *RUNNER_KINDS[] = {
    "crossChainCallHash", "l1EntryEncoding", "l1LookupCallEncoding", "l2EntryEncoding", "l2LookupCallEncoding",
    "rollingHash", "proxyAddress", "batchCalldata", "publicInputsHash", "e2eScenario", "tableCommitment",
    "inclusionProof", "inclusionProofTampered", "ocpArtifact", "ocpProduce", "batchMembership",
    "consumptionEvidence", "hostileInput",
};

static unsigned long g_passed = 0, g_failed = 0;

static void run_conformance(const char *path, const char *text, size_t len, kind_table *runner) {
    g_case = path;
    et_bytes report;
    uint32_t passed = 0, failed = 0;
    if (!EXPECT_OK(et_conformance_run((const uint8_t *)text, len, &report, &passed, &failed))) return;
    jl_doc doc;
    int root = jl_parse(&doc, (const char *)report.ptr, report.len);
    CHECK(root >= 0, "report is not JSON");
    int kinds = jl_get(&doc, root, "kinds");
    for (int k = root >= 0 ? doc.nodes[kinds].first_child : -1; k >= 0; k = doc.nodes[k].next_sibling) {
        size_t klen;
        const char *key = jl_key(&doc, k, &klen);
        char name[64];
        snprintf(name, sizeof name, "%.*s", (int)klen, key);
        uint64_t p = 0, f = 0;
        CHECK(jl_u64(&doc, jl_get(&doc, k, "passed"), &p) && jl_u64(&doc, jl_get(&doc, k, "failed"), &f), "counts");
        kind_count *slot = kind_slot(runner, name);
        slot->ran += p + f;
        slot->failed += f;
    }
    int failures = jl_get(&doc, root, "failures");
    for (size_t i = 0; i < jl_count(&doc, failures); i++) {
        char *id = jl_compact(&doc, jl_get(&doc, jl_at(&doc, failures, i), "id"), NULL);
        char *reason = jl_compact(&doc, jl_get(&doc, jl_at(&doc, failures, i), "reason"), NULL);
        CHECK(0, "conformance case %s failed: %.400s", id, reason);
        free(id);
        free(reason);
    }
    CHECK(failed == 0, "%u conformance cases failed", failed);
    g_passed += passed;
    g_failed += failed;
    jl_free(&doc);
    free_bytes(&report);
}

static bool report_kinds(const char *title, kind_table *t, const char **expected, size_t n_expected) {
    bool ok = true;
    printf("%s:\n", title);
    for (size_t i = 0; i < t->n; i++)
        printf("  %-44s %6lu ran %4lu failed\n", t->kinds[i].kind, t->kinds[i].ran, t->kinds[i].failed);
    for (size_t i = 0; i < n_expected; i++) {
        kind_count *slot = kind_slot(t, expected[i]);
        if (slot->ran == 0) {
            fprintf(stderr, "FAIL: kind %s ran zero cases (%s)\n", expected[i], title);
            ok = false;
        }
    }
    return ok;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s VECTOR_FILE...\n", argv[0]);
        return 2;
    }
    uint32_t major = 99, minor = 99, patch = 99;
    if (!EXPECT_OK(et_version(&major, &minor, &patch))) return 1;
    printf("exectable C API %u.%u.%u (header %d.%d.%d)\n", major, minor, patch, EXECTABLE_VERSION_MAJOR,
           EXECTABLE_VERSION_MINOR, EXECTABLE_VERSION_PATCH);
    CHECK(major == EXECTABLE_VERSION_MAJOR && minor == EXECTABLE_VERSION_MINOR && patch == EXECTABLE_VERSION_PATCH,
          "library and header versions differ");

    kind_table direct = {0}, runner = {0};
    for (int i = 1; i < argc; i++) {
        size_t len = 0;
        char *text = read_file(argv[i], &len);
        g_case = argv[i];
        CHECK(text != NULL, "cannot read %s", argv[i]);
        if (!text) continue;
        jl_doc doc;
        int root = jl_parse(&doc, text, len);
        CHECK(root >= 0, "%s: %s", argv[i], doc.error);
        if (root >= 0) {
            kind_table file_counts = {0};
            run_vector_file_direct(&doc, root, &file_counts);
            for (size_t k = 0; k < file_counts.n; k++) {
                kind_count *slot = kind_slot(&direct, file_counts.kinds[k].kind);
                slot->ran += file_counts.kinds[k].ran;
                slot->failed += file_counts.kinds[k].failed;
                g_passed += file_counts.kinds[k].ran - file_counts.kinds[k].failed;
                g_failed += file_counts.kinds[k].failed;
            }
        }
        run_conformance(argv[i], text, len, &runner);
        jl_free(&doc);
        free(text);
    }

    CHECK(g_sample_calldata != NULL, "no batchCalldata case: the misuse tests need one");
    unsigned long misuse = 0;
    if (g_sample_calldata) misuse = run_misuse_tests(g_sample_calldata, g_sample_calldata_len);
    g_passed += misuse - g_misuse_failed;
    g_failed += g_misuse_failed;
    unsigned long modes = 0;
    if (g_sample_calldata) modes = run_mode_tests(g_sample_calldata, g_sample_calldata_len);
    g_passed += modes - g_modes_failed;
    g_failed += g_modes_failed;
    free(g_sample_calldata);

    size_t live = 1;
    g_case = "(end)";
    EXPECT_OK(et_live_handle_count(&live));
    CHECK(live == 0, "%zu handles left alive", live);

    bool kinds_ok = report_kinds("direct C API runs per kind", &direct, DIRECT_KINDS,
                                 sizeof DIRECT_KINDS / sizeof DIRECT_KINDS[0]);
    kinds_ok &= report_kinds("et_conformance_run per kind", &runner, RUNNER_KINDS,
                             sizeof RUNNER_KINDS / sizeof RUNNER_KINDS[0]);
    kinds_ok &= report_hostile_forms();
    printf("misuse cases: %lu ran, %lu failed\n", misuse, g_misuse_failed);
    printf("decode-mode and verdict cases: %lu ran, %lu failed\n", modes, g_modes_failed);
    printf("checks failed: %lu\n", g_check_failures);
    printf("%lu passed, %lu failed\n", g_passed, g_failed + (kinds_ok ? 0 : 1));
    return g_check_failures == 0 && kinds_ok && g_failed == 0 ? 0 : 1;
}
