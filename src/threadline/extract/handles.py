"""Usernames on the platforms ads move victims' clients to, and poster accounts.

A handle ("telegram:anna_vip") links ads as strongly as a phone does. Platform
context comes from a profile URL or a label ("IG:", "snap:", 👻); a bare
"@name" is only called Telegram inside a Telegram export, never guessed
elsewhere. Accounts are the platform's own poster ids from metadata, kept apart
because they are assigned, not chosen.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from threadline.extract.scan import caseless_ok
from threadline.model import Document, Hint, Selector

_H = r"(?P<h>[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,38}[A-Za-z0-9_])?)"
#: (platform, cheap substring that must be present, regex)
_URL_PATTERNS: list[tuple[str, str]] = [
    ("whatsapp-group", r"chat\.whatsapp\.com/(?:invite/)?(?P<h>[A-Za-z0-9]{10,40})"),
    ("telegram-group", r"(?:t|telegram)\.me/(?:joinchat/|\+)(?P<h>[A-Za-z0-9_-]{10,40})"),
    ("telegram", rf"(?:t|telegram)\.(?:me|dog)/(?:s/)?{_H}"),
    ("instagram", rf"(?:instagram\.com|instagr\.am)/{_H}"),
    ("onlyfans", rf"onlyfans\.com/{_H}"),
    ("snapchat", rf"snapchat\.com/add/{_H}"),
    ("twitter", rf"(?:twitter\.com|(?<![\w.])x\.com)/{_H}"),
    ("tiktok", rf"tiktok\.com/@{_H}"),
]
_LABELS: list[tuple[str, str]] = [
    ("telegram", r"telegram|tg|tlg|telegrama"),
    ("instagram", r"instagram|insta|ig"),
    ("onlyfans", r"onlyfans|only fans|of"),
    ("snapchat", r"snapchat|snap|sc"),
    ("twitter", r"twitter|tw"),
    ("tiktok", r"tiktok|tik tok"),
]
_GATES = {
    "whatsapp-group": "whatsapp",
    "telegram-group": ".me/",
    "telegram": ".",
    "instagram": "instagr",
    "onlyfans": "onlyfans",
    "snapchat": "snapchat",
    "twitter": ".com/",
    "tiktok": "tiktok",
}
_URL_RES = [
    (p, re.compile(rf"(?:https?://)?(?:www\.)?{rx}", re.IGNORECASE)) for p, rx in _URL_PATTERNS
]
_LABEL_RES: list[tuple[str, frozenset[str] | None, re.Pattern[str]]] = [
    # A label needs a separator or an "@": "photos of Anna" is not OnlyFans. So it
    # is a whole word, and its regex is skipped when no first word of it is written.
    (
        p,
        frozenset(alt.split(" ")[0] for alt in rx.split("|")),
        re.compile(rf"(?<![\w])(?:{rx})(?:\s*[:=\-–>]\s*@?|\s+@){_H}", re.IGNORECASE),
    )
    for p, rx in _LABELS
] + [("snapchat", None, re.compile(rf"👻\s*[:=\-–>]?\s*@?{_H}"))]
_WORD = re.compile(r"\w+")
_BARE = re.compile(rf"(?<![\w.@/]){'@'}(?P<h>[A-Za-z][A-Za-z0-9_]{{3,31}})(?![\w@]|\.[a-z])")
#: Path segments that are site pages, not profiles.
_RESERVED = frozenset(
    {
        "p",
        "explore",
        "reel",
        "reels",
        "stories",
        "home",
        "intent",
        "share",
        "search",
        "hashtag",
        "i",
        "settings",
        "login",
        "signup",
        "about",
        "privacy",
        "terms",
        "add",
        "s",
        "joinchat",
    }
)
#: Words a label may be followed by that are not handles ("snap: no", "of the").
_NOT_HANDLES = frozenset(
    {
        "the",
        "a",
        "an",
        "my",
        "me",
        "and",
        "or",
        "y",
        "o",
        "e",
        "no",
        "si",
        "yes",
        "por",
        "para",
        "de",
        "la",
        "el",
        "en",
        "with",
        "to",
        "at",
        "in",
        "on",
        "for",
        "et",
        "und",
        "het",
        "een",
        "course",
        "only",
        "un",
        "una",
    }
)


def _selector(platform: str, handle: str, start: int | None, end: int | None, raw: str) -> Selector:
    return Selector("username", f"{platform}:{handle.lower()}", start, end, raw, platform=platform)


def find_handles(text: str, source_kind: str = "", hints: Sequence[Hint] = ()) -> list[Selector]:
    """``username`` selectors (value "platform:handle", lower-cased) with spans."""
    out: list[Selector] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return not any(x < b and a < y for x, y in taken)

    low = text.lower()
    for platform, rx in _URL_RES:
        if _GATES[platform] not in low:  # skip the regex when its site is not named at all
            continue
        for m in rx.finditer(text):
            if m.group("h").lower() in _RESERVED or not free(*m.span()):
                continue
            out.append(_selector(platform, m.group("h"), m.start(), m.end(), m.group()))
            taken.append(m.span())
    words: set[str] | None = None
    if caseless_ok(text, low):
        words = set(_WORD.findall(low))  # caseless_ok: the words of low are the lowered words
    for platform, heads, rx in _LABEL_RES:
        if heads is None and "👻" not in text:
            continue
        if heads is not None and words is not None and words.isdisjoint(heads):
            continue
        for m in rx.finditer(text):
            h = m.group("h")
            if h.lower() in _NOT_HANDLES or h.isdigit() or not free(*m.span()):
                continue
            if text[m.end() : m.end() + 1] == "@":  # "of anna@mail.example" is an e-mail
                continue
            out.append(_selector(platform, h, m.start(), m.end(), m.group()))
            taken.append(m.span())
    bare_platform = "telegram" if source_kind == "telegram" else "unknown"
    for m in _BARE.finditer(text) if "@" in text else ():
        if free(*m.span()):
            out.append(_selector(bare_platform, m.group("h"), m.start(), m.end(), m.group()))
            taken.append(m.span())
    for h in hints:
        if h.kind == "mention" and h.value.lstrip("@"):
            sel = _selector("telegram", h.value.lstrip("@"), h.start, h.end, h.value)
            out = [s for s in out if not (s.start == h.start and s.end == h.end)] + [sel]
        elif h.kind in ("link", "text_link", "href"):
            for s in find_handles(h.value, source_kind):
                if not any(o.value == s.value for o in out):
                    out.append(Selector(s.kind, s.value, h.start, h.end, h.value, s.platform))
    out.sort(key=lambda s: (s.start is None, s.start or 0))
    return out


def find_accounts(doc: Document) -> list[Selector]:
    """The poster's platform id from metadata (no span: it is not in the text)."""
    out: list[Selector] = []
    if doc.account:
        platform = doc.account.split(":", 1)[0] if ":" in doc.account else doc.site
        out.append(Selector("account", doc.account, raw=doc.account, platform=platform))
    poster = doc.fields.get("poster_id")
    if poster:
        value = f"{doc.site}:{poster}"
        if not any(s.value == value for s in out):
            out.append(Selector("account", value, raw=poster, platform=doc.site))
    return out
