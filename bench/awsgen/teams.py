"""Teams and the resources that each runs in every environment."""

from __future__ import annotations

import string

from .model import (
    DOMAINS,
    ENVIRONMENTS,
    FUNCTION_VERBS,
    ORGANIZATION,
    REGIONS,
    SECRET_PURPOSES,
    TABLE_NOUNS,
    Estate,
    TeamEnvironment,
    arn,
)

SECRET_SUFFIX_ALPHABET = string.ascii_letters + string.digits


def build_teams(estate: Estate) -> None:
    """Create the teams and, for each, its resources in every environment."""
    for round_number in range(estate.scale):
        for domain in DOMAINS:
            team = domain if round_number == 0 else f"{domain}{round_number + 1}"
            estate.teams.append(team)
            for environment in ENVIRONMENTS:
                estate.environments[(team, environment)] = team_environment(
                    estate, team, environment
                )


def team_environment(estate: Estate, team: str, environment: str) -> TeamEnvironment:
    """Create the buckets, tables, functions, queue, secrets and key of one team environment."""
    rng = estate.rng
    region = rng.choice(REGIONS)
    prefix = f"{team}-{environment}"
    tables = [f"{prefix}-{noun}" for noun in rng.sample(TABLE_NOUNS, 2)]
    functions = [f"{prefix}-{verb}" for verb in rng.sample(FUNCTION_VERBS, 2)]
    secrets = []
    for purpose in rng.sample(SECRET_PURPOSES, 2):
        # Secrets Manager appends a hyphen and six random characters to every secret ARN.
        suffix = "".join(rng.choice(SECRET_SUFFIX_ALPHABET) for _ in range(6))
        secrets.append(
            arn(f"secret:{environment}/{team}/{purpose}-{suffix}", "secretsmanager", region)
        )
    key_id = "-".join(
        "".join(rng.choice("0123456789abcdef") for _ in range(length))
        for length in (8, 4, 4, 4, 12)
    )
    return TeamEnvironment(
        team=team,
        environment=environment,
        region=region,
        buckets=[f"{ORGANIZATION}-{prefix}-data", f"{ORGANIZATION}-{prefix}-artifacts"],
        tables=tables,
        functions=functions,
        queue=f"{prefix}-events",
        secret_arns=secrets,
        key_arn=arn(f"key/{key_id}", "kms", region),
    )
