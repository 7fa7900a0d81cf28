"""The registries' shape: issues, actors and policy, validated when peacewatch starts."""

from __future__ import annotations

import math
import re
import unicodedata
from typing import Annotated, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    model_validator,
)

from schemas.base import RegistryId, Severity, Stance

_CHOICES = re.compile(r"\(([^()]*\|[^()]*)\)")


def _choices(phrase: str) -> list[str]:
    """Every phrase a template stands for: "(once|after) (a |)ceasefire" is "once a
    ceasefire", "once ceasefire", "after a ceasefire" and "after ceasefire"."""
    found = _CHOICES.search(phrase)
    if found is None:
        return [" ".join(phrase.split())]
    head, tail = phrase[: found.start()], phrase[found.end() :]
    return [e for choice in found.group(1).split("|") for e in _choices(head + choice + tail)]


# a template standing for more phrases than this would swell the vocabulary (each one is
# matched and kept in memory): session 14's first drafts stood for up to 67,200 and took the
# vocabulary from 0.3 s and 21 MB to 5.2 s and 117 MB
MAX_CHOICES = 10_000


def _wildcard_at_end(phrase: str) -> str:
    stands_for = math.prod(len(group.split("|")) for group in _CHOICES.findall(phrase))
    if stands_for > MAX_CHOICES:
        raise ValueError(
            f"{phrase!r}: stands for {stands_for:,} phrases, at most {MAX_CHOICES:,}"
            " (split it into smaller templates)"
        )
    for each in _choices(phrase):
        if not each or len(each) > 200:
            raise ValueError(f"{phrase!r}: a phrase must have 1 to 200 characters")
        if "*" in each[:-1] or each == "*":
            raise ValueError(f"{phrase!r}: '*' may only end a phrase (it matches a word ending)")
    return phrase


def _expand_choices(phrases: tuple[str, ...]) -> tuple[str, ...]:
    if not any("|" in p for p in phrases):
        return phrases
    return tuple(dict.fromkeys(e for p in phrases for e in _choices(p)))


Phrase = Annotated[
    str, StringConstraints(min_length=1, max_length=2000), AfterValidator(_wildcard_at_end)
]
# A list of phrases in which "(a|b|)" offers choices, expanded when the registry loads.
Phrases = Annotated[tuple[Phrase, ...], AfterValidator(_expand_choices)]


def fold(text: str) -> str:
    """Case- and accent-insensitive form used for every alias and cue comparison."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class RegistryModel(BaseModel):
    """Base of registry entries: immutable and strict."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class CuePair(RegistryModel):
    """Two phrases near each other put a sentence on an issue ("troops ... to Ukraine").

    ``first`` and ``second`` may come in either order (unless ``ordered``) with at most
    ``within`` words between them.
    """

    first: Phrases = Field(min_length=1)
    second: Phrases = Field(min_length=1)
    within: int = Field(6, ge=0, le=20)
    # only ``first`` then ``second``: "Ukraine's ... troops" is Ukraine's own army
    ordered: bool = False


class StanceReversal(RegistryModel):
    """When one of ``cues`` is in the sentence, a stance reads as ``turns`` says: for the
    army issue, rejecting a cap supports the army and accepting one is conditional."""

    cues: Phrases = Field(min_length=1)
    turns: dict[Stance, Stance] = Field(min_length=1)
    # a cue right after one of these is already a stance cue of its own: "no limits on"
    not_after: Phrases = ()
    # a sentence that demands what the cue names reads as ``demand_turns`` says instead:
    # accepting a cap is conditional, insisting on one opposes the army
    demand_cues: Phrases = ()
    demand_turns: dict[Stance, Stance] = Field(default_factory=dict)
    # with ``within``, a cue turns the stance only that many words from the issue's cue:
    # "ready to give up the presidency ... or trade it for NATO membership" is no giving up
    within: int | None = Field(None, ge=0, le=20)
    # acts that, with no other stance cue, take the turned stance themselves: "Zelensky
    # drops NATO bid" gives the bid up (supports the giving up, so opposes membership)
    acts: Phrases = ()


