"""Tests of the IAM action catalog and of the policies that the generator builds from it.

Run with `python3 -m unittest discover -s bench`.
"""

from __future__ import annotations

import unittest

from awsgen.actions import ACTIONS_FILE, SECRET_READS, ActionCatalog, catalog
from awsgen.managed_policies import aws_managed_documents
from awsgen.model import Estate, Rng
from awsgen.statements import some_actions

SAMPLE = """\
# comment lines and blank lines are skipped

demo List ListThings DescribeThing
demo Read GetThing GetSecretThing BatchGetThings
demo Write PutThing
other Read LookupEvents
"""


class ActionCatalogTests(unittest.TestCase):
    """Reading and querying the catalog format."""

    def setUp(self) -> None:
        self.actions = ActionCatalog.parse(SAMPLE)

    def test_services_and_names(self) -> None:
        self.assertEqual(self.actions.services(), ["demo", "other"])
        self.assertEqual(
            self.actions.names("demo", ("List", "Read")),
            ["BatchGetThings", "DescribeThing", "GetSecretThing", "GetThing", "ListThings"],
        )
        self.assertEqual(self.actions.names("demo", ("Tagging",)), [])

    def test_actions_containing(self) -> None:
        self.assertEqual(
            self.actions.actions("demo", containing=("Secret", "Put")),
            ["demo:GetSecretThing", "demo:PutThing"],
        )

    def test_verb_patterns_by_level(self) -> None:
        self.assertEqual(
            self.actions.verb_patterns("demo"), ["demo:Describe*", "demo:Get*", "demo:List*"]
        )
        self.assertEqual(
            self.actions.verb_patterns("demo", levels=("List",)), ["demo:Describe*", "demo:List*"]
        )
        self.assertEqual(self.actions.verb_patterns("other"), [])

    def test_uncovered_reads(self) -> None:
        self.assertEqual(self.actions.uncovered("demo"), ["demo:BatchGetThings"])
        self.assertEqual(self.actions.uncovered("other"), ["other:LookupEvents"])

    def test_read_entries_expand_excluded(self) -> None:
        entries = self.actions.read_entries("demo", {"demo:GetSecretThing"})
        self.assertEqual(
            entries, ["demo:Describe*", "demo:GetThing", "demo:List*", "demo:BatchGetThings"]
        )

    def test_invalid_line_names_line(self) -> None:
        with self.assertRaisesRegex(ValueError, "iam_actions.txt:2: expected"):
            ActionCatalog.parse("demo Read GetThing\ndemo Sometimes GetOther\n")
        with self.assertRaisesRegex(ValueError, ":1: expected"):
            ActionCatalog.parse("demo Read\n")

    def test_unknown_service_raises(self) -> None:
        with self.assertRaises(KeyError):
            self.actions.names("missing")


class ShippedCatalogTests(unittest.TestCase):
    """The committed `iam_actions.txt`."""

    def test_header_labels_the_list(self) -> None:
        first_line = ACTIONS_FILE.read_text(encoding="utf-8").splitlines()[0]
        self.assertEqual(first_line, "# IAM action names by service prefix and access level.")

    def test_known_actions_present(self) -> None:
        actions = catalog()
        self.assertGreater(len(actions.services()), 150)
        self.assertIn("GetObject", actions.names("s3", ("Read",)))
        self.assertIn("PassRole", actions.names("iam", ("Permissions",)))
        self.assertIn("CreateFunction", actions.names("lambda", ("Write",)))
        self.assertEqual(actions.names("guardduty", ("Write",)), [])


class ManagedPolicyTests(unittest.TestCase):
    """Size and content of the generated AWS managed policies."""

    @classmethod
    def setUpClass(cls) -> None:
        cls.documents = aws_managed_documents()

    def listed(self, name: str, index: int = 0) -> list[str]:
        """Return the actions of one statement of a managed policy."""
        return self.documents[name][1][index]["Action"]

    def test_read_only_access_spans_services(self) -> None:
        entries = self.listed("ReadOnlyAccess")
        services = {entry.split(":", 1)[0] for entry in entries}
        self.assertGreater(len(entries), 500)
        self.assertEqual(services, set(catalog().services()))
        self.assertIn("ec2:Describe*", entries)
        self.assertIn("dynamodb:Query", entries)

    def test_read_only_access_leaves_out_secrets(self) -> None:
        entries = self.listed("ReadOnlyAccess")
        self.assertNotIn("secretsmanager:Get*", entries)
        self.assertIn("secretsmanager:GetResourcePolicy", entries)
        self.assertTrue(SECRET_READS.isdisjoint(entries))

    def test_view_only_access_lists_only(self) -> None:
        entries = self.listed("ViewOnlyAccess")
        self.assertGreater(len(entries), 200)
        self.assertNotIn("ec2:Get*", entries)
        self.assertIn("ec2:Describe*", entries)
        self.assertEqual(self.documents["ViewOnlyAccess"][0], "/job-function/")

    def test_power_user_access_shape(self) -> None:
        first, second = self.documents["PowerUserAccess"][1]
        self.assertEqual(first["NotAction"], ["iam:*", "organizations:*", "account:*"])
        self.assertIn("iam:CreateServiceLinkedRole", second["Action"])
        self.assertIn("iam:ListRoles", second["Action"])
        self.assertNotIn("iam:PassRole", second["Action"])

    def test_security_audit_reads_configuration(self) -> None:
        entries = self.listed("SecurityAudit")
        self.assertGreater(len(entries), 200)
        self.assertIn("s3:GetBucketPolicy", entries)
        self.assertNotIn("s3:GetObject", entries)


class SomeActionsTests(unittest.TestCase):
    """Drawing an action list around the actions a statement needs."""

    def test_required_first_and_count_bounded(self) -> None:
        pool = [f"demo:Action{number:02d}" for number in range(30)]
        for seed in range(20):
            estate = Estate(rng=Rng(seed), scale=1)
            chosen = some_actions(estate, ["demo:Needed"], pool, 5, 12)
            self.assertEqual(chosen[0], "demo:Needed")
            self.assertGreaterEqual(len(chosen), 5)
            self.assertLessEqual(len(chosen), 12)
            self.assertEqual(len(chosen), len(set(chosen)))
            self.assertEqual(chosen[1:], sorted(chosen[1:]))

    def test_small_pool_gives_all(self) -> None:
        estate = Estate(rng=Rng(1), scale=1)
        chosen = some_actions(estate, ["demo:A"], ["demo:A", "demo:B"], 5, 5)
        self.assertEqual(chosen, ["demo:A", "demo:B"])


if __name__ == "__main__":
    unittest.main()
