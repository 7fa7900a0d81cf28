"""The rule-based extractor: sentences -> (actor, issue, stance) findings -> claims.

Everything linguistic comes from the registry's language file; this module only knows
the procedure: find issue cues, attribute the sentence to an actor, skip background
and speculation, classify the stance, then fold an article's findings per actor and issue.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import NamedTuple

from schemas.base import Evidence, Stance
from schemas.claim import PositionClaim, StatusClaim
from schemas.inputs import NewsArticle, Statement
from schemas.registry import Language, Registry
from services.core.intake import QUOTE_CHARS, claim_id
from services.extractor.text import (
    Folded,
    PhraseSet,
    Scanner,
    fold,
    fold_phrase,
    sentences,
)

NAME = "peacewatch-rules"
VERSION = "1.0"
PRODUCER = f"{NAME}/{VERSION}"
ORDER = ("undecided", "conditional", "opposes", "supports")
_DATELINE = re.compile(r"^[A-Z][A-Z .'-]{2,40}(,[^-\u2013\u2014]{0,30})?\s*[-\u2013\u2014]\s+")
_NAME = re.compile(r"\b[A-Z][a-z]")
_WORDS = re.compile(r"[\w'-]+")
_OPENING_QUOTES = '"\u201c'


def _still_quoting(quoting: bool, sentence: str) -> bool:
    """Whether a quotation is open after ``sentence``: straight quotes toggle it, curly
    ones open and close it."""
    if sentence.count('"') % 2:
        quoting = not quoting
    opened, closed = sentence.rfind("\u201c"), sentence.rfind("\u201d")
    if opened != closed:  # both -1 when there is none
        quoting = opened > closed
    return quoting


_NO_HITS: list[tuple[int, int, str]] = []
_NEGATABLE = re.compile(r"[\w']+")
_PUNCT = ',;:.!?"()[]\u201c\u201d'


def _follows(s: str, start: int, words: frozenset[str]) -> bool:
    """True when the one or two words before ``start`` are one of ``words`` (punctuation
    stripped). String searches, not a regex: every name and many cues ask."""
    if not words:
        return False
    end = start
    while end > 0 and s[end - 1] == " ":
        end -= 1
    if end == 0:
        return False
    begin = s.rfind(" ", 0, end) + 1
    last = s[begin:end].strip(_PUNCT)
    if last in words:
        return True
    if begin < 2:
        return False
    first = s.rfind(" ", 0, begin - 1) + 1
    return f"{s[first : begin - 1].strip(_PUNCT)} {last}" in words


@dataclass(frozen=True)
class Pair:
    """A compiled CuePair."""

    first: PhraseSet
    second: PhraseSet
    within: int
    ordered: bool = False

    def find(self, s: str, not_after: frozenset[str] = frozenset()) -> tuple[int, int] | None:
        """The span from one phrase to the other when they are near enough."""
        seconds = self.second.find(s)
        if not seconds:
            return None
        for f_start, f_end, _ in self.first.find(s):
            if _follows(s, f_start, not_after):
                continue
            for s_start, s_end, _ in seconds:
                gap = s[f_end:s_start] if s_start >= f_end else s[s_end:f_start]
                if (s_start >= f_end or (s_end <= f_start and not self.ordered)) and len(
                    _WORDS.findall(gap)
                ) <= self.within:
                    return min(f_start, s_start), max(f_end, s_end)
        return None


@dataclass(frozen=True)
class Vocabulary:
    """The registry's phrases, compiled once."""

    aliases: PhraseSet
    alias_owner: dict[str, tuple[str, bool]]  # folded alias -> (actor, ambiguous)
    adjectives: dict[str, str]  # folded adjective -> actor
    adjective_names: frozenset[str]  # the aliases made of an adjective and a role
    roles: re.Pattern[str]  # an adjective list ending at a role: "French and British leaders"
    issues: dict[str, PhraseSet]
    pairs: dict[str, list[Pair]]
    not_after: dict[str, frozenset[str]]
    follow_ups: dict[str, PhraseSet]
    yields_to: dict[str, frozenset[str]]
    reversals: dict[str, tuple[PhraseSet, dict[str, str], frozenset[str]]]
    any_follow_up: PhraseSet
    any_issue: PhraseSet
    issue_negators: PhraseSet
    condition_openers: PhraseSet
    clause_breaks: PhraseSet
    preconditions: PhraseSet
    relays: PhraseSet
    event_openers: PhraseSet
    statuses: dict[str, dict[str, PhraseSet]]
    stances: dict[str, PhraseSet]
    stance_pairs: dict[str, list[Pair]]
    background_exempt_after: PhraseSet
    reporting: PhraseSet
    attribution: PhraseSet
    carry: re.Pattern[str] | None
    carried_by: re.Pattern[str] | None
    opening: re.Pattern[str] | None
    negators: frozenset[str]
    object_prepositions: frozenset[str]
    subject_heads: PhraseSet
    chain: re.Pattern[str]
    background: PhraseSet
    hypothetical: PhraseSet
    masks: PhraseSet
    mask_exempt: dict[str, PhraseSet]
    language: Language
    # stance, status and denial sets: a sentence with none of them says nothing of an issue
    reading_sets: tuple[int, ...] = ()


