"""The extractor's vocabulary: the registry's phrases compiled once into one scanner."""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import NamedTuple

from schemas.base import Stance
from schemas.registry import Language, Registry
from services.extractor.morphology import phrase_forms
from services.extractor.text import PhraseSet, Scanner, fold_phrase

ORDER = ("undecided", "conditional", "opposes", "supports")
WORDS = re.compile(r"[\w'-]+")
_PUNCT = ',;:.!?"()[]\u201c\u201d'


def key(phrase: str) -> str:
    """A phrase as the vocabulary keys it: folded, runs of whitespace as one space."""
    return re.sub(r"\s+", " ", fold_phrase(phrase))


def _keys(phrases: Iterable[str]) -> frozenset[str]:
    """A word list as the vocabulary keys it (see ``key``)."""
    return frozenset(key(p) for p in phrases)


def owner_of(vocab: Vocabulary, alias: str) -> tuple[str, bool]:
    """The (actor, ambiguous) an alias found in a sentence names; a match that spans a
    line break or a double space is looked up with single spaces."""
    return vocab.alias_owner.get(alias) or vocab.alias_owner[" ".join(alias.split())]


def follows(s: str, start: int, words: frozenset[str]) -> bool:
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
    if begin < 2 or last not in _second_words(words):
        return False  # most calls: no two-word phrase ends with this word
    first = s.rfind(" ", 0, begin - 1) + 1
    return f"{s[first : begin - 1].strip(_PUNCT)} {last}" in words


@functools.cache
def _second_words(words: frozenset[str]) -> frozenset[str]:
    """The words that end a two-word phrase of ``words`` ("next to": "to")."""
    return frozenset(w.split(" ")[1] for w in words if w.count(" ") == 1)


class Reversal(NamedTuple):
    """A compiled StanceReversal."""

    cues: PhraseSet
    turns: dict[str, str]
    not_after: frozenset[str]
    demands: PhraseSet
    demand_turns: dict[str, str]
    within: int | None
    acts: PhraseSet


_NO_MASKS: list[tuple[int, int]] = []  # never mutated


@dataclass(frozen=True)
class Pair:
    """A compiled CuePair."""

    first: PhraseSet
    second: PhraseSet
    within: int
    ordered: bool = False

    def find(
        self,
        s: str,
        not_after: frozenset[str] = frozenset(),
        masks: list[tuple[int, int]] = _NO_MASKS,
    ) -> tuple[int, int] | None:
        """The span from one phrase to the other when they are near enough; a first phrase
        inside one of ``masks`` opens none ("its forces would respect the ceasefire only if
        Ukraine ...": the speaker's own forces)."""
        seconds = self.second.find(s)
        if not seconds:
            return None
        for f_start, f_end, _ in self.first.find(s):
            if follows(s, f_start, not_after) or (
                masks and any(m_start <= f_start and f_end <= m_end for m_start, m_end in masks)
            ):
                continue
            for s_start, s_end, _ in seconds:
                gap = s[f_end:s_start] if s_start >= f_end else s[s_end:f_start]
                if (s_start >= f_end or (s_end <= f_start and not self.ordered)) and len(
                    WORDS.findall(gap)
                ) <= self.within:
                    return min(f_start, s_start), max(f_end, s_end)
        return None


