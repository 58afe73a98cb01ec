#include "json_lite.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define JL_MAX_DEPTH 128

typedef struct {
    jl_doc *doc;
    size_t pos;
    int depth;
} jl_parser;

static int fail(jl_parser *p, const char *what) {
    snprintf(p->doc->error, sizeof p->doc->error, "%s at byte %zu", what, p->pos);
    return -1;
}

static void skip_ws(jl_parser *p) {
    const char *t = p->doc->text;
    while (p->pos < p->doc->len && (t[p->pos] == ' ' || t[p->pos] == '\n' || t[p->pos] == '\r' || t[p->pos] == '\t'))
        p->pos++;
}

static int new_node(jl_parser *p, jl_type type) {
    jl_doc *d = p->doc;
    if (d->n == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 1024;
        jl_node *nodes = realloc(d->nodes, cap * sizeof *nodes);
        if (!nodes) return -1;
        d->nodes = nodes;
        d->cap = cap;
    }
    jl_node *n = &d->nodes[d->n];
    n->type = type;
    n->start = p->pos;
    n->end = p->pos;
    n->key = -1;
    n->first_child = -1;
    n->next_sibling = -1;
    n->count = 0;
    return (int)d->n++;
}

static int parse_value(jl_parser *p);

static int parse_string(jl_parser *p) {
    const char *t = p->doc->text;
    int id = new_node(p, JL_STRING);
    if (id < 0) return fail(p, "out of memory");
    p->pos++; /* opening quote */
    while (p->pos < p->doc->len) {
        unsigned char c = (unsigned char)t[p->pos];
        if (c == '"') {
            p->pos++;
            p->doc->nodes[id].end = p->pos;
            return id;
        }
        if (c < 0x20) return fail(p, "control character in string");
        if (c == '\\') {
            p->pos++;
            if (p->pos >= p->doc->len) break;
            char e = t[p->pos];
            if (e == 'u') {
                for (int i = 1; i <= 4; i++) {
                    if (p->pos + i >= p->doc->len || !strchr("0123456789abcdefABCDEF", t[p->pos + i]))
                        return fail(p, "bad \\u escape");
                }
                p->pos += 4;
            } else if (!strchr("\"\\/bfnrt", e)) {
                return fail(p, "bad escape");
            }
        }
        p->pos++;
    }
    return fail(p, "unterminated string");
}

static int parse_literal(jl_parser *p, const char *word, jl_type type) {
    size_t n = strlen(word);
    if (p->pos + n > p->doc->len || memcmp(p->doc->text + p->pos, word, n) != 0) return fail(p, "bad literal");
    int id = new_node(p, type);
    if (id < 0) return fail(p, "out of memory");
    p->pos += n;
    p->doc->nodes[id].end = p->pos;
    return id;
}

static int parse_number(jl_parser *p) {
    const char *t = p->doc->text;
    int id = new_node(p, JL_NUMBER);
    if (id < 0) return fail(p, "out of memory");
    size_t start = p->pos;
    if (t[p->pos] == '-') p->pos++;
    size_t digits = p->pos;
    while (p->pos < p->doc->len && t[p->pos] >= '0' && t[p->pos] <= '9') p->pos++;
    if (p->pos == digits) return fail(p, "bad number");
    if (p->pos < p->doc->len && t[p->pos] == '.') {
        p->pos++;
        size_t frac = p->pos;
        while (p->pos < p->doc->len && t[p->pos] >= '0' && t[p->pos] <= '9') p->pos++;
        if (p->pos == frac) return fail(p, "bad fraction");
    }
    if (p->pos < p->doc->len && (t[p->pos] == 'e' || t[p->pos] == 'E')) {
        p->pos++;
        if (p->pos < p->doc->len && (t[p->pos] == '+' || t[p->pos] == '-')) p->pos++;
        size_t exp = p->pos;
        while (p->pos < p->doc->len && t[p->pos] >= '0' && t[p->pos] <= '9') p->pos++;
        if (p->pos == exp) return fail(p, "bad exponent");
    }
    p->doc->nodes[id].start = start;
    p->doc->nodes[id].end = p->pos;
    return id;
}