_COMPILED: dict[int, tuple[Registry, Vocabulary]] = {}


def vocabulary(registry: Registry) -> Vocabulary:
    """A registry's vocabulary, compiled once per registry object."""
    cached = _COMPILED.get(id(registry))
    if cached is not None and cached[0] is registry:
        return cached[1]
    vocab = _compile(registry)
    _COMPILED[id(registry)] = (registry, vocab)
    return vocab


def _compile(registry: Registry) -> Vocabulary:
    lang = registry.language or Language()
    owner: dict[str, tuple[str, bool]] = {}
    for actor in registry.actors:
        for alias in (actor.name, *actor.aliases):
            owner.setdefault(re.sub(r"\s+", " ", fold_phrase(alias)), (actor.id, False))
        for alias in actor.ambiguous:
            owner.setdefault(re.sub(r"\s+", " ", fold_phrase(alias)), (actor.id, True))
        for adjective in actor.adjectives:
            for role in (*lang.roles, *lang.titles):
                phrase = re.sub(r"\s+", " ", fold_phrase(f"{adjective} {role}"))
                owner.setdefault(phrase, (actor.id, False))
    adjectives = {
        re.sub(r"\s+", " ", fold_phrase(a)): actor.id
        for actor in registry.actors
        for a in actor.adjectives
    }
    adjective = "|".join(re.escape(a) for a in sorted(adjectives, key=len, reverse=True))
    scan = Scanner()  # every phrase set below is matched in one pass per sentence
    # "Starmer and President Macron": a title may stand between chained names
    titles = "|".join(re.escape(fold_phrase(t)).replace(r"\ ", r"\s+") for t in lang.titles)
    titles = titles or "(?!)"
    reporting = "|".join(re.escape(fold_phrase(v)) for v in lang.reporting_verbs)
    carry = carried_by = None
    if lang.carry_over_subjects and reporting:
        subjects = "|".join(re.escape(fold_phrase(s)) for s in lang.carry_over_subjects)
        carry = re.compile(rf"(?<!\w)(?:{subjects})(?:\s+\w+){{0,2}}\s+(?:{reporting})(?!\w)")
        # the same subject, just before a reporting verb found by the scan
        carried_by = re.compile(rf"(?<!\w)(?:{subjects})(?:\s+\w+){{0,2}}\s+$")
    opening = None
    if lang.carry_over_subjects:
        subjects = "|".join(re.escape(fold_phrase(s)) for s in lang.carry_over_subjects)
        connectives = "|".join(re.escape(fold_phrase(c)) for c in lang.connectives) or "(?!)"
        opening = re.compile(rf"^[\"'\s]*(?:(?:{connectives}),?\s+)?(?:{subjects})\s+(?!said)\w")
    vocab = Vocabulary(
        aliases=PhraseSet(owner, scan),
        alias_owner=owner,
        adjectives=adjectives,
        adjective_names=frozenset(
            name for name in owner if name.split()[0] in adjectives and " " in name
        ),
        roles=re.compile(rf"(?<![\w-])({adjective or '(?!)'})(?:\s*,\s*|\s+and\s+|\s*,\s*and\s+)$"),
        issues={i.id: PhraseSet(i.cues, scan) for i in registry.issues},
        pairs={
            i.id: [
                Pair(PhraseSet(p.first, scan), PhraseSet(p.second, scan), p.within, p.ordered)
                for p in i.cue_pairs
            ]
            for i in registry.issues
        },
        follow_ups={i.id: PhraseSet(i.follow_up_cues, scan) for i in registry.issues},
        yields_to={i.id: frozenset(i.yields_to) for i in registry.issues},
        reversals={
            i.id: (
                PhraseSet(i.reversed_by.cues, scan),
                {k.value: v.value for k, v in i.reversed_by.turns.items()},
                frozenset(re.sub(r"\s+", " ", fold_phrase(w)) for w in i.reversed_by.not_after),
            )
            for i in registry.issues
            if i.reversed_by is not None
        },
        any_follow_up=PhraseSet((c for i in registry.issues for c in i.follow_up_cues), scan),
        not_after={
            i.id: frozenset(re.sub(r"\s+", " ", fold_phrase(w)) for w in i.not_after)
            for i in registry.issues
        },
        any_issue=PhraseSet(
            (
                *(c for i in registry.issues for c in i.cues),
                *(c for i in registry.issues for p in i.cue_pairs for c in p.first),
            ),
            scan,
        ),
        issue_negators=PhraseSet(lang.issue_negators, scan),
        condition_openers=PhraseSet(lang.condition_openers, scan),
        clause_breaks=PhraseSet(lang.clause_breaks, scan),
        preconditions=PhraseSet(lang.precondition_cues, scan),
        relays=PhraseSet(lang.relay_roles),  # asked of a name's own text: a set of its own
        event_openers=PhraseSet(lang.event_openers, scan),
        statuses={
            i.id: {s: PhraseSet(c, scan) for s, c in i.status_cues.items()} for i in registry.issues
        },
        stances={k: PhraseSet(getattr(lang.stance_cues, k), scan) for k in ORDER},
        stance_pairs={
            k: [
                Pair(PhraseSet(p.first, scan), PhraseSet(p.second, scan), p.within)
                for p in lang.stance_pairs.get(k, ())  # type: ignore[call-overload]
            ]
            for k in ORDER
        },
        background_exempt_after=PhraseSet(lang.background_exempt_after, scan),
        reporting=PhraseSet(lang.reporting_verbs, scan),
        attribution=PhraseSet(lang.attribution_phrases, scan),
        carry=carry,
        carried_by=carried_by,
        opening=opening,
        negators=frozenset(fold_phrase(n) for n in lang.negators),
        object_prepositions=frozenset(fold_phrase(p) for p in lang.object_prepositions),
        subject_heads=PhraseSet(lang.subject_heads, scan),
        chain=re.compile(rf"^\s*(,|and|,\s*and)\s*(?:(?:{titles})\s+)*$"),
        background=PhraseSet(lang.background_markers, scan),
        hypothetical=PhraseSet(lang.hypothetical_markers, scan),
        masks=PhraseSet(lang.issue_context_masks, scan),
        mask_exempt={k: PhraseSet(v, scan) for k, v in lang.mask_exempt.items()},
        language=lang,
    )
    readings = (
        *(vocab.stances[kind].index for kind in ORDER),
        *(cues.index for statuses in vocab.statuses.values() for cues in statuses.values()),
        vocab.issue_negators.index,
    )
    return replace(vocab, reading_sets=readings)


