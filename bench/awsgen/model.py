"""Constants, records and small helpers shared by the export generator's modules."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar

ACCOUNT_ID = "318524067791"
ORGANIZATION = "kestrel"
ORGANIZATION_ID = "o-k3stre1x9a"

# Accounts that trust policies name but that the export does not describe.
SECURITY_ACCOUNT = "402981736650"
SHARED_SERVICES_ACCOUNT = "690413572208"
VENDOR_ACCOUNT = "557302918446"

# Users, roles and customer managed policies at scale 1.
BASE_USERS = 200
BASE_ROLES = 500
BASE_POLICIES = 200

DOMAINS = (
    "payments ledger search identity catalog fleet routing billing analytics warehouse "
    "support mobile"
).split()
ENVIRONMENTS = ["prod", "staging", "dev"]
REGIONS = ["eu-west-1", "eu-west-1", "eu-central-1", "us-east-1"]
TABLE_NOUNS = ["orders", "events", "sessions", "accounts", "shipments", "quotes", "invoices"]
FUNCTION_VERBS = ["ingest", "notify", "reconcile", "export", "resize", "score", "sync"]
SECRET_PURPOSES = ["db-credentials", "api-key", "webhook-signing", "smtp-password"]
SERVICE_PRINCIPALS = {
    "lambda": "lambda.amazonaws.com",
    "ecs": "ecs-tasks.amazonaws.com",
    "ec2": "ec2.amazonaws.com",
    "glue": "glue.amazonaws.com",
    "codebuild": "codebuild.amazonaws.com",
    "states": "states.amazonaws.com",
}
FIRST_NAMES = (
    "ada bela chen dara emil fatima goran hana ivo jonas kira lena mateo nadia omar priya "
    "quinn rosa sami tomas uma vera wei ximena yusuf zofia"
).split()
LAST_NAMES = (
    "abbott banerjee costa dubois eriksen fischer garcia haddad ito jansen kowalski lindqvist "
    "moreau novak okafor petrov quintero rossi silva tanaka ueda varga weber xu yilmaz zeller"
).split()
# IAM unique ids use these 32 characters after their four-letter prefix.
ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
# Documentation address ranges (RFC 5737) stand in for office networks.
OFFICE_NETWORKS = ["203.0.113.0/24", "198.51.100.0/24"]
SECONDS_PER_DAY = 86_400
# 2017-01-01T00:00:00Z and 2024-06-30T00:00:00Z as Unix times: the range of creation dates.
EARLIEST_DATE = 1_483_228_800
LATEST_DATE = 1_719_705_600

Item = TypeVar("Item")


class Rng:
    """A seeded random source whose draws do not change between Python versions.

    Python documents only `random.Random.random()` as stable across versions for a given
    seed; `choice`, `sample` and `randrange` may change their algorithms. Every draw here is
    therefore built on `random()` alone.
    """

    def __init__(self, seed: int) -> None:
        self._source = random.Random(seed)

    def random(self) -> float:
        """Return a float in [0, 1)."""
        return self._source.random()

    def below(self, limit: int) -> int:
        """Return an integer in [0, limit)."""
        return min(int(self._source.random() * limit), limit - 1)

    def between(self, low: int, high: int) -> int:
        """Return an integer in [low, high], both ends included."""
        return low + self.below(high - low + 1)

    def choice(self, items: Sequence[Item]) -> Item:
        """Return one item, each with the same probability."""
        return items[self.below(len(items))]

    def weighted(self, items: Sequence[Item], weights: Sequence[float]) -> Item:
        """Return one item with probability proportional to its weight."""
        target = self._source.random() * sum(weights)
        for item, weight in zip(items, weights, strict=True):
            target -= weight
            if target < 0:
                return item
        return items[-1]

    def sample(self, items: Sequence[Item], count: int) -> list[Item]:
        """Return `count` distinct items in random order (a partial Fisher-Yates shuffle)."""
        pool = list(items)
        for index in range(count):
            swap = index + self.below(len(pool) - index)
            pool[index], pool[swap] = pool[swap], pool[index]
        return pool[:count]


def arn(resource: str, service: str = "iam", region: str = "", account: str = ACCOUNT_ID) -> str:
    """Return an ARN in the account, such as `arn:aws:iam::<account>:role/deploy`."""
    return f"arn:aws:{service}:{region}:{account}:{resource}"


def statement(
    effect: str,
    actions: list[str] | str,
    resources: list[str] | str,
    *,
    sid: str | None = None,
    condition: dict[str, Any] | None = None,
    not_action: bool = False,
    not_resource: bool = False,
) -> dict[str, Any]:
    """Build one policy statement with keys in the usual order: Sid, Effect, Action, Resource."""
    entry: dict[str, Any] = {}
    if sid:
        entry["Sid"] = sid
    entry["Effect"] = effect
    entry["NotAction" if not_action else "Action"] = actions
    entry["NotResource" if not_resource else "Resource"] = resources
    if condition:
        entry["Condition"] = condition
    return entry


def document(statements: list[dict[str, Any]]) -> dict[str, Any]:
    """Wrap statements in a policy document of version 2012-10-17."""
    return {"Version": "2012-10-17", "Statement": statements}


def format_date(seconds: int) -> str:
    """Format Unix seconds as AWS CLI v2 prints IAM dates: `2021-03-13T18:40:54+00:00`."""
    return datetime.fromtimestamp(seconds, tz=UTC).isoformat()


@dataclass
class TeamEnvironment:
    """The resources that one team runs in one environment."""

    team: str
    environment: str
    region: str
    buckets: list[str]
    tables: list[str]
    functions: list[str]
    queue: str
    secret_arns: list[str]
    key_arn: str

    @property
    def prefix(self) -> str:
        """The name prefix that the team's resources in this environment share."""
        return f"{self.team}-{self.environment}"


