"""Threadline: from collected ads, posts and job offers to explainable leads on
trafficking networks, for analysts who must show their evidence."""

__version__ = "0.1.0"
