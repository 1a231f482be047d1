"""Tests of the synthetic AWS export: sizes, determinism and internal consistency.

Run with `python3 -m unittest discover -s bench`.
"""

from __future__ import annotations

import json
import tempfile
import unittest
from collections import Counter
from pathlib import Path

from awsgen.actions import catalog
from awsgen.export import generate, summarize
from awsgen.model import ACCOUNT_ID, Rng, format_date
from generate_aws_export import main

USER_KEYS = ["Path", "UserName", "UserId", "Arn", "CreateDate"]
ROLE_KEYS = [
    "Path",
    "RoleName",
    "RoleId",
    "Arn",
    "CreateDate",
    "AssumeRolePolicyDocument",
    "InstanceProfileList",
    "RolePolicyList",
    "AttachedManagedPolicies",
]
POLICY_KEYS = [
    "PolicyName",
    "PolicyId",
    "Arn",
    "Path",
    "DefaultVersionId",
    "AttachmentCount",
    "PermissionsBoundaryUsageCount",
    "IsAttachable",
    "CreateDate",
    "UpdateDate",
    "PolicyVersionList",
]


class ExportSizeTests(unittest.TestCase):
    """Counts at scales 1 and 2."""

    def test_base_scale_counts(self) -> None:
        self.assertEqual(
            summarize(generate(1, 1)),
            {
                "users": 200,
                "groups": 22,
                "roles": 500,
                "customer_managed_policies": 200,
                "aws_managed_policies": 17,
                "inline_policies": 376,
                "statements": 2551,
                "trust_statements": 547,
            },
        )

    def test_scale_multiplies_principals(self) -> None:
        counts = summarize(generate(1, 2))
        self.assertEqual(counts["users"], 400)
        self.assertEqual(counts["roles"], 1000)
        self.assertEqual(counts["customer_managed_policies"], 400)
        self.assertEqual(counts["groups"], 34)

    def test_scale_zero_rejected(self) -> None:
        with self.assertRaises(ValueError):
            generate(1, 0)


class DeterminismTests(unittest.TestCase):
    """The same arguments give the same bytes."""

    def test_same_seed_same_file(self) -> None:
        with tempfile.TemporaryDirectory() as folder:
            first, second = Path(folder, "a.json"), Path(folder, "b.json")
            self.assertEqual(main(["-o", str(first)]), 0)
            self.assertEqual(main(["-o", str(second)]), 0)
            self.assertEqual(first.read_bytes(), second.read_bytes())

    def test_other_seed_other_export(self) -> None:
        self.assertNotEqual(
            json.dumps(generate(1, 1)["UserDetailList"]),
            json.dumps(generate(2, 1)["UserDetailList"]),
        )

    def test_rng_draws_fixed_for_seed(self) -> None:
        rng = Rng(7)
        self.assertEqual([rng.below(1000) for _ in range(5)], [323, 150, 650, 72, 535])
        rng = Rng(7)
        self.assertEqual(rng.sample(list("abcdef"), 3), ["b", "a", "e"])
        self.assertEqual(rng.between(1, 6), 1)
        self.assertEqual(rng.weighted(["x", "y", "z"], [1, 2, 3]), "z")

    def test_rng_sample_and_zero_weight(self) -> None:
        self.assertEqual(sorted(Rng(3).sample(range(10), 10)), list(range(10)))
        self.assertEqual({Rng(seed).weighted(["a", "b"], [0, 1]) for seed in range(50)}, {"b"})

    def test_date_format_matches_cli(self) -> None:
        self.assertEqual(format_date(0), "1970-01-01T00:00:00+00:00")
        self.assertEqual(format_date(1_615_660_854), "2021-03-13T18:40:54+00:00")


def policy_documents(export: dict) -> list[dict]:
    """Return every identity policy document of an export: all managed policy versions and
    the inline policies of users, groups and roles."""
    documents = [
        version["Document"]
        for policy in export["Policies"]
        for version in policy["PolicyVersionList"]
    ]
    for key, list_key in [
        ("UserDetailList", "UserPolicyList"),
        ("GroupDetailList", "GroupPolicyList"),
        ("RoleDetailList", "RolePolicyList"),
    ]:
        for entry in export[key]:
            documents += [policy["PolicyDocument"] for policy in entry.get(list_key, [])]
    return documents


