"""Template links: ads written from one text template with the slots swapped.

Controllers post the same ad for each woman they run, changing only the name, age,
city, price, phone and emoji. Analysts spot this by eye; here it becomes an
explainable :class:`~threadline.model.Edge` of kind ``template``:

1. :func:`normalise_for_template` masks the slots (so two fills of one template
   read the same) and folds case and accents, keeping every script (ES, PT, FR,
   DE, NL, but also Cyrillic or Thai ads are shingled, never dropped as non-ASCII).
2. Word 4-shingles are hashed (CRC-32, stable across runs); shingles found in a
   large share of the documents are genre boilerplate ("besos", "100% real",
   "llámame por WhatsApp") and are ignored — the lesson of InfoShield, whose
   template step was swamped by such phrases. Texts left with too few shingles
   never link: a two-line ad is all stock phrases and slots.
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
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
import yaml
from datasketch import MinHash, MinHashLSH

from threadline.model import Edge

_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(
    r"(?:https?://|www\.)\S+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|info|biz|io|me|app|link|site|online|club|xyz"
    r"|example|es|pt|fr|de|nl|be|uk|ie|ch|at|eu)\b(?:/\S*)?",
    re.IGNORECASE,
)
_HANDLE = re.compile(r"(?<![\w@])@\w{2,}")
_NUMBER = re.compile(r"\+?\d(?:[\d \t().\-/]*\d)?")
_EMOJI = re.compile(
    "[\U0001f000-\U0001faff\u2190-\u21ff\u2300-\u23ff\u2600-\u27bf\u2b00-\u2bff"
    "\u2764\ufe0f\u200d\u00a9\u00ae\u2122]+"
)
_TOKEN = re.compile(r"<\w+>|\w+")
_SLOT = re.compile(r"<\w+>")


@dataclass(frozen=True, slots=True)
class TemplateConfig:
    """The numbers in ``templates.yaml`` (see the comments there for why)."""

    shingle_size: int
    threshold: float
    lsh_margin: float
    df_cap_share: float
    df_cap_min_docs: int
    min_shingles: int
    seed: int


def _fold(text: str) -> str:
    """Accent-fold but keep case: NFKD also undoes full-width and circled digits."""
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text))


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _yaml(name: str) -> dict:
    return yaml.safe_load(resources.files("threadline.link").joinpath("data", name).read_text("utf-8"))


@cache
def template_config() -> TemplateConfig:
    """Loaded once; tests may pass their own numbers to :func:`template_edges` instead."""
    raw = _yaml("templates.yaml")
    return TemplateConfig(**{k: raw[k] for k in TemplateConfig.__slots__})


@cache
def _cues() -> tuple[tuple[tuple[str, ...], bool], ...]:
    """Name cues as folded token tuples with a 'strong' flag, longest first."""
    raw = _yaml("templates.yaml")["name_cues"]
    cues = {
        tuple(t.casefold() for t in _tokens(_fold(c))): strong
        for strong, key in ((False, "weak"), (True, "strong"))
        for c in raw[key]
    }
    return tuple(sorted(cues.items(), key=lambda kv: -len(kv[0])))


@cache
def _slot_words() -> tuple[dict[str, list[tuple[str, ...]]], frozenset[str]]:
    """Cities (first token -> multi-word phrases, longest first) and working names."""
    raw = _yaml("slot_words.yaml")
    cities: dict[str, list[tuple[str, ...]]] = {}
    for city in raw["cities"]:
        toks = tuple(t.casefold() for t in _tokens(_fold(city)))
        cities.setdefault(toks[0], []).append(toks)
    for phrases in cities.values():
        phrases.sort(key=len, reverse=True)
    names = frozenset(t.casefold() for n in raw["names"] for t in _tokens(_fold(n)))
    return cities, names


def _mask_words(orig: list[str]) -> list[str]:
    """Mask names after cues (using the ad's capitals), listed cities and names."""
    folded = [t.casefold() for t in orig]
    cities, names = _slot_words()
    cues = _cues()
    out: list[str] = []
    i = 0
    while i < len(folded):
        tok = folded[i]
        if _SLOT.fullmatch(tok):
            out.append(tok)
            i += 1
            continue
        city = next((p for p in cities.get(tok, ()) if tuple(folded[i : i + len(p)]) == p), None)
        if city:
            out.append("<city>")
            i += len(city)
            continue
        out.append("<name>" if tok in names else tok)
        for cue, strong in cues:
            j = i + len(cue)
            if (
                j < len(folded)
                and tuple(folded[i:j]) == cue
                and not _SLOT.fullmatch(folded[j])
                and (strong or orig[j][:1].isupper())
            ):
                out.extend(folded[i + 1 : j])
                out.append("<name>")
                i = j
                break
        i += 1
    return out


def normalise_for_template(text: str) -> str:
    """The ad with its template slots masked, lower-case and accent-folded.

    Slots become ``<email>``, ``<url>``, ``<handle>``, ``<num>`` (ages, prices,
    phones — a spaced phone number is one slot), ``<emoji>`` (a run), ``<name>``
    (after a name cue such as "me llamo"/"ich bin", or a listed working name) and
    ``<city>`` (listed cities). Repeated slots collapse, punctuation goes, and
    whitespace becomes single spaces. Any script is kept.
    """
    text = _fold(text)
    for pattern, slot in (
        (_EMAIL, " <email> "),
        (_URL, " <url> "),
        (_HANDLE, " <handle> "),
        (_NUMBER, " <num> "),
        (_EMOJI, " <emoji> "),
    ):
        text = pattern.sub(slot, text)
    tokens = _mask_words(_tokens(text))
    collapsed = [t for k, t in enumerate(tokens) if not (k and t == tokens[k - 1] and t[0] == "<")]
    return " ".join(collapsed)


def _shingle_hashes(normalised: str, k: int) -> set[int]:
    tokens = normalised.split()
    if len(tokens) <= k:
        return {zlib.crc32(normalised.encode())} if tokens else set()
    return {zlib.crc32(" ".join(tokens[i : i + k]).encode()) for i in range(len(tokens) - k + 1)}


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
    pairs.sort(axis=1)
    codes = np.unique(pairs[:, 0] * n + pairs[:, 1])
    return np.stack([codes // n, codes % n], axis=1)


def _estimated_jaccard(sigs: np.ndarray, pairs: np.ndarray, chunk: int = 200_000) -> np.ndarray:
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
    ids: list[int] = []
    norms: list[str] = []
    chunks: list[np.ndarray] = []
    for doc_id, text in docs:
        norm = normalise_for_template(text)
        ids.append(doc_id)
        norms.append(norm)
        chunks.append(np.fromiter(_shingle_hashes(norm, cfg.shingle_size), dtype=np.uint32))
    n_docs = len(ids)
    if n_docs < 2:
        return []
    sizes = np.array([len(c) for c in chunks], dtype=np.int64)
    flat = np.concatenate(chunks) if sizes.sum() else np.empty(0, dtype=np.uint32)
    owner = np.repeat(np.arange(n_docs), sizes)
    # Pass 1: document frequency of every shingle; drop the genre's boilerplate.
    _, inverse, counts = np.unique(flat, return_inverse=True, return_counts=True)
    cap = max(cfg.df_cap_min_docs, cfg.df_cap_share * n_docs)
    keep = counts[inverse] <= cap
    flat, owner = flat[keep], owner[keep]
    kept_sizes = np.bincount(owner, minlength=n_docs)
    eligible = np.flatnonzero(kept_sizes >= cfg.min_shingles)
    if len(eligible) < 2:
        return []
    in_eligible = np.zeros(n_docs, dtype=bool)
    in_eligible[eligible] = True
    mask = in_eligible[owner]
    flat = flat[mask]
    offsets = np.concatenate([[0], np.cumsum(kept_sizes[eligible])[:-1]]).astype(np.int64)
    sigs = minhash_signatures(flat, offsets, num_perm, cfg.seed)
    # Pass 2: LSH candidates, verified by estimated Jaccard.
    lsh = MinHashLSH(threshold=max(0.05, threshold - cfg.lsh_margin), num_perm=num_perm)
    pairs = _candidate_pairs(sigs, lsh.b, lsh.r)
    if not len(pairs):
        return []
    jac = _estimated_jaccard(sigs, pairs)
    ok = jac >= threshold
    pairs, jac = pairs[ok], jac[ok]
    roots = _groups(len(eligible), pairs)
    # Template id from the group's smallest document id, so it survives re-runs.
    smallest: dict[int, int] = {}
    for local, root in enumerate(roots):
        doc = int(eligible[local])
        if root not in smallest or ids[doc] < ids[smallest[root]]:
            smallest[root] = doc
    tid = {
        root: "T-" + hashlib.sha1(norms[doc].encode()).hexdigest()[:8]
        for root, doc in smallest.items()
    }
    edges = []
    for (i, j), w in zip(pairs.tolist(), jac.tolist(), strict=True):
        a, b = ids[int(eligible[i])], ids[int(eligible[j])]
        if a == b:
            continue
        edges.append(Edge(min(a, b), max(a, b), "template", tid[roots[i]], round(w, 3)))
    edges.sort(key=lambda e: (e.a, e.b))
    return edges