@dataclass(frozen=True)
class Vocabulary:
    """The registry's phrases, compiled once."""

    scanner: Scanner  # every set below is found in its one pass: ``scan(s)[set.index]``
    aliases: PhraseSet
    alias_owner: dict[str, tuple[str, bool]]  # folded alias -> (actor, ambiguous)
    adjectives: dict[str, str]  # folded adjective -> actor
    members: dict[str, frozenset[str]]  # group -> its members
    collective: dict[str, tuple[str, ...]]  # "the Baltic states" -> EE, LV, LT
    adjective_names: frozenset[str]  # the aliases made of an adjective and a role
    roles: re.Pattern[str]  # an adjective list ending at a role: "French and British leaders"
    issues: dict[str, PhraseSet]
    pairs: dict[str, list[Pair]]
    not_after: dict[str, frozenset[str]]
    follow_ups: dict[str, PhraseSet]
    yields_to: dict[str, frozenset[str]]
    asked_by: dict[str, frozenset[str]]  # issue -> the actors it is asked for
    yields_in_clause_to: dict[str, frozenset[str]]
    reversals: dict[str, Reversal]
    any_follow_up: PhraseSet
    any_issue: PhraseSet
    issue_negators: PhraseSet
    condition_openers: PhraseSet
    concessions: PhraseSet  # "although": the clause it opens is set aside
    # the same two sets as sentence openings, for a cheap first look: "if ", "although "
    condition_starts: tuple[str, ...]
    concession_starts: tuple[str, ...]
    refused_for: tuple[str, ...]  # " for ", " for the ": "a red line for Russia"
    reported_auxiliaries: frozenset[str]
    forecast_auxiliaries: frozenset[str]
    passive_auxiliaries: frozenset[str]
    passive_agent_links: tuple[str, ...]  # " by " as found right after a cue
    adverb_endings: tuple[str, ...]
    pronoun_objects: re.Pattern[str] | None  # asked rarely: not worth a place in the scan
    appraisal: re.Pattern[str] | None  # ", a move " before the appraising actor's name
    dashed_appraisal: re.Pattern[str] | None  # the same after a dash
    appraisal_verb: re.Pattern[str] | None  # " has condemned as" right after that name
    possessive_proposal: re.Pattern[str] | None  # " proposal" after "Trump's ceasefire"
    proposal_for: PhraseSet  # "proposal for" after "Washington's"
    proposal_by: PhraseSet  # "a proposal by (the)" before a name and " for" an issue
    committing: re.Pattern[str] | None  # "commits the " right before the actor held to it
    agent_adjective: re.Pattern[str] | None  # "-proposed " right after the actor's name
    aside_openers: frozenset[str]  # "at", "with": a lower-case word opening an aside
    relative: re.Pattern[str] | None  # " that " right after an issue, before an actor
    relative_clauses: tuple[str, ...]  # ", which ": a relative clause after a name
    obligations: frozenset[str]
    condition_idioms: PhraseSet
    threat_before: re.Pattern[str] | None  # a threat just before a condition's opener
    threat_after: re.Pattern[str] | None  # ... or opening the clause the condition leads to
    clause_breaks: PhraseSet
    # ", while " ... and ";": found by plain substring search, cheaper than in the scan
    speaker_turns: tuple[str, ...]
    possessive_modifiers: frozenset[str]  # "Putin's firm opposition to ..."
    opening_turns: tuple[str, ...]  # "while " opening a sentence of two actors' clauses
    actor_event_openers: PhraseSet  # "after" before another actor: that actor's event
    appositive_heads: PhraseSet  # ", a group of ..." after another actor: about that actor
    credited_links: PhraseSet  # "for his" after an actor: its own stance noun follows
    trailing_inclusions: tuple[str, ...]  # ", including " at the end: who the subject is
    open_offers: frozenset[str]  # undecided cues that offer: "open to" ... "if" is conditional
    demand_verbs: frozenset[str]  # "demanding": a refusal it asks for is the stance
    personal: re.Pattern[str] | None  # "he", "the prime minister": a person is carried
    places: frozenset[str]  # "russia", "kyiv": names no person bears
    joint_acts: PhraseSet  # "signed": its co-signers hold the signer's stance
    joint_links: tuple[str, ...]  # " with ", " alongside ": the co-signers follow
    relative_openers: PhraseSet  # "during which": a list after it opens a clause
    quoted_others: frozenset[str]  # "they" in a quotation: others, not the speaker
    relations: frozenset[str]  # "Ukraine's allies said": the allies speak, not Ukraine
    determiner: re.Pattern[str] | None  # ", the " or ", so-called " right before a name
    connectives: frozenset[str]  # "However, the EU opposed it": a subject may follow one
    preconditions: PhraseSet
    restrictions: PhraseSet
    exclusions: PhraseSet
    requirements: PhraseSet
    not_names: frozenset[str]
    relays: PhraseSet
    relay_before: re.Pattern[str] | None  # "a source in the " right before the speaker
    event_openers: PhraseSet
    issue_agents: PhraseSet
    issue_opponents: PhraseSet
    statuses: dict[str, dict[str, PhraseSet]]
    stances: dict[str, PhraseSet]
    neutral: PhraseSet  # over a cue they overlap, they read as nothing
    stance_pairs: dict[str, list[Pair]]
    background_exempt_after: PhraseSet
    reporting: PhraseSet
    attribution: PhraseSet
    carry: re.Pattern[str] | None
    carried_by: re.Pattern[str] | None
    impersonal: re.Pattern[str] | None  # "it was " right before a reporting verb
    opening: re.Pattern[str] | None
    negators: frozenset[str]
    # the negator words as a set of the scan: a cue with none (and no "n't") in the few
    # characters before it is not negated, and no word list is made for it
    negator_hits: PhraseSet
    object_prepositions: frozenset[str]
    place_events: re.Pattern[str] | None  # asked of ambiguous names only
    # right after an opening "Russia's": its own document, office or official speaks
    actor_documents: re.Pattern[str] | None
    opening_phrase: re.Pattern[str] | None  # "in istanbul the " before the subject
    opening_prepositions: tuple[str, ...]  # "at ", "during ": a sentence's opening phrase
    # between a reporting verb and the reported clause's subject: "in a statement that
    # 'following a ceasefire, the "
    clause_opening: re.Pattern[str] | None
    shared_subject_links: tuple[str, ...]  # " but", " and": the text before the verb ends so
    subject_heads: PhraseSet
    chain: re.Pattern[str]
    titled: re.Pattern[str]  # "prime minister " before a name that opens the sentence
    background: PhraseSet
    hypothetical: PhraseSet
    masks: PhraseSet
    mask_exempt: dict[str, PhraseSet]
    language: Language
    # of the vocabulary the claims were read with: actors, issues and language
    digest: str
    # stance, status and denial sets: a sentence with none of them says nothing of an issue
    reading_sets: tuple[int, ...] = ()
    # per issue, what finding it asks of the scan: (issue, cue set, follow-up set, pairs)
    issue_rows: tuple[tuple[str, int, int, tuple[Pair, ...]], ...] = ()


