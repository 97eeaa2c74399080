"""Assessing one document: which indicators fire, what kind it is, how risky.

Pure: a Document and its Extraction in, an :class:`Assessment` out. The only
I/O is loading the package's data files once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import yaml

from threadline.assess.catalogue import Hit, Indicator, load_catalogue, scan
from threadline.assess.config import RiskConfig, default_config
from threadline.assess.kind import classify_kind
from threadline.assess.negation import disclaimer, negated
from threadline.assess.scoring import minor_score, raw_weight, score, with_changes
from threadline.extract.ages import find_ages
from threadline.folding import fold
from threadline.model import Document, Extraction, Signal

#: Categories scored as trafficking risk (text and derived).
RISK_CATEGORIES = frozenset(
    {"validated", "movement", "managed", "control", "debt", "recruitment", "counter", "structure"}
)

# Third-person singular verbs after a name ("Carla tiene", "Lena ist", "Manon adore"): someone
# writes ABOUT the person. Folded text; first-person forms (soy, tengo, ich bin) are absent.
_VERB_3P = (
    r"es|est[aá]|tiene|hace|ofrece|recibe|atiende|habla|acepta|viene|llega|trabaja|sabe|adora"
    r"|ama|estar[aá]|ser[aá]|te\s+espera|é|tem|faz|oferece|recebe|fala|aceita|vem|chegou"
    r"|espera|is|has|offers|loves|likes|will|speaks|arrived|receives|accepts|enjoys|est|fait"
    r"|a\s+\d\d|propose|offre|aime|re[cç]oit|parle|arrive|vient|t['’]attend|vous\s+attend|ist|hat"
    r"|bietet|macht|liebt|empf[aä]ngt|spricht|kommt|wartet|freut|heeft|biedt|doet|houdt"
    r"|ontvangt|spreekt|komt|wacht"
)
_NAME_VERB = re.compile(r"\b([A-ZÀ-Þ][a-zß-ÿ]{2,})\s*,?\s+(?:" + _VERB_3P + r")\b")
# Three or more capitalised words in a list: "Carla, Lena y Mia", "Ana / Bea / Eva".
_NAME_LIST = re.compile(
    r"\b([A-ZÀ-Þ][a-zß-ÿ]{2,})(?:\s*[,/&+]\s*|\s+(?:y|e|and|et|und|en)\s+)"
    r"([A-ZÀ-Þ][a-zß-ÿ]{2,})(?:\s*[,/&+]\s*|\s+(?:y|e|and|et|und|en)\s+)([A-ZÀ-Þ][a-zß-ÿ]{2,})"
)
#: Capitalised words that are not names (sentence openers, days, titles).
_NOT_NAMES = frozenset(
    ["hola", "ola", "bonjour", "hallo", "hello", "hi", "hey", "hoi", "tarifa", "precio", "preco", "prix", "preis", "prijs", "price", "rate", "contacto", "contact", "kontakt", "fotos", "photos", "foto", "whatsapp", "telegram", "madrid", "lisboa", "paris", "berlin", "amsterdam", "porto", "lyon", "hamburg", "utrecht", "rotterdam", "barcelona", "valencia", "sevilla", "ella", "ela", "she", "elle", "sie", "zij", "this", "esta", "este", "cette", "diese", "deze", "dit", "das", "het", "the", "las", "los", "les", "die", "nuevas", "novas", "new", "nouvelles", "neue", "nieuwe", "meet", "voici", "also", "tambien", "tambem", "ook", "auch", "aussi"]
)


@dataclass(slots=True)
class Assessment:
    """The answer to "does this show signs of exploitation, and why?".

    ``signals`` explain ``risk`` (their contributions add up to it);
    ``minor_cues`` explain ``minor_risk``, a separate child-protection triage
    flag that never feeds the risk score.
    """

    kind: str  # "ad" | "recruitment" | "other"
    risk: float
    flagged: bool
    minor_risk: bool
    signals: list[Signal] = field(default_factory=list)
    minor_cues: list[Signal] = field(default_factory=list)


@cache
def _price_norms() -> dict:
    text = (resources.files("threadline.assess") / "price_norms.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def _signal(ind: Indicator, weight: float, text: str, hits: Sequence[Hit], field_name: str
            ) -> Signal:
    first = hits[0]
    in_text = field_name == "text"
    detail: dict[str, object] = {"weight": weight, "count": len(hits)}
    if len(hits) > 1:
        detail["spans"] = [[h.start, h.end] for h in hits[:10]]
    if not in_text:
        detail["field"] = field_name
    return Signal(
        indicator=ind.id,
        category=ind.category,
        contribution=0.0,
        language=first.language,
        span=text[first.start : first.end],
        start=first.start if in_text else None,
        end=first.end if in_text else None,
        source=ind.source,
        detail=detail,
    )


def _derived(ind: Indicator, weight: float, span: str | None = None, start: int | None = None,
             end: int | None = None, **detail: object) -> Signal:
    return Signal(
        indicator=ind.id,
        category=ind.category,
        contribution=0.0,
        span=span,
        start=start,
        end=end,
        source=ind.source,
        detail={"weight": weight, **detail},
    )


#: Languages that capitalise every noun: there a capitalised word is a name only when the
#: extractor read it as one ("Meine Wohnung ist sauber" is no "Lena ist 25").
_NOUNS_CAPITALISED = frozenset({"de"})


def _third_person(text: str, folded: str, names: set[str], cities: set[str],
                  lang: str | None = None) -> tuple[str, int, int] | None:
    """A grammar cue of a third-person/multi-person ad: (cue, start, end) or None.

    Works on the original text for capitalisation (names) and on the folded
    copy for verbs, so "Chloé adore" and "CHLOE ADORE" are handled alike.
    """
    stop = _NOT_NAMES | cities
    nouns = lang in _NOUNS_CAPITALISED
    for m in _NAME_LIST.finditer(text):
        words = {fold(g) for g in m.groups()}
        if len(words) == 3 and not words & stop and (not nouns or len(words & names) >= 2):
            return "name_list", m.start(), m.end()
    for m in _NAME_VERB.finditer(text):
        word = fold(m.group(1))
        if word in stop:
            continue
        start = m.start()
        before = text[max(0, start - 2):start].strip()
        # A capitalised word opening a sentence (or any German noun) is a name only if the
        # extractor says so.
        if (nouns or not before or before[-1] in ".!?:") and word not in names:
            continue
        return "name_verb", m.start(), m.end()
    return None


#: One stated age: (value, span shown to the analyst, start, end, where). ``where`` is
#: "text" (start/end point into ``doc.text``), "title" or "fields.age" (no offsets).
StatedAge = tuple[int, str, int | None, int | None, str]


def _stated_ages(doc: Document, extraction: Extraction, title: str) -> list[StatedAge]:
    """Every stated age, as the extractor read it (extract/ages.py is the one reader of
    ages, so a format it learns counts here too): the text's and the scraped field's
    ``age`` attributes, and the title. The extractor reads only the text, so the same
    reader is run here on a title the text does not repeat."""
    out: list[StatedAge] = []
    for a in extraction.attribute("age"):
        try:
            value = int(a.value)
        except ValueError:
            continue
        if a.detail.get("cue") == "field":
            out.append((value, str(doc.fields.get("age") or value), None, None, "fields.age"))
        else:
            span = doc.text[a.start:a.end] if a.start is not None else a.value
            out.append((value, span, a.start, a.end, "text"))
    if title:
        names = [a.value for a in extraction.attribute("name")]
        for a in find_ages(title, names=names, heading=True):
            out.append((int(a.value), title[a.start:a.end], None, None, "title"))
    return out


def _amount(value: object) -> float:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0.0


def _price_signal(doc: Document, extraction: Extraction, ind: Indicator, weight: float,
                  config: RiskConfig) -> Signal | None:
    norms = _price_norms()
    countries = [a.value.upper() for a in extraction.attribute("country")]
    country = countries[0] if countries else (doc.country or "").upper()
    # The highest stated price decides: one low figure may be a misparsed age
    # or a short-service rate, and the cue must not fire on a parsing slip.
    prices = sorted(extraction.attribute("price"),
                    key=lambda p: -_amount(p.detail.get("amount", p.value)))
    for price in prices[:1]:
        try:
            amount = float(price.detail.get("amount", price.value))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            continue
        currency = str(price.detail.get("currency") or "").upper()
        unit = str(price.detail.get("unit") or "hour").lower()
        hours = float(norms["units"].get(unit, 1.0))
        norm_entry = norms["countries"].get(country)
        if norm_entry and norm_entry["currency"] == currency:
            norm = float(norm_entry["hour"])
        elif currency in norms["currencies"]:
            norm = float(norms["currencies"][currency])
        else:
            continue
        expected = norm * hours
        if 0 < amount < config.price_ratio * expected:
            span = doc.text[price.start : price.end] if price.start is not None else price.value
            return _derived(ind, weight, span, price.start, price.end, amount=amount,
                            currency=currency, unit=unit, norm=expected, country=country or None)
    return None


def assess_document(
    doc: Document, extraction: Extraction, config: RiskConfig | None = None
) -> Assessment:
    """Score one document's trafficking risk and minor risk, with their reasons."""
    config = config or default_config()
    catalogue = load_catalogue()
    inds = catalogue.indicators
    langs = [a.value for a in extraction.attribute("language")]
    lang = langs[0] if langs else None

    by_indicator: dict[tuple[str, str], list[Hit]] = {}
    words: list[tuple[str, str]] = []  # (indicator, folded wording) for the kind decision
    folded_text = fold(doc.text) if doc.text else ""
    # Pages repeat their title in the text: scanning it again would add nothing.
    title = doc.title if doc.title and doc.title not in doc.text else ""
    folded_title = fold(title) if title else ""
    for field_name, text, folded in (("text", doc.text, folded_text),
                                     ("title", title, folded_title)):
        hits = scan(text, lang, folded) if text else []
        # "sin agencia", "no receptionist": a negated wording is not the indicator
        hits = [h for h in hits if not (inds[h.indicator].negatable
                                        and negated(folded, h.start, lang))]
        last_end: dict[str, int] = {}
        for h in hits:  # sorted by start: overlapping wordings of one indicator count once
            if h.start >= last_end.get(h.indicator, -1):
                words.append((h.indicator, folded[h.start:h.end]))
            last_end[h.indicator] = max(h.end, last_end.get(h.indicator, -1))
            by_indicator.setdefault((h.indicator, field_name), []).append(h)

    for key in [k for k in by_indicator if k[0] == "minor.coded_words"]:
        source = folded_text if key[1] == "text" else folded_title
        kept = [h for h in by_indicator[key] if not disclaimer(source, h.start, h.end)]
        if kept:
            by_indicator[key] = kept
        else:
            del by_indicator[key]

    signals: list[Signal] = []
    minor_cues: list[Signal] = []
    counter: list[Signal] = []
    seen: set[str] = set()
    for (ind_id, field_name), hits in by_indicator.items():
        if ind_id in seen:  # text hits come first; the title only adds what the text lacks
            continue
        seen.add(ind_id)
        ind = inds[ind_id]
        sig = _signal(ind, config.weight(ind_id, ind.weight),
                      doc.text if field_name == "text" else doc.title, hits, field_name)
        if ind.category == "minor":
            minor_cues.append(sig)
        elif ind.category == "counter":
            counter.append(sig)
        elif ind.category in RISK_CATEGORIES:
            signals.append(sig)

    def w(ind_id: str) -> float:
        return config.weight(ind_id, inds[ind_id].weight)

    # Derived: obscured phone (from the extractor's tag, never from words).
    for sel in extraction.selectors:
        if sel.kind == "phone" and "obfuscated" in sel.tags:
            span = doc.text[sel.start : sel.end] if sel.start is not None else sel.raw or None
            signals.append(_derived(inds["validated.obscured_phone"], w("validated.obscured_phone"),
                                    span, sel.start, sel.end, phone=sel.value))
            break
    # Derived: a stated origin the wording patterns missed ("Nigerianerin"), read by the
    # extractor from its nationality words.
    if not any(s.indicator == "validated.ethnicity" for s in signals):
        origin = next(iter(extraction.attribute("nationality")), None)
        if origin is not None:
            signals.append(_derived(inds["validated.ethnicity"], w("validated.ethnicity"),
                                    str(origin.detail.get("word", origin.value)), origin.start,
                                    origin.end, country=origin.value))
    # Derived: several persons (distinct working names) in one ad.
    names: dict[str, object] = {}
    for a in extraction.attribute("name"):
        names.setdefault(a.value.casefold(), a)
    if len(names) >= 2:
        second = list(names.values())[1]
        signals.append(_derived(inds["managed.multiple_persons"], w("managed.multiple_persons"),
                                second.value, second.start, second.end,  # type: ignore[attr-defined]
                                names=[a.value for a in names.values()]))  # type: ignore[attr-defined]
    cities = {a.value.casefold() for a in extraction.attribute("city")}
    stated = _stated_ages(doc, extraction, title)
    ages = [(v, st, en) for v, _, st, en, where in stated if where != "title"]
    if len(names) < 2 and doc.text:
        cue = None
        text_ages = sorted({(v, st) for v, st, _ in ages if st is not None and 18 <= v <= 60})
        if len({v for v, _ in text_ages}) >= 2:
            first = next(a for a in ages if a[1] is not None and a[0] == text_ages[1][0])
            cue = ("several_ages", first[1], first[2])
        else:
            cue = _third_person(doc.text, folded_text, {fold(n) for n in names}, cities, lang)
        if cue is not None:
            kind_, start, end = cue
            signals.append(_derived(inds["managed.third_person_grammar"],
                                    w("managed.third_person_grammar"), doc.text[start:end],
                                    start, end, cue=kind_))
    price = _price_signal(doc, extraction, inds["debt.price_below_norm"],
                          w("debt.price_below_norm"), config)
    if price is not None:
        signals.append(price)

    # First-person self-description counts against risk only for a plausible
    # independent: one phone, at most one name and one city, no third-person cues.
    phones = extraction.values("phone")
    managed = any(s.category == "managed" for s in signals)
    if counter and len(phones) <= 1 and len(names) <= 1 and len(cities) <= 1 and not managed:
        signals.extend(counter)

    # Minor cues: stated ages, youth language, coded words (already in minor_cues).
    youth = next((s for s in signals if s.indicator == "validated.youth_language"), None)
    if youth is not None:
        minor_cues.append(with_changes(youth, indicator="minor.youth_language", category="minor",
                                  source=inds["minor.youth_language"].source,
                                  detail={**youth.detail, "weight": w("minor.youth_language")}))
    recruitment_ids = {s.indicator for s in signals if s.category == "recruitment"}
    recruitment_ids |= {s.indicator for s in signals if s.indicator == "debt.fees"}
    kind = classify_kind(words, signals, recruitment_ids, extraction, bool(ages),
                         doc.fields.get("site_category"), config.kind)

    all_ages = sorted({a[0] for a in stated})
    for value, span, start, end, where in stated:
        ind_id = ("minor.stated_age_under_18" if 10 <= value < 18
                  else "minor.age_18_19" if value in (18, 19) else None)
        if ind_id and all(c.indicator != ind_id for c in minor_cues):
            extra: dict[str, object] = {"ages": all_ages} if len(all_ages) > 1 else {}
            if where != "text":
                extra["field"] = where
                start = end = None
            minor_cues.append(_derived(inds[ind_id], w(ind_id), span, start, end, age=value,
                                       **extra))
    youth_hits = by_indicator.get(("validated.youth_language", "text"), [])
    minor_cues = _attribute_youth(minor_cues, youth_hits, stated)
    if all_ages and all_ages[0] >= 20:
        minor_cues = [with_changes(c, detail={**c.detail, "weight": config.coded_words_adult_weight,
                                              "stated_ages": all_ages})
                      if c.indicator == "minor.coded_words" else c for c in minor_cues]
    return _finish(kind, signals, minor_cues, config)