class Mention(NamedTuple):
    start: int  # in the folded sentence
    end: int
    actor: str
    ambiguous: bool
    text: str  # folded
    name: str = ""  # as written, once the mention speaks: it may be quoted sentences later


def _named(mentions: list[Mention], folded: Folded, sentence: str) -> list[Mention]:
    """Speakers with the name as written in their own sentence."""
    return [
        m._replace(name=sentence[slice(*folded.span(m.start, m.end))]) if m.text else m
        for m in mentions
    ]


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


def _mentions(vocab: Vocabulary, s: str) -> list[Mention]:
    """Actor mentions that could be a subject (a name after a preposition is an object)."""
    out = []
    listing = False  # names found by their adjective go in out of order
    heads = vocab.subject_heads.find(s)
    object_end = -1  # where the last object name ended: "alongside Macron and Zelensky"
    for start, end, text in vocab.aliases.find(s):
        # "the leaders of France": the name after a subject head is a speaker, not an object
        led = heads and any(h_end <= start and not s[h_end:start].strip() for _, h_end, _ in heads)
        if not led and (
            _follows(s, start, vocab.object_prepositions)
            or (
                object_end >= 0
                and vocab.chain.match(s[object_end:start])
                and "and" in s[object_end:start].split()  # ", Putin agreed" ends the phrase
            )
        ):
            object_end = end
            continue
        owner = vocab.alias_owner.get(text) or vocab.alias_owner[re.sub(r"\s+", " ", text)]
        out.append(Mention(start, end, *owner, text))
        if text in vocab.adjective_names:  # "the French and British leaders"
            listing = True
            cursor = start
            while listed := vocab.roles.search(s, max(0, cursor - 40), cursor):
                listed_actor = vocab.adjectives[listed.group(1)]
                out.insert(
                    -1,
                    Mention(listed.start(), listed.end(1), listed_actor, False, listed.group(1)),
                )
                cursor = listed.start()
    if listing:
        out.sort(key=lambda m: m.start)
    return out


def _chain(vocab: Vocabulary, s: str, mentions: list[Mention], anchor: Mention) -> list[Mention]:
    """The anchor plus mentions joined to it by commas or 'and' ("Macron and Starmer")."""
    chosen = [anchor]
    earlier = [m for m in mentions if m.end <= anchor.start]
    for m in reversed(earlier):
        link = s[m.end : chosen[-1].start]
        # a list ends with "and": "deter Moscow, Macron said" is no list
        if vocab.chain.match(link) and (len(chosen) > 1 or "and" in link.split()):
            chosen.append(m)
        else:
            break
    return chosen


