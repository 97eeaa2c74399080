"""E-mails, URLs/domains and handles/accounts."""

from __future__ import annotations

import pytest

from threadline.extract.emails import find_emails
from threadline.extract.handles import find_accounts, find_handles
from threadline.extract.urls import find_urls
from threadline.model import Document

EMAILS = [
    ("write anna.vip@Mail.example.", ["anna.vip@mail.example"], False),
    ("escribe a carla arroba gmail punto com", ["carla@gmail.com"], True),
    ("name (at) mail [dot] com", ["name@mail.com"], True),
    ("nina @ gmail . com ok", ["nina@gmail.com"], True),
    ("meet me at home dot", [], False),
    ("I am at the hotel. Come", [], False),
]


@pytest.mark.parametrize(("text", "expected", "obfuscated"), EMAILS)
def test_emails(text, expected, obfuscated):
    found = find_emails(text)
    assert [s.value for s in found] == expected
    assert all(("obfuscated" in s.tags) == obfuscated for s in found)


URLS = [
    ("https://WWW.Site.example/a?b=1#x", "https://www.site.example/a?b=1", "site.example"),
    ("see escorts.example/profile/12.", "http://escorts.example/profile/12", "escorts.example"),
    ("(www.x.co.uk)", "http://www.x.co.uk", "x.co.uk"),
]


@pytest.mark.parametrize(("text", "url", "domain"), URLS)
def test_urls_and_domains(text, url, domain):
    found = find_urls(text)
    assert [(s.kind, s.value) for s in found] == [("url", url), ("domain", domain)]


@pytest.mark.parametrize("text", ["anna@site.example", "foto.jpg", "1.65m y 55.5kg"])
def test_not_urls(text):
    assert find_urls(text) == []


HANDLES = [
    ("Telegram: @Anna_VIP", "warc", ["telegram:anna_vip"]),
    ("t.me/carla_x and telegram.me/lola_y", "warc", ["telegram:carla_x", "telegram:lola_y"]),
    ("IG: luna.bcn", "html", ["instagram:luna.bcn"]),
    ("instagram.com/real.acc/ instagram.com/p/abc", "html", ["instagram:real.acc"]),
    ("OF: lunita", "html", ["onlyfans:lunita"]),
    ("onlyfans.com/lunita", "html", ["onlyfans:lunita"]),
    ("👻 luna22 and snapchat.com/add/luna33", "html", ["snapchat:luna22", "snapchat:luna33"]),
    ("x.com/jj_x twitter.com/kk_y", "html", ["twitter:jj_x", "twitter:kk_y"]),
    ("tiktok.com/@tt_1", "html", ["tiktok:tt_1"]),
    ("chat.whatsapp.com/AbCdEfGhIjKl12", "html", ["whatsapp-group:abcdefghijkl12"]),
    ("write @bellaaa", "telegram", ["telegram:bellaaa"]),
    ("write @bellaaa", "html", ["unknown:bellaaa"]),
    ("mail anna@site.example", "telegram", []),
    ("photos of Anna, snap: no", "html", []),
]


@pytest.mark.parametrize(("text", "kind", "expected"), HANDLES)
def test_handles(text, kind, expected):
    found = find_handles(text, kind)
    assert [s.value for s in found] == expected
    assert all(s.kind == "username" and s.platform == s.value.split(":")[0] for s in found)


def test_accounts_from_metadata():
    doc = Document(
        "r",
        "html",
        "s",
        "1",
        "text",
        site="ads.example",
        account="telegram:user123456",
        fields={"poster_id": "4411"},
    )
    found = find_accounts(doc)
    assert [(s.kind, s.value, s.start) for s in found] == [
        ("account", "telegram:user123456", None),
        ("account", "ads.example:4411", None),
    ]
