"""Who speaks: actor mentions, reporting verbs, chains of names, carried speakers."""

from __future__ import annotations

import re
from typing import NamedTuple

from services.extractor.issues import demanded
from services.extractor.stance import cues
from services.extractor.text import Folded
from services.extractor.vocabulary import WORDS, Vocabulary, follows, owner_of

_NAME = re.compile(r"\b[A-Z][a-z]")
# "Russia's military intelligence chief Igor Kostyukov said": a role, then its holder's name
_TITLED = re.compile(r"^(?:'s)?(?:\s+[a-z][\w-]*)+(?:\s+[A-Z][\w'-]*){1,3}\s*$")


class Mention(NamedTuple):
    start: int  # in the folded sentence
    end: int
    actor: str
    ambiguous: bool
    text: str  # folded
    name: str = ""  # as written, once the mention speaks: it may be quoted sentences later
    partner: bool = False  # holds the position beside the speaker, but did not speak
    # spoke, but holds no position here: "Zelensky said the US had agreed" is the US's
    # stance, and Zelensky is who "he said" in the next sentence means
    voice: bool = False


def named(mentions: list[Mention], folded: Folded, sentence: str) -> list[Mention]:
    """Speakers with the name as written in their own sentence."""
    return [
        m._replace(name=sentence[slice(*folded.span(m.start, m.end))]) if m.text else m
        for m in mentions
    ]


# between "according to" and its author: "a statement of the", "a readout from the"
_SOURCE = re.compile(r"\s*(?:an?|the)\s+\w+(?:\s+\w+)?\s+(?:of|by|from)(?:\s+the)?\s*$")


_CLOSERS = ",.;:\"'\u201d"  # a name after one of these is no preposition's object


def find_mentions(vocab: Vocabulary, s: str) -> list[Mention]:
    """Actor mentions that could be a subject (a name after a preposition is an object)."""
    out = []
    listing = False  # names found by their adjective go in out of order
    # "the leaders of France", "according to (the) Kremlin": the name after a subject head
    # or an attribution phrase is a speaker, not the object of its last word
    attributed = vocab.attribution.find(s)
    heads = [*vocab.subject_heads.find(s), *attributed]
    sources = [h_end for _, h_end, _ in attributed]
    object_end = -1  # where the last object name ended: "alongside Macron and Zelensky"
    # "No NATO Membership for Ukraine": a name that opens an issue's cue is the issue's word
    names = vocab.aliases.find(s)
    cued = vocab.any_issue.find(s) if names else ()
    for start, end, text in names:
        if cued and any(a == start and b > end for a, b, _ in cued):
            continue
        led = (
            heads
            and (
                any(
                    h_end <= start and s[h_end:start].strip() in ("", "the")
                    for _, h_end, _ in heads
                )
                # "according to a statement of the coalition": the statement's author speaks
                or any(
                    h_end <= start
                    and _SOURCE.match(s, h_end, start)
                    # "according to a source cited by RBC Ukraine": a relay, not the author
                    and not vocab.relays.search(s[h_end:start])
                    for h_end in sources
                )
            )
        )
        if not led and (
            # '"The war is over," Sybiha said': punctuation ends the preposition's phrase
            (
                follows(s, start, vocab.object_prepositions)
                and s[:start].rstrip()[-1:] not in _CLOSERS
            )
            or (
                object_end >= 0
                and vocab.chain.match(s[object_end:start])
                and "and" in s[object_end:start].split()  # ", Putin agreed" ends the phrase
            )
        ):
            object_end = end
            continue
        owner = owner_of(vocab, text)
        if owner[1] and vocab.place_events is not None and vocab.place_events.match(s, end):
            continue  # "the Paris declaration": a place, not France speaking
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
    edge = anchor.start  # where the list goes on backwards
    for m in reversed(earlier):
        link = s[m.end : edge]
        if m.actor == chosen[-1].actor and not link.strip():
            edge = m.start  # "UK Prime Minister Keir Starmer": one member, the name speaks
            continue
        # a list ends with "and": "deter Moscow, Macron said" is no list
        if vocab.chain.match(link) and (len(chosen) > 1 or "and" in link.split()):
            chosen.append(m)
            edge = m.start
        else:
            break
    return chosen


# at most this many words from a speaker's name to its verb when an aside stands between
_ASIDE_WORDS = 14


