#!/usr/bin/env python3
"""Write a synthetic Azure estate, as the Azure CLI prints it, for benchmarks.

The estate belongs to one fictional tenant. The output folder contains one file per `az`
command, each the JSON that the command prints with `--output json`:

| file | command |
|---|---|
| `role-definitions.json` | `az role definition list --custom-role-only false` |
| `management-groups.json` | `az account management-group show --name <tenant id> --expand --recurse` |
| `subscriptions.json` | `az account list --all` |
| `resource-groups-<subscription>.json` | `az group list --subscription <id>` |
| `vms-<subscription>.json` | `az vm list --subscription <id>` |
| `resources-<subscription>.json` | `az resource list --subscription <id> --query "[?type!='Microsoft.Compute/virtualMachines']"` |
| `identities-<subscription>.json` | `az identity list --subscription <id>` |
| `applications.json` | `az ad app list --all` |
| `service-principals.json` | `az ad sp list --all` |
| `role-assignments-<subscription>.json` | `az role assignment list --all --subscription <id>` |
| `role-assignments-management-groups.json` | `az role assignment list --scope <management group id>`, joined |

The role definitions are five built-in roles (Owner, Contributor, Reader, User Access
Administrator, Virtual Machine Contributor) with their real ids and a subset of their
actions, and custom roles with `notActions`. Descriptions are written for this benchmark.

N role assignments (default 200,000) go to P principals (default 20,000): users and groups
known only by their object ids, application service principals, and the managed identities
of virtual machines, other resources and user-assigned identities. Assignments sit on
management groups, subscriptions, resource groups and resources, and no principal gets the
same role on the same scope twice, because Azure rejects such a duplicate.

Output depends only on the arguments: GUIDs are version-5 UUIDs of the seed and a counter,
and every random draw is built on `random.Random.random()` through `awsgen.model.Rng`.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from awsgen.model import Rng

DEFAULT_ASSIGNMENTS = 200_000
DEFAULT_PRINCIPALS = 20_000
DEFAULT_SUBSCRIPTIONS = 40
RESOURCE_GROUPS_PER_SUBSCRIPTION = 10
CUSTOM_ROLES = 24

# Shares of the principals by type; managed identities split further below.
USER_SHARE = 0.50
GROUP_SHARE = 0.10
APPLICATION_SHARE = 0.25
# Of the managed identities: system-assigned on VMs, on other resources, and user-assigned.
VM_IDENTITY_SHARE = 0.50
RESOURCE_IDENTITY_SHARE = 0.33

# Shares of the role assignments by scope level.
SCOPE_WEIGHTS = {"managementGroup": 2, "subscription": 10, "resourceGroup": 50, "resource": 38}

NAMESPACE = uuid.UUID("6f1f7f3e-8a1d-4c6e-9d43-2c4a6b0e5a11")

BUILT_IN_ROLES = [
    # (name, id, actions, notActions, weight in assignments)
    ("Owner", "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", ["*"], [], 2),
    (
        "Contributor",
        "b24988ac-6180-42a0-ab88-20f7382dd24c",
        ["*"],
        [
            "Microsoft.Authorization/*/Delete",
            "Microsoft.Authorization/*/Write",
            "Microsoft.Authorization/elevateAccess/Action",
        ],
        20,
    ),
    ("Reader", "acdd72a7-3385-48ef-bd42-f606fba81ae7", ["*/read"], [], 40),
    (
        "User Access Administrator",
        "18d7d88d-d35e-4fb3-9a5f-5c3ef8b54d4d",
        ["*/read", "Microsoft.Authorization/*", "Microsoft.Support/*"],
        [],
        1,
    ),
    (
        "Virtual Machine Contributor",
        "9980e02c-c2be-4d73-94e8-173b1dc7cf3c",
        [
            "Microsoft.Authorization/*/read",
            "Microsoft.Compute/virtualMachines/*",
            "Microsoft.Compute/disks/*",
            "Microsoft.Network/networkInterfaces/*",
            "Microsoft.Resources/subscriptions/resourceGroups/read",
        ],
        [],
        5,
    ),
]
# Each custom role's weight; with 24 of them, about a quarter of assignments use one.
CUSTOM_ROLE_WEIGHT = 1

# Resource types other than VMs: (ARM type, kind, name prefix, share, carries an identity).
RESOURCE_TYPES = [
    ("Microsoft.KeyVault/vaults", None, "kv", 0.20, False),
    ("Microsoft.Storage/storageAccounts", "StorageV2", "st", 0.25, False),
    ("Microsoft.Web/sites", "functionapp,linux", "func", 0.20, True),
    ("Microsoft.Web/sites", "app,linux", "web", 0.15, True),
    ("Microsoft.Automation/automationAccounts", None, "aa", 0.10, True),
    ("Microsoft.Logic/workflows", None, "logic", 0.10, True),
]
CUSTOM_ACTION_POOL = [
    "Microsoft.Compute/virtualMachines/read",
    "Microsoft.Compute/virtualMachines/start/action",
    "Microsoft.Compute/virtualMachines/restart/action",
    "Microsoft.Compute/virtualMachines/runCommand/action",
    "Microsoft.KeyVault/vaults/read",
    "Microsoft.KeyVault/vaults/write",
    "Microsoft.KeyVault/vaults/accessPolicies/write",
    "Microsoft.Storage/storageAccounts/read",
    "Microsoft.Storage/storageAccounts/listKeys/action",
    "Microsoft.Web/sites/*",
    "Microsoft.Web/sites/config/list/action",
    "Microsoft.Automation/automationAccounts/runbooks/*",
    "Microsoft.Logic/workflows/*",
    "Microsoft.Network/*/read",
    "Microsoft.Resources/deployments/*",
    "Microsoft.Authorization/roleAssignments/write",
    "Microsoft.ManagedIdentity/userAssignedIdentities/assign/action",
    "Microsoft.Insights/*/read",
]
CUSTOM_NOT_ACTION_POOL = [
    "Microsoft.Authorization/*/Delete",
    "Microsoft.Authorization/*/Write",
    "Microsoft.Compute/virtualMachines/delete",
    "Microsoft.KeyVault/vaults/delete",
    "Microsoft.Storage/storageAccounts/delete",
    "Microsoft.Network/*/write",
]
LOCATIONS = ["westeurope", "northeurope", "eastus", "swedencentral"]
TEAMS = ["billing", "claims", "data", "edge", "identity", "ledger", "mobile", "ops", "portal"]


@dataclass
class Principal:
    """A principal that role assignments name: its object id, type and display name."""

    object_id: str
    principal_type: str  # User, Group or ServicePrincipal, as role assignments print it
    name: str


@dataclass
class Estate:
    """The generated estate: every file's content by file name, and counts for reports."""

    files: dict[str, Any] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)


