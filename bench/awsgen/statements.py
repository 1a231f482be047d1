"""Statement groups that policies are assembled from, and the account-wide policies.

Each team statement builder takes the estate and one team environment and returns a short
list of statements about that environment's resources.
"""

from __future__ import annotations

from typing import Any

from .model import (
    OFFICE_NETWORKS,
    ORGANIZATION,
    SHARED_SERVICES_ACCOUNT,
    Estate,
    TeamEnvironment,
    arn,
    statement,
)


def data_read_statements(estate: Estate, env: TeamEnvironment) -> list[dict[str, Any]]:
    """Read the team's data: specific bucket, object, table and index ARNs."""
    data_bucket = env.buckets[0]
    table = estate.rng.choice(env.tables)
    return [
        statement(
            "Allow",
            ["s3:GetObject", "s3:ListBucket"],
            [f"arn:aws:s3:::{data_bucket}", f"arn:aws:s3:::{data_bucket}/*"],
            sid="ReadData",
        ),
        statement(
            "Allow",
            ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:BatchGetItem"],
            [
                arn(f"table/{table}", "dynamodb", env.region),
                arn(f"table/{table}/index/*", "dynamodb", env.region),
            ],
            sid="ReadTable",
        ),
    ]


def data_write_statements(estate: Estate, env: TeamEnvironment) -> list[dict[str, Any]]:
    """Write the team's data, with a Deny that keeps production objects from deletion."""
    statements = [
        statement(
            "Allow",
            ["s3:PutObject", "s3:DeleteObject", "s3:GetObject"],
            f"arn:aws:s3:::{env.buckets[0]}/*",
            sid="WriteObjects",
        ),
        statement(
            "Allow",
            ["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"],
            [arn(f"table/{name}", "dynamodb", env.region) for name in env.tables],
            sid="WriteTables",
        ),
    ]
    if env.environment == "prod":
        statements.append(
            statement(
                "Deny",
                ["s3:DeleteObject", "s3:DeleteObjectVersion"],
                f"arn:aws:s3:::{ORGANIZATION}-*-prod-*/*",
                sid="KeepProductionObjects",
            )
        )
    return statements


def secret_statements(estate: Estate, env: TeamEnvironment) -> list[dict[str, Any]]:
    """Read the team's secrets and decrypt with its key, limited by a principal tag."""
    return [
        statement(
            "Allow",
            ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
            env.secret_arns,
            sid="ReadSecrets",
        ),
        statement(
            "Allow",
            ["kms:Decrypt", "kms:GenerateDataKey*"],
            env.key_arn,
            sid="UseTeamKey",
            condition={"StringEquals": {"aws:PrincipalTag/team": env.team}},
        ),
    ]


def queue_and_function_statements(estate: Estate, env: TeamEnvironment) -> list[dict[str, Any]]:
    """Send to the team's queue and invoke its functions, by ARN pattern."""
    return [
        statement(
            "Allow",
            ["sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage"],
            arn(env.queue, "sqs", env.region),
            sid="UseQueue",
        ),
        statement(
            "Allow",
            "lambda:InvokeFunction",
            arn(f"function:{env.prefix}-*", "lambda", env.region),
            sid="InvokeFunctions",
        ),
    ]


def read_only_statements(estate: Estate, env: TeamEnvironment) -> list[dict[str, Any]]:
    """Browse what the team owns through service wildcards and ARN patterns."""
    return [
        statement(
            "Allow",
            ["s3:Get*", "s3:List*"],
            [
                f"arn:aws:s3:::{ORGANIZATION}-{env.team}-*",
                f"arn:aws:s3:::{ORGANIZATION}-{env.team}-*/*",
            ],
        ),
        statement(
            "Allow",
            ["dynamodb:Describe*", "dynamodb:Query", "dynamodb:Scan"],
            arn(f"table/{env.team}-*", "dynamodb", "*"),
        ),
        statement("Allow", ["cloudwatch:Get*", "cloudwatch:List*", "logs:FilterLogEvents"], "*"),
    ]


def deploy_statements(estate: Estate, env: TeamEnvironment) -> list[dict[str, Any]]:
    """Deploy the team's functions and services, passing only its own roles."""
    region = env.region
    return [
        statement(
            "Allow",
            [
                "lambda:UpdateFunctionCode",
                "lambda:UpdateFunctionConfiguration",
                "lambda:PublishVersion",
                "lambda:CreateFunction",
            ],
            arn(f"function:{env.team}-*", "lambda", region),
            sid="DeployFunctions",
        ),
        statement(
            "Allow",
            ["ecs:UpdateService", "ecs:RegisterTaskDefinition", "ecs:Describe*"],
            "*",
            sid="DeployServices",
        ),
        statement(
            "Allow",
            "iam:PassRole",
            arn(f"role/{env.team}-*"),
            sid="PassTeamRoles",
            condition={
                "StringEquals": {
                    "iam:PassedToService": ["lambda.amazonaws.com", "ecs-tasks.amazonaws.com"]
                }
            },
        ),
        statement(
            "Allow",
            ["s3:PutObject", "s3:GetObject"],
            f"arn:aws:s3:::{env.buckets[1]}/*",
            sid="UploadArtifacts",
        ),
    ]