def _speaks(vocab: Vocabulary, s: str, original: str, m: Mention, verb_start: int) -> bool:
    """True when mention ``m`` is the subject of the reporting verb at ``verb_start``: at
    most six words between them, none of them another name, and for an ambiguous alias
    ("US", "Moscow") nothing at all."""
    gap = s[m.end : verb_start]
    if m.ambiguous:
        return gap.strip() in ("", ",")
    if len(gap.split()) > 6 or any(
        start >= m.end and end <= verb_start for start, end, _ in vocab.reporting.find(s)
    ):
        return False
    return not _NAME.search(original[m.end : verb_start])


def _attribute(
    vocab: Vocabulary, s: str, mentions: list[Mention], original: str = ""
) -> tuple[list[Mention], str]:
    """The actors a sentence speaks for, and how they were found.

    ``original`` is the unfolded sentence when it aligns with ``s`` character for
    character; it is only used to spot other capitalised names.
    """
    original = original or s
    for verb_start, verb_end, _ in vocab.reporting.find(s):
        carried = (
            vocab.carried_by.search(s, max(0, verb_start - 60), verb_start)
            if vocab.carried_by is not None
            else None
        )
        if carried is not None:
            # "Kyiv, he said, wants ...": the name before the aside; "..., the prime
            # minister wrote": the last speaker's (the caller carries it over)
            opens = carried.start()
            aside = [
                m for m in mentions if m.end <= opens and s[m.end : opens].strip() in ("", ",")
            ]
            return (aside[-1:], "explicit") if aside else ([], "none")
        speaker = next(
            (
                m
                for m in reversed(mentions)
                if m.end <= verb_start and _speaks(vocab, s, original, m, verb_start)
            ),
            None,
        )
        if speaker is not None:
            speakers = _chain(vocab, s, mentions, speaker)
            # "the Russian delegation demanded ..., a Ukrainian source said": the source
            # relays, the subject holds the position
            if vocab.relays.search(speaker.text):
                holder = _opening_subject(vocab, s, mentions)
                if holder and {m.actor for m in holder}.isdisjoint(m.actor for m in speakers):
                    return holder, "explicit"
            return speakers, "explicit"
        after = [m for m in mentions if m.start >= verb_end and m.start - verb_end <= 40]
        if after:
            return [after[0]], "explicit"
    for _, phrase_end, _ in vocab.attribution.find(s):
        after = [m for m in mentions if m.start >= phrase_end and m.start - phrase_end <= 40]
        if after:  # "according to a draft by Britain, France and Germany": the whole list
            last = _last_chained(vocab, s, mentions, after[0])
            return _chain(vocab, s, mentions, last), "explicit"
    holder = _opening_subject(vocab, s, mentions)
    return (holder, "subject") if holder else ([], "none")


def _opening_subject(vocab: Vocabulary, s: str, mentions: list[Mention]) -> list[Mention]:
    """The subject that opens the sentence, after a subject head ("The leaders of ...") or
    one opening phrase ("After a call with Trump, Putin agreed ...") if any; a possessive
    ("Kyiv's proposal") is no subject."""
    mentions = [m for m in mentions if not s.startswith("'s", m.end)]
    # "The leaders of ...", "More than 30 countries of the coalition ..."
    lead = next((end for start, end, _ in vocab.subject_heads.find(s) if start <= 25), 0)
    head = [m for m in mentions if m.start <= lead + 12]
    if not head:
        head = [
            m
            for m in mentions
            if s[: m.start].rstrip().endswith(",")
            and s[: m.start].count(",") == 1
            and len(_WORDS.findall(s[: m.start])) <= 10
        ][:1]
    if not head:
        return []
    return _chain(vocab, s, mentions, _last_chained(vocab, s, mentions, head[0]))


def _last_chained(vocab: Vocabulary, s: str, mentions: list[Mention], first: Mention) -> Mention:
    """From the first subject mention, follow 'X, Y and Z' to its last member."""
    current = first
    for m in mentions:
        if m.start > current.end and vocab.chain.match(s[current.end : m.start]):
            current = m
    return current


def _conditions(vocab: Vocabulary, s: str, openers: PhraseSet) -> list[tuple[int, int]]:
    """Clauses from an opener ("if", "unless") to the next comma or semicolon."""
    out = []
    for start, end, _ in openers.find(s):
        stop = min((i for i in (s.find(",", end), s.find(";", end)) if i >= 0), default=len(s))
        out.append((start, stop))
    return out


def _background(vocab: Vocabulary, s: str) -> bool:
    """True when a background marker places the sentence in the past; one inside a clause
    opened by "after", "once", "until" ... is tense agreement ("only after a deal had been
    agreed")."""
    # phrases are looked up in the whole sentence: a scan of a fragment is a scan more
    reported = min((end for _, end, _ in vocab.reporting.find(s)), default=len(s))
    for start, _, _ in vocab.background.find(s):
        if start >= reported:
            continue  # "said that progress had been made": reported speech shifts the tense
        clause = max(s.rfind(",", 0, start), s.rfind(";", 0, start)) + 1
        if not any(
            clause <= e_start and e_end <= start
            for e_start, e_end, _ in vocab.background_exempt_after.find(s)
        ):
            return True
    return False


