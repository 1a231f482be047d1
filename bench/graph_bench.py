#!/usr/bin/env python3
"""Compare the graph algorithms of `blast` with networkx, igraph and rustworkx.

`bench/run.py --steps graph` calls `run`. From the repository root, it:

1. builds `blast-graph-bench` in release mode;
2. installs networkx, python-igraph and rustworkx into `.venv-bench` when one is missing;
3. writes the estate of `bench/generate_estate_graph.py` (seed 1, scale 1: about
   1,000,000 edges and 60,000 identities) into `out/bench/graph/`;
4. times the peers with `bench/graph_peers.py` in the virtual environment. igraph's
   `neighborhood_size` runs over every identity (once). The nodes that one identity
   reaches come from `subcomponent`, `nx.descendants` and `rx.descendants`. The 10
   shortest loopless paths between two nodes come from `nx.shortest_simple_paths`.
   rustworkx has no loopless k shortest paths, so its `digraph_k_shortest_path_lengths`
   is timed for reference;
5. times the same three in `blast-graph-bench`, plus the full `EstateReach` of
   `blast report`;
6. checks that the results agree and fails loudly when they do not: every identity's
   count equals igraph's, every tool reaches as many nodes from the source, and `blast`'s
   10 paths are distinct loopless paths of the graph with the hop counts networkx found;
7. prints the table and a verdict per target, and writes `out/bench/graph-results.md`.

Loading the graph is timed apart for every tool and never counts towards a target.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
sys.path.insert(0, str(BENCH_DIR))

from generate_estate_graph import generate, write_estate  # noqa: E402

PEER_PACKAGES = ["networkx==3.6.1", "python-igraph==1.0.0", "rustworkx==0.18.1"]
SEED = 1
SCALE = 1.0
REACH_COUNTS_SPEEDUP_TARGET = 30.0
PATHS_SPEEDUP_TARGET = 10.0


class GraphBenchError(Exception):
    """A step of the graph benchmark that could not run, with the remedy in the message."""


@dataclass
class Check:
    """One target or agreement check and whether it holds."""

    passed: bool
    text: str

    def line(self) -> str:
        """Return the check as a `PASS: ...` or `FAIL: ...` line."""
        return f"{'PASS' if self.passed else 'FAIL'}: {self.text}"


def call(command: list[str], description: str, remedy: str) -> str:
    """Run `command` from the repository root and return its standard output."""
    try:
        completed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    except OSError as error:
        raise GraphBenchError(f"{description} failed: {error}; {remedy}") from error
    if completed.returncode != 0:
        output = (completed.stdout + completed.stderr).strip()
        raise GraphBenchError(
            f"{description} failed with exit status {completed.returncode}; {remedy}\n{output}"
        )
    return completed.stdout


def build_tool(progress) -> Path:
    """Build `blast-graph-bench` in release mode and return the binary's path."""
    progress("building blast-graph-bench in release mode")
    swift = os.environ.get("SWIFT", "swift")
    remedy = "run `swift build -c release --product blast-graph-bench` to see the errors"
    call([swift, "build", "-c", "release", "--product", "blast-graph-bench"], "swift build", remedy)
    folder = call([swift, "build", "-c", "release", "--show-bin-path"], "swift build", remedy)
    return Path(folder.strip()) / "blast-graph-bench"


def install_peers(venv: Path, progress) -> Path:
    """Install the peer libraries into `venv` when one is missing; return its Python."""
    python = venv / "bin" / "python"
    if python.exists():
        probe = subprocess.run(
            [str(python), "-c", "import igraph, networkx, rustworkx"], capture_output=True, check=False
        )
        if probe.returncode == 0:
            return python
    else:
        progress(f"creating {venv.name}")
        call(
            [sys.executable, "-m", "venv", str(venv)],
            f"creating the virtual environment {venv}",
            "install Python's venv module (Debian: python3-venv)",
        )
    progress(f"installing {', '.join(PEER_PACKAGES)} into {venv.name}")
    call(
        [str(venv / "bin" / "pip"), "install", "--quiet", *PEER_PACKAGES],
        "pip install of the graph libraries",
        f"check that PyPI is reachable, or delete {venv} and try again",
    )
    return python


def peer(python: Path, arguments: list[str], progress) -> dict:
    """Run `bench/graph_peers.py` with `arguments` and return its JSON result."""
    progress(f"graph_peers.py {' '.join(arguments[:2])}")
    output = call(
        [str(python), str(BENCH_DIR / "graph_peers.py"), *arguments],
        f"graph_peers.py {' '.join(arguments[:2])}",
        "run it by hand to see the error",
    )
    return json.loads(output)


def read_counts(path: Path) -> list[int]:
    """Read one integer per line."""
    return [int(line) for line in path.read_text(encoding="utf-8").split()]


