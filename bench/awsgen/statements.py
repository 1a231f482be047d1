"""Statement groups that policies are assembled from, and the account-wide policies.

Each team statement builder takes the estate and one team environment and returns a short
list of statements about that environment's resources. Their action lists are drawn from the
IAM action names of `iam_actions.txt`: a few actions that the statement needs, then others of
the same service that teams typically add, about 5 to 40 in a policy.
"""

from __future__ import annotations

from typing import Any

from .actions import SECRET_READS, catalog
from .model import (
    OFFICE_NETWORKS,
    ORGANIZATION,
    SHARED_SERVICES_ACCOUNT,
    Estate,
    TeamEnvironment,
    arn,
    statement,
)

READS = ("List", "Read")
# Services that a team operates and browses by their read patterns and other read actions,
# in the statement that `read_only_statements` adds. They hold no data that the generated
# estate names, so reads on `*` do not reach its buckets, tables, functions, queues, secrets
# or keys.
OPERATED_SERVICES = (
    "apigateway application-autoscaling athena autoscaling cloudformation cloudtrail cloudwatch "
    "codebuild codedeploy codepipeline config ec2 ecr ecs elasticache elasticloadbalancing "
    "events firehose glue kinesis logs rds sns states xray"
).split()


def some_actions(
    estate: Estate, required: list[str], pool: list[str], low: int, high: int
) -> list[str]:
    """Return `required` followed by other actions of `pool`, `low` to `high` actions in all.

    The others are drawn at random and keep the order of `pool`.
    """
    others = [action for action in pool if action not in required]
    wanted = max(0, estate.rng.between(low, high) - len(required))
    chosen = set(estate.rng.sample(others, min(wanted, len(others))))
    return required + [action for action in others if action in chosen]


def data_read_statements(estate: Estate, env: TeamEnvironment) -> list[dict[str, Any]]:
    """Read the team's data: specific bucket, object, table and index ARNs."""
    actions = catalog()
    data_bucket = env.buckets[0]
    table = estate.rng.choice(env.tables)
    object_reads = actions.actions("s3", READS, ("Object", "ListBucket", "BucketLocation"))
    table_reads = actions.actions("dynamodb", READS, ("Item", "Query", "Scan", "Table"))
    return [
        statement(
            "Allow",
            some_actions(estate, ["s3:GetObject", "s3:ListBucket"], object_reads, 3, 10),
            [f"arn:aws:s3:::{data_bucket}", f"arn:aws:s3:::{data_bucket}/*"],
            sid="ReadData",
        ),
        statement(
            "Allow",
            some_actions(
                estate,
                ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:BatchGetItem"],
                table_reads,
                3,
                8,
            ),
            [
                arn(f"table/{table}", "dynamodb", env.region),
                arn(f"table/{table}/index/*", "dynamodb", env.region),
            ],
            sid="ReadTable",
        ),
    ]


