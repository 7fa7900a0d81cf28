"""What a sentence says: stance cues with negation, clauses, conditions, refusals."""

from __future__ import annotations

import re
from collections import defaultdict
from itertools import pairwise

from services.extractor.issues import demanded
from services.extractor.text import PhraseSet
from services.extractor.vocabulary import ORDER, WORDS, Vocabulary, follows, owner_of

_NEGATABLE = re.compile(r"[\w']+")
_NO_STARTS: list[int] = []  # never mutated
_NO_HITS: list[tuple[int, int, str]] = []  # never mutated
_NO_SPANS: list[tuple[int, int]] = []  # never mutated


def clauses(
    vocab: Vocabulary, s: str, openers: PhraseSet, idioms: PhraseSet | None = None
) -> list[tuple[int, int]]:
    """Clauses from an opener ("if", "unless") to the next comma or semicolon; an opener
    inside one of ``idioms`` ("for as long as it takes") opens none."""
    held = idioms.find(s) if idioms is not None else []
    out = []
    for start, end, _ in openers.find(s):
        if any(i_start <= start < i_end for i_start, i_end, _ in held):
            continue
        out.append((start, clause_end(s, end)))
    return out


def clause_end(s: str, at: int) -> int:
    """Where the clause running at ``at`` ends: the next comma or semicolon."""
    return min((i for i in (_next_comma(s, at), s.find(";", at)) if i >= 0), default=len(s))


def _next_comma(s: str, at: int) -> int:
    """The next comma from ``at`` that is not a number's ("30,000 European soldiers"), or
    -1."""
    comma = s.find(",", at)
    while 0 < comma < len(s) - 1 and s[comma - 1].isdigit() and s[comma + 1].isdigit():
        comma = s.find(",", comma + 1)
    return comma


def actor_events(
    vocab: Vocabulary, s: str, others: list[int], openers: PhraseSet | None = None
) -> list[tuple[int, int]]:
    """Clauses opened by an actor-event opener ("after"; or one of ``openers``) right
    before another actor's name ("after the Russian leader ruled out ..."), to the next
    comma or semicolon that does not go on listing actors."""
    out = []
    for start, end, _ in (openers or vocab.actor_event_openers).find(s):
        if any(end < o <= end + 12 and s[end:o].strip() in ("", "the") for o in others):
            out.append((start, _past_list(vocab, s, end, others)))
    return out


def _conceded(vocab: Vocabulary, s: str) -> list[tuple[int, int]]:
    """The clause a concession opening the sentence opens ("although ..., it will not send
    its troops"), when a cue after it remains to read: the point granted is set aside for
    the one the sentence makes. (Later in a sentence, "though" adds a term or a condition.)"""
    if not s.startswith(vocab.concession_starts):
        return []
    opener = next((e for a, e, _ in vocab.concessions.find(s) if a == 0), None)
    if opener is None:
        return []
    end = clause_end(s, opener)
    if any(start >= end for start, _, _, read_as in cues(vocab, s) if read_as is not None):
        return [(0, end)]
    return []


_NO_APPOSITIONS: list[tuple[int, int, str, int, int]] = []  # never mutated


def appositions(
    vocab: Vocabulary, s: str, others: list[int]
) -> list[tuple[int, int, str, int, int]]:
    """Appositions about another actor: a head right after that actor's name and a comma
    ('the "coalition of the willing," a group of countries pledging to send troops'), to
    the clause's end. Each is (start, end, the actor, where its name starts and ends); the
    name is another's or an object's ("met with the coalition, made up of ..."), never the
    speaker's."""
    out = []
    hits = vocab.scanner.scan(s)
    for start, _, _ in hits[vocab.appositive_heads.index]:
        comma = len(s[:start].rstrip(" \"'\u201d")) - 1
        if comma < 0 or s[comma] != ",":
            continue
        named = len(s[:comma].rstrip(" \"'\u201d"))
        owner = next(
            (
                (a, b, text)
                for a, b, text in hits[vocab.aliases.index]
                if b == named and (a in others or follows(s, a, vocab.object_prepositions))
            ),
            None,
        )
        if owner is not None:
            a, b, text = owner
            out.append((start, clause_end(s, start), owner_of(vocab, text)[0], a, b))
    return out


def _past_list(vocab: Vocabulary, s: str, at: int, others: list[int]) -> int:
    """Where the clause running at ``at`` ends, a comma inside a list of other actors
    going on ("where Britain, France and other allies pledged ...")."""
    end = clause_end(s, at)
    while end < len(s) and any(0 < o - end <= 10 and vocab.chain.match(s[end:o]) for o in others):
        end = clause_end(s, end + 1)
    return end


def background(vocab: Vocabulary, s: str) -> bool:
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