def check_agreement(
    meta: dict, swift: dict, swift_counts: list[int], igraph_counts: list[int],
    reaches: dict[str, dict], nx_paths: dict, edge_set: set[tuple[int, int]],
) -> list[Check]:
    """Return the agreement checks between `blast` and the peers."""
    checks = []

    # `blast` leaves the identity itself out of its count; neighborhood_size includes it.
    mismatched = [
        index for index, (ours, theirs) in enumerate(zip(swift_counts, igraph_counts))
        if ours + 1 != theirs
    ]
    same_length = len(swift_counts) == len(igraph_counts) == len(meta["identities"])
    checks.append(
        Check(
            same_length and not mismatched,
            f"every identity's reach count equals igraph's ({len(igraph_counts)} identities, "
            f"{len(mismatched)} differ)",
        )
    )
    reached = {name: result["reached"] for name, result in reaches.items()}
    reached["blast"] = swift["singleSource"]["reached"]
    checks.append(
        Check(len(set(reached.values())) == 1, f"single-source reach agrees: {reached}")
    )

    index = {node_id: number for number, node_id in enumerate(meta["ids"])}
    ours = [[index[node_id] for node_id in path] for path in swift["paths"]["paths"]]
    source, target = nx_paths["paths"][0][0], nx_paths["paths"][0][-1]
    valid = all(
        path[0] == source and path[-1] == target and len(set(path)) == len(path)
        and all((a, b) in edge_set for a, b in zip(path, path[1:]))
        for path in ours
    )
    distinct = len({tuple(path) for path in ours}) == len(ours)
    our_hops = [len(path) - 1 for path in ours]
    their_hops = [len(path) - 1 for path in nx_paths["paths"]]
    checks.append(
        Check(
            valid and distinct and our_hops == their_hops,
            f"blast's paths are distinct loopless paths with networkx's hop counts: "
            f"blast {our_hops}, networkx {their_hops}",
        )
    )
    return checks


def run(out_dir: Path, runs: int, progress, machine: str) -> int:
    """Run the graph step; return 0 when every target is met, 1 when not, 2 on failure.

    A disagreement between the results counts as a failure of the step, whatever the times.
    `progress` prints a note; `machine` describes the machine for the report.
    """
    try:
        tool = build_tool(progress)
        python = install_peers(ROOT / ".venv-bench", progress)
        folder = out_dir / "graph"
        progress(f"generating {folder} (seed {SEED}, scale {SCALE})")
        estate = generate(SEED, SCALE)
        write_estate(estate, folder)
        del estate
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))

        igraph_counts_file = folder / "igraph-counts.txt"
        counts = peer(python, ["igraph", str(folder), "--counts", str(igraph_counts_file)], progress)
        source = counts["largestReachIdentity"]
        reaches = {
            library: peer(
                python, ["reach", library, str(folder), "--source", str(source), "--runs", str(runs)],
                progress,
            )
            for library in ("igraph", "rustworkx", "networkx")
        }
        nx_paths = peer(
            python, ["paths", "networkx", str(folder), "--source", str(source), "--runs", str(runs)],
            progress,
        )
        target = nx_paths["target"]
        rx_paths = peer(
            python,
            ["paths", "rustworkx", str(folder), "--source", str(source), "--target", str(target),
             "--runs", str(runs)],
            progress,
        )
        swift_counts_file = folder / "blast-counts.txt"
        progress("blast-graph-bench")
        swift = json.loads(
            call(
                [str(tool), str(folder / "estate.json"), "--reach-source", meta["ids"][source],
                 "--path-from", meta["ids"][source], "--path-to", meta["ids"][target],
                 "--runs", str(runs), "--counts", str(swift_counts_file)],
                "blast-graph-bench", "run it by hand to see the error",
            )
        )
        edge_set = set()
        with (folder / "edges.tsv").open(encoding="utf-8") as lines:
            for line in lines:
                a, b, _ = line.split("\t")
                edge_set.add((int(a), int(b)))
        agreement = check_agreement(
            meta, swift, read_counts(swift_counts_file), read_counts(igraph_counts_file), reaches,
            nx_paths, edge_set,
        )
    except GraphBenchError as error:
        print(f"bench: error: graph step: {error}", file=sys.stderr)
        return 2

    targets = check_targets(swift, counts, reaches["igraph"], nx_paths)
    table = results_table(swift, counts, reaches, nx_paths, rx_paths)
    lines = [table, "", *[check.line() for check in agreement + targets]]
    summary = "\n".join(lines)
    print(summary)
    write_report(out_dir, summary, meta, counts, source, target, runs, machine)
    if not all(check.passed for check in agreement):
        return 2
    return 0 if all(check.passed for check in targets) else 1


