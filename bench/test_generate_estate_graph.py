"""Tests of the generated estate graph: determinism, counts and the edge-target property.

Run with `python3 -m unittest discover -s bench`.
"""

from __future__ import annotations

import json
import tempfile
import unittest
from collections import Counter
from pathlib import Path

from generate_estate_graph import ACTOR_KINDS, generate, summarize, write_estate

SMALL_SCALE = 0.05


class SmallEstateTest(unittest.TestCase):
    """One estate at scale 0.05, written once to a temporary folder."""

    @classmethod
    def setUpClass(cls) -> None:
        cls.folder = tempfile.TemporaryDirectory()
        cls.estate = generate(seed=3, scale=SMALL_SCALE)
        write_estate(cls.estate, Path(cls.folder.name))
        cls.document = json.loads((Path(cls.folder.name) / "estate.json").read_text(encoding="utf-8"))
        cls.meta = json.loads((Path(cls.folder.name) / "meta.json").read_text(encoding="utf-8"))

    @classmethod
    def tearDownClass(cls) -> None:
        cls.folder.cleanup()

    def test_document_is_estate_file(self) -> None:
        self.assertEqual(self.document["format"], "blastradius-estate")
        self.assertEqual(self.document["version"], 1)
        self.assertEqual(len(self.document["nodes"]), len(self.estate.nodes))
        self.assertEqual(len(self.document["edges"]), len(self.estate.edges))

    def test_edges_name_listed_nodes(self) -> None:
        ids = {node["id"] for node in self.document["nodes"]}
        self.assertEqual(len(ids), len(self.document["nodes"]))
        for edge in self.document["edges"]:
            self.assertIn(edge["source"], ids)
            self.assertIn(edge["target"], ids)

    def test_holding_edges_never_enter_actors(self) -> None:
        kinds = {node["id"]: node["kind"] for node in self.document["nodes"]}
        entering = Counter()
        for edge in self.document["edges"]:
            if edge["relation"] in ("access", "reads", "contains"):
                entering[kinds[edge["target"]]] += 1
        self.assertGreater(sum(entering.values()), 0)
        self.assertEqual(set(entering) & ACTOR_KINDS, set())

    def test_no_loops_or_parallel_edges(self) -> None:
        pairs = [(edge["source"], edge["target"]) for edge in self.document["edges"]]
        self.assertEqual(len(pairs), len(set(pairs)))
        self.assertFalse(any(source == target for source, target in pairs))

    def test_edge_list_matches_estate(self) -> None:
        ids = self.meta["ids"]
        lines = (Path(self.folder.name) / "edges.tsv").read_text(encoding="utf-8").splitlines()
        self.assertEqual(len(lines), len(self.document["edges"]))
        for line, edge in zip(lines, self.document["edges"]):
            source, target, conditional = line.split("\t")
            self.assertEqual(ids[int(source)], edge["source"])
            self.assertEqual(ids[int(target)], edge["target"])
            self.assertEqual(conditional == "1", edge["conditional"])

    def test_meta_counts_match_document(self) -> None:
        kinds = Counter(node["kind"] for node in self.document["nodes"])
        relations = Counter(edge["relation"] for edge in self.document["edges"])
        self.assertEqual(self.meta["nodeCount"], len(self.document["nodes"]))
        self.assertEqual(self.meta["edgeCount"], len(self.document["edges"]))
        self.assertEqual(self.meta["kinds"], dict(kinds))
        self.assertEqual(self.meta["relations"], dict(relations))
        self.assertEqual(
            self.meta["conditionalEdgeCount"],
            sum(1 for edge in self.document["edges"] if edge["conditional"]),
        )
        identities = [
            index for index, node in enumerate(self.document["nodes"])
            if node["kind"] in ("human", "workload", "serviceIdentity")
        ]
        self.assertEqual(self.meta["identities"], identities)
        actors = [
            index for index, node in enumerate(self.document["nodes"]) if node["kind"] in ACTOR_KINDS
        ]
        self.assertEqual(self.meta["actors"], actors)

    def test_every_relation_and_kind_occurs(self) -> None:
        self.assertEqual(
            set(self.meta["relations"]),
            {"access", "assumes", "authenticatesAs", "contains", "controls", "escalates",
             "federates", "memberOf", "reads", "runsAs"},
        )
        self.assertEqual(
            set(self.meta["kinds"]),
            {"credential", "group", "human", "privilege", "resource", "scope",
             "serviceIdentity", "workload"},
        )

    def test_roles_assume_each_other(self) -> None:
        assumes = {(edge["source"], edge["target"]) for edge in self.document["edges"]
                   if edge["relation"] == "assumes"}
        cycles = [pair for pair in assumes if (pair[1], pair[0]) in assumes]
        self.assertGreater(len(cycles), 0)


class DeterminismTest(unittest.TestCase):
    """The same seed and scale give the same bytes; another seed gives another estate."""

    def write(self, seed: int) -> dict[str, bytes]:
        with tempfile.TemporaryDirectory() as folder:
            write_estate(generate(seed=seed, scale=SMALL_SCALE), Path(folder))
            return {path.name: path.read_bytes() for path in sorted(Path(folder).iterdir())}

    def test_same_seed_same_bytes(self) -> None:
        first = self.write(9)
        second = self.write(9)
        self.assertEqual(sorted(first), ["edges.tsv", "estate.json", "meta.json"])
        self.assertEqual(first, second)

    def test_other_seed_other_estate(self) -> None:
        self.assertNotEqual(self.write(9)["edges.tsv"], self.write(10)["edges.tsv"])


class FullScaleTest(unittest.TestCase):
    """Scale 1 with seed 1, the estate of `make bench`, kept in memory only."""

    def test_sizes_at_scale_one(self) -> None:
        meta = summarize(generate(seed=1, scale=1.0))
        self.assertEqual(meta["edgeCount"], 989_927)
        self.assertEqual(meta["nodeCount"], 227_483)
        self.assertEqual(len(meta["identities"]), 60_354)
        self.assertEqual(meta["conditionalEdgeCount"], 21_007)


if __name__ == "__main__":
    unittest.main()
