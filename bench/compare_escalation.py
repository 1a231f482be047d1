#!/usr/bin/env python3
"""Compare blast's escalation paths with Cloudsplaining's findings on the escalation fixtures.

For every technique and chain in `Tests/BlastCLITests/Fixtures/aws-escalation/techniques.json`
it runs, on the `positive` estate and on each `negative-<reason>` estate:

- `blast paths ESTATE --from FROM --to admin --json`, and keeps the path to the account's
  `aws:admin/<account>` node with the technique named on each hop;
- `cloudsplaining scan` on every authorization-details file of the estate, with
  Cloudsplaining's default exclusions, and keeps the privilege escalation types that it
  reports for the `from` principal (see `cloudsplaining_findings.py`). It scans twice: with
  the default settings, which check only statements without conditions on `"Resource": "*"`,
  and with `--flag-all-risky-actions`, which checks every Allow statement.

NOTE: Cloudsplaining 0.9.1 does not pass `--flag-all-risky-actions` on to the inline policies of
users (`UserDetailList` builds each `UserDetail` without it), so those keep the default check.

It prints a Markdown report: a table of the positive estates, a table of the negative ones and
the totals. `positive-<reason>` estates, which add AWS Organizations outputs to a positive
estate, are left out because Cloudsplaining reads only the authorization-details file.

Exit status: 0 when the report was written, 2 when a command fails.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
sys.path.insert(0, str(BENCH_DIR))

from cloudsplaining_findings import ScanError, principal_findings, run_scan  # noqa: E402
from run import BenchmarkError, install_cloudsplaining  # noqa: E402

FIXTURES = ROOT / "Tests" / "BlastCLITests" / "Fixtures" / "aws-escalation"
DEFAULT_BLAST = ROOT / ".build" / "debug" / "blast"
BENCH_VENV = ROOT / ".venv-bench"
SHOW_PROGRESS = sys.stderr.isatty()

# The escalation types of Cloudsplaining 0.9.1 (its `PRIVILEGE_ESCALATION_METHODS`) that check
# the same technique as each of blast's, by blast's technique name.
CLOUDSPLAINING_TYPES: dict[str, set[str]] = {
    "Create an access key for another user": {"CreateAccessKey", "CreateAndRotateAccessKey"},
    "Create a console password for another user": {"CreateLoginProfile"},
    "Change another user's console password": {"UpdateLoginProfile"},
    "Pass a role to a new EC2 instance": {"CreateEC2WithExistingIP"},
    "Pass a role to a new Lambda function and invoke it": {
        "PassExistingRoleToNewLambdaThenInvoke"
    },
    "Pass a role to a new Lambda function triggered by an event source": {
        "PassExistingRoleToNewLambdaThenTriggerWithExistingDynamo",
        "PassExistingRoleToNewLambdaThenTriggerWithNewDynamo",
    },
    "Pass a role to a new Lambda function and allow its invocation": {
        "PassExistingRoleToNewLambdaThenAddPermission"
    },
    "Pass a role to a new Glue development endpoint": {"PassExistingRoleToNewGlueDevEndpoint"},
    "Pass a role to a new CloudFormation stack": {"PassExistingRoleToCloudFormation"},
    "Pass a role to a new Data Pipeline": {"PassExistingRoleToNewDataPipeline"},
    "Pass a role to a new CodeBuild project and start a build": {
        "PassExistingRoleToNewCodeBuildProjectThenBuild"
    },
    "Pass a role to a new SageMaker notebook instance": {
        "PassExistingRoleToNewSageMakerNotebookInstance"
    },
    "Pass a role to a new SageMaker training job": {"PassExistingRoleToNewSageMakerTrainingJob"},
    "Pass a role to a new SageMaker processing job": {
        "PassExistingRoleToNewSageMakerProcessingJob"
    },
    "Create a new default version of an attached managed policy": {
        "CreateNewPolicyVersion",
        "CreatePolicyVersionThenAssumeRole",
    },
    "Make another version of an attached managed policy the default": {
        "SetExistingDefaultPolicyVersion"
    },
    "Attach a managed policy to itself": {"AttachUserPolicy"},
    "Attach a managed policy to one of its groups": {"AttachGroupPolicy"},
    "Attach a managed policy to a role it can assume": {"AttachRolePolicy"},
    "Put an inline policy on itself": {"PutUserPolicy"},
    "Put an inline policy on one of its groups": {"PutGroupPolicy"},
    "Put an inline policy on a role it can assume": {"PutRolePolicy"},
    "Add itself to a group": {"AddUserToGroup"},
    "Replace the code of an existing Lambda function": {
        "EditExistingLambdaFunctionWithRole",
        "UpdateAndInvokeLambdaFunction",
        "UpdateLambdaFunctionAndAddPermission",
    },
    "Update an existing Glue development endpoint's SSH key": {"UpdateExistingGlueDevEndpoint"},
    "Push an SSH key with EC2 Instance Connect": {"EC2InstanceConnectSendSSHPublicKey"},
    "Open an existing SageMaker notebook instance": {"CreatePresignedSageMakerNotebookUrl"},
    "Rewrite a role's trust policy": {"UpdateRolePolicyToAssumeIt"},
    "Pass a role to a new Glue job and run it": {"PassExistingRoleToNewGlueJobThenRun"},
    "Pass a role to a new ECS task definition and run it": {
        "PassExistingRoleToNewECSTaskViaRunTask",
        "PassExistingRoleToNewECSClusterRunTask",
    },
    "Pass a role to a new App Runner service": {"PassExistingRoleToNewAppRunnerService"},
    "Pass a role to a new Bedrock AgentCore code interpreter and run code in it": {
        "PassExistingRoleToNewBedrockCodeInterpreter"
    },
    "Replace an instance's user data and restart it": {"ModifyEC2InstanceUserDataThenRestart"},
}
# blast's techniques that no type of Cloudsplaining 0.9.1 checks.
WITHOUT_CLOUDSPLAINING_TYPE = {
    "Run a command on an instance through SSM",
    "Open an SSM session on an instance",
    "Start a build of an existing CodeBuild project with a new buildspec",
    "Start a batch build of an existing CodeBuild project with a new buildspec",
    "Pass a role to a new Step Functions state machine and start it",
    "Pass a role to instances of a new Auto Scaling group",
    "Change the configuration of an existing Lambda function",
    "Run an existing ECS task definition with a new command",
}


class CompareError(Exception):
    """A command of the comparison that failed, with its output."""


@dataclass
class Case:
    """One technique or chain of `techniques.json`: its principal and the path it expects."""

    slug: str
    source: str
    account: str
    expected_hops: list[tuple[str, str, str]]
    techniques: list[str]
    negatives: dict[str, str]

    @property
    def counterparts(self) -> set[str]:
        """The Cloudsplaining types that check any technique on the expected path."""
        types: set[str] = set()
        for technique in self.techniques:
            types |= CLOUDSPLAINING_TYPES.get(technique, set())
        return types


@dataclass
class BlastPath:
    """The path that `blast paths` printed to the account admin, or none."""

    hops: list[tuple[str, str, str]] = field(default_factory=list)
    techniques: list[str] = field(default_factory=list)
    conditional: bool = False

    @property
    def found(self) -> bool:
        """Whether blast printed a path."""
        return bool(self.hops)


@dataclass
class EstateResult:
    """The results of both tools on one estate of a case.

    `default_types` are the Cloudsplaining types reported for the case's principal with the
    default settings, and `flagged_types` those reported with `--flag-all-risky-actions`.
    """

    case: Case
    estate: str
    blast: BlastPath
    default_types: list[str]
    flagged_types: list[str]
    excluded: bool

    @property
    def reason(self) -> str:
        """The change that AWS rejects in a negative estate, from `techniques.json`.

        It is empty for the positive estate.
        """
        return self.case.negatives.get(self.estate.removeprefix("negative-"), "")

    def matching(self, types: list[str]) -> list[str]:
        """Return those of `types` that check a technique of the case."""
        return sorted(set(types) & self.case.counterparts)


def progress(message: str) -> None:
    """Print a progress note on standard error when it is a terminal."""
    if SHOW_PROGRESS:
        print(f"compare: {message}", file=sys.stderr, flush=True)


def load_cases(catalog: dict[str, Any]) -> list[Case]:
    """Read the techniques and chains of `techniques.json`, in file order.

    Raises `CompareError` for a technique that neither `CLOUDSPLAINING_TYPES` nor
    `WITHOUT_CLOUDSPLAINING_TYPE` lists, so that a new technique is never counted as
    unmatched by mistake.
    """
    cases = []
    for entry in catalog.get("techniques", []) + catalog.get("chains", []):
        path = entry["path"]
        for hop in path:
            technique = hop.get("technique")
            known = technique in CLOUDSPLAINING_TYPES or technique in WITHOUT_CLOUDSPLAINING_TYPE
            if technique and not known:
                raise CompareError(
                    f"technique {technique!r} of {entry['slug']} has no entry in "
                    "CLOUDSPLAINING_TYPES or WITHOUT_CLOUDSPLAINING_TYPE; add it to one of them"
                )
        cases.append(
            Case(
                slug=entry["slug"],
                source=entry["from"],
                account=catalog["account"],
                expected_hops=[(hop["from"], hop["to"], hop["relation"]) for hop in path],
                techniques=[hop["technique"] for hop in path if hop.get("technique")],
                negatives=dict(entry.get("negatives", {})),
            )
        )
    return cases


def authorization_files(estate: Path) -> list[Path]:
    """Return the estate's `get-account-authorization-details` files, sorted by name.

    A file counts when its top-level object has `UserDetailList`, whatever its name.
    """
    files = []
    for candidate in sorted(estate.glob("*.json")):
        try:
            content = json.loads(candidate.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            continue
        if isinstance(content, dict) and "UserDetailList" in content:
            files.append(candidate)
    return files


def parse_blast_paths(document: dict[str, Any], account: str) -> BlastPath:
    """Return the path to `aws:admin/<account>` from `blast paths --json` output, or none."""
    admin = f"aws:admin/{account}"
    for path in document.get("paths", []):
        hops = path.get("hops", [])
        if not hops or hops[-1].get("to") != admin:
            continue
        return BlastPath(
            hops=[(hop["from"], hop["to"], hop["relation"]) for hop in hops],
            techniques=[
                hop["via"]["technique"] for hop in hops if hop.get("via", {}).get("technique")
            ],
            conditional=bool(path.get("conditional", False)),
        )
    return BlastPath()


def run_blast(blast: Path, estate: Path, case: Case) -> BlastPath:
    """Run `blast paths` from the case's principal to admin on `estate`."""
    command = [str(blast), "paths", str(estate), "--from", case.source, "--to", "admin", "--json"]
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise CompareError(
            f"`{' '.join(command)}` failed with exit status {completed.returncode}:\n"
            + completed.stderr.strip()
        )
    return parse_blast_paths(json.loads(completed.stdout), case.account)


