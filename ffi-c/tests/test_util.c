#include "test_util.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

unsigned long g_check_failures = 0;
const char *g_case = "(setup)";

void check_fail(const char *file, int line, const char *fmt, ...) {
    va_list args;
    va_start(args, fmt);
    fprintf(stderr, "FAIL [%s] %s:%d: ", g_case, file, line);
    vfprintf(stderr, fmt, args);
    fputc('\n', stderr);
    va_end(args);
    g_check_failures++;
}

const char *last_error(void) {
    static char buf[4096];
    size_t written = 0;
    if (et_last_error_message(buf, sizeof buf, &written) != ET_RESULT_OK) return "(message longer than 4096 bytes)";
    return buf;
}

bool expect_rc(et_result got, et_result want, const char *what, const char *file, int line) {
    if (got == want) return true;
    /* Read the message first: et_result_name succeeds and so clears it. */
    char message[4096];
    size_t written = 0;
    if (et_last_error_message(message, sizeof message, &written) != ET_RESULT_OK) strcpy(message, "?");
    const char *got_name = "?", *want_name = "?";
    et_result_name(got, &got_name);
    et_result_name(want, &want_name);
    check_fail(file, line, "%s returned %u %s, expected %u %s; message: %s", what, (unsigned)got, got_name,
               (unsigned)want, want_name, message);
    return false;
}

static int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

uint8_t *hex_decode(const char *text, size_t len, size_t *out_len) {
    if (len < 2 || text[0] != '0' || (text[1] != 'x' && text[1] != 'X')) return NULL;
    text += 2;
    len -= 2;
    if (len % 2 != 0) return NULL;
    uint8_t *out = malloc(len / 2 + 1);
    if (!out) return NULL;
    for (size_t i = 0; i < len / 2; i++) {
        int hi = hex_digit(text[2 * i]), lo = hex_digit(text[2 * i + 1]);
        if (hi < 0 || lo < 0) {
            free(out);
            return NULL;
        }
        out[i] = (uint8_t)(hi * 16 + lo);
    }
    *out_len = len / 2;
    return out;
}

bool u256_from_hex(const char *text, size_t len, uint8_t out[32]) {
    if (len < 3 || text[0] != '0' || (text[1] != 'x' && text[1] != 'X') || len - 2 > 64) return false;
    memset(out, 0, 32);
    size_t digits = len - 2;
    for (size_t i = 0; i < digits; i++) {
        int d = hex_digit(text[len - 1 - i]);
        if (d < 0) return false;
        out[31 - i / 2] |= (uint8_t)(i % 2 ? d << 4 : d);
    }
    return true;
}

static bool node_text(const jl_doc *doc, int node, const char **text, size_t *len) {
    if (!jl_is(doc, node, JL_STRING)) return false;
    *text = doc->text + doc->nodes[node].start + 1;
    *len = doc->nodes[node].end - doc->nodes[node].start - 2;
    return true;
}

bool node_fixed(const jl_doc *doc, int node, uint8_t *out, size_t n) {
    const char *text;
    size_t len, got;
    if (!node_text(doc, node, &text, &len)) return false;
    uint8_t *bytes = hex_decode(text, len, &got);
    if (!bytes) return false;
    bool ok = got == n;
    if (ok) memcpy(out, bytes, n);
    free(bytes);
    return ok;
}

uint8_t *node_bytes(const jl_doc *doc, int node, size_t *len) {
    const char *text;
    size_t text_len;
    if (!node_text(doc, node, &text, &text_len)) return NULL;
    return hex_decode(text, text_len, len);
}

bool node_u256(const jl_doc *doc, int node, uint8_t out[32]) {
    const char *text;
    size_t len;
    return node_text(doc, node, &text, &len) && u256_from_hex(text, len, out);
}

const char *hex_of(const uint8_t *bytes, size_t len) {
    static char bufs[4][200];
    static int next = 0;
    char *buf = bufs[next++ % 4];
    size_t shown = len > 96 ? 96 : len;
    strcpy(buf, "0x");
    for (size_t i = 0; i < shown; i++) sprintf(buf + 2 + 2 * i, "%02x", bytes[i]);
    if (shown < len) strcat(buf, "…");
    return buf;
}

bool bytes_eq(const et_bytes *b, const uint8_t *want, size_t len) {
    if (b->len != len) return false;
    return len == 0 || memcmp(b->ptr, want, len) == 0;
}

bool bytes_is_text(const et_bytes *b, const char *want) { return bytes_eq(b, (const uint8_t *)want, strlen(want)); }

void free_bytes(et_bytes *b) {
    if (et_bytes_free(b) != ET_RESULT_OK) check_fail(__FILE__, __LINE__, "et_bytes_free refused a library buffer");
    CHECK(b->ptr == NULL && b->len == 0 && b->cap == 0, "et_bytes_free did not reset the struct");
}

const char *verdict_name(et_verdict v) {
    switch (v) {
        case ET_VERDICT_INCLUDED: return "included";
        case ET_VERDICT_NOT_INCLUDED: return "notIncluded";
        case ET_VERDICT_CANNOT_DECIDE: return "cannotDecide";
    }
    return "?";
}

bool bytes_are_json_of(const et_bytes *b, const jl_doc *doc, int node) {
    if (node < 0 || b->len == 0) return false;
    jl_doc got;
    int root = jl_parse(&got, (const char *)b->ptr, b->len);
    bool same = false;
    if (root >= 0) {
        char *g = jl_compact(&got, root, NULL), *w = jl_compact(doc, node, NULL);
        same = g && w && strcmp(g, w) == 0;
        free(g);
        free(w);
    }
    jl_free(&got);
    return same;
}

kind_count *kind_slot(kind_table *t, const char *kind) {
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->kinds[i].kind, kind) == 0) return &t->kinds[i];
    if (t->n == sizeof t->kinds / sizeof t->kinds[0]) return NULL;
    kind_count *slot = &t->kinds[t->n++];
    memset(slot, 0, sizeof *slot);
    snprintf(slot->kind, sizeof slot->kind, "%s", kind);
    return slot;
}