def _own_clause(
    vocab: Vocabulary,
    s: str,
    issue: str,
    issues: dict[str, tuple[int, int]],
    skip: list[tuple[int, int]],
    stance: str,
    read_before: dict[tuple[int, int], str | None],
) -> str | None:
    """The issue's stance by its own clause: where every other clause that reads otherwise
    names another issue, the issue's own clause decides when it supports or says nothing;
    else the sentence's ``stance``."""
    found = vocab.clause_breaks.find(s)
    if not found:
        return stance
    clauses = list(pairwise(sorted({0, len(s), *(b for b, _, _ in found)})))
    everything = ("supports", "opposes", "conditional", "undecided")

    def read(a: int, b: int) -> str | None:  # each clause once per sentence
        if (a, b) not in read_before:
            read_before[(a, b)] = _stance(vocab, s, [*skip, (0, a), (b, len(s))], everything)
        return read_before[(a, b)]

    cue = issues[issue][0]
    own = next((c for c in clauses if c[0] <= cue < c[1]), None)
    mine = read(*own) if own is not None else "opposes"
    if mine not in (None, "supports"):
        return stance
    for clause in clauses:
        if clause == own or read(*clause) in (None, mine):
            continue
        if not any(
            clause[0] <= start < clause[1] for other, (start, _) in issues.items() if other != issue
        ):
            return stance  # a clause that names no issue speaks for the whole sentence
    return mine


def _in_clause(vocab: Vocabulary, s: str, cues: list[tuple[int, int]], phrases: PhraseSet) -> bool:
    """True when one of ``phrases`` is in the clause of one of the issue's ``cues``."""
    breaks = [b for b, _, _ in vocab.clause_breaks.find(s)]
    found = phrases.find(s)
    for cue in cues:
        start = max((b for b in breaks if b < cue[0]), default=0)
        end = min((b for b in breaks if b >= cue[1]), default=len(s))
        if any(start <= p_start and p_end <= end for p_start, p_end, _ in found):
            return True
    return False


def _qualifies(
    s: str, cue: range, c_start: int, c_end: int, cues: list[int], others: list[int]
) -> bool:
    """True when a condition clause governs the issue named at ``cue``: it opens the
    sentence or a clause and the issue follows ("once a ceasefire holds, the two countries
    will establish hubs"), or it follows the issue with no other issue between
    ("contribute to guarantees by putting troops on the ground if necessary": the
    condition is on the troops) and no clause of another actor's between ("ready for a
    ceasefire, and that Russia would face sanctions if it refused": not on the ceasefire;
    "hubs across Ukraine once a ceasefire holds" is). ``others`` are where actors other
    than the speakers are named."""
    cue_start = cue.start
    if c_start <= cue_start < c_end:
        return False
    before = s[:c_start].rstrip()
    if not before or (before[-1] in ":;" and cue_start >= c_end):
        return True
    return (
        cue_start < c_start
        and not any(cue_start < other < c_start for other in cues)
        and not any(
            cue.stop <= other < c_start
            and ("," in s[cue.stop : other] or ";" in s[cue.stop : other])
            for other in others
        )
    )


_ORDER_RANK = {kind: rank for rank, kind in enumerate(ORDER)}
_last_cues: tuple[str, Vocabulary | None, list[tuple[int, int, str, str | None]]] = ("", None, [])


def _cues(vocab: Vocabulary, s: str) -> list[tuple[int, int, str, str | None]]:
    """The sentence's stance cues, once per sentence: (start, end, kind, reading), where
    the longest cue wins where cues overlap ("will not give up" over "give up"), then the
    order of precedence; a negated support reads as a refusal, a negated refusal
    ("did not dismiss") as nothing."""
    global _last_cues
    last = _last_cues  # one read: another thread may replace it
    if last[0] is s and last[1] is vocab:
        return last[2]
    matches = vocab.reporting.hits(s)
    ranked = []
    for kind in ORDER:
        rank = _ORDER_RANK[kind]
        for start, end, _ in matches[vocab.stances[kind].index]:
            ranked.append((start - end, rank, start, end, kind))
        for pair in vocab.stance_pairs[kind]:
            span = pair.find(s)
            if span is not None:
                ranked.append((span[0] - span[1], rank, span[0], span[1], kind))
    ranked.sort()
    taken: list[tuple[int, int]] = []
    cues: list[tuple[int, int, str, str | None]] = []
    for _, _, start, end, kind in ranked:
        if any(start < t_end and end > t_start for t_start, t_end in taken):
            continue
        taken.append((start, end))
        reading: str | None = kind
        if kind in ("supports", "opposes") and _negated(vocab, s, start):
            reading = "opposes" if kind == "supports" else None
        cues.append((start, end, kind, reading))
    cues.sort()
    _last_cues = (s, vocab, cues)
    return cues