def own_clause(
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
    found = breaks(vocab, s)
    if not found:
        return stance
    parts = list(pairwise(sorted({0, len(s), *found})))
    everything = ("supports", "opposes", "conditional", "undecided")

    def read(a: int, b: int) -> str | None:  # each clause once per sentence
        if (a, b) not in read_before:
            read_before[(a, b)] = reading(vocab, s, [*skip, (0, a), (b, len(s))], everything)
        return read_before[(a, b)]

    cue = issues[issue][0]
    own = next((c for c in parts if c[0] <= cue < c[1]), None)
    mine = read(*own) if own is not None else "opposes"
    if mine == "undecided":
        return stance
    for clause in parts:
        if clause == own or read(*clause) in (None, mine):
            continue
        if mine == "opposes" and read(*clause) != "supports":
            # "no soldiers, but help from outside the country": the guide's conditional
            return stance
        if not any(
            clause[0] <= start < clause[1] for other, (start, _) in issues.items() if other != issue
        ):
            return stance  # a clause that names no issue speaks for the whole sentence
    return mine


def breaks(vocab: Vocabulary, s: str) -> list[int]:
    """Where the sentence's clauses break, but not inside a stance cue ("nothing but")."""
    found = vocab.clause_breaks.find(s)
    if not found:
        return []
    spans = [(start, end) for start, end, _, _ in cues(vocab, s)]
    return [b for b, _, _ in found if not any(start < b < end for start, end in spans)]


def in_clause(vocab: Vocabulary, s: str, cues: list[tuple[int, int]], phrases: PhraseSet) -> bool:
    """True when one of ``phrases`` is in the clause of one of the issue's ``cues``."""
    starts = breaks(vocab, s)
    found = phrases.find(s)
    for cue in cues:
        start = max((b for b in starts if b < cue[0]), default=0)
        end = min((b for b in starts if b >= cue[1]), default=len(s))
        if any(start <= p_start and p_end <= end for p_start, p_end, _ in found):
            return True
    return False


def qualifies(
    s: str,
    cue: range,
    c_start: int,
    c_end: int,
    cues: list[int],
    others: list[int],
    said: frozenset[int] = frozenset(),
) -> bool:
    """True when a condition clause governs the issue named at ``cue``: it opens the
    sentence or a clause and the issue follows ("once a ceasefire holds, the two countries
    will establish hubs"), or it follows the issue with no other issue between
    ("contribute to guarantees by putting troops on the ground if necessary": the
    condition is on the troops) and no clause of another actor's between ("ready for a
    ceasefire, and that Russia would face sanctions if it refused": not on the ceasefire;
    "hubs across Ukraine once a ceasefire holds" is). ``others`` are where actors other
    than the speakers are named; ``said`` are where a reported clause opens ("Zelensky said
    that if ..., Ukraine could accept ...")."""
    cue_start = cue.start
    if c_start <= cue_start < c_end:
        return False
    before = s[:c_start].rstrip()
    if not before or (
        (
            before[-1] in ":;"
            or len(before) in said
            or (before.endswith(" that") and len(before) - 5 in said)
        )
        and cue_start >= c_end
    ):
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


def cues(vocab: Vocabulary, s: str) -> list[tuple[int, int, str, str | None]]:
    """The sentence's stance cues, once per sentence: (start, end, kind, reading), where
    the longest cue wins where cues overlap ("will not give up" over "give up"), then the
    order of precedence; a negated support reads as a refusal, a negated refusal
    ("did not dismiss") as nothing."""
    global _last_cues
    last = _last_cues  # one read: another thread may replace it
    if last[0] is s and last[1] is vocab:
        return last[2]
    matches = vocab.scanner.scan(s)
    ranked = []
    for kind in ORDER:
        rank = _ORDER_RANK[kind]
        for start, end, _ in matches[vocab.stances[kind].index]:
            ranked.append((start - end, rank, start, end, kind))
        for pair in vocab.stance_pairs[kind]:
            # both parts in the sentence first: most pairs, most sentences, have one at most
            if not (matches[pair.first.index] and matches[pair.second.index]):
                continue
            span = pair.find(s)
            if span is not None:
                ranked.append((span[0] - span[1], rank, span[0], span[1], kind))
    for start, end, _ in matches[vocab.neutral.index]:  # "ready for negotiations"
        ranked.append((start - end, len(ORDER), start, end, ""))
    ranked.sort()
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, int, str, str | None]] = []
    for _, _, start, end, kind in ranked:
        if any(start < t_end and end > t_start for t_start, t_end in taken):
            continue
        taken.append((start, end))
        if not kind:
            continue
        read_as: str | None = kind
        # a cue that is itself a negation ("not acceptable", "no need for") is not negated
        # again by a word before it ("a ceasefire without guarantees is not acceptable")
        if (
            kind in ("supports", "opposes")
            and _negated(vocab, s, start)
            and not (kind == "opposes" and s[start:end].split(" ", 1)[0] in vocab.negators)
            and _negated(vocab, s, start, _held_negation(vocab, s, ranked, start))
        ):
            read_as = "opposes" if kind == "supports" else None
        found.append((start, end, kind, read_as))
    found.sort()
    _last_cues = (s, vocab, found)
    return found


