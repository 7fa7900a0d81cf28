"""The rule-based extractor: sentences -> (actor, issue, stance) findings -> claims.

Everything linguistic comes from the registry's language file; the code only knows the
procedure. This module runs it sentence by sentence and folds an article's findings per
actor and issue; ``vocabulary`` compiles the registry's phrases, ``attribution`` finds
who speaks, ``issues`` what a sentence is about, ``stance`` what it says of it.
"""

from __future__ import annotations

import re
from collections import defaultdict, deque
from collections.abc import Iterator
from itertools import islice
from typing import NamedTuple

from schemas.base import Evidence, Stance
from schemas.claim import PositionClaim, StatusClaim
from schemas.inputs import NewsArticle, Statement
from schemas.registry import Registry
from services.core.intake import QUOTE_CHARS, claim_id
from services.extractor.attribution import (
    Mention,
    clause_holders,
    find_mentions,
    latest_speaker,
    named,
    opening_subject,
    referred_back,
    speakers,
    speaks,
)
from services.extractor.issues import agents_of, find_issues
from services.extractor.stance import (
    SentenceReading,
    actor_events,
    appositions,
    background,
    clause_end,
    cues,
    has_a_reading,
    owned_stances,
    proposers,
    reading,
)
from services.extractor.text import BULLETS, Folded, fold, sentences
from services.extractor.vocabulary import ORDER, WORDS, Vocabulary, vocabulary

NAME = "peacewatch-rules"
VERSION = "1.1"  # the reading procedure; the vocabulary's digest follows it in a claim
PRODUCER = f"{NAME}/{VERSION}"


def producer(registry: Registry) -> str:
    """A claim's producer: the extractor, its version and the vocabulary's digest
    ("peacewatch-rules/1.1+3f2a9c1d"): two claims read alike name the same producer."""
    return f"{PRODUCER}+{vocabulary(registry).digest}"


# "BERLIN - ", "KYIV, Ukraine - " open a text; after a headline and a byline, only a
# dateline with an agency's name ("WASHINGTON (Reuters) -Russian President ..."), where the
# dash may touch the first word ("NATO - the alliance itself - backs ..." is no dateline)
_DATELINE = re.compile(r"^[A-Z][A-Z .'-]{2,40}(,[^-\u2013\u2014]{0,30})?\s*[-\u2013\u2014]\s+")
_AGENCY_DATELINE = re.compile(
    r"^[A-Z][A-Z .'-]{2,40}(,[^-\u2013\u2014(]{0,30})?\s*\([A-Za-z .]{2,30}\)\s*[-\u2013\u2014]\s*"
)
_DATELINE_REACH = 300  # characters into the text
_OPENING_QUOTES = '"\u201c'
_DASHES = ("\u2013", "\u2014", " - ")
_QUOTE_REACH = 4  # sentences a quotation may run on before the one that names its speaker


def _still_quoting(quoting: bool, sentence: str) -> bool:
    """Whether a quotation is open after ``sentence``: straight quotes toggle it, curly
    ones open and close it."""
    if sentence.count('"') % 2:
        quoting = not quoting
    opened, closed = sentence.rfind("\u201c"), sentence.rfind("\u201d")
    if opened != closed:  # both -1 when there is none
        quoting = opened > closed
    return quoting


class Finding(NamedTuple):
    """One sentence's reading: who, on what, which stance, how sure, and where."""

    actor: str
    issue: str
    stance: str | None
    status: str | None
    confidence: float
    start: int
    end: int
    speaker: str | None


class Trace(NamedTuple):
    """Why a sentence was read as it was (``peacewatch explain``)."""

    start: int
    end: int
    outcome: str
    speakers: tuple[str, ...] = ()
    how: str = ""
    issues: tuple[str, ...] = ()
    cues: tuple[tuple[str, str, str | None], ...] = ()  # (text, kind, read as)
    conditions: tuple[str, ...] = ()