class ExportShapeTests(unittest.TestCase):
    """Key order and references inside one export, as the AWS CLI prints them."""

    @classmethod
    def setUpClass(cls) -> None:
        cls.export = generate(1, 1)

    def test_top_level_lists(self) -> None:
        self.assertEqual(
            list(self.export),
            ["UserDetailList", "GroupDetailList", "RoleDetailList", "Policies"],
        )

    def test_entry_key_order(self) -> None:
        for user in self.export["UserDetailList"]:
            self.assertEqual(list(user)[:5], USER_KEYS)
        for role in self.export["RoleDetailList"]:
            self.assertEqual(list(role)[:9], ROLE_KEYS)
            self.assertEqual(list(role)[-1], "RoleLastUsed")
        for policy in self.export["Policies"]:
            self.assertEqual(list(policy), POLICY_KEYS)

    def test_principal_arns_name_account(self) -> None:
        for key in ("UserDetailList", "GroupDetailList", "RoleDetailList"):
            for entry in self.export[key]:
                self.assertTrue(entry["Arn"].startswith(f"arn:aws:iam::{ACCOUNT_ID}:"))

    def test_unique_ids_are_unique(self) -> None:
        ids = [entry["UserId"] for entry in self.export["UserDetailList"]]
        ids += [entry["RoleId"] for entry in self.export["RoleDetailList"]]
        ids += [entry["GroupId"] for entry in self.export["GroupDetailList"]]
        ids += [entry["PolicyId"] for entry in self.export["Policies"]]
        self.assertEqual(len(ids), len(set(ids)))
        self.assertTrue(all(len(unique_id) == 21 for unique_id in ids))

    def test_attachment_counts_match(self) -> None:
        attachments: Counter[str] = Counter()
        boundaries: Counter[str] = Counter()
        for key in ("UserDetailList", "GroupDetailList", "RoleDetailList"):
            for entry in self.export[key]:
                for attached in entry["AttachedManagedPolicies"]:
                    attachments[attached["PolicyArn"]] += 1
                if "PermissionsBoundary" in entry:
                    boundaries[entry["PermissionsBoundary"]["PermissionsBoundaryArn"]] += 1
        listed = {policy["Arn"]: policy for policy in self.export["Policies"]}
        for arn, count in attachments.items():
            self.assertIn(arn, listed)
            self.assertEqual(listed[arn]["AttachmentCount"], count, arn)
        for arn, count in boundaries.items():
            self.assertEqual(listed[arn]["PermissionsBoundaryUsageCount"], count, arn)
        self.assertGreater(len(boundaries), 0)

    def test_one_default_version_per_policy(self) -> None:
        for policy in self.export["Policies"]:
            defaults = [
                version for version in policy["PolicyVersionList"] if version["IsDefaultVersion"]
            ]
            self.assertEqual(len(defaults), 1, policy["PolicyName"])
            self.assertEqual(defaults[0]["VersionId"], policy["DefaultVersionId"])

    def test_groups_and_trusted_principals_exist(self) -> None:
        groups = {group["GroupName"] for group in self.export["GroupDetailList"]}
        users = {user["Arn"] for user in self.export["UserDetailList"]}
        roles = {role["Arn"] for role in self.export["RoleDetailList"]}
        for user in self.export["UserDetailList"]:
            for group in user["GroupList"]:
                self.assertIn(group, groups)
        for role in self.export["RoleDetailList"]:
            for trust in role["AssumeRolePolicyDocument"]["Statement"]:
                named = trust["Principal"].get("AWS", [])
                for principal in [named] if isinstance(named, str) else named:
                    if f":{ACCOUNT_ID}:user/" in principal:
                        self.assertIn(principal, users)
                    if f":{ACCOUNT_ID}:role/" in principal:
                        self.assertIn(principal, roles)

    def test_explicit_actions_exist(self) -> None:
        actions = catalog()
        services = set(actions.services())
        known = set()
        for service in services:
            known |= {f"{service}:{name}" for name in actions.names(service)}
        unknown = set()
        for document in policy_documents(self.export):
            for entry in document["Statement"]:
                listed = entry.get("Action", entry.get("NotAction"))
                for action in [listed] if isinstance(listed, str) else listed:
                    service = action.split(":", 1)[0]
                    if "*" not in action and service in services and action not in known:
                        unknown.add(action)
        self.assertEqual(unknown, set())

    def test_policy_features_present(self) -> None:
        text = json.dumps(self.export)
        for feature in (
            '"NotAction"',
            '"NotResource"',
            '"Effect": "Deny"',
            '"aws:MultiFactorAuthPresent"',
            '"aws:PrincipalTag/team"',
            '"aws:SourceIp"',
            '"s3:Get*"',
            '"ec2:*"',
            "${aws:username}",
            '"Federated"',
            '"sts:AssumeRoleWithSAML"',
            '"AWS": "*"',
            f"arn:aws:iam::{ACCOUNT_ID}:root",
            '"PermissionsBoundaryArn"',
            '"LastUsedDate"',
        ):
            self.assertIn(feature, text)


if __name__ == "__main__":
    unittest.main()
