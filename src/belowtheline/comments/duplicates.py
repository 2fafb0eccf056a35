"""Copy-paste groups: near-duplicate comments within a thread and across a corpus.

Trolls and campaigns post the same comment many times with small edits
("you excite me" / "you excite us, boyz"), reordered sentences, another name,
a sentence added or a link appended. Comments are compared by their
**character 5-gram** sets after normalisation (case, punctuation, Unicode
NFKC, URLs and ``@mentions`` removed, see :mod:`._shingles`): for short
comments character shingles survive small edits far better than word
shingles (the seed pair has word-3-gram Jaccard 0.45, character-5-gram
Jaccard 0.72 on the raw text and 0.82 after normalisation).

Finding candidates uses MinHash LSH with 128 hash functions in 32 bands of 4
rows, whose S-curve passes 50% near Jaccard 0.42, so pairs at 0.5 are found
about 87% of the time per pass and pairs at 0.6 99% of the time; every
candidate is then **verified**: a pair matches when

* its Jaccard similarity is at least ``threshold`` (0.5), or
* the smaller comment is at least ``containment`` (0.8) inside the larger and
  at least ``min_size_ratio`` (0.4) of its size, which catches a copy with
  sentences added or removed.

Comments shorter than ``min_words`` words or ``min_chars`` characters never
match: "Agreed.", "+1" and "Well said!" are posted independently by many
people and are not copy-paste.

Within a document the verification uses the exact shingle sets
(:func:`find_duplicate_groups`, stage ``duplicates.minhash.v1``). Across a
corpus, :class:`DuplicateIndex` keeps only the signatures (b-bit MinHash: the
top 16 bits of each of the 128 values, 256 bytes a comment) plus the band
tables, answers :meth:`DuplicateIndex.query` in well under a millisecond at a
million comments, and saves to a single ``.npz`` file read with
``allow_pickle=False`` (safe to load from an untrusted source).

Each group explains itself: :func:`explain` returns the runs of words two
comments share, as character offsets into both texts, and
:func:`explain_groups` gives, for every group of a processed document, which
member matched which and through which spans.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from ..document import Comment, Document
from ..errors import ConfigError, FormatError
from ._shingles import normalise, shingle_hashes, stable_hash64, tokens

__all__ = [
    "DuplicateGroup",
    "DuplicateGrouper",
    "DuplicateIndex",
    "DuplicateOptions",
    "Match",
    "SharedSpans",
    "explain",
    "explain_groups",
    "find_duplicate_groups",
    "group_id",
]

U16 = npt.NDArray[np.uint16]
U32 = npt.NDArray[np.uint32]
U64 = npt.NDArray[np.uint64]

_FORMAT = "belowtheline.duplicate-index"
_FORMAT_VERSION = 1


@dataclass(frozen=True, slots=True, kw_only=True)
class DuplicateOptions:
    """How near-duplicates are found (the defaults are tuned for short news comments).

    Attributes:
        shingle: character shingle length.
        num_perm: MinHash functions.
        bands: LSH bands (``num_perm`` must be a multiple); ``num_perm / bands`` rows each.
        threshold: Jaccard similarity at or above which two comments match.
        containment: share of the smaller comment's shingles found in the larger
            at or above which they match (with ``min_size_ratio``).
        min_size_ratio: smallest size ratio (smaller / larger shingle set) for a
            containment match: a one-line quote inside a long reply is not a copy.
        min_chars: comments with fewer normalised characters never match.
        min_words: comments with fewer words never match.
        seed: seed of the MinHash functions (an index only matches signatures of its own seed).

    Raises:
        ConfigError: an option is out of range.
    """

    shingle: int = 5
    num_perm: int = 128
    bands: int = 32
    threshold: float = 0.5
    containment: float = 0.8
    min_size_ratio: float = 0.4
    min_chars: int = 30
    min_words: int = 5
    seed: int = 1

    def __post_init__(self) -> None:
        if not 2 <= self.shingle <= 12:
            raise ConfigError(f"shingle={self.shingle} is out of range; use 2 to 12 characters (default 5).")
        if self.num_perm < 16 or self.bands < 1 or self.num_perm % self.bands:
            raise ConfigError(
                f"num_perm={self.num_perm} and bands={self.bands} do not fit: num_perm must be at "
                "least 16 and a multiple of bands (default 128 and 32)."
            )
        if self.num_perm // self.bands > 4:
            raise ConfigError(
                f"{self.num_perm // self.bands} rows per band is too many for the 64-bit band key; "
                "use num_perm / bands <= 4."
            )
        for name in ("threshold", "containment", "min_size_ratio"):
            v = getattr(self, name)
            if not 0.0 < v <= 1.0:
                raise ConfigError(f"{name}={v} is out of range; use a value in (0, 1].")
        if self.min_chars < 0 or self.min_words < 0:
            raise ConfigError("min_chars and min_words must be >= 0.")

    @property
    def rows(self) -> int:
        return self.num_perm // self.bands

    def to_json(self) -> dict[str, float | int]:
        return {name: getattr(self, name) for name in self.__slots__}


class Match(NamedTuple):
    """An indexed comment that matches a query: its id and the estimated Jaccard similarity."""

    id: str
    similarity: float


@dataclass(frozen=True, slots=True)
class SharedSpans:
    """Why comment ``b`` is in the same group as comment ``a``.

    ``spans`` are the runs of words the two share, as
    ``(start_a, end_a, start_b, end_b)`` character offsets into their texts.
    """

    a: str
    b: str
    jaccard: float
    containment: float
    spans: list[tuple[int, int, int, int]]


@dataclass(frozen=True, slots=True)
class DuplicateGroup:
    """A copy-paste group of a document: its id, its members in order and why they match."""

    id: str
    members: list[str]
    evidence: list[SharedSpans] = field(default_factory=list)


# --------------------------------------------------------------------------- hashing


class _Sketcher:
    """Normalised text -> shingle set -> MinHash signature and LSH band keys."""

    def __init__(self, options: DuplicateOptions) -> None:
        self.options = options
        rng = np.random.default_rng(options.seed)
        # Multiply-add-shift hashing of the (already mixed) 64-bit shingle hashes.
        self._a = rng.integers(0, 2**63, size=options.num_perm, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
        self._b = rng.integers(0, 2**63, size=options.num_perm, dtype=np.uint64)

    def eligible(self, norm: str) -> bool:
        o = self.options
        return len(norm) >= o.min_chars and norm.count(" ") + 1 >= o.min_words

    def shingles(self, norm: str) -> U64:
        return shingle_hashes(norm, self.options.shingle)

    def signature(self, shingles: U64) -> U16:
        """The b-bit (16-bit) MinHash signature of a shingle set."""
        sig = np.full(self.options.num_perm, np.iinfo(np.uint64).max, dtype=np.uint64)
        for start in range(0, len(shingles), 4096):
            chunk = shingles[start : start + 4096, None]
            np.minimum(sig, (chunk * self._a + self._b).min(axis=0), out=sig)
        return (sig >> np.uint64(48)).astype(np.uint16)

    def band_keys(self, sigs: U16) -> U32:
        """``(n, bands)`` 32-bit keys of the bands of ``(n, num_perm)`` signatures."""
        o = self.options
        parts = sigs.reshape(len(sigs), o.bands, o.rows).astype(np.uint64)
        packed = np.zeros(parts.shape[:2], dtype=np.uint64)
        for r in range(o.rows):
            packed = (packed << np.uint64(16)) | parts[:, :, r]
        packed = packed ^ (np.arange(o.bands, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15))
        packed = packed ^ (packed >> np.uint64(31))
        packed = packed * np.uint64(0xBF58476D1CE4E5B9)
        keys: U32 = (packed >> np.uint64(32)).astype(np.uint32)
        return keys


def _sizes_ok(small: float, large: float, o: DuplicateOptions) -> bool:
    return large > 0 and small / large >= o.min_size_ratio


def _decide(jaccard: float, size_a: int, size_b: int, o: DuplicateOptions) -> tuple[bool, float]:
    """Whether a pair matches, and the containment of the smaller set in the larger."""
    small, large = min(size_a, size_b), max(size_a, size_b)
    if small == 0:
        return False, 0.0
    containment = min(1.0, jaccard * (size_a + size_b) / ((1.0 + jaccard) * small))
    ok = jaccard >= o.threshold or (containment >= o.containment and _sizes_ok(small, large, o))
    return ok, containment


def group_id(text: str) -> str:
    """The id of a copy-paste group whose first member has ``text``: stable across runs.

    Example:
        >>> group_id("Same text!") == group_id("same   text")
        True
    """
    return f"dup-{stable_hash64(normalise(text)):016x}"[:14]


# --------------------------------------------------------------------------- within a document


def find_duplicate_groups(
    texts: Sequence[str], *, options: DuplicateOptions | None = None
) -> list[list[tuple[int, int, float]]]:
    """Near-duplicate groups among ``texts``.

    Args:
        texts: comment texts in thread order.
        options: matching options.

    Returns:
        One list per group of two or more members, in order of the group's
        first member; each list holds ``(member, matched_earlier_member,
        jaccard)`` triples in member order, the first member paired with itself
        and similarity 1.0.

    Example:
        >>> a = "Mr. Big Rooster, you excite me, you constantly refer to weapons and spears."
        >>> b = "Mr. Big Rooster, you excite us, boyz. You constantly refer to weapons, spears."
        >>> [[m for m, _, _ in g] for g in find_duplicate_groups([a, "Agreed.", b])]
        [[0, 2]]
    """
    o = options or DuplicateOptions()
    sk = _Sketcher(o)
    norms = [normalise(t) for t in texts]
    live = [i for i, n in enumerate(norms) if sk.eligible(n)]
    if len(live) < 2:
        return []
    sets = {i: sk.shingles(norms[i]) for i in live}
    sigs = np.stack([sk.signature(sets[i]) for i in live])
    keys = sk.band_keys(sigs)
    buckets: dict[tuple[int, int], list[int]] = {}
    pairs: set[tuple[int, int]] = set()
    for row, i in enumerate(live):
        for band, key in enumerate(keys[row].tolist()):
            bucket = buckets.setdefault((band, key), [])
            pairs.update((j, i) for j in bucket)
            bucket.append(i)
    parent = {i: i for i in live}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    best: dict[int, tuple[int, float]] = {}
    for j, i in sorted(pairs):
        inter = len(np.intersect1d(sets[i], sets[j], assume_unique=True))
        jac = inter / (len(sets[i]) + len(sets[j]) - inter)
        ok, _ = _decide(jac, len(sets[i]), len(sets[j]), o)
        if not ok:
            continue
        if i not in best or jac > best[i][1]:
            best[i] = (j, jac)
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    members: dict[int, list[int]] = {}
    for i in live:
        members.setdefault(find(i), []).append(i)
    groups = []
    for root in sorted(members):
        ms = members[root]
        if len(ms) < 2:
            continue
        groups.append([(m, best[m][0] if m in best else m, best[m][1] if m in best else 1.0) for m in ms])
    return groups


def explain(a: str, b: str, *, min_run: int = 3) -> list[tuple[int, int, int, int]]:
    """The runs of at least ``min_run`` words that texts ``a`` and ``b`` share.

    Runs are found by greedy string tiling over the normalised words, so a
    sentence moved to another place in the copy is still found; each word is
    in at most one run.

    Args:
        a: first text.
        b: second text.
        min_run: shortest run reported, in words.

    Returns:
        ``(start_a, end_a, start_b, end_b)`` character offsets into ``a`` and
        ``b``, sorted by ``start_a``.

    Example:
        >>> explain("You excite me, you constantly refer to spears", "you constantly refer to spears!")
        [(15, 45, 0, 30)]
    """
    ta, tb = tokens(a)[:3000], tokens(b)[:3000]
    wa, wb = [t.norm for t in ta], [t.norm for t in tb]
    used_a, used_b = [False] * len(wa), [False] * len(wb)
    where: dict[str, list[int]] = {}
    for j, w in enumerate(wb):
        where.setdefault(w, []).append(j)
    tiles: list[tuple[int, int, int]] = []
    while True:
        longest, found = 0, []
        for i, w in enumerate(wa):
            if used_a[i]:
                continue
            for j in where.get(w, ()):
                k = 0
                while (
                    i + k < len(wa)
                    and j + k < len(wb)
                    and not used_a[i + k]
                    and not used_b[j + k]
                    and wa[i + k] == wb[j + k]
                ):
                    k += 1
                if k > longest:
                    longest, found = k, [(i, j, k)]
                elif k == longest and k:
                    found.append((i, j, k))
        if longest < max(min_run, 1):
            break
        for i, j, k in found:
            if any(used_a[i : i + k]) or any(used_b[j : j + k]):
                continue
            used_a[i : i + k] = [True] * k
            used_b[j : j + k] = [True] * k
            tiles.append((i, j, k))
    return sorted((ta[i].start, ta[i + k - 1].end, tb[j].start, tb[j + k - 1].end) for i, j, k in tiles)


def _pair_evidence(a: Comment, b: Comment, o: DuplicateOptions) -> SharedSpans:
    sk = _Sketcher(o)
    sa, sb = sk.shingles(normalise(a.text)), sk.shingles(normalise(b.text))
    inter = len(np.intersect1d(sa, sb, assume_unique=True))
    union = len(sa) + len(sb) - inter
    jac = inter / union if union else 0.0
    _, cont = _decide(jac, len(sa), len(sb), o)
    return SharedSpans(a.id, b.id, round(jac, 4), round(cont, 4), explain(a.text, b.text))


def explain_groups(doc: Document, *, options: DuplicateOptions | None = None) -> dict[str, DuplicateGroup]:
    """The copy-paste groups of a processed document, with the evidence for each member.

    Every member after the first is paired with the earlier member it is most
    similar to, with their Jaccard similarity, containment and shared word runs.

    Args:
        doc: a document whose comments carry ``duplicate_group`` (run
            ``duplicates.minhash.v1`` first).
        options: the options the grouping used.

    Returns:
        Group id -> :class:`DuplicateGroup`, in order of first member.
    """
    o = options or DuplicateOptions()
    sk = _Sketcher(o)
    by_group: dict[str, list[Comment]] = {}
    for c in doc.comments:
        if c.duplicate_group:
            by_group.setdefault(c.duplicate_group, []).append(c)
    out = {}
    for gid, ms in by_group.items():
        sets = [sk.shingles(normalise(c.text)) for c in ms]
        evidence = []
        for i in range(1, len(ms)):
            sims = []
            for j in range(i):
                inter = len(np.intersect1d(sets[i], sets[j], assume_unique=True))
                sims.append(inter / max(1, len(sets[i]) + len(sets[j]) - inter))
            j = int(np.argmax(sims))
            evidence.append(_pair_evidence(ms[j], ms[i], o))
        out[gid] = DuplicateGroup(gid, [c.id for c in ms], evidence)
    return out


class DuplicateGrouper:
    """Pipeline stage ``duplicates.minhash.v1``: set ``duplicate_group`` on copy-paste comments.

    Members of a group share the id :func:`group_id` of the first member's
    text; comments that match nothing get ``None``. With an ``index``, every
    comment is also matched against the comments indexed before (earlier
    threads) and added to the index under ``"<document id>/<comment id>"``; a
    comment that matches an earlier thread takes the id of the group there, so
    a campaign keeps one id across a corpus. (A document already processed is
    not revisited when a copy of one of its comments arrives later; ask the
    index with :meth:`DuplicateIndex.group_of`.)

    Example:
        >>> from belowtheline import Document, Comment
        >>> doc = Document(id="d", comments=[Comment("c1", "Buy cheap watches at my shop today, best prices!"),
        ...                                  Comment("c2", "Agreed."),
        ...                                  Comment("c3", "Buy cheap watches at my shop today - best prices")])
        >>> [c.duplicate_group is not None for c in DuplicateGrouper()(doc).comments]
        [True, False, True]
    """

    name = "duplicates.minhash.v1"
    requires: tuple[str, ...] = ("comments",)
    assigns: tuple[str, ...] = ("comments.duplicate_group",)

    def __init__(self, *, options: DuplicateOptions | None = None, index: DuplicateIndex | None = None) -> None:
        if index is not None and options is not None and index.options != options:
            raise ConfigError(
                "The DuplicateIndex was built with other options than the ones given to the stage; "
                "leave options out (the index's are used) or pass options=index.options."
            )
        self.options = options or (index.options if index is not None else DuplicateOptions())
        self.index = index

    def __call__(self, doc: Document) -> Document:
        comments = doc.comments
        for c in comments:
            c.duplicate_group = None
        groups = find_duplicate_groups([c.text for c in comments], options=self.options)
        for group in groups:
            gid = group_id(comments[group[0][0]].text)
            for m, _, _ in group:
                comments[m].duplicate_group = gid
        if self.index is None:
            return doc
        idx = self.index
        keys = [f"{doc.id}/{c.id}" for c in comments]
        for key, c in zip(keys, comments, strict=True):
            if key not in idx:
                idx.add(key, c.text)
        for group in groups:  # one id per thread group: the earliest group any member joined
            roots = [r for r in (idx._root_entry(keys[m]) for m, _, _ in group) if r >= 0]
            if roots:
                gid = idx._gid(min(roots))
                for m, _, _ in group:
                    comments[m].duplicate_group = gid
        for key, c in zip(keys, comments, strict=True):
            if c.duplicate_group is None and idx.group_size(key) > 1:
                c.duplicate_group = idx.group_of(key)
        return doc


# --------------------------------------------------------------------------- persistent index


class DuplicateIndex:
    """A persistent near-duplicate index: match a new comment against every comment seen before.

    Signatures are 16-bit MinHash values (256 bytes a comment with the default
    128 functions); candidates come from per-band sorted key tables searched
    by binary search and are verified on the Jaccard similarity estimated from
    the signatures (and the containment, from the stored shingle-set sizes).
    New entries wait in a small buffer that is searched by brute force and
    merged into the sorted tables in bulk.

    Each entry remembers its copy-paste group: the group of the most similar
    earlier entry it matched when it was added, or a new group of its own.

    Example:
        >>> idx = DuplicateIndex()
        >>> _ = idx.add("a/1", "Europe is finished, run by elites who hate their own people.")
        >>> [m.id for m in idx.query("europe is finished - run by elites who hate their own people!!")]
        ['a/1']
    """

    def __init__(self, *, options: DuplicateOptions | None = None) -> None:
        self.options = o = options or DuplicateOptions()
        self._sk = _Sketcher(o)
        self._ids: list[str] = []
        self._pos: dict[str, int] = {}
        self._sig = np.zeros((0, o.num_perm), dtype=np.uint16)
        self._size = np.zeros(0, dtype=np.uint32)  # shingle-set size; 0 = too short to match
        self._root = np.zeros(0, dtype=np.int64)  # entry index of the group's first member, -1 if none
        self._digest = np.zeros(0, dtype=np.uint64)  # hash of the normalised text, names groups
        self._keys = np.zeros((o.bands, 0), dtype=np.uint32)  # band keys, sorted per band
        self._order = np.zeros((o.bands, 0), dtype=np.uint32)  # entry index of each sorted key
        self._merged = 0  # entries [0, _merged) are in the sorted tables, the rest in the buffer
        self._buf_keys = np.zeros((0, o.bands), dtype=np.uint32)
        self._buf_sig = np.zeros((0, o.num_perm), dtype=np.uint16)
        self._buf_meta: list[tuple[int, int, int]] = []  # (size, root, digest)
        self._counts: dict[int, int] = {}  # root -> members, for groups of two or more

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, comment_id: object) -> bool:
        return comment_id in self._pos

    # ---------------------------------------------------------------- building

    def add(self, comment_id: str, text: str) -> str | None:
        """Index a comment and return its copy-paste group id (``None`` if too short to match).

        The comment is matched against everything indexed before it; it joins
        the group of its most similar match, or starts a group of its own
        (whose id is :func:`group_id` of its text).

        Raises:
            ConfigError: ``comment_id`` is already in the index.
        """
        if comment_id in self._pos:
            raise ConfigError(f"Comment id {comment_id!r} is already in the index; ids must be unique.")
        norm = normalise(text)
        entry = len(self._ids)
        digest = stable_hash64(norm)
        if not self._sk.eligible(norm):
            sig, keys, size, root = np.zeros(self.options.num_perm, np.uint16), None, 0, -1
        else:
            shingles = self._sk.shingles(norm)
            sig = self._sk.signature(shingles)
            keys = self._sk.band_keys(sig[None, :])[0]
            size = len(shingles)
            best = self._search(sig, keys, size, limit=1)
            root = self._root_entry(best[0].id) if best else entry
            if root != entry:
                self._counts[root] = self._counts.get(root, 1) + 1
        self._ids.append(comment_id)
        self._pos[comment_id] = entry
        self._append(sig, keys, size, root, digest)
        return None if root < 0 else (self._gid(root) if root != entry else f"dup-{digest:016x}"[:14])

    def add_many(self, items: Iterable[tuple[str, str]]) -> None:
        """Index many ``(comment_id, text)`` pairs (the same as :meth:`add` one by one)."""
        for cid, text in items:
            self.add(cid, text)

    def _append(self, sig: U16, keys: U32 | None, size: int, root: int, digest: int) -> None:
        n = len(self._buf_meta)
        if n == len(self._buf_keys):  # grow the buffer arrays geometrically
            cap = max(64, 2 * n)
            self._buf_keys = np.resize(self._buf_keys, (cap, self.options.bands))
            self._buf_sig = np.resize(self._buf_sig, (cap, self.options.num_perm))
        # A too-short comment gets no band keys: it can never be a candidate.
        self._buf_keys[n] = keys if keys is not None else 0
        self._buf_sig[n] = sig
        self._buf_meta.append((size, root, digest))
        if n + 1 >= min(16384, max(1024, len(self._ids) // 64)):
            self._flush()

    def _flush(self) -> None:
        m = len(self._buf_meta)
        if not m:
            return
        start = self._merged
        size, root, digest = (np.asarray(col) for col in zip(*self._buf_meta, strict=True))
        self._sig = np.concatenate([self._sig, self._buf_sig[:m]])
        self._size = np.concatenate([self._size, size.astype(np.uint32)])
        self._root = np.concatenate([self._root, root.astype(np.int64)])
        self._digest = np.concatenate([self._digest, digest.astype(np.uint64)])
        live = np.flatnonzero(size > 0)
        new_keys = self._buf_keys[:m][live].T
        new_order = np.broadcast_to((live + start).astype(np.uint32), new_keys.shape)
        self._keys, self._order = _merge_sorted(
            np.concatenate([self._keys, new_keys], axis=1), np.concatenate([self._order, new_order], axis=1)
        )
        self._merged = start + m
        self._buf_meta = []
        self._buf_keys = np.zeros((0, self.options.bands), dtype=np.uint32)
        self._buf_sig = np.zeros((0, self.options.num_perm), dtype=np.uint16)

    # ---------------------------------------------------------------- querying

    def query(self, text: str, *, limit: int | None = None) -> list[Match]:
        """Indexed comments that near-duplicate ``text``, most similar first.

        Args:
            text: a comment text.
            limit: return at most this many matches.

        Returns:
            :class:`Match` ``(id, similarity)`` tuples; ``similarity`` is the
            Jaccard similarity of the character shingles estimated from the
            signatures (standard error about 0.045 at 0.5). Too-short texts
            match nothing.
        """
        norm = normalise(text)
        if not self._sk.eligible(norm):
            return []
        shingles = self._sk.shingles(norm)
        sig = self._sk.signature(shingles)
        keys = self._sk.band_keys(sig[None, :])[0]
        return self._search(sig, keys, len(shingles), limit=limit)

    def _candidates(self, keys: U32) -> npt.NDArray[np.int64]:
        found: list[npt.NDArray[np.int64]] = []
        if self._keys.shape[1]:
            # keys + 1 as the right edge: one binary search call per band finds both ends.
            # (The bounds stay uint32: a wider type would make numpy copy the whole row.)
            top = np.uint32(0xFFFFFFFF)
            bounds = np.stack([keys, np.where(keys == top, top, keys + np.uint32(1))], axis=1)
            for band, row in enumerate(self._keys):
                lo, hi = row.searchsorted(bounds[band]).tolist()
                if keys[band] == top:
                    hi = len(row)
                if hi > lo:
                    found.append(self._order[band, lo:hi].astype(np.int64))
        m = len(self._buf_meta)
        if m:
            hits = np.flatnonzero((self._buf_keys[:m] == keys).any(axis=1))
            if len(hits):
                found.append(hits.astype(np.int64) + self._merged)
        if not found:
            return np.zeros(0, dtype=np.int64)
        return np.unique(np.concatenate(found))

    def _search(self, sig: U16, keys: U32, size: int, *, limit: int | None) -> list[Match]:
        cand = self._candidates(keys)
        if not len(cand):
            return []
        inner = cand[cand < self._merged]
        buf = (cand[cand >= self._merged] - self._merged).tolist()
        cand_sig = np.concatenate([self._sig[inner], self._buf_sig[buf]])
        cand_size = np.concatenate(
            [self._size[inner].astype(np.float64), np.asarray([self._buf_meta[i][0] for i in buf], dtype=np.float64)]
        )
        jac = (cand_sig == sig).mean(axis=1)
        o = self.options
        small, large = np.minimum(cand_size, size), np.maximum(cand_size, size)
        live = small > 0
        cont = np.zeros_like(jac)
        cont[live] = np.minimum(1.0, jac[live] * (cand_size[live] + size) / ((1.0 + jac[live]) * small[live]))
        ratio = np.zeros_like(jac)
        ratio[live] = small[live] / large[live]
        ok = live & ((jac >= o.threshold) | ((cont >= o.containment) & (ratio >= o.min_size_ratio)))
        idx = np.flatnonzero(ok)
        idx = idx[np.lexsort((cand[idx], -jac[idx]))]
        if limit is not None:
            idx = idx[:limit]
        return [Match(self._ids[int(cand[i])], round(float(jac[i]), 4)) for i in idx]

    # ---------------------------------------------------------------- groups

    def _root_entry(self, comment_id: str) -> int:
        entry = self._pos[comment_id]
        return int(self._root[entry]) if entry < self._merged else self._buf_meta[entry - self._merged][1]

    def _gid(self, entry: int) -> str:
        digest = int(self._digest[entry]) if entry < self._merged else self._buf_meta[entry - self._merged][2]
        return f"dup-{digest:016x}"[:14]

    def group_of(self, comment_id: str) -> str | None:
        """The copy-paste group id of an indexed comment (``None`` if too short to match).

        Raises:
            KeyError: the id is not in the index.
        """
        root = self._root_entry(comment_id)
        return None if root < 0 else self._gid(root)

    def group_size(self, comment_id: str) -> int:
        """How many indexed comments share the group of ``comment_id`` (0 if too short to match).

        Raises:
            KeyError: the id is not in the index.
        """
        root = self._root_entry(comment_id)
        return 0 if root < 0 else self._counts.get(root, 1)

    # ---------------------------------------------------------------- persistence

    def save(self, path: str | Path) -> Path:
        """Write the index to one ``.npz`` file (numeric arrays and JSON text; no pickles).

        Returns:
            The path written (``.npz`` is appended when missing).
        """
        self._flush()
        path = Path(path)
        if path.suffix != ".npz":
            path = path.with_name(path.name + ".npz")
        meta = {"format": _FORMAT, "version": _FORMAT_VERSION, "options": self.options.to_json()}
        np.savez_compressed(
            path,
            meta=np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8),
            ids=np.frombuffer(json.dumps(self._ids, ensure_ascii=False).encode("utf-8"), dtype=np.uint8),
            sig=self._sig,
            size=self._size,
            root=self._root,
            digest=self._digest,
        )
        return path

    @classmethod
    def load(cls, path: str | Path) -> DuplicateIndex:
        """Read an index written by :meth:`save`; safe on untrusted files (no pickles are loaded).

        Raises:
            FormatError: the file is not a valid index.
        """
        path = Path(path)
        try:
            with np.load(path, allow_pickle=False) as data:
                meta = json.loads(bytes(data["meta"]).decode("utf-8"))
                ids = json.loads(bytes(data["ids"]).decode("utf-8"))
                sig, size, root, digest = (data[k] for k in ("sig", "size", "root", "digest"))
        except (OSError, ValueError, KeyError, UnicodeDecodeError, EOFError) as exc:
            raise FormatError(
                f"not a duplicate index ({exc}). Build one with DuplicateIndex().save(path).", source=str(path)
            ) from exc
        if not isinstance(meta, dict) or meta.get("format") != _FORMAT or meta.get("version") != _FORMAT_VERSION:
            raise FormatError(
                f"not a version {_FORMAT_VERSION} duplicate index; rebuild it with this version of belowtheline.",
                source=str(path),
            )
        try:
            options = DuplicateOptions(**meta["options"])
        except (TypeError, ConfigError) as exc:
            raise FormatError(f"bad options in the index ({exc}).", source=str(path)) from exc
        n = len(ids) if isinstance(ids, list) else -1
        if (
            n < 0
            or not all(isinstance(i, str) for i in ids)
            or len(set(ids)) != n
            or sig.shape != (n, options.num_perm)
            or sig.dtype != np.uint16
            or any(a.shape != (n,) or a.dtype.kind not in "iu" for a in (size, root, digest))
            or (n and (int(root.max()) >= n or int(root.min()) < -1))
        ):
            raise FormatError("the arrays of the index do not fit together; the file is damaged.", source=str(path))
        idx = cls(options=options)
        idx._ids = list(ids)
        idx._pos = {cid: i for i, cid in enumerate(ids)}
        idx._sig = sig.astype(np.uint16)
        idx._size = size.astype(np.uint32)
        idx._root = root.astype(np.int64)
        idx._digest = digest.astype(np.uint64)
        live = np.flatnonzero(idx._size > 0)
        keys = idx._sk.band_keys(idx._sig[live]).T
        idx._keys, idx._order = _merge_sorted(keys, np.broadcast_to(live.astype(np.uint32), keys.shape))
        idx._merged = n
        roots, counts = np.unique(idx._root[idx._root >= 0], return_counts=True)
        idx._counts = {r: c for r, c in zip(roots.tolist(), counts.tolist(), strict=True) if c > 1}
        return idx

    def memory_bytes(self) -> int:
        """Bytes held by the index (arrays, id table and group counts): its resident size, roughly."""
        import sys

        self._flush()
        arrays = sum(a.nbytes for a in (self._sig, self._size, self._root, self._digest, self._keys, self._order))
        ids = sys.getsizeof(self._ids) + sum(sys.getsizeof(i) for i in self._ids)
        pos = sys.getsizeof(self._pos)
        counts = sys.getsizeof(self._counts) + 64 * len(self._counts)
        return int(arrays + ids + pos + counts)


def _merge_sorted(keys: U32, order: U32) -> tuple[U32, U32]:
    """Sort each band's keys, carrying the entry indices along (stable: radix sort for uint32)."""
    perm = np.argsort(keys, axis=1, kind="stable")
    return np.take_along_axis(keys, perm, axis=1), np.take_along_axis(order, perm, axis=1)