class IssueDef(RegistryModel):
    """One negotiation issue and the vocabulary that recognises it."""

    id: RegistryId
    title: str = Field(min_length=1)
    description: str = ""
    statuses: tuple[RegistryId, ...] = Field(min_length=1)
    cues: Phrases = ()
    cue_pairs: tuple[CuePair, ...] = ()
    # cues that turn the stance around: rejecting a "ceiling" on the army supports the army
    reversed_by: StanceReversal | None = None
    # issues this one gives way to in a sentence that names both: a ceasefire named beside
    # troops or monitoring is mostly their timing ("once a ceasefire is agreed")
    yields_to: tuple[RegistryId, ...] = ()
    # issues this one gives way to when named after one of them in the same clause: "the
    # force will be deployed after peace to ensure the restoration of the Ukrainian army"
    # is about the force, but "... would not take part in any mission, and would not finance
    # Ukraine's army" names both
    yields_in_clause_to: tuple[RegistryId, ...] = ()
    # name the issue only once the text has named it by a cue: "such a force", "the guarantees"
    follow_up_cues: Phrases = ()
    # a cue right after one of these does not count: "Russian troops in Ukraine"
    not_after: Phrases = ()
    # the actors the issue is asked for: what they set as its conditions is what they ask for
    # ("the guarantees must be voted on in Congress" is Ukraine backing them), so it reads as
    # support
    asked_by: tuple[RegistryId, ...] = ()
    status_cues: dict[RegistryId, Phrases] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _status_cues_use_known_statuses(self) -> Self:
        unknown = sorted(set(self.status_cues) - set(self.statuses))
        if unknown:
            raise ValueError(f"status_cues name statuses not in statuses: {', '.join(unknown)}")
        return self

    @property
    def initial_status(self) -> str:
        return self.statuses[0]


class ActorDef(RegistryModel):
    """An actor, and the names of the people and offices that speak for it."""

    id: RegistryId
    name: str = Field(min_length=1)
    kind: str = "state"
    aliases: Phrases = ()
    ambiguous: Phrases = ()
    # "American", "Ukrainian": before one of the language's roles or titles, the actor
    # speaking ("American negotiators", "a senior Ukrainian official", "Polish President")
    adjectives: Phrases = ()
    # a group's members: "Starmer said the coalition was ready" is the coalition's word too
    members: tuple[RegistryId, ...] = ()
    # a name for the members together ("the Baltic states"): what it holds, each member
    # holds, and the claims are the members', not the group's
    collective: bool = False

    @model_validator(mode="after")
    def _a_collective_names_its_members(self) -> Self:
        if self.collective and not self.members:
            raise ValueError(f"actor {self.id} is collective but lists no members")
        return self


class SeverityPolicy(RegistryModel):
    """Which change raises which severity."""

    critical_transitions: tuple[tuple[Stance, Stance], ...] = (
        (Stance.SUPPORTS, Stance.OPPOSES),
        (Stance.OPPOSES, Stance.SUPPORTS),
    )
    change: Severity = Severity.WARNING
    status_change: Severity = Severity.WARNING
    first_position: Severity = Severity.INFO


class CorroborationPolicy(RegistryModel):
    """When a machine-extracted claim may move a position."""

    min_confidence: float = Field(0.6, ge=0, le=1)
    min_origins: int = Field(2, ge=1)


class EvidencePolicy(RegistryModel):
    """How much evidence a position keeps."""

    max_items: int = Field(3, ge=1, le=100)


class Policy(RegistryModel):
    """Projection and alert policy."""

    severity: SeverityPolicy = SeverityPolicy()
    corroboration: CorroborationPolicy = CorroborationPolicy()
    evidence: EvidencePolicy = EvidencePolicy()