def speaks(vocab: Vocabulary, s: str, original: str, m: Mention, verb_start: int) -> bool:
    """True when mention ``m`` is the subject of the reporting verb at ``verb_start``: at
    most six words between them, none of them another name, and for an ambiguous alias
    ("US", "Moscow") nothing at all."""
    gap = s[m.end : verb_start]
    if gap.startswith("'s ") and gap[3:].split(" ", 1)[0] in vocab.relations:
        return False  # "Ukraine's allies said they had agreed ...": the allies speak
    if m.ambiguous:
        return gap.strip() in ("", ",")
    words = len(gap.split())
    # "Senator Marco Rubio, in an interview on ABC's "This Week," emphasized ...": an aside
    # between the name and its verb, whatever it names
    aside = (
        words <= _ASIDE_WORDS
        and gap.startswith(", ")
        and gap.rstrip().rstrip('"').endswith(",")
        and _opens_aside(vocab, gap[2:].split(" ", 1)[0])
    )
    if (words > 6 and not aside) or any(
        start >= m.end and end <= verb_start for start, end, _ in vocab.reporting.find(s)
    ):
        return False
    between = original[m.end : verb_start]
    if aside or not _NAME.search(between):
        return True
    # a name right after the actor's role is the actor's own speaker
    return (between.startswith("'s") or m.text in vocab.adjectives) and bool(_TITLED.match(between))


def _opens_aside(vocab: Vocabulary, word: str) -> bool:
    """Whether ``word`` opens an aside: a participle or one of ``aside_openers``."""
    return word.endswith("ing") or word in vocab.aside_openers


def _aside_owner(
    vocab: Vocabulary, s: str, original: str, mentions: list[Mention], m: Mention, verb_start: int
) -> Mention:
    """The subject an aside interrupts, when ``m`` is named inside it: in "von der Leyen,
    speaking in Brussels with Zelensky, said that ..." von der Leyen speaks, not Zelensky.
    The aside runs from a comma after the subject's name to a comma before the verb and
    opens with a participle or a preposition; "Macron, Starmer and Merz said" is a list."""
    comma = s.rfind(", ", 0, m.start)
    if comma < 0 or original is s or s[m.end : verb_start].strip() != ",":
        return m
    word = original[comma + 2 : m.start].split(" ", 1)[0]
    if not _opens_aside(vocab, word) or not word[:1].islower():
        return m
    owner = next((o for o in mentions if o.end <= comma and not s[o.end : comma].strip()), None)
    return owner if owner is not None and owner.actor != m.actor else m


