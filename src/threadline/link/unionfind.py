"""Disjoint sets: which things end up together once pairs are joined.

Shared by person and actor resolution (link/entities.py) and the joining of
communities on shared contacts (link/communities.py).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable


class UnionFind:
    def __init__(self) -> None:
        self.parent: dict[object, object] = {}

    def find(self, x: object) -> object:
        parent = self.parent
        parent.setdefault(x, x)
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def union(self, a: object, b: object) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra

    def groups(self, items: Iterable[object]) -> list[list[object]]:
        out: dict[object, list[object]] = defaultdict(list)
        for x in items:
            out[self.find(x)].append(x)
        return list(out.values())
