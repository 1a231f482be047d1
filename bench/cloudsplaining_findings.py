#!/usr/bin/env python3
"""List the privilege escalation findings that Cloudsplaining reports, per principal.

Runs `cloudsplaining scan` on one `aws iam get-account-authorization-details` file and reads
the `iam-results-<name>.json` file it writes. Cloudsplaining checks each policy on its own:
a policy's `PrivilegeEscalation.findings` name the techniques (such as `CreateNewPolicyVersion`
or `PassExistingRoleToNewLambdaThenInvoke`) whose actions that one policy allows. By default
an Allow statement counts only when it has no condition. It also needs `"Resource": "*"`,
unless the action takes no resource ARNs. With `--flag-all-risky-actions` every Allow
statement counts, except in users' inline policies, which Cloudsplaining 0.9.1 still checks
as by default. A Deny statement of the same policy removes its actions, whatever its
resources and conditions. A technique whose actions come from two different policies is not
reported. This script assigns each finding to every user and role that the policy applies
to: a role's inline and managed policies, and a user's own policies and those of its groups.

Cloudsplaining's default exclusions apply unless `--exclusions-file` gives others. They skip
policies such as `AdministratorAccess` and service-linked roles, which then have no findings.

Exit status: 0 on success, 2 when the scan fails or writes no results file.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CLOUDSPLAINING = ROOT / ".venv-bench" / "bin" / "cloudsplaining"
# The results file's sections of policies, with the words used for each in the output.
POLICY_SECTIONS = {
    "inline_policies": "inline policy",
    "customer_managed_policies": "customer managed policy",
    "aws_managed_policies": "AWS managed policy",
}


class ScanError(Exception):
    """A Cloudsplaining scan that failed or wrote no results file."""


def run_scan(
    cloudsplaining: Path,
    input_file: Path,
    exclusions: Path | None,
    flag_all_risky_actions: bool = False,
) -> tuple[dict[str, Any], str]:
    """Scan `input_file` into a temporary folder; return the results and Cloudsplaining's version.

    With `flag_all_risky_actions`, Cloudsplaining also checks statements that name resource
    ARNs or have conditions, which it skips by default.
    Raises `ScanError` when the command fails or writes no `iam-results-*.json` file.
    """
    version = subprocess.run(
        [str(cloudsplaining), "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    with tempfile.TemporaryDirectory(prefix="cloudsplaining-") as output_dir:
        command = [
            str(cloudsplaining),
            "scan",
            "--input-file",
            str(input_file),
            "--output",
            output_dir,
            "--skip-open-report",
        ]
        if exclusions:
            command += ["--exclusions-file", str(exclusions)]
        if flag_all_risky_actions:
            # NOTE: Cloudsplaining 0.9.1 still checks the inline policies of users as by default.
            command.append("--flag-all-risky-actions")
        completed = subprocess.run(command, capture_output=True, text=True, check=False)
        if completed.returncode != 0:
            raise ScanError(
                f"cloudsplaining scan failed with exit status {completed.returncode}:\n"
                + (completed.stdout + completed.stderr).strip()[-2000:]
            )
        # Cloudsplaining names its outputs after the input file's name without extension.
        results_file = Path(output_dir) / f"iam-results-{input_file.stem}.json"
        if not results_file.exists():
            raise ScanError(f"cloudsplaining scan wrote no {results_file.name}")
        return json.loads(results_file.read_text(encoding="utf-8")), version


def escalation_findings(policy: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """Return a policy entry's privilege escalation findings as (technique, actions) pairs.

    Cloudsplaining 0.9.1 writes each finding as an object with `type` and `actions`. A bare
    string is read as a technique without actions.
    """
    findings = policy.get("PrivilegeEscalation", {}).get("findings", [])
    pairs = []
    for finding in findings:
        if isinstance(finding, dict):
            pairs.append((str(finding.get("type", "")), list(finding.get("actions", []))))
        else:
            pairs.append((str(finding), []))
    return pairs


def attached_policies(holder: dict[str, Any]) -> list[tuple[str, str, str]]:
    """Return (section, policy id, policy name) for each policy a user, group or role has."""
    entries = []
    for section in POLICY_SECTIONS:
        for policy_id, policy_name in holder.get(section, {}).items():
            entries.append((section, policy_id, policy_name))
    return entries


def principal_findings(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Collect, for every user and role in `results`, the findings of the policies it has.

    Returns one entry per principal, sorted by kind and ARN. Each finding lists the technique,
    its actions and the policies that report it, with the group a user has a policy through.
    Complexity: O(p + f), with p the principals' policy references and f the findings.
    """
    principals = []
    for kind, section in (("role", "roles"), ("user", "users")):
        for entry in results.get(section, {}).values():
            sources: list[tuple[str, str, str, str | None]] = [
                (policy_section, policy_id, name, None)
                for policy_section, policy_id, name in attached_policies(entry)
            ]
            for group_name, group in entry.get("groups", {}).items():
                sources += [
                    (policy_section, policy_id, name, group_name)
                    for policy_section, policy_id, name in attached_policies(group)
                ]

            techniques: dict[str, dict[str, Any]] = {}
            for policy_section, policy_id, name, group_name in sources:
                policy = results.get(policy_section, {}).get(policy_id)
                if policy is None:
                    continue
                for technique, actions in escalation_findings(policy):
                    finding = techniques.setdefault(
                        technique, {"technique": technique, "actions": [], "policies": []}
                    )
                    finding["actions"] = sorted(set(finding["actions"]) | set(actions))
                    source = {"kind": POLICY_SECTIONS[policy_section], "name": name}
                    if group_name:
                        source["group"] = group_name
                    if source not in finding["policies"]:
                        finding["policies"].append(source)

            principals.append(
                {
                    "kind": kind,
                    "name": entry.get("name", ""),
                    "arn": entry.get("arn", ""),
                    "excluded": bool(entry.get("is_excluded", False)),
                    "findings": [techniques[key] for key in sorted(techniques)],
                }
            )
    principals.sort(key=lambda principal: (principal["kind"], principal["arn"]))
    return principals


