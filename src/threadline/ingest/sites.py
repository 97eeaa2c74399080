"""Per-site field extraction, configured in ``sites.yaml``.

Known ad sites mark up name, age, price, city and poster id in stable places;
reading them from the markup is more reliable than guessing from free text, and
keeping the selectors in data lets an analyst add a site without code.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from importlib import resources

import yaml
from selectolax.lexbor import LexborHTMLParser

FIELD_NAMES: tuple[str, ...] = ("name", "age", "price", "city", "country", "phone", "poster_id")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class FieldRule:
    css: str
    attr: str | None = None


@dataclass(frozen=True, slots=True)
class SiteConfig:
    host: str
    country: str | None = None
    category: str | None = None
    fields: dict[str, FieldRule] = field(default_factory=dict)


@functools.cache
def load_sites() -> dict[str, SiteConfig]:
    """All configured sites by host, loaded once from the packaged YAML."""
    raw = yaml.safe_load(resources.files(__package__).joinpath("sites.yaml").read_text("utf-8"))
    sites: dict[str, SiteConfig] = {}
    for host, entry in (raw.get("sites") or {}).items():
        rules: dict[str, FieldRule] = {}
        for name, rule in (entry.get("fields") or {}).items():
            if name not in FIELD_NAMES:
                raise ValueError(f"sites.yaml: {host}: unknown field {name!r}")
            if isinstance(rule, str):
                rules[name] = FieldRule(css=rule)
            else:
                rules[name] = FieldRule(css=rule["css"], attr=rule.get("attr"))
        country = entry.get("country")
        sites[host.lower()] = SiteConfig(
            host=host.lower(),
            country=country.upper() if country else None,
            category=entry.get("category"),
            fields=rules,
        )
    return sites


def site_for(host: str | None) -> SiteConfig | None:
    """The config for ``host`` or a parent domain of it (longest match wins)."""
    if not host:
        return None
    host = host.lower().rstrip(".")
    sites = load_sites()
    labels = host.split(".")
    for i in range(len(labels)):
        candidate = ".".join(labels[i:])
        if candidate in sites:
            return sites[candidate]
    return None


def extract_fields(tree: LexborHTMLParser, site: SiteConfig) -> dict[str, str]:
    """Labelled fields the site's selectors find; missing or empty ones are left out."""
    found: dict[str, str] = {}
    for name, rule in site.fields.items():
        node = tree.css_first(rule.css)
        if node is None:
            continue
        raw = node.attributes.get(rule.attr) if rule.attr else node.text(deep=True)
        value = raw or ""
        value = _SPACES.sub(" ", value).strip()
        if value:
            found[name] = value
    return found