class Generator:
    """Builds one estate; `guid` numbers every id so that output depends on the seed alone."""

    def __init__(self, seed: int, assignments: int, principals: int, subscriptions: int):
        self.rng = Rng(seed)
        self.seed = seed
        self.assignment_count = assignments
        self.principal_count = principals
        self.subscription_count = subscriptions
        self.counter = 0
        self.tenant = self.guid()
        self.estate = Estate()

    def guid(self) -> str:
        """Return the next GUID of this seed, lowercase, as Azure prints them."""
        self.counter += 1
        return str(uuid.uuid5(NAMESPACE, f"{self.seed}:{self.counter}"))

    def date(self, start_year: int = 2019, end_year: int = 2024) -> str:
        """Return a date-time such as `2021-03-13T18:40:54.123456+00:00`."""
        year = self.rng.between(start_year, end_year)
        return (
            f"{year}-{self.rng.between(1, 12):02d}-{self.rng.between(1, 28):02d}T"
            f"{self.rng.between(0, 23):02d}:{self.rng.between(0, 59):02d}:"
            f"{self.rng.between(0, 59):02d}.{self.rng.below(1_000_000):06d}+00:00"
        )

    def generate(self) -> Estate:
        """Generate every file of the estate."""
        self.management_groups()
        self.subscriptions()
        self.role_definitions()
        self.resources()
        self.applications()
        self.role_assignments()
        return self.estate

    def management_groups(self) -> None:
        """Build the tenant root group with four areas of three groups each below it."""
        self.leaf_groups: list[str] = []
        self.group_ids: list[str] = []
        root_id = f"/providers/Microsoft.Management/managementGroups/{self.tenant}"
        self.group_ids.append(root_id)
        areas = []
        for area in ["corp", "online", "platform", "sandbox"]:
            area_id = f"/providers/Microsoft.Management/managementGroups/mg-{area}"
            self.group_ids.append(area_id)
            children = []
            for stage in ["prod", "test", "dev"]:
                leaf_id = f"/providers/Microsoft.Management/managementGroups/mg-{area}-{stage}"
                self.group_ids.append(leaf_id)
                self.leaf_groups.append(leaf_id)
                children.append(
                    {
                        "children": [],
                        "displayName": f"{area.capitalize()} {stage}",
                        "id": leaf_id,
                        "name": f"mg-{area}-{stage}",
                        "type": "Microsoft.Management/managementGroups",
                    }
                )
            areas.append(
                {
                    "children": children,
                    "displayName": area.capitalize(),
                    "id": area_id,
                    "name": f"mg-{area}",
                    "type": "Microsoft.Management/managementGroups",
                }
            )
        self.root = {
            "children": areas,
            "details": {
                "managementGroupAncestorsChain": [],
                "parent": None,
                "path": [],
                "updatedBy": self.guid(),
                "updatedTime": self.date(),
                "version": 7,
            },
            "displayName": "Tenant Root Group",
            "id": root_id,
            "name": self.tenant,
            "tenantId": self.tenant,
            "type": "Microsoft.Management/managementGroups",
        }
        self.estate.files["management-groups.json"] = self.root
        self.estate.counts["managementGroups"] = len(self.group_ids)

    def subscriptions(self) -> None:
        """Build `az account list` and place each subscription under a leaf group."""
        self.subscription_ids: list[str] = []
        listed = []
        leaves = {
            child["id"]: child for area in self.root["children"] for child in area["children"]
        }
        for index in range(self.subscription_count):
            guid = self.guid()
            name = f"{TEAMS[index % len(TEAMS)]}-{index:03d}"
            self.subscription_ids.append(guid)
            listed.append(
                {
                    "cloudName": "AzureCloud",
                    "homeTenantId": self.tenant,
                    "id": guid,
                    "isDefault": index == 0,
                    "managedByTenants": [],
                    "name": name,
                    "state": "Enabled",
                    "tenantId": self.tenant,
                    "user": {"name": "bench@kestrel.example", "type": "user"},
                }
            )
            leaf = self.leaf_groups[index % len(self.leaf_groups)]
            leaves[leaf]["children"].append(
                {
                    "children": None,
                    "displayName": name,
                    "id": f"/subscriptions/{guid}",
                    "name": guid,
                    "type": "/subscriptions",
                }
            )
        self.estate.files["subscriptions.json"] = listed
        self.estate.counts["subscriptions"] = len(listed)

    def role_definitions(self) -> None:
        """Build the built-in subset and the custom roles, each custom one with notActions."""
        definitions = []
        self.roles: list[tuple[str, str, int]] = []  # (name, GUID, weight)
        for name, guid, actions, not_actions, weight in BUILT_IN_ROLES:
            definitions.append(
                self.definition(name, guid, "BuiltInRole", ["/"], actions, not_actions)
            )
            self.roles.append((name, guid, weight))
        for index in range(CUSTOM_ROLES):
            guid = self.guid()
            name = f"Kestrel {TEAMS[index % len(TEAMS)]} operator {index}"
            actions = self.rng.sample(CUSTOM_ACTION_POOL, self.rng.between(2, 6))
            not_actions = self.rng.sample(CUSTOM_NOT_ACTION_POOL, self.rng.between(1, 3))
            scopes = [f"/subscriptions/{guid}" for guid in self.subscription_ids[:3]]
            definitions.append(
                self.definition(name, guid, "CustomRole", scopes, actions, not_actions)
            )
            self.roles.append((name, guid, CUSTOM_ROLE_WEIGHT))
        self.estate.files["role-definitions.json"] = definitions
        self.estate.counts["roleDefinitions"] = len(definitions)

    def definition(
        self,
        name: str,
        guid: str,
        role_type: str,
        scopes: list[str],
        actions: list[str],
        not_actions: list[str],
    ) -> dict[str, Any]:
        """Return one role definition with the keys `az role definition list` prints."""
        return {
            "assignableScopes": scopes,
            "createdBy": None,
            "createdOn": self.date(2015, 2020),
            "description": f"{name}: a role generated for the BlastRadius benchmark.",
            "id": f"/providers/Microsoft.Authorization/roleDefinitions/{guid}",
            "name": guid,
            "permissions": [
                {
                    "actions": actions,
                    "condition": None,
                    "conditionVersion": None,
                    "dataActions": [],
                    "notActions": not_actions,
                    "notDataActions": [],
                }
            ],
            "roleName": name,
            "roleType": role_type,
            "systemData": None,
            "type": "Microsoft.Authorization/roleDefinitions",
            "updatedBy": None,
            "updatedOn": self.date(2021, 2024),
        }

    def resources(self) -> None:
        """Build resource groups, VMs, other resources and user-assigned identities.

        Their managed identities are the managed-identity principals.
        """
        managed_count = self.principal_count - int(
            self.principal_count * (USER_SHARE + GROUP_SHARE + APPLICATION_SHARE)
        )
        vm_count = int(managed_count * VM_IDENTITY_SHARE)
        resource_identity_count = int(managed_count * RESOURCE_IDENTITY_SHARE)
        user_assigned_count = managed_count - vm_count - resource_identity_count
        # Resources without an identity: as many again as those with one.
        plain_count = resource_identity_count

        self.principals: list[Principal] = []
        self.managed_service_principals: list[dict[str, Any]] = []
        self.resource_ids: list[str] = []
        self.group_scopes: list[str] = []
        per_subscription: dict[str, dict[str, list[Any]]] = {
            guid: {"groups": [], "vms": [], "resources": [], "identities": []}
            for guid in self.subscription_ids
        }
        for guid in self.subscription_ids:
            for index in range(RESOURCE_GROUPS_PER_SUBSCRIPTION):
                name = f"rg-{TEAMS[index % len(TEAMS)]}-{index:02d}"
                group_id = f"/subscriptions/{guid}/resourceGroups/{name}"
                self.group_scopes.append(group_id)
                per_subscription[guid]["groups"].append(
                    {
                        "id": group_id,
                        "location": self.rng.choice(LOCATIONS),
                        "managedBy": None,
                        "name": name,
                        "properties": {"provisioningState": "Succeeded"},
                        "tags": {"team": TEAMS[index % len(TEAMS)]},
                        "type": "Microsoft.Resources/resourceGroups",
                    }
                )

        user_assigned: list[dict[str, Any]] = []
        for index in range(user_assigned_count):
            group_id = self.rng.choice(self.group_scopes)
            subscription = group_id.split("/")[2]
            name = f"id-{TEAMS[index % len(TEAMS)]}-{index:05d}"
            identity_id = (
                f"{group_id}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/{name}"
            )
            identity = {
                "clientId": self.guid(),
                "id": identity_id,
                "location": self.rng.choice(LOCATIONS),
                "name": name,
                "principalId": self.guid(),
                "resourceGroup": group_id.split("/")[4],
                "tags": {},
                "tenantId": self.tenant,
                "type": "Microsoft.ManagedIdentity/userAssignedIdentities",
            }
            user_assigned.append(identity)
            per_subscription[subscription]["identities"].append(identity)
            self.add_managed_identity(identity["principalId"], name, identity["id"])

        for index in range(vm_count):
            group_id = self.rng.choice(self.group_scopes)
            subscription = group_id.split("/")[2]
            name = f"vm-{TEAMS[index % len(TEAMS)]}-{index:05d}"
            vm_id = f"{group_id}/providers/Microsoft.Compute/virtualMachines/{name}"
            principal_id = self.guid()
            identity = self.identity_block(principal_id, user_assigned)
            per_subscription[subscription]["vms"].append(
                {
                    "id": vm_id,
                    "identity": identity,
                    "location": self.rng.choice(LOCATIONS),
                    "name": name,
                    "resourceGroup": group_id.split("/")[4],
                    "storageProfile": {"osDisk": {"osType": "Linux"}},
                    "hardwareProfile": {"vmSize": "Standard_D2s_v5"},
                    "tags": {"team": TEAMS[index % len(TEAMS)]},
                    "type": "Microsoft.Compute/virtualMachines",
                    "vmId": self.guid(),
                }
            )
            self.resource_ids.append(vm_id)
            self.add_managed_identity(principal_id, name, vm_id)

        with_identity = [entry for entry in RESOURCE_TYPES if entry[4]]
        without_identity = [entry for entry in RESOURCE_TYPES if not entry[4]]
        for index in range(resource_identity_count + plain_count):
            carries_identity = index < resource_identity_count
            kinds = with_identity if carries_identity else without_identity
            arm_type, kind, prefix, _, _ = self.rng.weighted(kinds, [entry[3] for entry in kinds])
            group_id = self.rng.choice(self.group_scopes)
            subscription = group_id.split("/")[2]
            name = f"{prefix}-{TEAMS[index % len(TEAMS)]}-{index:05d}"
            resource_id = f"{group_id}/providers/{arm_type}/{name}"
            resource: dict[str, Any] = {
                "changedTime": self.date(2023, 2024),
                "createdTime": self.date(2019, 2022),
                "extendedLocation": None,
                "id": resource_id,
                "identity": None,
                "kind": kind,
                "location": self.rng.choice(LOCATIONS),
                "managedBy": None,
                "name": name,
                "plan": None,
                "properties": None,
                "provisioningState": "Succeeded",
                "resourceGroup": group_id.split("/")[4],
                "sku": None,
                "tags": {"team": TEAMS[index % len(TEAMS)]},
                "type": arm_type,
            }
            if carries_identity:
                principal_id = self.guid()
                resource["identity"] = self.identity_block(principal_id, user_assigned)
                self.add_managed_identity(principal_id, name, resource_id)
            per_subscription[subscription]["resources"].append(resource)
            self.resource_ids.append(resource_id)

        for guid, lists in per_subscription.items():
            self.estate.files[f"resource-groups-{guid}.json"] = lists["groups"]
            self.estate.files[f"vms-{guid}.json"] = lists["vms"]
            self.estate.files[f"resources-{guid}.json"] = lists["resources"]
            self.estate.files[f"identities-{guid}.json"] = lists["identities"]
        self.estate.counts.update(
            resourceGroups=len(self.group_scopes),
            virtualMachines=vm_count,
            resources=resource_identity_count + plain_count,
            userAssignedIdentities=user_assigned_count,
            managedIdentities=managed_count,
        )

    def add_managed_identity(self, principal_id: str, name: str, resource_id: str) -> None:
        """Record a managed identity as a principal and as the service principal that
        `az ad sp list --all` prints for it."""
        self.principals.append(Principal(principal_id, "ServicePrincipal", name))
        # Graph marks a user-assigned identity's service principal as explicit.
        is_explicit = "True" if "/userAssignedIdentities/" in resource_id else "False"
        self.managed_service_principals.append(
            {
                "accountEnabled": True,
                "alternativeNames": [f"isExplicit={is_explicit}", resource_id],
                "appId": self.guid(),
                "displayName": name,
                "id": principal_id,
                "keyCredentials": [],
                "passwordCredentials": [],
                "servicePrincipalNames": [],
                "servicePrincipalType": "ManagedIdentity",
            }
        )

    def identity_block(
        self, principal_id: str, user_assigned: list[dict[str, Any]]
    ) -> dict[str, Any]:
        """Return a system-assigned identity, with a user-assigned one beside it one time in
        five when there are any."""
        block: dict[str, Any] = {
            "principalId": principal_id,
            "tenantId": self.tenant,
            "type": "SystemAssigned",
            "userAssignedIdentities": None,
        }
        if user_assigned and self.rng.random() < 0.2:
            attached = self.rng.choice(user_assigned)
            block["type"] = "SystemAssigned, UserAssigned"
            block["userAssignedIdentities"] = {
                attached["id"]: {
                    "clientId": attached["clientId"],
                    "principalId": attached["principalId"],
                }
            }
        return block

    def applications(self) -> None:
        """Build app registrations and their service principals, users and groups.

        Applications carry password credentials, some of them expired, and one service
        principal in ten has a password of its own.
        """
        application_count = int(self.principal_count * APPLICATION_SHARE)
        apps = []
        service_principals = []
        for index in range(application_count):
            app_id = self.guid()
            name = f"app-{TEAMS[index % len(TEAMS)]}-{index:05d}"
            apps.append(
                {
                    "appId": app_id,
                    "displayName": name,
                    "id": self.guid(),
                    "keyCredentials": [],
                    "passwordCredentials": [
                        self.password() for _ in range(self.rng.weighted([0, 1, 2], [2, 6, 2]))
                    ],
                    "publisherDomain": "kestrel.example",
                    "signInAudience": "AzureADMyOrg",
                }
            )
            object_id = self.guid()
            service_principals.append(
                {
                    "accountEnabled": True,
                    "appDisplayName": name,
                    "appId": app_id,
                    "appOwnerOrganizationId": self.tenant,
                    "displayName": name,
                    "id": object_id,
                    "keyCredentials": [],
                    "passwordCredentials": [self.password()] if self.rng.random() < 0.1 else [],
                    "servicePrincipalNames": [app_id],
                    "servicePrincipalType": "Application",
                }
            )
            self.principals.append(Principal(object_id, "ServicePrincipal", name))
        self.estate.files["applications.json"] = apps
        self.estate.files["service-principals.json"] = (
            service_principals + self.managed_service_principals
        )

        user_count = int(self.principal_count * USER_SHARE)
        group_count = self.principal_count - len(self.principals) - user_count
        for index in range(user_count):
            self.principals.append(
                Principal(self.guid(), "User", f"user{index:05d}@kestrel.example")
            )
        for index in range(group_count):
            self.principals.append(
                Principal(self.guid(), "Group", f"grp-{TEAMS[index % len(TEAMS)]}-{index:04d}")
            )
        self.estate.counts.update(
            applications=application_count,
            servicePrincipals=application_count + len(self.managed_service_principals),
            users=user_count,
            groups=group_count,
            principals=len(self.principals),
            passwordCredentials=sum(len(app["passwordCredentials"]) for app in apps)
            + sum(len(sp["passwordCredentials"]) for sp in service_principals),
        )

    def password(self) -> dict[str, Any]:
        """Return a password credential with the keys Microsoft Graph prints."""
        # Graph prints `2021-03-13T18:40:54Z`: the first 19 characters of `date()` and a Z.
        start = self.date(2020, 2024)[:19]
        lifetime_years = self.rng.weighted([1, 2, 99], [5, 4, 1])
        end = f"{int(start[:4]) + lifetime_years:04d}{start[4:]}"
        return {
            "customKeyIdentifier": None,
            "displayName": self.rng.choice(["ci", "deploy", "legacy", "rotation"]),
            "endDateTime": f"{end}Z",
            "hint": "abc",
            "keyId": self.guid(),
            "secretText": None,
            "startDateTime": f"{start}Z",
        }

    def role_assignments(self) -> None:
        """Build N assignments over the principals, every principal getting at least one."""
        levels = list(SCOPE_WEIGHTS)
        level_weights = [SCOPE_WEIGHTS[level] for level in levels]
        role_weights = [weight for _, _, weight in self.roles]
        seen: set[tuple[int, int, str]] = set()
        by_file: dict[str, list[dict[str, Any]]] = {
            f"role-assignments-{guid}.json": [] for guid in self.subscription_ids
        }
        by_file["role-assignments-management-groups.json"] = []
        count = 0
        attempts = 0
        while count < self.assignment_count:
            attempts += 1
            if attempts > self.assignment_count * 20:
                raise ValueError(
                    f"cannot place {self.assignment_count} distinct assignments on this "
                    "estate; give fewer assignments or more principals"
                )
            principal_index = (
                count if count < len(self.principals) else self.rng.below(len(self.principals))
            )
            role_index = self.roles.index(self.rng.weighted(self.roles, role_weights))
            level = self.rng.weighted(levels, level_weights)
            scope = self.scope(level)
            key = (principal_index, role_index, scope)
            if key in seen:
                continue
            seen.add(key)
            principal = self.principals[principal_index]
            name, role_guid, _ = self.roles[role_index]
            if level == "managementGroup":
                file_name = "role-assignments-management-groups.json"
                definition_id = f"/providers/Microsoft.Authorization/roleDefinitions/{role_guid}"
            else:
                subscription = scope.split("/")[2]
                file_name = f"role-assignments-{subscription}.json"
                definition_id = (
                    f"/subscriptions/{subscription}/providers/Microsoft.Authorization/"
                    f"roleDefinitions/{role_guid}"
                )
            assignment_guid = self.guid()
            by_file[file_name].append(
                {
                    "condition": None,
                    "conditionVersion": None,
                    "createdBy": self.principals[0].object_id,
                    "createdOn": self.date(2020, 2024),
                    "delegatedManagedIdentityResourceId": None,
                    "description": None,
                    "id": f"{scope}/providers/Microsoft.Authorization/roleAssignments/"
                    f"{assignment_guid}",
                    "name": assignment_guid,
                    "principalId": principal.object_id,
                    "principalName": principal.name,
                    "principalType": principal.principal_type,
                    "roleDefinitionId": definition_id,
                    "roleDefinitionName": name,
                    "scope": scope,
                    "type": "Microsoft.Authorization/roleAssignments",
                    "updatedBy": self.principals[0].object_id,
                    "updatedOn": self.date(2020, 2024),
                }
            )
            count += 1
        self.estate.files.update(by_file)
        self.estate.counts["roleAssignments"] = count

    def scope(self, level: str) -> str:
        """Return a random scope id of `level`."""
        if level == "managementGroup":
            return self.rng.choice(self.group_ids)
        if level == "subscription":
            return f"/subscriptions/{self.rng.choice(self.subscription_ids)}"
        if level == "resourceGroup":
            return self.rng.choice(self.group_scopes)
        return self.rng.choice(self.resource_ids)


