"""IAM roles: workload roles for AWS services, roles people and pipelines assume, and roles
that other accounts, identity providers and the whole organization may assume."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .managed_policies import aws_policy
from .model import (
    ACCOUNT_ID,
    FUNCTION_VERBS,
    LATEST_DATE,
    ORGANIZATION,
    ORGANIZATION_ID,
    REGIONS,
    SECONDS_PER_DAY,
    SECURITY_ACCOUNT,
    SERVICE_PRINCIPALS,
    SHARED_SERVICES_ACCOUNT,
    VENDOR_ACCOUNT,
    Estate,
    ManagedPolicy,
    TeamEnvironment,
    arn,
    document,
)
from .policies import inline_policy
from .statements import deploy_statements, sandbox_statement, stack_statement
from .users import tags

MFA_PRESENT = {"Bool": {"aws:MultiFactorAuthPresent": "true"}}
ACCOUNT_ROOT = f"arn:aws:iam::{ACCOUNT_ID}:root"
# The AWS managed policy that each kind of workload role attaches, if any.
WORKLOAD_POLICIES = {
    "lambda": "AWSLambdaBasicExecutionRole",
    "ecs": "AmazonECSTaskExecutionRolePolicy",
    "ec2": "AmazonSSMManagedInstanceCore",
    "glue": "AWSGlueServiceRole",
}


@dataclass
class RoleSpec:
    """The grants of a role and the principals that may assume it, before ids are drawn."""

    name: str
    trust: list[dict[str, Any]]
    path: str = "/"
    attached: list[ManagedPolicy] = field(default_factory=list)
    inline: list[dict[str, Any]] = field(default_factory=list)
    instance_profile: bool = False


def allow(principal: dict[str, Any], action: str = "sts:AssumeRole", condition=None) -> dict:
    """Build an Allow statement of a trust policy."""
    entry: dict[str, Any] = {"Effect": "Allow", "Principal": principal, "Action": action}
    if condition:
        entry["Condition"] = condition
    return entry


def build_roles(estate: Estate, count: int, policies: dict[str, ManagedPolicy]) -> None:
    """Create the account-wide roles, then team roles of random kinds up to `count` roles."""
    account_roles(estate, policies)
    kinds = list(ROLE_KINDS)
    weights = [ROLE_KINDS[kind][1] for kind in kinds]
    while len(estate.roles) < count:
        kind = estate.rng.weighted(kinds, weights)
        env = estate.random_environment()
        builder = ROLE_KINDS[kind][0]
        spec = builder(estate, env, policies)
        boundary = None
        if kind in ("developer", "saml", "lambda", "ecs") and estate.rng.random() < 0.2:
            name = "boundary-developer" if kind in ("developer", "saml") else "boundary-workload"
            boundary = policies[name]
        role_arn = add_role(
            estate,
            spec,
            permissions_boundary=boundary,
            used=estate.rng.random() < 0.7,
            role_tags=[("team", env.team), ("env", env.environment)],
        )
        estate.role_arns_by_team.setdefault(env.team, []).append(role_arn)


def account_roles(estate: Estate, policies: dict[str, ManagedPolicy]) -> None:
    """Create the break-glass, platform, audit, CI and service-linked roles."""
    admins = [user["Arn"] for user in estate.users if "admins" in user["GroupList"]]
    administrator = aws_policy(estate, "AdministratorAccess")
    read_only = aws_policy(estate, "ReadOnlyAccess")
    specs = [
        RoleSpec(
            "break-glass",
            [allow({"AWS": admins[:4] or estate.human_user_arns[:2]}, condition=MFA_PRESENT)],
            attached=[administrator],
        ),
        RoleSpec(
            "platform-admin",
            [
                allow({"AWS": arn("role/break-glass")}),
                allow({"AWS": ACCOUNT_ROOT}, condition=MFA_PRESENT),
            ],
            attached=[policies["break-glass-admin"]],
        ),
        RoleSpec(
            "security-audit",
            [allow({"AWS": f"arn:aws:iam::{SECURITY_ACCOUNT}:root"})],
            attached=[aws_policy(estate, "SecurityAudit"), read_only],
        ),
        RoleSpec(
            "ci-terraform",
            [allow({"AWS": estate.machine_user_arns[:3] or estate.human_user_arns[:1]})],
            attached=[policies["ci-bootstrap"], aws_policy(estate, "PowerUserAccess")],
        ),
        RoleSpec(
            "ci-iam-admin",
            [allow({"AWS": arn("role/ci-terraform")})],
            attached=[aws_policy(estate, "IAMFullAccess")],
        ),
        RoleSpec(
            "org-read-anywhere",
            [
                allow(
                    {"AWS": "*"},
                    condition={"StringEquals": {"aws:PrincipalOrgID": ORGANIZATION_ID}},
                )
            ],
            attached=[read_only],
        ),
        RoleSpec(
            "AWSServiceRoleForAutoScaling",
            [allow({"Service": "autoscaling.amazonaws.com"})],
            path="/aws-service-role/autoscaling.amazonaws.com/",
            attached=[aws_policy(estate, "AutoScalingServiceRolePolicy")],
        ),
        RoleSpec(
            "AWSServiceRoleForElasticLoadBalancing",
            [allow({"Service": "elasticloadbalancing.amazonaws.com"})],
            path="/aws-service-role/elasticloadbalancing.amazonaws.com/",
            attached=[aws_policy(estate, "AWSElasticLoadBalancingServiceRolePolicy")],
        ),
    ]
    for spec in specs:
        add_role(estate, spec, used=True, role_tags=[])


# Team roles: each builder returns the spec of one role for a team environment.

Builder = Callable[[Estate, TeamEnvironment, dict[str, ManagedPolicy]], RoleSpec]


def workload_role(kind: str) -> Builder:
    """Return a builder of roles that the AWS service `kind` assumes for the team."""

    def build(estate, env, policies) -> RoleSpec:
        rng = estate.rng
        suffix = {
            "lambda": f"{rng.choice(FUNCTION_VERBS)}-lambda",
            "ecs": f"{rng.choice(['api', 'worker', 'scheduler'])}-task",
            "ec2": f"{rng.choice(['bastion', 'batch', 'web'])}-instance",
            "glue": "glue-job",
            "codebuild": "build",
            "states": "workflow",
        }[kind]
        spec = RoleSpec(
            f"{env.prefix}-{suffix}",
            [allow({"Service": SERVICE_PRINCIPALS[kind]})],
            path="/" if kind == "ec2" else rng.choice(["/", "/service-role/"]),
            instance_profile=kind == "ec2",
        )
        if kind in WORKLOAD_POLICIES:
            spec.attached.append(aws_policy(estate, WORKLOAD_POLICIES[kind]))
        if rng.random() < 0.45:
            spec.inline.append(inline_policy(estate, f"{kind}-permissions", env, 1))
        team_policies = estate.policies_by_team.get(env.team)
        if team_policies and rng.random() < 0.5:
            spec.attached.append(rng.choice(team_policies))
        if kind == "ec2" and rng.random() < 0.15:
            spec.attached.append(aws_policy(estate, "AmazonS3FullAccess"))
        if kind == "codebuild" and rng.random() < 0.4:
            spec.attached.append(aws_policy(estate, "PowerUserAccess"))
        return spec

    return build


def developer_role(estate, env, policies) -> RoleSpec:
    """Build a role that people of the account assume with MFA to work on the team's services."""
    spec = RoleSpec(
        f"{env.prefix}-developer", [allow({"AWS": ACCOUNT_ROOT}, condition=MFA_PRESENT)]
    )
    spec.inline.append(inline_policy(estate, "developer-access", env, 2))
    if env.environment != "prod":
        spec.inline.append(
            {"PolicyName": "sandbox", "PolicyDocument": document([sandbox_statement(env)])}
        )
    if env.environment != "prod" and estate.rng.random() < 0.3:
        spec.attached.append(aws_policy(estate, "AWSLambda_FullAccess"))
    if estate.rng.random() < 0.2:
        spec.attached.append(aws_policy(estate, "AmazonDynamoDBFullAccess"))
    return spec


