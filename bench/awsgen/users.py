"""IAM groups and users: people in team and account-wide groups, and machine users."""

from __future__ import annotations

from typing import Any

from .managed_policies import aws_policy
from .model import FIRST_NAMES, LAST_NAMES, Estate, ManagedPolicy, arn, document, statement
from .policies import inline_policy
from .statements import region_guard_statement

# Groups that a person may join besides their team's group, with weights; None is no group.
EXTRA_GROUPS: list[str | None] = [
    "readonly",
    "oncall",
    "data-science",
    "platform",
    "security-auditors",
    "finance",
    "admins",
    "legacy-ops",
    "contractors",
    None,
]
EXTRA_GROUP_WEIGHTS = [12, 10, 6, 5, 3, 3, 2, 1, 6, 52]
MACHINE_PURPOSES = ["deploy", "backup", "etl", "monitoring", "sftp", "legacy-app"]


def tags(pairs: list[tuple[str, str]]) -> list[dict[str, str]]:
    """Format (key, value) pairs as the CLI prints `Tags`."""
    return [{"Key": key, "Value": value} for key, value in pairs]


def build_groups(estate: Estate, policies: dict[str, ManagedPolicy]) -> None:
    """Create the account-wide groups and one `<team>-engineers` group per team."""

    def add(name: str, attached: list[ManagedPolicy], inline: list[dict[str, Any]]) -> None:
        estate.groups.append(
            {
                "Path": "/",
                "GroupName": name,
                "GroupId": estate.unique_id("AGPA"),
                "Arn": arn(f"group/{name}"),
                "CreateDate": estate.date(),
                "GroupPolicyList": inline,
                "AttachedManagedPolicies": [policy.attach() for policy in attached],
            }
        )

    deny_account_settings = statement(
        "Deny",
        ["account:*", "iam:DeleteAccountPasswordPolicy", "iam:UpdateAccountPasswordPolicy"],
        "*",
    )
    add("admins", [aws_policy(estate, "AdministratorAccess"), policies["require-mfa"]], [])
    add("readonly", [aws_policy(estate, "ReadOnlyAccess")], [])
    add(
        "security-auditors", [aws_policy(estate, "SecurityAudit"), policies["audit-log-reader"]], []
    )
    add(
        "platform",
        [aws_policy(estate, "PowerUserAccess"), policies["ci-bootstrap"]],
        [
            {
                "PolicyName": "deny-account-settings",
                "PolicyDocument": document([deny_account_settings]),
            }
        ],
    )
    add(
        "oncall", [policies["ec2-operator"], aws_policy(estate, "CloudWatchLogsReadOnlyAccess")], []
    )
    add(
        "data-science",
        [policies["data-science-workbench"], aws_policy(estate, "AmazonS3ReadOnlyAccess")],
        [],
    )
    add("finance", [policies["billing-reader"], aws_policy(estate, "ViewOnlyAccess")], [])
    add("contractors", [policies["deny-outside-office-network"]], [])
    add("everyone", [policies["require-mfa"], policies["self-service-home-folder"]], [])
    add("legacy-ops", [policies["legacy-full-access"]], [])
    for team in estate.teams:
        env = estate.environments[(team, "dev")]
        readonly = policies.get(f"{team}-readonly")
        inline = []
        if estate.rng.random() < 0.5:
            inline.append(inline_policy(estate, f"{team}-dev-access", env, 2))
        add(f"{team}-engineers", [readonly] if readonly else [], inline)


def build_users(estate: Estate, count: int, policies: dict[str, ManagedPolicy]) -> None:
    """Create `count` users: four in five are people, every fifth is a machine user."""
    for index in range(count):
        team = estate.teams[index % len(estate.teams)]
        if index % 5 == 4:
            entry = machine_user(estate, team, policies)
            estate.machine_user_arns.append(entry["Arn"])
            estate.machine_users_by_team.setdefault(team, []).append(entry["Arn"])
        else:
            entry = person(estate, team, policies)
            estate.human_user_arns.append(entry["Arn"])
        estate.users.append(entry)