def read_sentences(
    text: str,
    registry: Registry,
    default_actor: str | None = None,
    trace: list[Trace] | None = None,
) -> list[Finding]:
    """Every finding of every sentence of ``text``, in order; with ``trace``, why each
    sentence was read as it was."""
    vocab = vocabulary(registry)
    rules = vocab.language.confidence
    findings: list[Finding] = []
    last_speaker: list[Mention] = []
    # sentences that name no issue are attributed only if a later "he said" needs a speaker
    unattributed: list[tuple[Folded, str, str]] = []
    named: set[str] = set()  # issues the text has named so far ...
    # ... once these earlier sentences (or the issues found in them) are read for cues
    unread: list[str | dict[str, tuple[int, int]]] = []
    quoting = False  # inside a quotation that an earlier sentence opened
    before: str | None = None  # the sentence before, when it named an issue
    # the sentence before opened a list ("Medinsky outlined Moscow's five demands:"): its
    # items are that speaker's
    listing = False

    def set_aside(why: str, issues: dict[str, tuple[int, int]] | None = None) -> None:
        """A sentence with nothing to read now: its speaker is read only if a later "he
        said" carries it."""
        unattributed.append((folded, written, aligned))
        if trace is not None:
            trace.append(Trace(offset, end, why, issues=(*(issues or ()),)))

    pending = deque(sentences(text, vocab.language.abbreviations, vocab.language.runs_on))
    # the second speaker's part of a sentence read in two: the issues of the first part,
    # for a second part that names none ("..., while Kostyukov insisted Kyiv first withdraw")
    turned: dict[int, dict[str, tuple[int, int]]] = {}
    while pending:
        start, end = pending.popleft()
        raw = text[start:end]
        was_quoting = quoting
        quoted, quoting = (
            quoting or raw.lstrip()[:1] in _OPENING_QUOTES,
            _still_quoting(quoting, raw),
        )
        # "BERLIN - " opens a text, or its body after a headline and a byline
        dateline = (
            (_DATELINE.match(raw) or _AGENCY_DATELINE.match(raw))
            if start == 0
            else _AGENCY_DATELINE.match(raw)
            if start < _DATELINE_REACH
            else None
        )
        offset = start + (dateline.end() if dateline else 0)
        written = text[offset:end]
        folded: Folded = fold(written)
        s = folded.text
        # the sentence as written, char for char with its folded text (scare quotes and
        # accents fold away): capitals tell names from other words
        aligned = folded.aligned(written)
        previous, before = before, s
        listed = listing and s[:1] in BULLETS
        listing = listed or s.rstrip().endswith(":")
        referred: dict[str, tuple[int, int]] = {}
        inherited = turned.pop(start, None)
        if not vocab.any_issue.search(s) and not vocab.any_follow_up.search(s):
            before = None
            # "Russia would not accept it": the one issue the sentence before named
            if not inherited and (
                previous is None or not (referred := _referent(vocab, s, previous, named))
            ):
                set_aside("names no issue")
                continue
        if not has_a_reading(vocab, s):
            # names an issue but says nothing about it: its issue too is read only if a
            # later follow-up cue needs it
            set_aside("names an issue without a stance or status cue")
            unread.append(s)
            continue
        mentions: list[Mention] | None = None
        if (
            inherited is None
            # most sentences: none
            and (
                any(needle in s for needle in vocab.speaker_turns)
                or s.startswith(vocab.opening_turns)
            )
            and (turn := _turn(vocab, s, aligned, mentions := find_mentions(vocab, s))) is not None
        ):
            # another speaker's sentence inside this one: read the two apart
            cut = offset + folded.span(turn, turn)[0]
            pending.extendleft(((cut, end), (start, cut)))
            turned[cut] = dict.fromkeys(find_issues(vocab, s[:turn], named), (0, 0))
            quoting, before = was_quoting, previous
            continue
        if unread and vocab.any_follow_up.search(s):  # only now is it worth knowing
            for earlier in unread:
                named.update(earlier if isinstance(earlier, dict) else find_issues(vocab, earlier))
            unread.clear()
        issues = referred or find_issues(vocab, s, named) or inherited
        if not issues:
            # a cue inside a mask, a follow-up before anything was named
            set_aside("issue cue masked, or a follow-up too early")
            continue
        if s.rstrip(" \"')").endswith("?"):
            # "Will Ukraine be able to finance such an army?": a question states nothing
            set_aside("a question", issues)
            unread.append(issues)
            continue
        if background(vocab, s) or vocab.hypothetical.search(s):
            # the past or a hypothesis: not a position now
            set_aside("background or hypothetical", issues)
            unread.append(issues)
            continue
        if mentions is None:
            mentions = find_mentions(vocab, s)
        actors, how = speakers(vocab, s, mentions, aligned)
        if not actors and quoting and (closer := _closing_speaker(vocab, text, pending)):
            # '"Without guarantees, this war cannot be over. ... renewed aggression,"
            # Zelensky explained': a quotation that goes on names its speaker at its close
            actors, how = closer, "carried"
        if (
            not actors
            and (
                quoted  # a quotation goes on: '... said Lavrov. "We will not tolerate it."'
                or listed  # "- Ukraine's neutral status: ..." after "... outlined demands:"
                or (vocab.carry is not None and vocab.carry.search(s))
                or (vocab.opening is not None and vocab.opening.match(s))
            )
            # '"...," Nikushor Dan said': a speaker the registry does not know is no one
            # to carry the last known speaker over
            and not _unknown_speaker(vocab, s, aligned)
            and (
                last_speaker := latest_speaker(
                    vocab,
                    unattributed,
                    last_speaker,
                    vocab.personal is not None and vocab.personal.search(s) is not None,
                )
            )
        ):
            actors, how = last_speaker, "carried"
        if not actors and default_actor is not None:
            actors, how = [Mention(0, 0, default_actor, False, "")], "statement"
        told = _told_of_others(vocab, s) if quoted and how != "statement" else None
        if told is not None and (named_there := referred_back(vocab, s, mentions, told)):
            # '"... the U.S. and some other countries have said that they are against NATO
            # membership," Rutte said': "they" are the names just before it, not others
            actors, how, told = named_there, "subject", None
        if actors and how in ("explicit", "subject"):
            # the latest speaker: read again (and named) only if a later sentence carries it
            unattributed[:] = [(folded, written, aligned)]
            last_speaker = []
        speaking = {m.actor for m in actors if not m.voice}
        # "..., an alternative to Putin's long-standing opposition to NATO membership"
        owned = [o for o in owned_stances(vocab, s, issues) if o[0] not in speaking]
        # ", a move Zelensky called a 'huge step forward'": his appraisal, not the speaker's
        appraised = _appraisals(vocab, s, issues, mentions, speaking)
        # a sentence with no speaker may still tell another's appraisal or own stance:
        # "This follows the Paris pledge of guarantees, a move Moscow has condemned as a
        # provocation", "The leaders underscored the coalition's readiness to provide ...";
        # or another's proposal, "Moscow has not answered Washington's proposal for a
        # ceasefire" (the speaker's own too when joined to the issue: "the U.S.-brokered truce")
        proposed = [
            p for p in proposers(vocab, s, issues) if p[0] not in speaking or s[p[3]] == "-"
        ]
        # ... or an agent, who stands behind the issue too: "a truce proposed by Washington",
        # "guarantees backed by the coalition, it was revealed"
        agents = (
            agents_of(vocab, s, issues, [(m.start, m.end) for m in mentions])
            if vocab.issue_agents.search(s) or vocab.issue_opponents.search(s)
            else ()
        )
        if (
            not actors
            and not owned
            and not appraised
            and not proposed
            and not agents
            # '... leaders of the "coalition of the willing," composed mainly of European
            # nations working to establish security assurances': the apposition's actor
            and not (
                vocab.appositive_heads.search(s)
                and appositions(vocab, s, [m.start for m in mentions])
            )
            # "Her statement came after the UK and France signed a declaration committing to
            # lead a troop deployment": the actors of an event of their own
            and not (
                vocab.actor_event_openers.search(s)
                and actor_events(vocab, s, [m.start for m in mentions])
            )
        ):
            unread.append(issues)
            if trace is not None:
                trace.append(Trace(offset, end, "no speaker found", issues=(*issues,)))
            continue
        if told is not None:
            # '"... they intend to deploy these troops," Lavrov said': others' stance
            set_aside("a quotation telling of others' stance", issues)
            unread.append(issues)
            continue
        named.update(issues)
        sentence = SentenceReading(
            vocab,
            s,
            issues,
            [
                *(m.start for m in mentions if m.actor not in speaking),
                *(start for _, start, _, _, _, _ in owned),
            ],
            [
                *((start, end) for _, start, _, end, _, _ in owned),
                *((start, end) for *_, start, end in appraised),
            ],
        )
        if trace is not None:
            trace.append(
                Trace(
                    offset,
                    end,
                    "read",
                    tuple(m.actor for m in actors if not m.voice),
                    how,
                    (*issues,),
                    tuple((s[a:b], kind, read_as) for a, b, kind, read_as in cues(vocab, s)),
                    tuple(s[a:b] for a, b in sentence.conditions),
                )
            )
        bonus = {
            "explicit": rules.explicit_attribution,
            "subject": rules.subject_attribution,
            "statement": rules.explicit_attribution,
        }.get(how, rules.carried_over_attribution)
        confidence = rules.base + bonus + (rules.single_issue_sentence if len(issues) == 1 else 0)
        first_finding = len(findings)
        for issue in sorted(issues):
            stance, status = sentence.stance(issue), sentence.status(issue)
            if stance is None and status is None:
                continue
            for mention in {m.actor: m for m in actors if not m.voice}.values():
                findings.append(
                    Finding(
                        actor=mention.actor,
                        issue=issue,
                        stance=stance,
                        status=status,
                        confidence=min(confidence, 0.95),
                        start=offset,
                        end=end,
                        speaker=mention.name
                        or (written[slice(*folded.span(mention.start, mention.end))] or None),
                    )
                )
        read_here = {(f.actor, f.issue) for f in findings[first_finding:]}
        # others the sentence names as holding a stance: "Putin's opposition to ...", and
        # "a truce proposed by Washington" (support); the speaker's own reading stands
        named_holders = [
            *((actor, issue, stance, a, b) for actor, a, b, _, issue, stance in owned),
            *(
                (mentions[n].actor, issue, stance, mentions[n].start, mentions[n].end)
                for n, issue, stance in agents
            ),
            *_event_holders(vocab, s, sentence, mentions, speaking),
            *(_apposed_holders(vocab, s, sentence) if sentence.appositions else ()),
            *((actor, issue, stance, a, b) for actor, issue, stance, a, b, _, _ in appraised),
            *((actor, issue, "supports", a, b) for actor, issue, a, b in proposed),
        ]
        for actor, issue, stance, name_start, name_end in named_holders:
            if (actor, issue) in read_here:
                continue
            read_here.add((actor, issue))
            findings.append(
                Finding(
                    actor=actor,
                    issue=issue,
                    stance=stance,
                    status=None,
                    confidence=min(rules.base + rules.subject_attribution, 0.95),
                    start=offset,
                    end=end,
                    speaker=written[slice(*folded.span(name_start, name_end))],
                )
            )
    return findings


