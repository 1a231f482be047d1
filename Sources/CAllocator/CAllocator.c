#include "CAllocator.h"

// jemalloc reads this string at its first allocation. The MALLOC_CONF environment variable
// overrides it option by option. Huge pages cut the page faults of a short-lived heap, so
// the median import of the benchmark's base AWS export took about 9 % less time. One arena
// per processor (`percpu_arena:percpu`) was no faster beyond noise, and jemalloc prints a
// line on every run with it where the process may use only some of the processors.
const char *malloc_conf = "thp:always";
