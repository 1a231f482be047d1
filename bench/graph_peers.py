#!/usr/bin/env python3
"""Time networkx, igraph or rustworkx on the generated estate graph and print JSON.

`bench/graph_bench.py` runs this script with the Python of `.venv-bench`, once per library,
so that each library has a process of its own. The graph comes from `edges.tsv` and
`meta.json` that `bench/generate_estate_graph.py` writes. Building the library's graph is
timed apart from the algorithms (`loadSeconds`), and each algorithm runs `--runs` times,
the fastest run counting, except the all-identity reach counts of igraph, which run once.

Commands (the first argument):

- `igraph FOLDER`: every identity's reach count with `Graph.neighborhood_size`, and the
  identity that reaches the most nodes;
- `reach LIBRARY FOLDER --source N`: the nodes that node N reaches (`subcomponent`,
  `nx.descendants`, `rx.descendants`);
- `paths LIBRARY FOLDER --source N --target N`: the 10 shortest loopless paths, with
  networkx's `shortest_simple_paths`. rustworkx has no such function, so the command
  times its `digraph_k_shortest_path_lengths` instead. That returns only the length of
  the 10th shortest path, a path that may repeat nodes.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from itertools import islice
from pathlib import Path

PATH_LIMIT = 10
MAX_TARGET_CANDIDATES = 500


def read_edges(folder: Path) -> tuple[int, list[tuple[int, int]], set[tuple[int, int]], dict]:
    """Return the node count, the edges, the conditional edges and the metadata."""
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    edges = []
    conditional = set()
    with (folder / "edges.tsv").open(encoding="utf-8") as lines:
        for line in lines:
            source, target, flag = line.split("\t")
            edge = (int(source), int(target))
            edges.append(edge)
            if flag.strip() == "1":
                conditional.add(edge)
    return meta["nodeCount"], edges, conditional, meta


def best_of(runs: int, body):
    """Run `body` `runs` times; return the fastest time in seconds and the last result."""
    fastest = float("inf")
    result = None
    for _ in range(runs):
        start = time.perf_counter()
        result = body()
        fastest = min(fastest, time.perf_counter() - start)
    return fastest, result


def build(library: str, node_count: int, edges: list[tuple[int, int]]):
    """Build the directed graph in `library`; return it and the seconds it took."""
    start = time.perf_counter()
    if library == "igraph":
        import igraph

        graph = igraph.Graph(n=node_count, edges=edges, directed=True)
    elif library == "networkx":
        import networkx

        graph = networkx.DiGraph()
        graph.add_nodes_from(range(node_count))
        graph.add_edges_from(edges)
    elif library == "rustworkx":
        import rustworkx

        graph = rustworkx.PyDiGraph(multigraph=False)
        graph.add_nodes_from(range(node_count))
        graph.add_edges_from_no_data(edges)
    else:
        raise SystemExit(f"graph_peers: error: unknown library {library!r}")
    return graph, time.perf_counter() - start


def library_version(library: str) -> str:
    """Return the installed version of `library`."""
    from importlib.metadata import version

    return version("python-igraph" if library == "igraph" else library)


def igraph_counts(folder: Path, counts_file: Path) -> dict:
    """Time `neighborhood_size` over every identity once and write the counts."""
    node_count, edges, _, meta = read_edges(folder)
    graph, load_seconds = build("igraph", node_count, edges)
    identities = meta["identities"]
    start = time.perf_counter()
    sizes = graph.neighborhood_size(vertices=identities, order=node_count, mode="out")
    seconds = time.perf_counter() - start
    counts_file.write_text("".join(f"{size}\n" for size in sizes), encoding="utf-8")
    largest = max(range(len(sizes)), key=lambda index: (sizes[index], -index))
    return {
        "library": "igraph",
        "version": library_version("igraph"),
        "loadSeconds": load_seconds,
        "seconds": seconds,
        "total": sum(sizes),
        "largestReachIdentity": identities[largest],
        "largestReach": sizes[largest],
    }


def reach(library: str, folder: Path, source: int, runs: int) -> dict:
    """Time the nodes that `source` reaches, the source included."""
    node_count, edges, _, _ = read_edges(folder)
    graph, load_seconds = build(library, node_count, edges)
    if library == "igraph":
        seconds, nodes = best_of(runs, lambda: graph.subcomponent(source, mode="out"))
        reached = len(nodes)
    elif library == "networkx":
        import networkx

        seconds, nodes = best_of(runs, lambda: networkx.descendants(graph, source))
        reached = len(nodes) + 1
    else:
        import rustworkx

        seconds, nodes = best_of(runs, lambda: rustworkx.descendants(graph, source))
        reached = len(nodes) + 1
    return {
        "library": library,
        "version": library_version(library),
        "loadSeconds": load_seconds,
        "seconds": seconds,
        "reached": reached,
    }


def choose_target(networkx, graph, actors: set[int], source: int, conditional: set) -> int:
    """Return the target of the paths benchmark for `source`.

    It is the first node, by hop distance from `source` (at least 3) and then by index, that
    is no actor and to which networkx finds 10 loopless paths, none with a conditional
    edge. Without conditional edges, `blast`'s ranking (unconditional paths first, then by
    hops) and networkx's (by hops) agree on the hop counts, so the results can be compared.
    """
    distances = networkx.single_source_shortest_path_length(graph, source)
    candidates = sorted((hops, node) for node, hops in distances.items() if hops >= 3)
    for _, node in candidates[:MAX_TARGET_CANDIDATES]:
        if node in actors:
            continue
        found = list(islice(networkx.shortest_simple_paths(graph, source, node), PATH_LIMIT))
        if len(found) == PATH_LIMIT and not any(
            (a, b) in conditional for path in found for a, b in zip(path, path[1:])
        ):
            return node
    raise SystemExit(
        f"graph_peers: error: no node within the first {MAX_TARGET_CANDIDATES} candidates has "
        f"{PATH_LIMIT} unconditional loopless paths from {source}; generate with another seed"
    )


def paths(library: str, folder: Path, source: int, target: int | None, runs: int) -> dict:
    """Time the 10 shortest loopless paths from `source` to `target`, which networkx
    chooses with `choose_target` when it is None."""
    node_count, edges, conditional, meta = read_edges(folder)
    graph, load_seconds = build(library, node_count, edges)
    result = {"library": library, "version": library_version(library), "loadSeconds": load_seconds}
    if library == "networkx":
        import networkx

        if target is None:
            target = choose_target(networkx, graph, set(meta["actors"]), source, conditional)
        result["target"] = target
        seconds, found = best_of(
            runs, lambda: list(islice(networkx.shortest_simple_paths(graph, source, target), PATH_LIMIT))
        )
        result["paths"] = found
        result["conditional"] = [
            any((a, b) in conditional for a, b in zip(path, path[1:])) for path in found
        ]
    elif library == "rustworkx":
        import rustworkx

        seconds, lengths = best_of(
            runs,
            lambda: rustworkx.digraph_k_shortest_path_lengths(
                graph, source, PATH_LIMIT, lambda _: 1.0, goal=target
            ),
        )
        result["kthLength"] = lengths[target] if target in lengths else None
    else:
        raise SystemExit(f"graph_peers: error: {library} has no paths command here")
    result["seconds"] = seconds
    return result


def main(argv: list[str] | None = None) -> int:
    """Run one command and print its result as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["igraph", "reach", "paths"])
    parser.add_argument("arguments", nargs="+", help="LIBRARY FOLDER, or FOLDER for igraph")
    parser.add_argument("--source", type=int)
    parser.add_argument("--target", type=int)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--counts", type=Path, help="where igraph writes the counts")
    arguments = parser.parse_args(argv)
    if arguments.command == "igraph":
        if arguments.counts is None:
            parser.error("igraph needs --counts FILE")
        result = igraph_counts(Path(arguments.arguments[0]), arguments.counts)
    else:
        if len(arguments.arguments) != 2 or arguments.source is None:
            parser.error(f"{arguments.command} needs LIBRARY FOLDER --source N")
        library, folder = arguments.arguments[0], Path(arguments.arguments[1])
        if arguments.command == "reach":
            result = reach(library, folder, arguments.source, arguments.runs)
        else:
            if arguments.target is None and library != "networkx":
                parser.error("paths needs --target N, except with networkx")
            result = paths(library, folder, arguments.source, arguments.target, arguments.runs)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
