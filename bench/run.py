#!/usr/bin/env python3
"""Benchmark `blast import` on generated AWS and Azure exports.

The AWS step compares `blast import` with Cloudsplaining on the same generated export.
Its steps, all from the repository root:

1. build `blast` in release mode with the Swift runtime and Foundation linked in, as a
   command-line tool is shipped (`swift build -c release --static-swift-stdlib`, in
   `.build/static`);
2. create `.venv-bench` and install Cloudsplaining there if it is missing;
3. generate the base export and the ten-times export into `out/bench/`;
4. time `blast import FILE -o out/bench/estate-NAME.json` on both, best of three runs with
   the two exports taking turns, and `cloudsplaining scan` once on the base export, with
   the peak resident set size of each (each estate file is deleted after its run, because
   the ten-times one takes 300 MB);
5. print the results table and write it, with the method, to `out/bench/aws-results.md`.

The targets are that `blast import` is at least 100 times faster than Cloudsplaining on the
base export and takes under 5 seconds on the ten-times export.

The Azure step generates an estate of 200,000 role assignments over 20,000 principals with
`bench/generate_azure_export.py` into `out/bench/azure-export/`, times `blast import` on that
folder, best of three runs, with the peak resident set size, and writes
`out/bench/azure-results.md`. Its targets are under 10 seconds and under 3 GiB.

The graph step (`bench/graph_bench.py`) times the graph algorithms of `blast` in process
against networkx, igraph and rustworkx on a generated estate of about 1,000,000 edges and
60,000 identities, checks that the answers agree, and writes `out/bench/graph-results.md`.
Its targets: all-identity reach counts at least 30 times faster than igraph's
`neighborhood_size`, single-source reach no slower than igraph's `subcomponent`, and 10
loopless paths at least 10 times faster than networkx's `shortest_simple_paths`.

`--steps` takes a comma-separated list of `aws`, `azure` and `graph` (default: all three). The
exit status is 0 when every target of the chosen steps is met, 1 when one is missed, and 2
when a step fails. A failed step does not stop the others. Progress notes go to standard
error only when it is a terminal.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
sys.path.insert(0, str(BENCH_DIR))

from awsgen.export import generate, summarize  # noqa: E402
from generate_aws_export import write_export  # noqa: E402
from generate_azure_export import generate as generate_azure  # noqa: E402
from generate_azure_export import write_estate as write_azure_estate  # noqa: E402
import graph_bench  # noqa: E402

CLOUDSPLAINING_VERSION = "0.9.1"
SEED = 1
SPEEDUP_TARGET = 100.0
LARGE_INPUT_SECONDS_TARGET = 5.0
AZURE_SECONDS_TARGET = 10.0
AZURE_PEAK_MIB_TARGET = 3 * 1024
GNU_TIME = Path("/usr/bin/time")
SHOW_PROGRESS = sys.stderr.isatty()


class BenchmarkError(Exception):
    """A benchmark step that could not run, with a message that names the remedy."""


@dataclass
class Measurement:
    """One timed run: wall-clock seconds and peak resident set size in KiB."""

    seconds: float
    peak_kib: int


@dataclass
class Result:
    """The runs of one tool on one input."""

    tool: str
    input_name: str
    runs: list[Measurement]

    @property
    def best_seconds(self) -> float:
        """The fastest run's wall-clock time."""
        return min(run.seconds for run in self.runs)

    @property
    def peak_mib(self) -> float:
        """The largest peak resident set size of any run, in MiB."""
        return max(run.peak_kib for run in self.runs) / 1024


def progress(message: str) -> None:
    """Print a progress note on standard error when it is a terminal."""
    if SHOW_PROGRESS:
        print(f"bench: {message}", file=sys.stderr, flush=True)


def run_step(command: list[str], description: str, remedy: str) -> str:
    """Run a preparation command and return its output; raise `BenchmarkError` if it fails."""
    try:
        completed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    except OSError as error:
        raise BenchmarkError(f"{description} failed: {error}; {remedy}") from error
    if completed.returncode != 0:
        output = (completed.stdout + completed.stderr).strip()
        raise BenchmarkError(
            f"{description} failed with exit status {completed.returncode}; {remedy}\n{output}"
        )
    return completed.stdout


