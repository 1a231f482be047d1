"""Tests of the agreement checks of the graph benchmark.

Run with `python3 -m unittest discover -s bench`.
"""

from __future__ import annotations

import unittest

from graph_bench import check_agreement

# A graph of five nodes: 0 reaches 3 through 1 or through 2, and 3 reaches 4.
META = {"identities": [0, 1], "ids": ["a", "b", "c", "d", "e"]}
EDGES = {(0, 1), (0, 2), (1, 3), (2, 3), (3, 4)}
NX_PATHS = {"paths": [[0, 1, 3], [0, 2, 3]]}
REACHES = {"igraph": {"reached": 5}, "networkx": {"reached": 5}}


def swift_result(paths: list[list[str]], reached: int = 5) -> dict:
    """Return a result of `blast-graph-bench` with the given paths and reach."""
    return {"singleSource": {"reached": reached}, "paths": {"paths": paths}}


class CheckAgreementTest(unittest.TestCase):
    def test_agreeing_results_pass(self) -> None:
        checks = check_agreement(
            META, swift_result([["a", "b", "d"], ["a", "c", "d"]]), [4, 2], [5, 3], REACHES,
            NX_PATHS, EDGES,
        )
        self.assertEqual([check.passed for check in checks], [True, True, True])

    def test_count_off_by_one_fails(self) -> None:
        checks = check_agreement(
            META, swift_result([["a", "b", "d"], ["a", "c", "d"]]), [5, 2], [5, 3], REACHES,
            NX_PATHS, EDGES,
        )
        self.assertFalse(checks[0].passed)
        self.assertIn("1 differ", checks[0].text)

    def test_single_source_mismatch_fails(self) -> None:
        checks = check_agreement(
            META, swift_result([["a", "b", "d"], ["a", "c", "d"]], reached=4), [4, 2], [5, 3],
            REACHES, NX_PATHS, EDGES,
        )
        self.assertFalse(checks[1].passed)

    def test_path_over_missing_edge_fails(self) -> None:
        checks = check_agreement(
            META, swift_result([["a", "b", "d"], ["a", "e", "d"]]), [4, 2], [5, 3], REACHES,
            NX_PATHS, EDGES,
        )
        self.assertFalse(checks[2].passed)

    def test_repeated_path_fails(self) -> None:
        checks = check_agreement(
            META, swift_result([["a", "b", "d"], ["a", "b", "d"]]), [4, 2], [5, 3], REACHES,
            NX_PATHS, EDGES,
        )
        self.assertFalse(checks[2].passed)

    def test_other_hop_counts_fail(self) -> None:
        checks = check_agreement(
            META, swift_result([["a", "b", "d"]]), [4, 2], [5, 3], REACHES, NX_PATHS, EDGES,
        )
        self.assertFalse(checks[2].passed)


if __name__ == "__main__":
    unittest.main()