def reading(
    vocab: Vocabulary,
    s: str,
    conditions: list[tuple[int, int]] | None = None,
    kinds: tuple[str, ...] = ("supports", "opposes"),
    others: list[tuple[int, int]] | None = None,
) -> str | None:
    """The sentence's stance. Cues of ``kinds`` inside a condition clause state the
    condition, not the position ("if a peace is agreed, he saw no reason for troops"); no
    cue inside ``others`` (others' clauses) counts."""
    hits: dict[str, int] = defaultdict(int)
    read = [
        (start, end, read_as)
        for start, end, kind, read_as in cues(vocab, s)
        if read_as is not None
        and not (
            kind in kinds and any(c_start <= start < c_end for c_start, c_end in conditions or ())
        )
        and not (others and any(o_start <= start < o_end for o_start, o_end in others))
    ]
    refused_until = -1
    offered = False  # an open offer: "open to sending troops if ..."
    # "demanding that Ukraine ... keep Western troops out": the refusal asked
    demand = -1  # where the first demand verb is
    asked = False  # a refusal after it: what the demand asks
    for start, end, kind in read:
        if kind == "undecided" and s[start:end] in vocab.open_offers:
            offered = True
        if kind == "supports" and s[start:end] in vocab.demand_verbs:
            if 0 <= refused_until <= start and not _asks_an_issue(vocab, s, end):
                # "views the guarantees as unacceptable and ..., pushing for UN oversight of
                # elections": after a refusal, a demand for something else is no support
                continue
            if not (0 <= refused_until <= start and _near(vocab, s, refused_until, start)):
                # counted only if no refusal follows; "shift focus from seeking a ceasefire":
                # one named inside a refusal is refused
                demand = start if demand < 0 else demand
            continue
        asked = asked or (kind == "opposes" and 0 <= demand < start)
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
    if demand >= 0 and not asked:
        # "ruled out ceding territory and is seeking a guarantee": a refusal before the
        # demand is not what it asks
        hits["supports"] += 1
    if hits["undecided"] and hits["conditional"] and not hits["opposes"] and offered:
        return "conditional"  # "open to sending troops if a peace deal is reached"
    if hits["undecided"]:
        return "undecided"
    if hits["opposes"] > hits["supports"] > 0:
        return "opposes"
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


_OPENERS = " \"'\u201c"  # what may stand before a sentence's first word
_CLAUSE_OPENERS = (" that", ":")  # what opens a reported clause


def _asks_an_issue(vocab: Vocabulary, s: str, end: int) -> bool:
    """True when an issue is named within the few words after a demand verb ending at
    ``end``, in its clause: what the demand asks for."""
    return any(
        end <= start and "," not in s[end:start] and len(WORDS.findall(s, end, start)) <= 4
        for start, _, _ in vocab.scanner.scan(s)[vocab.any_issue.index]
    )


def _within(s: str, a_start: int, a_end: int, b_start: int, b_end: int, words: int) -> bool:
    """True when two spans are at most ``words`` words apart, in either order."""
    gap = s[a_end:b_start] if a_end <= b_start else s[b_end:a_start]
    return len(WORDS.findall(gap)) <= words


def _near(vocab: Vocabulary, s: str, end: int, start: int) -> bool:
    """True when ``start`` is at most ``refusal_reach`` words after ``end`` in the same
    clause."""
    gap = s[end:start]
    return (
        len(gap.split()) <= vocab.language.refusal_reach
        and "," not in gap
        and not any(end <= b < start for b in breaks(vocab, s))
    )


def _held_negation(
    vocab: Vocabulary, s: str, ranked: list[tuple[int, int, int, int, str]], start: int
) -> int:
    """Where the last cue before ``start`` that holds its own negator ends ("had not
    decided whether to send": "not" is the undecided cue's, not the sending's); 0 if none."""
    return max(
        (
            end
            for _, _, c_start, end, _ in ranked
            if end <= start and not vocab.negators.isdisjoint(s[c_start:end].split())
        ),
        default=0,
    )


def _negated(vocab: Vocabulary, s: str, start: int, after: int = 0) -> bool:
    """True when a negator is among the few words before ``start``, after ``after``."""
    window = vocab.language.negation_window
    if not window:
        return False
    # words are short: 15 characters a word reach far enough back; a negator does not
    # reach across a comma ("guarantees that would work, not papers, and urged ...")
    reach = max(after, start - 15 * window, s.rfind(",", 0, start) + 1, s.rfind(";", 0, start) + 1)
    if "n't" not in s[reach:start] and not any(
        reach <= n_start < start
        for n_start, _, _ in vocab.scanner.scan(s)[vocab.negator_hits.index]
    ):
        return False  # most cues: no negator anywhere near, and no word list made
    # ... nor into another clause ("would go ahead without it and would deploy")
    reach = max([reach, *(b for b, _, _ in vocab.clause_breaks.find(s) if b < start)])
    words = _NEGATABLE.findall(s, reach, start)[-window:]
    return not vocab.negators.isdisjoint(words) or any(w.endswith("n't") for w in words if "'" in w)