def _attribute(
    vocab: Vocabulary, s: str, mentions: list[Mention], original: str = ""
) -> tuple[list[Mention], str]:
    """The actors a sentence speaks for, and how they were found.

    ``original`` is the sentence as written, char for char with ``s`` (see
    ``read_sentences``); it is only used to spot other capitalised names.
    """
    original = original or s
    for verb_start, verb_end, _ in vocab.reporting.find(s):
        if vocab.impersonal is not None and vocab.impersonal.search(
            s, max(0, verb_start - 20), verb_start
        ):
            continue  # "..., it was revealed": nobody's word
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
            if aside:
                return aside[-1:], "explicit"
            # "The United States would play a backstop role, he said": the subject he
            # reports on holds its own stance, as in "Witkoff said Russia had agreed"
            holder = _reported_subject(vocab, s, mentions, opens)
            if holder:
                return holder, "reported"
            # "He said Ukraine had sought the ceasefire": the actor opening the reported
            # clause holds its own stance there, as in "Witkoff said Russia had agreed"
            holder = _reported_clause_holders(vocab, s, mentions, verb_end)
            if holder:
                return holder, "reported"
            # "Starmer, Macron and Merz met Zelensky in London, where they said ...": the
            # sentence's own subject when what is said follows; a closing "..., the prime
            # minister wrote" is the last speaker's (the caller carries it over)
            holder = (
                opening_subject(vocab, s, mentions)
                if opens > 0 and len(WORDS.findall(s, verb_end)) >= 3
                else []
            )
            if holder and not any(m.ambiguous for m in holder):
                return holder, "explicit"
            return [], "none"
        # '..., said Lavrov': the name after the verb speaks only in inverted attribution;
        # in "Waltz said Ukraine would ..." it opens the reported clause
        before = s[:verb_start].rstrip()
        if vocab.shared_subject_links and before.endswith(vocab.shared_subject_links):
            # "Trump ruled out ground forces to defend Ukraine but said ...": the sentence's
            # subject says it, not the object before the verb; with no subject named ("He
            # went on to say ... alternatives to the NATO alliance and said ..."), nobody
            # named here
            holder = opening_subject(vocab, s, mentions)
            if holder:
                return holder, "explicit"
            continue
        inverted = before[-1:] in (",", '"', "'")
        after = [m for m in mentions if m.start >= verb_end and m.start - verb_end <= 40]
        if inverted and after and after[0].start - verb_end <= 12:
            # "... off the table, said Rubio"; "..., stated EU High Representative ... Kaja
            # Kallas": the person the title names speaks (a "she" later refers to her)
            spoke = after[0]
            for then in (m for m in mentions if m.start > spoke.start):
                if (
                    then.actor != spoke.actor
                    or then.start - spoke.end > 80
                    or any(mark in s[spoke.end : then.start] for mark in ",.;")
                ):
                    break
                spoke = then
            return [spoke], "explicit"
        if inverted and original is not s and (run := _NAME_RUN.match(original, verb_end)):
            # '..., said Deputy Foreign Minister Sergei Ryabkov': the name the capitalised
            # words after the verb hold; '..., said Sánchez from Paris' or '..., Bloomberg
            # writes' with no name the registry knows there: an unknown speaker or a relay,
            # so the sentence's own subject if it has one, not a name just before the verb
            first_word = run.group(1).split()[0].lower().rstrip(".")
            # "..., told RIA Novosti that ...": the one told, not the speaker
            addressed = original[run.end(1) :].lstrip().startswith("that ")
            if first_word not in vocab.not_names and not addressed:
                named_there = [m for m in mentions if run.start(1) <= m.start < run.end(1)]
                if named_there:
                    return named_there[-1:], "explicit"
                holder = opening_subject(vocab, s, mentions)
                if holder and not any(m.ambiguous for m in holder):
                    return holder, "explicit"
                return [], "none"
        speaker = next(
            (
                m
                for m in reversed(mentions)
                if m.end <= verb_start and speaks(vocab, s, original, m, verb_start)
            ),
            None,
        )
        if speaker is not None:
            speaker = _aside_owner(vocab, s, original, mentions, speaker, verb_start)
            speakers = _chain(vocab, s, mentions, speaker)
            # "the Russian delegation demanded ..., a Ukrainian source said": the source
            # relays, the subject holds the position
            if vocab.relays.search(speaker.text) or (
                vocab.relay_before is not None
                and vocab.relay_before.search(s, max(0, speaker.start - 30), speaker.start)
            ):
                holder = opening_subject(vocab, s, mentions)
                if holder and {m.actor for m in holder}.isdisjoint(m.actor for m in speakers):
                    return holder, "explicit"
            first = _clause_subject(vocab, s, mentions, verb_end)
            # "Russia rejected the truce, Macron said": the subject that opens what is said
            # before the speaker holds its own stance there, as in "Macron said Russia ..."
            held = _held_before(vocab, s, mentions, speakers) if first is None else []
            if held:
                return held, "explicit"
            partners = _partners(vocab, s, mentions, speakers, first)
            if partners:
                return speakers + [m._replace(partner=True) for m in partners], "explicit"
            reported = _reported_holder(vocab, s, speakers, first, mentions)
            if not reported:
                reported = _later_reported(vocab, s, mentions, speakers, verb_end)
            # "... he had asked Putin to stop, and that Putin had agreed": Russia's too
            at = s.find(" and that ", verb_end)
            also = (
                next(
                    (
                        holder
                        for m in mentions
                        if 0 <= m.start - (at + 10) <= 4
                        for holder in _reported_holder(vocab, s, speakers, m, mentions)
                    ),
                    None,
                )
                if at >= 0
                else None
            )
            voices = [m._replace(voice=True) for m in speakers] if reported else []
            return [*(reported or speakers), *((also,) if also else ()), *voices], "explicit"
        if after and inverted:  # '..., said the Russian foreign ministry spokeswoman'
            return [after[0]], "explicit"
        # "The Financial Times writes that Kiev agreed to ...": no actor speaks, so the
        # one that opens the reported clause holds its own stance there
        holder = _reported_clause_holders(vocab, s, mentions, verb_end, ambiguous=True)
        if holder:
            return holder, "explicit"
    for _, phrase_end, _ in vocab.attribution.find(s):
        after = [m for m in mentions if m.start >= phrase_end and m.start - phrase_end <= 40]
        # "according to a source cited by RBC Ukraine": the name is the relay's, not an author
        if after and not vocab.relays.search(s[phrase_end : after[0].start]):
            # "according to a draft by Britain, France and Germany": the whole list
            last = _last_chained(vocab, s, mentions, after[0])
            return _chain(vocab, s, mentions, last), "explicit"
    if (
        mentions
        and not s[mentions[-1].end :].strip(" .")
        and (s[: mentions[-1].start].rstrip().endswith(("-", "\u2013", "\u2014")))
    ):
        # a headline's '"... is unacceptable" - Lavrov': the name after the dash speaks
        return _chain(vocab, s, mentions, mentions[-1]), "explicit"
    held = _committed(vocab, s, mentions)
    if held:  # "The statement commits the coalition to ...": the coalition's stance
        return held, "subject"
    agent = _passive_agent(vocab, s, mentions)
    if agent is not None:  # "Russia's proposal was rejected by Kyiv": Kyiv's refusal
        return _chain(vocab, s, mentions, _last_chained(vocab, s, mentions, agent)), "explicit"
    holder = opening_subject(vocab, s, mentions)
    return (holder, "subject") if holder else ([], "none")