_COMPILED: dict[int, tuple[Registry, Vocabulary]] = {}


def vocabulary(registry: Registry) -> Vocabulary:
    """A registry's vocabulary, compiled once per registry object."""
    cached = _COMPILED.get(id(registry))
    if cached is not None and cached[0] is registry:
        return cached[1]
    vocab = _compile(registry)
    _COMPILED[id(registry)] = (registry, vocab)
    return vocab


def _either(phrases: Iterable[str]) -> str:
    """The folded phrases as one regex alternation ("" for none)."""
    return "|".join(re.escape(fold_phrase(p)) for p in phrases)


def _pattern(template: str, phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    """``template`` with its ``{}`` the phrases' alternation, compiled; None for no phrases."""
    return re.compile(template.replace("{}", _either(phrases))) if phrases else None


def _compile(registry: Registry) -> Vocabulary:
    lang = registry.language or Language()
    owner: dict[str, tuple[str, bool]] = {}
    for actor in registry.actors:
        for alias in (actor.name, *actor.aliases):
            owner.setdefault(key(alias), (actor.id, False))
        for alias in actor.ambiguous:
            owner.setdefault(key(alias), (actor.id, True))
        for adjective in actor.adjectives:
            # "the American draft" speaks as "American negotiators" do
            for role in (*lang.roles, *lang.titles, *lang.actor_documents):
                phrase = key(f"{adjective} {role}")
                owner.setdefault(phrase, (actor.id, False))
    adjectives = {key(a): actor.id for actor in registry.actors for a in actor.adjectives}
    adjective = "|".join(re.escape(a) for a in sorted(adjectives, key=len, reverse=True))
    scan = Scanner()  # every phrase set below is matched in one pass per sentence
    # "Starmer and President Macron": a title may stand between chained names
    titles = "|".join(re.escape(fold_phrase(t)).replace(r"\ ", r"\s+") for t in lang.titles)
    titles = titles or "(?!)"
    reporting = _either(lang.reporting_verbs)
    subjects = _either(lang.carry_over_subjects)
    carry = carried_by = opening = None
    if subjects and reporting:
        carry = re.compile(rf"(?<!\w)(?:{subjects})(?:\s+\w+){{0,2}}\s+(?:{reporting})(?!\w)")
        # the same subject, just before a reporting verb found by the scan
        carried_by = re.compile(rf"(?<!\w)(?:{subjects})(?:\s+\w+){{0,2}}\s+$")
    if subjects:
        connectives = _either(lang.connectives) or "(?!)"
        opening = re.compile(rf"^[\"'\s]*(?:(?:{connectives}),?\s+)?(?:{subjects})\s+(?!said)\w")
    vocab = Vocabulary(
        scanner=scan,
        aliases=PhraseSet(owner, scan),
        alias_owner=owner,
        adjectives=adjectives,
        members={a.id: frozenset(a.members) for a in registry.actors if a.members},
        collective={a.id: a.members for a in registry.actors if a.collective},
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
        asked_by={i.id: frozenset(i.asked_by) for i in registry.issues},
        yields_in_clause_to={i.id: frozenset(i.yields_in_clause_to) for i in registry.issues},
        reversals={
            i.id: Reversal(
                PhraseSet(i.reversed_by.cues, scan),
                {k.value: v.value for k, v in i.reversed_by.turns.items()},
                _keys(i.reversed_by.not_after),
                PhraseSet(i.reversed_by.demand_cues, scan),
                {k.value: v.value for k, v in i.reversed_by.demand_turns.items()},
                i.reversed_by.within,
                PhraseSet(i.reversed_by.acts, scan),
            )
            for i in registry.issues
            if i.reversed_by is not None
        },
        any_follow_up=PhraseSet((c for i in registry.issues for c in i.follow_up_cues), scan),
        not_after={i.id: _keys(i.not_after) for i in registry.issues},
        any_issue=PhraseSet(
            (
                *(c for i in registry.issues for c in i.cues),
                *(c for i in registry.issues for p in i.cue_pairs for c in p.first),
            ),
            scan,
        ),
        issue_negators=PhraseSet(lang.issue_negators, scan),
        condition_openers=PhraseSet(lang.condition_openers, scan),
        concessions=PhraseSet(lang.concessions, scan),
        condition_starts=tuple(f"{fold_phrase(p)} " for p in lang.condition_openers),
        concession_starts=tuple(f"{fold_phrase(p)} " for p in lang.concessions),
        refused_for=tuple(f" {fold_phrase(p)} " for p in lang.refused_for),
        reported_auxiliaries=_keys(lang.reported_auxiliaries),
        forecast_auxiliaries=_keys(lang.forecast_auxiliaries),
        passive_auxiliaries=_keys(lang.passive_auxiliaries),
        passive_agent_links=tuple(f" {key(a)} " for a in lang.passive_agent_links),
        adverb_endings=tuple(key(a) for a in lang.adverb_endings),
        threat_before=_pattern(r"(?<![\w-])(?:{})(?:\s+[\w'-]+){0,6}\s*$", lang.threats),
        threat_after=_pattern(r"[,\s]*(?:[\w'-]+\s+){0,10}?(?:{})(?![\w-])", lang.threats),
        # "opposed the idea of Ukraine joining": a noun with its own complement names it
        pronoun_objects=_pattern(
            r"(?<![\w-])(?:{})(?![\w-])(?!\s+(?:of|to|for|that|which)\b)", lang.pronoun_objects
        ),
        # ", a move (that) Moscow condemned": the relative pronoun may stand before the name
        appraisal=_pattern(
            r", (?:an?|the) (?:{})"
            + (rf"(?: (?:{_either(lang.relative_pronouns)}))?" if lang.relative_pronouns else "")
            + " ",
            lang.appraisal_nouns,
        ),
        # "... for Ukraine -- an offer Zelensky welcomed" (a dash, in a sentence that has one)
        dashed_appraisal=_pattern(
            r"[\u2013\u2014-] ?(?:an?|the) (?:{})"
            + (rf"(?: (?:{_either(lang.relative_pronouns)}))?" if lang.relative_pronouns else "")
            + " ",
            lang.appraisal_nouns,
        ),
        possessive_proposal=_pattern(r"\s+(?:{})(?![\w-])", lang.possessive_proposals),
        proposal_for=PhraseSet(
            (f"{noun}{plural} for" for noun in lang.possessive_proposals for plural in ("", "s")),
            scan,
        ),
        proposal_by=PhraseSet(
            (
                f"{noun}{plural} {link}"
                for noun in lang.possessive_proposals
                for plural in ("", "s")
                for link in ("by", "by the", "from", "from the")
            ),
            scan,
        ),
        agent_adjective=_pattern(r"-(?:{})\s+", lang.agent_adjectives),
        aside_openers=_keys(lang.aside_openers),
        relative=_pattern(r" (?:{}) ", lang.relative_pronouns),
        relative_clauses=tuple(f", {k} " for k in sorted(_keys(lang.relative_pronouns))),
        committing=_pattern(r"(?<![\w-])(?:{})\s+(?:the\s+)?$", lang.committing_verbs),
        appraisal_verb=_pattern(
            r"\s+(?:(?:has|had|have)\s+)?(?:{})(?![\w-])", lang.appraisal_verbs
        ),
        obligations=_keys(lang.obligations),
        condition_idioms=PhraseSet(lang.condition_idioms, scan),
        clause_breaks=PhraseSet(lang.clause_breaks, scan),
        speaker_turns=tuple(p if p == ";" else f", {fold_phrase(p)} " for p in lang.speaker_turns),
        connectives=_keys(lang.connectives),
        possessive_modifiers=_keys(lang.possessive_modifiers),
        opening_turns=tuple(f"{fold_phrase(p)} " for p in lang.opening_turns),
        actor_event_openers=PhraseSet(lang.actor_event_openers, scan),
        appositive_heads=PhraseSet(lang.appositive_heads, scan),
        credited_links=PhraseSet(lang.credited_links, scan),
        trailing_inclusions=tuple(sorted(f", {k} " for k in _keys(lang.trailing_inclusions))),
        open_offers=_keys(lang.open_offers),
        demand_verbs=_keys(lang.demand_verbs),
        personal=_pattern(r"(?<![\w'])(?:{})(?![\w-])", lang.personal_subjects),
        places=frozenset(
            fold_phrase(p)
            for p in (
                *lang.places,
                *(a.name for a in registry.actors),
                *(p for a in registry.actors for p in a.ambiguous),
            )
        ),
        joint_acts=PhraseSet(lang.joint_acts, scan),
        joint_links=tuple(f" {fold_phrase(p)} " for p in lang.joint_links),
        relative_openers=PhraseSet(lang.relative_openers, scan),
        quoted_others=_keys(lang.quoted_others),
        relations=_keys(lang.relations),
        # the longest first: "the so-called" before "the"
        determiner=_pattern(
            r"(?<![\w'])(?:{})\s*$", tuple(sorted(lang.determiners, key=len, reverse=True))
        ),
        preconditions=PhraseSet(lang.precondition_cues, scan),
        restrictions=PhraseSet(lang.restrictions, scan),
        exclusions=PhraseSet(lang.exclusions, scan),
        requirements=PhraseSet(lang.requirements, scan),
        not_names=_keys(lang.not_names),
        relays=PhraseSet(lang.relay_roles),  # asked of a name's own text: a set of its own
        relay_before=(
            re.compile(
                rf"(?<![\w-])(?:{_either(lang.relay_roles)})\s+"
                rf"(?:{_either(lang.relay_links)})\s+(?:the\s+)?$"
            )
            if lang.relay_roles and lang.relay_links
            else None
        ),
        event_openers=PhraseSet(lang.event_openers, scan),
        issue_agents=PhraseSet(lang.issue_agents, scan),
        issue_opponents=PhraseSet(lang.issue_opponents, scan),
        statuses={
            i.id: {s: PhraseSet(c, scan) for s, c in i.status_cues.items()} for i in registry.issues
        },
        neutral=PhraseSet(lang.stance_cues.neutral, scan),
        stances={
            k: PhraseSet(
                (
                    *getattr(lang.stance_cues, k),
                    *phrase_forms(lang.stance_verbs.get(Stance(k), ()), lang.irregular_verbs),
                ),
                scan,
            )
            for k in ORDER
        },
        stance_pairs={
            k: [
                Pair(PhraseSet(p.first, scan), PhraseSet(p.second, scan), p.within, p.ordered)
                for p in lang.stance_pairs.get(Stance(k), ())
            ]
            for k in ORDER
        },
        background_exempt_after=PhraseSet(lang.background_exempt_after, scan),
        reporting=PhraseSet(lang.reporting_verbs, scan),
        attribution=PhraseSet(lang.attribution_phrases, scan),
        carry=carry,
        carried_by=carried_by,
        impersonal=_pattern(r"(?<!\w)(?:{})\s+$", lang.impersonal_reports),
        opening=opening,
        negators=_keys(lang.negators),
        negator_hits=PhraseSet([n for n in lang.negators if "'" not in n], scan),
        object_prepositions=_keys(lang.object_prepositions),
        place_events=_pattern(r"\s+(?:{})\b", lang.place_events),
        actor_documents=_pattern(
            r"\s+(?:(?:" + (_either(lang.office_modifiers) or "(?!)") + r")\s+)?(?:{})\b",
            (*lang.actor_documents, *lang.roles, *lang.titles),
        ),
        opening_phrase=_pattern(
            r"^(?:{})\s+[\w'-]+(?:\s+[\w'-]+)?\s+(?:the\s+)?$", lang.opening_prepositions
        ),
        opening_prepositions=tuple(f"{fold_phrase(p)} " for p in lang.opening_prepositions),
        clause_opening=_pattern(
            r"\s*(?:[\w'-]+\s+){0,4}?that\s+[\"'\u201c]?(?:{})\s+[\w'-]+(?:\s+[\w'-]+){0,4},"
            r"\s*(?:the\s+)?$",
            lang.opening_prepositions,
        ),
        shared_subject_links=tuple(f" {fold_phrase(p)}" for p in lang.shared_subject_links),
        subject_heads=PhraseSet(lang.subject_heads, scan),
        # "Macron and Starmer", "Germany and the United States", "Starmer and President Macron"
        chain=re.compile(rf"^\s*(,|and|,\s*and)\s*(?:the\s+)?(?:(?:{titles})\s+)*$"),
        titled=re.compile(rf"^(?:the\s+)?(?:(?:{titles})\s+)+$"),
        background=PhraseSet(lang.background_markers, scan),
        hypothetical=PhraseSet(lang.hypothetical_markers, scan),
        masks=PhraseSet(lang.issue_context_masks, scan),
        mask_exempt={k: PhraseSet(v, scan) for k, v in lang.mask_exempt.items()},
        language=lang,
        digest=hashlib.sha256(
            b"".join(
                m.model_dump_json().encode() for m in (*registry.actors, *registry.issues, lang)
            )
        ).hexdigest()[:8],
    )
    readings = (
        *(vocab.stances[kind].index for kind in ORDER),
        *(cues.index for statuses in vocab.statuses.values() for cues in statuses.values()),
        vocab.issue_negators.index,
        vocab.issue_agents.index,  # "the truce declared by Putin" says who backs it
        vocab.issue_opponents.index,  # "membership opposed by the US" says who does not
        *(r.acts.index for r in vocab.reversals.values()),  # "Zelensky drops NATO bid"
    )
    rows = tuple(
        (issue, cues.index, vocab.follow_ups[issue].index, tuple(vocab.pairs[issue]))
        for issue, cues in vocab.issues.items()
    )
    return replace(vocab, reading_sets=readings, issue_rows=rows)