def _stance(
    vocab: Vocabulary,
    s: str,
    conditions: list[tuple[int, int]] | None = None,
    kinds: tuple[str, ...] = ("supports", "opposes"),
) -> str | None:
    """The sentence's stance. Cues of ``kinds`` inside a condition clause state the
    condition, not the position ("if a peace is agreed, he saw no reason for troops")."""
    hits: dict[str, int] = defaultdict(int)
    read = [
        (start, end, reading)
        for start, end, kind, reading in _cues(vocab, s)
        if reading is not None
        and not (
            kind in kinds and any(c_start <= start < c_end for c_start, c_end in conditions or ())
        )
    ]
    refused_until = -1
    for start, end, kind in read:
        # "will not take part in financing": support named inside a refusal is refused
        if (
            kind == "supports"
            and 0 <= refused_until <= start
            and _near(vocab, s, refused_until, start)
        ):
            continue
        if kind == "opposes":
            refused_until = end
        hits[kind] += 1
    if hits["undecided"]:
        return "undecided"
    if hits["opposes"] and hits["supports"]:
        return "conditional"  # "no troops of our own, but we will help": the guide's conditional
    if hits["opposes"] and hits["conditional"] and vocab.preconditions.search(s):
        return "conditional"  # "rejected a ceasefire, repeating that troops must first leave"
    if hits["opposes"]:
        return "opposes"  # a condition qualifies support; refusing a post-war force is refusal
    if hits["conditional"]:
        return "conditional"
    if hits["supports"]:
        return "supports"
    return None


def _near(vocab: Vocabulary, s: str, end: int, start: int) -> bool:
    """True when ``start`` is at most four words after ``end`` in the same clause."""
    gap = s[end:start]
    return (
        len(gap.split()) <= 4
        and "," not in gap
        and not any(end <= b < start for b, _, _ in vocab.clause_breaks.find(s))
    )


def _negated(vocab: Vocabulary, s: str, start: int) -> bool:
    window = vocab.language.negation_window
    # words are short: 15 characters a word reach far enough back
    words = _NEGATABLE.findall(s[max(0, start - 15 * window) : start])[-window:] if window else []
    return any(w in vocab.negators or w.endswith("n't") for w in words)


def _issues(
    vocab: Vocabulary, s: str, named: set[str] | frozenset[str] = frozenset()
) -> dict[str, tuple[int, int]]:
    """The issues a sentence is on, each with the span of its first cue; an issue the text
    has ``named`` before may also be named by a follow-up cue ("such a force")."""
    if not vocab.any_issue.search(s) and not (named and vocab.any_follow_up.search(s)):
        return {}  # most sentences name no issue: one scan, not eight
    masks = vocab.masks.find(s)
    hits = vocab.any_issue.hits(s)  # every set's matches: indexed, not asked one by one
    out: dict[str, tuple[int, int]] = {}
    for issue, cues in vocab.issues.items():
        found = hits[cues.index]
        follow_ups = hits[vocab.follow_ups[issue].index] if issue in named else _NO_HITS
        pairs = vocab.pairs[issue]
        if pairs:
            pairs = [pair for pair in pairs if hits[pair.first.index]]
        if not (found or follow_ups or pairs):
            continue  # most issues, most sentences: nothing to look at
        not_after = vocab.not_after[issue]
        spans = [(start, end) for start, end, _ in found]
        spans += [(start, end) for start, end, _ in follow_ups]
        exempt = vocab.mask_exempt.get(issue)
        span = _unmasked(s, masks, exempt, spans, not_after) if spans else None
        if span is None and pairs:  # two-part cues only when no plain cue does
            spans = [sp for pair in pairs if (sp := pair.find(s, not_after))]
            span = _unmasked(s, masks, exempt, spans) if spans else None
        if span is not None:
            out[issue] = span
    for issue in (
        []
        if len(out) < 2
        else [
            i
            for i in out
            if any(
                out[o][0] < out[i][0] or out[o][0] <= out[i][1] + 1  # "ceasefire monitoring"
                for o in vocab.yields_to[i] & out.keys()
            )
        ]
    ):
        del out[issue]  # "monitoring a future ceasefire": the monitoring, named first, is the topic
    return out


