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

import ahocorasick
import yaml

from threadline.assess.catalogue import Hit, Indicator, load_catalogue, scan
from threadline.assess.config import RiskConfig, default_config
from threadline.assess.folding import fold
from threadline.assess.kind import classify_kind
from threadline.assess.negation import negated
from threadline.assess.scoring import minor_score, raw_weight, score, with_changes
from threadline.model import Document, Extraction, Signal

#: Categories scored as trafficking risk (text and derived).
RISK_CATEGORIES = frozenset(
    {"validated", "movement", "managed", "control", "debt", "recruitment", "counter", "structure"}
)

# "16 años", "17 anos", "16 ans", "16 Jahre", "16 jaar", "16 years old", "16yo"
_AGE_AFTER = re.compile(
    r"(?=\d)\b(\d{1,2})\s*(?:anos|ano|anitos|aninhos|ans|jahren?|-?\s*jahrige[nrs]?|-?\s*jarige"
    r"|jaar|jaartjes|lenze|years?(?:\s+old)?"
    r"|yrs?|yo|y/o|y\.o\b|j\b)(?![a-z])"
)
# "tengo 17", "tenho 17", "i'm 16", "j'ai 16", "ich bin 16", "ik ben 16", "edad: 17"
_AGE_BEFORE = re.compile(  # the lookahead lets the engine skip most positions cheaply
    r"(?=[tiajeszl])\b(?:tengo|tenho|tiene|tem|i'm|i am|im|aged?|j'ai|elle a|ich bin|sie ist"
    r"|she is|she's|shes|er ist"
    r"|ik ben|ze is|zij is|edad|idade|alter|leeftijd)"
    r"\s*:?\s*(\d{1,2})\b(?!\s*(?:%|€|\$|/|[.,]\d|h\b|cm|kg|min|euros?|eur|horas?|hours?|uur|stunden?))"
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


# Ages 13-19 written as words (folded), as advertisers of minors often do to evade filters.
_AGE_WORDS: dict[str, int] = {
    **dict.fromkeys(("trece", "treze", "thirteen", "treize", "dreizehn", "dertien"), 13),
    **dict.fromkeys(("catorce", "catorze", "quatorze", "fourteen", "quatorze", "vierzehn",
                     "veertien"), 14),
    **dict.fromkeys(("quince", "quinze", "fifteen", "funfzehn", "vijftien"), 15),
    **dict.fromkeys(("dieciseis", "dezesseis", "dezasseis", "sixteen", "seize", "sechzehn",
                     "zestien"), 16),
    **dict.fromkeys(("diecisiete", "dezessete", "dezassete", "seventeen", "dix-sept",
                     "siebzehn", "zeventien"), 17),
    **dict.fromkeys(("dieciocho", "dezoito", "eighteen", "dix-huit", "achtzehn", "achttien"), 18),
    **dict.fromkeys(("diecinueve", "dezenove", "dezanove", "nineteen", "dix-neuf", "neunzehn",
                     "negentien"), 19),
}
_AGE_WORD = re.compile(
    r"\b(" + "|".join(sorted(_AGE_WORDS, key=len, reverse=True)) + r")\s*(?:anos|ano|anitos"
    r"|aninhos|ans|jahre|jahren|jaar|years?|yrs?|yo)\b"
    r"|\b(?:tengo|tenho|tiene|tem|i'm|i am|im|j'ai|elle a|ich bin|sie ist|ik ben|ze is|zij is"
    r"|she is|she's|ella tiene|ela tem)\s+(" + "|".join(sorted(_AGE_WORDS, key=len, reverse=True))
    + r")\b"
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


def _third_person(text: str, folded: str, names: set[str], cities: set[str]
                  ) -> tuple[str, int, int] | None:
    """A grammar cue of a third-person/multi-person ad: (cue, start, end) or None.

    Works on the original text for capitalisation (names) and on the folded
    copy for verbs, so "Chloé adore" and "CHLOE ADORE" are handled alike.
    """
    stop = _NOT_NAMES | cities
    for m in _NAME_LIST.finditer(text):
        words = {fold(g) for g in m.groups()}
        if len(words) == 3 and not words & stop:
            return "name_list", m.start(), m.end()
    for m in _NAME_VERB.finditer(text):
        word = fold(m.group(1))
        if word in stop:
            continue
        start = m.start()
        before = text[max(0, start - 2):start].strip()
        # A capitalised word opening a sentence is a name only if the extractor says so.
        if (not before or before[-1] in ".!?:") and word not in names:
            continue
        return "name_verb", m.start(), m.end()
    return None


def _ages(doc: Document, extraction: Extraction, folded: str | None = None
          ) -> list[tuple[int, int | None, int | None]]:
    """Stated ages (value, start, end) from the extractor and from the text."""
    ages: list[tuple[int, int | None, int | None]] = []
    for a in extraction.attribute("age"):
        digits = re.match(r"\s*(\d{1,2})\b", a.value)
        if digits:
            ages.append((int(digits.group(1)), a.start, a.end))
    if folded is None:
        folded = fold(doc.text)
    for regex in (_AGE_AFTER, _AGE_BEFORE):
        for m in regex.finditer(folded):
            value = int(m.group(1))
            if value < 18 and _not_an_age(folded, m.start(), m.end()):
                continue
            ages.append((value, m.start(), m.end()))
    if _has_age_word(folded):
        for m in _AGE_WORD.finditer(folded):
            ages.append((_AGE_WORDS[m.group(1) or m.group(2)], m.start(), m.end()))
    return ages


# "desde hace 15 años", "depuis 16 ans", "seit 15 Jahren", "15 years of experience": a
# duration, not an age. Checked only for numbers under 18 (the minor cue).
_DURATION_BEFORE = re.compile(
    r"\b(?:desde(?:\s+hace)?|hace|ha|depuis|il\s+y\s+a|seit|since|for|al|sinds|durante|pendant"
    r"|mas\s+de|mais\s+de|plus\s+de|more\s+than|over|meer\s+dan|uber|ruim|bijna)\s*$")
_DURATION_AFTER = re.compile(
    r"\s*(?:de\s+experiencia|d'experience|of\s+experience|experience|(?:an\s+)?erfahrung"
    r"|ervaring|en\s+el\s+oficio|no\s+ramo|dans\s+le\s+metier|in\s+the\s+business|im\s+beruf"
    r"|in\s+het\s+vak|de\s+carrera|de\s+profissao)")
# "im 16. Bezirk", "im 15. Stock": German "im" (in the) before an ordinal.
_ORDINAL_AFTER = re.compile(r"\.\s*(?:stock|etage|og|bezirk|obergeschoss|geschoss|stockwerk)")


def _not_an_age(folded: str, start: int, end: int) -> bool:
    """A number written like an age that is a duration or a floor/district instead."""
    if _DURATION_BEFORE.search(folded, max(0, start - 16), start):
        return True
    if _DURATION_AFTER.match(folded, end):
        return True
    return folded.startswith("im", start) and _ORDINAL_AFTER.match(folded, end) is not None


# "No menores de 18", "interdit aux mineurs", "keine Minderjährigen", "strictly no under 18s":
# a site's or advertiser's disclaimer, the opposite of advertising a minor.
_PROHIBITION_BEFORE = re.compile(
    r"\b(?:no|nao|sin|nunca|ni|prohibid[oa]s?|proibid[oa]s?|interdite?s?|pas\s+de|aucune?s?"
    r"|jamais|keine?[nr]?|nicht|verboten|nie|geen|niet|verboden|nooit|not|never|strictly"
    r"|forbidden|without|sem|sans|ohne|zonder|aux|para|pour|fur|voor|for)\b[^.!?\n]{0,20}$")
_PROHIBITION_AFTER = re.compile(
    r"[^.!?\n]{0,20}\b(?:prohibid|proibid|interdit|verboten|not\s+allowed|forbidden|verboden"
    r"|niet\s+toegestaan|no\s+permitid|nao\s+permitid|untersagt|nicht\s+erlaubt)")


def _disclaimer(folded: str, start: int, end: int) -> bool:
    """A minor-coded phrase inside a prohibition ("no menores", "interdit aux mineurs")."""
    return bool(_PROHIBITION_BEFORE.search(folded, max(0, start - 30), start)
                or _PROHIBITION_AFTER.match(folded, end))


@cache
def _age_word_automaton() -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for word in _AGE_WORDS:
        automaton.add_word(word, word)
    automaton.make_automaton()
    return automaton


def _has_age_word(folded: str) -> bool:
    """Cheap pre-check (one Aho-Corasick pass) before the large age-word regex."""
    for _ in _age_word_automaton().iter(folded):
        return True
    return False


# A bare number right after a name: "Lucía 16, Madrid", "Mia, 17,". Only 13-19 matter here
# (minor cues); money, times and sizes are excluded. Found from the number backwards.
_TEEN = re.compile(r"(1[3-9])(?!\d|\s*(?:€|\$|£|%|[.,:]\d|h\b|eur|uhr|cm|kg))")
_NAME_BEFORE = re.compile(r"\b([A-ZÀ-Þ][a-zß-ÿ]{2,})(\s*,)?\s*$")
_AFTER_COMMA_AGE = re.compile(r"\s*(?:,|\.|!|$)", re.M)
_NOT_NAME_BEFORE_NUMBER = frozenset({"top", "nr", "no", "num", "numero", "nummer", "calle", "rua",
                                     "rue", "strasse", "straat", "street", "avenida", "hasta",
                                     "desde", "from", "until", "bis", "tot", "jusqu", "ate"})


def _minor_ages(doc: Document, extraction: Extraction, title: str, folded_title: str
                ) -> list[tuple[int, str, int | None, int | None, str]]:
    """Ages the text regexes miss, for minor cues only: in the title, in the site's
    ``age`` field, and bare numbers after a working name ("Lucía 16").
    (value, span, start, end, where)."""
    found: list[tuple[int, str, int | None, int | None, str]] = []
    raw = (doc.fields or {}).get("age")
    if raw:
        digits = re.search(r"\d{1,2}", str(raw))
        if digits:
            found.append((int(digits.group()), str(raw), None, None, "fields.age"))
    # Only ages under 20 matter here: skip the title unless it holds a 13-19 number or word.
    if title and (_TEEN.search(title) or _has_age_word(folded_title)):
        for regex in (_AGE_AFTER, _AGE_BEFORE):
            for m in regex.finditer(folded_title):
                found.append((int(m.group(1)), title[m.start():m.end()], None, None, "title"))
        for m in _AGE_WORD.finditer(folded_title):
            found.append((_AGE_WORDS[m.group(1) or m.group(2)], title[m.start():m.end()],
                          None, None, "title"))
    names = {fold(a.value) for a in extraction.attribute("name")}
    for where, text in (("text", doc.text), ("title", title)):
        for m in _TEEN.finditer(text) if text else ():
            if m.start() and text[m.start() - 1] in "0123456789.,":
                continue
            before = _NAME_BEFORE.search(text, max(0, m.start() - 30), m.start())
            if before is None:
                continue
            word = fold(before.group(1))
            if word in _NOT_NAME_BEFORE_NUMBER:
                continue
            # An extracted name, a title, or "Name, 16," set off by commas.
            if (where == "title" or word in names
                    or (before.group(2) and _AFTER_COMMA_AGE.match(text, m.end()))):
                found.append((int(m.group(1)), text[before.start():m.end()], before.start(),
                              m.end(), where))
    return found


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
        kept = [h for h in by_indicator[key] if not _disclaimer(source, h.start, h.end)]
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
    ages = _ages(doc, extraction, folded_text)
    if len(names) < 2 and doc.text:
        cue = None
        text_ages = sorted({(v, st) for v, st, _ in ages if st is not None and 18 <= v <= 60})
        if len({v for v, _ in text_ages}) >= 2:
            first = next(a for a in ages if a[1] is not None and a[0] == text_ages[1][0])
            cue = ("several_ages", first[1], first[2])
        else:
            cue = _third_person(doc.text, folded_text, set(names), cities)
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
    kind, _cover = classify_kind(words, signals, recruitment_ids, extraction, doc.text,
                                 bool(ages), doc.fields.get("site_category"), config.kind)

    stated = [(v, doc.text[st:en] if st is not None else str(v), st, en, "text")
              for v, st, en in ages]
    stated += _minor_ages(doc, extraction, title, folded_title)
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
    minor_cues = _attribute_youth(minor_cues, youth_hits, stated, folded_text)
    return _finish(kind, signals, minor_cues, config)


#: Youth cues whose wording an age statement itself carries ("18 añitos", "19 aninhos"):
#: the flirtatious diminutive of "years" adds nothing to the age it follows.
_DIMINUTIVE_UNIT = re.compile(r"\d\s*(?:anitos|aninhos)$")
_YOUTH_CUES = frozenset({"minor.youth_language", "minor.youth_coded"})


def _attribute_youth(cues: list[Signal], youth_hits: Sequence[Hit],
                     stated: Sequence[tuple[int, str, int | None, int | None, str]],
                     folded: str) -> list[Signal]:
    """Youth wording counts as a minor cue only where it can describe a young person.

    * "18 añitos" is how the age is written, not a separate youth cue.
    * In an ad presenting several persons with different ages, a youth phrase describes
      the person whose age precedes it ("Eva, 25, very young, ... Mia, 19"): when every
      youth phrase sits with a stated age of 20 or more, it does not pair with another
      person's 18-19. The cue stays visible with weight 0 and ``detail.attributed_age``.
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
        for start, end in spans:
            if _DIMINUTIVE_UNIT.search(folded, max(0, start - 4), end):
                owners.append(99)  # the age's own wording: never pairs
                continue
            before = [v for st, v in text_ages if st < start]
            owners.append(before[-1] if several and before else None)
        if all(o is not None and o >= 20 for o in owners):
            owner = next((o for o in owners if o != 99), None)
            extra = {"attributed_age": owner} if owner is not None else {"age_wording": True}
            c = with_changes(c, detail={**c.detail, "weight": 0.0, **extra})
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
