#!/usr/bin/env python3
"""Generate a synthetic multi-platform estate file for the graph-algorithm benchmark.

The estate has the shape of a large hybrid company. It has AWS, Azure and GCP accounts
with resource groups, Kubernetes clusters with namespaces, and an Active Directory of
people in teams and broad groups. Applications bring resources, service identities,
workloads and credentials, and there are admin privileges and crown jewels. At scale 1 it has about 60,000
identities (people, workloads and service identities) and about 1,000,000 edges.

Three files are written into the output folder:

- `estate.json`: a `blastradius-estate` version 1 file that `blast` reads;
- `edges.tsv`: one line per edge, `SOURCE TARGET CONDITIONAL` with node indices in the
  order of the estate file's `nodes` and 0 or 1, for tools that take an edge list;
- `meta.json`: the node and edge counts, the counts per kind and per relation, the
  indices of the identities (people, workloads, service identities) and of all actors
  (identities and groups), and every node id by index.

Edges that give use of something (`access`, `reads`) and scope membership (`contains`)
only ever enter resources, scopes, privileges and credentials, never a person, workload,
service identity or group. So every actor is gained by acting as it, the search over
(node, mode) states of `blast` reaches the same nodes as plain reachability over the edge
list, and other graph libraries compute the same answers. No two edges join the same
ordered pair of nodes.

Only the standard library is used. The same seed and scale give the same bytes.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

ACTOR_KINDS = {"human", "workload", "serviceIdentity", "group"}
IDENTITY_KINDS = {"human", "workload", "serviceIdentity"}
HOLDING_RELATIONS = {"access", "reads"}
CLOUDS = ("aws", "azure", "gcp")

# Sizes at scale 1.
ACCOUNTS_PER_CLOUD = 30
RESOURCE_GROUPS_PER_ACCOUNT = 15
CLUSTERS = 20
NAMESPACES_PER_CLUSTER = 20
APPLICATIONS = 10_000
HUMANS = 24_000
TEAMS = 2_000
FUNCTIONAL_GROUPS = 600
BROAD_GROUPS = 400
ADMIN_ROLES_PER_ACCOUNT = 3
CONDITIONAL_ACCESS_SHARE = 0.03
CONDITIONAL_ASSUME_SHARE = 0.05


@dataclass
class Estate:
    """Nodes and edges as the estate file lists them, with an index per node id."""

    nodes: list[dict] = field(default_factory=list)
    index: dict[str, int] = field(default_factory=dict)
    edges: list[tuple[int, int, str, bool, str]] = field(default_factory=list)
    pairs: set[tuple[int, int]] = field(default_factory=set)

    def add_node(
        self,
        node_id: str,
        kind: str,
        platform: str,
        account: str,
        name: str,
        node_type: str,
        crown_jewel: bool = False,
        credential: dict | None = None,
    ) -> int:
        """Add a node and return its index."""
        record = {
            "account": account,
            "id": node_id,
            "isCrownJewel": crown_jewel,
            "isDefined": True,
            "kind": kind,
            "name": name,
            "platform": platform,
            "tags": {},
            "type": node_type,
        }
        if credential is not None:
            record["credential"] = credential
        self.index[node_id] = len(self.nodes)
        self.nodes.append(record)
        return len(self.nodes) - 1

    def connect(
        self, source: int, target: int, relation: str, conditional: bool = False, action: str = ""
    ) -> bool:
        """Add an edge unless the pair is joined already or it would be a loop."""
        if source == target or (source, target) in self.pairs:
            return False
        if relation in HOLDING_RELATIONS or relation == "contains":
            if self.nodes[target]["kind"] in ACTOR_KINDS:
                raise ValueError(f"{relation} edge may not enter the actor {self.nodes[target]['id']}")
        self.pairs.add((source, target))
        self.edges.append((source, target, relation, conditional, action))
        return True


@dataclass
class Application:
    """One application: where it runs, its resources, roles and workloads."""

    platform: str
    account: str
    scope: int
    resources: list[int]
    roles: list[int]
    workloads: list[int] = field(default_factory=list)


def scaled(count: int, scale: float) -> int:
    """Return `count` times `scale`, at least 1."""
    return max(1, round(count * scale))


def generate(seed: int = 1, scale: float = 1.0) -> Estate:
    """Build the estate for `seed` at `scale` (1 gives about a million edges)."""
    rng = random.Random(seed)
    estate = Estate()
    accounts = add_scopes(estate, rng, scale)
    applications = add_applications(estate, rng, scale, accounts)
    admin_roles = add_admin_roles(estate, rng, scale, accounts)
    add_role_trusts(estate, rng, applications, admin_roles)
    add_people(estate, rng, scale, accounts, applications, admin_roles)
    return estate


def add_scopes(estate: Estate, rng: random.Random, scale: float) -> list[dict]:
    """Add the scope tree of each platform and one admin privilege per account or cluster.

    Returns one record per account or cluster: platform, account name, scope index,
    privilege index and the indices of its resource groups or namespaces.
    """
    accounts = []
    for cloud in CLOUDS:
        root = estate.add_node(f"{cloud}:org/northwind", "scope", cloud, "", "northwind", "organization")
        for number in range(scaled(ACCOUNTS_PER_CLOUD, scale)):
            account = f"{cloud}-{number:03d}"
            scope = estate.add_node(f"{cloud}:account/{account}", "scope", cloud, account, account, "account")
            estate.connect(root, scope, "contains")
            privilege = estate.add_node(
                f"{cloud}:admin/{account}", "privilege", cloud, account, f"admin of {account}", "admin"
            )
            groups = []
            for group in range(scaled(RESOURCE_GROUPS_PER_ACCOUNT, scale)):
                name = f"rg-{group:02d}"
                child = estate.add_node(
                    f"{cloud}:account/{account}/{name}", "scope", cloud, account, name, "resourceGroup"
                )
                estate.connect(scope, child, "contains")
                groups.append(child)
            accounts.append(
                {"platform": cloud, "account": account, "scope": scope, "privilege": privilege,
                 "children": groups}
            )
    for number in range(scaled(CLUSTERS, scale)):
        cluster = f"cluster-{number:02d}"
        scope = estate.add_node(f"k8s:{cluster}", "scope", "kubernetes", cluster, cluster, "cluster")
        privilege = estate.add_node(
            f"k8s:{cluster}/cluster-admin", "privilege", "kubernetes", cluster, "cluster-admin", "clusterRole"
        )
        namespaces = []
        for namespace in range(scaled(NAMESPACES_PER_CLUSTER, scale)):
            name = f"ns-{namespace:02d}"
            child = estate.add_node(f"k8s:{cluster}/{name}", "scope", "kubernetes", cluster, name, "namespace")
            estate.connect(scope, child, "contains")
            namespaces.append(child)
        accounts.append(
            {"platform": "kubernetes", "account": cluster, "scope": scope, "privilege": privilege,
             "children": namespaces}
        )
    return accounts


def add_applications(
    estate: Estate, rng: random.Random, scale: float, accounts: list[dict]
) -> list[Application]:
    """Add applications with their resources, roles, workloads, keys and dependencies."""
    applications = []
    for number in range(scaled(APPLICATIONS, scale)):
        home = rng.choice(accounts)
        scope = rng.choice(home["children"])
        platform, account = home["platform"], home["account"]
        prefix = f"{platform}:{account}/app-{number:05d}"
        resources = []
        for item in range(rng.randint(5, 25)):
            resources.append(
                estate.add_node(
                    f"{prefix}/resource-{item:02d}", "resource", platform, account,
                    f"app-{number:05d}-data-{item:02d}", rng.choice(("bucket", "database", "queue", "vault")),
                    crown_jewel=rng.random() < 0.01,
                )
            )
            estate.connect(scope, resources[-1], "contains")
        roles = []
        for item in range(rng.choice((1, 2, 2, 3))):
            roles.append(
                estate.add_node(
                    f"{prefix}/role-{item}", "serviceIdentity", platform, account,
                    f"app-{number:05d}-role-{item}", "role",
                )
            )
        application = Application(platform, account, scope, resources, roles)
        for role in roles:
            for resource in resources:
                estate.connect(role, resource, "access", rng.random() < CONDITIONAL_ACCESS_SHARE, "read,write")
            if rng.random() < 0.1:
                estate.connect(role, scope, "access", rng.random() < CONDITIONAL_ACCESS_SHARE, "read")
        for item in range(rng.choice((1, 1, 2, 2, 2))):
            workload = estate.add_node(
                f"{prefix}/workload-{item}", "workload", platform, account,
                f"app-{number:05d}-workload-{item}", "vm" if platform != "kubernetes" else "pod",
            )
            estate.connect(workload, rng.choice(roles), "runsAs")
            application.workloads.append(workload)
        if rng.random() < 0.3:
            key = estate.add_node(
                f"{prefix}/key", "credential", platform, account, f"app-{number:05d}-key", "accessKey",
                credential={"type": "static"},
            )
            estate.connect(key, roles[0], "authenticatesAs")
            for workload in application.workloads:
                estate.connect(workload, key, "reads")
        applications.append(application)

    # Each application reads a few resources of two others.
    for application in applications:
        for other in rng.sample(applications, 2):
            if other is application:
                continue
            role = rng.choice(application.roles)
            for resource in rng.sample(other.resources, min(5, len(other.resources))):
                estate.connect(role, resource, "access", rng.random() < CONDITIONAL_ACCESS_SHARE, "read")
    # Kubernetes service accounts federate to a cloud role of another application.
    cloud_roles = [role for app in applications if app.platform != "kubernetes" for role in app.roles]
    for application in applications:
        if application.platform == "kubernetes" and rng.random() < 0.5:
            estate.connect(application.roles[0], rng.choice(cloud_roles), "federates")
    return applications


def add_admin_roles(
    estate: Estate, rng: random.Random, scale: float, accounts: list[dict]
) -> dict[str, list[int]]:
    """Add the admin roles of each account; return their indices by account name."""
    admin_roles = {}
    for home in accounts:
        roles = []
        for item in range(ADMIN_ROLES_PER_ACCOUNT):
            role = estate.add_node(
                f"{home['platform']}:{home['account']}/admin-role-{item}", "serviceIdentity",
                home["platform"], home["account"], f"{home['account']}-admin-{item}", "role",
            )
            estate.connect(role, home["scope"], "access", False, "*")
            if item == 0:
                estate.connect(role, home["privilege"], "access", False, "*")
            roles.append(role)
        # Admin roles assume each other in a ring, as break-glass roles often do.
        for item, role in enumerate(roles):
            estate.connect(role, roles[(item + 1) % len(roles)], "assumes", False, "sts:AssumeRole")
        admin_roles[home["account"]] = roles
    return admin_roles


def add_role_trusts(
    estate: Estate, rng: random.Random, applications: list[Application],
    admin_roles: dict[str, list[int]],
) -> None:
    """Let some application roles assume each other, or escalate to an admin role."""
    by_account: dict[str, list[int]] = {}
    for application in applications:
        by_account.setdefault(application.account, []).extend(application.roles)
    for application in applications:
        for role in application.roles:
            draw = rng.random()
            if draw < 0.05:
                # Two roles that trust each other: a cycle of two.
                other = rng.choice(by_account[application.account])
                conditional = rng.random() < CONDITIONAL_ASSUME_SHARE
                estate.connect(role, other, "assumes", conditional, "sts:AssumeRole")
                estate.connect(other, role, "assumes", conditional, "sts:AssumeRole")
            elif draw < 0.15:
                other = rng.choice(by_account[application.account])
                estate.connect(role, other, "assumes", rng.random() < CONDITIONAL_ASSUME_SHARE, "sts:AssumeRole")
            elif draw < 0.16:
                target = rng.choice(admin_roles[application.account])
                estate.connect(role, target, "escalates", False, "iam:PutRolePolicy")


def add_people(
    estate: Estate, rng: random.Random, scale: float, accounts: list[dict],
    applications: list[Application], admin_roles: dict[str, list[int]],
) -> None:
    """Add teams, functional and broad groups, people, their keys and their grants."""
    teams = [
        estate.add_node(f"ad:group/team-{number:04d}", "group", "on-premises", "corp", f"team-{number:04d}", "group")
        for number in range(scaled(TEAMS, scale))
    ]
    functional = [
        estate.add_node(f"ad:group/ops-{number:03d}", "group", "on-premises", "corp", f"ops-{number:03d}", "group")
        for number in range(scaled(FUNCTIONAL_GROUPS, scale))
    ]
    broad = [
        estate.add_node(f"ad:group/all-{number:03d}", "group", "on-premises", "corp", f"all-{number:03d}", "group")
        for number in range(scaled(BROAD_GROUPS, scale))
    ]
    all_resources = [resource for app in applications for resource in app.resources]

    # Teams own applications: they assume the roles, control the workloads and read the data.
    for number, application in enumerate(applications):
        team = teams[number % len(teams)]
        for role in application.roles:
            estate.connect(team, role, "assumes", rng.random() < CONDITIONAL_ASSUME_SHARE, "sts:AssumeRole")
        for workload in application.workloads:
            estate.connect(team, workload, "controls", False, "deploy")
        if rng.random() < 0.5:
            for resource in application.resources:
                estate.connect(team, resource, "access", rng.random() < CONDITIONAL_ACCESS_SHARE, "read")
    for team in teams:
        estate.connect(team, rng.choice(functional), "memberOf")
    # Functional groups administer resource groups or whole accounts.
    for group in functional:
        for _ in range(5):
            home = rng.choice(accounts)
            if rng.random() < 0.2:
                estate.connect(group, home["scope"], "access", rng.random() < CONDITIONAL_ACCESS_SHARE, "*")
            else:
                estate.connect(group, rng.choice(home["children"]), "access", False, "*")
        if rng.random() < 0.1:
            home = rng.choice(accounts)
            estate.connect(group, admin_roles[home["account"]][1], "assumes", True, "sts:AssumeRole")
    # Broad groups read shared data.
    for group in broad:
        for resource in rng.sample(all_resources, 50):
            estate.connect(group, resource, "access", rng.random() < CONDITIONAL_ACCESS_SHARE, "read")

    for number in range(scaled(HUMANS, scale)):
        person = estate.add_node(
            f"ad:user/u{number:05d}", "human", "on-premises", "corp", f"user {number:05d}", "user"
        )
        for team in rng.sample(teams, rng.choice((1, 1, 2))):
            estate.connect(person, team, "memberOf")
        for group in rng.sample(functional, rng.randint(0, 3)):
            estate.connect(person, group, "memberOf")
        for group in rng.sample(broad, rng.randint(3, 6)):
            estate.connect(person, group, "memberOf")
        for resource in rng.sample(all_resources, rng.randint(1, 5)):
            estate.connect(person, resource, "access", rng.random() < CONDITIONAL_ACCESS_SHARE, "read")
        if rng.random() < 0.1:
            application = rng.choice(applications)
            estate.connect(person, rng.choice(application.roles), "assumes", True, "sts:AssumeRole")
        if rng.random() < 0.4:
            key = estate.add_node(
                f"ad:user/u{number:05d}/key", "credential", "aws", "", f"key of user {number:05d}",
                "accessKey", credential={"type": "static"},
            )
            estate.connect(key, person, "authenticatesAs")
            estate.connect(person, key, "reads")
            # A teammate can read the key too, as with keys kept on a shared host.
            if number > 0 and rng.random() < 0.3:
                estate.connect(estate.index[f"ad:user/u{rng.randrange(number):05d}"], key, "reads")


def write_estate(estate: Estate, folder: Path, file_name: str = "estate.json") -> None:
    """Write `estate.json`, `edges.tsv` and `meta.json` into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    ids = [node["id"] for node in estate.nodes]
    with (folder / file_name).open("w", encoding="utf-8") as out:
        out.write('{"format":"blastradius-estate","version":1,"nodes":[\n')
        out.write(",\n".join(json.dumps(node, sort_keys=True, separators=(",", ":")) for node in estate.nodes))
        out.write('\n],"edges":[\n')
        lines = []
        for number, (source, target, relation, conditional, action) in enumerate(estate.edges):
            lines.append(
                json.dumps(
                    {
                        "actions": [action] if action else [],
                        "conditional": conditional,
                        "provenance": {"file": "generated", "grant": relation, "location": f"edges[{number}]"},
                        "relation": relation,
                        "source": ids[source],
                        "target": ids[target],
                    },
                    separators=(",", ":"),
                )
            )
        out.write(",\n".join(lines))
        out.write("\n]}\n")
    with (folder / "edges.tsv").open("w", encoding="utf-8") as out:
        for source, target, _, conditional, _ in estate.edges:
            out.write(f"{source}\t{target}\t{int(conditional)}\n")
    (folder / "meta.json").write_text(json.dumps(summarize(estate), indent=1) + "\n", encoding="utf-8")