def readonly_role(estate, env, policies) -> RoleSpec:
    """Build a read-only role that people of the account assume with MFA."""
    return RoleSpec(
        f"{env.prefix}-readonly",
        [allow({"AWS": ACCOUNT_ROOT}, condition=MFA_PRESENT)],
        attached=[aws_policy(estate, "ReadOnlyAccess")],
    )


def deploy_role(estate, env, policies) -> RoleSpec:
    """Build a deploy role for the team's machine users and a pipeline in another account."""
    principals = estate.machine_users_by_team.get(env.team, [])[:2] or estate.machine_user_arns[:1]
    pipeline = {"StringEquals": {"aws:PrincipalTag/pipeline": env.team}}
    return RoleSpec(
        f"{env.prefix}-deploy",
        [
            allow({"AWS": principals}),
            allow({"AWS": f"arn:aws:iam::{SHARED_SERVICES_ACCOUNT}:root"}, condition=pipeline),
        ],
        inline=[
            {"PolicyName": "deploy", "PolicyDocument": document(deploy_statements(estate, env) + [stack_statement()])}
        ],
    )


def github_role(estate, env, policies) -> RoleSpec:
    """Build a deploy role for GitHub Actions workflows of the team's repositories (OIDC)."""
    issuer = "token.actions.githubusercontent.com"
    condition = {
        "StringEquals": {f"{issuer}:aud": "sts.amazonaws.com"},
        "StringLike": {f"{issuer}:sub": f"repo:{ORGANIZATION}/{env.team}-*:ref:refs/heads/main"},
    }
    return RoleSpec(
        f"github-{env.prefix}-deploy",
        [
            allow(
                {"Federated": arn(f"oidc-provider/{issuer}")},
                "sts:AssumeRoleWithWebIdentity",
                condition,
            )
        ],
        inline=[
            {"PolicyName": "deploy", "PolicyDocument": document(deploy_statements(estate, env) + [stack_statement()])}
        ],
    )