def data_write_statements(estate: Estate, env: TeamEnvironment) -> list[dict[str, Any]]:
    """Write the team's data, with a Deny that keeps production objects from deletion."""
    actions = catalog()
    object_writes = actions.actions("s3", ("Write",), ("Object",))
    object_writes += actions.actions("s3", ("Tagging",), ("Object",))
    item_writes = actions.actions("dynamodb", ("Write",), ("Item",))
    statements = [
        statement(
            "Allow",
            some_actions(
                estate,
                ["s3:PutObject", "s3:DeleteObject", "s3:GetObject"],
                object_writes,
                3,
                9,
            ),
            f"arn:aws:s3:::{env.buckets[0]}/*",
            sid="WriteObjects",
        ),
        statement(
            "Allow",
            some_actions(
                estate,
                ["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"],
                item_writes,
                3,
                4,
            ),
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
    actions = catalog()
    secret_reads = actions.actions("secretsmanager", READS, ("Secret",))
    key_uses = ["kms:DescribeKey", "kms:Encrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo"]
    return [
        statement(
            "Allow",
            some_actions(
                estate,
                ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
                secret_reads,
                2,
                4,
            ),
            env.secret_arns,
            sid="ReadSecrets",
        ),
        statement(
            "Allow",
            some_actions(estate, ["kms:Decrypt", "kms:GenerateDataKey*"], key_uses, 2, 5),
            env.key_arn,
            sid="UseTeamKey",
            condition={"StringEquals": {"aws:PrincipalTag/team": env.team}},
        ),
    ]


def queue_and_function_statements(estate: Estate, env: TeamEnvironment) -> list[dict[str, Any]]:
    """Send to the team's queue and invoke its functions, by ARN pattern."""
    actions = catalog()
    message_actions = actions.actions("sqs", ("Read", "Write"), ("Message",))
    message_actions += ["sqs:GetQueueAttributes", "sqs:GetQueueUrl"]
    function_reads = actions.actions("lambda", READS, ("Function",))
    return [
        statement(
            "Allow",
            some_actions(
                estate,
                ["sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage"],
                message_actions,
                3,
                8,
            ),
            arn(env.queue, "sqs", env.region),
            sid="UseQueue",
        ),
        statement(
            "Allow",
            some_actions(estate, ["lambda:InvokeFunction"], function_reads, 1, 5),
            arn(f"function:{env.prefix}-*", "lambda", env.region),
            sid="InvokeFunctions",
        ),
    ]


def read_only_statements(estate: Estate, env: TeamEnvironment) -> list[dict[str, Any]]:
    """Browse what the team owns through service wildcards and ARN patterns, and the services
    it operates through their read patterns."""
    actions = catalog()
    services = sorted(estate.rng.sample(OPERATED_SERVICES, estate.rng.between(2, 6)))
    browse = []
    for service in services:
        browse += actions.read_entries(service, SECRET_READS)
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
        statement("Allow", browse, "*"),
    ]


def deploy_statements(estate: Estate, env: TeamEnvironment) -> list[dict[str, Any]]:
    """Deploy the team's functions and services, passing only its own roles."""
    actions = catalog()
    region = env.region
    function_writes = actions.actions("lambda", ("Write",), ("Function", "Alias", "Version"))
    function_writes = [action for action in function_writes if "Invoke" not in action]
    service_actions = actions.actions("ecs", ("Write", "Read", "List"), ("Service", "Task"))
    return [
        statement(
            "Allow",
            some_actions(
                estate,
                [
                    "lambda:UpdateFunctionCode",
                    "lambda:UpdateFunctionConfiguration",
                    "lambda:PublishVersion",
                    "lambda:CreateFunction",
                ],
                function_writes,
                4,
                14,
            ),
            arn(f"function:{env.team}-*", "lambda", region),
            sid="DeployFunctions",
        ),
        statement(
            "Allow",
            some_actions(
                estate,
                ["ecs:UpdateService", "ecs:RegisterTaskDefinition", "ecs:Describe*"],
                service_actions,
                3,
                10,
            ),
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
        region_guard_statement(env),
    ]


def stack_statement() -> dict[str, Any]:
    """Allow everything through CloudFormation, as deploy roles that create whole stacks do."""
    return statement(
        "Allow",
        "*",
        "*",
        sid="DeployStacks",
        condition={"ForAnyValue:StringEquals": {"aws:CalledVia": "cloudformation.amazonaws.com"}},
    )


# Services whose requests are not bound to one region, which a region guard leaves alone.
GLOBAL_SERVICES = [
    "iam:*",
    "sts:*",
    "organizations:*",
    "cloudfront:*",
    "route53:*",
    "support:*",
    "budgets:*",
]


def sandbox_statement(env: TeamEnvironment) -> dict[str, Any]:
    """Allow everything but IAM and the organization in the team's region, as teams grant
    their developers outside production."""
    return statement(
        "Allow",
        ["iam:*", "organizations:*", "account:*"],
        "*",
        sid="BuildAnythingButIam",
        not_action=True,
        condition={"StringEquals": {"aws:RequestedRegion": env.region}},
    )


def region_guard_statement(env: TeamEnvironment) -> dict[str, Any]:
    """Deny every regional request outside the team's region and `us-east-1`.

    Teams copy this guard into the inline policies of their deploy roles and machine users,
    so a real account holds many copies of the same `NotAction` statement.
    """
    regions = sorted({env.region, "us-east-1"})
    return statement(
        "Deny",
        GLOBAL_SERVICES,
        "*",
        sid="DenyOtherRegions",
        not_action=True,
        condition={"StringNotEquals": {"aws:RequestedRegion": regions}},
    )


def parameter_statements(estate: Estate, env: TeamEnvironment) -> list[dict[str, Any]]:
    """Read the team's SSM parameters from office networks only."""
    parameter_reads = catalog().actions("ssm", READS, ("Parameter",))
    return [
        statement(
            "Allow",
            some_actions(
                estate,
                ["ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath"],
                parameter_reads,
                3,
                6,
            ),
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
