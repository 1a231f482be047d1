"""Tests of the synthetic Azure estate: file shapes, references and determinism.

Run with `python3 -m unittest discover -s bench`.
"""

from __future__ import annotations

import io
import json
import re
import tempfile
import unittest
from collections import Counter
from contextlib import redirect_stderr
from pathlib import Path

from generate_azure_export import generate, main, write_estate

GUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
ASSIGNMENT_KEYS = {
    "condition",
    "conditionVersion",
    "createdBy",
    "createdOn",
    "delegatedManagedIdentityResourceId",
    "description",
    "id",
    "name",
    "principalId",
    "principalName",
    "principalType",
    "roleDefinitionId",
    "roleDefinitionName",
    "scope",
    "type",
    "updatedBy",
    "updatedOn",
}
BUILT_IN_IDS = {
    "Owner": "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
    "Contributor": "b24988ac-6180-42a0-ab88-20f7382dd24c",
    "Reader": "acdd72a7-3385-48ef-bd42-f606fba81ae7",
    "User Access Administrator": "18d7d88d-d35e-4fb3-9a5f-5c3ef8b54d4d",
    "Virtual Machine Contributor": "9980e02c-c2be-4d73-94e8-173b1dc7cf3c",
}


class SmallEstateTest(unittest.TestCase):
    """One estate of 600 assignments over 120 principals in 3 subscriptions."""

    @classmethod
    def setUpClass(cls) -> None:
        cls.estate = generate(seed=7, assignments=600, principals=120, subscriptions=3)
        cls.files = cls.estate.files
        cls.subscriptions = [entry["id"] for entry in cls.files["subscriptions.json"]]

    def joined(self, prefix: str) -> list[dict]:
        """Return the entries of every per-subscription file that starts with `prefix`."""
        return [
            entry
            for guid in self.subscriptions
            for entry in self.files[f"{prefix}-{guid}.json"]
        ]

    def test_files_per_command(self) -> None:
        expected = {
            "role-definitions.json",
            "management-groups.json",
            "subscriptions.json",
            "applications.json",
            "service-principals.json",
            "role-assignments-management-groups.json",
        }
        for guid in self.subscriptions:
            for prefix in ["resource-groups", "vms", "resources", "identities", "role-assignments"]:
                expected.add(f"{prefix}-{guid}.json")
        self.assertEqual(set(self.files), expected)

    def test_role_definitions(self) -> None:
        definitions = self.files["role-definitions.json"]
        built_in = {d["roleName"]: d["name"] for d in definitions if d["roleType"] == "BuiltInRole"}
        self.assertEqual(built_in, BUILT_IN_IDS)
        custom = [d for d in definitions if d["roleType"] == "CustomRole"]
        self.assertEqual(len(custom), 24)
        for definition in definitions:
            self.assertEqual(definition["type"], "Microsoft.Authorization/roleDefinitions")
            self.assertEqual(
                definition["id"],
                f"/providers/Microsoft.Authorization/roleDefinitions/{definition['name']}",
            )
            self.assertEqual(len(definition["permissions"]), 1)
        for definition in custom:
            self.assertTrue(definition["permissions"][0]["notActions"], definition["roleName"])
            self.assertTrue(definition["permissions"][0]["actions"], definition["roleName"])

    def test_management_group_tree_holds_each_subscription_once(self) -> None:
        root = self.files["management-groups.json"]
        self.assertEqual(root["name"], root["tenantId"])
        self.assertEqual(root["details"]["parent"], None)
        placed = []
        groups = []
        pending = [root]
        while pending:
            node = pending.pop()
            if node["type"] == "/subscriptions":
                placed.append(node["name"])
                self.assertEqual(node["id"], f"/subscriptions/{node['name']}")
                continue
            self.assertEqual(node["type"], "Microsoft.Management/managementGroups")
            groups.append(node["id"])
            pending += node["children"] or []
        self.assertEqual(sorted(placed), sorted(self.subscriptions))
        self.assertEqual(len(groups), 17)

    def test_assignments_reference_known_objects(self) -> None:
        definitions = {d["name"] for d in self.files["role-definitions.json"]}
        scopes = {f"/subscriptions/{guid}" for guid in self.subscriptions}
        scopes |= {group["id"] for group in self.joined("resource-groups")}
        scopes |= {vm["id"] for vm in self.joined("vms")}
        scopes |= {resource["id"] for resource in self.joined("resources")}
        pending = [self.files["management-groups.json"]]
        while pending:
            node = pending.pop()
            if node["type"] != "/subscriptions":
                scopes.add(node["id"])
                pending += node["children"] or []
        service_principals = {sp["id"] for sp in self.files["service-principals.json"]}

        assignments = self.joined("role-assignments") + self.files[
            "role-assignments-management-groups.json"
        ]
        self.assertEqual(len(assignments), 600)
        for assignment in assignments:
            self.assertEqual(set(assignment), ASSIGNMENT_KEYS)
            self.assertIn(assignment["scope"], scopes)
            self.assertTrue(
                assignment["id"].startswith(
                    assignment["scope"] + "/providers/Microsoft.Authorization/roleAssignments/"
                )
            )
            self.assertRegex(assignment["principalId"], GUID)
            self.assertIn(assignment["roleDefinitionId"].rsplit("/", 1)[1], definitions)
            self.assertIn(assignment["principalType"], {"User", "Group", "ServicePrincipal"})
            if assignment["principalType"] == "ServicePrincipal":
                self.assertIn(assignment["principalId"], service_principals)
        keys = Counter(
            (a["principalId"], a["roleDefinitionId"].rsplit("/", 1)[1], a["scope"])
            for a in assignments
        )
        self.assertEqual(max(keys.values()), 1)
        self.assertEqual(len({a["principalId"] for a in assignments}), 120)

    def test_assignment_files_match_scopes(self) -> None:
        for guid in self.subscriptions:
            for assignment in self.files[f"role-assignments-{guid}.json"]:
                self.assertTrue(assignment["scope"].startswith(f"/subscriptions/{guid}"))
                self.assertTrue(
                    assignment["roleDefinitionId"].startswith(f"/subscriptions/{guid}/providers/")
                )
        for assignment in self.files["role-assignments-management-groups.json"]:
            self.assertTrue(
                assignment["scope"].startswith("/providers/Microsoft.Management/managementGroups/")
            )

    def test_managed_identities_have_service_principals(self) -> None:
        managed = {
            sp["id"]: sp
            for sp in self.files["service-principals.json"]
            if sp["servicePrincipalType"] == "ManagedIdentity"
        }
        identities = [vm["identity"] for vm in self.joined("vms")]
        identities += [r["identity"] for r in self.joined("resources") if r["identity"]]
        self.assertTrue(identities)
        for identity in identities:
            self.assertIn(identity["principalId"], managed)
            self.assertTrue(identity["type"].startswith("SystemAssigned"))
            for attached in (identity["userAssignedIdentities"] or {}).values():
                self.assertIn(attached["principalId"], managed)
        for identity in self.joined("identities"):
            self.assertEqual(
                managed[identity["principalId"]]["alternativeNames"],
                ["isExplicit=True", identity["id"]],
            )
        self.assertEqual(self.estate.counts["managedIdentities"], len(managed))

    def test_password_credentials(self) -> None:
        passwords = [
            password
            for app in self.files["applications.json"]
            for password in app["passwordCredentials"]
        ]
        self.assertTrue(passwords)
        date = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
        for password in passwords:
            self.assertRegex(password["keyId"], GUID)
            self.assertRegex(password["startDateTime"], date)
            self.assertRegex(password["endDateTime"], date)
            self.assertLess(password["startDateTime"], password["endDateTime"])
        app_ids = {app["appId"] for app in self.files["applications.json"]}
        applications = [
            sp
            for sp in self.files["service-principals.json"]
            if sp["servicePrincipalType"] == "Application"
        ]
        self.assertEqual({sp["appId"] for sp in applications}, app_ids)

    def test_counts_add_up(self) -> None:
        counts = self.estate.counts
        self.assertEqual(counts["principals"], 120)
        self.assertEqual(
            counts["users"] + counts["groups"] + counts["applications"]
            + counts["managedIdentities"],
            120,
        )
        self.assertEqual(counts["roleAssignments"], 600)
        self.assertEqual(counts["resourceGroups"], 30)


