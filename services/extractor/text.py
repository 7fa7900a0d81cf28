"""Text plumbing for the extractor: folding with an offset map, phrases, sentences."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import ahocorasick


@dataclass(frozen=True, slots=True)
class Folded:
    """A case- and accent-folded copy of a text, and where each folded char came from."""

    text: str
    origin: Sequence[int]  # folded index -> original index

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original text's span of a folded span."""
        if start >= len(self.origin):
            return len(self.origin), len(self.origin)
        last = self.origin[end - 1] + 1 if end > start else self.origin[start]
        return self.origin[start], last

    def aligned(self, written: str) -> str:
        """``written`` (the text this was folded from) char for char with the folded text:
        scare quotes and accents fold away, capitals still tell names from other words."""
        if len(self.text) == len(written):
            return written
        return "".join(written[o] for o in self.origin)


# Scare quotes around one to three words inside a sentence: "are 'legitimate' targets", "a
# "reassurance" force" (curly ones fold to these). Folding drops them so that a phrase
# they cut ("legitimate targets") still reads as one; a quotation's own marks (with its
# punctuation inside) stay.
_SCARE_QUOTES = re.compile(r"(?<=\s)(['\"])[\w-]+(?: [\w-]+){0,2}(['\"])(?=[\s,;:.])")


def fold(text: str) -> Folded:
    """Fold case and accents, remembering offsets (one original char may fold to several)."""
    if text.isascii():  # most news: lower() keeps every offset (47% of extraction time before)
        folded = Folded(text.lower(), range(len(text)))
    else:
        out: list[str] = []
        origin: list[int] = []
        for i, ch in enumerate(text):
            for f in unicodedata.normalize("NFKD", ch.casefold()):
                if unicodedata.combining(f):
                    continue
                out.append("'" if f in "\u2019\u2018" else '"' if f in "\u201c\u201d" else f)
                origin.append(i)
        folded = Folded("".join(out), tuple(origin))
    return _unquoted(folded) if _opens_a_quote(folded.text) else folded


def _opens_a_quote(text: str) -> bool:
    """Whether a quote mark follows whitespace in ``text``, as a scare quote's opening one
    does: most marks ("Russia's") open none, and the scare-quote regex is then not run."""
    for mark in ("'", '"'):
        at = text.find(mark, 1)
        while at > 0:
            if text[at - 1].isspace():
                return True
            at = text.find(mark, at + 1)
    return False


def _unquoted(folded: Folded) -> Folded:
    """``folded`` without its scare quotes, each char still mapped to its origin."""
    drop: set[int] = set()
    for m in _SCARE_QUOTES.finditer(folded.text):
        if m.group(1) == m.group(2):
            drop.update((m.start(1), m.start(2)))
    if not drop:
        return folded
    text = folded.text
    keep = [i for i in range(len(text)) if i not in drop]
    return Folded("".join(text[i] for i in keep), tuple(folded.origin[i] for i in keep))


def fold_phrase(phrase: str) -> str:
    return fold(phrase).text


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _joins(ch: str) -> bool:
    """Whether ``ch`` would run on into a neighbouring word (a phrase's edge)."""
    return ch.isalnum() or ch in "_-*"


_SPACES = {ord(c): " " for c in "\t\n\r\x0b\x0c\u00a0\u2009\u202f"}


_NONE: list[tuple[int, int, str]] = []
# an ASCII character's kind for the scanner: 0 ends a word, a hyphen joins words
_WORD, _HYPHEN = 2, 1
_ASCII_KINDS = bytes(
    _WORD if (chr(c).isalnum() or chr(c) == "_") else _HYPHEN if chr(c) == "-" else 0
    for c in range(256)
)


