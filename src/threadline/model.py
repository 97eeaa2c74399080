"""The values that flow through Threadline's pipeline.

Data moves one way: ``ingest`` turns collected files into :class:`Document`s and
:class:`Blob`s; ``extract`` turns a document into :class:`Selector`s and
:class:`Attribute`s, each tied to the text span it came from; ``assess`` and
``link`` read those. Every stage imports from here, never from a later stage, so
these are plain frozen-ish dataclasses with no behaviour beyond small helpers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

#: Selector kinds that identify who is behind an ad and so can link documents.
LINKING_KINDS: frozenset[str] = frozenset({"phone", "email", "username", "account"})

#: Every selector kind the extractors may emit.
SELECTOR_KINDS: frozenset[str] = frozenset(
    {"phone", "email", "username", "account", "url", "domain"}
)


@dataclass(slots=True)
class Blob:
    """Raw captured bytes, kept as evidence under their SHA-256.

    ``captured_at`` is when the collector saw the bytes (WARC-Date, message
    date); ``source`` and ``position`` say where in the analyst's input they were
    found, so the chain of custody can be shown for any stored byte.
    """

    sha256: str
    data: bytes
    media_type: str
    source: str
    position: str
    captured_at: datetime | None = None
    url: str | None = None


@dataclass(slots=True)
class ImageRef:
    """An image a document shows.

    ``sha256`` is set when the bytes were captured (WARC response, Telegram
    photo, local file); ``url`` alone means only a reference was seen, kept so a
    later capture of the same URL can be matched to it.
    """

    url: str | None = None
    sha256: str | None = None


@dataclass(slots=True)
class Hint:
    """A selector the source itself marked up, e.g. a Telegram ``phone`` entity
    or an HTML ``tel:`` link. Extractors trust hints more than free text."""

    kind: str  # phone, mention, link, text_link, email, hashtag, tel, mailto, href
    value: str
    start: int | None = None
    end: int | None = None


@dataclass(slots=True)
class Document:
    """One ad, post, message or page, as ingested.

    ``ref`` is stable and human-readable (a URL, ``telegram://chat/message`` or
    ``file#id``) so reports, exports and the UI can all point at the same thing
    across re-ingests.
    """

    ref: str
    source_kind: str  # warc | telegram | jsonl | csv | html
    source: str  # the input file or folder it came from
    position: str  # record offset, line number, message id …
    text: str
    title: str = ""
    url: str | None = None
    site: str | None = None
    posted_at: datetime | None = None
    captured_at: datetime | None = None
    city: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2 when known
    account: str | None = None  # platform's own id of the poster, e.g. "telegram:user123"
    fields: dict[str, str] = field(default_factory=dict)  # site-extracted labelled fields
    hints: list[Hint] = field(default_factory=list)
    images: list[ImageRef] = field(default_factory=list)
    raw_sha256: str | None = None  # evidence blob the document was parsed from


@dataclass(slots=True)
class Problem:
    """A record that could not be ingested: reported, never silently dropped."""

    source: str
    position: str
    reason: str


@dataclass(slots=True)
class Skipped:
    """A record deliberately not turned into a document (e.g. a Telegram service
    message), counted by reason in the ingest summary."""

    source: str
    reason: str


#: What an ingest reader yields.
IngestItem = Document | Blob | Problem | Skipped


@dataclass(slots=True)
class Selector:
    """A value that identifies someone or somewhere: phone, email, username,
    account, url or domain. ``value`` is normalised (E.164, lower-case email,
    ``platform:handle``); ``start``/``end`` point into ``Document.text`` (None
    when the selector came from metadata such as the poster account)."""

    kind: str
    value: str
    start: int | None = None
    end: int | None = None
    raw: str = ""
    platform: str | None = None
    tags: tuple[str, ...] = ()  # e.g. ("obfuscated", "spelled") for phones


@dataclass(slots=True)
class Attribute:
    """A described property of the ad: stated age, price, city, country,
    language, working name. ``value`` is a string; ``detail`` carries typed
    parts (amount and currency for a price)."""

    name: str
    value: str
    start: int | None = None
    end: int | None = None
    detail: dict[str, object] = field(default_factory=dict)


@dataclass(slots=True)
class Extraction:
    """Everything the extractors found in one document."""

    selectors: list[Selector] = field(default_factory=list)
    attributes: list[Attribute] = field(default_factory=list)

    def values(self, kind: str) -> list[str]:
        """Distinct selector values of one kind, in first-seen order."""
        seen: dict[str, None] = {}
        for s in self.selectors:
            if s.kind == kind:
                seen.setdefault(s.value, None)
        return list(seen)

    def attribute(self, name: str) -> list[Attribute]:
        return [a for a in self.attributes if a.name == name]


@dataclass(slots=True)
class Edge:
    """An explainable link between two documents (by their integer ids).

    ``kind`` is what they share (phone, email, username, account, template,
    image, face); ``value`` is the shared thing itself (the E.164 number, the
    template id, the image hash) so a network can say which edges hold it
    together; ``weight`` in 0..1 is how much the link is to be believed.
    """

    a: int
    b: int
    kind: str
    value: str
    weight: float = 1.0


@dataclass(slots=True)
class Signal:
    """One reason a document (or network) scored as it did: an indicator that
    fired on a text span, or a structural fact computed across documents.

    ``contribution`` is the amount added to the score after caps, so the sum of
    a document's signals explains its risk."""

    indicator: str
    category: str
    contribution: float
    language: str | None = None
    span: str | None = None
    start: int | None = None
    end: int | None = None
    source: str | None = None  # citation for the indicator's weight
    detail: dict[str, object] = field(default_factory=dict)
