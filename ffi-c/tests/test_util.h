/* Shared helpers of the C tests: checks that count, hex conversion, buffer handling. */
#ifndef EXECTABLE_TEST_UTIL_H
#define EXECTABLE_TEST_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "exectable.h"
#include "json_lite.h"

/* Failed checks so far (every check failure prints a line naming the case). */
extern unsigned long g_check_failures;
/* The case being run, for messages. */
extern const char *g_case;

void check_fail(const char *file, int line, const char *fmt, ...);

#define CHECK(cond, ...)                                        \
    do {                                                        \
        if (!(cond)) check_fail(__FILE__, __LINE__, __VA_ARGS__); \
    } while (0)

/* Calls an et_ function and checks it returns `want`; on mismatch prints the last-error message. */
#define EXPECT_RC(call, want) expect_rc((call), (want), #call, __FILE__, __LINE__)
#define EXPECT_OK(call) EXPECT_RC(call, ET_RESULT_OK)
bool expect_rc(et_result got, et_result want, const char *what, const char *file, int line);

/* The calling thread's last-error message (static buffer). */
const char *last_error(void);

/* "0x…" → bytes (malloc'd; NULL on bad hex). Accepts upper and lower case. */
uint8_t *hex_decode(const char *text, size_t len, size_t *out_len);
/* "0x…" minimal-hex uint256 → 32 bytes big-endian. */
bool u256_from_hex(const char *text, size_t len, uint8_t out[32]);
/* Hex string node of `doc` → exactly `n` bytes into `out`. */
bool node_fixed(const jl_doc *doc, int node, uint8_t *out, size_t n);
/* Hex string node → malloc'd bytes. */
uint8_t *node_bytes(const jl_doc *doc, int node, size_t *len);
/* uint256 hex string node → 32 bytes. */
bool node_u256(const jl_doc *doc, int node, uint8_t out[32]);
/* Bytes → "0x…" (static rotating buffers, for messages). */
const char *hex_of(const uint8_t *bytes, size_t len);

/* Whether an et_bytes holds exactly `len` bytes equal to `want`. */
bool bytes_eq(const et_bytes *b, const uint8_t *want, size_t len);
/* Whether an et_bytes holds exactly the NUL-terminated string `want`. */
bool bytes_is_text(const et_bytes *b, const char *want);
/* Frees an et_bytes and checks that the library accepted it. */
void free_bytes(et_bytes *b);

/* The verdict's name as the vectors write it: "included", "notIncluded", "cannotDecide" ("?" for
 * a value that is none of the three). */
const char *verdict_name(et_verdict v);
/* Whether an et_bytes holds exactly the JSON text of node `node` of `doc` once both are compacted. */
bool bytes_are_json_of(const et_bytes *b, const jl_doc *doc, int node);

/* Per-kind counters of one way of running the vectors. */
typedef struct {
    char kind[48];
    unsigned long ran, failed;
} kind_count;

typedef struct {
    kind_count kinds[48];
    size_t n;
} kind_table;

kind_count *kind_slot(kind_table *t, const char *kind);

/* Runs every case of a parsed vector file through the C API directly; counts per kind. */
void run_vector_file_direct(const jl_doc *doc, int root, kind_table *counts);
/* Runs the misuse cases; returns the number run (g_misuse_failed counts the failed ones). */
extern unsigned long g_misuse_failed;
/* The first batchCalldata case's calldata (set by run_vector_file_direct). */
extern uint8_t *g_sample_calldata;
extern size_t g_sample_calldata_len;
unsigned long run_misuse_tests(const uint8_t *batch_calldata, size_t batch_calldata_len);
/* Decode modes (Evm / strict, layouts) and verdicts (test_modes.c); returns the number of cases
 * run (g_modes_failed counts the failed ones). */
extern unsigned long g_modes_failed;
unsigned long run_mode_tests(const uint8_t *batch_calldata, size_t batch_calldata_len);

/* The hostile-input corpus (test_hostile.c): runs case node `c` of the file `doc` (root `root`,
 * whose header.sources the case may name) through the C API, counted per form. */
void hostile_case(const jl_doc *doc, int root, int c);
/* Prints the per-form counts; false when a form ran no case or a case failed. */
bool report_hostile_forms(void);

#endif