def generate(
    seed: int = 1,
    assignments: int = DEFAULT_ASSIGNMENTS,
    principals: int = DEFAULT_PRINCIPALS,
    subscriptions: int = DEFAULT_SUBSCRIPTIONS,
) -> Estate:
    """Generate an estate; the same arguments always give the same estate."""
    if principals < 10:
        raise ValueError(f"principals must be 10 or more, got {principals}")
    if assignments < principals:
        raise ValueError(
            f"assignments ({assignments}) must be at least principals ({principals}), "
            "so that every principal has one"
        )
    if subscriptions < 1:
        raise ValueError(f"subscriptions must be 1 or more, got {subscriptions}")
    return Generator(seed, assignments, principals, subscriptions).generate()


def write_estate(estate: Estate, folder: Path) -> None:
    """Write every file into `folder` with a two-space indent, as `az` prints JSON.

    Each file is written to a temporary name and renamed. Files of an earlier estate with
    other subscription ids are left alone, so give an empty or new folder.
    """
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in sorted(estate.files.items()):
        path = folder / name
        temporary = folder / f".{name}.tmp"
        with temporary.open("w", encoding="utf-8") as stream:
            json.dump(content, stream, indent=2, ensure_ascii=False)
            stream.write("\n")
        os.replace(temporary, path)