def parameter_statements(estate: Estate, env: TeamEnvironment) -> list[dict[str, Any]]:
    """Read the team's SSM parameters from office networks only."""
    return [
        statement(
            "Allow",
            ["ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath"],
            arn(f"parameter/{env.team}/{env.environment}/*", "ssm", env.region),
            condition={"IpAddress": {"aws:SourceIp": OFFICE_NETWORKS}},
        )
    ]


TEAM_STATEMENT_BUILDERS = [
    data_read_statements,
    data_write_statements,
    secret_statements,
    queue_and_function_statements,
    read_only_statements,
    deploy_statements,
    parameter_statements,
]


def assume_statements(estate: Estate, team: str) -> list[dict[str, Any]]:
    """Assume the team's roles, and one role in the shared services account."""
    return [
        statement("Allow", "sts:AssumeRole", arn(f"role/{team}-*"), sid="AssumeTeamRoles"),
        statement(
            "Allow",
            "sts:AssumeRole",
            arn("role/artifact-reader", account=SHARED_SERVICES_ACCOUNT),
            sid="AssumeSharedArtifactReader",
        ),
    ]


def organization_policies(estate: Estate) -> list[tuple[str, list[dict[str, Any]]]]:
    """Return the account-wide customer managed policies, as (name, statements)."""
    mfa_missing = {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}
    mfa_present = {"Bool": {"aws:MultiFactorAuthPresent": "true"}}
    self_arn = arn("user/${aws:username}")
    return [
        (
            "require-mfa",
            [
                statement(
                    "Allow",
                    [
                        "iam:ChangePassword",
                        "iam:GetUser",
                        "iam:CreateVirtualMFADevice",
                        "iam:EnableMFADevice",
                        "iam:ListMFADevices",
                    ],
                    [self_arn, arn("mfa/${aws:username}")],
                    sid="ManageOwnCredentials",
                ),
                statement(
                    "Deny",
                    [
                        "iam:CreateVirtualMFADevice",
                        "iam:EnableMFADevice",
                        "iam:GetUser",
                        "iam:ListMFADevices",
                        "sts:GetSessionToken",
                    ],
                    "*",
                    sid="DenyAllExceptMfaSetupWithoutMfa",
                    condition=mfa_missing,
                    not_action=True,
                ),
            ],
        ),
        (
            "deny-outside-office-network",
            [
                statement(
                    "Deny",
                    "*",
                    "*",
                    sid="DenyOutsideOffice",
                    condition={
                        "NotIpAddress": {"aws:SourceIp": OFFICE_NETWORKS},
                        "Bool": {"aws:ViaAWSService": "false"},
                    },
                )
            ],
        ),
        (
            "break-glass-admin",
            [statement("Allow", "*", "*", sid="AdminWithMfa", condition=mfa_present)],
        ),
        ("legacy-full-access", [statement("Allow", ["*:*"], "*")]),
        (
            "ec2-operator",
            [
                statement("Allow", "ec2:*", "*", sid="OperateInstances"),
                statement(
                    "Deny",
                    ["ec2:TerminateInstances", "ec2:DeleteVolume"],
                    "*",
                    sid="NoTerminationWithoutOncallTag",
                    condition={"StringNotEquals": {"aws:PrincipalTag/oncall": "true"}},
                ),
                statement("Allow", "iam:PassRole", arn("role/*-instance"), sid="PassInstanceRoles"),
            ],
        ),
        (
            "self-service-home-folder",
            [
                statement(
                    "Allow",
                    "s3:ListBucket",
                    f"arn:aws:s3:::{ORGANIZATION}-home",
                    condition={"StringLike": {"s3:prefix": ["home/${aws:username}/*"]}},
                ),
                statement(
                    "Allow",
                    ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
                    f"arn:aws:s3:::{ORGANIZATION}-home/home/${{aws:username}}/*",
                ),
            ],
        ),
        (
            "s3-everything-but-audit",
            [
                statement(
                    "Allow",
                    "s3:*",
                    [
                        f"arn:aws:s3:::{ORGANIZATION}-audit-logs",
                        f"arn:aws:s3:::{ORGANIZATION}-audit-logs/*",
                    ],
                    sid="AllExceptAuditLogs",
                    not_resource=True,
                )
            ],
        ),
        (
            "iam-self-service",
            [
                statement(
                    "Allow",
                    [
                        "iam:CreatePolicyVersion",
                        "iam:SetDefaultPolicyVersion",
                        "iam:AttachUserPolicy",
                        "iam:PutUserPolicy",
                    ],
                    "*",
                    sid="ManagePolicies",
                ),
                statement(
                    "Allow",
                    ["iam:CreateAccessKey", "iam:UpdateLoginProfile"],
                    arn("user/*"),
                    sid="ManageUserCredentials",
                ),
            ],
        ),
        (
            "ci-bootstrap",
            [
                statement(
                    "Allow",
                    [
                        "iam:CreateRole",
                        "iam:PutRolePolicy",
                        "iam:AttachRolePolicy",
                        "iam:PassRole",
                        "iam:UpdateAssumeRolePolicy",
                    ],
                    arn("role/ci-*"),
                    sid="ManageCiRoles",
                ),
                statement(
                    "Allow",
                    ["cloudformation:*"],
                    arn("stack/ci-*/*", "cloudformation", "*"),
                    sid="RunStacks",
                ),
                statement(
                    "Allow",
                    ["s3:GetObject", "s3:PutObject"],
                    f"arn:aws:s3:::{ORGANIZATION}-terraform-state/*",
                    sid="TerraformState",
                ),
                statement(
                    "Allow",
                    ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"],
                    arn("table/terraform-locks", "dynamodb", "eu-west-1"),
                    sid="TerraformLocks",
                ),
            ],
        ),
        (
            "audit-log-reader",
            [
                statement(
                    "Allow",
                    ["s3:GetObject", "s3:ListBucket"],
                    [
                        f"arn:aws:s3:::{ORGANIZATION}-audit-logs",
                        f"arn:aws:s3:::{ORGANIZATION}-audit-logs/*",
                    ],
                ),
                statement("Allow", ["cloudtrail:LookupEvents", "cloudtrail:GetTrail*"], "*"),
                statement(
                    "Deny",
                    ["s3:PutObject", "s3:DeleteObject*", "s3:PutBucketPolicy"],
                    f"arn:aws:s3:::{ORGANIZATION}-audit-logs*",
                ),
            ],
        ),
        (
            "data-science-workbench",
            [
                statement("Allow", ["athena:*", "glue:Get*", "glue:BatchGet*"], "*"),
                statement(
                    "Allow",
                    ["s3:GetObject", "s3:ListBucket"],
                    [
                        f"arn:aws:s3:::{ORGANIZATION}-*-prod-data",
                        f"arn:aws:s3:::{ORGANIZATION}-*-prod-data/*",
                    ],
                    condition={"StringEquals": {"aws:PrincipalTag/clearance": "analytics"}},
                ),
                statement(
                    "Allow", ["s3:PutObject"], f"arn:aws:s3:::{ORGANIZATION}-athena-results/*"
                ),
            ],
        ),
        (
            "billing-reader",
            [
                statement(
                    "Allow", ["aws-portal:View*", "ce:Get*", "cur:Describe*", "budgets:View*"], "*"
                )
            ],
        ),
    ]