def _closing_speaker(
    vocab: Vocabulary, text: str, pending: deque[tuple[int, int]]
) -> list[Mention]:
    """The speaker that the sentence closing a quotation still open names explicitly
    ('... renewed aggression," Zelensky explained'), looking at most a few sentences on;
    empty if it names none."""
    quoting = True
    for start, end in islice(pending, _QUOTE_REACH):
        raw = text[start:end]
        quoting = _still_quoting(quoting, raw)
        if quoting:
            continue
        folded = fold(raw)
        s = folded.text
        actors, how = speakers(vocab, s, find_mentions(vocab, s), folded.aligned(raw))
        spoke = [m for m in actors if not m.voice and not m.partner]
        return named(spoke, folded, raw) if how == "explicit" else []
    return []


def _read_within(vocab: Vocabulary, s: str, start: int, end: int) -> str | None:
    """The stance the cues between ``start`` and ``end`` read, of every kind: another
    actor's event, apposition, appraisal or relative clause."""
    return reading(vocab, s, [(0, start), (end, len(s))], ORDER)


def _event_holders(
    vocab: Vocabulary,
    s: str,
    sentence: SentenceReading,
    mentions: list[Mention],
    speaking: set[str],
) -> Iterator[tuple[str, str, str, int, int]]:
    """Other actors that open an event of their own and take a stance there, on the issues
    named in it: "... after the Russian leader ruled out allowing the coalition to deploy a
    peacekeeping force" is Russia's refusal."""
    for e_start, e_end in sentence.events:
        first = next((m for m in mentions if e_start < m.start < e_end), None)
        if first is None or first.actor in speaking:
            continue
        if len(WORDS.findall(s, e_start, first.start)) > 3:
            continue  # the actor must open the event: "after (the) Russia(n leader)"
        holders = [m for m in clause_holders(vocab, s, mentions, first) if m.end <= e_end]
        # an ambiguous name ("the UK") holds only when listed with one that is not
        if not holders or all(m.ambiguous for m in holders):
            continue
        stance = _read_within(vocab, s, first.end, e_end)
        if stance is None:
            continue
        # the issues named in the event: first there, or again there ("foreign soldiers
        # sent to Ukraine would be targets, after the UK announced plans to deploy a force")
        again = find_issues(vocab, s[first.end : e_end])
        for issue, (i_start, _) in sentence.issues.items():
            if first.end <= i_start < e_end or issue in again:
                for m in holders:
                    yield m.actor, issue, stance, m.start, m.end


