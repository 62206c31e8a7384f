/* standalone: a fuzz target without libFuzzer, for the test suite: feeds
 * each file named on the command line to LLVMFuzzerTestOneInput once, so
 * that every input a fuzzer ever found (tests/regress/) is replayed by
 * `make test`, under the sanitizers of the build. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* optional, as for libFuzzer: a target may have no set-up */
__attribute__((weak)) int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
    if (LLVMFuzzerInitialize)
        LLVMFuzzerInitialize(&argc, &argv);
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f) {
            perror(argv[i]);
            return 2;
        }
        size_t cap = 1 << 16, n = 0, got;
        uint8_t *data = malloc(cap);
        if (!data)
            abort();
        while ((got = fread(data + n, 1, cap - n, f)) > 0) {
            n += got;
            if (n == cap) {
                uint8_t *more = realloc(data, cap *= 2);
                if (!more) {
                    fputs("out of memory\n", stderr);
                    abort();
                }
                data = more;
            }
        }
        fclose(f);
        LLVMFuzzerTestOneInput(data, n);
        free(data);
        printf("%s: ok\n", argv[i]);
    }
    return 0;
}
