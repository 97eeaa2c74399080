"""Document kind: "ad", "recruitment" or "other".

Why it matters: the link stage builds persons only from documents of kind "ad";
an escort ad classified "other" silently loses a potential victim. Escort ads
often avoid explicit words and carry no price (Telegram especially), so kind is
decided from POINTS over several weak cues rather than one keyword list:

* explicit service words (``kind.ad_service``) weigh most;
* softer person-offer words (``kind.ad_offer``: receiving, incall/outcall,
  companionship, massage, rates per hour, kisses, availability…);
* the categories of an ad's presentation already found by the risk catalogue
  (trust claims, youth/ethnicity, third-person/managed, movement, control,
  first-person self-description) — an ordinary cleaning or job post has none;
* the profile format: a name with an age, a price, more so a price per hour.

Against them: ordinary services (cleaning, care, repairs), genuine-employer
marks, and the ingest site category as a prior (never a verdict). The site
category is a prior for "ad" too: a page of a known escort directory is an ad
unless its text says otherwise. A cleaning
ad that shows photos of young girls or offers companionship is a cover ad.
Recruitment is decided first: a job offer with recruitment red flags that
outnumber genuine-employer marks. Points and limits live in thresholds.yaml
(``kind:``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from threadline.assess.config import default_config
from threadline.model import Extraction, Signal

#: Risk-catalogue categories that only appear when a document presents a person for hire.
_CONTEXT = frozenset({"validated", "managed", "movement", "control", "counter"})

_MERGED: dict[int, dict[str, Any]] = {}


def _settings(settings: Mapping[str, Any] | None) -> dict[str, Any]:
    """The config's ``kind`` section (thresholds.yaml, where every key is documented),
    with its category lists as sets (memoised per mapping)."""
    key = id(settings)
    merged = _MERGED.get(key)
    if merged is None or merged.get("_src") is not settings:
        merged = {**(settings or default_config().kind), "_src": settings}
        merged["site_categories"] = frozenset(merged["site_categories"])
        merged["ad_site_categories"] = frozenset(merged["ad_site_categories"])
        _MERGED[key] = merged
    return merged


def classify_kind(
    words: Sequence[tuple[str, str]],
    signals: Sequence[Signal],
    recruitment_ids: set[str],
    extraction: Extraction,
    stated_age: bool,
    site_category: str | None,
    settings: Mapping[str, Any] | None = None,
) -> str:
    """"recruitment" | "ad" | "other" for one document (see the module docstring).

    ``words`` are the catalogue hits of text and title as (indicator id, folded
    matched text); ``signals`` the risk signals found so far; ``stated_age`` whether
    the text states an age ("I am 26", "25 años").
    """
    cfg = _settings(settings)
    by: dict[str, set[str]] = {}
    for ind, word in words:
        if ind in by:
            by[ind].add(word)
        else:
            by[ind] = {word}
    ids = by.keys()
    has = {a.name for a in extraction.attributes}
    profile = "name" in has and (stated_age or "age" in has)
    # A vague job word with another red flag reads as a job offer ("hostess, WhatsApp only"),
    # but not in a profile: "I'm Leidymar, 29, indie masseuse, WhatsApp only" offers herself.
    job = "kind.job_offer" in ids or (
        "recruitment.vague_job" in recruitment_ids and len(recruitment_ids) >= 2 and not profile)
    legit = len(by.get("kind.job_legit", ()))
    other_words = len(by.get("kind.other_service", ()))
    prior = bool(site_category) and site_category in cfg["site_categories"]
    strong = min(len(by.get("kind.ad_service", ())), int(cfg["strong_max"]))
    youth = "validated.youth_language" in ids or "minor.coded_words" in ids
    soft = len(by.get("kind.ad_offer", ()))

    # A cleaning/domestic ad that shows photos of (young) girls or companionship: cover ad.
    young = youth or "kind.young_worker" in ids
    if (other_words or prior) and "kind.cover_photos" in ids and (young or soft or strong):
        return "ad"
    rec = len(recruitment_ids)
    # Without a job-offer word, red flags alone make a recruitment post only when the text
    # does not present a person for hire (service words, a name with an age): an escort ad
    # saying "only WhatsApp, limited time, real photos" is an ad, not a job offer.
    if ((job and rec >= 1) or (rec >= 3 and not (strong or profile))) and rec > legit:
        return "recruitment"
    if job and legit >= 1 and strong < 2:
        return "other"
    # A driver, a flat or papers offered "for the ladies, outcalls 24/7", presenting no one
    # (no name, no age, no price): logistics around the trade, the facilitator's post.
    if other_words and not profile and "price" not in has and not young:
        return "other"

    context = {s.category for s in signals if s.category in _CONTEXT
               and s.indicator != "validated.obscured_phone"}
    if "counter.first_person" in ids:
        context.add("counter")
    ad_pts = (
        cfg["strong"] * strong
        + cfg["soft"] * min(soft, int(cfg["soft_max"]))
        + cfg["context"] * min(len(context), int(cfg["context_max"]))
    )
    if profile:
        ad_pts += cfg["name_age"]
    if "price" in has:
        ad_pts += cfg["price"]
        if any(a.detail.get("unit") in ("hour", "half-hour") for a in extraction.attribute("price")):
            ad_pts += cfg["timed_price"]  # a rate for time with a person, not for a thing
    if site_category and site_category in cfg["ad_site_categories"]:
        ad_pts += cfg["ad_site_prior"]
    other_pts = (
        cfg["other"] * min(other_words, int(cfg["other_max"]))
        + cfg["legit"] * legit
        + (cfg["site_prior"] if prior else 0.0)
    )
    if ad_pts >= cfg["ad_min"] and ad_pts > other_pts:
        return "ad"
    return "other"
