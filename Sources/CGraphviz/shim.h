#ifndef BLASTRADIUS_CGRAPHVIZ_SHIM_H
#define BLASTRADIUS_CGRAPHVIZ_SHIM_H
#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>
#endif