def user_entry(
    estate: Estate,
    name: str,
    path: str,
    *,
    inline: list[dict[str, Any]],
    groups: list[str],
    attached: list[dict[str, str]],
    permissions_boundary: dict[str, str] | None,
    user_tags: list[tuple[str, str]],
) -> dict[str, Any]:
    """Build a `UserDetailList` entry in the key order of the IAM API.

    The API leaves out `UserPolicyList` and `PermissionsBoundary` when there are none.
    """
    entry: dict[str, Any] = {
        "Path": path,
        "UserName": name,
        "UserId": estate.unique_id("AIDA"),
        "Arn": arn(f"user{path}{name}"),
        "CreateDate": estate.date(),
    }
    if inline:
        entry["UserPolicyList"] = inline
    entry["GroupList"] = groups
    entry["AttachedManagedPolicies"] = attached
    if permissions_boundary:
        entry["PermissionsBoundary"] = permissions_boundary
    entry["Tags"] = tags(user_tags)
    return entry


def person(estate: Estate, team: str, policies: dict[str, ManagedPolicy]) -> dict[str, Any]:
    """Create a person in their team's group and `everyone`, sometimes one more group."""
    rng = estate.rng
    env = estate.random_environment(team)
    name = estate.unique_name("user", f"{rng.choice(FIRST_NAMES)}.{rng.choice(LAST_NAMES)}")
    groups = [f"{team}-engineers", "everyone"]
    user_tags = [("team", team)]
    extra = rng.weighted(EXTRA_GROUPS, EXTRA_GROUP_WEIGHTS)
    if extra:
        groups.append(extra)

    permissions_boundary = None
    if extra == "contractors":
        permissions_boundary = policies["boundary-contractor"].use_as_boundary()
        user_tags.append(("employment", "contractor"))
    elif rng.random() < 0.12:
        permissions_boundary = policies["boundary-developer"].use_as_boundary()

    inline = []
    if rng.random() < 0.2:
        inline.append(inline_policy(estate, f"{name}-extra", env, 1))
    attached = []
    if rng.random() < 0.15:
        team_policies = estate.policies_by_team.get(team) or estate.customer_policies
        attached.append(rng.choice(team_policies).attach())

    if rng.random() < 0.3:
        user_tags.append(("oncall", rng.choice(["true", "false"])))
    if rng.random() < 0.2:
        user_tags.append(("clearance", "analytics"))
    user_tags.append(("cost-center", f"cc-{rng.between(1000, 1099)}"))
    return user_entry(
        estate,
        name,
        "/",
        inline=inline,
        groups=groups,
        attached=attached,
        permissions_boundary=permissions_boundary,
        user_tags=user_tags,
    )


def machine_user(estate: Estate, team: str, policies: dict[str, ManagedPolicy]) -> dict[str, Any]:
    """Create a machine user with an inline policy and, for deployers, an assume-role policy."""
    rng = estate.rng
    env = estate.random_environment(team)
    purpose = rng.choice(MACHINE_PURPOSES)
    name = estate.unique_name("user", f"svc-{team}-{purpose}")
    path = rng.choice(["/automation/", "/service-accounts/", "/"])
    inline = [inline_policy(estate, f"{name}-policy", env, 1)]
    inline[0]["PolicyDocument"]["Statement"].append(region_guard_statement(env))
    attached = []
    if purpose == "deploy":
        assume = policies.get(f"{team}-assume-roles") or policies["ci-bootstrap"]
        attached.append(assume.attach())
    elif purpose == "etl":
        attached.append(policies["s3-everything-but-audit"].attach())
    elif purpose == "legacy-app":
        attached.append(policies["iam-self-service"].attach())
    elif rng.random() < 0.3:
        team_policies = estate.policies_by_team.get(team) or estate.customer_policies
        attached.append(rng.choice(team_policies).attach())

    user_tags = [("team", team)]
    if path == "/" and rng.random() < 0.5:
        user_tags.append(("kind", "service"))
    permissions_boundary = None
    if rng.random() < 0.25:
        permissions_boundary = policies["boundary-workload"].use_as_boundary()
    return user_entry(
        estate,
        name,
        path,
        inline=inline,
        groups=[],
        attached=attached,
        permissions_boundary=permissions_boundary,
        user_tags=user_tags,
    )