def boundary_policies() -> list[tuple[str, list[dict[str, Any]]]]:
    """Return the permissions boundary policies, as (name, statements)."""
    return [
        (
            "boundary-developer",
            [
                statement(
                    "Allow",
                    [
                        "s3:*",
                        "dynamodb:*",
                        "lambda:*",
                        "sqs:*",
                        "logs:*",
                        "cloudwatch:*",
                        "ssm:Get*",
                        "secretsmanager:GetSecretValue",
                        "kms:Decrypt",
                        "sts:AssumeRole",
                        "ec2:Describe*",
                        "ecs:*",
                    ],
                    "*",
                    sid="ServicesDevelopersUse",
                ),
                statement(
                    "Deny",
                    ["iam:*User*", "iam:*Policy*", "iam:*PermissionsBoundary*"],
                    "*",
                    sid="NoIdentityChanges",
                ),
                statement(
                    "Deny", "*", f"arn:aws:s3:::{ORGANIZATION}-audit-logs*", sid="NoAuditLogs"
                ),
            ],
        ),
        (
            "boundary-workload",
            [
                statement("Allow", "*", "*", sid="Everything"),
                statement(
                    "Deny", ["iam:*", "organizations:*", "account:*"], "*", sid="NoIdentityChanges"
                ),
            ],
        ),
        (
            "boundary-contractor",
            [
                statement(
                    "Allow",
                    [
                        "s3:Get*",
                        "s3:List*",
                        "dynamodb:Get*",
                        "dynamodb:Query",
                        "logs:Get*",
                        "logs:FilterLogEvents",
                    ],
                    "*",
                    condition={"Bool": {"aws:MultiFactorAuthPresent": "true"}},
                ),
                statement(
                    "Deny", "*", "*", condition={"NotIpAddress": {"aws:SourceIp": OFFICE_NETWORKS}}
                ),
            ],
        ),
    ]
