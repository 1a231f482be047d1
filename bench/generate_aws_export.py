#!/usr/bin/env python3
"""Write a synthetic `aws iam get-account-authorization-details` export for benchmarks.

The export describes one fictional AWS account, Kestrel Logistics, in the shape that
AWS CLI v2 prints with `--output json`. It has the four lists `UserDetailList`,
`GroupDetailList`, `RoleDetailList` and `Policies`, with keys in the order the IAM API returns
them, dates such as `2021-03-13T18:40:54+00:00` and a four-space indent. `Policies` lists
every customer managed policy and each AWS managed policy that something attaches, as the
CLI does.

At scale 1 the account has 200 users, 500 roles and 200 customer managed policies with about
2,550 policy statements in all, counting trust policies and older policy versions. Scale N
multiplies users, roles, customer managed policies, teams and their resources by N.

The policies mix what real accounts hold: service wildcards (`s3:Get*`, `ec2:*`), `*` on `*`
(also for deploy roles through CloudFormation), `NotAction`, `NotResource`, `Deny`
statements (region guards among them), conditions on `aws:MultiFactorAuthPresent`,
`aws:PrincipalTag/...`, `aws:SourceIp`, `aws:CalledVia` and `aws:RequestedRegion`, policy
variables, specific ARNs and ARN patterns,
permissions boundaries, and trust policies that name users and roles of the account, other
accounts, AWS services and identity providers.

Action lists name real IAM actions, taken from `awsgen/iam_actions.txt`. Team policies list
a few actions that each statement needs and others of the same service, and sometimes the
read patterns of several services. The documents of AWS managed policies are written for
this benchmark under the real policy names and are not AWS's text. They are built from the
same list, so that `ReadOnlyAccess`, for example, names some 750 patterns and actions of 173
services. Generation reads that file and uses Python's standard library only.

Output depends only on the seed and the scale: the same arguments give the same bytes on
Python 3.11, 3.12 and 3.13. Every random draw is built on `random.Random.random()`, the one
method whose sequence Python keeps across versions.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from awsgen.export import generate, summarize


def write_export(export: dict[str, Any], output: Path) -> None:
    """Write the export as the AWS CLI prints it, through a temporary file and a rename."""
    output.parent.mkdir(parents=True, exist_ok=True)
    temporary = output.with_name(f".{output.name}.tmp")
    with temporary.open("w", encoding="utf-8") as stream:
        json.dump(export, stream, indent=4, ensure_ascii=False)
        stream.write("\n")
    os.replace(temporary, output)


def main(argv: list[str] | None = None) -> int:
    """Parse the command line, generate the export and write it."""
    parser = argparse.ArgumentParser(
        description="Write a synthetic `aws iam get-account-authorization-details` export."
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        help="file to write; its folder is created if missing",
    )
    parser.add_argument(
        "--seed", type=int, default=1, help="seed of the random generator (default: 1)"
    )
    parser.add_argument(
        "--scale",
        type=int,
        default=1,
        help="multiply users, roles, policies and teams by this (default: 1)",
    )
    parser.add_argument(
        "--summary",
        action="store_true",
        help="print counts of principals, policies and statements as JSON",
    )
    arguments = parser.parse_args(argv)
    if arguments.scale < 1:
        parser.error(f"--scale must be 1 or more, got {arguments.scale}")

    export = generate(arguments.seed, arguments.scale)
    write_export(export, arguments.output)
    if arguments.summary:
        print(json.dumps(summarize(export), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
