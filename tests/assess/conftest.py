from __future__ import annotations

import pytest

from threadline.assess import Assessment, assess_document
from threadline.extract.ages import find_ages
from threadline.model import Attribute, Document, Extraction, Selector


def make_doc(text: str, title: str = "", country: str | None = None) -> Document:
    return Document(ref="https://ads.example/1", source_kind="jsonl", source="t.jsonl",
                    position="1", text=text, title=title, country=country)


@pytest.fixture
def assess():
    """assess(text, lang=None, phones=1, names=(), ages=(), prices=(), obfuscated=False);
    the text's stated ages are read by the extractor, ``ages`` adds more."""

    def run(text: str, lang: str | None = None, *, phones: int = 1, names: tuple = (),
            obfuscated: bool = False, prices: tuple = (), country: str | None = None,
            ages: tuple = ()) -> Assessment:
        ex = Extraction()
        for i in range(phones):
            tags = ("obfuscated",) if obfuscated and i == 0 else ()
            ex.selectors.append(Selector("phone", f"+3460000000{i}", tags=tags))
        if lang:
            ex.attributes.append(Attribute("language", lang))
        for n in names:
            ex.attributes.append(Attribute("name", n))
        for age in ages:
            ex.attributes.append(Attribute("age", str(age)))
        # Stated ages come from the extractor (the one reader of ages), as in extract().
        ex.attributes += find_ages(text, names=names)
        for amount, currency, unit in prices:
            ex.attributes.append(Attribute("price", str(amount),
                                           detail={"amount": amount, "currency": currency,
                                                   "unit": unit}))
        return assess_document(make_doc(text, country=country), ex)

    return run
