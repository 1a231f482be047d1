#ifndef BLASTRADIUS_CJEMALLOC_SHIM_H
#define BLASTRADIUS_CJEMALLOC_SHIM_H
#include <jemalloc/jemalloc.h>
#endif