def _held_before(
    vocab: Vocabulary, s: str, mentions: list[Mention], speakers: list[Mention]
) -> list[Mention]:
    """The subject that opens what is said before a closing speaker, when it holds its own
    stance there ("Russia has rejected the truce, Macron said"), with the speakers as its
    voices; none for a forecast or a demand ("Russia must accept it, Macron said"), the
    speaker's own actor, or the speaker's group (its partners, found elsewhere)."""
    # the speaker's own modifiers and title are the speaker's: ", French President
    # Emmanuel Macron said"
    opens = speakers[-1].start
    opens = next(
        (m.start for m in mentions if m.actor == speakers[-1].actor and 0 <= opens - m.end <= 1),
        opens,
    )
    comma = s.rfind(",", 0, opens)
    if (
        comma <= 0
        # most closing speakers follow their own name or none: nothing to hold
        or mentions[0].end > comma
        or mentions[0].actor == speakers[-1].actor
        # ... and a cue must follow the first name closely (the full test below)
        or not any(
            0 <= c_start - mentions[0].end <= 40 and read_as is not None
            for c_start, _, _, read_as in cues(vocab, s)
        )
        or (
            _undetermined(vocab, s[comma + 1 : opens]).strip()
            and vocab.titled.match(s[comma + 2 : opens]) is None
        )
    ):
        return []
    holder = _reported_subject(vocab, s, mentions, opens)
    own = {m.actor for m in speakers}
    if (
        not holder
        or not own.isdisjoint(m.actor for m in holder)
        or not vocab.forecast_auxiliaries.isdisjoint(
            WORDS.findall(s, max(m.end for m in holder), opens)[:3]
        )
        or not all(own.isdisjoint(vocab.members.get(m.actor, ())) for m in holder)
    ):
        return []
    return [*holder, *(m._replace(voice=True) for m in speakers)]


def _committed(vocab: Vocabulary, s: str, mentions: list[Mention]) -> list[Mention]:
    """The actors a sentence commits to something: "The statement commits the coalition to
    a US-led monitoring mechanism" (the name between the verb and "to")."""
    if vocab.committing is None:
        return []
    for m in mentions:
        if s.startswith(" to ", m.end) and vocab.committing.search(
            s, max(0, m.start - 20), m.start
        ):
            return _chain(vocab, s, mentions, m)
    return []


def _passive_agent(vocab: Vocabulary, s: str, mentions: list[Mention]) -> Mention | None:
    """The actor after "by" when a stance cue is passive: "was rejected by (the) Kyiv"."""
    links = vocab.passive_agent_links
    if not vocab.passive_auxiliaries or not any(link in s for link in links):
        return None
    for start, end, _, read_as in cues(vocab, s):
        link = next((link for link in links if s.startswith(link, end)), None)
        if read_as is None or link is None:
            continue
        before = WORDS.findall(s, max(0, start - 30), start)[-2:]
        if before and vocab.adverb_endings and before[-1].endswith(vocab.adverb_endings):
            before.pop()  # "was firmly rejected by"
        if not before or before[-1] not in vocab.passive_auxiliaries:
            continue
        if demanded(vocab, s, start):
            continue  # "guarantees must be ratified by Congress": a demand on the agent
        agent = end + len(link)
        return next((m for m in mentions if 0 <= m.start - agent <= 4), None)
    return None


def _reported_subject(
    vocab: Vocabulary, s: str, mentions: list[Mention], before: int
) -> list[Mention]:
    """The sentence's opening subject when a stance cue of its own follows it with at
    most two auxiliaries between, before ``before`` (where "he said" is)."""
    if not vocab.reported_auxiliaries:
        return []
    holder = opening_subject(vocab, s, mentions)
    if not holder or any(m.ambiguous for m in holder):
        return []
    return holder if _own_stance_follows(vocab, s, max(m.end for m in holder), before) else []


def _own_stance_follows(vocab: Vocabulary, s: str, subject_end: int, before: int) -> bool:
    """Whether the first stance cue after a subject, before ``before``, is the subject's
    own: at most two auxiliaries between ("Russia had agreed"), and no obligation ("Russia
    must accept" stays the speaker's demand)."""
    for start, end, _, read_as in cues(vocab, s):
        if start < subject_end or read_as is None:
            continue
        between = WORDS.findall(s, subject_end, start)
        # an adverb may stand among them: "Kiev allegedly agreed"
        between = [w for w in between if not w.endswith(vocab.adverb_endings)]
        cue = s[start:end]
        return (
            start < before
            and len(between) <= 2
            and all(w in vocab.reported_auxiliaries for w in between)
            # "Russia must accept", "Trump said that Russia and Ukraine should stop where
            # they are": a cue that is or opens with an obligation stays the speaker's demand
            and not any(cue == o or cue.startswith(o + " ") for o in vocab.obligations)
        )
    return False


