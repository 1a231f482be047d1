"""Customer managed policies and inline policies built from statement groups."""

from __future__ import annotations

from typing import Any

from .model import (
    EARLIEST_DATE,
    LATEST_DATE,
    SECONDS_PER_DAY,
    Estate,
    ManagedPolicy,
    TeamEnvironment,
    arn,
    document,
    format_date,
)
from .statements import (
    TEAM_STATEMENT_BUILDERS,
    assume_statements,
    boundary_policies,
    organization_policies,
    read_only_statements,
)


def new_customer_policy(
    estate: Estate, name: str, statements: list[dict[str, Any]], path: str = "/"
) -> ManagedPolicy:
    """Create a customer managed policy, sometimes with older versions before the default."""
    rng = estate.rng
    name = estate.unique_name("policy", name)
    created_seconds = EARLIEST_DATE + rng.below(LATEST_DATE - 200 * SECONDS_PER_DAY - EARLIEST_DATE)
    version_count = rng.weighted([1, 2, 3, 4], [80, 13, 5, 2])
    versions = []
    seconds = created_seconds
    for number in range(1, version_count + 1):
        is_default = number == version_count
        # An older version granted less: all statements but the last.
        version_statements = statements if is_default else statements[: max(1, len(statements) - 1)]
        versions.append(
            {
                "Document": document(version_statements),
                "VersionId": f"v{number}",
                "IsDefaultVersion": is_default,
                "CreateDate": format_date(seconds),
            }
        )
        seconds += SECONDS_PER_DAY + rng.below(59 * SECONDS_PER_DAY)
    # Newest first, so the default version leads the list.
    versions.reverse()
    policy = ManagedPolicy(
        name=name,
        arn=arn(f"policy{path}{name}"),
        path=path,
        policy_id=estate.unique_id("ANPA"),
        create_date=format_date(created_seconds),
        versions=versions,
        default_version=f"v{version_count}",
    )
    estate.customer_policies.append(policy)
    return policy


def build_customer_policies(estate: Estate, count: int) -> dict[str, ManagedPolicy]:
    """Create exactly `count` customer managed policies and return them by name."""
    rng = estate.rng
    for name, statements in organization_policies(estate) + boundary_policies():
        new_customer_policy(estate, name, statements)
    # Each team gets a read-only policy and an assume-role policy, then project policies
    # fill the count, each with one or two statement groups of one team environment.
    for team in estate.teams:
        if len(estate.customer_policies) + 2 > count:
            break
        env = estate.environments[(team, "prod")]
        new_customer_policy(estate, f"{team}-readonly", read_only_statements(estate, env))
        new_customer_policy(estate, f"{team}-assume-roles", assume_statements(estate, team))
    while len(estate.customer_policies) < count:
        env = estate.random_environment()
        builders = rng.sample(TEAM_STATEMENT_BUILDERS, rng.weighted([1, 2], [3, 1]))
        statements = [entry for builder in builders for entry in builder(estate, env)]
        purpose = rng.choice(["access", "service", "pipeline", "jobs", "api", "reports"])
        path = rng.choice(["/", "/", "/", f"/{env.team}/"])
        new_customer_policy(estate, f"{env.prefix}-{purpose}", statements, path)
    # Team policies are named `<team>-...`. A team's assume-role policy is for its deploy
    # users only, so it is left out of the policies that other principals attach at random.
    teams = set(estate.teams)
    for policy in estate.customer_policies:
        team = policy.name.split("-", 1)[0]
        if team in teams and policy.name != f"{team}-assume-roles":
            estate.policies_by_team.setdefault(team, []).append(policy)
    return {policy.name: policy for policy in estate.customer_policies}


def inline_policy(estate: Estate, name: str, env: TeamEnvironment, builders: int) -> dict[str, Any]:
    """Create an inline policy entry from one to `builders` statement groups."""
    rng = estate.rng
    chosen = rng.sample(TEAM_STATEMENT_BUILDERS, rng.between(1, builders))
    statements = [entry for builder in chosen for entry in builder(estate, env)]
    return {"PolicyName": name, "PolicyDocument": document(statements)}