def main(argv: list[str] | None = None) -> int:
    """Parse the command line, generate the estate and write it."""
    parser = argparse.ArgumentParser(
        description="Write a synthetic Azure estate as the Azure CLI prints it."
    )
    parser.add_argument(
        "-o", "--output", type=Path, required=True, help="folder to write; created if missing"
    )
    parser.add_argument("--seed", type=int, default=1, help="seed (default: 1)")
    parser.add_argument(
        "--assignments",
        type=int,
        default=DEFAULT_ASSIGNMENTS,
        help=f"role assignments to write (default: {DEFAULT_ASSIGNMENTS})",
    )
    parser.add_argument(
        "--principals",
        type=int,
        default=DEFAULT_PRINCIPALS,
        help=f"principals the assignments name (default: {DEFAULT_PRINCIPALS})",
    )
    parser.add_argument(
        "--subscriptions",
        type=int,
        default=DEFAULT_SUBSCRIPTIONS,
        help=f"subscriptions (default: {DEFAULT_SUBSCRIPTIONS})",
    )
    parser.add_argument(
        "--summary", action="store_true", help="print the counts of what was written as JSON"
    )
    arguments = parser.parse_args(argv)
    try:
        estate = generate(
            arguments.seed, arguments.assignments, arguments.principals, arguments.subscriptions
        )
    except ValueError as error:
        parser.error(str(error))
    write_estate(estate, arguments.output)
    if arguments.summary:
        print(json.dumps(estate.counts, indent=2, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
