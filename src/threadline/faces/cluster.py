"""Group faces into persons across ads.

Plain threshold + connected components chains: A~B and B~C put A and C
together even when A and C are far apart, and with hundreds of ads one blurry
face can join two people. We therefore merge groups average-link: two groups
join only when the MEAN distance between their members is under the threshold
(and at least one pair is). That is stricter, still explainable ("on average
0.41 apart"), and cheap at ad-batch sizes (O(n²) distances; for very large sets
run it per connected component of the candidate graph).
"""

from __future__ import annotations

import numpy as np


def pairwise_distances(vectors: np.ndarray) -> np.ndarray:
    """Euclidean distance matrix (n × n)."""
    x = np.asarray(vectors, dtype=np.float64)
    sq = (x * x).sum(1)
    d2 = np.maximum(sq[:, None] + sq[None, :] - 2 * x @ x.T, 0.0)
    np.fill_diagonal(d2, 0.0)
    return np.sqrt(d2)


def cluster_faces(vectors: np.ndarray, threshold: float, linkage: str = "average") -> list[int]:
    """Cluster id per face (0..k-1, by first appearance).

    ``linkage`` "average" (default, resists chaining) or "single" (connected
    components of the threshold graph, shown for comparison).
    """
    n = len(vectors)
    if n == 0:
        return []
    dist = pairwise_distances(vectors)
    if linkage == "single":
        return _components(dist <= threshold)
    if linkage != "average":
        raise ValueError(f"unknown linkage {linkage!r}")
    # Lance–Williams bookkeeping: sums of distances and minimum distances between
    # groups, updated in O(n) per merge, so the whole run is O(n²) memory, O(n³) worst time.
    sums = dist.copy()
    mins = dist.copy()
    sizes = np.ones(n)
    alive = np.ones(n, dtype=bool)
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    while True:
        means = sums / np.outer(sizes, sizes)
        ok = (mins <= threshold) & (means <= threshold) & np.outer(alive, alive)
        np.fill_diagonal(ok, False)
        if not ok.any():
            break
        a, b = np.unravel_index(np.argmin(np.where(ok, means, np.inf)), means.shape)
        a, b = int(min(a, b)), int(max(a, b))
        sums[a, :] += sums[b, :]
        sums[:, a] = sums[a, :]
        mins[a, :] = np.minimum(mins[a, :], mins[b, :])
        mins[:, a] = mins[a, :]
        sizes[a] += sizes[b]
        alive[b] = False
        members[a] += members.pop(b)
    labels = [0] * n
    for gid, group in enumerate(sorted(members.values(), key=min)):
        for m in group:
            labels[m] = gid
    return labels


def _components(adjacent: np.ndarray) -> list[int]:
    n = len(adjacent)
    labels = [-1] * n
    current = 0
    for start in range(n):
        if labels[start] != -1:
            continue
        stack = [start]
        labels[start] = current
        while stack:
            i = stack.pop()
            for j in np.flatnonzero(adjacent[i]):
                if labels[j] == -1:
                    labels[j] = current
                    stack.append(int(j))
        current += 1
    return labels