class Registry(RegistryModel):
    """Everything the core and the extractor know about the process being watched."""

    issues: tuple[IssueDef, ...] = Field(min_length=1)
    actors: tuple[ActorDef, ...] = Field(min_length=1)
    policy: Policy = Policy()
    language: Language | None = None
    _actor_index: dict[str, str] | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _ids_and_aliases_are_unique(self) -> Self:
        for kind, ids in (
            ("issue", [i.id for i in self.issues]),
            ("actor", [a.id for a in self.actors]),
        ):
            dupes = sorted({i for i in ids if ids.count(i) > 1})
            if dupes:
                raise ValueError(f"duplicate {kind} id: {', '.join(dupes)}")
        owner: dict[str, str] = {}
        for actor in self.actors:
            for alias in actor.aliases:
                key = fold(alias)
                if key in owner and owner[key] != actor.id:
                    raise ValueError(
                        f"alias {alias!r} names both {owner[key]} and {actor.id}; "
                        f"list it under 'ambiguous' of one of them"
                    )
                owner[key] = actor.id
        actors, issues = {a.id for a in self.actors}, {i.id for i in self.issues}
        references = (
            [(f"actor {a.id} lists unknown member(s)", a.members, actors) for a in self.actors]
            + [(f"issue {i.id} asked_by unknown actor(s)", i.asked_by, actors) for i in self.issues]
            + [
                (f"issue {i.id} {field} unknown issue(s)", named, issues)
                for i in self.issues
                for field, named in (
                    ("yields_to", i.yields_to),
                    ("yields_in_clause_to", i.yields_in_clause_to),
                )
            ]
        )
        for what, named, known in references:
            if unknown := sorted(set(named) - known):
                raise ValueError(f"{what}: {', '.join(unknown)}")
        return self

    def issue(self, issue_id: str) -> IssueDef | None:
        return next((i for i in self.issues if i.id == issue_id), None)

    def resolve_actor(self, name: str) -> str | None:
        """An actor id from its id or any alias (unambiguous aliases first)."""
        index = self._actor_index
        if index is None:
            index = {}
            for actor in self.actors:
                for label in (actor.id, actor.name):
                    index.setdefault(fold(label), actor.id)
            for attr in ("aliases", "ambiguous"):
                for actor in self.actors:
                    for alias in getattr(actor, attr):
                        index.setdefault(fold(alias), actor.id)
            self._actor_index = index  # built once: every statement resolves its actor
        return index.get(fold(name.strip()))


class StanceCues(RegistryModel):
    """Cue phrases per stance; precedence: undecided, conditional, opposes, supports."""

    undecided: Phrases = ()
    conditional: Phrases = ()
    opposes: Phrases = ()
    supports: Phrases = ()
    # phrases that take a cue's place and say nothing of an issue: "ready for negotiations"
    # is no readiness for the ceasefire the sentence goes on to refuse
    neutral: Phrases = ()


class ConfidenceRules(RegistryModel):
    """How the extractor scores a claim."""

    base: float = Field(0.55, ge=0, le=1)
    explicit_attribution: float = Field(0.2, ge=0, le=1)
    subject_attribution: float = Field(0.1, ge=0, le=1)
    carried_over_attribution: float = Field(0.0, ge=0, le=1)
    single_issue_sentence: float = Field(0.1, ge=0, le=1)
    corroborating_sentence: float = Field(0.05, ge=0, le=1)


