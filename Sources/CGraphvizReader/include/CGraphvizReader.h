#ifndef BLASTRADIUS_CGRAPHVIZREADER_H
#define BLASTRADIUS_CGRAPHVIZREADER_H

#include <graphviz/cgraph.h>

/// Parses DOT `text` as `agmemread` does, but allocates the graph's memory from an arena
/// whose addresses only grow. libgraphviz identifies named objects by the addresses of
/// their interned names and orders subgraphs by those ids, so with the arena the clusters
/// come out in the order the text names them, the same on every run. Returns NULL when the
/// text is not valid DOT; `agclose` releases the graph and its arena.
Agraph_t *blast_read_dot(const char *text);

#endif
