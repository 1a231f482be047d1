"""AWS managed policies: documents written for the benchmark under the real names and paths.

The documents are not AWS's text. Rules build them from the IAM action names of
`iam_actions.txt`, after what each policy grants. `ReadOnlyAccess` lists read patterns such
as `ec2:Describe*` and the other read actions of every service in the file. `ViewOnlyAccess`
lists the List actions, and `SecurityAudit` the reads of configuration and policies. The
full-access policies name a service wildcard and the actions of the services they work with.
Policies that grant a few actions, such as `AWSLambdaBasicExecutionRole`, list them by hand.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from .actions import SECRET_READS, ActionCatalog, catalog
from .model import EARLIEST_DATE, SECONDS_PER_DAY, Estate, ManagedPolicy, document, statement

# Services whose configuration `SecurityAudit` reads.
AUDITED_SERVICES = (
    "access-analyzer account acm acm-pca apigateway autoscaling backup cloudformation "
    "cloudfront cloudtrail cloudwatch codebuild codepipeline cognito-idp config dax "
    "directconnect dynamodb ec2 ecr ecs eks elasticache elasticbeanstalk elasticfilesystem "
    "elasticloadbalancing elasticmapreduce es events firehose fms glacier glue guardduty iam "
    "inspector2 kafka kinesis kms lambda logs macie2 network-firewall organizations rds "
    "redshift route53 route53resolver s3 sagemaker secretsmanager securityhub ses shield sns "
    "sqs ssm states sts waf wafv2 workspaces xray"
).split()
# Words in the names of the reads that `SecurityAudit` lists besides its patterns.
AUDIT_WORDS = (
    "Policy",
    "Acl",
    "Configuration",
    "Encryption",
    "Logging",
    "Settings",
    "Status",
    "Permission",
    "Public",
)


def read_only_access(actions: ActionCatalog) -> list[dict[str, Any]]:
    """Build `ReadOnlyAccess`: every service's read patterns and other read actions."""
    entries = []
    for service in actions.services():
        entries += actions.read_entries(service, SECRET_READS)
    return [statement("Allow", entries, "*")]


def view_only_access(actions: ActionCatalog) -> list[dict[str, Any]]:
    """Build `ViewOnlyAccess`: the List actions of every service, which return no data."""
    entries = []
    for service in actions.services():
        entries += actions.verb_patterns(service, ("Describe", "List"), ("List",))
        entries += actions.uncovered(service, ("Describe", "List"), ("List",))
    return [statement("Allow", entries, "*")]


def security_audit(actions: ActionCatalog) -> list[dict[str, Any]]:
    """Build `SecurityAudit`: list and describe the audited services, and read their
    configuration, policies and access settings."""
    entries = []
    for service in AUDITED_SERVICES:
        entries += actions.verb_patterns(service, ("Describe", "List"))
        entries += [
            action
            for action in actions.actions(service, ("Read",), AUDIT_WORDS)
            if action.split(":", 1)[1].startswith("Get")
        ]
    entries.append("iam:GenerateCredentialReport")
    return [
        statement("Allow", entries, "*"),
        statement("Allow", ["apigateway:GET"], ["arn:aws:apigateway:*::/restapis/*"]),
    ]


def power_user_access(actions: ActionCatalog) -> list[dict[str, Any]]:
    """Build `PowerUserAccess`: everything but IAM, Organizations and Account, then the IAM
    List actions and the few IAM, Organizations and Account actions that services need."""
    entries = actions.actions("iam", ("List",))
    entries += ["iam:CreateServiceLinkedRole", "iam:DeleteServiceLinkedRole"]
    entries += ["organizations:DescribeOrganization"]
    entries += actions.actions("account", ("List", "Read"))
    return [
        statement("Allow", ["iam:*", "organizations:*", "account:*"], "*", not_action=True),
        statement("Allow", sorted(set(entries)), "*"),
    ]