/* Appends `child` to container `parent` (keeping the last child in `*last`). */
static void link_child(jl_doc *d, int parent, int *last, int child) {
    if (*last < 0)
        d->nodes[parent].first_child = child;
    else
        d->nodes[*last].next_sibling = child;
    *last = child;
    d->nodes[parent].count++;
}

static int parse_container(jl_parser *p, bool object) {
    jl_doc *d = p->doc;
    if (++p->depth > JL_MAX_DEPTH) return fail(p, "nesting too deep");
    int id = new_node(p, object ? JL_OBJECT : JL_ARRAY);
    if (id < 0) return fail(p, "out of memory");
    char close = object ? '}' : ']';
    int last = -1;
    p->pos++;
    skip_ws(p);
    if (p->pos < d->len && d->text[p->pos] == close) {
        p->pos++;
        d->nodes[id].end = p->pos;
        p->depth--;
        return id;
    }
    for (;;) {
        int key = -1;
        if (object) {
            skip_ws(p);
            if (p->pos >= d->len || d->text[p->pos] != '"') return fail(p, "expected a key");
            key = parse_string(p);
            if (key < 0) return -1;
            skip_ws(p);
            if (p->pos >= d->len || d->text[p->pos] != ':') return fail(p, "expected ':'");
            p->pos++;
        }
        int value = parse_value(p);
        if (value < 0) return -1;
        d->nodes[value].key = key;
        link_child(d, id, &last, value);
        skip_ws(p);
        if (p->pos >= d->len) return fail(p, "unterminated container");
        char c = d->text[p->pos];
        if (c == ',') {
            p->pos++;
            continue;
        }
        if (c == close) {
            p->pos++;
            d->nodes[id].end = p->pos;
            p->depth--;
            return id;
        }
        return fail(p, "expected ',' or the closing bracket");
    }
}

static int parse_value(jl_parser *p) {
    skip_ws(p);
    if (p->pos >= p->doc->len) return fail(p, "unexpected end");
    switch (p->doc->text[p->pos]) {
        case '{': return parse_container(p, true);
        case '[': return parse_container(p, false);
        case '"': return parse_string(p);
        case 't': return parse_literal(p, "true", JL_BOOL);
        case 'f': return parse_literal(p, "false", JL_BOOL);
        case 'n': return parse_literal(p, "null", JL_NULL);
        default: return parse_number(p);
    }
}

int jl_parse(jl_doc *doc, const char *text, size_t len) {
    memset(doc, 0, sizeof *doc);
    doc->text = text;
    doc->len = len;
    jl_parser p = {doc, 0, 0};
    int root = parse_value(&p);
    if (root < 0) return -1;
    skip_ws(&p);
    if (p.pos != len) return fail(&p, "trailing characters");
    return root;
}

void jl_free(jl_doc *doc) {
    free(doc->nodes);
    doc->nodes = NULL;
    doc->n = doc->cap = 0;
}

const char *jl_key(const jl_doc *doc, int member, size_t *len) {
    if (member < 0 || doc->nodes[member].key < 0) return NULL;
    const jl_node *k = &doc->nodes[doc->nodes[member].key];
    *len = k->end - k->start - 2;
    return doc->text + k->start + 1;
}

int jl_get(const jl_doc *doc, int obj, const char *key) {
    if (obj < 0 || doc->nodes[obj].type != JL_OBJECT) return -1;
    size_t want = strlen(key);
    for (int c = doc->nodes[obj].first_child; c >= 0; c = doc->nodes[c].next_sibling) {
        size_t len;
        const char *k = jl_key(doc, c, &len);
        if (len == want && memcmp(k, key, len) == 0) return c;
    }
    return -1;
}

int jl_at(const jl_doc *doc, int arr, size_t i) {
    if (arr < 0 || doc->nodes[arr].type != JL_ARRAY) return -1;
    int c = doc->nodes[arr].first_child;
    while (c >= 0 && i > 0) {
        c = doc->nodes[c].next_sibling;
        i--;
    }
    return c;
}

size_t jl_count(const jl_doc *doc, int node) {
    if (node < 0) return 0;
    return doc->nodes[node].count;
}

bool jl_is(const jl_doc *doc, int node, jl_type type) { return node >= 0 && doc->nodes[node].type == type; }

