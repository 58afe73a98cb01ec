/*
 * The smallest exectable C program: one cross-chain call hash (golden vector
 * crossChainCallHash-public-007) and one error with its message. `make install-check` builds it
 * against an installed copy through pkg-config:
 *
 *   cc hash_call.c $(pkg-config --cflags --libs exectable)
 */
#include <exectable.h>
#include <stdio.h>
#include <string.h>

static void put_u256(uint8_t out[32], uint64_t hi, uint64_t lo) {
    memset(out, 0, 32);
    for (int i = 0; i < 8; i++) {
        out[31 - i] = (uint8_t)(lo >> (8 * i));
        out[23 - i] = (uint8_t)(hi >> (8 * i));
    }
}

int main(void) {
    uint8_t target_rollup[32], value[32], source_rollup[32], hash[32];
    uint8_t target[20] = {0, 0, 0, 0, 0, 0, 0, 0xa2, 0x89, 0x86, 0x7a, 0x07, 0xe8, 0x80, 0x97, 0xb9, 0x24, 0xa7, 0x05, 0x08};
    uint8_t source[20] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xa4, 0xe8, 0xd9, 0x0c, 0x3e, 0x03, 0x8f, 0x8a};
    static const uint8_t value_be[32] = {0x8f, 0x29, 0xc4, 0xf4, 0xb1, 0x21, 0xd4, 0x1f, 0x09, 0x4a, 0xc6,
                                         0x67, 0xd5, 0x5f, 0x95, 0xd7, 0x8a, 0x4e, 0x67, 0xd0, 0x1b, 0x44,
                                         0xd7, 0x72, 0xec, 0xc1, 0x4e, 0xf9, 0xe5, 0x34, 0x02, 0x19};
    static const uint8_t want[32] = {0x48, 0xa4, 0xf5, 0x95, 0xbc, 0x2b, 0x6b, 0xba, 0x42, 0x2f, 0xbb,
                                     0x8a, 0x39, 0x47, 0x1c, 0xeb, 0x83, 0x57, 0x22, 0x6b, 0x04, 0x7a,
                                     0x73, 0x35, 0xc1, 0x9a, 0xbe, 0x79, 0x96, 0xbe, 0x27, 0x3b};
    const uint8_t data[1] = {0xa4};
    put_u256(target_rollup, 0, 4);
    put_u256(source_rollup, 0, 0xa488);
    memcpy(value, value_be, 32);

    if (et_cross_chain_call_hash(target_rollup, target, value, data, 1, source, source_rollup, hash) != ET_RESULT_OK) {
        fprintf(stderr, "unexpected failure\n");
        return 1;
    }
    printf("crossChainCallHash 0x");
    for (int i = 0; i < 32; i++) printf("%02x", hash[i]);
    printf("\n");
    if (memcmp(hash, want, 32) != 0) {
        fprintf(stderr, "hash differs from the golden vector\n");
        return 1;
    }

    /* A failure: too short to be calldata. The result code says what, the message says where.
     * Read the message before any other et_ call: the next successful call clears it. */
    et_batch *batch = NULL;
    et_result rc = et_batch_from_calldata(data, 1, &batch);
    char message[512];
    size_t len = 0;
    if (rc != ET_RESULT_ABI_TRUNCATED || et_last_error_message(message, sizeof message, &len) != ET_RESULT_OK) {
        fprintf(stderr, "expected ET_RESULT_ABI_TRUNCATED\n");
        return 1;
    }
    const char *name = "?";
    et_result_name(rc, &name);
    printf("decoding 1 byte of calldata: %s (%u): %s\n", name, (unsigned)rc, message);
    uint32_t major, minor, patch;
    et_version(&major, &minor, &patch);
    printf("exectable %u.%u.%u\n", major, minor, patch);
    return 0;
}