def measure(command: list[str], log_path: Path) -> Measurement:
    """Run `command` once, its output going to `log_path`, and measure it.

    The peak resident set size comes from GNU time's `-v` report when `/usr/bin/time` exists,
    else from the rusage that `os.wait4` returns for the child. Wall-clock time is measured
    around the whole run in both cases, so it includes GNU time's own start-up.

    The file system's dirty pages are written out before the clock starts, so that a run
    does not wait for what earlier steps wrote, such as the generated inputs.
    """
    os.sync()
    with log_path.open("w", encoding="utf-8") as log:
        if GNU_TIME.exists():
            with tempfile.NamedTemporaryFile("r", suffix=".time", dir=log_path.parent) as report:
                start = time.perf_counter()
                completed = subprocess.run(
                    [str(GNU_TIME), "-v", "-o", report.name, *command],
                    cwd=ROOT,
                    stdout=log,
                    stderr=log,
                    check=False,
                )
                seconds = time.perf_counter() - start
                status = completed.returncode
                match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", report.read())
                if match is None:
                    raise BenchmarkError(f"{GNU_TIME} -v printed no maximum resident set size")
                peak_kib = int(match.group(1))
        else:
            start = time.perf_counter()
            child = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=log)
            _, wait_status, usage = os.wait4(child.pid, 0)
            seconds = time.perf_counter() - start
            status = os.waitstatus_to_exitcode(wait_status)
            child.returncode = status
            # Linux reports ru_maxrss in KiB.
            peak_kib = usage.ru_maxrss
    if status != 0:
        raise BenchmarkError(
            f"`{' '.join(command)}` failed with exit status {status}; see {log_path}"
        )
    return Measurement(seconds, peak_kib)


# Release builds with the Swift runtime and Foundation linked in, as a command-line tool is
# shipped, kept apart from the ordinary builds in `.build`. Static linking spares the
# dynamic loader's symbol lookups at every start: 12.6 ms against 6.7 ms median for a run
# on an empty export, as docs/benchmarks.md records.
STATIC_BUILD = ["-c", "release", "--static-swift-stdlib", "--scratch-path", ".build/static"]


def build_blast() -> Path:
    """Build `blast` in release mode, statically linked, and return the binary's path."""
    progress("building blast in release mode")
    swift = os.environ.get("SWIFT", "swift")
    run_step(
        [swift, "build", *STATIC_BUILD, "--product", "blast"],
        "swift build -c release --static-swift-stdlib",
        "run `swift build -c release` to see the compiler's errors",
    )
    binary_dir = run_step(
        [swift, "build", *STATIC_BUILD, "--show-bin-path"],
        "swift build --show-bin-path",
        "check that Swift 6.3 is on the PATH",
    ).strip()
    return Path(binary_dir) / "blast"


def install_cloudsplaining(venv: Path) -> Path:
    """Install Cloudsplaining into `venv` unless it is there; return its command's path."""
    command = venv / "bin" / "cloudsplaining"
    if command.exists():
        return command
    progress(f"installing cloudsplaining {CLOUDSPLAINING_VERSION} into {venv.name}")
    run_step(
        [sys.executable, "-m", "venv", str(venv)],
        f"creating the virtual environment {venv}",
        "install Python's venv module (Debian: python3-venv)",
    )
    run_step(
        [
            str(venv / "bin" / "pip"),
            "install",
            "--quiet",
            f"cloudsplaining=={CLOUDSPLAINING_VERSION}",
        ],
        "pip install cloudsplaining",
        f"check that PyPI is reachable, or delete {venv} and try again",
    )
    return command


def generate_inputs(out_dir: Path) -> dict[str, tuple[Path, dict[str, int]]]:
    """Write the base and ten-times exports; return each one's path and counts by name."""
    inputs = {}
    for name, scale in [("base", 1), ("x10", 10)]:
        path = out_dir / f"aws-{name}.json"
        progress(f"generating {path.relative_to(ROOT)} (scale {scale}, seed {SEED})")
        export = generate(SEED, scale)
        write_export(export, path)
        inputs[name] = (path, summarize(export))
    return inputs


def estate_counts(blast: Path, path: Path) -> tuple[int, int]:
    """Return the node and edge counts of the estate that `blast import` makes of `path`."""
    output = run_step(
        [str(blast), "import", str(path), "--json"],
        f"blast import {path.name} --json",
        "run it by hand to see the error",
    )
    nodes = re.search(r'"nodeCount"\s*:\s*(\d+)', output)
    edges = re.search(r'"edgeCount"\s*:\s*(\d+)', output)
    if nodes is None or edges is None:
        raise BenchmarkError("blast import --json printed no nodeCount or edgeCount")
    return int(nodes.group(1)), int(edges.group(1))