def _clause_subject(
    vocab: Vocabulary, s: str, mentions: list[Mention], verb_end: int
) -> Mention | None:
    """The mention that opens the reported clause: "said (that) (the) Britain ...", also
    after a short opening phrase of its own: "said in a statement that 'following a
    ceasefire, the UK and France will ...'"."""
    for m in mentions:
        if m.start < verb_end:
            continue
        if m.start - verb_end <= 11 and s[verb_end : m.start].strip() in (
            "",
            "that",
            "that the",
            "the",
        ):
            return m
        if vocab.clause_opening is not None and vocab.clause_opening.match(s, verb_end, m.start):
            return m
        # "said on Thursday that France and the United Kingdom would ...": a short phrase of
        # time or place between the verb and "that"
        gap = s[verb_end : m.start].split()
        if (
            2 <= len(gap) <= _WHEN_WORDS
            and (gap[-1] == "that" or gap[-2:] == ["that", "the"])
            and "," not in s[verb_end : m.start]
        ):
            return m
        return None
    return None


def _partners(
    vocab: Vocabulary,
    s: str,
    mentions: list[Mention],
    speakers: list[Mention],
    first: Mention | None,
) -> list[Mention]:
    """The others of a list that opens the reported clause (``first``) and names the
    speaker's own actor: "Starmer said Britain and France would open hubs" is France's
    word too, and so is the list that opens the sentence before an inverted one: "Britain
    and France signed a declaration ..., Healey said"; and a group of the speaker's that is
    the subject of the reported clause or of the sentence: "Starmer said the coalition was
    ready to deploy", "The coalition called for a ceasefire, Starmer said"."""
    groups = vocab.members
    # the speaker after the sentence's own clause: "..., (the British minister) Healey said"
    opens = speakers[-1].start  # a chain lists its names last to first
    closing = len(mentions) > 2 and mentions[1].end <= opens  # a list of two before it
    if closing:  # ", the Polish defence minister said"
        closing = _undetermined(vocab, s[:opens]).rstrip().endswith(",")
    if first is None and not closing and not any(m.actor in groups for m in mentions):
        return []  # most sentences
    own = {m.actor for m in speakers}
    out: list[Mention] = []
    if first is not None:
        listed = (
            _chain(vocab, s, mentions, _last_chained(vocab, s, mentions, first))
            if any(0 < m.start - first.end <= 12 for m in mentions)  # a list goes on
            else [first]
        )
        if len(listed) > 1 and not own.isdisjoint(m.actor for m in listed):
            out += [m for m in listed if m.actor not in own]
        elif not own.isdisjoint(groups.get(first.actor, ())):
            out.append(first)
    if closing or any(m.actor in groups for m in mentions):
        opening = [m for m in opening_subject(vocab, s, mentions) if m.start < opens]
        a_list = closing and len(opening) > 1 and not own.isdisjoint(m.actor for m in opening)
        out += [
            m
            for m in opening
            if (a_list and m.actor not in own) or not own.isdisjoint(groups.get(m.actor, ()))
        ]
    return out


def _reported_holder(
    vocab: Vocabulary,
    s: str,
    speakers: list[Mention],
    first: Mention | None,
    mentions: list[Mention],
) -> list[Mention]:
    """Another actor that opens the reported clause (``first``) and takes a stance there,
    with at most auxiliaries between: "Witkoff said Russia had agreed to ..." is Russia's
    position, as the speaker reports it, and "... said Russia and Ukraine had agreed" both
    actors'; "Macron said Russia must accept ..." stays Macron's demand."""
    if (
        first is None
        or not vocab.reported_auxiliaries
        or first.ambiguous
        or s.startswith("'s", first.end)
        or first.actor in {m.actor for m in speakers}
    ):
        return []
    own = {m.actor for m in speakers}
    return [
        m
        for m in clause_holders(vocab, s, mentions, first)
        if m.actor not in own
        # a stranger does not speak for a group: "Peskov said the coalition of the willing
        # was ready to deploy troops" is no word of the coalition's
        and (m.actor not in vocab.members or not own.isdisjoint(vocab.members[m.actor]))
    ]


def _later_reported(
    vocab: Vocabulary, s: str, mentions: list[Mention], speakers: list[Mention], verb_end: int
) -> list[Mention]:
    """The holder of the clause a later reporting verb of the speaker opens, when the
    speaker said nothing of a stance before that verb: "Zelensky wrote that attacks went on,
    pointing out that Russia had rejected ..." is Russia's refusal."""
    first_cue = min(
        (c_start for c_start, _, _, read_as in cues(vocab, s) if read_as and c_start >= verb_end),
        default=len(s),
    )
    for v_start, v_end, _ in vocab.reporting.find(s):
        if verb_end < v_start <= first_cue:
            first = _clause_subject(vocab, s, mentions, v_end)
            if holder := _reported_holder(vocab, s, speakers, first, mentions):
                return holder
    return []


def _reported_clause_holders(
    vocab: Vocabulary, s: str, mentions: list[Mention], verb_end: int, ambiguous: bool = False
) -> list[Mention]:
    """The list that opens the clause reported after ``verb_end`` when it holds a stance of
    its own there ("he said Russia had agreed"); an ambiguous name opens one only where
    it may (``ambiguous``: "The Financial Times writes that Kiev allegedly agreed")."""
    first = _clause_subject(vocab, s, mentions, verb_end)
    # an ambiguous name right after "that" opens the clause as its subject: "He noted that
    # Moscow had set out its conditions"
    if first is None or (
        first.ambiguous and not ambiguous and not s[verb_end : first.start].startswith(" that")
    ):
        return []
    return clause_holders(vocab, s, mentions, first)