def saml_role(estate, env, policies) -> RoleSpec:
    """Build a role that people sign in to through the corporate SAML identity provider."""
    rng = estate.rng
    audience = {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}}
    job = rng.choice(["engineer", "analyst", "support"])
    spec = RoleSpec(
        f"sso-{env.prefix}-{job}",
        [
            allow(
                {"Federated": arn("saml-provider/corporate-idp")},
                "sts:AssumeRoleWithSAML",
                audience,
            )
        ],
    )
    spec.inline.append(inline_policy(estate, "sso-access", env, 1))
    if rng.random() < 0.3:
        job_policy = "ReadOnlyAccess" if job == "engineer" else "ViewOnlyAccess"
        spec.attached.append(aws_policy(estate, job_policy))
    return spec


def cross_account_role(estate, env, policies) -> RoleSpec:
    """Build a role for a pipeline and the security account, which a Deny requires MFA of."""
    security_root = f"arn:aws:iam::{SECURITY_ACCOUNT}:root"
    pipeline_runner = arn("role/pipeline-runner", account=SHARED_SERVICES_ACCOUNT)
    deny_without_mfa = {
        "Effect": "Deny",
        "Principal": {"AWS": security_root},
        "Action": "sts:AssumeRole",
        "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "false"}},
    }
    return RoleSpec(
        f"{env.prefix}-shared-services-access",
        [allow({"AWS": [pipeline_runner, security_root]}), deny_without_mfa],
        inline=[inline_policy(estate, "shared-services", env, 1)],
    )


def vendor_role(estate, env, policies) -> RoleSpec:
    """Build a monitoring vendor's role, guarded by an external id."""
    external_id = {"StringEquals": {"sts:ExternalId": f"kst-{estate.rng.below(10**8):08d}"}}
    return RoleSpec(
        f"vendor-monitoring-{env.prefix}",
        [allow({"AWS": f"arn:aws:iam::{VENDOR_ACCOUNT}:root"}, condition=external_id)],
        attached=[
            aws_policy(estate, "SecurityAudit"),
            aws_policy(estate, "CloudWatchLogsReadOnlyAccess"),
        ],
    )