def cloudsplaining_types_for(
    cloudsplaining: Path, estate: Path, principal: str, flag_all_risky_actions: bool
) -> tuple[list[str], bool]:
    """Scan each authorization file of `estate`; return the types reported for `principal`.

    Also returns whether the default exclusions skip the principal in any of the files.
    """
    files = authorization_files(estate)
    if not files:
        raise CompareError(f"{estate} has no get-account-authorization-details file")
    types: set[str] = set()
    excluded = False
    for input_file in files:
        try:
            results, _ = run_scan(cloudsplaining, input_file, None, flag_all_risky_actions)
        except ScanError as error:
            raise CompareError(f"{input_file}: {error}") from error
        for entry in principal_findings(results):
            if entry["arn"] == principal:
                types |= {finding["technique"] for finding in entry["findings"]}
                excluded = excluded or entry["excluded"]
    return sorted(types), excluded


def compare_estate(blast: Path, cloudsplaining: Path, case: Case, estate: Path) -> EstateResult:
    """Run both tools on one estate of a case."""
    progress(f"{case.slug}/{estate.name}")
    path = run_blast(blast, estate, case)
    default_types, excluded = cloudsplaining_types_for(cloudsplaining, estate, case.source, False)
    flagged_types, _ = cloudsplaining_types_for(cloudsplaining, estate, case.source, True)
    return EstateResult(case, estate.name, path, default_types, flagged_types, excluded)


