"""Tests of how cloudsplaining_findings.py assigns Cloudsplaining's findings to principals.

Run with `python3 -m unittest discover -s bench`. The results below are written by hand in
the shape of the `iam-results-<name>.json` file that Cloudsplaining 0.9.1 writes.
"""

from __future__ import annotations

import unittest
from pathlib import Path

from cloudsplaining_findings import escalation_findings, format_text, principal_findings


def policy(name: str, findings: list) -> dict:
    """Return a results entry of a policy with the given privilege escalation findings."""
    return {"PolicyName": name, "PrivilegeEscalation": {"findings": findings}}


RESULTS = {
    "users": {
        "AIDAUSER1": {
            "arn": "arn:aws:iam::111122223333:user/dana",
            "name": "dana",
            "inline_policies": {"hash-own": "own-keys"},
            "customer_managed_policies": {},
            "aws_managed_policies": {},
            "groups": {
                "ops": {
                    "inline_policies": {},
                    "customer_managed_policies": {"ANPAOPS": "ops-iam"},
                    "aws_managed_policies": {"ANPAGONE": "NotInResults"},
                }
            },
            "is_excluded": False,
        },
        "AIDAUSER2": {
            "arn": "arn:aws:iam::111122223333:user/eve",
            "name": "eve",
            "inline_policies": {},
            "customer_managed_policies": {},
            "aws_managed_policies": {},
            "groups": {},
            "is_excluded": True,
        },
    },
    "roles": {
        "AROAROLE1": {
            "arn": "arn:aws:iam::111122223333:role/builder",
            "name": "builder",
            "inline_policies": {"hash-build": "build"},
            "customer_managed_policies": {},
            "aws_managed_policies": {"ANPALAMBDA": "AWSLambda_FullAccess"},
            "is_excluded": False,
        }
    },
    "inline_policies": {
        "hash-own": policy(
            "own-keys", [{"type": "CreateAccessKey", "actions": ["iam:createaccesskey"]}]
        ),
        "hash-build": policy("build", []),
    },
    "customer_managed_policies": {
        "ANPAOPS": policy(
            "ops-iam",
            [
                {"type": "CreateAccessKey", "actions": ["iam:createaccesskey"]},
                {"type": "AttachUserPolicy", "actions": ["iam:attachuserpolicy"]},
            ],
        )
    },
    "aws_managed_policies": {
        "ANPALAMBDA": policy(
            "AWSLambda_FullAccess",
            [
                {
                    "type": "PassExistingRoleToNewLambdaThenInvoke",
                    "actions": ["iam:passrole", "lambda:createfunction", "lambda:invokefunction"],
                }
            ],
        )
    },
}


class PrincipalFindingsTests(unittest.TestCase):
    """Assigning per-policy findings to users and roles."""

    def setUp(self) -> None:
        self.principals = principal_findings(RESULTS)

    def test_order_is_kind_then_arn(self) -> None:
        arns = [principal["arn"] for principal in self.principals]
        self.assertEqual(
            arns,
            [
                "arn:aws:iam::111122223333:role/builder",
                "arn:aws:iam::111122223333:user/dana",
                "arn:aws:iam::111122223333:user/eve",
            ],
        )

    def test_role_gets_managed_policy_findings(self) -> None:
        role = self.principals[0]
        self.assertEqual(role["kind"], "role")
        self.assertEqual(
            role["findings"],
            [
                {
                    "technique": "PassExistingRoleToNewLambdaThenInvoke",
                    "actions": ["iam:passrole", "lambda:createfunction", "lambda:invokefunction"],
                    "policies": [{"kind": "AWS managed policy", "name": "AWSLambda_FullAccess"}],
                }
            ],
        )

    def test_user_merges_own_and_group_policies(self) -> None:
        user = self.principals[1]
        self.assertEqual(user["name"], "dana")
        techniques = [finding["technique"] for finding in user["findings"]]
        self.assertEqual(techniques, ["AttachUserPolicy", "CreateAccessKey"])
        create_access_key = user["findings"][1]
        self.assertEqual(create_access_key["actions"], ["iam:createaccesskey"])
        self.assertEqual(
            create_access_key["policies"],
            [
                {"kind": "inline policy", "name": "own-keys"},
                {"kind": "customer managed policy", "name": "ops-iam", "group": "ops"},
            ],
        )

    def test_policy_missing_from_results_is_skipped(self) -> None:
        user = self.principals[1]
        names = [source["name"] for finding in user["findings"] for source in finding["policies"]]
        self.assertNotIn("NotInResults", names)

    def test_excluded_user_has_no_findings(self) -> None:
        user = self.principals[2]
        self.assertTrue(user["excluded"])
        self.assertEqual(user["findings"], [])


class EscalationFindingsTests(unittest.TestCase):
    """Reading one policy's findings."""

    def test_objects_and_bare_strings(self) -> None:
        entry = policy(
            "mixed",
            [{"type": "CreateAccessKey", "actions": ["iam:createaccesskey"]}, "PutUserPolicy"],
        )
        self.assertEqual(
            escalation_findings(entry),
            [("CreateAccessKey", ["iam:createaccesskey"]), ("PutUserPolicy", [])],
        )

    def test_policy_without_section(self) -> None:
        self.assertEqual(escalation_findings({"PolicyName": "plain"}), [])


class FormatTextTests(unittest.TestCase):
    """The text listing."""

    def test_lists_only_principals_with_findings(self) -> None:
        text = format_text(
            principal_findings(RESULTS),
            Path("fixture.json"),
            "cloudsplaining, version 0.9.1",
            False,
        )
        self.assertEqual(
            text.splitlines(),
            [
                "cloudsplaining, version 0.9.1 on fixture.json: privilege escalation findings "
                "for 2 of 3 principals",
                "",
                "role builder (arn:aws:iam::111122223333:role/builder)",
                "  PassExistingRoleToNewLambdaThenInvoke: iam:passrole, lambda:createfunction, "
                "lambda:invokefunction (from AWS managed policy AWSLambda_FullAccess)",
                "",
                "user dana (arn:aws:iam::111122223333:user/dana)",
                "  AttachUserPolicy: iam:attachuserpolicy (from customer managed policy ops-iam "
                "of group ops)",
                "  CreateAccessKey: iam:createaccesskey (from inline policy own-keys; customer "
                "managed policy ops-iam of group ops)",
            ],
        )

    def test_all_lists_principals_without_findings(self) -> None:
        text = format_text(principal_findings(RESULTS), Path("fixture.json"), "", True)
        self.assertIn(
            "user eve (arn:aws:iam::111122223333:user/eve) (excluded by the exclusions file)\n"
            "  no findings",
            text,
        )


if __name__ == "__main__":
    unittest.main()