class Scanner:
    """Finds the phrases of many PhraseSets in a text in one Aho-Corasick pass.

    Matching is as in the regex form (whole words, hyphens join words, a trailing ``*``
    matches a word ending, the longest phrase wins at a position, matches do not overlap
    within one set), but one C-level pass serves every set: the extractor asks ~20 sets
    about each sentence, and one regex scan per set was most of its time. Whitespace
    inside a phrase matches one whitespace character (newlines and tabs included).
    """

    def __init__(self) -> None:
        self._entries: dict[str, list[tuple[int, bool]]] = {}
        self._sets = 0
        self._automaton: Any = None
        # the sentence being read and its fragments are asked about several times
        self._recent: dict[str, list[list[tuple[int, int, str]]]] = {}
        self._last_text: str | None = None
        self._last_found: list[list[tuple[int, int, str]]] = []

    def add(self, phrases: Iterable[str]) -> int:
        """Register one set of (folded) phrases; returns the set's index."""
        index = self._sets
        self._sets += 1
        for phrase in phrases:
            wildcard = phrase.endswith("*")
            key = re.sub(r"\s+", " ", phrase[:-1] if wildcard else phrase)
            entries = self._entries.setdefault(key, [])
            if (index, wildcard) not in entries:
                entries.append((index, wildcard))
        self._automaton = None
        self._recent.clear()
        self._last_text = None
        return index

    def _build(self) -> Any:
        automaton = ahocorasick.Automaton()
        for key, entries in self._entries.items():
            # sets that take the phrase as it is, and sets that let it run to a word's end
            exact = tuple(index for index, wildcard in entries if not wildcard)
            open_ended = tuple(index for index, wildcard in entries if wildcard)
            automaton.add_word(key, (len(key), exact, open_ended, key))
        automaton.make_automaton()
        return automaton

    def scan(self, text: str) -> list[list[tuple[int, int, str]]]:
        """Per set, its non-overlapping matches in ``text`` as (start, end, text)."""
        if text is self._last_text:  # the same sentence asked about again: most calls
            return self._last_found
        cached = self._recent.get(text)
        if cached is not None:
            self._last_text, self._last_found = text, cached
            return cached
        if self._automaton is None:
            self._automaton = self._build()
        # tabs, newlines and no-break spaces are not printable: most sentences have none
        flat = text if text.isprintable() else text.translate(_SPACES)
        ready: list[list[tuple[int, int, str]]] = [_NONE] * self._sets  # _NONE: never mutated
        crowded: list[int] = []  # sets with more than one match: overlaps to resolve
        if self._entries and flat is text and text.isascii():
            # most news: printable ASCII. Each character's class is read from a byte string,
            # not asked of the character, and a match is kept as the (start, end, text) it
            # will be returned as: the key is its text (the extractor's hottest loop)
            kind = flat.encode("ascii").translate(_ASCII_KINDS) + b"\0"
            for last_char, (length, exact, open_ended, key) in self._automaton.iter(flat):
                start = last_char - length + 1
                if start > 0 and kind[start - 1] and kind[start]:
                    continue  # inside a word
                end = last_char + 1
                if exact and not (kind[end] and kind[last_char]):
                    _put(ready, crowded, exact, (start, end, key))
                if open_ended:
                    while kind[end] == _WORD:
                        end += 1
                    if kind[end] != _HYPHEN:
                        _put(ready, crowded, open_ended, (start, end, text[start:end]))
        elif self._entries:
            # text with other characters: the boundary tests asked of each character
            n = len(flat)
            for last_char, (length, exact, open_ended, _) in self._automaton.iter(flat):
                start = last_char - length + 1
                if start > 0 and _joins(flat[start]):
                    before = flat[start - 1]
                    if before.isalnum() or before in "_-":
                        continue
                end = last_char + 1
                if exact:
                    after = flat[end] if end < n and _joins(flat[last_char]) else " "
                    if not (after.isalnum() or after in "_-"):
                        _put(ready, crowded, exact, (start, end, text[start:end]))
                if open_ended:
                    while end < n and _is_word(flat[end]):
                        end += 1
                    if end >= n or flat[end] != "-":
                        _put(ready, crowded, open_ended, (start, end, text[start:end]))
        for index in crowded:
            ready[index] = _longest_apart(ready[index])
        self._remember(text, ready)
        return ready

    def _remember(self, text: str, found: list[list[tuple[int, int, str]]]) -> None:
        if len(self._recent) >= 64:  # an article's sentences, asked about again later
            self._recent.clear()
        self._recent[text] = found
        self._last_text, self._last_found = text, found


def _put(
    ready: list[list[tuple[int, int, str]]],
    crowded: list[int],
    indexes: tuple[int, ...],
    match: tuple[int, int, str],
) -> None:
    """Add ``match`` to each set of ``indexes``; a set's second match marks it crowded."""
    for index in indexes:
        listed = ready[index]
        if listed is _NONE:
            ready[index] = [match]
        else:
            if len(listed) == 1:
                crowded.append(index)
            listed.append(match)