def _apposed_holders(
    vocab: Vocabulary, s: str, sentence: SentenceReading
) -> Iterator[tuple[str, str, str, int, int]]:
    """The actor an apposition tells of, on the issues named in it, with the stance read
    there: 'the "coalition of the willing," a group of countries pledging to send troops
    after a ceasefire' is the coalition's conditional support."""
    for a_start, a_end, actor, name_start, name_end in sentence.appositions:
        stance = _read_within(vocab, s, a_start, a_end)
        if stance is None:
            continue
        for issue in find_issues(vocab, s[a_start:a_end]):
            yield actor, issue, stance, name_start, name_end


def _appraisals(
    vocab: Vocabulary,
    s: str,
    issues: dict[str, tuple[int, int]],
    mentions: list[Mention],
    speaking: set[str],
) -> list[tuple[str, str, str, int, int, int, int]]:
    """Other actors' appraisals of what the sentence said before them: "..., a move
    Moscow has condemned as a provocation" is Russia's refusal of the issues named before
    the comma, and "a truce that Kiev has indicated its willingness to accept" is Kyiv's
    support of the truce. Each is (actor, issue, stance, name start, name end) and the
    appraisal's span, from its comma (or the issue's end) to the clause's end."""
    out: list[tuple[str, str, str, int, int, int, int]] = []
    if vocab.appraisal is not None and vocab.appraisal_verb is not None:
        found_at = [*vocab.appraisal.finditer(s)]
        if vocab.dashed_appraisal is not None and any(d in s for d in _DASHES):
            found_at += vocab.dashed_appraisal.finditer(s)
        for found in found_at:
            name = _named_at(s, mentions, found.end(), speaking)
            verb = vocab.appraisal_verb.match(s, name.end) if name is not None else None
            if name is None or verb is None:
                continue
            end = clause_end(s, verb.end())
            stance = _read_within(vocab, s, verb.start(), end)
            if stance is not None:
                out += [
                    (name.actor, issue, stance, name.start, name.end, found.start(), end)
                    for issue, (i_start, _) in issues.items()
                    if i_start < found.start()
                ]
    for issue, (_, i_end) in issues.items():
        relative = vocab.relative.match(s, i_end) if vocab.relative is not None else None
        name = _named_at(s, mentions, relative.end(), speaking) if relative else None
        if name is None:
            continue
        end = clause_end(s, name.end)
        words = WORDS.findall(s, name.end, end)
        if any(
            " ".join(words[i : i + n]) in vocab.obligations
            for i in range(len(words))
            for n in (1, 2, 3)
        ):
            continue  # "a ceasefire that Russia must observe": the speaker's demand
        stance = _read_within(vocab, s, name.end, end)
        if stance is not None:
            out.append((name.actor, issue, stance, name.start, name.end, i_end, end))
    return out