def machine_description() -> str:
    """Describe the processor, core count and memory of this machine."""
    model = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    memory = ""
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = f", {pages / 2**30:.0f} GiB memory"
    except (ValueError, OSError):
        pass
    return f"{model}, {os.cpu_count()} cores{memory}"


def tool_versions(blast: Path, cloudsplaining: Path) -> list[str]:
    """Return one line each for the Swift, blast, Cloudsplaining and Python versions."""
    swift = os.environ.get("SWIFT", "swift")
    lines = []
    for label, command in (
        ("", [swift, "--version"]),
        ("blast ", [str(blast), "--version"]),
        ("", [str(cloudsplaining), "--version"]),
    ):
        try:
            completed = subprocess.run(command, capture_output=True, text=True, check=False)
            text = (completed.stdout or completed.stderr).strip().splitlines()
            lines.append(label + text[0] if text else f"{command[0]}: no version printed")
        except OSError as error:
            lines.append(f"{command[0]}: {error}")
    lines.append(f"Python {platform.python_version()}")
    return lines


def results_table(results: list[Result]) -> str:
    """Format the results as a Markdown table."""
    lines = ["| tool | input | seconds | peak MiB |", "|---|---|---:|---:|"]
    for result in results:
        lines.append(
            f"| {result.tool} | {result.input_name} | {result.best_seconds:.2f} "
            f"| {result.peak_mib:.0f} |"
        )
    return "\n".join(lines)


def time_blast(
    blast: Path, inputs: list[tuple[str, Path]], out_dir: Path, runs: int
) -> list[Result]:
    """Time `blast import` `runs` times on each input, one result per input.

    The inputs take turns, so that the runs of one input are seconds apart rather than back
    to back. This machine's speed changes for stretches of a second or so, and three runs
    within half a second measure one stretch. Each run writes the estate file anew, and the
    file is deleted after each run because the ten-times estate takes hundreds of megabytes.
    """
    measurements: dict[str, list[Measurement]] = {name: [] for name, _ in inputs}
    for number in range(1, runs + 1):
        for name, path in inputs:
            progress(f"blast import {path.name}, run {number} of {runs}")
            estate = out_dir / f"estate-{name}.json"
            estate.unlink(missing_ok=True)
            command = [str(blast), "import", str(path), "-o", str(estate)]
            measurements[name].append(measure(command, out_dir / f"blast-{name}.log"))
            estate.unlink(missing_ok=True)
    return [Result("blast import", name, measurements[name]) for name, _ in inputs]


def time_cloudsplaining(cloudsplaining: Path, path: Path, out_dir: Path) -> Result:
    """Time one `cloudsplaining scan` of `path`, its reports going to `out_dir/cs`."""
    report_dir = out_dir / "cs"
    if report_dir.exists():
        shutil.rmtree(report_dir)
    report_dir.mkdir()
    progress(f"cloudsplaining scan {path.name}")
    scan = [
        str(cloudsplaining),
        "scan",
        "--input-file",
        str(path),
        "--output",
        str(report_dir),
        "--skip-open-report",
    ]
    return Result("cloudsplaining scan", "base", [measure(scan, out_dir / "cloudsplaining.log")])


def check_targets(
    blast_base: Result, blast_large: Result, scanner: Result
) -> tuple[float, list[tuple[bool, str]]]:
    """Return the speed-up on the base input and, for each target, whether it is met."""
    speedup = scanner.best_seconds / blast_base.best_seconds
    checks = [
        (
            speedup >= SPEEDUP_TARGET,
            f"blast import at least {SPEEDUP_TARGET:.0f} times faster than cloudsplaining scan "
            f"on the base input: {speedup:.0f} times",
        ),
        (
            blast_large.best_seconds < LARGE_INPUT_SECONDS_TARGET,
            f"blast import under {LARGE_INPUT_SECONDS_TARGET:.0f} s on the ten-times input: "
            f"{blast_large.best_seconds:.2f} s",
        ),
    ]
    return speedup, checks


