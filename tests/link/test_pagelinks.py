from datetime import date

from threadline.link.entities import DocFacts, resolve_persons
from threadline.link.pagelinks import page_key, page_link_edges
from threadline.link.structure import front_signals, structural_signals
from threadline.model import Edge

PAGE = "https://citas-madrid.example/anuncio/7"


def test_page_key_ignores_spelling_that_does_not_change_the_page():
    assert page_key("HTTPS://www.Citas-Madrid.example/anuncio/7/") == page_key(PAGE)
    assert page_key(PAGE) != page_key("https://citas-madrid.example/anuncio/8")


def test_a_link_to_a_captured_page_is_an_edge_and_a_self_link_is_not():
    urls = {1: "https://limpiezas-hogar.example/anuncio/1", 2: PAGE, 3: None}
    edges = page_link_edges(urls, [(1, "http://www.citas-madrid.example/anuncio/7"), (2, PAGE),
                                   (3, "https://elsewhere.example/x")])
    assert edges == [Edge(1, 2, "page_link", "http://www.citas-madrid.example/anuncio/7", 1.0)]


def test_a_page_that_many_link_to_is_an_index_not_a_front_target():
    urls = {0: PAGE} | {i: f"https://limpiezas-hogar.example/anuncio/{i}" for i in range(1, 5)}
    links = [(i, PAGE) for i in range(1, 5)]
    assert len(page_link_edges(urls, links, max_sources=4)) == 4
    assert page_link_edges(urls, links, max_sources=3) == []


def _doc(i, names=(), ages=(), urls=(), minor=False, contacts=(("phone", "+34611111111"),)):
    return DocFacts(id=i, ref=f"r{i}", names=names, ages=ages, urls=urls, minor_risk=minor,
                    contacts=contacts, day=date(2024, 11, 1), group=True)


def test_an_unnamed_front_shows_the_one_woman_of_the_page_it_links_to():
    front = _doc(1, urls=(PAGE,), contacts=(("phone", "+34622222222"),))
    page = _doc(2, names=("Lucía",), ages=(17,))
    other = _doc(3, names=("Tamara",), ages=(24,))  # same contact: the front can't be told by phone
    edge = Edge(1, 2, "page_link", PAGE)
    persons = resolve_persons([front, page, other], [], {1: 0, 2: 0, 3: 0}, [edge])
    assert [p.documents for p in persons if p.names == ["Lucía"]] == [[1, 2]]
    # and her stated 17 reaches the front, which states no age
    signals = structural_signals([front, page, other], persons, [], [])
    assert "structure.person_stated_minor" in {s.indicator for s in signals.get(1, [])}
    assert "structure.person_stated_minor" not in {s.indicator for s in signals.get(2, [])}


def test_a_front_for_a_flagged_page_carries_the_cue_and_one_for_an_adult_does_not():
    edge = Edge(1, 2, "page_link", PAGE)
    flagged = {1: _doc(1, urls=(PAGE,)), 2: _doc(2, names=("Lucía",), minor=True)}
    assert [s.indicator for s in front_signals([edge], flagged)[1]] == ["structure.links_to_minor_page"]
    assert 2 not in front_signals([edge], flagged)  # the page does not link back
    adult = {1: _doc(1, urls=(PAGE,)), 2: _doc(2, names=("Lucía",))}
    assert front_signals([edge], adult) == {}
    # a page naming three women, one of them flagged: which one the front shows is unknown
    group = {1: _doc(1, urls=(PAGE,)), 2: _doc(2, names=("Lucía", "Tamara", "Lena"), minor=True)}
    assert front_signals([edge], group) == {}


def test_the_front_cue_alone_raises_minor_risk_on_a_harmless_cleaning_ad():
    from tests.assess.conftest import make_doc
    from threadline.assess import apply_structure, assess_document
    from threadline.extract import extract

    doc = make_doc("Chica responsable para limpieza por horas en Madrid. Llamar al 611 222 333.")
    before = assess_document(doc, extract(doc))
    assert not before.minor_risk
    edge = Edge(1, 2, "page_link", PAGE)
    cue = front_signals([edge], {1: _doc(1, urls=(PAGE,)), 2: _doc(2, minor=True)})[1]
    after = apply_structure(before, cue)
    assert after.minor_risk
    assert [c.indicator for c in after.minor_cues][-1] == "structure.links_to_minor_page"