def _named_at(s: str, mentions: list[Mention], at: int, speaking: set[str]) -> Mention | None:
    """The actor named at ``at`` ("Moscow", "the Kremlin"), unless it is a speaker."""
    name = next((m for m in mentions if m.start >= at and s[at : m.start] in ("", "the ")), None)
    return name if name is not None and name.actor not in speaking else None


# a capitalised name right before a reporting verb, after a comma, a quotation or a dash
_NAMED_BEFORE = re.compile(r"""(?:^|[,"'\u201d\u2014-])\s+((?:[A-Z][\w.'-]*\s+){1,4})(\w+)\b""")


def _unknown_speaker(vocab: Vocabulary, s: str, original: str) -> bool:
    """True when ``original`` (the sentence as written, aligned with its folded ``s``) names
    its own speaker, one the registry does not know, before a reporting verb: '"...,"
    Nikushor Dan said'. The verbs are the ones the sentence's scan found."""
    verbs = {start for start, _, _ in vocab.reporting.find(s)}
    return any(
        m.start(2) in verbs and m.group(1).split()[0].lower() not in vocab.not_names
        for m in _NAMED_BEFORE.finditer(original)
    )


def _told_of_others(vocab: Vocabulary, s: str) -> int | None:
    """Where the subject of the sentence's first stance cue is, when it is one of the
    pronouns that, in a quotation, name others ("they intend to deploy"), auxiliaries and
    adverbs between; None when it is not."""
    for start, _, _, read_as in cues(vocab, s):
        if read_as is None:
            continue
        before = list(WORDS.finditer(s, max(0, start - 40), start))
        while before and (
            before[-1].group() in vocab.reported_auxiliaries
            or before[-1].group().endswith(vocab.adverb_endings)
        ):
            before.pop()
        if before and before[-1].group() in vocab.quoted_others:
            return before[-1].start()
        return None
    return None