static int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static size_t put_utf8(char *out, uint32_t cp) {
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xc0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3f));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xe0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
        out[2] = (char)(0x80 | (cp & 0x3f));
        return 3;
    }
    out[0] = (char)(0xf0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
    out[3] = (char)(0x80 | (cp & 0x3f));
    return 4;
}

static uint32_t read_u4(const char *s) {
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) v = v * 16 + (uint32_t)hex_value(s[i]);
    return v;
}

char *jl_string(const jl_doc *doc, int node, size_t *len) {
    if (!jl_is(doc, node, JL_STRING)) return NULL;
    const jl_node *n = &doc->nodes[node];
    const char *s = doc->text + n->start + 1;
    const char *end = doc->text + n->end - 1;
    char *out = malloc((size_t)(end - s) + 1);
    if (!out) return NULL;
    size_t o = 0;
    while (s < end) {
        if (*s != '\\') {
            out[o++] = *s++;
            continue;
        }
        s++;
        char e = *s++;
        switch (e) {
            case 'b': out[o++] = '\b'; break;
            case 'f': out[o++] = '\f'; break;
            case 'n': out[o++] = '\n'; break;
            case 'r': out[o++] = '\r'; break;
            case 't': out[o++] = '\t'; break;
            case 'u': {
                uint32_t cp = read_u4(s);
                s += 4;
                if (cp >= 0xd800 && cp < 0xdc00 && s + 6 <= end && s[0] == '\\' && s[1] == 'u') {
                    uint32_t lo = read_u4(s + 2);
                    if (lo >= 0xdc00 && lo < 0xe000) {
                        cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
                        s += 6;
                    }
                }
                o += put_utf8(out + o, cp); /* \uXXXX is 6 bytes in, at most 4 out */
                break;
            }
            default: out[o++] = e; break; /* \" \\ \/ */
        }
    }
    out[o] = 0;
    if (len) *len = o;
    return out;
}

bool jl_string_is(const jl_doc *doc, int node, const char *s) {
    if (!jl_is(doc, node, JL_STRING)) return false;
    const jl_node *n = &doc->nodes[node];
    size_t len = n->end - n->start - 2;
    return strlen(s) == len && memcmp(doc->text + n->start + 1, s, len) == 0;
}

char *jl_compact(const jl_doc *doc, int node, size_t *len) {
    const jl_node *n = &doc->nodes[node];
    char *out = malloc(n->end - n->start + 1);
    if (!out) return NULL;
    size_t o = 0;
    bool in_string = false;
    for (size_t i = n->start; i < n->end; i++) {
        char c = doc->text[i];
        if (in_string) {
            out[o++] = c;
            if (c == '\\') {
                out[o++] = doc->text[++i];
            } else if (c == '"') {
                in_string = false;
            }
        } else if (c == '"') {
            in_string = true;
            out[o++] = c;
        } else if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
            out[o++] = c;
        }
    }
    out[o] = 0;
    if (len) *len = o;
    return out;
}

bool jl_u64(const jl_doc *doc, int node, uint64_t *out) {
    if (!jl_is(doc, node, JL_NUMBER)) return false;
    const jl_node *n = &doc->nodes[node];
    uint64_t v = 0;
    for (size_t i = n->start; i < n->end; i++) {
        char c = doc->text[i];
        if (c < '0' || c > '9') return false;
        if (v > (UINT64_MAX - (uint64_t)(c - '0')) / 10) return false;
        v = v * 10 + (uint64_t)(c - '0');
    }
    *out = v;
    return true;
}

bool jl_bool(const jl_doc *doc, int node, bool *out) {
    if (!jl_is(doc, node, JL_BOOL)) return false;
    *out = doc->text[doc->nodes[node].start] == 't';
    return true;
}

char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    if (fseek(f, 0, SEEK_END) != 0) {
        fclose(f);
        return NULL;
    }
    long size = ftell(f);
    if (size < 0 || fseek(f, 0, SEEK_SET) != 0) {
        fclose(f);
        return NULL;
    }
    char *buf = malloc((size_t)size + 1);
    if (!buf) {
        fclose(f);
        return NULL;
    }
    size_t got = fread(buf, 1, (size_t)size, f);
    fclose(f);
    if (got != (size_t)size) {
        free(buf);
        return NULL;
    }
    buf[size] = 0;
    *len = (size_t)size;
    return buf;
}