_YOUTH_CUES = frozenset({"minor.youth_language", "minor.youth_coded", "minor.coded_words"})


def _attribute_youth(cues: list[Signal], youth_hits: Sequence[Hit],
                     stated: Sequence[StatedAge]) -> list[Signal]:
    """Youth wording counts as a minor cue only where it can describe a young person.

    * "18 añitos" (the diminutive of "years") is youth wording like any other: it sells
      the age as childlike.
    * In an ad presenting several persons with different ages, a youth phrase describes
      the person whose age precedes it ("Eva, 25, very young, ... Mia, 19"): when every
      youth phrase sits with a stated age of 20 or more, it does not pair with another
      person's 18-19. The cue stays visible with weight 0 and ``detail.attributed_age``.
      Minor-coded words ("just out of school") are attributed the same way.
    """
    if not any(c.indicator in _YOUTH_CUES for c in cues):
        return cues
    text_ages = sorted((st, v) for v, _, st, _, where in stated if where == "text"
                       and st is not None and 10 <= v <= 60)
    several = len({v for _, v in text_ages}) >= 2
    out: list[Signal] = []
    for c in cues:
        if c.indicator not in _YOUTH_CUES:
            out.append(c)
            continue
        if c.indicator == "minor.youth_language" and youth_hits:
            spans = [(h.start, h.end) for h in youth_hits]
        else:
            raw = c.detail.get("spans") or ([[c.start, c.end]] if c.start is not None else [])
            spans = [(int(a), int(b)) for a, b in raw]  # type: ignore[misc]
        if not spans:
            out.append(c)
            continue
        owners: list[int | None] = []
        for start, _end in spans:
            before = [v for st, v in text_ages if st < start]
            owners.append(before[-1] if several and before else None)
        if all(o is not None and o >= 20 for o in owners):
            c = with_changes(c, detail={**c.detail, "weight": 0.0, "attributed_age": owners[0]})
        out.append(c)
    return out


