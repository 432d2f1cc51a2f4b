// One libFuzzer harness with one planted bug per first input byte, to record real sanitizer reports
// for sanitizerReport.unit.spec.ts (see README.md). Never fuzz it: it crashes on purpose.
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char global_buffer[8];
static volatile int sink;
static volatile unsigned spin;
static char *volatile dangling;

__attribute__((noinline)) static int recurse(int depth) {
  volatile char frame[256];
  frame[0] = (char)depth;
  return recurse(depth + 1) + frame[0];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1) return 0;
  int index = size > 1 ? data[1] : 8;
  switch (data[0]) {
    case 'h': { char *heap = malloc(8); sink = heap[index]; free(heap); break; }
    case 's': { char stack[8] = {0}; volatile char *p = stack; sink = p[index]; break; }
    case 'g': { volatile char *p = global_buffer; sink = p[index]; break; }
    case 'u': { char *heap = malloc(8); free(heap); sink = heap[0]; break; }
    case 'd': dangling = malloc(8); free(dangling); free(dangling); break;
    case 'n': { volatile int *null = (int *)(uintptr_t)(index * 8); sink = *null; break; }
    case 'w': { volatile int *wild = (int *)(uintptr_t)0xdead0000beefULL; sink = *wild; break; }
    case 'r': sink = recurse(0); break;
    case 'i': { int big = 0x7fffffff; sink = big + (int)size; break; }
    case 'z': sink = 10 / (int)(size - 2); break;
    case 't': for (;;) spin++;
    case 'm': { for (int i = 0; i < 64; i++) { char *p = malloc(64 << 20); memset(p, 1, 64 << 20); sink = p[i]; } break; }
    case 'l': { char *leak = malloc(32); leak[0] = 1; sink = leak[0]; break; }
    case 'a': abort();
  }
  return 0;
}
