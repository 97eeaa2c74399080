"""Faces: find the same person across ads and check ad photos against a
watchlist of notices, offline, with measured thresholds and a human in the loop.

Pipeline: :func:`analyse_image` (bytes → :class:`Face` list with boxes,
quality, embeddings, apparent age) → :class:`FaceIndex` (search) and
:func:`cluster_faces` (persons) → thresholds from ``thresholds.yaml`` turn a
distance into "match" / "candidate" / nothing. Every result is a lead for a
reviewer, never an identification. See README.md in this folder.
"""

from threadline.faces.age import AgeEstimator, minor_cue
from threadline.faces.backend import Box, DlibBackend, Face, FaceBackend, OnnxEmbedder
from threadline.faces.cluster import cluster_faces
from threadline.faces.crops import PhotoMatch, photo_match, same_photo
from threadline.faces.detect import analyse_image, decode_rgb
from threadline.faces.index import FaceIndex
from threadline.faces.settings import MatchThresholds, thresholds
from threadline.faces.watchlist import WatchlistEntry, import_watchlist

__all__ = [
    "AgeEstimator", "Box", "DlibBackend", "Face", "FaceBackend", "FaceIndex", "MatchThresholds",
    "OnnxEmbedder", "PhotoMatch", "WatchlistEntry", "analyse_image", "cluster_faces",
    "decode_rgb", "import_watchlist", "minor_cue", "photo_match", "same_photo", "thresholds",
]