def operator_role(estate, env, policies) -> RoleSpec:
    """Build a role that the team's two latest roles and one person may assume, a chain."""
    principals = estate.role_arns_by_team.get(env.team, [])[-2:]
    principals.append(estate.rng.choice(estate.human_user_arns))
    return RoleSpec(
        f"{env.prefix}-operator",
        [allow({"AWS": principals})],
        attached=[policies["ec2-operator"]],
        inline=[inline_policy(estate, "operator", env, 1)],
    )


def org_reader_role(estate, env, policies) -> RoleSpec:
    """Build a role that any principal of the organization may assume (`"AWS": "*"`)."""
    organization = {"StringEquals": {"aws:PrincipalOrgID": ORGANIZATION_ID}}
    return RoleSpec(
        f"{env.prefix}-org-reader",
        [allow({"AWS": "*"}, condition=organization)],
        inline=[inline_policy(estate, "org-read", env, 1)],
    )


# Each kind of team role with its builder and its weight in the mix.
ROLE_KINDS: dict[str, tuple[Builder, int]] = {
    "lambda": (workload_role("lambda"), 30),
    "ecs": (workload_role("ecs"), 16),
    "ec2": (workload_role("ec2"), 12),
    "glue": (workload_role("glue"), 4),
    "codebuild": (workload_role("codebuild"), 4),
    "states": (workload_role("states"), 3),
    "developer": (developer_role, 6),
    "readonly": (readonly_role, 4),
    "deploy": (deploy_role, 5),
    "github": (github_role, 4),
    "saml": (saml_role, 4),
    "cross-account": (cross_account_role, 3),
    "vendor": (vendor_role, 1),
    "operator": (operator_role, 3),
    "org-reader": (org_reader_role, 1),
}


def add_role(
    estate: Estate,
    spec: RoleSpec,
    *,
    used: bool,
    role_tags: list[tuple[str, str]],
    permissions_boundary: ManagedPolicy | None = None,
) -> str:
    """Append a `RoleDetailList` entry in the key order of the IAM API; return its ARN."""
    name = estate.unique_name("role", spec.name)
    role_arn = arn(f"role{spec.path}{name}")
    created = estate.date()
    role_id = estate.unique_id("AROA")
    trust_policy = document(spec.trust)

    profiles = []
    if spec.instance_profile:
        role_summary = {
            "Path": spec.path,
            "RoleName": name,
            "RoleId": role_id,
            "Arn": role_arn,
            "CreateDate": created,
            "AssumeRolePolicyDocument": trust_policy,
        }
        profiles.append(
            {
                "Path": "/",
                "InstanceProfileName": name,
                "InstanceProfileId": estate.unique_id("AIPA"),
                "Arn": arn(f"instance-profile/{name}"),
                "CreateDate": created,
                "Roles": [role_summary],
            }
        )

    entry: dict[str, Any] = {
        "Path": spec.path,
        "RoleName": name,
        "RoleId": role_id,
        "Arn": role_arn,
        "CreateDate": created,
        "AssumeRolePolicyDocument": trust_policy,
        "InstanceProfileList": profiles,
        "RolePolicyList": spec.inline,
        "AttachedManagedPolicies": [policy.attach() for policy in spec.attached],
    }
    if permissions_boundary:
        entry["PermissionsBoundary"] = permissions_boundary.use_as_boundary()
    entry["Tags"] = tags(role_tags)
    entry["RoleLastUsed"] = {}
    if used:
        entry["RoleLastUsed"] = {
            "LastUsedDate": estate.date(LATEST_DATE - 90 * SECONDS_PER_DAY),
            "Region": estate.rng.choice(REGIONS),
        }
    estate.roles.append(entry)
    return role_arn