def main(argv: list[str] | None = None) -> int:
    """Run the chosen steps; return 0 when every target is met, 1 when not, 2 on failure."""
    parser = argparse.ArgumentParser(
        description="Time `blast import` on generated AWS and Azure exports, and blast's "
        "graph algorithms against networkx, igraph and rustworkx."
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=3,
        help="timed runs of blast per input; the best counts (default: 3)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=ROOT / "out" / "bench",
        help="folder for inputs and results (default: out/bench)",
    )
    parser.add_argument(
        "--steps",
        default="aws,azure,graph",
        help="comma-separated steps to run: aws, azure, graph (default: aws,azure,graph)",
    )
    arguments = parser.parse_args(argv)
    if arguments.runs < 1:
        parser.error(f"--runs must be 1 or more, got {arguments.runs}")
    steps = [step.strip() for step in arguments.steps.split(",") if step.strip()]
    unknown = sorted(set(steps) - {"aws", "azure", "graph"})
    if unknown or not steps:
        parser.error(f"--steps takes aws, azure and graph, got {arguments.steps!r}")
    out_dir = arguments.out.resolve()
    out_dir.mkdir(parents=True, exist_ok=True)

    statuses = []
    if "aws" in steps or "azure" in steps:
        try:
            blast = build_blast()
        except BenchmarkError as error:
            print(f"bench: error: {error}", file=sys.stderr)
            return 2
        if "aws" in steps:
            statuses.append(run_aws_step(blast, out_dir, arguments.runs))
        if "azure" in steps:
            if statuses:
                print()
            statuses.append(run_azure_step(blast, out_dir, arguments.runs))
    if "graph" in steps:
        if statuses:
            print()
        statuses.append(
            graph_bench.run(out_dir, arguments.runs, progress, machine_description())
        )
    return max(statuses)


def run_aws_step(blast: Path, out_dir: Path, runs: int) -> int:
    """Compare blast with Cloudsplaining on the AWS exports; return 0, 1 or 2 as `main`."""
    try:
        cloudsplaining = install_cloudsplaining(ROOT / ".venv-bench")
        inputs = generate_inputs(out_dir)
        base_path, large_path = inputs["base"][0], inputs["x10"][0]
        blast_base, blast_large = time_blast(
            blast, [("base", base_path), ("x10", large_path)], out_dir, runs
        )
        scanner = time_cloudsplaining(cloudsplaining, base_path, out_dir)
        counts = {name: estate_counts(blast, path) for name, (path, _) in inputs.items()}
        versions = tool_versions(blast, cloudsplaining)
    except BenchmarkError as error:
        print(f"bench: error: AWS step: {error}", file=sys.stderr)
        return 2

    results = [blast_base, blast_large, scanner]
    speedup, checks = check_targets(blast_base, blast_large, scanner)
    verdicts = [f"{'PASS' if passed else 'FAIL'}: {text}" for passed, text in checks]
    summary = "\n".join(
        [
            results_table(results),
            "",
            f"Speed-up on the base input: {speedup:.0f} times",
            "",
            *verdicts,
        ]
    )
    print(summary)
    write_report(out_dir, summary, results, inputs, counts, versions, runs)
    return 0 if all(passed for passed, _ in checks) else 1


def generate_azure_input(out_dir: Path) -> tuple[Path, dict[str, int]]:
    """Write the Azure estate into a fresh `azure-export` folder; return it and its counts.

    The folder is emptied first, because its file names contain subscription ids and files of
    another seed would join the estate.
    """
    folder = out_dir / "azure-export"
    if folder.exists():
        shutil.rmtree(folder)
    progress(f"generating {folder} (seed {SEED})")
    estate = generate_azure(SEED)
    write_azure_estate(estate, folder)
    return folder, estate.counts


def check_azure_targets(result: Result) -> list[tuple[bool, str]]:
    """Return, for each Azure target, whether it is met and a line that reports it."""
    return [
        (
            result.best_seconds < AZURE_SECONDS_TARGET,
            f"blast import under {AZURE_SECONDS_TARGET:.0f} s on the Azure estate: "
            f"{result.best_seconds:.2f} s",
        ),
        (
            result.peak_mib < AZURE_PEAK_MIB_TARGET,
            f"blast import under {AZURE_PEAK_MIB_TARGET / 1024:.0f} GiB peak on the Azure "
            f"estate: {result.peak_mib:.0f} MiB",
        ),
    ]


