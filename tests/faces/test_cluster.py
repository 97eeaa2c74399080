"""Clustering faces into persons without chaining."""

from __future__ import annotations

import numpy as np

from threadline.faces.cluster import cluster_faces


def test_average_link_refuses_a_chain_that_single_link_accepts():
    chain = np.array([[0.0], [0.5], [1.0], [1.5]])  # neighbours 0.5 apart, ends 1.5 apart
    assert cluster_faces(chain, 0.55, linkage="single") == [0, 0, 0, 0]
    labels = cluster_faces(chain, 0.55)
    assert len(set(labels)) == 2 and labels[0] == labels[1] and labels[2] == labels[3]


def test_tight_groups_merge_and_far_points_stay_apart():
    points = np.array([[0, 0], [0.1, 0], [0, 0.1], [5, 5], [5.1, 5], [9, 0]], dtype=float)
    assert cluster_faces(points, 0.6) == [0, 0, 0, 1, 1, 2]
    assert cluster_faces(np.zeros((0, 2)), 0.6) == []


def test_portraits_cluster_by_person(fixture_faces):
    names = ["obama", "biden", "obama2", "astronaut", "obama3"]
    labels = cluster_faces(np.stack([fixture_faces[n][0].embedding for n in names]), 0.5)
    assert labels == [0, 1, 0, 2, 0]
