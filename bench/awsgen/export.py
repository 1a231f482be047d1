"""The whole export: generation in dependency order, and counts of what an export holds."""

from __future__ import annotations

from typing import Any

from .model import BASE_POLICIES, BASE_ROLES, BASE_USERS, Estate, ManagedPolicy, Rng
from .policies import build_customer_policies
from .roles import build_roles
from .teams import build_teams
from .users import build_groups, build_users


def policy_entry(policy: ManagedPolicy) -> dict[str, Any]:
    """Return the `Policies` entry of a managed policy in the key order of the IAM API."""
    return {
        "PolicyName": policy.name,
        "PolicyId": policy.policy_id,
        "Arn": policy.arn,
        "Path": policy.path,
        "DefaultVersionId": policy.default_version,
        "AttachmentCount": policy.attachments,
        "PermissionsBoundaryUsageCount": policy.boundary_uses,
        "IsAttachable": True,
        "CreateDate": policy.create_date,
        "UpdateDate": policy.versions[0]["CreateDate"],
        "PolicyVersionList": policy.versions,
    }


def generate(seed: int, scale: int) -> dict[str, Any]:
    """Generate the export for `seed` and `scale` as the object the CLI would print."""
    if scale < 1:
        raise ValueError(f"scale must be 1 or more, got {scale}")
    estate = Estate(rng=Rng(seed), scale=scale)
    build_teams(estate)
    policies = build_customer_policies(estate, BASE_POLICIES * scale)
    build_groups(estate, policies)
    build_users(estate, BASE_USERS * scale, policies)
    build_roles(estate, BASE_ROLES * scale, policies)
    # AWS managed policies appear when something attaches them, customer ones always.
    attached_aws = sorted(
        (policy for policy in estate.aws_policies.values() if policy.attachments > 0),
        key=lambda policy: policy.arn,
    )
    return {
        "UserDetailList": estate.users,
        "GroupDetailList": estate.groups,
        "RoleDetailList": estate.roles,
        "Policies": [policy_entry(policy) for policy in estate.customer_policies + attached_aws],
    }


def summarize(export: dict[str, Any]) -> dict[str, int]:
    """Count the principals, policies and statements of an export, whatever produced it."""

    def statements_in(policy_document: dict[str, Any] | None) -> int:
        if not policy_document:
            return 0
        entries = policy_document.get("Statement", [])
        return len(entries) if isinstance(entries, list) else 1

    counts = {
        "users": len(export["UserDetailList"]),
        "groups": len(export["GroupDetailList"]),
        "roles": len(export["RoleDetailList"]),
        "customer_managed_policies": 0,
        "aws_managed_policies": 0,
        "inline_policies": 0,
        "statements": 0,
        "trust_statements": 0,
    }
    for key, list_key in [
        ("UserDetailList", "UserPolicyList"),
        ("GroupDetailList", "GroupPolicyList"),
        ("RoleDetailList", "RolePolicyList"),
    ]:
        for entry in export[key]:
            for policy in entry.get(list_key, []):
                counts["inline_policies"] += 1
                counts["statements"] += statements_in(policy["PolicyDocument"])
    for role in export["RoleDetailList"]:
        counts["trust_statements"] += statements_in(role.get("AssumeRolePolicyDocument"))
    for policy in export["Policies"]:
        is_aws = policy["Arn"].startswith("arn:aws:iam::aws:")
        counts["aws_managed_policies" if is_aws else "customer_managed_policies"] += 1
        for version in policy["PolicyVersionList"]:
            counts["statements"] += statements_in(version["Document"])
    counts["statements"] += counts["trust_statements"]
    return counts
