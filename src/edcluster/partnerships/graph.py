"""The network of partnerships as a graph: nodes are organisations, an edge joins two parties of
at least one live partnership. The page, the JSON endpoint, the exports and the metrics all use
``network_graph`` so they always agree on the counts."""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from itertools import combinations
from typing import Any

import networkx as nx
from django.db.models import Q

from edcluster.organizations.models import PSEUDO_KINDS, Cluster, Membership, Organization, OrganizationKind
from edcluster.partnerships.models import LIVE_STATUSES, Direction, Partnership, PartnershipStatus, Party

KIND_COLOURS = {
    "kindergarten": "#f4a261",
    "school": "#2a9d8f",
    "college": "#264653",
    "university": "#6a4c93",
    "additional": "#e9c46a",
    "methodical": "#8ab17d",
    "library": "#b5838d",
    "museum": "#6d597a",
    "culture": "#e76f51",
    "authority": "#457b9d",
    "business": "#1d3557",
    "nonprofit": "#a8dadc",
    "social": "#ffb4a2",
    "parents": "#ff70a6",
    "other": "#999999",
}


@dataclass
class Scope:
    cluster: Cluster | None = None
    municipality: str = ""
    region: str = ""
    direction: Direction | None = None

    def members(self) -> Q | None:
        if self.cluster is not None:
            return Q(pk__in=Membership.objects.filter(cluster=self.cluster).values("organization_id"))
        # A parents' community is never a member: it joins the graph through its partnerships only
        # (otherwise every town would list communities without partners as isolated members).
        if self.municipality:
            return Q(municipality__iexact=self.municipality) & ~Q(kind__in=PSEUDO_KINDS)
        if self.region:
            return Q(region=self.region) & ~Q(kind__in=PSEUDO_KINDS)
        return None


@dataclass
class NetworkGraph:
    members: set[int] = field(default_factory=set)  # organisations of the scope (isolated ones count)
    directions_of: dict[int, list[str]] = field(default_factory=dict)  # partnership id → direction names
    # Nodes and edges as plain dicts: what graph_json reads. The networkx graph is built from them
    # only when metrics or exports ask for it (building it was a third of the JSON endpoint's time).
    nodes: dict[int, dict[str, Any]] = field(default_factory=dict)
    edges: dict[tuple[int, int], dict[str, Any]] = field(default_factory=dict)

    @cached_property
    def graph(self) -> nx.Graph:
        g = nx.Graph()
        g.add_nodes_from(self.nodes.items())
        g.add_edges_from((a, b, d) for (a, b), d in self.edges.items())
        return g


def network_graph(scope: Scope) -> NetworkGraph:
    """Build the graph for ``scope``: every organisation of the scope is a node (isolated ones
    too); every live partnership touching the scope adds edges between all its parties.

    Reads with subqueries (never long lists of ids), four queries whatever the size."""
    member_q = scope.members()
    orgs = Organization.objects.filter(is_confirmed=True)
    members = orgs.filter(member_q) if member_q is not None else orgs.none()
    partnerships = Partnership.objects.filter(status__in=LIVE_STATUSES)
    if member_q is not None:
        partnerships = partnerships.filter(
            pk__in=Party.objects.filter(organization__in=members.values("pk")).values("partnership_id")
        )
    if scope.direction is not None:
        partnerships = partnerships.filter(directions=scope.direction)
    live = partnerships.values("pk")
    # Parties and directions in one query (a row per party × direction; the join costs less than a
    # second pass over the live partnerships), direction names from a small dict.
    direction_names = dict(Direction.objects.values_list("pk", "name"))
    parties: dict[int, list[int]] = {}
    dir_ids: dict[int, set[int]] = {}
    for pid, oid, did in Party.objects.filter(partnership_id__in=live).values_list(
        "partnership_id", "organization_id", "partnership__directions"
    ):
        ids = parties.setdefault(pid, [])
        if oid not in ids:
            ids.append(oid)
        if did is not None:
            dir_ids.setdefault(pid, set()).add(did)
    dirs = {pid: sorted(direction_names[d] for d in ds) for pid, ds in dir_ids.items()}
    fields = ("pk", "full_name", "short_name", "kind", "municipality")
    rows = list(members.values_list(*fields)) if member_q is not None else []
    member_ids = {r[0] for r in rows}
    outside = {o for ids in parties.values() for o in ids} - member_ids
    if member_q is None:
        rows = list(orgs.filter(pk__in=outside).values_list(*fields)) if outside else []
    elif outside:
        rows += list(orgs.filter(pk__in=outside).values_list(*fields))
    kind_names = {k: str(label) for k, label in OrganizationKind.choices}
    nodes = {
        pk: {
            "label": short or name,
            "kind": kind,
            "kind_name": kind_names.get(kind, ""),
            "municipality": municipality,
            "member": pk in member_ids,
        }
        for pk, name, short, kind, municipality in rows
    }
    # Edges are gathered in plain dicts first and handed to networkx in one call: adding them one
    # by one (has_edge, merge, add_edge) was half the time of a region's graph (bench/network.py).
    edge_pids: dict[tuple[int, int], list[int]] = {}
    for pid, ids in parties.items():
        present = sorted({o for o in ids if o in nodes})
        for pair in combinations(present, 2):
            edge_pids.setdefault(pair, []).append(pid)
    no_dirs: list[str] = []
    edges = {}
    for pair, pids in edge_pids.items():
        if len(pids) == 1:
            names = dirs.get(pids[0], no_dirs)
        else:
            names = sorted({name for pid in pids for name in dirs.get(pid, no_dirs)})
        edges[pair] = {"partnerships": pids, "directions": names, "weight": len(pids)}
    return NetworkGraph(
        members=member_ids if member_q is not None else set(nodes),
        directions_of=dirs,
        nodes=nodes,
        edges=edges,
    )


