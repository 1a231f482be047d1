"""AWS managed policies: short stand-ins under the real names and paths.

The documents keep the character of each policy (a service wildcard, `NotAction`, a
conditioned `iam:PassRole`) but are written for this benchmark and are much shorter than
AWS's current text.
"""

from __future__ import annotations

from typing import Any

from .model import EARLIEST_DATE, SECONDS_PER_DAY, Estate, ManagedPolicy, document, statement


def aws_managed_documents() -> dict[str, tuple[str, list[dict[str, Any]]]]:
    """Return each AWS managed policy the generator can attach, as (path, statements)."""
    lambda_service = {"StringEquals": {"iam:PassedToService": "lambda.amazonaws.com"}}
    return {
        "AdministratorAccess": ("/", [statement("Allow", "*", "*")]),
        "PowerUserAccess": (
            "/",
            [
                statement("Allow", ["iam:*", "organizations:*", "account:*"], "*", not_action=True),
                statement(
                    "Allow",
                    [
                        "iam:CreateServiceLinkedRole",
                        "iam:DeleteServiceLinkedRole",
                        "iam:ListRoles",
                        "organizations:DescribeOrganization",
                        "account:ListRegions",
                    ],
                    "*",
                ),
            ],
        ),
        "ReadOnlyAccess": (
            "/",
            [
                statement(
                    "Allow",
                    [
                        "s3:Get*",
                        "s3:List*",
                        "ec2:Describe*",
                        "iam:Get*",
                        "iam:List*",
                        "dynamodb:Describe*",
                        "dynamodb:List*",
                        "lambda:Get*",
                        "lambda:List*",
                        "logs:Describe*",
                        "logs:Get*",
                        "cloudwatch:Describe*",
                        "cloudwatch:Get*",
                        "cloudwatch:List*",
                        "rds:Describe*",
                        "sqs:Get*",
                        "sqs:List*",
                        "kms:Describe*",
                        "kms:List*",
                        "secretsmanager:DescribeSecret",
                        "secretsmanager:List*",
                    ],
                    "*",
                )
            ],
        ),
        "SecurityAudit": (
            "/",
            [
                statement(
                    "Allow",
                    [
                        "acm:Describe*",
                        "cloudtrail:Describe*",
                        "cloudtrail:Get*",
                        "config:Describe*",
                        "ec2:Describe*",
                        "iam:GenerateCredentialReport",
                        "iam:Get*",
                        "iam:List*",
                        "kms:Describe*",
                        "kms:GetKeyPolicy",
                        "s3:GetBucketPolicy",
                        "s3:GetBucketAcl",
                        "s3:ListAllMyBuckets",
                    ],
                    "*",
                ),
                statement("Allow", ["apigateway:GET"], ["arn:aws:apigateway:*::/restapis/*"]),
            ],
        ),
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
        "AWSLambda_FullAccess": (
            "/",
            [
                statement(
                    "Allow",
                    [
                        "cloudformation:DescribeStacks",
                        "cloudformation:ListStackResources",
                        "cloudwatch:GetMetricData",
                        "ec2:DescribeSubnets",
                        "ec2:DescribeVpcs",
                        "iam:GetRole",
                        "iam:ListRoles",
                        "kms:ListAliases",
                        "lambda:*",
                        "logs:DescribeLogGroups",
                        "states:DescribeStateMachine",
                        "tag:GetResources",
                    ],
                    "*",
                ),
                statement("Allow", "iam:PassRole", "*", condition=lambda_service),
                statement(
                    "Allow",
                    ["logs:DescribeLogStreams", "logs:GetLogEvents", "logs:FilterLogEvents"],
                    "arn:aws:logs:*:*:log-group:/aws/lambda/*",
                ),
            ],
        ),
        "AmazonDynamoDBFullAccess": (
            "/",
            [
                statement(
                    "Allow",
                    [
                        "dynamodb:*",
                        "dax:*",
                        "application-autoscaling:DescribeScalingPolicies",
                        "cloudwatch:GetMetricStatistics",
                        "kms:ListAliases",
                    ],
                    "*",
                )
            ],
        ),
        "AmazonSQSFullAccess": ("/", [statement("Allow", ["sqs:*"], "*")]),
        "CloudWatchLogsReadOnlyAccess": (
            "/",
            [
                statement(
                    "Allow",
                    [
                        "logs:Describe*",
                        "logs:Get*",
                        "logs:List*",
                        "logs:StartQuery",
                        "logs:StopQuery",
                        "logs:TestMetricFilter",
                        "logs:FilterLogEvents",
                    ],
                    "*",
                )
            ],
        ),
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
