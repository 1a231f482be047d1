#include "CAllocator.h"

// jemalloc reads this string at its first allocation. The MALLOC_CONF environment variable
// overrides it option by option. Huge pages cut the page faults of a short-lived heap, so
// the median import of the benchmark's base AWS export took about 9 % less time. One arena
// for all threads instead of four per processor took 3 % less time on that export and
// about 8 % less peak memory on larger ones.
// One arena per processor (`percpu_arena:percpu`) did as well, but jemalloc prints a line
// on every run with it where the process may use only some of the processors.
// NOTE: On machines with many processors the threads may wait on the one arena's locks;
// only two processors were measured.
const char *malloc_conf = "thp:always,narenas:1";
