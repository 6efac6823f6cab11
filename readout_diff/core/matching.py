"""Which candidate links win the competition for a claim: an optimal matching, not best first.

Best-first pairing takes the highest-scoring pair and discards every other link of its two
claims. When a claim has two near-duplicate partners, the slightly closer one takes it even if
the other was the only partner of a claim that is now left alone (read on real pairs: "a claim
already taken by a slightly closer near-duplicate"). An optimal matching keeps the set of pairs
whose total weight is largest instead.

For each two readouts, the candidate links between them form a sparse bipartite graph; each
connected component of it is solved on its own by the Hungarian method (exact, on integer
weights, so the result never depends on rounding), at most MAX_COMPONENT claims at a time: a
larger component (only long statements make one) falls back to best first, so the work stays
linear in the number of claims (at most MAX_COMPONENT squared steps per claim).

A link weighs its score less OFFSET: a match of 0.7 is worth more than two links of 0.4 that
would replace it. Links of OFFSET or less take no part in the competition (the caller links
them afterwards when both claims are still free, as before). Identical claims (score 1) are
not put in competition at all: they always pair, as before.

Pure; the result does not depend on which readout comes first (a component's sides are put in
a fixed order by their content, not by argument order).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

MAX_COMPONENT = 60  # claims of both readouts in one component solved exactly
OFFSET = 0.3  # weight of a link: its score less this (calibrated: bench/quality.py)
_SCALE = 10**6  # weights as integers: exact sums, ties broken the same way on every machine

Node = tuple[int, int]  # (readout, claim index)
Edge = tuple[Node, Node]  # lower readout first


def optimal_links(weights: dict[Edge, float], label: Callable[[Node], Any]) -> set[Edge]:
    """The links (keys of `weights`, each weighing more than 0) of a maximum-weight matching
    between each two readouts: each claim in at most one link per other readout. `label`
    gives a claim's content, which orders a component's two sides."""
    by_pair: dict[tuple[int, int], list[Edge]] = defaultdict(list)
    for edge, w in weights.items():
        if w > 0:
            by_pair[edge[0][0], edge[1][0]].append(edge)
    chosen: set[Edge] = set()
    for pair in sorted(by_pair):
        for component in _components(by_pair[pair]):
            chosen.update(_solve(component, weights, label))
    return chosen


def _components(edges: list[Edge]) -> list[list[Edge]]:
    """The edges grouped by connected component (union-find), each in sorted order."""
    parent: dict[Node, Node] = {}

    def root(x: Node) -> Node:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    component = {x: root(x) for x in parent}  # once a claim, not once a link
    groups: dict[Node, list[Edge]] = defaultdict(list)
    for edge in sorted(edges):
        groups[component[edge[0]]].append(edge)
    return [groups[k] for k in sorted(groups)]


def _solve(
    edges: list[Edge], weights: dict[Edge, float], label: Callable[[Node], Any]
) -> list[Edge]:
    if len(edges) == 1:  # most components: one link, nothing to settle
        return edges
    left = sorted({a for a, _ in edges})
    right = sorted({b for _, b in edges})
    if len(left) + len(right) > MAX_COMPONENT:
        return _best_first(edges, weights, label)
    w = {e: round(weights[e] * _SCALE) for e in edges}
    # Rows: the smaller side (the method assigns every row); of two sides of one size, the
    # one whose content sorts first, so that swapping the readouts solves the same matrix.
    flip = (len(right), [label(x) for x in right]) < (len(left), [label(x) for x in left])
    rows, cols = (right, left) if flip else (left, right)
    row, col = {x: i for i, x in enumerate(rows)}, {x: j for j, x in enumerate(cols)}
    matrix = [[0] * len(cols) for _ in rows]
    for (a, b), weight in w.items():
        x, y = (b, a) if flip else (a, b)
        matrix[row[x]][col[y]] = -weight
    out = []
    for i, j in enumerate(_hungarian(matrix)):
        e = (cols[j], rows[i]) if flip else (rows[i], cols[j])
        if e in w:  # a row assigned to a non-edge (cost 0) is left alone
            out.append(e)
    return out


def _best_first(
    edges: list[Edge], weights: dict[Edge, float], label: Callable[[Node], Any]
) -> list[Edge]:
    """Past MAX_COMPONENT: highest weight first, ties by content then position."""
    labels = {x: label(x) for x in {x for e in edges for x in e}}  # once a claim, not a link

    def key(e: Edge) -> tuple[float, tuple[Any, Any], Edge]:
        a, b = labels[e[0]], labels[e[1]]
        return (-weights[e], (a, b) if a <= b else (b, a), e)

    order = sorted(edges, key=key)
    taken: set[Node] = set()
    out = []
    for a, b in order:
        if a not in taken and b not in taken:
            taken.update((a, b))
            out.append((a, b))
    return out


def _hungarian(cost: Sequence[Sequence[int]]) -> list[int]:
    """For each row, its column in an assignment of least total cost (rows <= columns): the
    Hungarian method with potentials, O(rows^2 x columns)."""
    n, m = len(cost), len(cost[0])
    inf = 1 << 62  # above any sum of weights
    u = [0] * (n + 1)
    v = [0] * (m + 1)
    p = [0] * (m + 1)  # p[j]: the row assigned to column j (1-based, 0: none)
    way = [0] * (m + 1)
    for i in range(1, n + 1):
        p[0], j0 = i, 0
        minv = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], inf, 0
            row = cost[i0 - 1]
            for j in range(1, m + 1):
                if not used[j]:
                    cur = row[j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(m + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
    assignment = [0] * n
    for j in range(1, m + 1):
        if p[j]:
            assignment[p[j] - 1] = j - 1
    return assignment