def describe_source(source: dict[str, str]) -> str:
    """Name a policy that reports a finding, such as `AWS managed policy IAMFullAccess`."""
    text = f"{source['kind']} {source['name']}"
    if "group" in source:
        text += f" of group {source['group']}"
    return text


def format_text(
    principals: list[dict[str, Any]], input_file: Path, version: str, show_all: bool
) -> str:
    """Format the findings for reading: one block per principal, one line per technique."""
    with_findings = [principal for principal in principals if principal["findings"]]
    lines = [
        f"{version or 'cloudsplaining'} on {input_file.name}: privilege escalation findings "
        f"for {len(with_findings)} of {len(principals)} principals"
    ]
    for principal in principals if show_all else with_findings:
        lines.append("")
        excluded = " (excluded by the exclusions file)" if principal["excluded"] else ""
        lines.append(f"{principal['kind']} {principal['name']} ({principal['arn']}){excluded}")
        if not principal["findings"]:
            lines.append("  no findings")
        for finding in principal["findings"]:
            actions = ", ".join(finding["actions"])
            sources = "; ".join(describe_source(source) for source in finding["policies"])
            lines.append(f"  {finding['technique']}: {actions} (from {sources})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Parse the command line, run the scan and print the findings."""
    parser = argparse.ArgumentParser(
        description="Print the privilege escalation findings of Cloudsplaining per principal."
    )
    parser.add_argument(
        "input_file",
        type=Path,
        help="output of `aws iam get-account-authorization-details`",
    )
    parser.add_argument(
        "--cloudsplaining",
        type=Path,
        default=DEFAULT_CLOUDSPLAINING,
        help="the cloudsplaining command (default: .venv-bench/bin/cloudsplaining)",
    )
    parser.add_argument(
        "--exclusions-file",
        type=Path,
        help="Cloudsplaining exclusions file to use instead of its default one",
    )
    parser.add_argument(
        "--flag-all-risky-actions",
        action="store_true",
        help="pass --flag-all-risky-actions, so that statements with resource ARNs or "
        "conditions are checked too",
    )
    parser.add_argument("--all", action="store_true", help="list principals without findings too")
    parser.add_argument(
        "--json", action="store_true", help="print every principal as JSON instead of text"
    )
    arguments = parser.parse_args(argv)
    if not arguments.input_file.is_file():
        parser.error(f"input file {arguments.input_file} not found")
    if not arguments.cloudsplaining.exists():
        parser.error(
            f"{arguments.cloudsplaining} not found; run `make bench` once, which installs "
            "Cloudsplaining into .venv-bench, or give --cloudsplaining"
        )

    try:
        results, version = run_scan(
            arguments.cloudsplaining,
            arguments.input_file,
            arguments.exclusions_file,
            arguments.flag_all_risky_actions,
        )
    except ScanError as error:
        print(f"cloudsplaining_findings: error: {error}", file=sys.stderr)
        return 2

    principals = principal_findings(results)
    if arguments.json:
        document = {
            "tool": version,
            "input": str(arguments.input_file),
            "principals": principals,
        }
        print(json.dumps(document, indent=2))
    else:
        print(format_text(principals, arguments.input_file, version, arguments.all))
    return 0


if __name__ == "__main__":
    sys.exit(main())