def denied_at(vocab: Vocabulary, s: str, start: int) -> int | None:
    """Where the denial starts when the issue's cue is denied outright: "no American boots
    on the ground"; None if it is not."""
    return next(
        (
            n_start
            for n_start, end, _ in vocab.issue_negators.find(s)
            if end <= start and len(WORDS.findall(s[end:start])) <= 1
        ),
        None,
    )


def verb_before(vocab: Vocabulary, s: str, denial: int) -> int:
    """Where a stance cue ends right before a denial starts ("accept no ..."), or the
    denial itself when there is none."""
    for start, end, _, _ in cues(vocab, s):
        if end <= denial and not s[end:denial].strip():
            return start
    return denial


def has_a_reading(vocab: Vocabulary, s: str) -> bool:
    """Whether a sentence has anything to say about an issue: a stance or status cue, a
    denial of the issue itself, or an actor's proposal of it ("Ukraine's proposal for a
    partial ceasefire", "the U.S.-brokered truce")."""
    hits = vocab.scanner.scan(s)
    return (
        any(hits[index] for index in vocab.reading_sets)
        or any(hits[pair.first.index] for pairs in vocab.stance_pairs.values() for pair in pairs)
        or vocab.proposal_for.search(s)
        # "the U.S.-brokered truce"
        or (
            "-" in s and vocab.agent_adjective is not None and bool(vocab.agent_adjective.search(s))
        )
    )


def owned_stances(
    vocab: Vocabulary, s: str, issues: dict[str, tuple[int, int]]
) -> list[tuple[str, int, int, int, str, str]]:
    """Stances an actor's possessive names for it: "Putin's long-standing opposition to
    Ukraine joining NATO" is Russia's refusal whoever reports it, even as an object ("an
    alternative to Putin's opposition"). Each is (actor, name start, name end, issue end,
    issue, stance): the owned span runs from the name to the issue."""
    out: list[tuple[str, int, int, int, str, str]] = []
    relative = vocab.relative
    hits = vocab.scanner.scan(s)  # the sentence's one scan: most sentences have neither below
    if vocab.refused_for and any(link in s for link in vocab.refused_for):
        out += _refusals_for(vocab, s, issues, hits)
    # "for his" after a name; a relative clause right after a name's comma (", which ...")
    credited = hits[vocab.credited_links.index]
    clauses = relative is not None and any(c in s for c in vocab.relative_clauses)
    if "'s " not in s and "s' " not in s and not clauses and not credited:
        return out  # most sentences: no possessive, no relative clause, no "for his"
    found: list[tuple[int, int, str]] | None = None  # read once a name is followed so
    for m_start, m_end, text in hits[vocab.aliases.index]:
        if s.startswith("'s ", m_end):
            after, between = m_end + 3, vocab.possessive_modifiers
        elif s.startswith("' ", m_end) and s[m_end - 1] == "s":
            # "calling the United States' readiness to take part a real breakthrough"
            after, between = m_end + 2, vocab.possessive_modifiers
        elif credited and (
            link := next((end for start, end, _ in credited if start == m_end + 1), None)
        ):
            # "commending President Trump for his pledge to provide security guarantees"
            after, between = link, vocab.possessive_modifiers
        elif (
            # "... for Russia, which doesn't want further NATO expansion": its own clause
            clauses
            and s.startswith(",", m_end)
            and (own := relative.match(s, m_end + 1)) is not None  # type: ignore[union-attr]
        ):
            after, between = own.end(), vocab.reported_auxiliaries
        else:
            continue
        if found is None:
            found = [(start, end, read_as) for start, end, _, read_as in cues(vocab, s) if read_as]
        actor = owner_of(vocab, text)[0]
        # the stance noun, after modifiers at most: "long-standing", "firm"; a need told of
        # ("Ukraine's need for guarantees") stays with whoever tells it
        cue = next((c for c in found if c[0] >= after), None)
        if (
            cue is None
            or s[cue[0] : cue[1]] in vocab.obligations
            or not all(w in between for w in s[after : cue[0]].split())
        ):
            continue
        for issue in issues:
            spans = [(a, b) for a, b, _ in hits[vocab.issues[issue].index]] or [issues[issue]]
            named = next(
                (
                    b
                    for a, b in sorted(spans)
                    if a >= cue[1]
                    and "," not in s[cue[1] : a]
                    and len(WORDS.findall(s, cue[1], a)) <= 3
                ),
                None,
            )
            if named is not None:
                out.append((actor, m_start, m_end, named, issue, cue[2]))
    if clauses:
        out += _clause_owners(vocab, s, issues, hits)
    return out