@dataclass
class ManagedPolicy:
    """A managed policy, whose `Policies` entry is written once attachments are counted."""

    name: str
    arn: str
    path: str
    policy_id: str
    create_date: str
    versions: list[dict[str, Any]]
    default_version: str
    attachments: int = 0
    boundary_uses: int = 0

    def attach(self) -> dict[str, str]:
        """Count one attachment and return the `AttachedManagedPolicies` entry."""
        self.attachments += 1
        return {"PolicyName": self.name, "PolicyArn": self.arn}

    def use_as_boundary(self) -> dict[str, str]:
        """Count one use as a permissions boundary and return the `PermissionsBoundary` entry."""
        self.boundary_uses += 1
        return {"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": self.arn}


@dataclass
class Estate:
    """Everything generated so far, with the records that keep names and ids unique."""

    rng: Rng
    scale: int
    teams: list[str] = field(default_factory=list)
    environments: dict[tuple[str, str], TeamEnvironment] = field(default_factory=dict)
    customer_policies: list[ManagedPolicy] = field(default_factory=list)
    aws_policies: dict[str, ManagedPolicy] = field(default_factory=dict)
    policies_by_team: dict[str, list[ManagedPolicy]] = field(default_factory=dict)
    used_ids: set[str] = field(default_factory=set)
    used_names: set[tuple[str, str]] = field(default_factory=set)
    users: list[dict[str, Any]] = field(default_factory=list)
    groups: list[dict[str, Any]] = field(default_factory=list)
    roles: list[dict[str, Any]] = field(default_factory=list)
    role_arns_by_team: dict[str, list[str]] = field(default_factory=dict)
    machine_user_arns: list[str] = field(default_factory=list)
    machine_users_by_team: dict[str, list[str]] = field(default_factory=dict)
    human_user_arns: list[str] = field(default_factory=list)

    def unique_id(self, prefix: str) -> str:
        """Return a new IAM unique id: `prefix`, such as `AIDA`, and 17 more characters."""
        while True:
            candidate = prefix + "".join(self.rng.choice(ID_ALPHABET) for _ in range(17))
            if candidate not in self.used_ids:
                self.used_ids.add(candidate)
                return candidate

    def unique_name(self, kind: str, name: str) -> str:
        """Return `name`, or `name-2`, `name-3` and so on when `kind` already has it."""
        candidate = name
        number = 2
        while (kind, candidate) in self.used_names:
            candidate = f"{name}-{number}"
            number += 1
        self.used_names.add((kind, candidate))
        return candidate

    def date(self, earliest: int = EARLIEST_DATE) -> str:
        """Return a date from `earliest` to mid-2024 in the CLI's format."""
        return format_date(earliest + self.rng.below(LATEST_DATE - earliest))

    def random_environment(self, team: str | None = None) -> TeamEnvironment:
        """Pick an environment of `team`, or of a random team: production half of the time."""
        team = team or self.rng.choice(self.teams)
        environment = self.rng.weighted(ENVIRONMENTS, [5, 3, 2])
        return self.environments[(team, environment)]
