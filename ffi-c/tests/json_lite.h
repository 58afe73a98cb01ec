/*
 * json_lite — a small JSON reader for the C tests: parses a document into a flat node array
 * that keeps each value's byte span in the source text, so a test can hand a sub-object to the
 * library as it stands in the vector file. Strict enough for the vector files (RFC 8259 syntax,
 * depth-limited); not a general-purpose library.
 */
#ifndef JSON_LITE_H
#define JSON_LITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum { JL_NULL, JL_BOOL, JL_NUMBER, JL_STRING, JL_ARRAY, JL_OBJECT } jl_type;

typedef struct {
    jl_type type;
    size_t start, end;  /* the value's span in the text: [start, end) */
    int key;            /* object members: node index of the key string; -1 otherwise */
    int first_child;    /* arrays and objects: first element / member value; -1 if empty */
    int next_sibling;   /* next element / member value of the parent; -1 at the end */
    size_t count;       /* arrays and objects: number of elements / members */
} jl_node;

typedef struct {
    const char *text;
    size_t len;
    jl_node *nodes;
    size_t n, cap;
    char error[160];
} jl_doc;

/* Parses `text` (not copied: it must outlive the document). Returns the root node index, or -1
 * with doc->error set. */
int jl_parse(jl_doc *doc, const char *text, size_t len);
void jl_free(jl_doc *doc);

/* The member `key` of object `obj`, or -1 (also when `obj` is not an object). */
int jl_get(const jl_doc *doc, int obj, const char *key);
/* Element `i` of array `arr`, or -1. */
int jl_at(const jl_doc *doc, int arr, size_t i);
/* Number of elements / members (0 for scalars and -1). */
size_t jl_count(const jl_doc *doc, int node);
bool jl_is(const jl_doc *doc, int node, jl_type type);
/* The key of an object member value (its raw span without the quotes). */
const char *jl_key(const jl_doc *doc, int member, size_t *len);

/* A string's decoded value (escapes resolved, \u as UTF-8), malloc'd and NUL-terminated; NULL if
 * the node is not a string. */
char *jl_string(const jl_doc *doc, int node, size_t *len);
/* Whether string node `node` equals `s` (decoded comparison of an escape-free string). */
bool jl_string_is(const jl_doc *doc, int node, const char *s);
/* The value's text without whitespace outside strings (the compact form), malloc'd, NUL-terminated. */
char *jl_compact(const jl_doc *doc, int node, size_t *len);
/* An integer number (false if not a non-negative integer fitting 64 bits). */
bool jl_u64(const jl_doc *doc, int node, uint64_t *out);
/* A boolean (false if not a boolean). */
bool jl_bool(const jl_doc *doc, int node, bool *out);

/* Reads a whole file into a malloc'd, NUL-terminated buffer. */
char *read_file(const char *path, size_t *len);

#endif