def lambda_full_access(actions: ActionCatalog) -> list[dict[str, Any]]:
    """Build `AWSLambda_FullAccess`: all of Lambda, the reads of the services that functions
    use, and passing roles to Lambda."""
    reads = ("List", "Read")
    entries = ["lambda:*"]
    entries += actions.actions("cloudformation", reads, ("Stack",))
    entries += actions.actions("cloudwatch", reads)
    entries += actions.actions("ec2", reads, ("Subnet", "Vpc", "SecurityGroup"))
    entries += actions.actions("events", reads, ("Rule",))
    entries += actions.actions("iam", reads, ("Role", "Polic"))
    entries += actions.actions("kinesis", reads, ("Stream",))
    entries += actions.actions("kms", ("List",))
    entries += actions.actions("logs", reads, ("LogGroup", "LogStream"))
    entries += actions.actions("sns", ("List",))
    entries += actions.actions("sqs", reads)
    entries += actions.actions("states", reads)
    entries += actions.actions("tag", reads, ("Resources",))
    entries += actions.actions("xray", reads)
    lambda_service = {"StringEquals": {"iam:PassedToService": "lambda.amazonaws.com"}}
    return [
        statement("Allow", entries, "*"),
        statement("Allow", "iam:PassRole", "*", condition=lambda_service),
        statement(
            "Allow",
            ["logs:DescribeLogStreams", "logs:GetLogEvents", "logs:FilterLogEvents"],
            "arn:aws:logs:*:*:log-group:/aws/lambda/*",
        ),
    ]


def dynamodb_full_access(actions: ActionCatalog) -> list[dict[str, Any]]:
    """Build `AmazonDynamoDBFullAccess`: all of DynamoDB and DAX, with the scaling, alarm,
    pipeline, network, key, topic and trigger actions that tables use."""
    reads = ("List", "Read")
    entries = ["dynamodb:*", "dax:*"]
    entries += actions.actions("application-autoscaling", containing=("Scal",))
    entries += actions.actions("cloudwatch", containing=("Alarm", "Metric"))
    entries += actions.actions("datapipeline", containing=("Pipeline",))
    entries += actions.actions("ec2", reads, ("Subnet", "Vpc", "SecurityGroup"))
    entries += actions.actions("iam", reads, ("Role",))
    entries += actions.actions("kms", reads, ("Key", "Alias"))
    entries += actions.actions("lambda", containing=("EventSource",))
    entries += actions.actions("lambda", ("List",), ("Function",))
    entries += actions.actions("sns", containing=("Topic", "Subscri"))
    entries += actions.actions("resource-groups", reads)
    return [statement("Allow", entries, "*")]


def logs_read_only_access(actions: ActionCatalog) -> list[dict[str, Any]]:
    """Build `CloudWatchLogsReadOnlyAccess`: every CloudWatch Logs read and running queries."""
    entries = actions.read_entries("logs")
    entries += ["logs:StartQuery", "logs:StopQuery", "logs:TestMetricFilter"]
    return [statement("Allow", entries, "*")]