def estates_of(fixtures: Path, case: Case) -> list[Path]:
    """Return the case's `positive` estate followed by its `negative-<reason>` estates."""
    folder = fixtures / case.slug
    estates = [folder / "positive"]
    estates += [folder / f"negative-{reason}" for reason in sorted(case.negatives)]
    for estate in estates:
        if not estate.is_dir():
            raise CompareError(f"estate {estate} not found; techniques.json lists it")
    return estates


def short_name(arn: str) -> str:
    """Shorten an IAM ARN to its resource part, such as `user/dev-dan`."""
    return arn.split(":", 5)[-1] if arn.startswith("arn:") else arn


def describe_blast(result: EstateResult) -> str:
    """Describe blast's result for a table cell: hop count and techniques, or no path."""
    path = result.blast
    if not path.found:
        return "no path"
    hops = f"{len(path.hops)} hop{'s' if len(path.hops) != 1 else ''}"
    text = f"{hops}: {'; '.join(path.techniques)}" if path.techniques else hops
    if path.conditional:
        text += " (conditional)"
    if path.hops != result.case.expected_hops:
        text += " (not the expected path)"
    return text


def describe_types(result: EstateResult, types: list[str]) -> str:
    """List Cloudsplaining types for a table cell, those of the case's technique in bold."""
    if not types:
        text = "none"
    else:
        matching = set(result.matching(types))
        text = ", ".join(f"**{name}**" if name in matching else name for name in types)
    if result.excluded:
        text += " (principal excluded)"
    return text