def _refusals_for(
    vocab: Vocabulary,
    s: str,
    issues: dict[str, tuple[int, int]],
    hits: list[list[tuple[int, int, str]]],
) -> list[tuple[str, int, int, int, str, str]]:
    """A refusal said to be another actor's ("... in lieu of Ukraine joining NATO, a red line
    for Russia"): that actor's, on the issue named just before it, whoever tells of it."""
    # a name right after a link first ("for", "for the"): most sentences have none
    names = {
        start: (end, text)
        for start, end, text in hits[vocab.aliases.index]
        if s.endswith(vocab.refused_for, 0, start)
    }
    if not names:
        return []
    out = []
    for c_start, c_end, _, read_as in cues(vocab, s):
        if read_as != "opposes":
            continue
        name = next(
            (
                names[c_end + len(link)]
                for link in vocab.refused_for
                if s.startswith(link, c_end) and c_end + len(link) in names
            ),
            None,
        )
        if name is None:
            continue
        before = [
            (b, a, issue)
            for issue, (a, b) in issues.items()
            if b <= c_start and len(WORDS.findall(s, b, c_start)) <= 6
        ]
        if not before:
            continue
        _, a, issue = max(before)
        out.append((owner_of(vocab, name[1])[0], a, name[0], name[0], issue, "opposes"))
    return out


def _clause_owners(
    vocab: Vocabulary,
    s: str,
    issues: dict[str, tuple[int, int]],
    hits: list[list[tuple[int, int, str]]],
) -> list[tuple[str, int, int, int, str, str]]:
    """Stances told in a relative clause of an issue (its cue at most three words before)
    by the actor it names: "... in lieu of NATO membership, which Russian President Vladimir
    Putin has ruled out" is Russia's refusal. The owned span runs from the name to the cue."""
    out: list[tuple[str, int, int, int, str, str]] = []
    for clause in vocab.relative_clauses:
        at = s.find(clause)
        if at < 0:
            continue
        # the issue whose cue ends right before the clause, and the name a few words after
        issue = next(
            (
                i
                for i in issues
                for _, b, _ in hits[vocab.issues[i].index]
                if b <= at and "," not in s[b:at] and len(WORDS.findall(s, b, at)) <= 3
            ),
            None,
        )
        names = [m for m in hits[vocab.aliases.index] if m[0] > at]
        if (
            issue is None
            or not names
            or "," in s[at + 1 : names[0][0]]
            or len(WORDS.findall(s, at + len(clause), names[0][0])) > 3
        ):
            continue
        actor, name = owner_of(vocab, names[0][2])[0], names[0]
        for later in names[1:]:  # "Russian President Vladimir Putin": one name, read to its end
            if (
                owner_of(vocab, later[2])[0] != actor
                or len(WORDS.findall(s, name[1], later[0])) > 2
            ):
                break
            name = later
        cue = next(
            ((a, b, read_as) for a, b, _, read_as in cues(vocab, s) if a >= name[1] and read_as),
            None,
        )
        if cue is not None and all(
            w in vocab.reported_auxiliaries for w in s[name[1] : cue[0]].split()
        ):
            out.append((actor, name[0], name[1], cue[1], issue, cue[2]))
    return out


def proposers(
    vocab: Vocabulary, s: str, issues: dict[str, tuple[int, int]]
) -> list[tuple[str, str, int, int]]:
    """Actors whose possessive names their own proposal of an issue, or whose name is joined
    to the issue by an agent adjective: "Trump's ceasefire proposal", "a U.S.-proposed
    ceasefire" are the United States' support, whoever tells of it (and whatever the
    speaker thinks of it: "Zelensky welcomed Trump's ceasefire proposal"). Each is (actor,
    issue, name start, name end)."""
    proposal, adjective = vocab.possessive_proposal, vocab.agent_adjective
    possessive = proposal is not None and "'s " in s
    hyphened = adjective is not None and adjective.search(s) is not None
    hits = vocab.scanner.scan(s)
    asking = hits[vocab.proposal_for.index]
    # "a proposal by the US for a 30-day ceasefire": where the noun and its link end
    by = {end + 1 for _, end, _ in hits[vocab.proposal_by.index]}
    if not possessive and not hyphened and not asking and not by:
        return []
    # "Washington's proposal for", "the US call for": where each such noun starts and ends
    asked = {start: end for start, end, _ in asking}
    starts = {a: (issue, b) for issue in issues for a, b, _ in hits[vocab.issues[issue].index]}
    out = []
    for m_start, m_end, text in vocab.aliases.find(s):
        after = m_end + 3 if s.startswith("'s ", m_end) else m_end + 1
        # "the US proposal for a truce": the name and the noun are one alias
        inner = (
            next((e for a, e in asked.items() if m_start < a < m_end < e), None) if asked else None
        )
        if inner is not None:
            issue = _issue_after(s, starts, inner)
            if issue is not None:
                out.append((owner_of(vocab, text)[0], issue, m_start, m_end))
        elif m_start in by and s.startswith(" for ", m_end):
            # "a proposal by the US for a 30-day ceasefire"
            issue = _issue_after(s, starts, m_end + 5)
            if issue is not None:
                out.append((owner_of(vocab, text)[0], issue, m_start, m_end))
        elif asked and after in asked:
            # "Washington's proposal for a ceasefire", "the US call for a truce"
            issue = _issue_after(s, starts, asked[after])
            if issue is not None:
                out.append((owner_of(vocab, text)[0], issue, m_start, m_end))
        elif proposal is not None and s.startswith("'s ", m_end):
            named = starts.get(m_end + 3)
            if named is not None and proposal.match(s, named[1]):
                out.append((owner_of(vocab, text)[0], named[0], m_start, m_end))
        elif adjective is not None and (joined := adjective.match(s, m_end)):
            # "a U.S.-proposed 30-day ceasefire", "a US-backed proposal for a truce"
            issue = _issue_after(s, starts, asked.get(joined.end(), joined.end()))
            if issue is not None:
                out.append((owner_of(vocab, text)[0], issue, m_start, m_end))
    return out


