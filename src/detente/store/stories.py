"""Near-duplicate stories across the whole store, kept up to date on ingest.

``detente.merge`` clusters a batch in memory; a store must also match a new
article against everything already stored. Each stored article keeps its
MinHash signature (``signatures`` table) and its ``story``: the key of the
first stored article of its near-duplicate cluster. The LSH index over the
stored signatures is built once per process, when the first batch needs it,
and extended as articles are written (about 30 MB for 100,000 articles).
Same threshold, shingles and hash seed as ``detente.merge``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from detente.merge import SEED, lsh_bands, shingle_signature, shingles

if TYPE_CHECKING:
    from datasketch import LeanMinHash

    from detente.store.backends import Backend

SCHEME = "affine32"
THRESHOLD = 0.8
NUM_PERM = 128


@dataclass
class StoryIndex:
    backend: Backend
    threshold: float = THRESHOLD
    num_perm: int = NUM_PERM
    _lsh: object = None
    _sigs: dict[str, LeanMinHash] = field(default_factory=dict)
    _story: dict[str, str] = field(default_factory=dict)
    _order: dict[str, int] = field(default_factory=dict)

    def _load(self) -> None:
        from datasketch import MinHashLSH

        self._lsh = MinHashLSH(threshold=self.threshold, num_perm=self.num_perm,
                               params=lsh_bands(self.threshold, self.num_perm))
        rows = self.backend.rows(
            'SELECT s."article_key", s."minhash", a."story" FROM "signatures" s '
            'JOIN "articles" a ON a."article_key" = s."article_key" ORDER BY a."seq"')
        for key, blob, story in rows:
            self._add(key, _from_bytes(bytes(blob)), story)

    def _add(self, key: str, sig: LeanMinHash, story: str) -> None:
        self._lsh.insert(key, sig)
        self._sigs[key], self._story[key], self._order[key] = sig, story, len(self._order)

    def assign(self, key: str, minhash: bytes | None) -> tuple[str, list[str]]:
        """The new article's story and the other stories it joins (to be
        relabelled as its story: it bridges them), from its signature
        (``text_signature``)."""
        if self._lsh is None:
            self._load()
        if key in self._story:  # stored meanwhile through another Store: the write will say so
            return self._story[key], []
        if minhash is None:
            return key, []  # no words: nothing to compare, a story of its own
        sig = _from_bytes(minhash)
        matches = [k for k in self._lsh.query(sig) if sig.jaccard(self._sigs[k]) >= self.threshold]
        stories = sorted({self._story[k] for k in matches}, key=lambda s: self._order.get(s, len(self._order)))
        story = stories[0] if stories else key
        for other in stories[1:]:
            for member, its in self._story.items():
                if its == other:
                    self._story[member] = story
        self._add(key, sig, story)
        return story, stories[1:]

    def forget(self) -> None:
        """Drop the in-memory index (after a failed write): reloaded when next needed."""
        self._lsh, self._sigs, self._story, self._order = None, {}, {}, {}


def text_signature(text: str, num_perm: int = NUM_PERM) -> bytes | None:
    """The MinHash signature the store keeps for a text, as bytes; None for
    a text without words (nothing to compare)."""
    words = shingles(text)
    if not words:
        return None
    return shingle_signature(words, num_perm).hashvalues.astype("uint32").tobytes()


def _from_bytes(blob: bytes) -> LeanMinHash:
    import numpy as np
    from datasketch import LeanMinHash

    # The scheme is the one signature() draws with (datasketch >= 2 default,
    # 32-bit hash values).
    return LeanMinHash(seed=SEED, hashvalues=np.frombuffer(blob, dtype=np.uint32), scheme=SCHEME)
