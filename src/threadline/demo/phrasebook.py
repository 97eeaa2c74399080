"""The four phrasebooks (train, dev, dev2, heldout) the demo corpus is written from.

- ``train``: the phrasings indicator patterns may be written against.
- ``dev``: other wording, names, cities and phone disguises, written the way real
  advertisers and job boards write (slang, abbreviations, missing accents, mixed
  language). Engineers may read dev texts and results freely to find where detection
  fails to generalise, and fix the class of failure, not the phrasing.
- ``dev2``: a second untouched development set, written blind to the detector's
  patterns, for measuring generalisation to unseen wording before spending heldout.
  Error analysis on it burns it like dev: once its texts have been studied, its score
  is no longer an honest estimate of generalisation.
- ``heldout``: wording nobody looks at, measured only at the end.
- ``heldout2``: a second held-out phrasebook (round 7), written by someone who had read
  neither the detector's patterns nor any other phrasebook's wording (only train's keys and
  placeholders), after ``heldout`` had been used for many rounds of aggregate measurement:
  the one set whose figures no decision has been fitted to.

They live in separate data files so nobody tunes indicator patterns on the
heldout phrasings by accident: a score measured on heldout text is then an
honest estimate of how detection does on wording it has never seen. Dev exists so
that error analysis does not need to look at heldout; dev2 so that "did the fix
generalise?" can be asked once more without looking at heldout either."""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

import yaml

from threadline.demo.phones import STYLES

VARIANTS: tuple[str, ...] = ("train", "dev", "dev2", "heldout", "heldout2")


@functools.cache
def load_phrasebook(variant: str) -> dict[str, Any]:
    """The parsed ``demo/data/<variant>.yaml``, checked for the keys generation needs."""
    if variant not in VARIANTS:
        raise ValueError(f"unknown demo variant {variant!r}; expected one of {VARIANTS}")
    text = resources.files("threadline.demo").joinpath(f"data/{variant}.yaml").read_text("utf-8")
    book: dict[str, Any] = yaml.safe_load(text)
    unknown = set(book["obfuscation"]) - STYLES
    if unknown:
        raise ValueError(f"{variant}.yaml names unknown obfuscation styles {sorted(unknown)}")
    return book


def template_sentences(book: dict[str, Any]) -> set[str]:
    """Every sentence-level phrase of a phrasebook (leaves of the text sections), so tests
    can prove dev, dev2 and heldout share no phrasing with train or with each other."""
    sections = ("network", "independent", "recruitment", "facilitator", "facilitator_link",
                "domestic", "domestic_cover", "jobs", "chatter", "classifieds")
    found: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, str):
            found.add(node)
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for section in sections:
        walk(book[section])
    return found
