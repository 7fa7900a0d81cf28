"""Which issues a sentence is on: cues, two-part cues, follow-ups, masks, yields."""

from __future__ import annotations

from services.extractor.text import PhraseSet
from services.extractor.vocabulary import WORDS, Vocabulary, follows

_NO_HITS: list[tuple[int, int, str]] = []
_NO_SPANS: list[tuple[int, int]] = []  # never mutated


def find_issues(
    vocab: Vocabulary, s: str, named: set[str] | frozenset[str] = frozenset()
) -> dict[str, tuple[int, int]]:
    """The issues a sentence is on, each with the span of its first cue; an issue the text
    has ``named`` before may also be named by a follow-up cue ("such a force")."""
    if not vocab.any_issue.search(s) and not (named and vocab.any_follow_up.search(s)):
        return {}  # most sentences name no issue: one scan, not eight
    masks = vocab.masks.find(s)
    hits = vocab.scanner.scan(s)  # every set's matches: indexed, not asked one by one
    out: dict[str, tuple[int, int]] = {}
    for issue, cue_set, follow_up_set, all_pairs in vocab.issue_rows:
        found = hits[cue_set]
        follow_ups = hits[follow_up_set] if named and issue in named else _NO_HITS
        if found or follow_ups:
            spans = [(start, end) for start, end, _ in found]
            if follow_ups:
                spans += [(start, end) for start, end, _ in follow_ups]
            covering = _covering(s, masks, vocab.mask_exempt.get(issue))
            span = _unmasked(s, covering, spans, vocab.not_after[issue])
        else:
            span, covering = None, None
        if span is None and all_pairs:  # two-part cues only when no plain cue does
            # both parts in the sentence: most pairs, most sentences, have one at most
            pairs = [p for p in all_pairs if hits[p.first.index] and hits[p.second.index]]
            if not pairs:
                continue
            if covering is None:
                covering = _covering(s, masks, vocab.mask_exempt.get(issue))
            spans = [sp for pair in pairs if (sp := pair.find(s, vocab.not_after[issue], covering))]
            span = _unmasked(s, covering, spans) if spans else None
        if span is not None:
            out[issue] = span
    for issue in (
        []
        if len(out) < 2
        else [
            i
            for i in out
            if any(
                out[o][0] < out[i][0]
                # "ceasefire monitoring", "how a ceasefire would be monitored"
                or _close(s, out[i][1], out[o][0])
                for o in vocab.yields_to[i]
                if o in out
            )
            # "the force ... to ensure the restoration of the Ukrainian army": the force's aim
            or any(
                out[o][0] < out[i][0] and not _broken(vocab, s, out[o][1], out[i][0])
                for o in vocab.yields_in_clause_to[i]
                if o in out
            )
        ]
    ):
        del out[issue]  # "monitoring a future ceasefire": the monitoring, named first, is the topic
    return out


def _broken(vocab: Vocabulary, s: str, end: int, start: int) -> bool:
    """True when a clause break stands between ``end`` and ``start``."""
    return any(end <= b < start for b, _, _ in vocab.clause_breaks.find(s))


def _close(s: str, end: int, start: int) -> bool:
    """True when ``start`` follows ``end`` by at most three words in the same clause."""
    gap = s[end:start]
    words = WORDS.findall(gap)
    # "open to a ceasefire but demanded guarantees": "but" turns to another thing
    return "," not in gap and ";" not in gap and len(words) <= 3 and "but" not in words


def _covering(
    s: str, masks: list[tuple[int, int, str]], exempt: PhraseSet | None
) -> list[tuple[int, int]]:
    """The context masks that hide an issue's cues: all but those that name the issue
    (``exempt``: "monitor the ceasefire" masks the ceasefire, not its monitoring)."""
    if not masks:
        return _NO_SPANS
    return [(ms, me) for ms, me, _ in masks if exempt is None or not exempt.search(s[ms:me])]


def _unmasked(
    s: str,
    covering: list[tuple[int, int]],
    spans: list[tuple[int, int]],
    not_after: frozenset[str] = frozenset(),
) -> tuple[int, int] | None:
    """The first cue span that none of the ``covering`` masks covers and that does not come
    right after one of ``not_after``."""
    for start, end in sorted(spans) if len(spans) > 1 else spans:
        if not_after and follows(s, start, not_after):
            continue
        if not any(ms <= start and end <= me for ms, me in covering):
            return start, end
    return None


def _afterthought(vocab: Vocabulary, gap: str) -> bool:
    """True when ``gap`` is a comma and an adverb at most: ", initially "."""
    before, _, after = gap.partition(",")
    words = after.split()
    return (
        not before.strip()
        and "," not in after
        and (not words or (len(words) == 1 and words[0].endswith(vocab.adverb_endings)))
    )


def agents_of(
    vocab: Vocabulary, s: str, issues: dict[str, tuple[int, int]], names: list[tuple[int, int]]
) -> list[tuple[int, str, str]]:
    """(name index, issue, stance) for each actor named right after an issue by an agent
    phrase: "an immediate ceasefire proposed by the United States" (supports), "NATO
    membership remains opposed by the United States" (opposes). ``names`` are where the
    sentence's actor mentions are, as (start, end)."""
    hits = vocab.scanner.scan(s)
    out = []
    found = [
        *((a, b, "supports") for a, b, _ in hits[vocab.issue_agents.index]),
        *((a, b, "opposes") for a, b, _ in hits[vocab.issue_opponents.index]),
    ]
    for a_start, a_end, stance in found:
        agent = next((n for n, (m_start, _) in enumerate(names) if 0 <= m_start - a_end <= 5), None)
        if agent is None:
            continue
        for issue, first in issues.items():
            spans = [first, *((start, end) for start, end, _ in hits[vocab.issues[issue].index])]
            if any(
                end <= a_start
                # "a 30-day ceasefire, initially proposed by the US": one comma, an adverb
                and ("," not in s[end:a_start] or _afterthought(vocab, s[end:a_start]))
                and len(between := WORDS.findall(s[end:a_start])) <= 3
                # "guarantees should not be backed by NATO": no agent
                and vocab.negators.isdisjoint(between)
                # "any agreement must include guarantees backed by the United States": the
                # backing is the speaker's demand, not the agent's act
                and not demanded(vocab, s, start)
                for start, end in spans
            ):
                out.append((agent, issue, stance))
                break
    return out


def demanded(vocab: Vocabulary, s: str, start: int) -> bool:
    """True when an obligation ("must", "should", "needs to") stands among the few words
    before ``start``, in its clause."""
    clause = s[max(0, start - 60) : start].rsplit(",", 1)[-1]
    words = WORDS.findall(clause)[-6:]
    return any(
        " ".join(words[i:j]) in vocab.obligations  # phrases of up to four words
        for i in range(len(words))
        for j in range(i + 1, min(i + 5, len(words) + 1))
    )