def escape_cell(text: str) -> str:
    """Escape the characters that would end a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def table_row(cells: list[str]) -> str:
    """Format one Markdown table row."""
    return "| " + " | ".join(escape_cell(cell) for cell in cells) + " |"


def markdown_report(results: list[EstateResult], version: str) -> str:
    """Format the positive and negative tables and the totals as Markdown."""
    positives = [result for result in results if result.estate == "positive"]
    negatives = [result for result in results if result.estate != "positive"]
    lines = [
        "Positive estates, where AWS allows the path:",
        "",
        table_row(
            [
                "technique",
                "from",
                "blast: path to admin",
                "Cloudsplaining type of the technique",
                "reported by default",
                "reported with `-aR`",
            ]
        ),
        "|---|---|---|---|---|---|",
    ]
    for result in positives:
        counterparts = ", ".join(sorted(result.case.counterparts)) or "none"
        lines.append(
            table_row(
                [
                    f"`{result.case.slug}`",
                    short_name(result.case.source),
                    describe_blast(result),
                    counterparts,
                    describe_types(result, result.default_types),
                    describe_types(result, result.flagged_types),
                ]
            )
        )
    lines += [
        "",
        "Negative estates, which differ from the positive one by a change that AWS rejects:",
        "",
        table_row(
            ["estate", "what AWS rejects", "blast", "reported by default", "reported with `-aR`"]
        ),
        "|---|---|---|---|---|",
    ]
    for result in negatives:
        lines.append(
            table_row(
                [
                    f"`{result.case.slug}/{result.estate}`",
                    result.reason,
                    describe_blast(result),
                    describe_types(result, result.default_types),
                    describe_types(result, result.flagged_types),
                ]
            )
        )
    lines += ["", *totals(positives, negatives), "", f"Tools: blast and {version}."]
    return "\n".join(lines)


def totals(positives: list[EstateResult], negatives: list[EstateResult]) -> list[str]:
    """Count, per tool, the positive estates with a finding and the negative ones with one."""

    def reported(results: list[EstateResult], flagged: bool) -> tuple[int, int]:
        """Count the estates with any type for the principal, and with the technique's type."""
        chosen = [result.flagged_types if flagged else result.default_types for result in results]
        any_type = sum(bool(types) for types in chosen)
        same_type = sum(
            bool(result.matching(types)) for result, types in zip(results, chosen, strict=True)
        )
        return any_type, same_type

    blast_found = sum(result.blast.found for result in positives)
    blast_expected = sum(
        result.blast.found and result.blast.hops == result.case.expected_hops
        for result in positives
    )
    comparable = sum(bool(result.case.counterparts) for result in positives)
    blast_negative = sum(result.blast.found for result in negatives)
    lines = [
        f"- blast finds a path to admin in {blast_found} of {len(positives)} positive estates "
        f"({blast_expected} the expected path) and in {blast_negative} of {len(negatives)} "
        "negative estates.",
        f"- Cloudsplaining has a type for the technique in {comparable} of {len(positives)} "
        "cases.",
    ]
    for flagged, setting in ((False, "default settings"), (True, "`--flag-all-risky-actions`")):
        positive_any, positive_same = reported(positives, flagged)
        negative_any, negative_same = reported(negatives, flagged)
        lines.append(
            f"- Cloudsplaining with {setting} reports the technique's type for the `from` "
            f"principal in {positive_same} of {len(positives)} positive estates (any type in "
            f"{positive_any}) and in {negative_same} of {len(negatives)} negative estates "
            f"(any type in {negative_any})."
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    """Parse the command line, run both tools on every estate and print the report."""
    parser = argparse.ArgumentParser(
        description="Compare blast's escalation paths with Cloudsplaining's findings on the "
        "escalation fixtures and print a Markdown report."
    )
    parser.add_argument(
        "--fixtures",
        type=Path,
        default=FIXTURES,
        help="folder with techniques.json and one folder per technique "
        "(default: Tests/BlastCLITests/Fixtures/aws-escalation)",
    )
    parser.add_argument(
        "--blast",
        type=Path,
        default=DEFAULT_BLAST,
        help="the blast binary (default: .build/debug/blast)",
    )
    parser.add_argument(
        "--cloudsplaining",
        type=Path,
        help="the cloudsplaining command (default: .venv-bench/bin/cloudsplaining, installed "
        "there with pip when missing)",
    )
    parser.add_argument(
        "--jobs", type=int, default=2, help="estates compared at the same time (default: 2)"
    )
    parser.add_argument("-o", "--output", type=Path, help="write the report to this file")
    arguments = parser.parse_args(argv)
    if arguments.jobs < 1:
        parser.error(f"--jobs must be 1 or more, got {arguments.jobs}")
    if not arguments.blast.exists():
        parser.error(f"{arguments.blast} not found; run `swift build` first, or give --blast")
    if arguments.cloudsplaining and not arguments.cloudsplaining.exists():
        parser.error(
            f"{arguments.cloudsplaining} not found; leave out --cloudsplaining to use "
            ".venv-bench, which is created when missing"
        )
    catalog_path = arguments.fixtures / "techniques.json"
    if not catalog_path.is_file():
        parser.error(f"{catalog_path} not found; give --fixtures")

    try:
        cloudsplaining = arguments.cloudsplaining or install_cloudsplaining(BENCH_VENV)
    except BenchmarkError as error:
        print(f"compare_escalation: error: {error}", file=sys.stderr)
        return 2
    version = subprocess.run(
        [str(cloudsplaining), "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    try:
        cases = load_cases(json.loads(catalog_path.read_text(encoding="utf-8")))
        jobs = [(case, estate) for case in cases for estate in estates_of(arguments.fixtures, case)]
        with ThreadPoolExecutor(max_workers=arguments.jobs) as pool:
            results = list(
                pool.map(
                    lambda job: compare_estate(arguments.blast, cloudsplaining, job[0], job[1]),
                    jobs,
                )
            )
    except CompareError as error:
        print(f"compare_escalation: error: {error}", file=sys.stderr)
        return 2

    report = markdown_report(results, version or "cloudsplaining")
    if arguments.output:
        arguments.output.parent.mkdir(parents=True, exist_ok=True)
        arguments.output.write_text(report + "\n", encoding="utf-8")
    else:
        print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
