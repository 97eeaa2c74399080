from __future__ import annotations

import pytest

from tests.ingest.builders import AD_PAGE
from threadline.ingest.html import decode_html, parse_page


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("<p>a</p><p>b</p>", "a\nb"),
        ("<div>one<br>two</div>", "one\ntwo"),
        ("<span>in</span><b>line</b>", "inline"),
        ("<p>  lots   of\n\t space </p>", "lots of space"),
        ("<script>x()</script><style>p{}</style><template>t</template><p>kept</p>", "kept"),
        ("<ul><li>uno</li><li>dos</li></ul>", "uno\ndos"),
        ("<table><tr><td>a</td><td>b</td></tr></table>", "a\nb"),
        # whitespace across inline nodes, no-break and other Unicode spaces
        ("<div>x<span>\u2028 y</span>\u00a0z</div><br>w", "x y z\nw"),
        ("<p>a <b> b </b>\n c</p>", "a b c"),
        ("<pre>a\n\n b</pre>\u3000c", "a b\nc"),
        # a page holding the private-use character the fast path uses for breaks
        ("<p>a\ue000b</p><div>c\n d</div>", "a\ue000b\nc d"),
        ("\ue000<p>x</p>", "\ue000\nx"),
    ],
)
def test_visible_text(markup: str, text: str) -> None:
    assert parse_page(f"<html><body>{markup}</body></html>").text == text


def test_deeply_nested_page_does_not_recurse() -> None:
    page = parse_page("<div>" * 5000 + "deep" + "</div>" * 5000)
    assert page.text == "deep"


def test_hints_and_images_resolved_against_capture_url() -> None:
    page = parse_page(AD_PAGE, "https://www.citas-madrid.example/anuncio/1")
    assert [h.value for h in page.hints] == ["tel:+34612345678", "mailto:ana@citas-demo.example"]
    assert page.image_sources[0] == "https://www.citas-madrid.example/fotos/ana1.jpg"


@pytest.mark.parametrize(
    "href",
    [
        "https://wa.me/34612345678",
        "http://t.me/someone_demo",
        "t.me/someone_demo",
        "https://api.whatsapp.com/send?phone=34612",
    ],
)
def test_messenger_links_are_hints(href: str) -> None:
    page = parse_page(f'<html><body><a href="{href}">x</a><a href="/other">y</a></body></html>')
    assert [(h.kind, h.value) for h in page.hints] == [("href", href)]


@pytest.mark.parametrize(
    ("data", "content_type", "expected"),
    [
        ("café".encode(), None, "café"),
        ("café".encode("latin-1"), "text/html; charset=ISO-8859-1", "café"),
        (b'<meta charset="windows-1252">caf\xe9', None, '<meta charset="windows-1252">café'),
        (b"caf\xe9", None, "caf\ufffd"),
        ("café".encode(), "text/html; charset=bogus-enc", "café"),
    ],
)
def test_decode_html(data: bytes, content_type: str | None, expected: str) -> None:
    assert decode_html(data, content_type) == expected


@pytest.mark.parametrize(
    ("head", "canonical"),
    [
        ('<link rel="canonical" href="https://a.example/1">', "https://a.example/1"),
        ('<meta property="og:url" content="https://b.example/2">', "https://b.example/2"),
        ("", None),
    ],
)
def test_canonical_url(head: str, canonical: str | None) -> None:
    assert parse_page(f"<html><head>{head}</head><body>x</body></html>").canonical_url == canonical


def test_links_out_to_other_sites_are_hints_but_not_the_sites_own_or_its_furniture() -> None:
    page = parse_page(
        '<html><body><header><a href="https://partner.example/">partner</a></header>'
        '<article><p>Limpieza por horas.</p>'
        '<a href="https://citas-madrid.example/anuncio/7">+ fotos</a>'
        '<a href="https://www.limpiezas-hogar.example/anuncio/2">otro anuncio</a>'
        '<a href="/contacto">contacto</a></article>'
        '<footer><a href="https://social.example/limpiezas">síguenos</a></footer></body></html>',
        "https://limpiezas-hogar.example/anuncio/1")
    assert [(h.kind, h.value) for h in page.hints] == [
        ("href", "https://citas-madrid.example/anuncio/7")]


def test_furniture_links_nested_deep_are_left_out_and_deep_pages_still_parse() -> None:
    """Links anywhere under header/nav/footer are the site's; the check is one selector
    query, so a page nested thousands deep with many links is still read whole."""
    depth = 3000
    deep = "<div>" * depth + "".join(
        f'<a href="https://out{i}.example/">x</a>' for i in range(300)) + "</div>" * depth
    page = parse_page(
        "<html><body><nav><ul><li><span><a href='https://menu.example/'>m</a></span></li></ul>"
        f"</nav><main>{deep}</main><footer><div><p><a href='https://social.example/'>s</a>"
        "</p></div></footer></body></html>", "https://site.example/ad/1")
    values = [h.value for h in page.hints]
    assert len(values) == 300 and values[0] == "https://out0.example/"
    assert "https://menu.example/" not in values and "https://social.example/" not in values
