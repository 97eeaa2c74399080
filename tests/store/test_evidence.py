import hashlib

import pytest

from threadline.store.evidence import EvidenceStore


def test_put_is_content_addressed_and_idempotent(tmp_path):
    ev = EvidenceStore(tmp_path)
    sha = ev.put(b"ad page")
    assert sha == hashlib.sha256(b"ad page").hexdigest()
    assert ev.put(b"ad page") == sha
    assert ev.get(sha) == b"ad page"
    assert ev.path(sha).parent.parent.name == sha[:2]


def test_declared_hash_must_match(tmp_path):
    with pytest.raises(ValueError, match="does not match"):
        EvidenceStore(tmp_path).put(b"x", "0" * 64)


def test_path_refuses_non_digests(tmp_path):
    with pytest.raises(ValueError):
        EvidenceStore(tmp_path).path("../../etc/passwd")


def test_verify_finds_tampered_files(tmp_path):
    ev = EvidenceStore(tmp_path)
    good = ev.put(b"kept")
    bad = ev.put(b"original")
    ev.path(bad).write_bytes(b"altered")
    problems = dict(ev.verify())
    assert bad in problems and good not in problems