def check_targets(swift: dict, counts: dict, igraph_reach: dict, nx_paths: dict) -> list[Check]:
    """Return the three speed targets and whether each is met."""
    counts_speedup = counts["seconds"] / swift["reachCounts"]["seconds"]
    paths_speedup = nx_paths["seconds"] / swift["paths"]["seconds"]
    ours, theirs = swift["singleSource"]["seconds"], igraph_reach["seconds"]
    return [
        Check(
            counts_speedup >= REACH_COUNTS_SPEEDUP_TARGET,
            f"all-identity reach counts at least {REACH_COUNTS_SPEEDUP_TARGET:.0f} times faster "
            f"than igraph neighborhood_size: {counts_speedup:.1f} times "
            f"({swift['reachCounts']['seconds']:.3f} s against {counts['seconds']:.2f} s)",
        ),
        Check(
            ours <= theirs,
            f"single-source reach no slower than igraph subcomponent: {ours * 1000:.2f} ms "
            f"against {theirs * 1000:.2f} ms",
        ),
        Check(
            paths_speedup >= PATHS_SPEEDUP_TARGET,
            f"10 loopless paths at least {PATHS_SPEEDUP_TARGET:.0f} times faster than networkx "
            f"shortest_simple_paths: {paths_speedup:.1f} times "
            f"({swift['paths']['seconds'] * 1000:.1f} ms against {nx_paths['seconds'] * 1000:.1f} ms)",
        ),
    ]


def results_table(
    swift: dict, counts: dict, reaches: dict[str, dict], nx_paths: dict, rx_paths: dict
) -> str:
    """Format seconds per tool and algorithm as a Markdown table."""

    def seconds(value: float | None) -> str:
        return "n/a" if value is None else f"{value:.4f}"

    rows = [
        ("blast", swift["loadSeconds"], swift["reachCounts"]["seconds"],
         swift["singleSource"]["seconds"], swift["paths"]["seconds"]),
        ("igraph", counts["loadSeconds"], counts["seconds"], reaches["igraph"]["seconds"], None),
        ("rustworkx", reaches["rustworkx"]["loadSeconds"], None, reaches["rustworkx"]["seconds"],
         rx_paths["seconds"]),
        ("networkx", reaches["networkx"]["loadSeconds"], None, reaches["networkx"]["seconds"],
         nx_paths["seconds"]),
    ]
    lines = [
        "| tool | load s | all-identity reach counts s | single-source reach s | 10 loopless paths s |",
        "|---|---:|---:|---:|---:|",
    ]
    for tool, load, all_counts, single, paths in rows:
        lines.append(
            f"| {tool} | {seconds(load)} | {seconds(all_counts)} | {seconds(single)} | {seconds(paths)} |"
        )
    lines += [
        "",
        f"blast EstateReach (every count of blast rank and report, over all edges and over "
        f"unconditional edges): {swift['estateReach']['seconds']:.3f} s",
        f"rustworkx's time under paths is digraph_k_shortest_path_lengths, which returns only "
        f"the length of the 10th shortest path, a path that may repeat nodes "
        f"({rx_paths['kthLength']}); rustworkx has no loopless k shortest paths.",
    ]
    return "\n".join(lines)


def write_report(
    out_dir: Path, summary: str, meta: dict, counts: dict, source: int, target: int, runs: int,
    machine: str,
) -> None:
    """Write `graph-results.md`: the table, the verdicts and how they were measured."""
    kinds = ", ".join(f"{count} {kind}" for kind, count in meta["kinds"].items())
    relations = ", ".join(f"{count} {name}" for name, count in meta["relations"].items())
    lines = [
        "# Graph algorithm benchmark",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by `bench/run.py --steps graph`.",
        "",
        summary,
        "",
        "## Input",
        "",
        f"bench/generate_estate_graph.py, seed {SEED}, scale {SCALE}: {meta['nodeCount']} nodes "
        f"({kinds}) and {meta['edgeCount']} edges ({relations}), "
        f"{meta['conditionalEdgeCount']} of them conditional. {len(meta['identities'])} identities "
        f"reach {counts['total'] - len(meta['identities'])} nodes in all, at most "
        f"{counts['largestReach'] - 1}.",
        "",
        f"Single-source reach and paths start at `{meta['ids'][source]}` (the identity that "
        f"reaches the most nodes); the paths end at `{meta['ids'][target]}`.",
        "",
        "## Method",
        "",
        f"- Each algorithm runs {runs} times and the fastest run counts, except igraph's "
        "neighborhood_size over every identity, which runs once.",
        "- Load seconds (reading the estate file for blast, building the graph from "
        "edges.tsv for the others) are not part of any target.",
        "- blast: `blast-graph-bench`, release build; reach counts are "
        "`EstateReach.reachedNodeCounts` over every edge.",
        f"- Machine: {machine}.",
        "",
    ]
    (out_dir / "graph-results.md").write_text("\n".join(lines), encoding="utf-8")