def _longest_apart(matches: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Non-overlapping matches, the longest where several start together (sorts in place)."""
    matches.sort()  # by start, then the shorter first: the longer replaces it below
    chosen: list[tuple[int, int, str]] = []
    cursor = 0
    for match in matches:
        if chosen and match[0] == chosen[-1][0]:
            chosen[-1] = match
            cursor = match[1]
        elif match[0] >= cursor and match[1] > match[0]:
            chosen.append(match)
            cursor = match[1]
    return chosen


class PhraseSet:
    """Whole-word matching of many phrases at once; ``*`` matches a word ending.

    With a ``scanner``, the set is matched in the scanner's shared pass (the extractor's
    way); without one, by a regex of its own, the reference the scanner is tested against.
    """

    def __init__(self, phrases: Iterable[str], scanner: Scanner | None = None) -> None:
        folded = {fold_phrase(p) for p in phrases}
        self.scanner = scanner
        self.index = scanner.add(folded) if scanner is not None else -1
        self.pattern: re.Pattern[str] | None = None
        if scanner is None and folded:
            alternation = "|".join(
                # a word must not go on past a phrase's end that is a word's end: a phrase
                # that starts or ends with punctuation (";") needs no boundary there
                (r"(?<![\w-])" if _joins(phrase[0]) else "")
                + re.escape(phrase).replace(r"\*", r"\w*").replace(r"\ ", r"\s+")
                + (r"(?![\w-])" if _joins(phrase[-1]) else "")
                # longest first, as the scanner chooses: a "*" may match nothing, so it does
                # not count ("rule;" before "rule*" on "rule;"), but it matches at least what
                # its literal does ("rule;*" before "rule;" on "rule;rule"); then a fixed order
                for phrase in sorted(
                    folded, key=lambda p: (-len(p) + p.count("*"), -p.count("*"), p)
                )
            )
            self.pattern = re.compile(alternation)

    def find(self, folded: str) -> list[tuple[int, int, str]]:
        """Non-overlapping matches as (start, end, text) in folded coordinates."""
        scanner = self.scanner
        if scanner is not None:
            if folded is scanner._last_text:  # the sentence being read: most calls
                return scanner._last_found[self.index]
            return scanner.scan(folded)[self.index]
        if self.pattern is None:
            return []
        return [(m.start(), m.end(), m.group(0)) for m in self.pattern.finditer(folded)]

    def search(self, folded: str) -> bool:
        scanner = self.scanner
        if scanner is not None:
            if folded is scanner._last_text:
                return bool(scanner._last_found[self.index])
            return bool(scanner.scan(folded)[self.index])
        return self.pattern is not None and self.pattern.search(folded) is not None


_BOUNDARY = re.compile(r"""[.!?]["')\u201d\u2019]*\s+(?=["'(\u201c\u2018]?[A-Z0-9])""")


@functools.lru_cache(maxsize=8)
def _words(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w.lower() for w in words)


@functools.lru_cache(maxsize=8)
def _abbreviations(abbreviations: tuple[str, ...]) -> frozenset[str]:
    return frozenset(a.lower().rstrip(".") for a in abbreviations)


# a line break, and what may follow it
_LINE = re.compile(r"[ \t]*\r?\n\s*")
BULLETS = "-*\u2022\u2013\u2014\u2192\u00b7"
_OPENERS = "\"'(\u201c\u2018"


def _line_breaks(text: str, runs_on: frozenset[str]) -> list[int]:
    """Where a line break starts a sentence although no full stop ended the line before:
    after a headline, a caption or a list item, before a bullet, and at every blank line.
    A line that ends with a comma or one of ``runs_on`` ("and") goes on into the next."""
    cuts = []
    for m in _LINE.finditer(text):
        following = text[m.end() : m.end() + 1]
        if not following:
            break
        if m.group().count("\n") > 1 or following in BULLETS:
            cuts.append(m.end())
            continue
        if not (following.isupper() or following.isdigit() or following in _OPENERS):
            continue
        before = text[max(0, m.start() - 40) : m.start()].rstrip()
        last = before.rsplit(None, 1)[-1] if before else ""
        if before and not before.endswith((",", "-", "(", "/")) and last.lower() not in runs_on:
            cuts.append(m.end())
    return cuts


def sentences(
    text: str, abbreviations: Iterable[str], runs_on: Iterable[str] = ()
) -> list[tuple[int, int]]:
    """Sentence spans of ``text``; abbreviations and initials do not end a sentence; a
    line break does where the line before it is a headline, a caption or a list item (and
    does not end in one of ``runs_on``)."""
    abbrevs = _abbreviations(tuple(abbreviations))
    cuts: list[int] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        # the word the full stop ends (a split: this runs at every sentence end)
        tail = text[max(start, m.start() - 40) : m.start()].rsplit(None, 1)
        token = tail[-1].lstrip("\"'(\u201c\u2018").lower() if tail else ""
        if token.rstrip(".") in abbrevs or (len(token) == 1 and token.isalpha()):
            continue
        start = m.end()
        cuts.append(start)
    if "\n" in text:  # most texts sent as one paragraph have none
        cuts = sorted({*cuts, *_line_breaks(text, _words(tuple(runs_on)))})
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in [*cuts, len(text)]:
        piece = text[start:cut].rstrip()
        if piece.strip():
            spans.append((start + len(piece) - len(piece.lstrip()), start + len(piece)))
        start = cut
    return spans
