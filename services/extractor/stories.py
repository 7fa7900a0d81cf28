"""Stories: syndicated copies of one article are one origin for corroboration.

Near-duplicates are found with MinHash over word 3-shingles and banded LSH (rensa, a Rust
implementation; datasketch did the same but imports scipy, ~55 MB of a worker's memory).
LSH only proposes candidates (32 bands of 2 rows: a pair at Jaccard 0.3 is proposed with
probability 0.95); each is then checked against the threshold with the signatures' own
Jaccard estimate. On the development corpus, copies of one story share 51-74% of their
shingles and different stories at most 4%, so a threshold of 0.3 separates them with room
to spare. A story's origin is the id of the first copy this index saw.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass

from rensa import RMinHash, RMinHashLSH

_WORD = re.compile(r"\w+")
SEED = 20260106  # fixed: every worker must compute the same signature for the same text


def shingles(text: str, k: int = 3) -> set[str]:
    words = _WORD.findall(text.lower())
    return {" ".join(words[i : i + k]) for i in range(max(1, len(words) - k + 1))}


@dataclass(frozen=True, slots=True)
class _Seen:
    key: int  # insertion number, also the LSH key
    origin: str
    signature: RMinHash


class StoryIndex:
    """Remembers recent articles and names the story each new one belongs to."""

    def __init__(self, threshold: float = 0.3, num_perm: int = 64, capacity: int = 50_000) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        self.capacity = capacity
        self.lsh = RMinHashLSH(threshold=threshold, num_perm=num_perm, num_bands=32)
        self.seen: OrderedDict[str, _Seen] = OrderedDict()  # article id -> what we know
        self.ids: dict[int, str] = {}  # LSH key -> article id
        self.counter = 0

    def origin(self, article_id: str, text: str) -> str:
        """The origin of ``article_id``: the first similar article's origin, or itself."""
        known = self.seen.get(article_id)
        if known is not None:
            return known.origin
        signature = RMinHash(num_perm=self.num_perm, seed=SEED)
        signature.update(sorted(shingles(text)))
        similar = [
            self.seen[self.ids[key]]
            for key in self.lsh.query(signature)
            if key in self.ids
            and signature.jaccard(self.seen[self.ids[key]].signature) >= self.threshold
        ]
        origin = min(similar, key=lambda s: s.key).origin if similar else article_id
        self.counter += 1
        self.lsh.insert(self.counter, signature)
        self.ids[self.counter] = article_id
        self.seen[article_id] = _Seen(self.counter, origin, signature)
        while len(self.seen) > self.capacity:
            _, old = self.seen.popitem(last=False)
            self.lsh.remove(old.key)
            del self.ids[old.key]
        return origin