def _finish(kind: str, signals: list[Signal], minor_cues: list[Signal], config: RiskConfig
            ) -> Assessment:
    risk, scored = score(signals, config)
    minor, cues = minor_score(minor_cues, config)
    return Assessment(kind, risk, risk >= config.threshold, minor, scored, cues)


def apply_structure(
    a: Assessment, structural: Sequence[Signal], config: RiskConfig | None = None
) -> Assessment:
    """Add the link stage's cross-document signals and re-score.

    Structural risk also cancels the first-person counter-signal: an ad that
    says "soy" but shares its phone with other persons is not evidently
    independent. ``structure.age_inconsistent`` is a minor cue, not risk.
    """
    config = config or default_config()
    inds = load_catalogue().indicators
    signals = [s for s in a.signals]
    cues = list(a.minor_cues)
    for s in structural:
        ind = inds.get(s.indicator)
        weight = config.weight(s.indicator, ind.weight) if ind else 0.0
        new = with_changes(s, category="structure", source=s.source or (ind.source if ind else None),
                      detail={**s.detail, "weight": weight})
        if ind is not None and ind.minor:
            ages = [a for a in (s.detail.get("ages") or ()) if isinstance(a, int)]
            if ages and min(ages) < 18:  # another ad of this person states a minor's age
                under = inds["minor.stated_age_under_18"]
                new = with_changes(new, detail={**new.detail, "under_18_elsewhere": min(ages),
                                                "weight": config.weight(under.id, under.weight)})
            cues = [c for c in cues if c.indicator != s.indicator] + [with_changes(new, category="minor")]
        else:
            signals = [x for x in signals if x.indicator != s.indicator] + [new]
    if any(s.category == "structure" and raw_weight(s) > 0 for s in signals):
        signals = [
            with_changes(s, detail={**s.detail, "cancelled": "structure"})
            if s.category == "counter" else s
            for s in signals
        ]
    return _finish(a.kind, signals, cues, config)