def _turn(vocab: Vocabulary, s: str, original: str, mentions: list[Mention]) -> int | None:
    """Where another speaker's sentence starts inside ``s``: after a speaker turn
    ("..., while Kostyukov insisted ...") whose clause names its speaker before its
    reporting verb; None if there is no such place. ``original`` is the sentence as
    written when it aligns with ``s``: capitals tell other names apart."""
    if s.startswith(vocab.opening_turns) and (comma := s.find(", ")) > 0:
        # "While Trump has said ..., Russia has given no indication ...": two actors
        after = comma + 2
        own = [m for m in mentions if after <= m.start <= after + 40]
        if (
            own
            and (
                s[after : own[0].start].strip() in ("", "the", "a", "an")
                # "..., some countries, including Italy and Poland, have ..."
                or any(
                    after <= h_start and h_end <= own[0].start
                    for h_start, h_end, _ in vocab.subject_heads.find(s)
                )
            )
            and any(m.end <= comma and m.actor != own[0].actor for m in mentions)
        ):
            return after
    turns = sorted(
        (at, at + len(needle))
        for needle in vocab.speaker_turns
        if needle in s  # most sentences: no turn at all
        for at in _occurrences(s, needle)
    )
    if not turns:
        return None
    verbs = vocab.reporting.find(s)
    for t_start, t_end in turns:
        verb = next((v_start for v_start, _, _ in verbs if v_start >= t_end), None)
        # "..., but Polish soldiers will not go, the minister said" goes on the first
        # speaker's sentence: the second names its speaker first, then the verb
        if verb is None or s[:verb].rstrip().endswith((",", '"', "'")):
            continue
        tail = s[t_end:].lstrip()
        at = len(s) - len(tail)
        second = {
            m.actor
            for m in mentions
            if at <= m.start < verb and speaks(vocab, s, original, m, verb)
        }
        if not second or {m.actor for m in mentions if m.end <= t_start} <= second:
            continue  # no second speaker, or no other actor named before it
        # the first part keeps a speaker of its own, another actor: "Zelensky said ..., while
        # Sybiha said ..." reads as one sentence of Ukraine's
        first = opening_subject(vocab, s, mentions) or [
            m
            for v_start, _, _ in verbs
            if v_start < t_start
            for m in mentions
            if m.end <= v_start and speaks(vocab, s, original, m, v_start)
        ]
        if first and not second & {m.actor for m in first}:
            return at
    return None