class Language(RegistryModel):
    """The extractor's vocabulary: reporting verbs, stance cues, negators, markers."""

    reporting_verbs: Phrases = ()
    attribution_phrases: Phrases = ()
    carry_over_subjects: Phrases = ()
    connectives: Phrases = ()
    object_prepositions: Phrases = ()
    # right after a place-name alias ("Paris", "Moscow"), these make it a place, not an actor:
    # "the Paris declaration says ..."
    place_events: Phrases = ()
    # an actor's own document opening a sentence speaks for it: "Russia's memorandum set out"
    actor_documents: Phrases = ()
    # a short opening phrase with no comma before the subject: "In Istanbul the Russian side"
    opening_prepositions: Phrases = ()
    # a reporting verb right after one of these shares the sentence's subject: "Trump ruled
    # out ground forces to defend Ukraine but said ..."
    shared_subject_links: Phrases = ()
    subject_heads: Phrases = ()
    titles: Phrases = ()
    roles: Phrases = ()
    relay_roles: Phrases = ()
    # a relay role joined to the speaker by one of these relays too: "a source in the
    # Ukrainian delegation said"
    relay_links: Phrases = ()
    stance_cues: StanceCues = StanceCues()
    # verbs listed once in their base form and matched in every form: "reject" is also
    # "rejects", "rejected", "rejecting"; irregular forms are given beside them
    stance_verbs: dict[Stance, Phrases] = Field(default_factory=dict)
    irregular_verbs: dict[str, Phrases] = Field(default_factory=dict)
    # cues in two parts, per stance: "would only be deployed after" (only ... after)
    stance_pairs: dict[Stance, tuple[CuePair, ...]] = Field(default_factory=dict)
    # a background marker after one of these is tense agreement, not background:
    # "only after a deal had been agreed"
    background_exempt_after: Phrases = ()
    negators: Phrases = ()
    negation_window: int = Field(3, ge=0, le=10)
    # support named at most this many words after a refusal, in its clause, is refused too
    refusal_reach: int = Field(12, ge=0, le=40)
    issue_negators: Phrases = ()
    condition_openers: Phrases = ()
    # a clause one of these opens at a sentence's start grants a point the sentence sets
    # aside: its cues do not count when the rest of the sentence has one ("Although Italy
    # ... supports the Kyiv regime, it will not send its troops")
    concessions: Phrases = ()
    # after a refusal, one of these before a name makes the refusal that actor's: "in lieu of
    # Ukraine joining NATO, a red line for Russia"
    refused_for: Phrases = ()
    # between another actor opening the reported clause and a stance cue, these make the
    # position that actor's: "Witkoff said Russia had agreed to ..." (not "must accept")
    reported_auxiliaries: Phrases = ()
    # ... but before a closing speaker, these make it the speaker's forecast or plan:
    # "Under the framework, Ukraine would receive guarantees, Witkoff said"
    forecast_auxiliaries: Phrases = ()
    # one of these right before a stance cue followed by "by" and an actor makes the cue
    # passive: "Russia's proposal was rejected by Kyiv" is Kyiv's refusal, not Russia's
    passive_auxiliaries: Phrases = ()
    # ... and these name the agent after the cue ("by"); a word with one of
    # ``adverb_endings`` may stand between the auxiliary and the cue ("was firmly rejected")
    passive_agent_links: Phrases = ()
    adverb_endings: Phrases = ()
    # right after a stance cue, these refer to the one issue the sentence before named:
    # "Lavrov called a European force a provocation. Russia would not accept it."
    pronoun_objects: Phrases = ()
    # stance cues that stay the speaker's demand there: "... said Ukraine needed a strong army"
    obligations: Phrases = ()
    # idioms that hold an opener without making a condition: "for as long as it takes"
    condition_idioms: Phrases = ()
    # a condition a few words after one of these threatens the other side; it is no
    # condition on the speaker's stance: "... and threatened tougher sanctions if it did not"
    threats: Phrases = ()
    clause_breaks: Phrases = ()
    # between an actor's possessive and its stance noun, these may stand: "Putin's
    # long-standing opposition to ..." (a noun there, "Kyiv's allies signing ...", owns it)
    possessive_modifiers: Phrases = ()
    # opening the sentence, these make its first clause another actor's when the clause
    # after the first comma opens with an actor of its own: "While Trump has said he wants
    # a ceasefire, Russia has given no indication ..."
    opening_turns: Phrases = ()
    # one of these right before another actor opens that actor's event, as "despite" does:
    # "Macron said ... after the Russian leader ruled out allowing a peacekeeping force"
    actor_event_openers: Phrases = ()
    # after another actor's name and a comma, these open an apposition that tells of that
    # actor: '... the "coalition of the willing," a group of countries pledging to send troops'
    appositive_heads: Phrases = ()
    # after an actor's name, these make the stance noun that follows that actor's own, as a
    # possessive does: "commending President Trump for his pledge to provide guarantees"
    credited_links: Phrases = ()
    # after a comma at a sentence's end, these list who the subject is, when no actor speaks
    # before: "six countries have indicated willingness to contribute troops, including the
    # UK, France, and the Baltic States"
    trailing_inclusions: Phrases = ()
    # carried subjects that name a person ("he said", "the prime minister added"): they
    # are carried to the last named speaker that is a person, not a place ("Russia would
    # regain access ... . '...,' he wrote" is not Russia's)
    personal_subjects: Phrases = ()
    # names of places beyond the actors' own names and ambiguous aliases
    places: Phrases = ()
    # undecided cues that offer: with a condition in the sentence they read conditional
    # ("open to sending troops if a peace deal is reached"); "does not rule out ... depending
    # on ..." stays undecided
    open_offers: Phrases = ()
    # support cues that ask for something: a refusal in the same sentence is what they ask
    # for, so the sentence refuses ("demanding that Ukraine ... keep Western troops out")
    demand_verbs: Phrases = ()
    # a document signed together: after one of ``joint_acts`` ("signed"), the names after
    # ``joint_links`` ("with", "alongside") or "by" hold the signer's stance: "Zelensky
    # signed a declaration with Macron and Starmer, committing to deploy forces ..."
    joint_acts: Phrases = ()
    joint_links: Phrases = ()
    # an appraisal after a comma: ", a move Zelensky called a 'huge step forward'". The
    # actor named right after one of ``appraisal_nouns`` appraises what the sentence said
    # before it, with one of ``appraisal_verbs``; the cues from that verb to the clause's
    # end are the actor's stance on the issues named before, not the speaker's
    appraisal_nouns: Phrases = ()
    appraisal_verbs: Phrases = ()
    # after an actor's possessive and an issue, one of these nouns is the actor's support:
    # "Trump's ceasefire proposal", "Macron's reassurance force plan"
    possessive_proposals: Phrases = ()
    # joined to an actor's name by a hyphen before an issue, these make it the actor's
    # support: "a U.S.-proposed 30-day ceasefire", "the EU-backed loan"
    agent_adjectives: Phrases = ()
    # the actor right after one of these and before "to" is held to the stance: "The
    # statement commits the coalition to a US-led ceasefire monitoring mechanism"
    committing_verbs: Phrases = ()
    # an aside between a subject and its reporting verb opens with a participle ("-ing") or
    # one of these: "von der Leyen, speaking with Zelensky, said" (the aside's name is no
    # speaker)
    aside_openers: Phrases = ()
    # after an issue, one of these and an actor open that actor's relative clause: "a truce
    # that Kiev has indicated its willingness to accept"
    relative_pronouns: Phrases = ()
    # between an actor's possessive and its office, which still speaks for it: "The US's top
    # diplomat has said ..." (session 11)
    office_modifiers: Phrases = ()
    # a reporting verb right after one of these names no speaker: "..., it was revealed"
    impersonal_reports: Phrases = ()
    # a list of actors right after one of these opens a clause of its own and holds its own
    # stance there: "..., during which the UK and France signed a declaration of intent"
    relative_openers: Phrases = ()
    # in a quotation, one of these as the subject of its first stance cue tells of others:
    # '"... they intend to deploy these troops there," Lavrov said' is no Russian support
    quoted_others: Phrases = ()
    # a name's relations speak for themselves, not for it: "Ukraine's allies said ..."
    relations: Phrases = ()
    # right before a name, these leave it the subject or a list's member: ", the Russian
    # delegation", "Representatives of ..., so-called Coalition of the Willing, agreed"
    determiners: Phrases = ()
    # after a comma (";" alone), these may open another speaker's sentence: "Umerov said
    # Ukraine was ready for a ceasefire, while Kostyukov insisted Kyiv first withdraw"
    speaker_turns: Phrases = ()
    precondition_cues: Phrases = ()
    # right after an issue, these narrow it: refusing the narrowed issue is a condition on
    # it ("a ceasefire without guarantees is not acceptable")
    restrictions: Phrases = ()
    # an issue just before one of these, with another issue after it, excludes that other
    # issue and is not itself refused ("the guarantees would not include NATO membership")
    exclusions: Phrases = ()
    # an issue named just after one of these in a refusal is what the speaker requires: "will
    # not send troops without a US backstop" asks for the backstop
    requirements: Phrases = ()
    # a line that ends with one of these goes on in the next: no headline ends there
    runs_on: Phrases = ()
    # capitalised words that open a clause but name no one ("The", "He")
    not_names: Phrases = ()
    event_openers: Phrases = ()
    # right after an issue, these name who stands behind it: "a truce proposed by Washington"
    issue_agents: Phrases = ()
    # ... and who stands against it: "NATO membership remains opposed by the United States"
    issue_opponents: Phrases = ()
    background_markers: Phrases = ()
    hypothetical_markers: Phrases = ()
    issue_context_masks: Phrases = ()
    mask_exempt: dict[RegistryId, Phrases] = Field(default_factory=dict)
    abbreviations: Phrases = ()
    confidence: ConfidenceRules = ConfidenceRules()
