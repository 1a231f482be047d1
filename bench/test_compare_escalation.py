"""Tests of compare_escalation.py: reading the catalog, blast's output and the report.

Run with `python3 -m unittest discover -s bench`. Neither blast nor Cloudsplaining runs here:
the blast output below is written by hand in the shape of `blast paths --json`.
"""

from __future__ import annotations

import json
import tempfile
import unittest
from pathlib import Path

from compare_escalation import (
    CLOUDSPLAINING_TYPES,
    FIXTURES,
    WITHOUT_CLOUDSPLAINING_TYPE,
    BlastPath,
    CompareError,
    EstateResult,
    authorization_files,
    describe_blast,
    load_cases,
    markdown_report,
    parse_blast_paths,
)

ACCOUNT = "111122223333"
ANA = f"arn:aws:iam::{ACCOUNT}:user/helpdesk-ana"
ADMIN_USER = f"arn:aws:iam::{ACCOUNT}:user/ops-admin"
ADMIN = f"aws:admin/{ACCOUNT}"
ACCESS_KEY = "Create an access key for another user"

CATALOG = {
    "account": ACCOUNT,
    "techniques": [
        {
            "slug": "create-access-key",
            "from": ANA,
            "path": [
                {"from": ANA, "to": ADMIN_USER, "relation": "assumes", "technique": ACCESS_KEY},
                {"from": ADMIN_USER, "to": ADMIN, "relation": "access", "technique": None},
            ],
            "negatives": {"explicit-deny": "a Deny statement covers iam:CreateAccessKey"},
            "positives": {},
        }
    ],
    "chains": [],
}


def blast_output(hops: list[tuple[str, str, str, str | None]]) -> dict:
    """Return `blast paths --json` output with one path made of (from, to, relation, technique)."""
    entries = []
    for source, target, relation, technique in hops:
        via = {"file": "aws.json", "grant": "statement 0"}
        if technique:
            via["technique"] = technique
        entries.append(
            {"from": source, "to": target, "relation": relation, "conditional": False, "via": via}
        )
    return {"schema": "blastradius/paths/v1", "paths": [{"conditional": False, "hops": entries}]}


class LoadCasesTests(unittest.TestCase):
    """Reading techniques.json."""

    def test_case_fields(self) -> None:
        (case,) = load_cases(CATALOG)
        self.assertEqual(case.slug, "create-access-key")
        self.assertEqual(case.source, ANA)
        self.assertEqual(
            case.expected_hops, [(ANA, ADMIN_USER, "assumes"), (ADMIN_USER, ADMIN, "access")]
        )
        self.assertEqual(case.techniques, [ACCESS_KEY])
        self.assertEqual(case.counterparts, {"CreateAccessKey", "CreateAndRotateAccessKey"})

    def test_unknown_technique_rejected(self) -> None:
        catalog = json.loads(json.dumps(CATALOG))
        catalog["techniques"][0]["path"][0]["technique"] = "Borrow a badge"
        with self.assertRaisesRegex(CompareError, "Borrow a badge"):
            load_cases(catalog)

    def test_fixture_techniques_all_classified(self) -> None:
        catalog = json.loads((FIXTURES / "techniques.json").read_text(encoding="utf-8"))
        cases = load_cases(catalog)
        self.assertEqual(len(cases), len(catalog["techniques"]) + len(catalog["chains"]))
        self.assertFalse(set(CLOUDSPLAINING_TYPES) & WITHOUT_CLOUDSPLAINING_TYPE)


class ParseBlastPathsTests(unittest.TestCase):
    """Reading `blast paths --json` output."""

    def test_path_to_admin(self) -> None:
        output = blast_output(
            [(ANA, ADMIN_USER, "assumes", ACCESS_KEY), (ADMIN_USER, ADMIN, "access", None)]
        )
        path = parse_blast_paths(output, ACCOUNT)
        self.assertTrue(path.found)
        self.assertEqual(path.hops, [(ANA, ADMIN_USER, "assumes"), (ADMIN_USER, ADMIN, "access")])
        self.assertEqual(path.techniques, [ACCESS_KEY])
        self.assertFalse(path.conditional)

    def test_other_account_admin_ignored(self) -> None:
        output = blast_output([(ANA, "aws:admin/999988887777", "access", None)])
        self.assertFalse(parse_blast_paths(output, ACCOUNT).found)

    def test_no_paths(self) -> None:
        self.assertEqual(parse_blast_paths({"paths": []}, ACCOUNT), BlastPath())


class AuthorizationFilesTests(unittest.TestCase):
    """Finding the authorization-details files of an estate."""

    def test_only_files_with_user_detail_list(self) -> None:
        with tempfile.TemporaryDirectory() as folder:
            estate = Path(folder)
            (estate / "aws-1.json").write_text('{"UserDetailList": []}', encoding="utf-8")
            (estate / "roots.json").write_text('{"Roots": []}', encoding="utf-8")
            (estate / "broken.json").write_text("{", encoding="utf-8")
            (estate / "list.json").write_text("[]", encoding="utf-8")
            self.assertEqual(authorization_files(estate), [estate / "aws-1.json"])


class ReportTests(unittest.TestCase):
    """The Markdown tables and totals."""

    def setUp(self) -> None:
        (self.case,) = load_cases(CATALOG)
        found = BlastPath(
            hops=[(ANA, ADMIN_USER, "assumes"), (ADMIN_USER, ADMIN, "access")],
            techniques=[ACCESS_KEY],
        )
        self.positive = EstateResult(self.case, "positive", found, [], ["CreateAccessKey"], False)
        self.negative = EstateResult(
            self.case, "negative-explicit-deny", BlastPath(), [], ["CreateAccessKey"], False
        )

    def test_describe_blast(self) -> None:
        self.assertEqual(describe_blast(self.positive), f"2 hops: {ACCESS_KEY}")
        self.assertEqual(describe_blast(self.negative), "no path")
        other = BlastPath(hops=[(ANA, ADMIN, "escalates")], conditional=True)
        result = EstateResult(self.case, "positive", other, [], [], False)
        self.assertEqual(describe_blast(result), "1 hop (conditional) (not the expected path)")

    def test_report_rows_and_totals(self) -> None:
        lines = markdown_report([self.positive, self.negative], "cloudsplaining 0.9.1").splitlines()
        self.assertIn(
            f"| `create-access-key` | user/helpdesk-ana | 2 hops: {ACCESS_KEY} "
            "| CreateAccessKey, CreateAndRotateAccessKey | none | **CreateAccessKey** |",
            lines,
        )
        self.assertIn(
            "| `create-access-key/negative-explicit-deny` | a Deny statement covers "
            "iam:CreateAccessKey | no path | none | **CreateAccessKey** |",
            lines,
        )
        self.assertIn(
            "- blast finds a path to admin in 1 of 1 positive estates (1 the expected path) "
            "and in 0 of 1 negative estates.",
            lines,
        )
        self.assertIn(
            "- Cloudsplaining with default settings reports the technique's type for the `from` "
            "principal in 0 of 1 positive estates (any type in 0) and in 0 of 1 negative "
            "estates (any type in 0).",
            lines,
        )
        self.assertIn(
            "- Cloudsplaining with `--flag-all-risky-actions` reports the technique's type for "
            "the `from` principal in 1 of 1 positive estates (any type in 1) and in 1 of 1 "
            "negative estates (any type in 1).",
            lines,
        )


if __name__ == "__main__":
    unittest.main()