def _unmasked(
    s: str,
    masks: list[tuple[int, int, str]],
    exempt: PhraseSet | None,
    spans: list[tuple[int, int]],
    not_after: frozenset[str] = frozenset(),
) -> tuple[int, int] | None:
    """The first cue span that no context mask covers (unless the mask names the issue)
    and that does not come right after one of ``not_after``."""
    for start, end in sorted(spans) if len(spans) > 1 else spans:
        if not_after and _follows(s, start, not_after):
            continue
        if not masks or not any(
            ms <= start and end <= me and not (exempt is not None and exempt.search(s[ms:me]))
            for ms, me, _ in masks
        ):
            return start, end
    return None


def _refused(vocab: Vocabulary, s: str, start: int) -> int | None:
    """Where the denial starts when the issue's cue is denied outright: "no American boots
    on the ground"; None if it is not."""
    return next(
        (
            n_start
            for n_start, end, _ in vocab.issue_negators.find(s)
            if end <= start and len(_WORDS.findall(s[end:start])) <= 1
        ),
        None,
    )


def _verb_before(vocab: Vocabulary, s: str, denial: int) -> int:
    """Where a stance cue ends right before a denial starts ("accept no ..."), or the
    denial itself when there is none."""
    for start, end, _, _ in _cues(vocab, s):
        if end <= denial and not s[end:denial].strip():
            return start
    return denial


def _has_a_reading(vocab: Vocabulary, s: str) -> bool:
    """Whether a sentence has anything to say about an issue: a stance or status cue, or a
    denial of the issue itself."""
    hits = vocab.reporting.hits(s)
    return any(hits[index] for index in vocab.reading_sets) or any(
        hits[pair.first.index] for pairs in vocab.stance_pairs.values() for pair in pairs
    )


def _speakers(
    vocab: Vocabulary, s: str, mentions: list[Mention], aligned: str
) -> tuple[list[Mention], str]:
    """The sentence's own speakers; an ambiguous name ("Moscow") only as an explicit
    speaker or at the very start."""
    actors, how = _attribute(vocab, s, mentions, aligned)
    return [m for m in actors if not m.ambiguous or how == "explicit" or m.start <= 10], how


def _latest_speaker(
    vocab: Vocabulary, unattributed: list[tuple[Folded, str, str]], known: list[Mention]
) -> list[Mention]:
    """The last named speaker: the latest sentence not yet attributed that names one,
    else the one already known. Attributes those sentences once, newest first."""
    while unattributed:
        folded, sentence, aligned = unattributed.pop()
        s = folded.text
        actors, how = _speakers(vocab, s, _mentions(vocab, s), aligned)
        if actors and how in ("explicit", "subject"):
            unattributed.clear()
            return _named(actors, folded, sentence)
    return known