@cache
def aws_managed_documents() -> dict[str, tuple[str, list[dict[str, Any]]]]:
    """Return each AWS managed policy the generator can attach, as (path, statements).

    The result is built once per process and shared, so callers must not change it.
    """
    actions = catalog()
    return {
        "AdministratorAccess": ("/", [statement("Allow", "*", "*")]),
        "PowerUserAccess": ("/", power_user_access(actions)),
        "ReadOnlyAccess": ("/", read_only_access(actions)),
        "ViewOnlyAccess": ("/job-function/", view_only_access(actions)),
        "SecurityAudit": ("/", security_audit(actions)),
        "AmazonS3FullAccess": ("/", [statement("Allow", ["s3:*", "s3-object-lambda:*"], "*")]),
        "AmazonS3ReadOnlyAccess": (
            "/",
            [
                statement(
                    "Allow",
                    [
                        "s3:Get*",
                        "s3:List*",
                        "s3:Describe*",
                        "s3-object-lambda:Get*",
                        "s3-object-lambda:List*",
                    ],
                    "*",
                )
            ],
        ),
        "AmazonEC2FullAccess": (
            "/",
            [
                statement("Allow", ["ec2:*", "elasticloadbalancing:*", "autoscaling:*"], "*"),
                statement("Allow", ["cloudwatch:*"], "*"),
                statement(
                    "Allow",
                    "iam:CreateServiceLinkedRole",
                    "*",
                    condition={
                        "StringEquals": {
                            "iam:AWSServiceName": [
                                "autoscaling.amazonaws.com",
                                "elasticloadbalancing.amazonaws.com",
                            ]
                        }
                    },
                ),
            ],
        ),
        "IAMFullAccess": (
            "/",
            [
                statement(
                    "Allow",
                    [
                        "iam:*",
                        "organizations:DescribeAccount",
                        "organizations:DescribeOrganization",
                        "organizations:ListAccounts",
                    ],
                    "*",
                )
            ],
        ),
        "AWSLambda_FullAccess": ("/", lambda_full_access(actions)),
        "AmazonDynamoDBFullAccess": ("/", dynamodb_full_access(actions)),
        "AmazonSQSFullAccess": ("/", [statement("Allow", ["sqs:*"], "*")]),
        "CloudWatchLogsReadOnlyAccess": ("/", logs_read_only_access(actions)),
        "AWSLambdaBasicExecutionRole": (
            "/service-role/",
            [
                statement(
                    "Allow",
                    ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
                    "*",
                )
            ],
        ),
        "AmazonECSTaskExecutionRolePolicy": (
            "/service-role/",
            [
                statement(
                    "Allow",
                    [
                        "ecr:GetAuthorizationToken",
                        "ecr:BatchCheckLayerAvailability",
                        "ecr:GetDownloadUrlForLayer",
                        "ecr:BatchGetImage",
                        "logs:CreateLogStream",
                        "logs:PutLogEvents",
                    ],
                    "*",
                )
            ],
        ),
        "AmazonSSMManagedInstanceCore": (
            "/",
            [
                statement(
                    "Allow",
                    [
                        "ssm:DescribeAssociation",
                        "ssm:GetDeployablePatchSnapshotForInstance",
                        "ssm:GetDocument",
                        "ssm:DescribeDocument",
                        "ssm:GetManifest",
                        "ssm:GetParameter",
                        "ssm:GetParameters",
                        "ssm:ListAssociations",
                        "ssm:ListInstanceAssociations",
                        "ssm:PutInventory",
                        "ssm:UpdateInstanceInformation",
                    ],
                    "*",
                ),
                statement("Allow", ["ssmmessages:*", "ec2messages:*"], "*"),
            ],
        ),
        "AWSGlueServiceRole": (
            "/service-role/",
            [
                statement(
                    "Allow",
                    [
                        "glue:*",
                        "s3:GetBucketLocation",
                        "s3:ListBucket",
                        "s3:ListAllMyBuckets",
                        "ec2:DescribeSubnets",
                        "ec2:DescribeSecurityGroups",
                        "cloudwatch:PutMetricData",
                    ],
                    "*",
                ),
                statement(
                    "Allow",
                    ["s3:GetObject", "s3:PutObject"],
                    ["arn:aws:s3:::aws-glue-*/*", "arn:aws:s3:::*/*aws-glue-*/*"],
                ),
            ],
        ),
        "AWSElasticLoadBalancingServiceRolePolicy": (
            "/aws-service-role/",
            [
                statement(
                    "Allow",
                    [
                        "ec2:DescribeAddresses",
                        "ec2:DescribeInstances",
                        "ec2:DescribeSubnets",
                        "ec2:DescribeSecurityGroups",
                        "ec2:CreateNetworkInterface",
                        "ec2:DeleteNetworkInterface",
                        "ec2:ModifyNetworkInterfaceAttribute",
                        "logs:CreateLogDelivery",
                    ],
                    "*",
                )
            ],
        ),
        "AutoScalingServiceRolePolicy": (
            "/aws-service-role/",
            [
                statement(
                    "Allow",
                    [
                        "ec2:AttachClassicLinkVpc",
                        "ec2:CancelSpotInstanceRequests",
                        "ec2:CreateFleet",
                        "ec2:CreateTags",
                        "ec2:DeleteTags",
                        "ec2:Describe*",
                        "ec2:RunInstances",
                        "ec2:TerminateInstances",
                        "elasticloadbalancing:Register*",
                        "elasticloadbalancing:Deregister*",
                        "cloudwatch:PutMetricAlarm",
                    ],
                    "*",
                ),
                statement(
                    "Allow",
                    "iam:PassRole",
                    "*",
                    condition={"StringLike": {"iam:PassedToService": "ec2.amazonaws.com*"}},
                ),
            ],
        ),
    }


def aws_policy(estate: Estate, name: str) -> ManagedPolicy:
    """Return the AWS managed policy `name`, creating its entry on first use."""
    if name in estate.aws_policies:
        return estate.aws_policies[name]
    path, statements = aws_managed_documents()[name]
    # Version numbers and dates of AWS managed policies are made up too.
    version_number = estate.rng.between(1, 12)
    created = estate.date(EARLIEST_DATE - 600 * SECONDS_PER_DAY)
    version = {
        "Document": document(statements),
        "VersionId": f"v{version_number}",
        "IsDefaultVersion": True,
        "CreateDate": created,
    }
    policy = ManagedPolicy(
        name=name,
        arn=f"arn:aws:iam::aws:policy{path}{name}",
        path=path,
        policy_id=estate.unique_id("ANPA"),
        create_date=created,
        versions=[version],
        default_version=f"v{version_number}",
    )
    estate.aws_policies[name] = policy
    return policy