def run_azure_step(blast: Path, out_dir: Path, runs: int) -> int:
    """Time blast on the generated Azure estate; return 0, 1 or 2 as `main`."""
    try:
        folder, counts = generate_azure_input(out_dir)
        (result,) = time_blast(blast, [("azure", folder)], out_dir, runs)
        nodes, edges = estate_counts(blast, folder)
    except BenchmarkError as error:
        print(f"bench: error: Azure step: {error}", file=sys.stderr)
        return 2

    checks = check_azure_targets(result)
    verdicts = [f"{'PASS' if passed else 'FAIL'}: {text}" for passed, text in checks]
    summary = "\n".join([results_table([result]), "", *verdicts])
    print(summary)
    write_azure_report(out_dir, summary, result, folder, counts, (nodes, edges), runs)
    return 0 if all(passed for passed, _ in checks) else 1


def write_azure_report(
    out_dir: Path,
    summary: str,
    result: Result,
    folder: Path,
    counts: dict[str, int],
    estate: tuple[int, int],
    runs: int,
) -> None:
    """Write `azure-results.md`: the table, the verdicts and how they were measured."""
    peak_source = "GNU time -v" if GNU_TIME.exists() else "os.wait4 rusage"
    size_mib = sum(path.stat().st_size for path in folder.glob("*.json")) / 2**20
    times = ", ".join(f"{run.seconds:.2f}" for run in result.runs)
    lines = [
        "# Azure import benchmark",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by `bench/run.py --steps azure`.",
        "",
        summary,
        "",
        "## Input",
        "",
        "| files MiB | role assignments | principals | subscriptions | resource groups | "
        "VMs | other resources | estate nodes | estate edges |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        f"| {size_mib:.1f} | {counts['roleAssignments']} | {counts['principals']} "
        f"| {counts['subscriptions']} | {counts['resourceGroups']} "
        f"| {counts['virtualMachines']} | {counts['resources']} | {estate[0]} | {estate[1]} |",
        "",
        f"Runs: {times} s.",
        "",
        "## Method",
        "",
        "- `blast import out/bench/azure-export -o out/bench/estate-azure.json`, release "
        f"build linked statically, best of {runs} runs.",
        "- Seconds are wall-clock time; peak MiB is the maximum resident set size, "
        f"from {peak_source}.",
        f"- Input: bench/generate_azure_export.py, seed {SEED}, default sizes.",
        f"- Machine: {machine_description()}.",
        "",
    ]
    (out_dir / "azure-results.md").write_text("\n".join(lines), encoding="utf-8")


def write_report(
    out_dir: Path,
    summary: str,
    results: list[Result],
    inputs: dict[str, tuple[Path, dict[str, int]]],
    counts: dict[str, tuple[int, int]],
    versions: list[str],
    runs: int,
) -> None:
    """Write `aws-results.md`: the table, the verdicts and how they were measured."""
    peak_source = "GNU time -v" if GNU_TIME.exists() else "os.wait4 rusage"
    lines = [
        "# AWS import benchmark",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by the AWS step of bench/run.py.",
        "",
        summary,
        "",
        "## Inputs",
        "",
        "| input | file MiB | users | groups | roles | managed policies | statements | "
        "estate nodes | estate edges |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, (path, summary_counts) in inputs.items():
        nodes, edges = counts[name]
        managed = (
            summary_counts["customer_managed_policies"] + summary_counts["aws_managed_policies"]
        )
        lines.append(
            f"| {name} | {path.stat().st_size / 2**20:.1f} | {summary_counts['users']} "
            f"| {summary_counts['groups']} | {summary_counts['roles']} | {managed} "
            f"| {summary_counts['statements']} | {nodes} | {edges} |"
        )
    lines += [
        "",
        "## Runs",
        "",
    ]
    for result in results:
        times = ", ".join(f"{run.seconds:.2f}" for run in result.runs)
        lines.append(f"- {result.tool} on {result.input_name}: {times} s")
    lines += [
        "",
        "## Method",
        "",
        f"- blast: `blast import FILE -o out/bench/estate-NAME.json`, release build linked "
        f"statically, best of {runs} runs, the inputs taking turns; cloudsplaining: "
        "`cloudsplaining scan --input-file FILE --output "
        f"out/bench/cs --skip-open-report`, one run.",
        "- Seconds are wall-clock time; peak MiB is the maximum resident set size, "
        f"from {peak_source}.",
        f"- Inputs: bench/generate_aws_export.py, seed {SEED}, scales 1 and 10.",
        f"- Machine: {machine_description()}.",
        *[f"- {line}" for line in versions],
        "",
    ]
    (out_dir / "aws-results.md").write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