class DeterminismTest(unittest.TestCase):
    def test_same_seed_gives_same_bytes(self) -> None:
        with tempfile.TemporaryDirectory() as first, tempfile.TemporaryDirectory() as second:
            for folder in (first, second):
                write_estate(generate(3, 200, 40, 2), Path(folder))
            names = sorted(path.name for path in Path(first).iterdir())
            self.assertEqual(names, sorted(path.name for path in Path(second).iterdir()))
            for name in names:
                self.assertEqual(
                    (Path(first) / name).read_bytes(), (Path(second) / name).read_bytes(), name
                )

    def test_other_seed_differs(self) -> None:
        first = generate(3, 200, 40, 2).files["subscriptions.json"]
        second = generate(4, 200, 40, 2).files["subscriptions.json"]
        self.assertNotEqual(first, second)


class CommandLineTest(unittest.TestCase):
    def test_writes_folder(self) -> None:
        with tempfile.TemporaryDirectory() as folder:
            output = Path(folder) / "estate"
            arguments = ["-o", str(output), "--assignments", "50", "--principals", "20"]
            status = main([*arguments, "--subscriptions", "1"])
            self.assertEqual(status, 0)
            assignments = json.loads(
                (output / "role-assignments-management-groups.json").read_text(encoding="utf-8")
            )
            self.assertIsInstance(assignments, list)
            self.assertEqual(len(list(output.glob("*.json"))), 11)
            self.assertEqual(list(output.glob(".*")), [])

    def test_rejects_fewer_assignments_than_principals(self) -> None:
        with tempfile.TemporaryDirectory() as folder, redirect_stderr(io.StringIO()) as error:
            with self.assertRaises(SystemExit) as raised:
                main(["-o", folder, "--assignments", "10", "--principals", "20"])
        self.assertEqual(raised.exception.code, 2)
        self.assertIn("assignments (10) must be at least principals (20)", error.getvalue())


if __name__ == "__main__":
    unittest.main()
