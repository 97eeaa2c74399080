"""Networks: dense groups stay whole, weak coincidences don't merge them."""

from __future__ import annotations

import itertools
import random

import pytest

from threadline.link.communities import communities, merged_weights
from threadline.model import Edge


def clique(nodes: range, kind: str = "phone", weight: float = 1.0) -> list[Edge]:
    return [
        Edge(a, b, kind, f"{kind}-{nodes.start}", weight)
        for a, b in itertools.combinations(nodes, 2)
    ]


def same_pairs(partition: dict[int, int]) -> set[tuple[int, int]]:
    return {
        (a, b)
        for a, b in itertools.combinations(sorted(partition), 2)
        if partition[a] == partition[b]
    }


@pytest.mark.parametrize("bridge_weight", [0.1, 0.5, 1.0])
def test_two_cliques_with_one_weak_link_stay_two(bridge_weight):
    edges = clique(range(0, 6)) + clique(range(6, 12))
    edges.append(Edge(5, 6, "image", "pdq:ab12", bridge_weight))
    result = communities(12, edges)
    assert len(set(result.values())) == 2
    assert {result[i] for i in range(6)} != {result[i] for i in range(6, 12)}


def test_planted_groups_in_one_giant_component():
    """5 real groups joined by random weak links: one component, five networks."""
    rng = random.Random(7)
    sizes = [8, 12, 15, 20, 25]
    truth: dict[int, int] = {}
    edges: list[Edge] = []
    start = 0
    for g, size in enumerate(sizes):
        members = list(range(start, start + size))
        truth.update(dict.fromkeys(members, g))
        for a, b in itertools.combinations(members, 2):
            if rng.random() < 0.5:  # dense, not complete
                edges.append(Edge(a, b, rng.choice(["phone", "template", "image"]), "v", 1.0))
        start += size
    n = start
    for _ in range(25):  # weak bridges, e.g. shared stock photos
        a, b = rng.sample(range(n), 2)
        if truth[a] != truth[b]:
            edges.append(Edge(a, b, "image", "stock", 0.3))
    result = communities(n, edges)
    truth_pairs, found_pairs = same_pairs(truth), same_pairs(result)
    recall = len(truth_pairs & found_pairs) / len(truth_pairs)
    precision = len(truth_pairs & found_pairs) / len(found_pairs)
    assert recall >= 0.9 and precision >= 0.9


def test_parallel_edges_of_different_kinds_add_up():
    edges = [Edge(1, 2, "phone", "+34600000001", 0.6), Edge(2, 1, "template", "T-1", 0.3)]
    assert merged_weights(edges) == {(1, 2): pytest.approx(0.9)}


def test_two_reasons_outweigh_one():
    """A pair held by phone and template resists the pull of a single shared photo."""
    edges = [
        Edge(0, 1, "phone", "+34600000001", 0.5),
        Edge(0, 1, "template", "T-1", 0.5),
        Edge(1, 2, "image", "pdq:1", 0.5),
        Edge(2, 3, "phone", "+34600000002", 0.5),
        Edge(2, 3, "template", "T-2", 0.5),
    ]
    result = communities(4, edges)
    assert result[0] == result[1] and result[2] == result[3] and result[1] != result[2]


def test_singletons_are_absent_and_unknown_ids_ignored():
    edges = clique(range(10, 13)) + [Edge(13, 99, "phone", "x", 1.0), Edge(14, 14, "phone", "y")]
    result = communities([10, 11, 12, 13, 14, 15], edges)
    assert set(result) == {10, 11, 12}


def test_deterministic_and_numbered_by_smallest_member():
    edges = clique(range(20, 25)) + clique(range(0, 5)) + [Edge(4, 20, "image", "i", 0.1)]
    first = communities(25, edges)
    assert first == communities(25, list(reversed(edges)))
    assert first[0] == 0 and first[20] == 1


def test_empty():
    assert communities(0, []) == {}
    assert communities(5, []) == {}


def test_a_contact_used_repeatedly_on_both_sides_joins_two_communities():
    from threadline.link.communities import join_on_shared_contacts

    community = {d: 0 for d in range(6)} | {d: 1 for d in range(6, 12)} | {12: 2, 13: 2}
    # the recruiter's number: in 2 of the ads (community 0) and 3 job posts (community 1)
    joined = join_on_shared_contacts(community, [{1, 2, 6, 7, 8}], min_each=2)
    assert len({joined[d] for d in range(12)}) == 1
    assert joined[12] == joined[13] != joined[0]
    # a number seen once on one side (a typo, a coincidence) joins nothing
    kept = join_on_shared_contacts(community, [{1, 6, 7, 8}], min_each=2)
    assert kept[1] != kept[6]
    assert len(set(kept.values())) == 3


def test_with_min_other_a_contact_repeated_on_one_side_and_printed_once_on_the_other_joins():
    from threadline.link.communities import join_on_shared_contacts

    community = {1: 0, 2: 0, 3: 0, 4: 1, 5: 1, 6: 2}
    # the recruiter's number: on three job posts (community 0) and one ad (community 1)
    joined = join_on_shared_contacts(community, [[1, 2, 3, 4]], min_each=2, min_other=1)
    assert joined[1] == joined[4] != joined[6]
    # seen once on each side: no join
    once = join_on_shared_contacts(community, [[1, 4]], min_each=2, min_other=1)
    assert once[1] != once[4]
    # the old rule (min_other defaults to min_each): the single ad does not join
    strict = join_on_shared_contacts(community, [[1, 2, 3, 4]], min_each=2)
    assert strict[1] != strict[4]