def _occurrences(s: str, needle: str) -> Iterator[int]:
    at = s.find(needle)
    while at >= 0:
        yield at
        at = s.find(needle, at + 1)


def _referent(
    vocab: Vocabulary, s: str, previous: str, named: set[str]
) -> dict[str, tuple[int, int]]:
    """The issue a pronoun right after a stance cue refers to, with the pronoun's span:
    the one issue the sentence before named; none if it named several."""
    if vocab.pronoun_objects is None:
        return {}
    hits = vocab.scanner.scan(s)
    # where a stance cue ends, one space before a pronoun
    ends = {end + 1 for kind in ORDER for _, end, _ in hits[vocab.stances[kind].index]}
    if not ends:
        return {}
    at = next(
        (m.span() for m in vocab.pronoun_objects.finditer(s) if m.start() in ends),
        None,
    )
    if at is None:
        return {}
    earlier = find_issues(vocab, previous, named)
    return {next(iter(earlier)): at} if len(earlier) == 1 else {}


def resolve(stances: list[str]) -> str:
    """One stance for an actor and issue from an article's sentences."""
    kinds = set(stances)
    if {"supports", "opposes"} <= kinds or "conditional" in kinds:
        return "conditional"
    return max(sorted(kinds, key=stances.index), key=stances.count)


def extract(
    event: NewsArticle | Statement, registry: Registry, origin: str | None = None
) -> list[PositionClaim | StatusClaim]:
    """Claims an article or uncoded statement makes, with quoted evidence and offsets."""
    if isinstance(event, NewsArticle):
        text, when, default_actor = event.body, event.published_at, None
    else:
        text, when = event.text, event.occurred_at
        default_actor = registry.resolve_actor(event.actor)
    findings = read_sentences(text, registry, default_actor)
    vocab = vocabulary(registry)
    rules = vocab.language.confidence
    made_by = producer(registry)
    origins = (origin or event.id,)
    grouped: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    statuses: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        if f.stance is not None:
            # "the Baltic states": each member holds the stance
            for actor in vocab.collective.get(f.actor, (f.actor,)):
                # "the guarantees must be voted on in Congress": the conditions Ukraine sets
                # on guarantees for itself are what it asks for
                asks = f.stance == "conditional" and actor in vocab.asked_by[f.issue]
                grouped[(actor, f.issue)].append(f._replace(stance="supports") if asks else f)
        if f.status is not None:
            statuses[f.issue].append(f)
    claims: list[PositionClaim | StatusClaim] = []
    for (actor, issue), group in sorted(grouped.items()):
        stance = resolve([f.stance for f in group if f.stance is not None])
        agreeing = [f for f in group if f.stance == stance] or group
        confidence = min(
            0.95,
            max(f.confidence for f in group) + rules.corroborating_sentence * (len(agreeing) - 1),
        )
        claims.append(
            PositionClaim(
                id=claim_id(event.id, issue, actor),
                issue=issue,
                actor=actor,
                stance=Stance(stance),
                occurred_at=when,
                evidence=tuple(_evidence(event, text, f) for f in agreeing[:3]),
                producer=made_by,
                confidence=round(confidence, 3),
                origins=origins,
                speaker=next((f.speaker for f in agreeing if f.speaker), None),
            )
        )
    for issue, group in sorted(statuses.items()):
        first = group[0]
        claims.append(
            StatusClaim(
                id=claim_id(event.id, issue, "status"),
                issue=issue,
                status=first.status or "",
                actor=first.actor,
                occurred_at=when,
                evidence=(_evidence(event, text, first),),
                producer=made_by,
                confidence=round(first.confidence, 3),
                origins=origins,
            )
        )
    return claims


def _evidence(event: NewsArticle | Statement, text: str, f: Finding) -> Evidence:
    """The sentence as evidence; a long one is quoted in part, its offsets cover it all."""
    quote = text[f.start : f.end][:QUOTE_CHARS]
    return Evidence(event_id=event.id, source=event.source, quote=quote, start=f.start, end=f.end)
