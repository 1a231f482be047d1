#ifndef BLASTRADIUS_CALLOCATOR_H
#define BLASTRADIUS_CALLOCATOR_H

/// The options jemalloc applies to every program that links this target.
extern const char *malloc_conf;

#endif