def referred_back(
    vocab: Vocabulary, s: str, mentions: list[Mention], pronoun: int
) -> list[Mention]:
    """The names a pronoun at ``pronoun`` refers back to in its own sentence: '"... the
    U.S. and some other countries have said that they are against it"' (the list whose last
    member ends at most a few words before it); none if no name is that close."""
    near = [m for m in mentions if m.end <= pronoun and len(WORDS.findall(s, m.end, pronoun)) <= 8]
    return _chain(vocab, s, mentions, near[-1]) if near else []


def clause_holders(
    vocab: Vocabulary, s: str, mentions: list[Mention], first: Mention
) -> list[Mention]:
    """The list that ``first`` opens ("Russia and Ukraine had agreed") when a stance cue of
    its own follows it, auxiliaries at most between; else none."""
    last = _last_chained(vocab, s, mentions, first)
    if not _own_stance_follows(vocab, s, last.end, len(s)):
        return []
    return [m for m in _chain(vocab, s, mentions, last) if m.start >= first.start]


# at most this many words between a reporting verb and "that" ("said late on Thursday that")
_WHEN_WORDS = 6
# at most this many words before a subject after one opening phrase ("Following the meeting
# of the coalition of the willing in Paris on January 6, Ukraine and France signed ...")
_OPENING_WORDS = 15
# capitalised words right after a reporting verb: a title and a name
_NAME_RUN = re.compile(r"\s+((?:[A-Z][\w'\u2019.-]*\s+){0,6}[A-Z][\w'\u2019.-]*)")
_MODIFIER = re.compile(r"^\w+\s+an?\s+$")  # "at a (Ukraine allies summit)"


def _undetermined(vocab: Vocabulary, before: str) -> str:
    """``before`` (the text before a name) without the determiner that ends it: ", the
    Russian delegation", "..., so-called Coalition of the Willing," (``determiners``)."""
    return vocab.determiner.sub("", before) if vocab.determiner is not None else before


def opening_subject(vocab: Vocabulary, s: str, mentions: list[Mention]) -> list[Mention]:
    """The subject that opens the sentence, after a subject head ("The leaders of ...") or
    one opening phrase ("After a call with Trump, Putin agreed ...") if any; a possessive
    ("He called Kyiv's proposal ...") is no subject, but one that opens the sentence with
    the actor's own document, office or official is ("Russia's memorandum set out ...",
    "Ukraine's defence ministry welcomed ...")."""
    mentions = [
        m
        for m in mentions
        # "Russia's memorandum set out ..." opening the sentence: its own document speaks
        if not s.startswith("'s", m.end)
        or (
            m.start <= 4
            and vocab.actor_documents is not None
            and vocab.actor_documents.match(s, m.end + 2)
        )
    ]
    # "If NATO decides to send peacekeepers, Russia will consider ...": the condition that
    # opens the sentence is no subject's
    if s.startswith(vocab.condition_starts) and any(
        start == 0 for start, _, _ in vocab.condition_openers.find(s)
    ):
        condition_end = s.find(", ")
        mentions = [m for m in mentions if m.start > condition_end] if condition_end > 0 else []
        if not mentions:
            return []
        s_open = condition_end + 2
    else:
        s_open = 0
    # "The leaders of ...", "More than 30 countries of the coalition ...", also after one
    # short opening phrase ("Standing beside Zelensky in Kyiv, the leaders of ...")
    comma = s.find(",")
    opened = comma + 1 if comma > 0 and len(WORDS.findall(s[:comma])) <= 10 else 0
    lead = next(
        (
            end
            for start, end, _ in vocab.subject_heads.find(s)
            if s_open <= start <= s_open + 25 or (opened and opened <= start <= opened + 25)
        ),
        s_open,
    )
    # "At a Ukraine allies summit ...": a name after a preposition and "a" is a modifier
    # "Prime Minister Carney reaffirmed ...": a title before the name is the name's
    head = [
        m
        for m in mentions
        if (m.start <= lead + 12 or vocab.titled.match(s, lead, m.start))
        and not _MODIFIER.match(s[: m.start])
    ]
    if not head:
        head = [
            m
            for m in mentions
            if (
                (
                    _undetermined(vocab, s[: m.start]).rstrip().rstrip('"').endswith(",")
                    # "In contrast, President Zelensky, in an interview ..., stated"
                    or vocab.titled.match(s[s.find(",") + 1 : m.start].lstrip()) is not None
                )
                # a comma closing a quotation ('the "Coalition of the Willing," French
                # President ...') is no clause's end
                and s[: m.start].count(",") - s[: m.start].count(',"') == 1
                and len(WORDS.findall(s[: m.start])) <= _OPENING_WORDS
                # "Leaders of the G7 at the forum in Davos, Switzerland, will ...": a place
                # and its country ("Standing beside Zelensky in Kyiv, Macron ..." names the
                # place, an actor's capital, then the subject)
                and not (s.startswith(",", m.end) and _located(vocab, s[: m.start]))
            )
            or (  # "In Istanbul the Russian side ..." (but "At a Ukraine allies summit")
                vocab.opening_phrase is not None
                and vocab.opening_phrase.match(s[: m.start])
                and not _MODIFIER.match(s[: m.start])
            )
        ][:1]
    if not head:
        return []
    # the list as read forward from its first member, or back from its last: "Germany,
    # Italy and Romania refused" ends in a name the registry does not know
    forward = _forward_chain(vocab, s, mentions, head[0])
    backward = _chain(vocab, s, mentions, forward[-1])
    return backward if len(backward) >= len(forward) else forward