def graph_json(ng: NetworkGraph) -> dict[str, Any]:
    """Nodes and edges in the shape cytoscape.js reads (``elements``) plus plain lists."""
    degree: Counter[int] = Counter()
    for a, b in ng.edges:
        degree[a] += 1
        degree[b] += 1
    nodes = [
        {
            "id": str(n),
            "label": d["label"],
            "kind": d["kind"],
            "kind_name": d["kind_name"],
            "municipality": d["municipality"],
            "member": d["member"],
            "colour": KIND_COLOURS.get(d["kind"], "#999999"),
            "degree": degree[n],
            "url": f"/organizations/{n}/",
        }
        for n, d in ng.nodes.items()
    ]
    edges = [
        {
            "id": f"{a}-{b}",
            "source": str(a),
            "target": str(b),
            "directions": d["directions"],
            "partnerships": d["partnerships"],
            "weight": d["weight"],
        }
        for (a, b), d in ng.edges.items()
    ]
    return {"nodes": nodes, "edges": edges}


def graph_metrics(ng: NetworkGraph, *, top: int = 10) -> dict[str, Any]:
    g = ng.graph
    n = g.number_of_nodes()
    # Exact betweenness for a cluster or a town; for a region it is estimated from k sampled
    # sources, k shrinking with the number of edges so that the metrics stay within seconds.
    m = g.number_of_edges()
    k = min(n, max(8, 500_000 // max(m, 1))) if n > 500 else None
    betweenness = nx.betweenness_centrality(g, k=k, seed=1 if k else None)
    label = nx.get_node_attributes(g, "label")
    kind = nx.get_node_attributes(g, "kind_name")
    by_degree = sorted(g.degree, key=lambda x: (-x[1], label[x[0]]))[:top]
    by_betweenness = sorted(betweenness.items(), key=lambda x: (-x[1], label[x[0]]))[:top]
    isolated = sorted(label[x] for x in ng.members if x in g and g.degree(x) == 0)
    cross: Counter[tuple[str, str]] = Counter()
    for a, b in g.edges:
        ka, kb = kind[a], kind[b]
        if ka != kb:
            cross[tuple(sorted((ka, kb)))] += 1  # type: ignore[index]
    seen: set[int] = {pid for _a, _b, d in g.edges(data=True) for pid in d["partnerships"]}
    coverage = Counter(name for pid in seen for name in ng.directions_of.get(pid, []))
    uncovered = [d.name for d in Direction.objects.filter(is_active=True) if d.name not in coverage]
    return {
        "nodes": n,
        "edges": g.number_of_edges(),
        "partnerships": len(seen),
        "components": nx.number_connected_components(g) if n else 0,
        "top_partners": [{"id": x, "label": label[x], "partners": d} for x, d in by_degree],
        "top_betweenness": [{"id": x, "label": label[x], "betweenness": round(v, 4)} for x, v in by_betweenness],
        "isolated": isolated,
        "cross_kind": [{"kinds": list(k), "edges": v} for k, v in cross.most_common()],
        "cross_kind_total": sum(cross.values()),
        "direction_coverage": [{"direction": k, "partnerships": v} for k, v in coverage.most_common()],
        "directions_uncovered": uncovered,
    }


def _export_graph(ng: NetworkGraph) -> nx.Graph:
    """A copy with only scalar attributes (GraphML and GEXF accept no lists)."""
    g = nx.Graph()
    for n, d in ng.graph.nodes(data=True):
        g.add_node(str(n), label=d["label"], kind=d["kind"], municipality=d["municipality"], member=bool(d["member"]))
    for a, b, d in ng.graph.edges(data=True):
        g.add_edge(
            str(a),
            str(b),
            weight=int(d["weight"]),
            directions="; ".join(d["directions"]),
            partnerships=",".join(str(p) for p in d["partnerships"]),
        )
    return g


def graphml_bytes(ng: NetworkGraph) -> bytes:
    buf = io.BytesIO()
    nx.write_graphml(_export_graph(ng), buf, encoding="utf-8")
    return buf.getvalue()


def gexf_bytes(ng: NetworkGraph) -> bytes:
    buf = io.BytesIO()
    nx.write_gexf(_export_graph(ng), buf, encoding="utf-8")
    return buf.getvalue()


def edge_rows(ng: NetworkGraph) -> list[list[Any]]:
    label = nx.get_node_attributes(ng.graph, "label")
    kind = nx.get_node_attributes(ng.graph, "kind_name")
    return [
        [label[a], kind[a], label[b], kind[b], d["weight"], "; ".join(d["directions"])]
        for a, b, d in ng.graph.edges(data=True)
    ]


__all__ = ["PartnershipStatus", "Scope", "edge_rows", "gexf_bytes", "graph_json", "graph_metrics", "graphml_bytes"]
