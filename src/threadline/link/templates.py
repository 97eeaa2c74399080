"""Template links: ads written from one text template with the slots swapped.

Controllers post the same ad for each woman they run, changing only the name, age,
city, price, phone and emoji. Analysts spot this by eye; here it becomes an
explainable :class:`~threadline.model.Edge` of kind ``template``:

1. :func:`normalise_for_template` masks the slots (so two fills of one template
   read the same) and folds case and accents, keeping every script (ES, PT, FR,
   DE, NL, but also Cyrillic or Thai ads are shingled, never dropped as non-ASCII).
2. Ads identical after masking (pure re-posts) are hashed once and linked to
   their first copy. Word 4-shingles are hashed (CRC-32 mixes, stable across
   runs); shingles found in a large share of the texts are genre boilerplate
   ("besos", "100% real", "llámame por WhatsApp") and are ignored — the lesson of
   InfoShield, whose template step was swamped by such phrases — unless the whole
   ad is that common (a prolific template must not vanish as boilerplate). Texts
   left with too few shingles never link: a two-line ad is all stock phrases.
3. MinHash signatures use datasketch's own permutations and ``affine32`` scheme
   (a test checks they equal ``datasketch.MinHash.update_batch``), computed for all
   documents at once with numpy instead of one Python object per ad.
4. LSH banding with the band/row split that ``datasketch.MinHashLSH`` chooses for
   the threshold. A bucket is *not* expanded to all its pairs (a template posted
   300 times would give 45,000): each member is checked against the bucket's
   first member and its predecessor, which keeps the work linear and still
   connects the group.
5. Candidates are verified by estimated Jaccard ≥ ``threshold``; connected groups
   get a stable template id ``T-<sha1 of the smallest doc id's normalised text>``.

Thresholds and slot vocabularies live in ``link/data/templates.yaml`` and
``link/data/slot_words.yaml``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
import yaml
from datasketch import MinHash, MinHashLSH

from threadline.model import Edge

_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)+")
_URL = re.compile(
    r"(?:https?://|www\.)\S+"
    r"|(?<![\w.-])(?:[\w-]++\.)++(?:com|net|org|info|biz|io|me|app|link|site|online|club|xyz"
    r"|example|es|pt|fr|de|nl|be|uk|ie|ch|at|eu)\b(?:/\S*)?",
    re.IGNORECASE,
)
_URL_HINT = re.compile(
    r"\.(?:com|net|org|info|biz|io|me|app|link|site|online|club|xyz|example|es|pt|fr|de|nl|be"
    r"|uk|ie|ch|at|eu)\b",
    re.IGNORECASE,
)
_HANDLE = re.compile(r"(?<![\w@])@\w{2,}")
_NUMBER = re.compile(r"\d(?:[\d \t().\-/]*\d)?")
_EMOJI = re.compile(
    "[\U0001f000-\U0001faff\u2190-\u21ff\u2300-\u23ff\u2600-\u27bf\u2b00-\u2bff"
    "\u2764\ufe0f\u200d\u00a9\u00ae\u2122]+"
)
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class TemplateConfig:
    """The numbers in ``templates.yaml`` (see the comments there for why)."""

    shingle_size: int
    threshold: float
    lsh_margin: float
    df_cap_share: float
    df_cap_min_docs: int
    df_boilerplate_ratio: float
    min_shingles: int
    seed: int


def _fold(text: str) -> str:
    """Accent-fold but keep case: NFKD also undoes full-width and circled digits."""
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text))


def _yaml(name: str) -> dict:
    return yaml.safe_load(
        resources.files("threadline.link").joinpath("data", name).read_text("utf-8")
    )


@cache
def template_config() -> TemplateConfig:
    """Loaded once; tests may pass their own numbers to :func:`template_edges` instead."""
    raw = _yaml("templates.yaml")
    return TemplateConfig(**{k: raw[k] for k in TemplateConfig.__slots__})


#: Slot placeholders while masking (single \w+ tokens) and as shown in the output.
_SLOTS = {
    "_email_": "<email>", "_url_": "<url>", "_handle_": "<handle>", "_num_": "<num>",
    "_emoji_": "<emoji>", "_name_": "<name>", "_city_": "<city>",
}  # fmt: skip


def _words(text: str) -> list[str]:
    return _WORD.findall(_fold(text).casefold())


@cache
def _phrases() -> tuple[dict[str, list[tuple[tuple[str, ...], str]]], dict[str, str]]:
    """Phrases to act on, by first word: name cues ("strong"/"weak") and
    multi-word cities ("city"), longest first; and single words -> their slot."""
    cues = _yaml("templates.yaml")["name_cues"]
    words = _yaml("slot_words.yaml")
    starts: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    single = dict(_SLOTS)
    entries = [(c, k) for k in ("strong", "weak") for c in cues[k]]
    entries += [(w, "city") for w in words["cities"]]
    for text, kind in entries:
        toks = tuple(_words(text))
        if kind == "city" and len(toks) == 1:
            single[toks[0]] = "<city>"
        elif toks and (toks, kind) not in starts.get(toks[0], []):
            starts.setdefault(toks[0], []).append((toks, kind))
    for name in words["names"]:
        single.update(dict.fromkeys(_words(name), "<name>"))
    for phrases in starts.values():
        phrases.sort(key=lambda p: (-len(p[0]), p[1]))
    return starts, single


def _mask_phrases(orig: list[str], low: list[str]) -> None:
    """Mask, in ``low``, multi-word cities and the word after a name cue: always
    after a strong cue ("me llamo"), only when capitalised in the ad after a weak
    one ("soy Lucia", not "soy nueva")."""
    starts, _ = _phrases()
    for i in [i for i, t in enumerate(low) if t in starts]:
        for phrase, kind in starts.get(low[i], ()):
            j = i + len(phrase)
            if tuple(low[i:j]) != phrase:
                continue
            if kind == "city":
                low[i:j] = ["_city_"] + [""] * (j - i - 1)
            elif (
                j < len(low)
                and low[j] not in _SLOTS
                and (kind == "strong" or orig[j][:1].isupper())
            ):
                low[j] = "_name_"
            break


def normalise_for_template(text: str) -> str:
    """The ad with its template slots masked, lower-case and accent-folded.

    Slots become ``<email>``, ``<url>``, ``<handle>``, ``<num>`` (ages, prices,
    phones — a spaced phone number is one slot), ``<emoji>`` (a run), ``<name>``
    (after a name cue such as "me llamo"/"ich bin", or a listed working name) and
    ``<city>`` (listed cities). Repeated slots collapse, punctuation goes, and
    whitespace becomes single spaces. Any script is kept.
    """
    text = _fold(text)
    if "@" in text:
        text = _EMAIL.sub(" _email_ ", text)
    if "www" in text or "://" in text or _URL_HINT.search(text):
        text = _URL.sub(" _url_ ", text)
    if "@" in text:
        text = _HANDLE.sub(" _handle_ ", text)
    text = _NUMBER.sub(" _num_ ", text)
    if not text.isascii():
        text = _EMOJI.sub(" _emoji_ ", text)
    orig = _WORD.findall(text)
    if not orig:
        return ""
    low = " ".join(orig).casefold().split(" ")
    _mask_phrases(orig, low)
    _, single = _phrases()
    tokens = [single.get(t, t) for t in low if t]
    return " ".join(
        [t for p, t in zip(["", *tokens], tokens, strict=False) if t != p or t[0] != "<"]
    )


class _TokenHashes(dict[str, int]):
    """CRC-32 of each distinct token, computed once per call of template_edges."""

    def __missing__(self, token: str) -> int:
        value = self[token] = zlib.crc32(token.encode())
        return value


_SHINGLE_MULT = np.array(
    [0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0x27D4EB2F165667C5,
     0x85EBCA77C2B2AE63, 0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53, 0x94D049BB133111EB],
    dtype=np.uint64,
)  # fmt: skip


def shingle_sets(token_hashes: list[list[int]], k: int) -> tuple[np.ndarray, np.ndarray]:
    """Distinct word-k-shingle hashes of every document, all at once.

    Returns ``(owner, hashes)``: sorted by owner (the document's position), each
    document's shingles once. A shingle's hash mixes its tokens' CRC-32s, so it is
    the same in every run and corpus. A text shorter than ``k`` words is one shingle.
    """
    if not 1 <= k <= len(_SHINGLE_MULT):
        raise ValueError(f"shingle size must be 1..{len(_SHINGLE_MULT)}")
    lengths = np.array([len(t) for t in token_hashes], dtype=np.int64)
    pad = k - 1
    flat = np.fromiter(
        (h for toks in token_hashes for h in (*toks, *(0,) * pad)),
        dtype=np.uint64,
        count=int(lengths.sum()) + pad * len(token_hashes),
    )
    starts = np.concatenate([[0], np.cumsum(lengths + pad)[:-1]]).astype(np.int64)
    windows = np.where(lengths > 0, np.maximum(lengths - k + 1, 1), 0)
    owner = np.repeat(np.arange(len(token_hashes)), windows)
    first = np.repeat(starts - np.concatenate([[0], np.cumsum(windows)[:-1]]), windows)
    pos = first + np.arange(len(owner))
    with np.errstate(over="ignore"):
        mixed = np.zeros(len(owner), dtype=np.uint64)
        for j in range(k):
            mixed += flat[pos + j] * _SHINGLE_MULT[j]
    hashes = (mixed ^ (mixed >> np.uint64(32))) & np.uint64(0xFFFFFFFF)
    keys = np.sort((owner.astype(np.uint64) << np.uint64(32)) | hashes)
    keys = keys[np.concatenate([[True], keys[1:] != keys[:-1]])]
    return (keys >> np.uint64(32)).astype(np.int64), (keys & np.uint64(0xFFFFFFFF)).astype(
        np.uint32
    )


def _distinctive(
    owner: np.ndarray, hashes: np.ndarray, n_docs: int, cfg: TemplateConfig
) -> np.ndarray:
    """Which shingle occurrences to keep: pass 1 of the InfoShield lesson.

    A shingle in more than ``max(df_cap_min_docs, df_cap_share * n_docs)``
    documents is the genre's boilerplate — unless it is no more than
    ``df_boilerplate_ratio`` times as common as the document's own median shingle.
    That exception keeps a prolific template (one agency posting a fifth of a
    site's ads: *every* shingle of its ads is common) from vanishing as boilerplate,
    while stock phrases inside otherwise distinct ads are still dropped.
    """
    order = np.argsort(hashes, kind="stable")
    ordered = hashes[order]
    run_start = np.flatnonzero(np.concatenate([[True], ordered[1:] != ordered[:-1]]))
    run_len = np.diff(np.append(run_start, len(ordered)))
    df = np.empty(len(hashes), dtype=np.int64)
    df[order] = np.repeat(run_len, run_len)
    cap = max(cfg.df_cap_min_docs, cfg.df_cap_share * n_docs)
    if not len(df) or df.max() <= cap:
        return np.ones(len(df), dtype=bool)
    sizes = np.bincount(owner, minlength=n_docs)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    by_df = df[np.lexsort((df, owner))]
    median = np.zeros(n_docs, dtype=np.float64)
    has = sizes > 0
    median[has] = by_df[starts[has] + sizes[has] // 2]
    return (df <= cap) | (df <= cfg.df_boilerplate_ratio * median[owner])


def _fmix32(hv: np.ndarray) -> np.ndarray:
    """MurmurHash3's finaliser, as datasketch applies it in the affine32 scheme."""
    hv = hv ^ (hv >> np.uint32(16))
    hv = hv * np.uint32(0x85EBCA6B)
    hv = hv ^ (hv >> np.uint32(13))
    hv = hv * np.uint32(0xC2B2AE35)
    return hv ^ (hv >> np.uint32(16))


def minhash_signatures(
    hashes: np.ndarray, offsets: np.ndarray, num_perm: int, seed: int, chunk_rows: int = 200_000
) -> np.ndarray:
    """Datasketch ``affine32`` MinHash of many sets at once.

    ``hashes`` holds every set's 32-bit element hashes back to back and
    ``offsets`` where each set starts (sets must not be empty). Row ``i`` equals
    ``MinHash(num_perm, seed, hashfunc=int).update_batch(set_i).hashvalues``.
    """
    a, b = MinHash(num_perm=num_perm, seed=seed).permutations
    mixed = _fmix32(hashes.astype(np.uint32))
    sigs = np.empty((len(offsets), num_perm), dtype=np.uint32)
    ends = np.append(offsets[1:], len(hashes))
    start_doc = 0
    with np.errstate(over="ignore"):
        while start_doc < len(offsets):
            stop_doc = int(np.searchsorted(offsets, offsets[start_doc] + chunk_rows, side="right"))
            stop_doc = max(stop_doc, start_doc + 1)
            lo, hi = offsets[start_doc], ends[stop_doc - 1]
            phv = mixed[lo:hi, None] * a + b
            sigs[start_doc:stop_doc] = np.minimum.reduceat(phv, offsets[start_doc:stop_doc] - lo)
            start_doc = stop_doc
    return sigs


def _candidate_pairs(sigs: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """Pairs (i < j) sharing an LSH band: each bucket member with the bucket's
    first member and with its predecessor, so work stays linear in documents."""
    n = len(sigs)
    index = np.arange(n)
    found = []
    mult = np.uint64(0x9E3779B97F4A7C15)
    with np.errstate(over="ignore"):
        for band in range(bands):
            key = np.zeros(n, dtype=np.uint64)
            for col in range(band * rows, (band + 1) * rows):
                key = key * mult + sigs[:, col].astype(np.uint64) + np.uint64(col)
            order = np.lexsort((index, key))
            skey = key[order]
            new_run = np.ones(n, dtype=bool)
            new_run[1:] = skey[1:] != skey[:-1]
            pos = np.arange(n)
            leader = np.maximum.accumulate(np.where(new_run, pos, 0))
            follower = ~new_run
            found.append(np.stack([order[leader[follower]], order[follower]], axis=1))
            chain = follower & (leader != pos - 1)
            found.append(np.stack([order[pos[chain] - 1], order[chain]], axis=1))
    if not found:
        return np.empty((0, 2), dtype=np.int64)
    pairs = np.concatenate(found).astype(np.int64)
    if not len(pairs):
        return pairs.reshape(0, 2)
    pairs.sort(axis=1)
    codes = np.sort(pairs[:, 0] * n + pairs[:, 1])
    codes = codes[np.concatenate([[True], codes[1:] != codes[:-1]])]
    return np.stack([codes // n, codes % n], axis=1)


def _estimated_jaccard(sigs: np.ndarray, pairs: np.ndarray, chunk: int = 200_000) -> np.ndarray:
    """Share of equal MinHash values: datasketch's ``MinHash.jaccard``, for many pairs."""
    out = np.empty(len(pairs), dtype=np.float64)
    for s in range(0, len(pairs), chunk):
        p = pairs[s : s + chunk]
        out[s : s + chunk] = (sigs[p[:, 0]] == sigs[p[:, 1]]).mean(axis=1)
    return out


def _groups(n: int, pairs: np.ndarray) -> list[int]:
    """Union-find roots, the smallest index being each group's root."""
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in pairs.tolist():
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    return [find(x) for x in range(n)]


def template_edges(
    docs: Iterable[tuple[int, str]],
    threshold: float | None = None,
    num_perm: int = 64,
    *,
    config: TemplateConfig | None = None,
) -> list[Edge]:
    """Edges between documents written from one template.

    ``threshold`` (default 0.5, ``templates.yaml``) is the estimated Jaccard of
    the filtered shingle sets; ``weight`` is that estimate and ``value`` the
    group's template id. Near-linear in the number of documents: no all-pairs
    step anywhere, and at most two candidate checks per document and LSH band.
    """
    cfg = config or template_config()
    if threshold is None:
        threshold = cfg.threshold
    # Identical ads after masking (a template re-posted with only slots swapped)
    # are hashed once: members[u] lists the document ids sharing unique text u.
    first: dict[str, int] = {}
    norms: list[str] = []
    members: list[list[int]] = []
    tokens: list[list[int]] = []
    token_hash = _TokenHashes()
    for doc_id, text in docs:
        norm = normalise_for_template(text)
        u = first.get(norm)
        if u is None:
            u = first[norm] = len(norms)
            norms.append(norm)
            members.append([])
            tokens.append(list(map(token_hash.__getitem__, norm.split())))
        members[u].append(doc_id)
    del first, token_hash
    n_texts = len(norms)
    if sum(len(m) for m in members) < 2:
        return []
    owner, flat = shingle_sets(tokens, cfg.shingle_size)
    del tokens
    keep = _distinctive(owner, flat, n_texts, cfg)
    flat, owner = flat[keep], owner[keep]
    kept_sizes = np.bincount(owner, minlength=n_texts)
    eligible = np.flatnonzero(kept_sizes >= cfg.min_shingles)
    if not len(eligible):
        return []
    in_eligible = np.zeros(n_texts, dtype=bool)
    in_eligible[eligible] = True
    flat = flat[in_eligible[owner]]
    offsets = np.concatenate([[0], np.cumsum(kept_sizes[eligible])[:-1]]).astype(np.int64)
    sigs = minhash_signatures(flat, offsets, num_perm, cfg.seed)
    del flat, owner
    # Pass 2: LSH candidates, verified by estimated Jaccard.
    lsh = MinHashLSH(threshold=max(0.05, threshold - cfg.lsh_margin), num_perm=num_perm)
    pairs = _candidate_pairs(sigs, lsh.b, lsh.r)
    jac = _estimated_jaccard(sigs, pairs)
    ok = jac >= threshold
    pairs, jac = pairs[ok], jac[ok]
    return _edges(norms, members, eligible.tolist(), pairs, jac)


def _edges(
    norms: list[str],
    members: list[list[int]],
    eligible: list[int],
    pairs: np.ndarray,
    jac: np.ndarray,
) -> list[Edge]:
    """Edges for verified pairs of texts (between their smallest doc ids) and
    for re-posts of one text (each to its smallest doc id, weight 1), labelled
    with the group's template id."""
    roots = _groups(len(eligible), pairs)
    smallest: dict[int, int] = {}  # group root -> text holding the group's smallest doc id
    for local, root in enumerate(roots):
        u = eligible[local]
        if root not in smallest or min(members[u]) < min(members[smallest[root]]):
            smallest[root] = u
    group_size: dict[int, int] = {}
    for local, root in enumerate(roots):
        group_size[root] = group_size.get(root, 0) + len(members[eligible[local]])
    tid = {
        root: "T-" + hashlib.sha1(norms[u].encode()).hexdigest()[:8]
        for root, u in smallest.items()
        if group_size[root] > 1
    }
    edges = []
    for (i, j), w in zip(pairs.tolist(), jac.tolist(), strict=True):
        a, b = min(members[eligible[i]]), min(members[eligible[j]])
        if a != b:
            edges.append(Edge(min(a, b), max(a, b), "template", tid[roots[i]], round(w, 3)))
    for local, u in enumerate(eligible):
        rep = min(members[u])
        for doc in members[u]:
            if doc != rep:
                edges.append(Edge(min(doc, rep), max(doc, rep), "template", tid[roots[local]], 1.0))
    edges.sort(key=lambda e: (e.a, e.b))
    return edges


def discount_other_authors(edges: Sequence[Edge], contacts_of: Mapping[int, set[tuple[str, str]]],
                           factor: float) -> list[Edge]:
    """Template edges between two documents that each print a contact, and no contact in
    common, weigh ``factor`` times as much.

    Two job offers (or ads) written alike but signed with different numbers are most often
    two authors using the genre's wording, and whole networks were merged on such links. A
    controller's second phone is still reached: its ads keep the link at reduced weight, and
    the photos and persons they share with the first phone's ads tie them as before. Documents
    with no readable contact (a disguised number) keep the full weight."""
    out = []
    for e in edges:
        ca, cb = contacts_of.get(e.a), contacts_of.get(e.b)
        if e.kind == "template" and ca and cb and not ca & cb:
            e = Edge(e.a, e.b, e.kind, e.value, round(e.weight * factor, 3))
        out.append(e)
    return out