def _located(vocab: Vocabulary, before: str) -> bool:
    """True when ``before`` ends in a one-word place that names no actor, after an opening
    preposition and a comma ("... in Davos, ")."""
    words = WORDS.findall(before)
    return (
        len(words) >= 2
        and before.rstrip().endswith(",")
        and f"{words[-2]} " in vocab.opening_prepositions
        and words[-1] not in vocab.alias_owner
    )


def _forward_chain(
    vocab: Vocabulary, s: str, mentions: list[Mention], first: Mention
) -> list[Mention]:
    """From the first subject mention, the members of 'X, Y and Z' in order."""
    chained = [first]
    for m in mentions:
        if m.start <= chained[-1].end:
            continue
        link = s[chained[-1].end : m.start]
        if m.actor == chained[-1].actor and not link.strip():
            chained[-1] = m  # "French President Emmanuel Macron and ...": one name
        elif vocab.chain.match(link):
            chained.append(m)
    return chained


def _last_chained(vocab: Vocabulary, s: str, mentions: list[Mention], first: Mention) -> Mention:
    """From the first subject mention, follow 'X, Y and Z' to its last member."""
    return _forward_chain(vocab, s, mentions, first)[-1]


def speakers(
    vocab: Vocabulary, s: str, mentions: list[Mention], aligned: str
) -> tuple[list[Mention], str]:
    """The sentence's own speakers; an ambiguous name ("Moscow") only as an explicit
    speaker, at the very start (after a connective at most: "However, the EU opposed
    it"), or listed with an unambiguous one ("Britain and the US endorsed ...")."""
    actors, how = _attribute(vocab, s, mentions, aligned)
    if not actors:
        actors = (
            _relative_holders(vocab, s, mentions)
            or _that_holders(vocab, s, mentions)
            or _included_holders(vocab, s, mentions)
        )
        how = "subject" if actors else how
    elif vocab.relative_openers.search(s):
        # "... British troops deployed to Ukraine, where the UK and France will establish
        # military hubs": the speaker's own list there names its partners
        listed = _relative_holders(vocab, s, mentions)
        if not {m.actor for m in actors}.isdisjoint(m.actor for m in listed):
            actors = _with_partners(actors, listed)
    signers = _cosigners(vocab, s, mentions, actors) if vocab.joint_links else []
    if signers and not actors:  # "The declaration, signed by Zelensky alongside ..."
        actors, how = signers, "explicit"
    elif signers:
        actors = _with_partners(actors, signers)
    return (
        [
            m
            for m in actors
            if not m.ambiguous
            or how in ("explicit", "reported")
            or m.start <= 10
            # in a list with an unambiguous name, before or after it: "the UK and France"
            or any(not o.ambiguous for o in actors)
            or _undetermined(vocab, s[: m.start]).strip().rstrip(",").rstrip() in vocab.connectives
            or _after_opening_phrase(vocab, s, m.start)
        ],
        how,
    )


def _with_partners(actors: list[Mention], others: list[Mention]) -> list[Mention]:
    """``actors`` and, as their partners, those of ``others`` that name other actors."""
    own = {m.actor for m in actors}
    return actors + [m._replace(partner=True) for m in others if m.actor not in own]


def _after_opening_phrase(vocab: Vocabulary, s: str, at: int) -> bool:
    """True when one opening phrase, and nothing else, stands before ``at``: "At a summit
    in Paris earlier this month, the U.S. backed ..." (an ambiguous name may speak there)."""
    before = _undetermined(vocab, s[:at]).rstrip()
    return (
        before.endswith(",")
        and before.count(",") == 1
        and len(WORDS.findall(before)) <= _OPENING_WORDS
        and before.startswith(vocab.opening_prepositions)
    )