def read_sentences(
    text: str, registry: Registry, default_actor: str | None = None
) -> list[Finding]:
    """Every finding of every sentence of ``text``, in order."""
    vocab = vocabulary(registry)
    rules = vocab.language.confidence
    findings: list[Finding] = []
    last_speaker: list[Mention] = []
    # sentences that name no issue are attributed only if a later "he said" needs a speaker
    unattributed: list[tuple[Folded, str, str]] = []
    named: set[str] = set()  # issues the text has named so far ...
    unread: list[str] = []  # ... once these earlier sentences are read for cues
    quoting = False  # inside a quotation that an earlier sentence opened
    for start, end in sentences(text, vocab.language.abbreviations):
        raw = text[start:end]
        quoted, quoting = (
            quoting or raw.lstrip()[:1] in _OPENING_QUOTES,
            _still_quoting(quoting, raw),
        )
        dateline = _DATELINE.match(raw)
        offset = start + (dateline.end() if dateline else 0)
        folded: Folded = fold(text[offset:end])
        s = folded.text
        aligned = text[offset:end] if len(s) == end - offset else s
        if not vocab.any_issue.search(s) and not vocab.any_follow_up.search(s):
            unattributed.append((folded, text[offset:end], aligned))  # no finding can come of it
            continue
        if not _has_a_reading(vocab, s):
            # names an issue but says nothing about it: its speaker and its issue are read
            # only if a later sentence needs them
            unattributed.append((folded, text[offset:end], aligned))
            unread.append(s)
            continue
        mentions = _mentions(vocab, s)
        actors, how = _speakers(vocab, s, mentions, aligned)
        if (
            not actors
            and (
                quoted  # a quotation goes on: '... said Lavrov. "We will not tolerate it."'
                or (vocab.carry is not None and vocab.carry.search(s))
                or (vocab.opening is not None and vocab.opening.match(s))
            )
            and (last_speaker := _latest_speaker(vocab, unattributed, last_speaker))
        ):
            actors, how = last_speaker, "carried"
        if not actors and default_actor is not None:
            actors, how = [Mention(0, 0, default_actor, False, "")], "statement"
        if actors and how in ("explicit", "subject"):
            # the latest speaker: read again (and named) only if a later sentence carries it
            unattributed[:] = [(folded, text[offset:end], aligned)]
            last_speaker = []
        if not actors or _background(vocab, s) or vocab.hypothetical.search(s):
            unread.append(s)
            continue
        if unread and vocab.any_follow_up.search(s):  # only now is it worth knowing
            named.update(issue for earlier in unread for issue in _issues(vocab, earlier))
            unread.clear()
        issues = _issues(vocab, s, named)
        named.update(issues)
        if not issues:
            continue
        conditions = _conditions(vocab, s, vocab.condition_openers)
        # "a day after European leaders pledged ...": another event, not this speaker's stance
        events = _conditions(vocab, s, vocab.event_openers)
        sentence_stance = _stance(vocab, s, [*conditions, *events])
        # the stance outside the conditions, for issues no condition governs
        free_stance = (
            _stance(vocab, s, [*conditions, *events], ("supports", "opposes", "conditional"))
            if conditions
            else sentence_stance
        )
        cue_starts = [span[0] for span in issues.values()]
        negated_issues = vocab.issue_negators.search(s)
        clause_reads: dict[tuple[int, int], str | None] = {}
        hits = vocab.reporting.hits(s)
        # where actors other than this sentence's speakers are named
        speaking = {m.actor for m in actors}
        others = [m.start for m in mentions if m.actor not in speaking]
        bonus = {
            "explicit": rules.explicit_attribution,
            "subject": rules.subject_attribution,
            "statement": rules.explicit_attribution,
        }.get(how, rules.carried_over_attribution)
        confidence = rules.base + bonus + (rules.single_issue_sentence if len(issues) == 1 else 0)
        for issue in sorted(issues):
            governed = any(
                _qualifies(s, range(*issues[issue]), c_start, c_end, cue_starts, others)
                for c_start, c_end in conditions
            )
            stance = sentence_stance if governed or not conditions else free_stance
            if stance == "undecided" and not _in_clause(
                vocab,
                s,
                [issues[issue], *((a, b) for a, b, _ in vocab.issues[issue].find(s))],
                vocab.stances["undecided"],
            ):
                # "the protocols were finished and that land remained the open question":
                # what is open is in another clause
                stance = _stance(vocab, s, [*conditions, *events, (0, len(s))], ("undecided",))
            spans = [(a, b) for a, b, _ in vocab.issues[issue].find(s)] if negated_issues else []
            refused = [
                (denial, end)
                for start, end in [*spans, issues[issue]]
                if (denial := _refused(vocab, s, start)) is not None
            ]
            if refused:
                # what follows the refused issue belongs to the refusal ("no Italian troops
                # would be deployed"), and so does the verb just before the denial ("would
                # accept no European troops"); support elsewhere ("air support but no
                # ground troops") makes it the guide's conditional
                windows = [(end, end + 40) for _, end in refused]
                windows += [(_verb_before(vocab, s, denial), denial) for denial, _ in refused]
                rest = _stance(vocab, s, [*conditions, *events, *windows])
                stance = "conditional" if rest == "supports" else rest or "opposes"
            elif stance is not None and not governed and len(issues) > 1:
                # "will contribute to monitoring ..., but will not send soldiers": the
                # monitoring, supported in its own clause, is not conditional on the refusal
                # of another issue (the refused issue keeps the guide's conditional); an
                # issue whose clause says nothing takes no stance from another issue's
                stance = _own_clause(
                    vocab, s, issue, issues, [*conditions, *events], stance, clause_reads
                )
            elif stance == "supports" and governed:
                stance = "conditional"  # "ready to drop the NATO bid if it gets guarantees"
            reversal = vocab.reversals.get(issue)
            if stance is not None and reversal is not None:
                cues, turns, not_after = reversal
                if any(not _follows(s, r_start, not_after) for r_start, _, _ in cues.find(s)):
                    stance = turns.get(stance, stance)  # "rejects the limit on the army"
            status = next(
                (st for st, cues in vocab.statuses[issue].items() if hits[cues.index]), None
            )
            if stance is None and status is None:
                continue
            for mention in {m.actor: m for m in actors}.values():
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
                        or (
                            text[offset:end][slice(*folded.span(mention.start, mention.end))]
                            if mention.text
                            else None
                        ),
                    )
                )
    return findings


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
    rules = vocabulary(registry).language.confidence
    origins = (origin or event.id,)
    grouped: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    statuses: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        if f.stance is not None:
            grouped[(f.actor, f.issue)].append(f)
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
                producer=PRODUCER,
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
                producer=PRODUCER,
                confidence=round(first.confidence, 3),
                origins=origins,
            )
        )
    return claims


def _evidence(event: NewsArticle | Statement, text: str, f: Finding) -> Evidence:
    """The sentence as evidence; a long one is quoted in part, its offsets cover it all."""
    quote = text[f.start : f.end][:QUOTE_CHARS]
    return Evidence(event_id=event.id, source=event.source, quote=quote, start=f.start, end=f.end)