def _opposed_subjects(
    vocab: Vocabulary,
    s: str,
    issues: dict[str, tuple[int, int]],
    hits: list[list[tuple[int, int, str]]],
    opposed: list[tuple[int, int]],
) -> list[tuple[int, int]]:
    """The spans from an issue to the opponent phrase whose subject it is: "NATO membership
    remains opposed by the US" (at most three words between, no comma)."""
    spans = []
    for issue, first in issues.items():
        for start, end in (first, *((a, b) for a, b, _ in hits[vocab.issues[issue].index])):
            for a, b in opposed:
                if end <= a and "," not in s[end:a] and len(WORDS.findall(s, end, a)) <= 3:
                    spans.append((start, b))
    return spans


def _issue_after(s: str, starts: dict[int, tuple[str, int]], at: int) -> str | None:
    """The issue whose cue (``starts``: cue start -> issue, cue end) comes a word or two
    after ``at``, if any."""
    return next(
        (
            i
            for a, (i, _) in sorted(starts.items())
            if a >= at and len(WORDS.findall(s, at, a)) <= 2
        ),
        None,
    )


class SentenceReading:
    """What one sentence says of each issue it names: the clauses, conditions and cues are
    read once, then each issue's stance is read in its own place in the sentence."""

    def __init__(
        self,
        vocab: Vocabulary,
        s: str,
        issues: dict[str, tuple[int, int]],
        others: list[int],
        owned: list[tuple[int, int]] | None = None,
    ) -> None:
        """``others`` are where actors other than the sentence's speakers are named;
        ``owned`` are the spans of other actors' own stances ("Putin's opposition to ...")."""
        self.vocab, self.s, self.issues, self.others = vocab, s, issues, others
        self.hits = vocab.scanner.scan(s)
        self.conditions = clauses(vocab, s, vocab.condition_openers, vocab.condition_idioms)
        # "a day after European leaders pledged ...": another event, not this speaker's;
        # "after the Russian leader ruled out ...": one opened by another actor
        self.events = clauses(vocab, s, vocab.event_openers) + actor_events(vocab, s, others)
        self.appositions = (
            appositions(vocab, s, others)
            if self.hits[vocab.appositive_heads.index]
            else _NO_APPOSITIONS
        )
        apposed = [(a, b) for a, b, *_ in self.appositions] if self.appositions else _NO_SPANS
        self.events += apposed
        self.owned = owned or []
        # the spans that are other actors': their events, appositions and own stances
        self.others_own = [
            *(e for e in self.events if any(e[0] <= o < e[1] for o in others)),
            *apposed,
            *self.owned,
        ]
        # "... the summit where Britain and France pledged a force": their pledge, not the
        # speaker's, though the speaker's own cue ("condemned") still reaches the force
        self.events += actor_events(vocab, s, others, vocab.relative_openers)
        # "a ceasefire proposed by the United States": the agent's cue, not the speaker's
        # (unless the speaker demands it: "should include guarantees backed by the US")
        agents = [
            (a, b) for a, b, _ in self.hits[vocab.issue_agents.index] if not demanded(vocab, s, a)
        ]
        # "membership remains opposed by the United States": the opponent's cue, unless the
        # opponent is the speaker ("NATO membership has been dismissed by Mr. Trump"); with
        # no actor there ("whose decisions have been condemned by international observers")
        # the cue is nobody's stance on what follows
        opposed = [
            (a, b)
            for a, b, _ in self.hits[vocab.issue_opponents.index]
            if any(0 <= o - b <= 5 for o in others)
            or not any(0 <= m - b <= 5 for m, _, _ in self.hits[vocab.aliases.index])
        ]
        agents += opposed
        if opposed and others:
            # "..., since Ukraine's membership is still opposed by Hungary": the issue is the
            # subject of another's opposition, not what the speaker seeks
            self.others_own += _opposed_subjects(vocab, s, issues, self.hits, opposed)
        theirs = [*self.events, *agents, *self.owned, *_conceded(vocab, s)]
        self.skip = [*self.conditions, *theirs]
        # others' clauses say nothing of the speaker's terms either: "..., which suggested
        # sending soldiers as part of a peace agreement" sets the speaker no condition
        self.whole = reading(vocab, s, self.conditions, others=theirs)
        # the stance outside the conditions, for issues no condition governs
        self.free = (
            reading(vocab, s, self.skip, ("supports", "opposes", "conditional"))
            if self.conditions
            else self.whole
        )
        # "called for a truce, threatening sanctions if it refused": a refusal inside the
        # condition makes it a threat to the other side, not a condition on the support
        threat, threat_after = vocab.threat_before, vocab.threat_after
        self.governing = [
            (c_start, c_end)
            for c_start, c_end in self.conditions
            if not any(
                c_start <= start < c_end and kind == "opposes"
                for start, _, kind, _ in cues(vocab, s)
            )
            # "... and threatened tougher sanctions if it did not"; "..., saying that if the
            # ceasefire was not respected, the United States would impose further sanctions"
            and (threat is None or not threat.search(s, max(0, c_start - 60), c_start))
            and (threat_after is None or not threat_after.match(s, c_end))
        ]
        self.cue_starts = [span[0] for span in issues.values()]
        # where reporting verbs end: a condition right after one opens the reported clause
        self.said = (
            frozenset(end for _, end, _ in vocab.reporting.find(s))
            if self.governing
            else frozenset()
        )
        self.negated = vocab.issue_negators.search(s)
        self.clause_reads: dict[tuple[int, int], str | None] = {}

    def stance(self, issue: str) -> str | None:
        """The speaker's stance on ``issue`` as this sentence states it, or None."""
        vocab, s, issues, skip = self.vocab, self.s, self.issues, self.skip
        governed = any(
            qualifies(
                s, range(*issues[issue]), c_start, c_end, self.cue_starts, self.others, self.said
            )
            for c_start, c_end in self.governing
        )
        stance = self.whole if governed or not self.conditions else self.free
        if (
            stance == "supports"
            and len(issues) == 1
            and any(c_start <= issues[issue][0] < c_end for c_start, c_end in self.governing)
        ):
            # "prepared to contribute troops if European peacekeeping forces are needed in
            # Ukraine": support where the condition names the sentence's one issue is support
            # on that term ("... troops on the ground if necessary to help guarantee its
            # security" supports the troops, not the guarantees on a term)
            stance = "conditional"
        # every place the issue is named: its first cue and each of its plain cues
        named_at = [issues[issue], *((a, b) for a, b, _ in self.hits[vocab.issues[issue].index])]
        acting = vocab.reversals.get(issue) if stance is None else None
        if (
            acting is not None
            and self.hits[acting.acts.index]
            and any(
                acting.within is None
                or any(_within(s, r_start, r_end, a, b, acting.within) for a, b in named_at)
                for r_start, r_end, _ in self.hits[acting.acts.index]
            )
        ):
            # "Zelensky drops NATO bid": the act supports the giving up, which turns below
            stance = "conditional" if governed else "supports"
        if (
            self.others_own
            and all(
                any(o_start <= a < o_end for o_start, o_end in self.others_own) for a, _ in named_at
            )
            and not self._refers_back()
        ):
            # "since the US has rejected Ukraine's NATO bid, Kyiv expects ...", "an
            # alternative to Putin's opposition to NATO membership": an issue named only in
            # another actor's event or stance takes no stance from this speaker's, unless
            # the speaker takes it up again ("... and would work to provide them")
            return None
        if (
            self.conditions
            and vocab.yields_to[issue]
            and all(
                any(c_start <= a < c_end for c_start, c_end in self.conditions) for a, _ in named_at
            )
        ):
            # "what they would contribute if a permanent ceasefire is reached": an issue
            # that is often others' timing, named only inside a condition, is when, not
            # what, the speaker speaks of ("ready to drop the bid if it gets guarantees"
            # still wants the guarantees)
            return None
        if stance == "undecided" and not in_clause(vocab, s, named_at, vocab.stances["undecided"]):
            # "the protocols were finished and that land remained the open question": what
            # is open is in another clause
            stance = reading(vocab, s, [*skip, (0, len(s))], ("undecided",))
        # "tariffs if there is no ceasefire": a denial inside a condition is the condition
        refused = [
            (denial, end)
            for start, end in (named_at if self.negated else ())
            if (denial := denied_at(vocab, s, start)) is not None
            and not any(c_start <= denial < c_end for c_start, c_end in self.conditions)
        ]
        if refused:
            # what follows the refused issue belongs to the refusal ("no Italian troops would
            # be deployed"), and so does the verb just before the denial ("would accept no
            # European troops"); support elsewhere ("air support but no ground troops")
            # makes it the guide's conditional
            windows = [(end, end + 40) for _, end in refused]
            windows += [(verb_before(vocab, s, denial), denial) for denial, _ in refused]
            rest = reading(vocab, s, [*skip, *windows])
            stance = "conditional" if rest == "supports" else rest or "opposes"
        elif stance is not None and not governed and len(issues) > 1:
            # "will contribute to monitoring ..., but will not send soldiers": the monitoring,
            # supported in its own clause, is not conditional on the refusal of another issue;
            # an issue whose clause says nothing takes no stance from another issue's
            stance = own_clause(vocab, s, issue, issues, skip, stance, self.clause_reads)
        elif stance == "supports" and governed:
            stance = "conditional"  # "ready to drop the NATO bid if it gets guarantees"
        elif (
            stance == "undecided"
            and governed
            and any(
                s[a:b] in vocab.open_offers
                for a, b, _ in self.hits[vocab.stances["undecided"].index]
            )
        ):
            stance = "conditional"  # "open to the idea if it is involved in the preparation"
        if stance is not None and (excluding := self.hits[vocab.exclusions.index]):
            # "the guarantees would not include NATO membership": the subject excludes
            excluded_after = [
                x_start
                for x_start, x_end, _ in excluding
                if any(a >= x_end for other, (a, _) in issues.items() if other != issue)
            ]
            objected = [
                end
                for start, end, _, read_as in cues(vocab, s)
                if read_as and end <= named_at[0][0]
            ]
            if (
                excluded_after
                and all(
                    any(
                        b <= x_start
                        and len(WORDS.findall(s[b:x_start])) <= 3
                        and "," not in s[b:x_start]
                        for x_start in excluded_after
                    )
                    for _, b in named_at
                )
                # "ruling out Ukraine's entry into the Alliance and excluding ...": the issue is
                # the object of a cue of its own, not what excludes
                and not (objected and len(WORDS.findall(s, objected[-1], named_at[0][0])) <= 2)
            ):
                return None
        if stance == "opposes" and (narrowed := self.hits[vocab.restrictions.index]):
            # "will not accept a ceasefire that is only a pause": not any ceasefire
            ends = {end for _, end in named_at}
            if any(start - 1 in ends for start, _, _ in narrowed):
                stance = "conditional"
        reversal = vocab.reversals.get(issue)
        reversal_hits = (
            self.hits[reversal.cues.index]
            if stance is not None and reversal is not None
            else _NO_HITS
        )
        turning = (
            [
                r_start
                for r_start, r_end, _ in reversal_hits
                if not follows(s, r_start, reversal.not_after)
                # "ready to give up the presidency ... or trade it for NATO membership": a
                # reversal turns the stance only when it is said of the issue, close to it
                and (
                    reversal.within is None
                    or any(_within(s, r_start, r_end, a, b, reversal.within) for a, b in named_at)
                )
            ]
            if reversal_hits and reversal is not None
            else _NO_STARTS
        )
        if turning and reversal is not None and stance is not None:
            if stance in ("opposes", "conditional") and any(
                start < turning[0] and kind == "supports" and s[start:end] in vocab.demand_verbs
                for start, end, kind, _ in cues(vocab, s)
            ):
                # "Putin seeks Ukraine's neutrality and the prohibition of Western troops": the
                # demand asks for the neutrality; the refusal is of another issue
                stance = "supports"
            # "rejects the limit on the army"; "insists the army be limited"
            turns = (
                reversal.demand_turns
                if self.hits[reversal.demands.index] and stance in reversal.demand_turns
                else reversal.turns
            )
            if (
                stance == "conditional"
                and turns.get("opposes") == "supports"
                and not governed
                and not any(kind == "conditional" for _, _, kind, _ in cues(vocab, s))
            ):
                # support and refusal read together, with no condition: "would not accept a
                # limit on its army ..., and 800,000 soldiers was the minimum it needed"
                # refuses the cap and supports the army, which agree
                stance = "supports"
            else:
                stance = turns.get(stance, stance)
        if stance == "opposes" and self.hits[vocab.requirements.index] and self._required(named_at):
            # "would not send troops without a US backstop": the refusal asks for the issue
            stance = "supports"
        return stance

    def _required(self, named_at: list[tuple[int, int]]) -> bool:
        """True when the issue is named only just after a requirement ("without": at most
        three words between, in the same clause) that a refusal before it governs ("would
        not send troops without"; not "a guarantee without Ukraine joining", which excludes)."""
        s = self.s
        refusals = [c[0] for c in cues(self.vocab, s) if c[3] == "opposes"]
        return all(
            any(
                r_end <= start
                and "," not in s[r_end:start]
                and len(WORDS.findall(s, r_end, start)) <= 3
                # ... or one after it when it opens the sentence or a reported clause:
                # "Without security guarantees, this war cannot be considered over", "...
                # mentioned that without security guarantees, ending the war is impossible"
                and any(
                    at < r_start
                    or (
                        at > start
                        and (
                            not s[:r_start].strip(_OPENERS)
                            or s[:r_start].rstrip(_OPENERS).endswith(_CLAUSE_OPENERS)
                        )
                    )
                    for at in refusals
                )
                for r_start, r_end, _ in self.hits[self.vocab.requirements.index]
            )
            for start, _ in named_at
        )

    def _refers_back(self) -> bool:
        """Whether a pronoun right after one of the speaker's own cues (outside others'
        owned stances) takes up an issue named before: "... would work to provide them"."""
        pronouns = self.vocab.pronoun_objects
        if pronouns is None:
            return False
        ends = {
            end + 1
            for start, end, _, read_as in cues(self.vocab, self.s)
            if read_as and not any(o_start <= start < o_end for o_start, o_end in self.others_own)
        }
        return any(m.start() in ends for m in pronouns.finditer(self.s))

    def status(self, issue: str) -> str | None:
        """The issue's status if the sentence states one ("the ceasefire took effect")."""
        return next(
            (st for st, phrases in self.vocab.statuses[issue].items() if self.hits[phrases.index]),
            None,
        )