def summarize(estate: Estate) -> dict:
    """Return the counts and identity indices that `meta.json` holds."""
    kinds: dict[str, int] = {}
    for node in estate.nodes:
        kinds[node["kind"]] = kinds.get(node["kind"], 0) + 1
    relations: dict[str, int] = {}
    for edge in estate.edges:
        relations[edge[2]] = relations.get(edge[2], 0) + 1
    return {
        "nodeCount": len(estate.nodes),
        "edgeCount": len(estate.edges),
        "conditionalEdgeCount": sum(1 for edge in estate.edges if edge[3]),
        "kinds": dict(sorted(kinds.items())),
        "relations": dict(sorted(relations.items())),
        "identities": [index for index, node in enumerate(estate.nodes) if node["kind"] in IDENTITY_KINDS],
        "actors": [index for index, node in enumerate(estate.nodes) if node["kind"] in ACTOR_KINDS],
        "ids": [node["id"] for node in estate.nodes],
    }


def main(argv: list[str] | None = None) -> int:
    """Write the estate for the seed and scale given on the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--out", type=Path, required=True, help="output folder")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default: 1)")
    parser.add_argument(
        "--scale", type=float, default=1.0, help="size factor; 1 gives about a million edges (default: 1)"
    )
    arguments = parser.parse_args(argv)
    if arguments.scale <= 0:
        parser.error(f"--scale must be above 0, got {arguments.scale}")
    estate = generate(arguments.seed, arguments.scale)
    write_estate(estate, arguments.out)
    meta = summarize(estate)
    print(
        f"{meta['nodeCount']} nodes, {meta['edgeCount']} edges, "
        f"{len(meta['identities'])} identities in {arguments.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