def _relative_holders(vocab: Vocabulary, s: str, mentions: list[Mention]) -> list[Mention]:
    """The list right after a relative opener when it holds a stance of its own: "...,
    during which the UK and France signed a declaration of intent to deploy troops"."""
    for _, end, _ in vocab.relative_openers.find(s):
        first = next((m for m in mentions if m.start >= end), None)
        if first is not None and s[end : first.start].strip() in ("", "the"):
            holders = clause_holders(vocab, s, mentions, first)
            if holders:
                return holders
    return []


def _included_holders(vocab: Vocabulary, s: str, mentions: list[Mention]) -> list[Mention]:
    """With no speaker and no name before it, the list after a closing ", including" when a
    stance cue comes before it: "six countries have indicated willingness to contribute
    troops, including the UK, France, and the Baltic States"."""
    for phrase in vocab.trailing_inclusions:
        at = s.find(phrase)
        if at < 0 or not mentions or mentions[0].start < at:
            continue
        first = mentions[0]
        if first.start - (at + len(phrase)) > 4 or not any(
            c_start < at and read_as is not None for c_start, _, _, read_as in cues(vocab, s)
        ):
            return []
        return _chain(vocab, s, mentions, _last_chained(vocab, s, mentions, first))
    return []


def _that_holders(vocab: Vocabulary, s: str, mentions: list[Mention]) -> list[Mention]:
    """With no speaker, the list opening a "that" clause when it holds a stance of its own
    there: "What is important is that Meloni is rejecting the idea ...", "It was reported
    that Russian President Putin seeks ..." (titles and actor adjectives between)."""
    if vocab.opening is not None and vocab.opening.match(s):
        return []  # "He affirmed that Germany ...": his, carried over
    conditions = vocab.condition_openers.find(s)
    for m in mentions:
        at = s.rfind("that ", max(0, m.start - 40), m.start)
        if (
            at < 0
            or (at > 0 and s[at - 1].isalnum())
            # "under the condition that Ukraine agrees ...": a condition, read as one
            or any(c_start <= at < c_end for c_start, c_end, _ in conditions)
        ):
            continue
        gap = s[at + 5 : m.start].split()
        if all(w == "the" or w in vocab.adjectives or vocab.titled.match(w + " ") for w in gap):
            holders = clause_holders(vocab, s, mentions, m)
            if holders:
                return holders
    return []


def _cosigners(
    vocab: Vocabulary, s: str, mentions: list[Mention], actors: list[Mention]
) -> list[Mention]:
    """The signers of a document signed together: after the speakers' own "signed", the
    names after a joint link ("signed a separate declaration with Macron and Starmer");
    after "signed by", the names there and after a link ("signed by Zelensky alongside
    Macron and Starmer")."""
    out: list[Mention] = []
    for start, end, _ in vocab.joint_acts.find(s):
        if s.startswith(" by ", end):
            by = _names_at(vocab, s, end + 4)
            if not by:
                continue
            out += by
            end = by[-1].end
        elif not any(m.end <= start for m in actors):
            continue  # the act is not the speakers' own
        elif (words := s[:start].split()) and words[-1] in vocab.passive_auxiliaries:
            continue  # "if a ceasefire is signed with Russia": with the other side
        gap = s[end : end + 90]
        link = min(
            ((at, len(word)) for word in vocab.joint_links if (at := gap.find(word)) >= 0),
            default=None,
        )
        if (
            link is None
            or len(gap[: link[0]].split()) > 7
            or any(c in gap[: link[0]] for c in ",;")
        ):
            continue
        out += _names_at(vocab, s, end + link[0] + link[1])
    return out


def _names_at(vocab: Vocabulary, s: str, at: int) -> list[Mention]:
    """The list of names that starts at ``at`` (a title or "the" before it at most), read
    from the aliases since a name after a preposition is no subject mention."""
    names = [
        Mention(start, end, *owner_of(vocab, text), text)
        for start, end, text in vocab.aliases.find(s)
        if start >= at
    ]
    if not names:
        return []
    link = s[at : names[0].start]
    if len(link.split()) > 3 or any(c in link for c in ",;."):
        return []
    return _forward_chain(vocab, s, names, names[0])


def latest_speaker(
    vocab: Vocabulary,
    unattributed: list[tuple[Folded, str, str]],
    known: list[Mention],
    personal: bool = False,
) -> list[Mention]:
    """The last named speaker: the latest sentence not yet attributed that names one,
    else the one already known. Attributes those sentences once, newest first. For a
    ``personal`` subject ("he said") a speaker named only as a place is passed over."""
    while unattributed:
        folded, sentence, aligned = unattributed.pop()
        s = folded.text
        actors, how = speakers(vocab, s, find_mentions(vocab, s), aligned)
        if actors and how in ("explicit", "subject"):
            if personal and all(m.text in vocab.places for m in actors):
                continue  # "Russia would regain access ...": no one "he" can be
            unattributed.clear()
            # "he said" is the one who spoke, not the partners beside him
            spoke = [m._replace(voice=False) for m in actors if m.voice] or [
                m for m in actors if not m.partner
            ]
            return named(spoke or actors, folded, sentence)
    return known
