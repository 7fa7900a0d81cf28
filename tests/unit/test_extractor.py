"""The extractor: sentences, attribution, cues, negation, background, offsets, stories."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from schemas.claim import PositionClaim, StatusClaim
from schemas.inputs import NewsArticle, Statement
from services.evaluation import EvalInputError, evaluate
from services.extractor.rules import PRODUCER, extract
from services.extractor.stories import StoryIndex
from services.extractor.text import fold, sentences
from tests.factories import registry

REG = registry()
DATA = Path(__file__).resolve().parents[1] / "data"


def news(body: str, event: str = "n1") -> NewsArticle:
    return NewsArticle(
        id=event,
        published_at=datetime(2026, 1, 6, tzinfo=UTC),
        source={"name": "Wire", "url": "https://e.org/n1"},
        headline="",
        body=body,
    )


def triples(body: str) -> set[tuple[str, str, str]]:
    return {
        (c.actor, c.issue, c.stance.value)
        for c in extract(news(body), REG)
        if isinstance(c, PositionClaim)
    }


def test_sentences_survive_abbreviations_initials_and_quotes() -> None:
    """ "U.S.", "Gen." and initials do not end a sentence; a closing quote does."""
    text = (
        'The U.S. envoy met Gen. Smith and J. D. Vance. "We are ready," he said. '
        "Talks resume Monday."
    )
    spans = [text[a:b] for a, b in sentences(text, REG.language.abbreviations)]  # type: ignore[union-attr]
    assert spans == [
        "The U.S. envoy met Gen. Smith and J. D. Vance.",
        '"We are ready," he said.',
        "Talks resume Monday.",
    ]


def test_a_sentence_ending_in_a_possessive_ends() -> None:
    """ "... Ukraine's." ends a sentence: the "s" after the apostrophe is no initial."""
    text = "The plan is Ukraine's. Talks resume Monday."
    spans = [text[a:b] for a, b in sentences(text, REG.language.abbreviations)]  # type: ignore[union-attr]
    assert spans == ["The plan is Ukraine's.", "Talks resume Monday."]


def test_folding_keeps_offsets_of_the_original_text() -> None:
    """Accents fold away but every folded char maps back to its original position."""
    folded = fold("Élysée said")
    assert folded.text == "elysee said"
    assert folded.span(7, 11) == (7, 11)


def test_folding_drops_scare_quotes_but_keeps_offsets_and_quotations() -> None:
    """Quotes around one to three words inside a sentence fold away, so a cue they cut
    reads whole; every folded char still maps back; a quotation's own marks stay."""
    text = 'Troops would be \u2018legitimate\u2019 targets and a "reassurance force" too.'
    folded = fold(text)
    assert folded.text == "troops would be legitimate targets and a reassurance force too."
    start = folded.text.index("targets")
    assert text[slice(*folded.span(start, start + 7))] == "targets"
    assert (
        fold('He said "No." Then "Russia," he said.').text
        == 'he said "no." then "russia," he said.'
    )
    assert fold("the allies' forces").text == "the allies' forces"


def test_alias_and_reporting_verb_attribute_to_the_actor() -> None:
    """A spokesman's words count for the state he speaks for; the speaker is kept."""
    [claim] = extract(
        news(
            "Russia will never accept NATO troops in Ukraine, Kremlin "
            "spokesman Dmitry Peskov said on Monday."
        ),
        REG,
    )
    assert isinstance(claim, PositionClaim)
    assert (claim.actor, claim.issue, claim.stance.value) == ("RU", "nato_troops", "opposes")
    assert claim.speaker == "Dmitry Peskov"
    assert claim.producer.startswith(PRODUCER + "+")
    assert 0 < claim.confidence <= 1


def test_quote_offsets_point_into_the_body() -> None:
    """Evidence quotes the sentence with character offsets into the article body."""
    body = "Markets were calm. Macron said France is ready to deploy troops in Ukraine."
    [claim] = extract(news(body), REG)
    evidence = claim.evidence[0]
    assert evidence.start is not None and evidence.end is not None
    assert body[evidence.start : evidence.end] == evidence.quote
    assert evidence.quote.startswith("Macron said")
    assert evidence.source.url == "https://e.org/n1"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Chancellor Friedrich Merz said he did not rule out German troops in Ukraine.",
            {("DE", "nato_troops", "undecided")},
        ),
        (
            "Italy will not send soldiers to Ukraine but could help provide security from "
            "outside the country, Giorgia Meloni said.",
            {("IT", "nato_troops", "conditional")},
        ),
        (
            "Keir Starmer said British troops would deploy to Ukraine only after a ceasefire.",
            {("GB", "nato_troops", "conditional")},
        ),
        (
            "Sergei Lavrov said Western peacekeepers in Ukraine would be legitimate targets.",
            {("RU", "nato_troops", "opposes")},
        ),
        (
            "Volodymyr Zelensky said Ukraine supports an immediate ceasefire.",
            {("UA", "ceasefire", "supports")},
        ),
    ],
)
def test_stance_cues_negation_and_conditions(
    body: str, expected: set[tuple[str, str, str]]
) -> None:
    """Cue phrases, their negation and conditions give the guide's stance."""
    assert triples(body) == expected


def test_cue_pairs_find_an_issue_named_in_two_parts() -> None:
    """ "troops ... in Ukraine" within a few words is the troops issue; a country's own
    forces ("Russian troops ... in Ukraine") and words too far apart are not."""
    assert triples(
        "Sergei Lavrov said the appearance of troops from NATO countries in Ukraine was "
        "unacceptable."
    ) == {("RU", "nato_troops", "opposes")}
    assert (
        triples("Sergei Lavrov said Russian troops in Ukraine were unacceptable to nobody.")
        == set()
    )
    assert (
        triples(
            "Sergei Lavrov rejected the troops' demands, which he said had nothing at all "
            "to do with Ukraine."
        )
        == set()
    )


def test_a_refused_issue_opposes_and_refusal_beside_support_is_conditional() -> None:
    """ "no American boots on the ground" refuses; "air support but no ground troops" is
    the guide's conditional (support others, send none of one's own)."""
    assert triples("Pete Hegseth said there would be no American boots on the ground.") == {
        ("US", "nato_troops", "opposes")
    }
    assert triples(
        "Donald Trump said the US was ready to offer air support but no ground troops."
    ) == {("US", "nato_troops", "conditional")}


def test_a_ceasefire_beside_another_issue_is_its_timing() -> None:
    """ "troops ... within weeks of a ceasefire": the troops are the topic, and the timing
    makes them conditional; a ceasefire named first stays a topic of its own."""
    assert triples(
        "Estonia is ready to send a company of troops to Ukraine, Kristen Michal said, adding "
        "that the unit could be in place within weeks of a ceasefire."
    ) == {("EE", "nato_troops", "conditional")}
    assert triples(
        "Volodymyr Zelensky said a ceasefire would give the sides time to agree on security "
        "guarantees for Ukraine."
    ) == {("UA", "ceasefire", "supports"), ("UA", "security_guarantees", "supports")}


def test_a_clause_opening_after_a_colon_governs_what_follows() -> None:
    """ "...: once a ceasefire holds, the two countries will establish military hubs"; the
    list the sentence opens with is France's word too (until session 6, Britain's alone)."""
    assert triples(
        "Britain and France signed a declaration in Paris: once a ceasefire holds, the two "
        "countries will establish military hubs across Ukraine, Keir Starmer said."
    ) == {("GB", "military_hubs", "conditional"), ("FR", "military_hubs", "conditional")}


def test_ordered_pairs_keep_ukraines_own_troops_out() -> None:
    """ "Ukraine's army of 800,000 troops" is the army issue, not foreign troops."""
    assert triples(
        "Volodymyr Zelensky said Ukraine will keep an army of 800,000 troops and will not "
        "accept a lower ceiling."
    ) == {("UA", "army_size_financing", "supports")}


def test_never_refuses_an_issue() -> None:
    """ "that Ukraine will never join NATO" is Russia's refusal of membership."""
    assert triples(
        "Sergei Ryabkov said Russia wants a written commitment that Ukraine will never join NATO."
    ) == {("RU", "nato_membership", "opposes")}


def test_two_part_stance_cues_and_tense_agreement_after_after() -> None:
    """ "would only be deployed after a deal had been agreed": "only ... after" is a
    condition, and "had been" inside the "after" clause is not background."""
    body = (
        "Keir Starmer spoke on Sunday. He said any peacekeeping force would only be deployed "
        "after a deal had been agreed."
    )
    assert triples(body) == {("GB", "nato_troops", "conditional")}
    assert triples("Keir Starmer said a peacekeeping force had been deployed.") == set()


def test_a_condition_governs_the_nearest_issue_before_it() -> None:
    """ "contribute to guarantees by putting troops on the ground if necessary": the
    troops are conditional, the guarantees supported; a comma alone does not end the
    reach of a condition, another name does."""
    assert triples(
        "Britain is ready to contribute to security guarantees for Ukraine by putting its "
        "own troops on the ground if necessary, Keir Starmer wrote."
    ) == {("GB", "security_guarantees", "supports"), ("GB", "nato_troops", "conditional")}
    assert triples(
        "Keir Starmer said Britain was ready to send troops to Ukraine, if a ceasefire is reached."
    ) == {("GB", "nato_troops", "conditional")}


def test_cues_in_a_clause_about_another_event_are_not_the_speakers() -> None:
    """ "..., a day after European leaders pledged troops": the pledge is theirs."""
    assert triples(
        "Any foreign troops in Ukraine will be legitimate targets, Vladimir Putin said, a "
        "day after European leaders pledged to deploy them."
    ) == {("RU", "nato_troops", "opposes")}


def test_in_exchange_for_opens_a_condition() -> None:
    """What is offered is conditional; what is asked in exchange is supported."""
    assert triples(
        "Volodymyr Zelensky said Ukraine was ready to give up its bid to join NATO in "
        "exchange for security guarantees from its partners."
    ) == {("UA", "nato_membership", "conditional"), ("UA", "security_guarantees", "supports")}


@pytest.mark.parametrize(
    ("body", "stance"),
    [
        ("Volodymyr Zelensky said Kyiv rejects the limit of 600,000 troops.", "supports"),
        ("Volodymyr Zelensky said Kyiv will not accept a ceiling on its army.", "supports"),
        ("Keir Starmer proposed capping Ukraine's armed forces at 800,000.", "conditional"),
        ("Emmanuel Macron wants a strong Ukrainian army with no limits on its size.", "supports"),
    ],
)
def test_a_stance_on_the_army_cap_is_read_as_a_stance_on_the_army(body: str, stance: str) -> None:
    """The army issue's reversal: rejecting a cap supports the army, accepting one is
    conditional; "no limits on" is a refusal of its own and is not turned again."""
    ((_, issue, got),) = triples(body)
    assert (issue, got) == ("army_size_financing", stance)


def test_an_attribution_phrase_takes_the_whole_list() -> None:
    """ "according to a counter-proposal drafted by Britain, France and Germany"."""
    assert triples(
        "European governments proposed capping Ukraine's armed forces at 800,000, according "
        "to a counter-proposal drafted by Britain, France and Germany."
    ) == {
        ("GB", "army_size_financing", "conditional"),
        ("FR", "army_size_financing", "conditional"),
        ("DE", "army_size_financing", "conditional"),
    }


def test_undecided_counts_only_in_the_issues_own_clause() -> None:
    """ "the protocols were finished and that land remained the open question": what is
    open is land, not the guarantees; in the issue's own clause it counts."""
    assert (
        triples(
            "Steve Witkoff said the security protocols were largely finished and that land "
            "remained the critical open question."
        )
        == set()
    )
    assert triples("Friedrich Merz said a German troop deployment remained an open question.") == {
        ("DE", "nato_troops", "undecided")
    }


def test_support_named_inside_a_refusal_is_refused() -> None:
    """ "will not take part in financing Ukraine's army": the financing is what is refused,
    not support beside a refusal (which would read as conditional)."""
    assert triples("Viktor Orban said Hungary will not take part in financing Ukraine's army.") == {
        ("HU", "army_size_financing", "opposes")
    }


def test_a_refusal_that_names_a_precondition_is_conditional() -> None:
    """ "rejected a ceasefire ..., repeating that Ukrainian troops must first leave": the
    guide's conditional (a precondition first); a bare rejection stays a refusal."""
    assert triples(
        "The Kremlin rejected a ceasefire along the current front line, Dmitry Peskov said, "
        "repeating that Ukrainian troops must first leave Donbas."
    ) == {("RU", "ceasefire", "conditional")}
    assert triples("Dmitry Peskov said the Kremlin rejected a ceasefire.") == {
        ("RU", "ceasefire", "opposes")
    }


def test_each_issue_keeps_its_own_clause_where_other_clauses_are_about_other_issues() -> None:
    """ "will contribute to monitoring ..., but will not send soldiers": the monitoring is
    supported and the troops refused (the help is for another issue, not the guide's
    "no own troops, but support for the force"); an issue in a clause with no cue of its
    own takes nothing from the others."""
    assert triples(
        "Italy will contribute to monitoring the ceasefire and to training, but will not send "
        "soldiers into Ukraine, Guido Crosetto said."
    ) == {("IT", "ceasefire_monitoring", "supports"), ("IT", "nato_troops", "opposes")}
    assert triples(
        "JD Vance said Europe must carry the burden of guaranteeing Ukraine's security, and "
        "that American soldiers would not be part of any force on the ground."
    ) == {("US", "nato_troops", "opposes")}


def test_a_refusal_later_in_the_sentence_is_found() -> None:
    """ "If those troops are deployed ..., and no US troops would be sent": the refusal is
    not the first cue of the issue."""
    assert triples(
        "If those troops are deployed as peacekeepers, they should serve outside NATO, Pete "
        "Hegseth said, and no US troops would be sent."
    ) == {("US", "nato_troops", "opposes")}


def test_reported_speech_shifts_tense_without_making_it_background() -> None:
    """ "said that progress had been made ... and that guarantees remained central" is
    current; "had said" before the reporting verb is background."""
    assert triples(
        "Marco Rubio said that progress had been made and that security guarantees for "
        "Ukraine remained a central part of the framework, which Washington backs."
    ) == {("US", "security_guarantees", "supports")}
    assert triples("Marco Rubio had said that Washington backs security guarantees.") == set()


def test_a_verb_right_before_a_denial_is_part_of_it() -> None:
    """ "it would accept no European troops": a refusal, not acceptance beside one."""
    assert triples("Dmitry Peskov said Russia would accept no European troops in Ukraine.") == {
        ("RU", "nato_troops", "opposes")
    }


def test_an_issue_named_as_a_modifier_gives_way() -> None:
    """ "the ceasefire monitoring mechanism" is about monitoring, not the ceasefire."""
    assert triples(
        "Steve Witkoff said the United States will back the ceasefire monitoring mechanism."
    ) == {("US", "ceasefire_monitoring", "supports")}


def test_a_subject_head_a_few_words_in() -> None:
    """ "More than 30 countries of the coalition of the willing endorsed ...": the
    coalition speaks."""
    assert triples(
        "More than 30 countries of the coalition of the willing endorsed security guarantees "
        "for Ukraine."
    ) == {("COW", "security_guarantees", "supports")}


def test_undecided_in_a_later_clause_that_names_the_issue_again() -> None:
    """ "ready to contribute to the force, but a deployment of ground troops has not been
    decided": the clause that is undecided names the troops too."""
    assert triples(
        "Belgium is ready to contribute to the multinational force with aircraft, Theo "
        "Francken said, but a deployment of ground troops has not been decided."
    ) == {("BE", "nato_troops", "undecided")}


def test_a_refusal_covers_what_follows_the_refused_issue() -> None:
    """ "no Italian troops would be deployed": the deployment verb is part of the refusal."""
    assert triples(
        "Giorgia Meloni repeated that no Italian troops would be deployed on Ukrainian soil."
    ) == {("IT", "nato_troops", "opposes")}


def test_follow_up_cues_name_an_issue_only_after_it_was_named() -> None:
    """ "such a force" is the troops issue once the text has named it, and nothing before."""
    later = "Such a force would stay well back from the front line, Emmanuel Macron said."
    assert triples(later) == set()
    assert triples(f"Europe is planning a reassurance force for Ukraine. {later}") == {
        ("FR", "nato_troops", "conditional")
    }


def test_condition_clauses_state_the_condition_not_the_position() -> None:
    """Support inside an "if" clause is the condition; support governed by a following
    "if" in the same clause is conditional; an "if" in another clause governs nothing."""
    assert triples(
        "If a long-term peace is agreed, Vladimir Putin said, he saw no reason for such "
        "troops to be on Ukrainian territory at all."
    ) == {("RU", "nato_troops", "opposes")}
    assert triples(
        "Ukraine is prepared to give up its bid to join NATO if it receives security "
        "guarantees, Volodymyr Zelensky said."
    ) == {("UA", "nato_membership", "conditional"), ("UA", "security_guarantees", "supports")}
    assert triples(
        "Volodymyr Zelensky said Ukraine was ready for a ceasefire, and that Russia would "
        "face sanctions if it refused."
    ) == {("UA", "ceasefire", "supports")}


def test_background_and_speculation_are_not_current_positions() -> None:
    """ "had said" and an opinion writer's reading are not coded."""
    assert (
        triples("Pete Hegseth had said that American troops would not deploy to Ukraine.") == set()
    )
    assert (
        triples("In this writer's reading, Donald Trump seems to treat a ceasefire as optional.")
        == set()
    )


def test_he_said_carries_the_last_named_speaker() -> None:
    """A pronoun with a reporting verb is attributed to the last named speaker."""
    body = (
        "Sergei Lavrov spoke to reporters in Moscow. Any European contingent in Ukraine "
        "is unacceptable, he said."
    )
    assert triples(body) == {("RU", "nato_troops", "opposes")}
    # the latest named speaker, even when that sentence named no issue
    later = (
        "Sergei Lavrov spoke in Moscow. Emmanuel Macron spoke in Paris. Any European "
        "contingent in Ukraine is unacceptable, he said."
    )
    assert triples(later) == {("FR", "nato_troops", "opposes")}


def test_a_sentence_opening_with_a_pronoun_is_the_last_speakers() -> None:
    """ "Instead she proposed ..." continues the last named speaker; without a speaker
    before it, the sentence is nobody's."""
    second = "Instead she proposed extending Article 5 protections to Ukraine."
    assert triples(f"Giorgia Meloni spoke in Rome on Sunday. {second}") == {
        ("IT", "security_guarantees", "supports")
    }
    assert triples(second) == set()


def test_adjective_and_role_name_the_speaker() -> None:
    """ "American negotiators", "a senior Ukrainian official": the actor's adjective
    before a role speaks for the actor; the adjective alone does not."""
    assert triples(
        "American negotiators offered guarantees modelled on Article 5 at talks in Berlin."
    ) == {("US", "security_guarantees", "supports")}
    assert triples("A senior Ukrainian official said Kyiv backs an immediate ceasefire.") == {
        ("UA", "ceasefire", "supports")
    }
    assert triples("American guarantees modelled on Article 5 were offered in Berlin.") == set()


def test_coordinated_adjectives_before_a_role_each_speak() -> None:
    """ "the French and British leaders told reporters": both actors speak."""
    assert triples(
        "Any reassurance force would be positioned at a distance from the front, the French "
        "and British leaders told reporters."
    ) == {("FR", "nato_troops", "conditional"), ("GB", "nato_troops", "conditional")}


def test_a_name_before_the_speaker_joins_it_only_in_a_list_ending_with_and() -> None:
    """ "deter Moscow, Macron said": Moscow is the object, not a co-speaker."""
    assert triples(
        "Any European contingent in Ukraine would help deter Moscow, Emmanuel Macron said."
    ) == {("FR", "nato_troops", "supports")}


def test_names_listed_after_a_preposition_are_all_objects() -> None:
    """ "speaking alongside Macron and Zelensky, said": neither is the speaker; a comma
    alone ("with Trump, Putin agreed") ends the object phrase."""
    assert triples(
        "Keir Starmer, speaking alongside Emmanuel Macron and Volodymyr Zelensky, said the UK "
        "would take part in a US-led mechanism to monitor the ceasefire."
    ) == {("GB", "ceasefire_monitoring", "supports")}


def test_a_negated_refusal_is_no_refusal() -> None:
    """ "did not dismiss" states no stance (and certainly not opposition)."""
    assert (
        triples("Marco Rubio said he did not dismiss European plans for a reassurance force.")
        == set()
    )


def test_subject_after_an_opening_phrase() -> None:
    """ "After a call with Trump, Putin agreed ...": the subject follows the opening
    phrase; the name inside the phrase is an object."""
    assert triples(
        "After a phone call with Donald Trump, Vladimir Putin rejected a full ceasefire."
    ) == {("RU", "ceasefire", "opposes")}


def test_a_quotation_that_goes_on_is_the_same_speakers() -> None:
    """'Lavrov spoke. "... legitimate target. We will not tolerate it."': the second
    quoted sentence has no speaker of its own and is still Lavrov's; after the quotation
    closes, a sentence without a speaker is nobody's."""
    quoted = (
        'Sergei Lavrov spoke in Moscow. "We will not tolerate it. Any foreign contingent in '
        'Ukraine is a legitimate target."'
    )
    assert triples(quoted) == {("RU", "nato_troops", "opposes")}
    closed = (
        'Sergei Lavrov spoke in Moscow. "We will not tolerate it." Any foreign contingent in '
        "Ukraine is a legitimate target."
    )
    assert triples(closed) == set()


def test_the_longest_cue_wins_across_stances() -> None:
    """ "no cap on" (support) is read whole, not as the conditional "cap" that takes
    precedence among cues of the same length."""
    assert triples("Emmanuel Macron said there should be no cap on Ukraine's army.") == {
        ("FR", "army_size_financing", "supports")
    }
    assert triples("Andrii Sybiha said Ukraine will not give up its bid to join NATO.") == {
        ("UA", "nato_membership", "supports")
    }


def test_a_carried_speaker_is_quoted_from_its_own_sentence() -> None:
    """The speaker of "..., he said" is the name as written where it was said, even when
    that sentence was longer than this one (its offsets once indexed this one: a crash)."""
    body = (
        "The talks in Geneva with European and American envoys ran late into the night, "
        "Foreign Minister Sergei Lavrov told reporters. Troops in Ukraine are unacceptable, "
        "he said."
    )
    (claim,) = extract(news(body), REG)
    assert isinstance(claim, PositionClaim)
    assert (claim.actor, claim.speaker) == ("RU", "Sergei Lavrov")


def test_an_aside_keeps_the_named_subject_and_a_closing_one_the_last_speaker() -> None:
    """ "Kyiv, he said, wants ..." is Kyiv's; "..., the prime minister wrote" after a
    sentence by Starmer is Starmer's, not Russia's named in the clause."""
    assert triples(
        "Volodymyr Zelensky spoke on CNN. Kyiv, he said, needs security guarantees first."
    ) == {("UA", "security_guarantees", "supports")}
    assert triples(
        "Keir Starmer wrote in a newspaper on Sunday. A US backstop is needed to deter "
        "Russia from attacking again, the prime minister wrote."
    ) == {("GB", "security_guarantees", "supports")}


def test_a_source_relays_the_subjects_position() -> None:
    """ "The Russian delegation demanded ..., a Ukrainian source said": Russia's; a
    possessive ("Kyiv's proposal") is no subject."""
    assert triples(
        "The Russian delegation demanded that Ukraine withdraw from four regions as a "
        "condition for a ceasefire, a Ukrainian source said."
    ) == {("RU", "ceasefire", "conditional")}
    assert triples(
        "Dmitry Peskov spoke on Saturday. He called Kyiv's proposal for a freeze along the "
        "current line a non-starter."
    ) == {("RU", "ceasefire", "opposes")}


def test_a_sentence_that_says_nothing_still_names_the_speaker_and_the_issue() -> None:
    """A sentence naming an issue without a stance is read lazily, but a later "such a
    force ..., he said" still finds its speaker and its issue there."""
    assert triples(
        "Sergei Lavrov spoke about the reassurance force in Moscow. Such a force is "
        "unacceptable, he said."
    ) == {("RU", "nato_troops", "opposes")}


def test_joint_statement_gives_one_claim_per_actor() -> None:
    """ "Macron and Starmer said" credits both actors."""
    body = (
        "Emmanuel Macron and Keir Starmer said a reassurance force would stay well back "
        "from the front line."
    )
    assert triples(body) == {
        ("FR", "nato_troops", "conditional"),
        ("GB", "nato_troops", "conditional"),
    }


def test_titles_between_chained_names_and_subject_heads() -> None:
    """ "Starmer and President Macron said" credits both; so does "The leaders of France
    and Poland called for ..." although a name after "of" is usually an object."""
    body = (
        "A reassurance force would stay well back from the front line, Prime Minister Keir "
        "Starmer and President Emmanuel Macron said."
    )
    assert triples(body) == {
        ("FR", "nato_troops", "conditional"),
        ("GB", "nato_troops", "conditional"),
    }
    body = "The leaders of France and Poland called for an unconditional ceasefire."
    assert triples(body) == {("FR", "ceasefire", "supports"), ("PL", "ceasefire", "supports")}
    body = "The plan was put to the leaders of France and Poland and rejected by Moscow."
    assert ("FR", "ceasefire", "supports") not in triples(body)


def test_status_claim_from_status_cue() -> None:
    """ "the ceasefire took effect" is a status claim for the ceasefire issue."""
    claims = extract(news("The ceasefire took effect at midnight, Volodymyr Zelensky said."), REG)
    statuses = [c for c in claims if isinstance(c, StatusClaim)]
    assert [(c.issue, c.status) for c in statuses] == [("ceasefire", "in_force")]


def test_uncoded_statement_speaks_for_its_actor() -> None:
    """A statement's own actor is the default speaker of its sentences."""
    st = Statement(
        id="s1",
        occurred_at=datetime(2026, 1, 6, tzinfo=UTC),
        actor="Elysee",
        text="France will take part in monitoring the ceasefire.",
        source={"name": "Elysee", "url": "https://e.org/s1"},
    )
    claims = extract(st, REG)
    assert [(c.actor, c.issue, c.stance.value) for c in claims if isinstance(c, PositionClaim)] == [
        ("FR", "ceasefire_monitoring", "supports")
    ]


def test_syndicated_copies_share_an_origin_and_other_stories_do_not() -> None:
    """Near-duplicate texts (the dev set's syndicated pairs) get one origin."""
    rows = {
        json.loads(line)["id"]: json.loads(line)
        for line in (DATA / "dev.jsonl").read_text().splitlines()
    }
    index = StoryIndex()
    origins = {
        i: index.origin(i, rows[i]["text"]) for i in ("d004", "d005", "d019", "d020", "d023")
    }
    assert origins["d005"] == origins["d004"] == "d004"
    assert origins["d020"] == origins["d019"] == "d019"
    assert origins["d023"] == "d023"


def test_story_index_forgets_the_oldest_beyond_its_capacity() -> None:
    """A copy of an article the index has forgotten starts a story of its own."""
    text = "Leaders agreed in Paris on a plan for a multinational force to secure Ukraine."
    other = "Drones struck a refinery in southern Russia overnight, officials said."
    index = StoryIndex(capacity=1)
    assert index.origin("a", text) == "a"
    assert index.origin("a2", text + " Updated.") == "a"  # a copy while "a" is known
    assert index.origin("b", other) == "b"  # forgets "a2", the last copy of that story
    assert index.origin("a3", text) == "a3"  # so this copy starts a story of its own
    assert index.origin("b2", other + " More.") == "b2"


# (set, labelled triples, precision floor, recall floor). Each unseen set was written
# before the round of changes it measures and scored once at its end (first scores:
# unseen 0.73/0.31, unseen2 0.75/0.23, unseen3 0.63/0.52, unseen4 0.65/0.38, unseen5
# 0.64/0.32, unseen6 0.73/0.52, unseen7 0.62/0.42, unseen8 0.74/0.57, unseen9 0.85/0.41,
# unseen10 0.52/0.37, unseen11 0.57/0.44, unseen12 1.00/0.52, unseen13 0.81/0.54,
# unseen14 0.78/0.50, unseen15 0.85/0.63, unseen16 0.56/0.39, unseen17 0.77/0.43,
# unseen18 0.61/0.42, unseen19 0.76/0.71, unseen20 0.76/0.55, unseen21 0.76/0.38, unseen22
# 0.71/0.38, unseen23 0.90/0.43, unseen24 0.75/0.43, unseen25 0.64/0.53, unseen26 0.67/0.38,
# unseen27 0.75/0.43, unseen28 0.89/0.55); each but unseen28 was then used to find failure
# classes (unseen23 from session 7 on).
# The floors sit just under today's figures so a vocabulary edit cannot quietly undo them.
SCORED_SETS = [
    ("dev", 63, 0.91, 0.86),
    ("heldout", 11, 0.98, 0.98),
    ("unseen", 26, 0.92, 0.98),
    ("unseen2", 40, 0.90, 0.95),
    ("unseen3", 23, 0.80, 0.80),  # "would consider" (undecided) costs w012 since round 9
    ("unseen4", 29, 0.88, 0.88),  # x018: "and will provide" is a clause since session 6
    # y018 (and i024 in unseen19, e001 in unseen27): Ukraine's terms on its own guarantees
    # read as support since session 14 (asked_by, the convention of the real articles'
    # labels, 50 to 0); these written labels call them conditional
    ("unseen5", 22, 0.90, 0.85),
    ("unseen6", 21, 0.93, 0.88),
    ("unseen7", 25, 0.80, 0.62),
    ("unseen8", 30, 0.94, 0.94),
    ("unseen9", 28, 0.93, 0.80),
    ("unseen10", 30, 0.85, 0.68),
    ("unseen11", 27, 0.88, 0.72),
    ("unseen12", 23, 0.93, 0.80),
    ("unseen13", 24, 0.71, 0.68),
    ("unseen14", 28, 0.88, 0.69),
    ("unseen15", 27, 0.90, 0.83),
    ("unseen16", 23, 0.84, 0.80),
    ("unseen17", 23, 0.93, 0.80),
    ("unseen18", 33, 0.94, 0.80),
    ("unseen19", 31, 0.85, 0.86),
    ("unseen20", 29, 0.94, 0.87),
    ("unseen21", 34, 0.86, 0.68),
    ("unseen22", 26, 0.74, 0.59),
    # m014 relabelled when the Czech Republic joined the registry (session 8): read conditional
    ("unseen23", 22, 0.93, 0.60),
    ("unseen24", 28, 0.88, 0.62),  # written in session 7 after its round 1
    ("unseen25", 17, 0.86, 0.86),  # written after session 7's round 2, tuned on in round 3
    ("unseen26", 26, 0.65, 0.36),  # written after round 3 and the verb sweep
    ("unseen27", 21, 0.73, 0.42),  # written after round 4, tuned on in rounds 5-6
    ("unseen28", 29, 0.87, 0.53),  # not tuned on: written after session 7's last change
]


@pytest.mark.parametrize(("name", "triples_", "precision", "recall"), SCORED_SETS)
def test_labelled_sets_score_at_the_measured_level(
    name: str, triples_: int, precision: float, recall: float
) -> None:
    """Regression floors on every labelled set in tests/data."""
    report = evaluate((DATA / f"{name}.jsonl").read_text().splitlines(), REG)
    assert report.overall.tp + report.overall.fn == triples_
    assert report.overall.precision >= precision
    assert report.overall.recall >= recall


def test_real_article_labels_are_unique_and_name_registry_ids() -> None:
    """tests/data/real/labels.jsonl (labels of third-party articles kept out of the
    repository): one line per article id, each label naming a registry actor and issue."""
    lines = [json.loads(line) for line in (DATA / "real" / "labels.jsonl").read_text().splitlines()]
    ids = [line["id"] for line in lines]
    assert len(ids) == len(set(ids))
    actors, issues = {a.id for a in REG.actors}, {i.id for i in REG.issues}
    stances = {"supports", "opposes", "conditional", "undecided"}
    for line in lines:
        for label in line["expected"] + line["arguable"]:
            assert label["actor"] in actors, (line["id"], label)
            assert label["issue"] in issues, (line["id"], label)
            assert label["stance"] in stances, (line["id"], label)


def test_eval_input_errors_name_line_and_field() -> None:
    """A label without a stance is reported with its line."""
    bad = json.dumps(
        {
            "id": "x",
            "published": "2026-01-01",
            "source": {"name": "a", "url": "https://e.org"},
            "text": "t",
            "expected": [{"actor": "RU"}],
        }
    )
    with pytest.raises(EvalInputError, match=r"f.jsonl:2: field 'expected'"):
        evaluate(["", bad], REG, "f.jsonl")


def test_eval_command_scores_several_sets_and_pools_them(tmp_path: Path) -> None:
    """`peacewatch eval A B --json` scores each set and sums their counts; a bad file is named."""
    from typer.testing import CliRunner

    from services.cli import cli

    files = [str(DATA / "heldout.jsonl"), str(DATA / "unseen7.jsonl")]
    result = CliRunner().invoke(cli, ["eval", *files, "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    sets = [out["sets"][f] for f in files]
    for key in ("tp", "fp", "fn", "scored"):
        assert out["pooled"][key] == sum(s[key] for s in sets)
    assert out["pooled"]["tp"] + out["pooled"]["fn"] == 11 + 25
    assert out["pooled"]["scored"] == 10 + 24

    text = CliRunner().invoke(cli, ["eval", *files, "--summary"])
    assert text.exit_code == 0
    assert "pooled" in text.output and "unseen7" in text.output

    missing = tmp_path / "nope.jsonl"
    bad = CliRunner().invoke(cli, ["eval", files[0], str(missing)])
    assert bad.exit_code == 2
    assert str(missing) in bad.output


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # an agent phrase after the issue: the proposer stands behind it too
        (
            "Kyiv said it would accept a 30-day truce proposed by the United States.",
            {("UA", "ceasefire", "supports"), ("US", "ceasefire", "supports")},
        ),
        # a denial inside a condition is the condition, not a refusal
        (
            "Trump said he would impose tariffs on Russia if there was no ceasefire soon.",
            set(),
        ),
        # a list opening the reported clause that names the speaker's own country
        (
            "Macron said France and Britain will set up military hubs in Ukraine.",
            {("FR", "military_hubs", "supports"), ("GB", "military_hubs", "supports")},
        ),
        # ... and a list without the speaker's country holds what it is reported to do, as
        # one actor would ("Witkoff said Russia had agreed"; until session 5 this case
        # expected France's word alone, from before reported lists were read)
        (
            "Macron said Germany and Poland will set up military hubs in Ukraine.",
            {("DE", "military_hubs", "supports"), ("PL", "military_hubs", "supports")},
        ),
        # "only" + a verb of acceptance, "not ... until", parliament's approval
        (
            "Lavrov said Russia would only accept security guarantees that cover Russia too.",
            {("RU", "security_guarantees", "conditional")},
        ),
        (
            "Putin said Russia would not agree to a truce until Kyiv left the four regions.",
            {("RU", "ceasefire", "conditional")},
        ),
        (
            "The Dutch defence minister said the Netherlands would send troops to Ukraine, "
            "but any deployment would first need the approval of parliament.",
            {("NL", "nato_troops", "conditional")},
        ),
        # the question asked is not the answer given
        (
            "Asked whether Washington would back a European force, Trump said he would not "
            "commit to it.",
            {("US", "nato_troops", "opposes")},
        ),
        # giving up the NATO bid reverses the stance on membership; refusing to does not
        (
            "Peskov said the renunciation of NATO membership by Kyiv is a cornerstone of peace.",
            {("RU", "nato_membership", "opposes")},
        ),
        (
            "Zelensky said Ukraine would not give up its NATO aspirations.",
            {("UA", "nato_membership", "supports")},
        ),
    ],
)
def test_agents_partners_questions_and_conditions(
    body: str, expected: set[tuple[str, str, str]]
) -> None:
    """Round 8 readings: agent phrases, partners, questions, conditions, reversals."""
    assert triples(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # accepting a cap on the army is conditional, demanding one opposes the army
        (
            "Zelensky said Ukraine could accept a cap of 800,000 troops on its army.",
            {("UA", "army_size_financing", "conditional")},
        ),
        (
            "Peskov said limits on Ukraine's army are an essential part of any settlement.",
            {("RU", "army_size_financing", "opposes")},
        ),
        # evaluations carry a stance as verbs do
        (
            "The Lithuanian foreign minister said security guarantees for Ukraine are vital and "
            "must be legally binding.",
            {("LT", "security_guarantees", "supports"), ("LT", "binding_commitments", "supports")},
        ),
        (
            "Lavrov said a truce along the front line would be a trap.",
            {("RU", "ceasefire", "opposes")},
        ),
    ],
)
def test_demands_and_evaluations(body: str, expected: set[tuple[str, str, str]]) -> None:
    """A demand turns a reversed issue its own way; evaluative words are stance cues."""
    assert triples(body) == expected


def test_a_refusal_beside_plain_support_for_another_issue_stays_a_refusal() -> None:
    """No soldiers, while backing guarantees: the troops are refused; no soldiers but help
    from outside the country is the guide's conditional."""
    assert triples(
        "Meloni said Italy would not send soldiers to Ukraine, while backing security "
        "guarantees modelled on Article 5."
    ) == {("IT", "nato_troops", "opposes"), ("IT", "security_guarantees", "supports")}
    assert ("IT", "nato_troops", "conditional") in triples(
        "Meloni said Italy would not send soldiers to Ukraine, but could help provide "
        "security guarantees from outside the country."
    )


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Starmer said that the coalition of the willing was ready to deploy troops to Ukraine.",
            {("GB", "nato_troops", "supports"), ("COW", "nato_troops", "supports")},
        ),
        (
            "The coalition of the willing called for an immediate ceasefire, Starmer said.",
            {("GB", "ceasefire", "supports"), ("COW", "ceasefire", "supports")},
        ),
    ],
)
def test_a_member_speaks_of_its_group(body: str, expected: set[tuple[str, str, str]]) -> None:
    """A member's word on what its group does is the group's too."""
    assert triples(body) == expected


def test_a_stranger_does_not_speak_for_a_group() -> None:
    """Russia is no member: Peskov's report is not taken as the coalition's word."""
    found = triples("Peskov said the coalition of the willing was ready to deploy troops.")
    assert not any(actor == "COW" for actor, _, _ in found)


def test_a_ceasefire_a_few_words_before_its_monitoring_gives_way() -> None:
    """ "how a ceasefire would be monitored" is about the monitoring, not the ceasefire."""
    assert triples("Peskov said it was too early to say how a ceasefire would be monitored.") == {
        ("RU", "ceasefire_monitoring", "undecided")
    }


def test_an_idiom_holding_an_opener_sets_no_condition() -> None:
    """ "for as long as it takes" is no condition; "as long as Russia attacks" is one."""
    assert triples(
        "Kallas said the EU will finance Ukraine's armed forces for as long as it takes."
    ) == {("EU", "army_size_financing", "supports")}
    assert triples(
        "Kallas said the EU will finance Ukraine's armed forces as long as Russia attacks."
    ) == {("EU", "army_size_financing", "conditional")}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Zelensky said Russia rejected the truce.",
            {("RU", "ceasefire", "opposes")},
        ),
        (
            "Witkoff said Putin had agreed that Europe could offer Ukraine security guarantees.",
            {("RU", "security_guarantees", "supports")},
        ),
        # an obligation stays the speaker's demand
        (
            "Macron said Russia must accept an unconditional ceasefire.",
            {("FR", "ceasefire", "supports")},
        ),
        # a possessive is no subject
        (
            "Zelensky said Russia's demands were unacceptable, rejecting any cap on the army.",
            {("UA", "army_size_financing", "supports")},
        ),
    ],
)
def test_another_actor_opening_the_reported_clause_holds_its_stance(
    body: str, expected: set[tuple[str, str, str]]
) -> None:
    """ "X said Y agreed to ..." is Y's position as X reports it; "X said Y must" is X's."""
    assert triples(body) == expected


def test_a_conditional_issue_keeps_its_own_clause_beside_a_refused_one() -> None:
    """ "would not stop fighting until ..., and warned Europe against sending troops": the
    ceasefire is conditional in its own clause, the troops refused in theirs."""
    assert triples(
        "Putin said Russia would not stop fighting until Ukraine withdrew from the Donbas, "
        "and warned Europe against sending any troops."
    ) == {("RU", "ceasefire", "conditional"), ("RU", "nato_troops", "opposes")}


def test_a_threat_to_the_other_side_is_no_condition_on_the_support() -> None:
    """ "called on Moscow to agree to a truce, threatening sanctions if it refused": the
    support is unconditional; "ready for a truce if Russia stops its attacks" is not."""
    assert triples(
        "Macron called on Moscow to agree to an unconditional ceasefire, threatening new "
        "sanctions if it refused."
    ) == {("FR", "ceasefire", "supports")}
    assert triples(
        "Macron said France was ready to send troops to Ukraine if Russia stops its attacks."
    ) == {("FR", "nato_troops", "conditional")}


def test_a_pronoun_after_a_stance_cue_refers_to_the_issue_named_just_before() -> None:
    """ "Russia would not accept it": the one issue the sentence before named; with two
    issues named there, or a sentence between, the pronoun is not read."""
    assert ("RU", "nato_troops", "opposes") in triples(
        "Lavrov said the deployment of NATO troops to Ukraine was discussed at length. "
        "Russia would not accept it, he added."
    )
    assert (
        triples(
            "Lavrov spoke about NATO troops and NATO membership. Russia would not accept it, he "
            "added."
        )
        == set()
    )
    assert (
        triples("Lavrov spoke about NATO troops in Ukraine. He was in Ankara. Russia rejected it.")
        == set()
    )


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the name right after "said" speaks only in inverted attribution
        (
            "Waltz said NATO membership for Ukraine was off the table.",
            {("US", "nato_membership", "opposes")},
        ),
        (
            "NATO membership is not on the table, said Rubio.",
            {("US", "nato_membership", "opposes")},
        ),
        # "a source in the Ukrainian delegation" relays; the subject after an opening
        # phrase and its article holds the position
        (
            "At the talks in Istanbul, the Russian delegation demanded a troop withdrawal as a "
            "condition for a ceasefire, a source in the Ukrainian delegation said.",
            {("RU", "ceasefire", "conditional")},
        ),
        (
            "Rubio said any guarantees would not include NATO membership for Ukraine.",
            {("US", "nato_membership", "opposes")},
        ),
    ],
)
def test_inverted_attribution_relays_and_exclusions(
    body: str, expected: set[tuple[str, str, str]]
) -> None:
    """Who speaks after the verb, who relays, and what is left out."""
    assert triples(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # paraphrases of the issues: a pause in strikes is a truce, pledging engineers is
        # sending troops, a Senate vote binds, a ceiling on the number of troops is the cap
        (
            "The Kremlin said Putin had agreed to halt strikes on Ukrainian power plants.",
            {("RU", "ceasefire", "supports")},
        ),
        (
            "Norway pledged engineers and instructors to the mission, the defence minister "
            "in Oslo said.",
            {("NO", "nato_troops", "supports")},
        ),
        (
            "Rubio said Washington was ready to have the guarantees approved by Congress.",
            # "the guarantees" names the issue since session 7, as unseen14 p014 labels it
            {("US", "binding_commitments", "supports"), ("US", "security_guarantees", "supports")},
        ),
        (
            "Lavrov said Moscow insisted on a troop cap for Ukraine.",
            {("RU", "army_size_financing", "opposes")},
        ),
        (
            "Lavrov said Ukraine's neutrality was essential for any settlement.",
            {("RU", "nato_membership", "opposes")},
        ),
        # "the moment" and "on the day" open conditions
        (
            "Starmer said British troops would deploy the moment a peace deal was signed.",
            {("GB", "nato_troops", "conditional")},
        ),
        # more refusals than support cues is a refusal, not the guide's conditional
        (
            "Peskov said sending European troops to Ukraine was a dangerous provocation that "
            "would prolong the war.",
            {("RU", "nato_troops", "opposes")},
        ),
        (
            "Rubio said Washington would not station American troops in Ukraine.",
            {("US", "nato_troops", "opposes")},
        ),
    ],
)
def test_paraphrased_issues_and_conditions(body: str, expected: set[tuple[str, str, str]]) -> None:
    """Issues named by a paraphrase, conditions opened by a moment, refusals outnumbering
    support."""
    assert triples(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a second speaker inside the sentence holds its own position, on the first
        # part's issue when its own part names none
        (
            "Sybiha said Ukraine backed an unconditional ceasefire, while Russia's chief "
            "negotiator Vladimir Medinsky insisted that Kyiv first withdraw its forces.",
            {("UA", "ceasefire", "supports"), ("RU", "ceasefire", "conditional")},
        ),
        (
            "Macron said France was ready to lead a reassurance force; Peskov said Moscow "
            "rejected any such plan.",
            {("FR", "nato_troops", "supports"), ("RU", "nato_troops", "opposes")},
        ),
        # a role and its holder's name after the actor: the actor speaks
        (
            "Russia's military intelligence chief Igor Kostyukov said a truce now was "
            "unacceptable.",
            {("RU", "ceasefire", "opposes")},
        ),
        # a second clause whose speaker comes after its verb goes on the first sentence
        (
            "Spain backs the security guarantees, but Spanish troops will not be sent to "
            "Ukraine, Defence Minister Margarita Robles said.",
            {("ES", "security_guarantees", "supports"), ("ES", "nato_troops", "opposes")},
        ),
    ],
)
def test_a_second_speaker_in_a_sentence_is_read_apart(
    body: str, expected: set[tuple[str, str, str]]
) -> None:
    """ "..., while Y insisted ...": two speakers, two readings."""
    assert triples(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a condition right after "said that" opens the reported clause and governs it
        (
            "Sybiha said that if the allies gave binding guarantees, Ukraine could accept "
            "that it would not join NATO.",
            {
                ("UA", "nato_membership", "conditional"),
                ("UA", "binding_commitments", "supports"),
                # "binding guarantees" names the guarantees too since session 7: wanted, as
                # the binding commitments are
                ("UA", "security_guarantees", "supports"),
            },
        ),
        # a second reported clause with its own actor: that actor's position too
        (
            "Erdogan said he had urged Putin to halt attacks on ports, and that Putin had agreed.",
            {("TR", "ceasefire", "supports"), ("RU", "ceasefire", "supports")},
        ),
        # a forecast of another actor's ability stays the speaker's
        (
            "Vance said that the talks were over and that Ukraine would never be able to "
            "join NATO.",
            {("US", "nato_membership", "opposes")},
        ),
        (
            "The Kremlin said Russia would refrain from strikes on power plants for a week.",
            {("RU", "ceasefire", "supports")},
        ),
    ],
)
def test_reported_clauses_conditions_and_forecasts(
    body: str, expected: set[tuple[str, str, str]]
) -> None:
    """Who holds what a reported clause says, and what governs it."""
    assert triples(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # "... but said": the sentence's subject speaks, not the object before the verb
        (
            "Hegseth ruled out sending troops to defend Ukraine but said talks would go on.",
            {("US", "nato_troops", "opposes")},
        ),
        # a short opening phrase with no comma before the subject
        (
            "At the talks the Russian delegation set out its conditions for a ceasefire.",
            {("RU", "ceasefire", "conditional")},
        ),
        # hedges, alternatives and requirements
        (
            "Lavrov said Moscow backed a truce in principle but there were nuances.",
            {("RU", "ceasefire", "conditional")},
        ),
        (
            "Sybiha said Kyiv wanted alternatives to any cap on its army.",
            {("UA", "army_size_financing", "supports")},
        ),
        (
            "Ryabkov said neutral status for Ukraine was a requirement of any deal.",
            {("RU", "nato_membership", "opposes")},
        ),
    ],
)
def test_subjects_hedges_and_requirements(body: str, expected: set[tuple[str, str, str]]) -> None:
    """Who says it when the verb has no subject of its own, and what hedges and demands read."""
    assert triples(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # refusing a narrowed issue is a condition on it
        (
            "Tusk said a truce without a clear end date would be unacceptable.",
            {("PL", "ceasefire", "conditional")},
        ),
        (
            "Sybiha said Ukraine would not accept a ceasefire that would only freeze the war.",
            {("UA", "ceasefire", "conditional")},
        ),
        # urging is support
        (
            "Rubio urged Moscow to halt strikes on Ukrainian cities.",
            {("US", "ceasefire", "supports")},
        ),
        # demanding a reduction of the army opposes it; the 26 countries are the coalition
        (
            "Ushakov said a sharp reduction of Ukraine's army was a core demand of Moscow.",
            {("RU", "army_size_financing", "opposes")},
        ),
        (
            "Twenty-six countries pledged to send troops once a ceasefire holds.",
            {("COW", "nato_troops", "conditional")},
        ),
        # "Germany and the United States said": both speak
        (
            "Several allies, including Germany and the United States, said they rejected "
            "NATO membership for Ukraine.",
            {("DE", "nato_membership", "opposes"), ("US", "nato_membership", "opposes")},
        ),
        (
            "Pistorius said it was inappropriate to discuss German troops in Ukraine.",
            {("DE", "nato_troops", "undecided")},
        ),
        # an actor's own document opening the sentence speaks for it; one named later
        # in the sentence does not
        (
            "Ukraine's counter-proposal rejected any cap on the army.",
            {("UA", "army_size_financing", "supports")},
        ),
        (
            "Lavrov called Ukraine's proposal for an energy truce a ploy.",
            # the proposal is Ukraine's support (session 11), as "Ukraine's truce proposal" is
            {("RU", "ceasefire", "opposes"), ("UA", "ceasefire", "supports")},
        ),
        # a ceasefire named only inside a condition is timing, not a position on it; the
        # guarantees a speaker sets as a condition are still wanted
        (
            "Merz said Germany would contribute to reconstruction if a lasting truce is reached.",
            set(),
        ),
        (
            "Zelensky said Ukraine was ready to drop its NATO bid if it received binding security "
            "guarantees.",
            {
                ("UA", "nato_membership", "conditional"),
                ("UA", "security_guarantees", "supports"),
            },
        ),
        # a negator inside an undecided cue negates nothing after it
        (
            "Carney said Canada had not decided whether to send troops.",
            {("CA", "nato_troops", "undecided")},
        ),
    ],
)
def test_narrowed_refusals_urging_demands_and_held_negation(
    body: str, expected: set[tuple[str, str, str]]
) -> None:
    """What a refusal of a narrowed issue, an urging, a demanded cut and an undecided
    negation read; who "twenty-six countries" are."""
    assert triples(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Sybiha said Kyiv wanted to sign bilateral guarantees with Washington and was "
            "ready to do so this year.",
            {("UA", "security_guarantees", "supports")},
        ),
        (
            "Healey said Britain would lead a force to secure Ukraine's skies after the war.",
            {("GB", "nato_troops", "conditional")},
        ),
        (
            "Umerov said Ukraine backed a ban on strikes against ports.",
            {("UA", "ceasefire", "supports")},
        ),
        (
            "Peskov said Russia must be among the states acting as guarantors of any deal on "
            "security guarantees.",
            {("RU", "security_guarantees", "conditional")},
        ),
        (
            "Vance said both armies should stop the fighting where they stand.",
            {("US", "ceasefire", "supports")},
        ),
        (
            "Spain will send engineers to the mission but has no plans for combat troops, "
            "Robles said.",
            {("ES", "nato_troops", "conditional")},
        ),
        (
            "Medvedev warned the Europeans against any deployment of troops in Ukraine.",
            {("RU", "nato_troops", "opposes")},
        ),
        # a reported list, and a reported subject after "the"
        (
            "Witkoff said Russia and Ukraine had agreed to a partial truce.",
            {("RU", "ceasefire", "supports"), ("UA", "ceasefire", "supports")},
        ),
        (
            "Merz said the United States was ready to back security guarantees.",
            {("US", "security_guarantees", "supports")},
        ),
        # a place is not the actor: "the Paris summit" is no French speaker
        (
            "The Paris summit said nothing new; Peskov said Russia rejected any reassurance force.",
            {("RU", "nato_troops", "opposes")},
        ),
        # giving up something else is not giving up the NATO bid
        (
            "Zelensky said he was ready to give up his office, and to trade it for NATO "
            "membership for Ukraine.",
            {("UA", "nato_membership", "supports")},
        ),
    ],
)
def test_paraphrases_reported_lists_places_and_near_reversals(
    body: str, expected: set[tuple[str, str, str]]
) -> None:
    """Session 5's third round: paraphrased issues and stances, reported lists, places
    that are no speakers, and reversals said of something else."""
    assert triples(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a contraction negates as "not" does, and so does a listed negator word
        ("Merz said Germany didn't back sending troops.", {("DE", "nato_troops", "opposes")}),
        ("Merz said Germany never backed sending troops.", {("DE", "nato_troops", "opposes")}),
        ("Merz said Germany backed sending troops.", {("DE", "nato_troops", "supports")}),
    ],
)
def test_negation_by_words_and_contractions(body: str, expected: set[tuple[str, str, str]]) -> None:
    """The negation window reads negator words and any "n't" before a cue."""
    assert triples(body) == expected


def test_a_dateline_opening_the_text_is_not_quoted() -> None:
    """ "MOSCOW - " before the first sentence is the dateline: the evidence starts after it;
    a later sentence that opens with a capitalised word and a dash keeps it."""
    body = (
        "MOSCOW - Peskov said Russia rejected any European troops in Ukraine. "
        "NATO - the alliance itself - backs the reassurance force, Rutte said."
    )
    claims = {c.actor: c for c in extract(news(body), REG) if isinstance(c, PositionClaim)}
    assert claims["RU"].evidence[0].start == len("MOSCOW - ")
    assert claims["RU"].evidence[0].quote.startswith("Peskov said")
    later = body.index("NATO - ")
    assert all(e.start == later for e in claims["NATO"].evidence)


def test_explain_shows_each_sentences_reading_and_the_claims(tmp_path: Path) -> None:
    """`peacewatch explain` says why each sentence was read or set aside; on a labelled
    item it compares with the labels; a wrong id is named with the file."""
    from typer.testing import CliRunner

    from services.cli import cli

    text = (
        "Lavrov said the deployment of NATO troops to Ukraine was discussed at length. "
        "Russia would not accept it, he added. The weather was cold."
    )
    out = CliRunner().invoke(cli, ["explain", text], env={"COLUMNS": "250"})  # no wrapping
    assert out.exit_code == 0, out.output
    assert "names an issue without a stance or status cue" in out.output
    assert 'cue "would not accept": opposes' in out.output
    assert "names no issue" in out.output
    assert "claim: RU nato_troops opposes" in out.output

    labelled = CliRunner().invoke(
        cli, ["explain", "--file", str(DATA / "unseen8.jsonl"), "--id", "r003"]
    )
    assert labelled.exit_code == 0, labelled.output
    assert "expected, found: [('RU', 'nato_troops', 'opposes')]" in labelled.output

    missing = CliRunner().invoke(
        cli, ["explain", "--file", str(DATA / "unseen8.jsonl"), "--id", "nope"]
    )
    assert missing.exit_code == 2
    assert "unseen8.jsonl: no item with id 'nope'" in missing.output
    assert CliRunner().invoke(cli, ["explain"]).exit_code == 2


def test_tracing_a_text_does_not_change_what_is_read() -> None:
    """The trace only records: the same findings with and without it, one record a sentence."""
    from services.extractor.rules import Trace, read_sentences

    for line in (DATA / "unseen10.jsonl").read_text().splitlines():
        body = json.loads(line)["text"]
        traces: list[Trace] = []
        assert read_sentences(body, REG, trace=traces) == read_sentences(body, REG)
        assert len(traces) == len(sentences(body, REG.language.abbreviations))  # type: ignore[union-attr]


def test_the_producer_names_the_vocabulary_a_claim_was_read_with(tmp_path: Path) -> None:
    """A vocabulary edit changes the digest in the producer; a policy edit does not."""
    from services.extractor.rules import producer
    from services.registry import load_registry
    from tests.factories import edited_registry

    def edited(file: str, old: str, new: str) -> str:
        return producer(load_registry(edited_registry(tmp_path / file, file, old, new)))

    shipped = producer(REG)
    assert shipped.startswith(PRODUCER + "+") and len(shipped) == len(PRODUCER) + 9
    assert edited("language.yaml", "ruled out,", "ruled out, waved away,") != shipped
    assert edited("policy.yaml", "min_confidence: 0.6", "min_confidence: 0.65") == shipped


def test_a_stance_verb_listed_once_is_read_in_any_form() -> None:
    """ "welcome" and "condemn" are listed once; "welcoming", "condemning" read too."""
    assert triples("Zelensky said Ukraine was welcoming the ceasefire proposal.") == {
        ("UA", "ceasefire", "supports")
    }
    assert triples("Lavrov said Russia was condemning the plan for NATO troops in Ukraine.") == {
        ("RU", "nato_troops", "opposes")
    }


def test_an_agent_phrase_alone_is_a_reading_and_a_negative_cue_is_not_negated_again() -> None:
    """ "the truce declared by Putin took effect" says Russia backs it, with no stance
    verb; "a ceasefire without guarantees is not acceptable" is a refusal, not a negated
    one (so no stance), and a refusal of the narrowed ceasefire: the guide's conditional
    (until session 5 this test expected "opposes", against unseen12's label for m002)."""
    assert triples(
        "The ceasefire declared by Putin took effect at midnight, the Kremlin said."
    ) == {("RU", "ceasefire", "supports")}
    assert triples("Macron said a ceasefire without guarantees was not acceptable.") == {
        ("FR", "ceasefire", "conditional")
    }


def test_a_countrys_soldiers_name_the_troops_issue() -> None:
    """ "no decision on German troops": a nationality before troops or soldiers is the
    troops issue; Ukraine's and Russia's own soldiers are not."""
    assert triples("Merz said no decision had been made on German troops.") == {
        ("DE", "nato_troops", "undecided")
    }
    assert triples("Zelensky said no decision had been made on Ukrainian troops.") == set()


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a condition right after a threat threatens the other side: no condition on the call
        (
            "Merz called on Moscow to accept an unconditional ceasefire and threatened further "
            "sanctions if it did not.",
            {("DE", "ceasefire", "supports")},
        ),
        # "depended on" reads as "depends on"
        (
            "Peskov said a truce depended on Kyiv halting mobilisation.",
            {("RU", "ceasefire", "conditional")},
        ),
        # a commitment put to Congress binds
        (
            "Rubio said the US was ready to put the guarantees to Congress for a vote.",
            # "the guarantees" names the issue since session 7, as unseen14 p014 labels it
            {("US", "binding_commitments", "supports"), ("US", "security_guarantees", "supports")},
        ),
        # staying out of military blocs is giving up the NATO bid
        (
            "Lavrov said Ukraine must pledge to stay out of military blocs.",
            {("RU", "nato_membership", "opposes")},
        ),
        # a limit on the army among an actor's terms is its demand, not its acceptance
        (
            "Russia's memorandum set out its terms, including a pledge to cut Ukraine's armed "
            "forces.",
            {("RU", "army_size_financing", "opposes")},
        ),
    ],
)
def test_threats_dependencies_and_terms(body: str, expected: set[tuple[str, str, str]]) -> None:
    """Session 6, round 1 (from unseen18's first reading): each case failed before."""
    assert triples(body) == expected


def test_a_list_before_an_inverted_speaker_holds_the_position_but_he_is_the_speaker() -> None:
    """ "Britain and France agreed ..., Healey said" is France's word too (as "Healey said
    Britain and France agreed" was); a later "he said" is Healey's alone, and a group the
    speaker spoke for does not say the next sentence either (it did before session 6)."""
    assert triples(
        "Poland and Lithuania agreed to set up military hubs in Ukraine, the Polish defence "
        "minister said."
    ) == {("PL", "military_hubs", "supports"), ("LT", "military_hubs", "supports")}
    assert triples(
        "Britain and France agreed to set up military hubs in Ukraine, Healey said. He said he "
        "was ready to help monitor a ceasefire."
    ) == {
        ("GB", "military_hubs", "supports"),
        ("FR", "military_hubs", "supports"),
        ("GB", "ceasefire_monitoring", "supports"),
    }
    assert triples(
        "The coalition agreed to deploy a reassurance force, Starmer said. He said he was ready "
        "to help monitor a ceasefire."
    ) == {
        ("COW", "nato_troops", "supports"),
        ("GB", "nato_troops", "supports"),
        ("GB", "ceasefire_monitoring", "supports"),
    }


def test_an_actors_adjective_before_its_document_speaks_and_a_passive_cue_is_the_agents() -> None:
    """ "The American peace plan calls for ..." is the United States' word, as "American
    negotiators" are; "Russia's proposal ... was rejected by Kyiv" is Kyiv's refusal, not
    Russia's (it was Russia's before session 6); the proposal is Russia's support (session
    11, as "Russia's ceasefire proposal" was before)."""
    assert triples("The American peace plan calls for a ceasefire along the front line.") == {
        ("US", "ceasefire", "supports")
    }
    assert triples("Russia's proposal for a ceasefire was rejected by Kyiv.") == {
        ("UA", "ceasefire", "opposes"),
        ("RU", "ceasefire", "supports"),
    }
    # "the Russian proposal for a ceasefire" is Russia's as "Russia's proposal" is (session
    # 14: the name and the noun had been one alias, read as no proposer)
    assert triples("The Russian proposal for a ceasefire was firmly rejected by Zelensky.") == {
        ("UA", "ceasefire", "opposes"),
        ("RU", "ceasefire", "supports"),
    }


def test_a_decision_to_come_is_undecided_and_open_questions_make_support_conditional() -> None:
    """ "would decide ... only after a ceasefire" has not decided; "backed a truce but ...
    questions to be resolved first" backs it on conditions (both read otherwise before)."""
    assert triples(
        "Merz said Germany would decide on sending troops to Ukraine only after a ceasefire."
    ) == {("DE", "nato_troops", "undecided")}
    assert triples(
        "Putin said he backed a truce but that there were serious questions to be resolved first."
    ) == {("RU", "ceasefire", "conditional")}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the Bundeswehr in Ukraine is the troops issue
        (
            "Pistorius said any Bundeswehr mission in Ukraine would require a mandate from the "
            "Bundestag.",
            {("DE", "nato_troops", "conditional")},
        ),
        # a threat reaches a condition up to six words on
        (
            "Starmer urged Moscow to accept a ceasefire, warning of new sanctions on Russian oil "
            "and gas exports if it did not.",
            {("GB", "ceasefire", "supports")},
        ),
        # ensuring Ukraine's security is the guarantees issue
        (
            "Erdogan said Turkey was ready to help ensure Ukraine's security after the war.",
            {("TR", "security_guarantees", "conditional")},
        ),
        # "..., and would not rule out" opens a clause of its own
        (
            "Sweden said it was ready to help finance Ukraine's army, and would not rule out "
            "sending troops.",
            {("SE", "army_size_financing", "supports"), ("SE", "nato_troops", "undecided")},
        ),
        # allowing an army of up to a number is accepting a cap
        (
            "Witkoff said the plan would allow Ukraine an army of up to 800,000 soldiers.",
            {("US", "army_size_financing", "conditional")},
        ),
    ],
)
def test_session_6_round_3(body: str, expected: set[tuple[str, str, str]]) -> None:
    """Session 6, round 3 (from unseen19's first reading): each case failed before."""
    assert triples(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # an answer still to come is undecided
        (
            "Peskov said Moscow would study the proposal before deciding whether to accept a "
            "ceasefire.",
            {("RU", "ceasefire", "undecided")},
        ),
        # a ceasefire that must last a time is a precondition on it
        (
            "Zelensky rejected the Easter truce, saying any ceasefire must last at least 30 days.",
            {("UA", "ceasefire", "conditional")},
        ),
        # the speaker's own proposal is support
        (
            "Tajani repeated his proposal to extend security guarantees to Ukraine.",
            {("IT", "security_guarantees", "supports")},
        ),
        # a promise to retaliate refuses
        (
            "Lavrov said Russia would retaliate against any deployment of Western troops in "
            "Ukraine.",
            {("RU", "nato_troops", "opposes")},
        ),
        # military infrastructure is the hubs issue
        (
            "Zakharova said Moscow would not tolerate Western military infrastructure in Ukraine.",
            {("RU", "military_hubs", "opposes")},
        ),
        # US offices beyond the registry's names speak for the United States
        (
            "Senate Majority Leader John Thune said the Senate was ready to ratify a security "
            "guarantees treaty.",
            {("US", "binding_commitments", "supports"), ("US", "security_guarantees", "supports")},
        ),
        # the door to membership remaining open supports it
        (
            "Rutte said the door remains open for Ukraine's NATO membership.",
            {("NATO", "nato_membership", "supports")},
        ),
        # guarantees without Ukraine joining NATO give up the bid
        (
            "Meloni backed guarantees for Ukraine without Ukraine joining NATO.",
            {("IT", "nato_membership", "opposes"), ("IT", "security_guarantees", "supports")},
        ),
    ],
)
def test_session_6_round_4(body: str, expected: set[tuple[str, str, str]]) -> None:
    """Session 6, round 4 (from unseen17, session 5's untouched set): each failed before."""
    assert triples(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a condition whose clause leads to a threat threatens the other side
        (
            "Macron called for an immediate ceasefire, saying that if Moscow kept up its attacks, "
            "Europe would impose new sanctions.",
            {("FR", "ceasefire", "supports")},
        ),
        # "X would ..., he said": X holds its own stance, the carried speaker reports it
        (
            "Starmer spoke to reporters after the meeting. Canada would provide a backstop for "
            "the force, he said.",
            {("CA", "security_guarantees", "supports")},
        ),
        # "nothing but" is a refusal, not a clause break before "a breather"
        (
            "Peskov said a truce would give Ukraine nothing but a breather.",
            {("RU", "ceasefire", "opposes")},
        ),
        # "full silence" is a ceasefire
        (
            "Zelensky said Ukraine was ready for full silence in the skies.",
            {("UA", "ceasefire", "supports")},
        ),
        # a demand to be met "before any ceasefire" is a precondition
        (
            "Lavrov said Kyiv must withdraw from Donbas before any ceasefire.",
            {("RU", "ceasefire", "conditional")},
        ),
        # guaranteeing the peace is the guarantees issue
        (
            "Starmer said Britain would help guarantee the peace.",
            {("GB", "security_guarantees", "supports")},
        ),
    ],
)
def test_session_6_round_5(body: str, expected: set[tuple[str, str, str]]) -> None:
    """Session 6, round 5 (from unseen20's first reading): each case failed before."""
    assert triples(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a negator does not reach across a comma
        (
            "Zelensky said Kyiv wanted guarantees that work, not promises, and urged allies to "
            "sign binding commitments.",
            {("UA", "binding_commitments", "supports")},
        ),
        # "not in a position to" refuses; beside other help, the guide's conditional
        (
            "Stubb said Finland was not in a position to send troops to Ukraine but would help "
            "with training.",
            {("FI", "nato_troops", "conditional")},
        ),
        # "supporting" is support
        (
            "Merz said Germany would keep supporting Ukraine's armed forces.",
            {("DE", "army_size_financing", "supports")},
        ),
        # "so-called" dismisses
        (
            "Zakharova said the so-called security guarantees were a danger to Europe.",
            {("RU", "security_guarantees", "opposes")},
        ),
        # the signatories of a statement hold its position
        (
            "European leaders backed an immediate ceasefire in a joint statement signed by "
            "Sweden, Denmark and Finland.",
            {("SE", "ceasefire", "supports"), ("DK", "ceasefire", "supports")}
            | {("FI", "ceasefire", "supports")},
        ),
        # a Western military mission in Ukraine is the troops issue
        (
            "Orban said Hungary would not take part in any Western military mission in Ukraine.",
            {("HU", "nato_troops", "opposes")},
        ),
        # "..., where they said": the sentence's own subject speaks
        (
            "Macron and Starmer visited Kyiv, where they said Europe was ready to send troops "
            "after a ceasefire.",
            {("FR", "nato_troops", "conditional"), ("GB", "nato_troops", "conditional")},
        ),
    ],
)
def test_session_6_round_6(body: str, expected: set[tuple[str, str, str]]) -> None:
    """Session 6, round 6 (from unseen21's first reading): each case failed before."""
    assert triples(body) == expected


def test_approving_money_for_ukraines_military_needs_is_support_for_its_army() -> None:
    """Session 6, from the EU loan items of unseen10 and unseen17 (failed before)."""
    assert triples("EU finance ministers approved a loan to cover Ukraine's military needs.") == {
        ("EU", "army_size_financing", "supports")
    }


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # an actor's own office, or its own document, opening the sentence speaks for it
        (
            "Ukraine's foreign ministry welcomed the plan for military hubs.",
            {("UA", "military_hubs", "supports")},
        ),
        ("Kyiv's own peace plan called for a full ceasefire.", {("UA", "ceasefire", "supports")}),
        # "would not provide" refuses
        (
            "Vance said the US would not provide troops to any peacekeeping force.",
            {("US", "nato_troops", "opposes")},
        ),
        # a demand that troops leave first is a precondition
        (
            "Lavrov said Ukrainian forces would have to leave Donbas for a ceasefire to begin.",
            {("RU", "ceasefire", "conditional")},
        ),
        # "the only real guarantee" is support
        (
            "Zelensky said foreign troops would be the only real guarantee of peace.",
            {("UA", "nato_troops", "supports"), ("UA", "security_guarantees", "supports")},
        ),
        # a negator does not reach into the next clause ("..., and would deploy")
        (
            "Macron said Europe would act without Washington and would deploy troops to Ukraine.",
            {("FR", "nato_troops", "supports")},
        ),
    ],
)
def test_session_6_round_7(body: str, expected: set[tuple[str, str, str]]) -> None:
    """Session 6, round 7 (from unseen22's first reading): each case failed before."""
    assert triples(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # troops to be treated as occupiers are refused
        (
            "Medvedev said any European soldiers arriving in Ukraine would be regarded as "
            "occupiers.",
            {("RU", "nato_troops", "opposes")},
        ),
        # guarantees to be formalised are supported
        (
            "Sybiha said the security guarantees from Washington would be formalised in a "
            "signed document.",
            {("UA", "security_guarantees", "supports")},
        ),
        # refusing a deal that bars Ukraine from alliances supports its membership
        (
            "Zelensky said Kyiv would never accept a deal that barred it from joining alliances "
            "of its choosing.",
            {("UA", "nato_membership", "supports")},
        ),
        # a refusal reaches the support named further on in its clause (refusal_reach)
        (
            "Hungary refused to approve the plan to use frozen Russian assets to finance "
            "Ukraine's army.",
            {("HU", "army_size_financing", "opposes")},
        ),
        # "600,000 troops" are Ukraine's own army, not foreign troops
        (
            "Ukrainian officials said a cap of 600,000 troops would be unacceptable.",
            {("UA", "army_size_financing", "supports")},
        ),
        # a military role after the actor's adjective speaks for it
        (
            "Ukrainian commanders said they welcomed the plan for military hubs.",
            {("UA", "military_hubs", "supports")},
        ),
        # guarantees "backed by" the US inside the speaker's demand are the speaker's demand
        (
            "Tusk said any peace deal should include security guarantees backed by the United "
            "States.",
            {("PL", "security_guarantees", "supports")},
        ),
        # ... while an agent of a stated fact still stands behind it
        (
            "A ceasefire brokered by Turkey took effect at noon, Zelensky said.",
            {("TR", "ceasefire", "supports")},
        ),
    ],
)
def test_session_7_round_1(body: str, expected: set[tuple[str, str, str]]) -> None:
    """Session 7, round 1 (from unseen21-23's misses, new sentences): each but the last
    failed before."""
    assert triples(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # "would consider them legitimate targets" is a threat, not an open question
        (
            "Medvedev said Moscow would consider them legitimate targets if European troops "
            "landed in Odesa.",
            {("RU", "nato_troops", "opposes")},
        ),
        # strengthening the army supports it
        (
            "Pistorius said the priority was to strengthen Ukraine's armed forces.",
            {("DE", "army_size_financing", "supports")},
        ),
        # a subject head after one short opening phrase
        (
            "After the meeting in Brussels, the leaders of Italy and Spain called for an "
            "immediate ceasefire.",
            {("ES", "ceasefire", "supports"), ("IT", "ceasefire", "supports")},
        ),
        # ", and Rubio said ..." is another speaker's sentence
        (
            "The coalition welcomed the plan for a US-led monitoring mission, and Rubio said "
            "Washington would lead the ceasefire monitoring.",
            {
                ("COW", "ceasefire_monitoring", "supports"),
                ("US", "ceasefire_monitoring", "supports"),
            },
        ),
        # refusing the cap and naming the army's need agree: support, not a condition
        (
            "Zelensky said Ukraine rejected any cap on its army, and that 800,000 soldiers was "
            "what it needed.",
            {("UA", "army_size_financing", "supports")},
        ),
    ],
)
def test_session_7_round_2(body: str, expected: set[tuple[str, str, str]]) -> None:
    """Session 7, round 2 (from unseen24's first reading, new sentences): each failed
    before."""
    assert triples(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # what fails "without" something makes that something the condition
        (
            "Kallas said European guarantees would be meaningless without American "
            "intelligence support.",
            {("EU", "security_guarantees", "conditional")},
        ),
        # no troops of its own but the logistics base: the guide's conditional
        (
            "Sweden will not send troops to Ukraine but will be the logistics base for the "
            "force, Kristersson said.",
            {("SE", "nato_troops", "conditional")},
        ),
        # "Ukraine's military" with money for it is the army issue
        (
            "The Dutch government pledged more support for Ukraine's military next year.",
            {("NL", "army_size_financing", "supports")},
        ),
        # "the fighting would stop" names a ceasefire
        (
            "Peskov said the fighting would stop only when Kyiv accepted Russia's terms.",
            {("RU", "ceasefire", "conditional")},
        ),
        # "any guarantees", "the guarantees" with a qualifier name the guarantees issue
        (
            "Rutte said any guarantees would be agreed with Washington first.",
            {("NATO", "security_guarantees", "supports")},
        ),
        (
            "Merz said the guarantees agreed in Berlin were solid and that Germany would help "
            "provide them.",
            {("DE", "security_guarantees", "supports")},
        ),
        # guarantees that "must be backed by" another's power are conditional on it
        (
            "Stubb said any guarantees must be backed by American air power.",
            {("FI", "security_guarantees", "conditional")},
        ),
        # ... but the guarantees that exclude something are not what is refused
        (
            "Rubio said the guarantees would not include NATO membership for Ukraine.",
            {("US", "nato_membership", "opposes")},
        ),
        # facilities beside units are the hubs issue too
        (
            "Medvedev said Western units and facilities in Ukraine would be destroyed as "
            "legitimate targets.",
            {("RU", "military_hubs", "opposes"), ("RU", "nato_troops", "opposes")},
        ),
    ],
)
def test_session_7_round_3(body: str, expected: set[tuple[str, str, str]]) -> None:
    """Session 7, round 3 (from unseen25's first reading and the older sets' misses, new
    sentences): each failed before."""
    assert triples(body) == expected


def test_what_a_deployment_needs_from_parliament_is_its_condition() -> None:
    """Session 7, round 4 (from unseen26's first reading): failed before."""
    assert triples(
        "Merz said any deployment of German soldiers would need the Bundestag's consent."
    ) == {("DE", "nato_troops", "conditional")}


def test_stance_verbs_of_the_session_7_sweep_read_in_any_form() -> None:
    """Verbs added from a measured sweep (the labelled sets never used them): failed before."""
    assert triples(
        "Sybiha said Kyiv had lobbied for security guarantees modelled on Article 5."
    ) == {("UA", "security_guarantees", "supports")}
    assert triples("Lavrov rebuffed the idea of European peacekeepers in Ukraine.") == {
        ("RU", "nato_troops", "opposes")
    }
    assert triples("Moscow spurned the plan for military hubs.") == {
        ("RU", "military_hubs", "opposes")
    }


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # what is "not enough" without something is conditional on it, in either order
        (
            "Stubb said security guarantees without American air power would not be enough "
            "to deter Moscow.",
            {("FI", "security_guarantees", "conditional")},
        ),
        # "not a mere ceasefire" refuses the ceasefire
        (
            "Vance said Washington wanted a lasting peace, not a mere ceasefire.",
            {("US", "ceasefire", "opposes")},
        ),
        # a security architecture, guarantees "that would ..." name the guarantees
        (
            "Zelensky said Ukraine wanted a security architecture in which partners would "
            "defend its skies.",
            {("UA", "security_guarantees", "supports")},
        ),
        (
            "Sybiha said Ukraine needed guarantees that would deter another invasion.",
            {("UA", "security_guarantees", "supports")},
        ),
        # funding "its forces" is the army's money
        (
            "Frederiksen said Denmark would help Ukraine by funding its forces.",
            {("DK", "army_size_financing", "supports")},
        ),
        # positions aligned on an issue are support for it
        (
            "After talks in Berlin, Kushner said both delegations had aligned their positions "
            "on monitoring a ceasefire.",
            {("US", "ceasefire_monitoring", "supports")},
        ),
        # waiting for details is no position yet
        (
            "Peskov said the Kremlin was waiting for details of the plan for a ceasefire.",
            {("RU", "ceasefire", "undecided")},
        ),
    ],
)
def test_session_7_round_5(body: str, expected: set[tuple[str, str, str]]) -> None:
    """Session 7, round 5 (from unseen26-27's first readings, new sentences): each failed
    before."""
    assert triples(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # troops "sent under" a plan are the troops issue without naming Ukraine
        (
            "Zakharova said any troops sent under the coalition's plan would be treated as "
            "legitimate targets.",
            {("RU", "nato_troops", "opposes")},
        ),
        # heading a mission supports it
        (
            "Rubio said the United States would head the monitoring of a ceasefire.",
            {("US", "ceasefire_monitoring", "supports")},
        ),
        # guarantees Ukraine "would receive" under the speaker's framework
        (
            "Under the framework, Ukraine would receive security guarantees from Europe, "
            "Witkoff said.",
            {("US", "security_guarantees", "supports")},
        ),
        # "though" opens a clause of its own, as "but" does: the refusal of troops does not
        # make the monitoring conditional
        (
            "Tusk said Poland would not send soldiers, though it would contribute to ceasefire "
            "monitoring.",
            {("PL", "ceasefire_monitoring", "supports"), ("PL", "nato_troops", "opposes")},
        ),
    ],
)
def test_session_7_round_6(body: str, expected: set[tuple[str, str, str]]) -> None:
    """Session 7, round 6 (from unseen24, 26 and 27, new sentences): each failed before."""
    assert triples(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # scare quotes inside a cue ("are 'legitimate' targets") no longer cut it
        (
            "The Kremlin said Western soldiers in Ukraine would be \u2018legitimate\u2019 targets.",
            {("RU", "nato_troops", "opposes")},
        ),
        (
            "Peskov said any European contingent would be legal targets for Russian strikes.",
            {("RU", "nato_troops", "opposes")},
        ),
        # "no reason for" read "stationed" as support before
        (
            "Putin said he saw no reason for foreign soldiers to be stationed in Ukraine.",
            {("RU", "nato_troops", "opposes")},
        ),
        (
            "Lavrov said there was no point in sending a European force to Ukraine.",
            {("RU", "nato_troops", "opposes")},
        ),
        (
            "Moscow will not consider any proposal for a truce, Zakharova said.",
            {("RU", "ceasefire", "opposes")},
        ),
        (
            "The Kremlin does not want a temporary ceasefire, Ushakov said.",
            {("RU", "ceasefire", "opposes")},
        ),
        # "so-called" before the coalition's name scorns nothing (it read as a refusal)
        (
            "Starmer said the so-called coalition of the willing was ready to send troops to "
            "Ukraine.",
            {("GB", "nato_troops", "supports")},
        ),
        (
            "Poland and the Netherlands signed a declaration on the deployment of a multinational "
            "force to Ukraine.",
            {("PL", "nato_troops", "supports"), ("NL", "nato_troops", "supports")},
        ),
        (
            "The Russian Federation rejects any NATO troops in Ukraine.",
            {("RU", "nato_troops", "opposes")},
        ),
        # an ambiguous name after a connective is the subject
        (
            "Meanwhile, Moscow rejected the deployment of European troops.",
            {("RU", "nato_troops", "opposes")},
        ),
        # no actor speaks: the one opening the reported clause holds its stance
        (
            "The newspaper writes that Kiev has reportedly agreed to a ceasefire along the "
            "front line.",
            {("UA", "ceasefire", "supports")},
        ),
        # a "despite" clause is another actor's, not the speaker's condition
        (
            "Despite American statements that it will not deploy forces to Ukraine, Macron said "
            "France would send troops.",
            {("FR", "nato_troops", "supports")},
        ),
        # readiness to talk is no support for the ceasefire refused
        (
            "Lavrov said Russia was ready for talks but would not accept a ceasefire.",
            {("RU", "ceasefire", "opposes")},
        ),
        # "once" closing its clause sets no condition
        (
            "Russia is ready for a ceasefire, having been fooled once, Peskov said.",
            {("RU", "ceasefire", "supports")},
        ),
        # a question states no position
        (
            "Can Ukraine pay for an army of 800,000 after a ceasefire? Zelensky asked reporters.",
            set(),
        ),
    ],
)
def test_session_8_round_1(body: str, expected: set[tuple[str, str, str]]) -> None:
    """Session 8, round 1 (from real5's misses, new sentences): each failed before."""
    assert triples(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a headline's quotation with its speaker after a dash
        (
            '"Foreign peacekeepers in Ukraine would be unacceptable" - Zakharova',
            {("RU", "nato_troops", "opposes")},
        ),
        (
            "Moscow sees no room for compromise on a European force in Ukraine, Lavrov said.",
            {("RU", "nato_troops", "opposes")},
        ),
        # another's need told of is no support of the speaker's
        (
            "Peskov said the Europeans never explain why they need a reassurance force in Ukraine.",
            set(),
        ),
        # in a quotation, "they intend to" tells of others
        (
            'Lavrov spoke of the European troops. "Meanwhile they intend to station these '
            'soldiers there during the talks," he said.',
            set(),
        ),
        (
            "Whatever the flags of the contributing nations, the force would be NATO troops, "
            "Zakharova said.",
            set(),
        ),
        # an opening "while" clause is another actor's (it gave Russia's refusal to the US)
        (
            "While Trump has said he wants to see a ceasefire in Ukraine, Russia has rejected "
            "any truce.",
            {("US", "ceasefire", "supports"), ("RU", "ceasefire", "opposes")},
        ),
        # title and name are one member of a list
        (
            "French President Emmanuel Macron and UK Prime Minister Keir Starmer called for a "
            "ceasefire.",
            {("FR", "ceasefire", "supports"), ("GB", "ceasefire", "supports")},
        ),
        (
            "Germany and Poland are working on ceasefire monitoring with drones.",
            {
                ("DE", "ceasefire_monitoring", "supports"),
                ("PL", "ceasefire_monitoring", "supports"),
            },
        ),
        # fighting on is no condition on the financing
        (
            "Merz said Germany would keep financing the Ukrainian army so that it can continue "
            "to resist the advance of Russian troops.",
            {("DE", "army_size_financing", "supports")},
        ),
        # "not at the front" is the guide's condition, not a refusal
        (
            "Macron said the reassurance force would not be deployed at the front.",
            {("FR", "nato_troops", "conditional")},
        ),
    ],
)
def test_session_8_round_2(body: str, expected: set[tuple[str, str, str]]) -> None:
    """Session 8, round 2 (from real4's misses, new sentences): each failed before."""
    assert triples(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # naming a root cause demands nothing: the refusal stands
        (
            "Putin said there was no point in foreign troops in Ukraine, adding that NATO's "
            "expansion was one of the root causes of the war.",
            {("RU", "nato_troops", "opposes")},
        ),
        # open on terms; the guarantees asked of Kyiv are no guarantees for Ukraine
        (
            "Putin said Moscow was open to a truce but demanded guarantees that Kyiv would stop "
            "mobilising during it.",
            {("RU", "ceasefire", "conditional")},
        ),
        ("The U.K. backs a ceasefire in Ukraine.", {("GB", "ceasefire", "supports")}),
        # "according to a statement of X": the statement's author speaks (real1)
        (
            "Participants pledged a US-led ceasefire monitoring mechanism, according to a "
            "statement of the coalition of the willing.",
            {("COW", "ceasefire_monitoring", "supports")},
        ),
        (
            "Britain hopes that the United States will monitor the front line with drones and "
            "satellites.",
            {("GB", "ceasefire_monitoring", "supports")},
        ),
        (
            "Healey said partners plan to establish military hubs across Ukraine.",
            {("GB", "military_hubs", "supports")},
        ),
    ],
)
def test_session_8_round_3(body: str, expected: set[tuple[str, str, str]]) -> None:
    """Session 8, round 3 (from real5's misses, new sentences): each failed before."""
    assert triples(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # "he said" with another actor opening the reported clause: that actor's stance
        (
            "Lavrov spoke to reporters in Moscow. He said Ukraine had rejected the ceasefire.",
            {("UA", "ceasefire", "opposes")},
        ),
        # the mediator's truce is no truce refused
        (
            "The US, which has been trying to mediate a truce, has ruled out sending American "
            "soldiers to Ukraine.",
            {("US", "nato_troops", "opposes")},
        ),
        # "out of the question before a ceasefire": only after it
        (
            "Scholz said sending German troops to Ukraine was out of the question before a real "
            "ceasefire.",
            {("DE", "nato_troops", "conditional")},
        ),
        (
            "Tusk said the question of sending troops had been raised in his talks with Macron.",
            set(),
        ),
        # the proposal is the United States' support, as "Washington's proposal" is (session 14)
        (
            "Peskov said Putin is expected to respond to the US proposal for a truce on Friday.",
            {("US", "ceasefire", "supports")},
        ),
        ("Putin said further steps would depend on the situation on the ground.", set()),
        # an issue named only in another actor's "since" clause takes no stance
        (
            "Zelensky said that since the US has rejected Ukraine's NATO membership bid, Kyiv "
            "expects alternative security guarantees.",
            {("UA", "security_guarantees", "supports")},
        ),
        # NATO's own treaty is the membership, not a binding commitment
        (
            "Zelensky said he is ready to drop Ukraine's bid to join the North Atlantic Treaty "
            "Organisation if the West provides security guarantees.",
            {("UA", "nato_membership", "conditional"), ("UA", "security_guarantees", "supports")},
        ),
        (
            "Some European countries, including Germany and Italy, have refused to send troops "
            "to Ukraine.",
            {("DE", "nato_troops", "opposes"), ("IT", "nato_troops", "opposes")},
        ),
        (
            "Putin has repeatedly demanded that Ukraine formally abandon its NATO goals.",
            {("RU", "nato_membership", "opposes")},
        ),
    ],
)
def test_session_8_round_4(body: str, expected: set[tuple[str, str, str]]) -> None:
    """Session 8, round 4 (from real6's misses, new sentences): each failed before."""
    assert triples(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # an actor's possessive stance is its own, whoever reports it, even as an object
        (
            "Witkoff said the deal offered an alternative to Putin's long-standing opposition "
            "to Ukraine joining NATO.",
            {("RU", "nato_membership", "opposes")},
        ),
        # ... a need told of stays with the teller, whose own cue takes the issue up again
        (
            "US envoy Kellogg said Washington understood Kyiv's need for security guarantees and "
            "would work to provide them.",
            {("US", "security_guarantees", "supports")},
        ),
        # "pull back" is a retreat, "ceasefire condition" a condition
        (
            "Kremlin demands Ukraine pull back from Donbas as ceasefire condition",
            {("RU", "ceasefire", "conditional")},
        ),
        # a contingent placed "on Ukrainian territory" is no "contingent on" a condition
        (
            "Zelensky said an international military contingent on Ukrainian territory would "
            "provide a genuine security guarantee.",
            {("UA", "nato_troops", "supports"), ("UA", "security_guarantees", "supports")},
        ),
        # the agent's "proposed by" is not the speaker's support
        (
            "Ushakov said a ceasefire proposed by the United States would only give Kyiv a "
            "battlefield respite.",
            {("RU", "ceasefire", "opposes"), ("US", "ceasefire", "supports")},
        ),
        ("Moscow also seeks limits on Ukraine's army.", {("RU", "army_size_financing", "opposes")}),
        # an opening "while" clause, then a subject head before the other actors
        (
            "While Britain is eager to move forward, some countries, including Italy and Poland, "
            "have expressed reluctance to deploy troops.",
            {("IT", "nato_troops", "opposes"), ("PL", "nato_troops", "opposes")},
        ),
    ],
)
def test_session_8_round_5(body: str, expected: set[tuple[str, str, str]]) -> None:
    """Session 8, round 5 (from real7's misses, new sentences): each failed before."""
    assert triples(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the name after "a source cited by" relays; it is no author (it read as Ukraine's)
        (
            "According to a source cited by RBC Ukraine, a German decision to send troops would "
            "help others join.",
            set(),
        ),
        # "the mission" takes up the force named before
        (
            "Britain backs a reassurance force for Ukraine. Germany, Italy and Spain have ruled "
            "out taking part in the mission.",
            {
                ("GB", "nato_troops", "supports"),
                ("DE", "nato_troops", "opposes"),
                ("IT", "nato_troops", "opposes"),
                ("ES", "nato_troops", "opposes"),
            },
        ),
        # Croatia, Romania and the Czech Republic joined the registry
        (
            "Croatia and Romania have ruled out sending troops to Ukraine.",
            {("HR", "nato_troops", "opposes"), ("RO", "nato_troops", "opposes")},
        ),
        (
            "The Czech government said it would not send soldiers to Ukraine.",
            {("CZ", "nato_troops", "opposes")},
        ),
    ],
)
def test_session_8_round_6(body: str, expected: set[tuple[str, str, str]]) -> None:
    """Session 8, round 6 (from real8's misses, new sentences): each failed before."""
    assert triples(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a deployment's time told with "following", "the cessation of hostilities",
        # "postwar" is the guide's condition, as "after a ceasefire" is
        (
            "Denmark's defence minister said Danish soldiers would join the reassurance"
            " force following a ceasefire.",
            {("DK", "nato_troops", "conditional")},
        ),
        (
            "Pistorius said Germany could help build the military hubs after the cessation"
            " of hostilities.",
            {("DE", "military_hubs", "conditional")},
        ),
        (
            "Finland is prepared to contribute troops to a postwar mission, President Stubb said.",
            {("FI", "nato_troops", "conditional")},
        ),
    ],
)
def test_session_9_round_1(body: str, expected: set[tuple[str, str, str]]) -> None:
    """Session 9, round 1 (from real5/real6's misses as relabelled, new sentences): each
    failed before."""
    assert triples(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the reported clause's subject after an opening phrase of its own
        (
            'Tusk said in an interview that "after the summit, Poland and Lithuania will back'
            ' the security guarantees."',
            {("PL", "security_guarantees", "supports"), ("LT", "security_guarantees", "supports")},
        ),
        # co-signers after "signed ... with", and after "signed by ... together with"
        (
            "Kristersson signed a joint letter with Stubb and Frederiksen, pledging to deploy"
            " troops to Ukraine once a peace deal is agreed.",
            {
                ("SE", "nato_troops", "conditional"),
                ("FI", "nato_troops", "conditional"),
                ("DK", "nato_troops", "conditional"),
            },
        ),
        (
            "The pact, signed by Merz together with Tusk, commits both countries to security"
            " guarantees for Ukraine.",
            {("DE", "security_guarantees", "supports"), ("PL", "security_guarantees", "supports")},
        ),
        # a list after "at which" holds its own stance
        (
            "Talks continued in Rome, at which Italy and Spain rejected any deployment of"
            " ground troops.",
            {("IT", "nato_troops", "opposes"), ("ES", "nato_troops", "opposes")},
        ),
        # "not under consideration" refuses; it is no "under consideration"
        (
            "Spanish Prime Minister Pedro Sanchez said a Spanish contribution to the"
            " reassurance force was not under consideration.",
            {("ES", "nato_troops", "opposes")},
        ),
        # a guarantee's trigger is what it covers, not a condition on backing it
        (
            "Britain pledged legally binding guarantees to defend Ukraine if Russia attacks again.",
            {("GB", "binding_commitments", "supports"), ("GB", "security_guarantees", "supports")},
        ),
    ],
)
def test_session_9_round_2(body: str, expected: set[tuple[str, str, str]]) -> None:
    """Session 9, round 2 (from real1/real5/real6/real9's misses, new sentences): each
    failed before."""
    assert triples(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the question put to the speaker asks for nothing
        (
            '"We view this negatively," Zakharova said when asked for Moscow\'s view on a'
            " European reassurance force.",
            {("RU", "nato_troops", "opposes")},
        ),
        # worry is refusal; "far away from the current front lines" is the guide's condition
        (
            "Moscow is worried about the planned deployment of British and French troops in"
            " Ukraine, Peskov said.",
            {("RU", "nato_troops", "opposes")},
        ),
        (
            "Dutch troops would serve in the reassurance force far away from the current front"
            " lines, the Dutch defence minister said.",
            {("NL", "nato_troops", "conditional")},
        ),
        # the reported clause's own subject holds its stance though an actor opens the
        # sentence as the object of a meeting
        (
            "Allied defence chiefs met in London to discuss the reassurance force, and Canadian"
            " General Jennie Carignan said Canada was ready to contribute troops.",
            {("CA", "nato_troops", "supports")},
        ),
        # the war's date is no background of the stance
        (
            "Ryabkov called a European deployment in Ukraine an unacceptable escalation of the"
            " war that Russia launched three years ago.",
            {("RU", "nato_troops", "opposes")},
        ),
        # another's claim in a relative clause is not the speaker's stance
        (
            "Moscow again rejected the peacekeeping plan, following comments by Macron, who"
            " claimed that Russia would accept European troops.",
            {("RU", "nato_troops", "opposes")},
        ),
        # "X said the US had agreed": the US's stance, and "he said" next is X
        (
            'Sybiha said the United States had agreed to binding security guarantees. "We will'
            ' now ask the Rada to ratify them," he said.',
            {("US", "security_guarantees", "supports"), ("UA", "binding_commitments", "supports")},
        ),
        # "At a (Ukraine donors conference)": a modifier, not the subject; an ambiguous name
        # speaks after one opening phrase
        (
            "At a Ukraine donors conference in Rome, Italy pledged to keep financing Ukraine's"
            " army.",
            {("IT", "army_size_financing", "supports")},
        ),
        (
            "At a meeting of allies in Paris earlier this month, the U.S. backed security"
            " guarantees for Ukraine.",
            {("US", "security_guarantees", "supports")},
        ),
        # another actor's possessive refusal; an agent after "advocated by"
        (
            "Kallas condemned Moscow's effective rejection of the ceasefire.",
            {("RU", "ceasefire", "opposes")},
        ),
        (
            "Peskov dismissed the security guarantees advocated by Britain as an attempt to"
            " prolong the war.",
            {("RU", "security_guarantees", "opposes"), ("GB", "security_guarantees", "supports")},
        ),
        # a date "back on" is background; what another's call "would be used to" do is told
        (
            "Back on March 11, Ukraine accepted a 30-day ceasefire.",
            set(),
        ),
        (
            "Lavrov said the truce demanded by Kyiv would be used to rearm Ukraine and"
            " strengthen its army, and Russia rejects it.",
            {("RU", "ceasefire", "opposes"), ("UA", "ceasefire", "supports")},
        ),
        # turning away from a ceasefire refuses it; "after ceasefire" is timing, no issue
        (
            "Leavitt said the White House would shift focus from seeking a ceasefire to a"
            " comprehensive deal.",
            {("US", "ceasefire", "opposes")},
        ),
        ('"There would only be deployment after ceasefire," Healey said.', set()),
        # newswire support and condition; "Great Britain" in a list
        (
            '"We are advancing our work on security guarantees for Ukraine," Costa said.',
            {("EU", "security_guarantees", "supports")},
        ),
        (
            "Canada will send troops to Ukraine when there is a ceasefire, Carney said.",
            {("CA", "nato_troops", "conditional")},
        ),
        (
            "Norway and Denmark have been working on a plan for ceasefire monitoring by drones.",
            {
                ("NO", "ceasefire_monitoring", "supports"),
                ("DK", "ceasefire_monitoring", "supports"),
            },
        ),
        (
            "Germany and Great Britain rejected the cap on Ukraine's army.",
            {("DE", "army_size_financing", "supports"), ("GB", "army_size_financing", "supports")},
        ),
    ],
)
def test_session_9_round_3(body: str, expected: set[tuple[str, str, str]]) -> None:
    """Session 9, round 3 (from real10's misses after its first score, new sentences):
    each failed before."""
    assert triples(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # another actor's event after "after" is that actor's stance, not the speaker's
        (
            "Macron said Europe would not be deterred after the Russian leader ruled out any"
            " European peacekeeping force.",
            {("RU", "nato_troops", "opposes")},
        ),
        # a delegation sent "to plan for a future ceasefire" states no stance on a ceasefire
        (
            "Britain and France will send a military delegation to Kyiv to plan for a future"
            " ceasefire, Starmer said.",
            set(),
        ),
        (
            "Healey said British troops would deploy in Ukraine after ceasefire is reached.",
            {("GB", "nato_troops", "conditional")},
        ),
        # the speaker's own list after "where" names its partner
        (
            "Starmer spoke in Paris, where the UK and France agreed to establish military hubs"
            " in Ukraine.",
            {("GB", "military_hubs", "supports"), ("FR", "military_hubs", "supports")},
        ),
        # the membership as the wires name it; a cause named is no support; "Conversely,"
        (
            "Rutte said Ukraine's accession remained irreversible.",
            {("NATO", "nato_membership", "supports")},
        ),
        (
            "Moscow regards Kyiv's aspirations to join NATO as one of the factors contributing"
            " to the war.",
            set(),
        ),
        (
            "Conversely, Moscow insists on Ukraine's neutrality.",
            {("RU", "nato_membership", "opposes")},
        ),
        # an open offer with a condition is conditional
        (
            "Norway is open to sending troops if a peace deal is reached, Store said.",
            {("NO", "nato_troops", "conditional")},
        ),
        # a subject after a long opening phrase
        (
            "Following the meeting of the coalition of the willing in Paris on January 6,"
            " Ukraine and France signed a declaration on security guarantees.",
            {("UA", "security_guarantees", "supports"), ("FR", "security_guarantees", "supports")},
        ),
    ],
)
def test_session_9_round_5(body: str, expected: set[tuple[str, str, str]]) -> None:
    """Session 9, round 5 (from real11's misses after its first score, new sentences):
    each failed before."""
    assert triples(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the EU's loan and the assets behind it, as the wires name them
        (
            "Merz backed using Russia's frozen assets for a loan to Kyiv.",
            {("DE", "army_size_financing", "supports")},
        ),
        (
            "De Wever remains unconvinced by the reparations loan.",
            {("BE", "army_size_financing", "opposes")},
        ),
        # "its assets" takes the loan up; "would be illegal" refuses
        (
            "The EU proposed a reparations loan for Ukraine. Moscow warned that using its"
            " assets would be illegal.",
            {("EU", "army_size_financing", "supports"), ("RU", "army_size_financing", "opposes")},
        ),
        # "he" is a person: not Russia, named as a place in the sentence before
        (
            "Zelensky spoke to EU leaders in Brussels. Russia would regain access to its money"
            ' only after paying reparations. "We need the loan for Ukraine now," he wrote.',
            {("UA", "army_size_financing", "supports")},
        ),
        # "revealed that" reports
        (
            "Kallas revealed that Estonia would send troops to Ukraine.",
            {("EE", "nato_troops", "supports")},
        ),
    ],
)
def test_session_9_round_6(body: str, expected: set[tuple[str, str, str]]) -> None:
    """Session 9, round 6 (from real12's misses after its first score, new sentences):
    each failed before."""
    assert triples(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the proposer after "presented by" backs it
        (
            "Lavrov dismissed the proposal for a 30-day ceasefire presented by Ukraine.",
            {("RU", "ceasefire", "opposes"), ("UA", "ceasefire", "supports")},
        ),
        # talks "to ensure a ceasefire" back one
        (
            "Vance said Washington was ready to talk with Moscow to ensure a ceasefire.",
            {("US", "ceasefire", "supports")},
        ),
        # "build up" Ukraine's own forces, in a clause of its own before "and be ready to"
        (
            "\"We will build up Ukraine's own armed forces, and be ready to send troops in the"
            ' event of a peace deal," Healey said.',
            {("GB", "army_size_financing", "supports"), ("GB", "nato_troops", "conditional")},
        ),
    ],
)
def test_session_9_round_7(body: str, expected: set[tuple[str, str, str]]) -> None:
    """Session 9, round 7 (from real13's misses after its first score, new sentences):
    each failed before."""
    assert triples(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # guarantors "including Security Council members" is Russia's condition
        (
            "Lavrov said a group of nations including Security Council members should be the"
            " guarantors of Ukraine's security.",
            {("RU", "security_guarantees", "conditional")},
        ),
        # a demand whose content is a refusal refuses ("keep ... out of")
        (
            "Peskov said Moscow was demanding that Kyiv keep Western troops out of the country.",
            {("RU", "nato_troops", "opposes")},
        ),
    ],
)
def test_session_9_round_8(body: str, expected: set[tuple[str, str, str]]) -> None:
    """Session 9, round 8 (from real14's misses after its first score, new sentences):
    each failed before."""
    assert triples(body) == expected


def test_the_army_named_as_the_forces_aim_in_its_clause_is_the_forces() -> None:
    """Session 9 (real4/real6's false positives): the army named after the foreign force in
    one clause is what the force would do, not a stance on the army (failed before: DE's
    army read conditional); in a clause of its own it is a stance."""
    assert triples(
        "Pistorius said German troops would deploy to Ukraine after a ceasefire to help rebuild"
        " the Ukrainian army."
    ) == {("DE", "nato_troops", "conditional")}
    assert triples(
        "Tusk said Poland would not send troops to Ukraine, and would keep financing Ukraine's"
        " army."
    ) == {("PL", "nato_troops", "opposes"), ("PL", "army_size_financing", "supports")}


def test_a_line_break_ends_a_headline_a_caption_or_a_list_item_but_not_a_wrapped_line() -> None:
    """Real articles come in paragraphs: a line with no full stop before a break is a
    headline, a caption or a list item, unless it runs on (a comma, "and")."""
    from services.extractor.text import sentences

    def split(text: str) -> list[str]:
        language = REG.language
        assert language is not None
        return [text[a:b] for a, b in sentences(text, (), language.runs_on)]

    assert split("Photo: Reuters\nLavrov said no.\n\nPeskov agreed.") == [
        "Photo: Reuters",
        "Lavrov said no.",
        "Peskov agreed.",
    ]
    assert split("Three steps:\n- a ceasefire\n- monitoring by the US") == [
        "Three steps:",
        "- a ceasefire",
        "- monitoring by the US",
    ]
    # a hard-wrapped sentence goes on across the break
    assert split("Britain, France and\nGermany said so,\nThe Guardian reported.") == [
        "Britain, France and\nGermany said so,\nThe Guardian reported."
    ]
    # a headline's stance is its own, not the next speaker's (read as one sentence
    # before: Russia "conditional")
    assert triples(
        "Macron backs a European force\n"
        "Lavrov said foreign troops in Ukraine would be legitimate targets."
    ) == {("FR", "nato_troops", "supports"), ("RU", "nato_troops", "opposes")}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the name after "according to" speaks (it was dropped as the object of "to")
        (
            "Foreign troops in Ukraine would be legitimate targets, according to Lavrov.",
            {("RU", "nato_troops", "opposes")},
        ),
        (
            "According to the Kremlin, any Western soldiers in Ukraine would be lawful military "
            "targets.",
            {("RU", "nato_troops", "opposes")},
        ),
        # a list subject that ends in a name the registry does not know
        (
            # (Romania joined the registry in session 8: Moldova is the unknown name now)
            "Germany, Italy and Moldova refused to send their troops to Ukraine.",
            {("DE", "nato_troops", "opposes"), ("IT", "nato_troops", "opposes")},
        ),
        # "the US" listed after an unambiguous name is the United States, not "us"
        (
            "Britain and the US endorsed security guarantees for Ukraine.",
            {("GB", "security_guarantees", "supports"), ("US", "security_guarantees", "supports")},
        ),
        # "reinforced its stance" says nothing for or against ("reinforce" is out)
        (
            "Zakharova reinforced Moscow's stance on the deployment of foreign troops in Ukraine.",
            set(),
        ),
        # a truce that begins is the time of something else
        ("Merz said Berlin would decide on its support after the truce begins.", set()),
        # what the force is "intended to" do is not the speaker's support
        (
            "Peskov said the planned force in Ukraine, intended to help keep the peace, would "
            "be a legitimate target.",
            {("RU", "nato_troops", "opposes")},
        ),
        # "supporting infrastructure" is a noun phrase, not support
        (
            "Zakharova said all supporting infrastructure for foreign troops in Ukraine would "
            "be a legitimate target.",
            {("RU", "nato_troops", "opposes")},
        ),
        # pushing back and pivoting away refuse ("back" is no support there)
        (
            "The Kremlin pushed back, saying it was not interested in a temporary truce.",
            {("RU", "ceasefire", "opposes")},
        ),
        (
            "Trump pivoted away from his demand for an immediate ceasefire.",
            {("US", "ceasefire", "opposes")},
        ),
        # the ceasefire that troops would enforce is their timing, not the refused issue
        (
            "Pedro Sanchez ruled out sending Spanish troops to enforce a possible ceasefire "
            "agreement in Ukraine, adding that deploying European troops was the most difficult "
            "decision.",
            {("ES", "nato_troops", "opposes")},
        ),
        # "De Wever" alone, and frozen Russian state assets as the army's money
        (
            "De Wever said Belgium opposed using frozen Russian state assets to finance a loan "
            "for Ukraine.",
            {("BE", "army_size_financing", "opposes")},
        ),
        # admission to NATO is membership
        (
            "Vance said Washington opposed Ukraine's admission to NATO.",
            {("US", "nato_membership", "opposes")},
        ),
        # a quotation with its own speaker, unknown to the registry, is not the last
        # known speaker's (Peskov's refusal read "conditional" with it before)
        (
            '"We will not accept foreign troops in Ukraine," Peskov said.\n'
            # (Nicusor Dan speaks for Romania since session 8: Maia Sandu is unknown here)
            '"Moldova will send no soldiers," Maia Sandu said.',
            {("RU", "nato_troops", "opposes")},
        ),
    ],
)
def test_session_7_real_text(body: str, expected: set[tuple[str, str, str]]) -> None:
    """Session 7, from reading real published articles (new sentences): each failed
    before."""
    assert triples(body) == expected


_GB_FR_TROOPS_CONDITIONAL = {
    ("GB", "nato_troops", "conditional"),
    ("FR", "nato_troops", "conditional"),
}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the name inside an aside (", speaking ... with X,") is not the subject that speaks
        (
            "Kaja Kallas, speaking at a news conference with Ukrainian President Volodymyr"
            " Zelensky, said that \u201cwe back security guarantees for Ukraine\u201d.",
            {("EU", "security_guarantees", "supports")},
        ),
        # "in event of" (no article) sets the deployment's condition
        (
            "Downing Street said Britain would send troops to Ukraine in event of a peace deal.",
            {("GB", "nato_troops", "conditional")},
        ),
        # troops sent to keep a ceasefire follow one
        (
            "Healey said Britain was ready to put troops into Ukraine to help reinforce a"
            " ceasefire.",
            {("GB", "nato_troops", "conditional")},
        ),
        # "prepared for deployment" backs the force
        (
            "Starmer said the multinational force was now fully prepared for deployment.",
            {("GB", "nato_troops", "supports")},
        ),
        # an ambiguous name ("the UK") listed before an unambiguous one, after an opening
        # phrase that starts with no preposition of the registry's
        (
            "Alongside these plans, the UK and France will open military hubs in Ukraine after a"
            " ceasefire.",
            {("GB", "military_hubs", "conditional"), ("FR", "military_hubs", "conditional")},
        ),
        # the force's task, "Ukraine's skies and seas", is the force (not Ukraine's own army)
        (
            "Britain and France will police Ukraine's skies and seas once a ceasefire is agreed.",
            _GB_FR_TROOPS_CONDITIONAL,
        ),
        (
            "Britain and France will take the lead in policing Ukraine's skies and seas under a"
            " plan triggered if a ceasefire is signed with Russia.",
            _GB_FR_TROOPS_CONDITIONAL,
        ),
        # a ceasefire "signed with Russia" makes Russia the other side, not a co-signer
        (
            "Britain and France will deploy troops to Ukraine if a ceasefire is signed with"
            " Russia.",
            _GB_FR_TROOPS_CONDITIONAL,
        ),
        # an appraisal after the comma is the appraiser's stance ...
        (
            "Britain pledged to deploy troops to Ukraine after a ceasefire, a move the Kremlin"
            " condemned as a provocation.",
            {("GB", "nato_troops", "conditional"), ("RU", "nato_troops", "opposes")},
        ),
        # ... also where the sentence has no speaker of its own
        (
            "The pledge follows the Paris declaration on security guarantees for Ukraine, a move"
            " Moscow has condemned as militarist.",
            {("RU", "security_guarantees", "opposes")},
        ),
        # "troops from France and the United Kingdom ... in Ukraine": ten words apart
        (
            "Macron said troops from France and the United Kingdom would be stationed in Ukraine.",
            {("FR", "nato_troops", "supports")},
        ),
        # "unwilling to" refuses what follows
        (
            "Trump has been unwilling to say he would provide security guarantees for Ukraine.",
            {("US", "security_guarantees", "opposes")},
        ),
    ],
)
def test_session_10_round_1(body: str, expected: set[tuple[str, str, str]]) -> None:
    """Session 10, round 1 (from real15's misses after its first score, new sentences):
    each failed before."""
    assert triples(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # scare quotes fold away, and the sentence as written still tells names by their
        # capitals: "Reuters" between Zelensky and "writes" is another name
        (
            'Italy is "ready" to send peacekeepers to Ukraine, Meloni discussed with Ukrainian'
            " President Volodymyr Zelensky, Reuters writes.",
            {("IT", "nato_troops", "supports")},
        ),
        # an actor's own proposal, named by its possessive, whatever the speaker makes of it
        (
            "Zelensky welcomed Trump's ceasefire proposal.",
            {("UA", "ceasefire", "supports"), ("US", "ceasefire", "supports")},
        ),
        # a relative clause with an actor of its own is that actor's stance on the issue
        (
            "The White House backs a 30-day truce that Kyiv has already indicated its"
            " willingness to accept.",
            {("US", "ceasefire", "supports"), ("UA", "ceasefire", "supports")},
        ),
        # "its fight against" is a noun phrase, no refusal
        (
            "EU leaders agreed to help Ukraine finance its army and its fight against Russian"
            " aggression.",
            {("EU", "army_size_financing", "supports")},
        ),
        # "preventing" the issue refuses it
        (
            "Lavrov said Moscow was committed to preventing Ukraine's NATO membership.",
            {("RU", "nato_membership", "opposes")},
        ),
        # "in case of a ceasefire" times the deployment
        (
            "Estonia said it was ready to send troops to Ukraine in case of a ceasefire.",
            {("EE", "nato_troops", "conditional")},
        ),
        # "the plan" right after a stance cue is the one issue the sentence before named
        (
            "The EU unveiled a loan to finance Ukraine's army. Belgium opposed the plan on"
            " Thursday.",
            {("EU", "army_size_financing", "supports"), ("BE", "army_size_financing", "opposes")},
        ),
        # a proposal "still on the table" is kept alive
        (
            "Macron said the reparations loan for Ukraine's armed forces was still on the table.",
            {("FR", "army_size_financing", "supports")},
        ),
        # a collective name holds for each of its members
        (
            "The Baltic states stand ready to send their soldiers to Ukraine.",
            {
                ("EE", "nato_troops", "supports"),
                ("LV", "nato_troops", "supports"),
                ("LT", "nato_troops", "supports"),
            },
        ),
    ],
)
def test_session_10_round_2(body: str, expected: set[tuple[str, str, str]]) -> None:
    """Session 10, round 2 (from real16's misses after its first score, new sentences):
    each failed before."""
    assert triples(body) == expected


def test_what_round_2_reads_leaves_others_alone() -> None:
    """The guards of session 10's round 2: a relative clause that says what the other
    actor must do is the speaker's demand; "the idea of ..." names its own content."""
    assert triples("The White House backs a 30-day truce that Moscow must accept.") == {
        ("US", "ceasefire", "supports")
    }
    assert triples(
        "Britain proposed a ceasefire monitoring mission. Russia has long opposed the idea of"
        " Ukraine joining NATO."
    ) == {("GB", "ceasefire_monitoring", "supports"), ("RU", "nato_membership", "opposes")}


def test_a_collective_actor_must_name_its_members() -> None:
    """A collective actor with no members is refused when the registry loads."""
    from pydantic import ValidationError

    from schemas.registry import ActorDef

    with pytest.raises(ValidationError, match="collective but lists no members"):
        ActorDef(id="BALTICS", name="Baltic states", collective=True)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # "international troops" are the foreign force, so the membership keeps its own clause
        (
            "Hegseth said NATO membership for Ukraine was unrealistic and urged Kyiv to prepare"
            " for a settlement supported by international troops.",
            {("US", "nato_membership", "opposes"), ("US", "nato_troops", "supports")},
        ),
        (
            "Any security guarantee must be backed by capable European and non-European forces,"
            " Hegseth said.",
            {("US", "nato_troops", "conditional"), ("US", "security_guarantees", "conditional")},
        ),
        # setting conditions is the guide's conditional
        (
            "Moscow is setting extensive conditions to implement a ceasefire in the Black Sea.",
            {("RU", "ceasefire", "conditional")},
        ),
        # an actor's own declaration, opening the sentence, speaks for it
        (
            "The Kremlin's declaration included substantial conditions for accepting the partial"
            " ceasefire.",
            {("RU", "ceasefire", "conditional")},
        ),
        # "commits the coalition to": the coalition holds it
        (
            "The statement commits the coalition to a US-led ceasefire monitoring mechanism.",
            {("COW", "ceasefire_monitoring", "supports")},
        ),
        # a title before the name that opens the sentence
        (
            "Prime Minister Carney ruled out sending troops to Ukraine.",
            {("CA", "nato_troops", "opposes")},
        ),
        # an actor's own stance, named by its possessive, where no one speaks
        (
            "The leaders underscored the coalition's readiness to provide robust security"
            " guarantees for Ukraine.",
            {("COW", "security_guarantees", "supports")},
        ),
    ],
)
def test_session_10_round_3(body: str, expected: set[tuple[str, str, str]]) -> None:
    """Session 10, round 3 (from real17's misses after its first score, new sentences):
    each failed before."""
    assert triples(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the speaker's own troops keeping a truce are no foreign force
        (
            "The Russian defence ministry emphasized that its troops would observe the ceasefire"
            " only if it was mutually respected by Kyiv.",
            {("RU", "ceasefire", "conditional")},
        ),
        # declaring a truce backs it
        ("Putin declared a 30-hour Easter truce on Saturday.", {("RU", "ceasefire", "supports")}),
        # "agreement to" backs the issue; "U.S.-proposed" is the proposer's support
        (
            "Sybiha referenced Ukraine's agreement to a U.S.-proposed 30-day ceasefire.",
            {("UA", "ceasefire", "supports"), ("US", "ceasefire", "supports")},
        ),
        # pushing for cuts in the army is a demand to cap it
        (
            "Moscow has pushed for cuts in Ukraine's armed forces.",
            {("RU", "army_size_financing", "opposes")},
        ),
        # criticising an event is no stance on the truce it happened before
        (
            "Zelensky criticized the fact that Russian drones flew an hour before the truce was"
            " due to start.",
            set(),
        ),
    ],
)
def test_session_10_round_4(body: str, expected: set[tuple[str, str, str]]) -> None:
    """Session 10, round 4 (from real18's misses after its first score, new sentences):
    each failed before."""
    assert triples(body) == expected


def test_a_stance_pair_marked_ordered_reads_in_that_order_only() -> None:
    """``ordered: true`` on a stance pair was ignored (the two parts read in either order):
    "the truce declared by Putin" is no declaration of the speaker's."""
    assert triples(
        "Russian forces violated the Easter truce declared by Putin, Zelensky said."
    ) == {("RU", "ceasefire", "supports")}
    from services.extractor.vocabulary import vocabulary

    pairs = vocabulary(REG).stance_pairs["supports"]
    assert pairs and all(p.ordered for p in pairs)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the plural of a cue ("troop deployments")
        (
            "Macron and Starmer have both spoken in favour of troop deployments in a post-war"
            " settlement.",
            {("FR", "nato_troops", "conditional"), ("GB", "nato_troops", "conditional")},
        ),
        # leaving "the lion's share of the burden" to others is support on terms
        (
            "Europe will have to bear the lion's share of the burden for Ukraine's security,"
            " Vance said.",
            {("US", "security_guarantees", "conditional")},
        ),
    ],
)
def test_session_10_round_5(body: str, expected: set[tuple[str, str, str]]) -> None:
    """Session 10, round 5 (from real19's misses after its first score, new sentences):
    each failed before. Measured and left out: "a ban on" (the Black Sea "ban on strikes"
    is a truce), "openness to" and "the memorandum" as a carried subject (each cost more
    than it gave)."""
    assert triples(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # supervising a ceasefire is monitoring it
        (
            "The OSCE said it was ready to supervise a potential ceasefire in Ukraine.",
            {("OSCE", "ceasefire_monitoring", "supports")},
        ),
        # troops able to "resist a possible new Russian aggression" refuse nothing
        (
            "Merz said Western troops deployed in Ukraine after a peace deal would be able to"
            " resist a possible new Russian aggression.",
            {("DE", "nato_troops", "conditional")},
        ),
        # "cannot imagine" refuses
        (
            "Merz said he cannot imagine deploying European troops in Ukraine today.",
            {("DE", "nato_troops", "opposes")},
        ),
    ],
)
def test_session_10_round_6(body: str, expected: set[tuple[str, str, str]]) -> None:
    """Session 10, round 6 (from real20's errors after its first score, new sentences):
    each failed before. Measured and left out: "as stated by", "as clarified by" as
    attribution phrases (the named source often tells of others' acts: real6 -2 TP +3 FP)."""
    assert triples(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a two-part cue whose first part sits in a mask ("its forces would") names no force
        (
            "The Russian defence ministry said its forces would honour the ceasefire only if"
            " Ukraine did the same.",
            {("RU", "ceasefire", "conditional")},
        ),
        # "X, not a ceasefire" refuses the ceasefire
        (
            "The Kremlin said its proposal was a lasting settlement, not a ceasefire.",
            {("RU", "ceasefire", "opposes")},
        ),
        (
            "Lavrov said Ukraine joining NATO would violate Russia's security.",
            {("RU", "nato_membership", "opposes")},
        ),
        # "even if a ceasefire ..." concedes, it sets no condition
        (
            "Even if a ceasefire is reached, Ukraine will need partners to help pay for its army,"
            " Zelensky said.",
            {("UA", "army_size_financing", "supports")},
        ),
        # watching a situation monitors no ceasefire
        (
            "The Kremlin is closely monitoring the situation, Peskov said, adding that Russia was"
            " ready for a ceasefire.",
            {("RU", "ceasefire", "supports")},
        ),
        (
            "Zelensky said partners sharing the costs of Ukraine's army would make the country"
            " safer.",
            {("UA", "army_size_financing", "supports")},
        ),
        # the pledge made where others met is theirs; the speaker's condemnation still
        # reaches the force
        (
            "Lavrov condemned the summit in London where Britain and France pledged to deploy a"
            " reassurance force.",
            {
                ("RU", "nato_troops", "opposes"),
                ("GB", "nato_troops", "supports"),
                ("FR", "nato_troops", "supports"),
            },
        ),
        # others the speaker counts hold the refusal, not the speaker
        (
            "Zelensky said there were three countries that opposed Ukraine's NATO membership:"
            " Hungary, Slovakia and the US.",
            set(),
        ),
        # "..., but X do not support ...": X's clause, not the speaker's
        (
            "Zelensky said Ukraine is committed to joining NATO, but Washington and Berlin do not"
            " support the bid.",
            {("UA", "nato_membership", "supports")},
        ),
        # a title between the opening phrase and the name
        (
            "By contrast, Chancellor Merz, in a speech in Berlin, ruled out sending German troops"
            " to Ukraine.",
            {("DE", "nato_troops", "opposes")},
        ),
        # "reported that" opens the clause its subject holds
        (
            "Reuters reported that Ukrainian officials had accepted a cap of 800,000 troops as"
            " part of a peace deal.",
            {("UA", "army_size_financing", "conditional")},
        ),
        # demanding demilitarisation opposes the army (the guide's words)
        (
            "Putin again demanded the demilitarisation of Ukraine.",
            {("RU", "army_size_financing", "opposes")},
        ),
    ],
)
def test_session_11_round_1(body: str, expected: set[tuple[str, str, str]]) -> None:
    """Session 11, round 1 (from real22's errors after its first score, new sentences):
    each failed before. Measured and left out: "reported"/"reports" alone as reporting
    verbs (-3 TP +4 FP: "as reported by" and newswire credits), "while"/"whereas" opening
    another actor's clause (a framework's "while Ukraine would get guarantees" is the
    framework's), an article's conditional on the troops or hubs turning its other
    supports conditional (-5 TP +11 FP), and breaking a supports-and-opposes article tie by
    majority (as many TP lost as won)."""
    assert triples(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # "... alternatives to the NATO alliance and said ...": the verb shares the sentence's
        # subject ("He", carried), not the object before "and"
        (
            "Tusk said Poland would not send troops to Ukraine. He went on to say it was no time"
            " to seek alternatives to the NATO alliance and said nations offering security"
            " guarantees must be capable of backing them up.",
            {("PL", "nato_troops", "opposes"), ("PL", "security_guarantees", "conditional")},
        ),
        # troops "in Ukraine as part of security guarantees": the refusal is of the troops
        (
            "Italy will not take part in deploying troops in Ukraine as part of security"
            " guarantees, Meloni said.",
            {("IT", "nato_troops", "opposes")},
        ),
        # "Kyiv's insistence on": its own stance, whoever reports it
        (
            "The communique reflected Kyiv's insistence on security guarantees backed by"
            " Washington.",
            {("UA", "security_guarantees", "supports"), ("US", "security_guarantees", "supports")},
        ),
        # not wanting a repeat of a failed accord refuses the failure, not the commitments
        (
            "Zelensky said the commitments must be legally binding because Ukraine does not want"
            " a repeat of the Budapest Memorandum.",
            {("UA", "binding_commitments", "supports")},
        ),
    ],
)
def test_session_11_round_2(body: str, expected: set[tuple[str, str, str]]) -> None:
    """Session 11, round 2 (from real23's errors after its first score, new sentences):
    each failed before. Masking "as part of security guarantees" everywhere was measured
    and narrowed to the troops' phrases: weapons bought "as part of the security
    guarantees" still support them (unseen6 z008)."""
    assert triples(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # with no speaker, the actor opening a "that" clause holds its own stance there
        (
            "What matters now is that Meloni is rejecting the idea of sending Italian troops to"
            " Ukraine.",
            {("IT", "nato_troops", "opposes")},
        ),
        (
            "It emerged on Monday that Italy refused to send troops to Ukraine as part of"
            " providing security guarantees to Kyiv.",
            {("IT", "nato_troops", "opposes")},
        ),
        # what is sought is the refusal; the neutrality sought turns the membership
        (
            "Putin seeks Ukraine's neutrality and the prohibition of Western troops on its"
            " territory.",
            {("RU", "nato_membership", "opposes"), ("RU", "nato_troops", "opposes")},
        ),
    ],
)
def test_session_11_round_3(body: str, expected: set[tuple[str, str, str]]) -> None:
    """Session 11, round 3 (from the misses of all 22 real batches where the actor and the
    issue share a sentence that found no speaker; new sentences): each failed before.
    Measured: the "that" clause holder alone gave +2 TP +6 FP; not after a carried "He" nor
    after "condition that", with "seeks" as a demand verb, +4 TP and no FP."""
    assert triples(body) == expected


def test_a_refusal_before_a_demand_is_not_what_it_asks() -> None:
    """ "ruled out ceding territory and is seeking a guarantee": the demand verb counts as
    support, since no refusal follows it (support and refusal read together: the guide's
    conditional, not a refusal). Ukraine's terms on its own guarantee are what it asks for
    (``asked_by``, session 14), so its claim is support; another actor's stays conditional."""
    assert triples(
        "Zelensky has ruled out ceding territory and is seeking a security guarantee backed by"
        " Washington."
    ) == {("UA", "security_guarantees", "supports"), ("US", "security_guarantees", "supports")}
    assert triples(
        "Macron has ruled out ceding territory and is seeking a security guarantee backed by"
        " Washington."
    ) == {("FR", "security_guarantees", "conditional"), ("US", "security_guarantees", "supports")}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # another's proposal for an issue is its support, in a sentence with no speaker too
        (
            "Moscow has still not answered Washington's proposal for a ceasefire.",
            {("US", "ceasefire", "supports")},
        ),
        # an agent after a comma and an adverb, or three words after the issue
        (
            "Kyiv endorsed a 30-day ceasefire, initially proposed by the United States, Sybiha"
            " said.",
            {("UA", "ceasefire", "supports"), ("US", "ceasefire", "supports")},
        ),
        (
            "Zelensky welcomed a truce on energy strikes brokered by the United States.",
            {("UA", "ceasefire", "supports"), ("US", "ceasefire", "supports")},
        ),
        # what must come first or be in place, "a fair option"
        ("Merz said a ceasefire must be the first step.", {("DE", "ceasefire", "supports")}),
        (
            "Zelensky called a ceasefire along the current line a fair option.",
            {("UA", "ceasefire", "supports")},
        ),
        (
            "Hegseth said a robust monitoring mechanism should be in place.",
            {("US", "ceasefire_monitoring", "supports")},
        ),
        # giving the bid up, with no other stance cue, is the stance
        ("Zelenskiy drops NATO bid as talks begin", {("UA", "nato_membership", "opposes")}),
        (
            "Ukraine has given up its goal of joining NATO if the war ends this year, Zelensky"
            " said.",
            {("UA", "nato_membership", "conditional")},
        ),
    ],
)
def test_session_11_round_4(body: str, expected: set[tuple[str, str, str]]) -> None:
    """Session 11, round 4 (from the misses of all 23 real batches: others' proposals and
    agents, sentences naming an issue with no stance cue; new sentences): each failed
    before. Measured and left out: "'s proposal for" three words from the issue ("Ukraine's
    bid for European Union and NATO membership" is no miss the labels count)."""
    assert triples(body) == expected


def test_a_negated_agent_backs_nothing() -> None:
    """ "should not be backed by NATO": the agent phrase, three words from the issue since
    session 11, is negated: NATO backs nothing."""
    assert triples("Hegseth said the guarantees should not be backed by NATO.") == {
        ("US", "security_guarantees", "opposes")
    }


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the speaker's own proposal holds when its reading says nothing else
        (
            "Washington will evaluate Russian demands about the U.S.-brokered truce in the Black"
            " Sea, Rubio said.",
            {("US", "ceasefire", "supports")},
        ),
        # "... comes from" a list: the list holds the stance
        (
            "Opposition to sending troops to Ukraine comes from Germany, Italy, Spain and Poland.",
            {
                ("DE", "nato_troops", "opposes"),
                ("IT", "nato_troops", "opposes"),
                ("ES", "nato_troops", "opposes"),
                ("PL", "nato_troops", "opposes"),
            },
        ),
        # "ready to do so": the one issue of the sentence before
        (
            "Starmer said Britain was ready to send troops to Ukraine. Macron said France was"
            " also ready to do so.",
            {("GB", "nato_troops", "supports"), ("FR", "nato_troops", "supports")},
        ),
        (
            "Lavrov said Moscow would not accept a security-guarantee framework drawn up without"
            " Russia.",
            {("RU", "security_guarantees", "conditional")},
        ),
        # an issue that is the object of its own refusal does not exclude the next one
        (
            "Trump signalled support for NATO-like assurances for Ukraine while ruling out"
            " Ukraine's entry into the Alliance.",
            {("US", "security_guarantees", "supports"), ("US", "nato_membership", "opposes")},
        ),
        # the Istanbul guarantees of 2022 have Russia among the guarantors: the guide's
        # "only in some form"
        (
            "Lavrov said Moscow backs the 2022 Istanbul security guarantees for Ukraine.",
            {("RU", "security_guarantees", "conditional")},
        ),
        # a proposal with no other cue is read; "sees promise in" supports
        (
            "Rubio sees promise in Ukraine's proposal for a partial ceasefire.",
            {("US", "ceasefire", "supports"), ("UA", "ceasefire", "supports")},
        ),
        # an actor's possessive and office, a modifier between
        (
            "The US's top diplomat has said that he backs a ceasefire.",
            {("US", "ceasefire", "supports")},
        ),
    ],
)
def test_session_11_round_5(body: str, expected: set[tuple[str, str, str]]) -> None:
    """Session 11, round 5 (from real24's errors after its first score, new sentences):
    each failed before. Measured and narrowed: "Istanbul in 2022" as a conditional cue also
    read a mention of the 2022 talks as a stance (real14 f005); only the adjectival "2022
    Istanbul" is kept."""
    assert triples(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a reporting verb after "it was" names no speaker: the name before it speaks not
        (
            "America is meanwhile set to provide security guarantees to the peacekeeping force"
            " assembled by the so-called Coalition of the Willing, it was revealed after talks in"
            " Paris on Tuesday.",
            {("US", "security_guarantees", "supports"), ("US", "nato_troops", "supports")},
        ),
        # ... and an agent still stands behind the issue in a sentence with no speaker
        (
            "The plan includes security guarantees backed by the coalition of the willing, it"
            " was revealed on Tuesday.",
            {("COW", "security_guarantees", "supports")},
        ),
        (
            "British forces will be deployed on the ground in Ukraine in the event of a"
            " ceasefire, Number 10 has said.",
            {("GB", "nato_troops", "conditional")},
        ),
        # what a cited report suggested is no term of the speaker's, and a number's comma
        # does not end the clause
        (
            "Peskov referred to reports from the Washington Post, which suggested the"
            " possibility of sending 30,000 European soldiers to Ukraine as part of a peace"
            " agreement.",
            set(),
        ),
    ],
)
def test_session_11_round_6(body: str, expected: set[tuple[str, str, str]]) -> None:
    """Session 11, round 6 (from real25's errors after its first score, new sentences):
    each failed before (but the agent's, a guard). Measured and left out: "security
    arrangements" as a guarantees cue (Moscow's "proposed security arrangements" for the
    Donbas are no guarantees: real7 y006)."""
    assert triples(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a present-tense reporting verb names its speaker: no one before it is carried over
        (
            'The leaders of Ukraine and France met in Paris on Monday. Russia "warns that any'
            ' Western troops on Ukrainian soil will be seen as foreign intervention," the'
            " statement said.",
            {("RU", "nato_troops", "opposes")},
        ),
        # "declined to" takes back what follows
        (
            "Several governments, including Spain and Italy, declined to commit to a"
            " deployment of troops to Ukraine.",
            {("ES", "nato_troops", "opposes"), ("IT", "nato_troops", "opposes")},
        ),
        # a dateline with an agency's name may touch the first word, after a headline
        (
            "Talks stall\nWASHINGTON (Reuters) -Russian Foreign Minister Sergei Lavrov"
            " rejected an unconditional ceasefire on Friday.",
            {("RU", "ceasefire", "opposes")},
        ),
        # the subject of what is said before a closing speaker holds its own stance ...
        (
            "Russia has rejected the proposed truce, the French President Emmanuel Macron said.",
            {("RU", "ceasefire", "opposes")},
        ),
        # ... but a demand of the speaker's stays the speaker's
        (
            "Moscow must agree to a ceasefire now, Prime Minister Keir Starmer said.",
            {("GB", "ceasefire", "supports")},
        ),
        # a verdict on a deployment is no weighing of one
        (
            '"We would consider the presence of any foreign troops in Ukraine a direct threat,"'
            " Peskov told reporters.",
            {("RU", "nato_troops", "opposes")},
        ),
        (
            "Lavrov said any security guarantees for Ukraine must not be one-sided.",
            {("RU", "security_guarantees", "conditional")},
        ),
        # an event opened by a list with an ambiguous name; a plan announced is its own
        (
            "Russia said foreign soldiers sent to Ukraine would be treated as legitimate targets,"
            " after the UK and France announced plans to send troops there once a ceasefire"
            " is agreed.",
            {
                ("RU", "nato_troops", "opposes"),
                ("GB", "nato_troops", "conditional"),
                ("FR", "nato_troops", "conditional"),
            },
        ),
        (
            "Kyiv and its allies agreed on a ceasefire oversight mechanism, Zelensky said.",
            {("UA", "ceasefire_monitoring", "supports")},
        ),
    ],
)
def test_session_12_round_1(body: str, expected: set[tuple[str, str, str]]) -> None:
    """Session 12, round 1 (from real27's errors after its first score, new sentences):
    each failed before but the demand, a guard. Measured and dropped: "notes" and "states"
    as reporting verbs ("member states" is no speaker: real8 z009, z013); a two-part issue
    cue read before a plain one named later (-1 TP, +2 FP)."""
    assert triples(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # an offer to consider, with a condition, is conditional
        (
            "Norway's prime minister said Oslo would consider sending soldiers to Ukraine once"
            " a ceasefire is in place.",
            {("NO", "nato_troops", "conditional")},
        ),
        # an actor's own relative clause is its stance, not the speaker's
        (
            '"This suits Kyiv, which wants security guarantees, and Moscow, which does not'
            ' want NATO enlargement," Zelensky said.',
            {("RU", "nato_membership", "opposes")},
        ),
        # an ambiguous name right after "that" opens the reported clause
        (
            "Rubio spoke to reporters. He said that Moscow had attached conditions to a ceasefire.",
            {("RU", "ceasefire", "conditional")},
        ),
        (
            "Ankara has signalled its willingness to lead the naval part of a ceasefire"
            " monitoring mission, the Turkish foreign minister said.",
            {("TR", "ceasefire_monitoring", "supports")},
        ),
        (
            '"A ceasefire has to be part of any settlement," Rubio said.',
            {("US", "ceasefire", "supports")},
        ),
        (
            "Macron said France and Britain were proposing a month-long truce at sea and in the"
            " air.",
            {("FR", "ceasefire", "supports"), ("GB", "ceasefire", "supports")},
        ),
        (
            "Zelensky floated a ceasefire along the current front line.",
            {("UA", "ceasefire", "supports")},
        ),
    ],
)
def test_session_12_round_2(body: str, expected: set[tuple[str, str, str]]) -> None:
    """Session 12, round 2 (from real28's errors after its first score, new sentences):
    each failed before. Measured and dropped: "in exchange for" as a conditional cue (-3 TP
    on real14, where Russia's demand is what the exchange is for), "want" as a support verb
    (-1 TP, +2 FP) and "proposing" alone (it proposes talks as often as truces)."""
    assert triples(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # an apposition tells of the actor before it, not of the speaker ...
        (
            'Lavrov spoke about the "coalition of the willing," a group of countries pledging'
            " to send troops after a ceasefire.",
            {("COW", "nato_troops", "conditional")},
        ),
        # ... also in a sentence with no speaker
        (
            "Leaders met in Paris with the coalition of the willing, made up of nations working"
            " to establish security guarantees for Ukraine.",
            {("COW", "security_guarantees", "supports")},
        ),
        # the group's whole name ends before its own relative clause
        (
            "Macron met the coalition of the willing, which pledged to send troops.",
            {("COW", "nato_troops", "supports")},
        ),
        # "contingent on" is a condition, not a military contingent
        (
            "Canada reaffirmed its commitment to security guarantees for Ukraine, contingent on"
            " a peace agreement.",
            {("CA", "security_guarantees", "conditional")},
        ),
        (
            "Carney said sending Canadian troops remains a theoretical possibility.",
            {("CA", "nato_troops", "undecided")},
        ),
        # "for his pledge" after a name, and a plural possessive, name the pledge's owner
        (
            "The leaders thanked President Trump for his pledge to provide security guarantees.",
            {("US", "security_guarantees", "supports")},
        ),
        (
            "Estonia praised the United States' readiness to provide security guarantees.",
            {("US", "security_guarantees", "supports")},
        ),
    ],
)
def test_session_12_round_3(body: str, expected: set[tuple[str, str, str]]) -> None:
    """Session 12, round 3 (from real29's errors after its first score, new sentences):
    each failed before. "contingent on" had read as a force (a military contingent): two
    accidental hits on real15 g005 went with it."""
    assert triples(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # "back" as an adverb backs nothing
        (
            "Hegseth said Ukraine's NATO membership was unrealistic, as was winning all its land"
            " back from Russia.",
            {("US", "nato_membership", "opposes")},
        ),
        # "and suggested" opens another clause: each issue has its own
        (
            "Vance said NATO membership for Ukraine was unrealistic and suggested European troops"
            " could back up a settlement.",
            {("US", "nato_membership", "opposes"), ("US", "nato_troops", "supports")},
        ),
        # "will not be joining"; "nor will ... be deployed" refuses the deployment
        (
            "Hegseth made it clear that Ukraine will not be joining NATO, nor will American"
            " troops be deployed there.",
            {("US", "nato_membership", "opposes"), ("US", "nato_troops", "opposes")},
        ),
        # openness is an offer; a future settlement is its condition
        (
            "Spain has voiced openness to sending soldiers to Ukraine in a future peace"
            " settlement.",
            {("ES", "nato_troops", "conditional")},
        ),
        # an open offer governed by a condition clause is conditional
        (
            "Turkey is open to sending troops to Ukraine if it takes part in the planning.",
            {("TR", "nato_troops", "conditional")},
        ),
        (
            "Estonia has spoken out against sending its troops to Ukraine.",
            {("EE", "nato_troops", "opposes")},
        ),
        # a consequence foreseen is no lead taken
        ("Latvia said a ceasefire would lead to a regrouping of Russian forces.", set()),
        # a closing "including" list names the subject when no one speaks before it
        (
            "Five governments have signalled readiness to send troops to Ukraine, including"
            " Britain, France and the Baltic states.",
            {
                ("GB", "nato_troops", "supports"),
                ("FR", "nato_troops", "supports"),
                ("EE", "nato_troops", "supports"),
                ("LV", "nato_troops", "supports"),
                ("LT", "nato_troops", "supports"),
            },
        ),
        (
            "Vance spoke on Sunday. The vice president also maintained that American troops will"
            " not be deployed to Ukraine.",
            {("US", "nato_troops", "opposes")},
        ),
        (
            "Lavrov said any security guarantees must be built on consensus.",
            {("RU", "security_guarantees", "conditional")},
        ),
    ],
)
def test_session_12_round_4(body: str, expected: set[tuple[str, str, str]]) -> None:
    """Session 12, round 4 (from real30's errors after its first score, new sentences):
    each failed before. Measured and narrowed: actor names ("United States", "US", "UK") as
    the first part of a two-part troops cue made every sentence naming them a candidate (an
    "it" referring back was lost: unseen4 x009), so "US troops" and the like are plain cues;
    "will not join" (unseen8 r010: "Kyiv would enshrine ... that it will not join" is Kyiv's) and
    "permanent members of the Security Council" as a condition (real14 f003) were dropped."""
    assert triples(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a short phrase of time between the verb and "that" still opens the reported clause
        (
            "Macron said on Thursday that France and Britain would send troops to Ukraine.",
            {("FR", "nato_troops", "supports"), ("GB", "nato_troops", "supports")},
        ),
        # what others "should" do stays the speaker's demand
        (
            "Trump said that Russia and Ukraine should stop where they are, at the current"
            " battle line.",
            {("US", "ceasefire", "supports")},
        ),
        (
            "Macron said European troops would not be placed directly on the front lines.",
            {("FR", "nato_troops", "conditional")},
        ),
    ],
)
def test_session_12_round_5(body: str, expected: set[tuple[str, str, str]]) -> None:
    """Session 12, round 5 (from real31's errors after its first score, new sentences):
    each failed before."""
    assert triples(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the time of a deployment, with any determiner and adjective before the ceasefire
        (
            "Canada said it was ready to deploy troops to Ukraine following a potential"
            " ceasefire with Russia.",
            {("CA", "nato_troops", "conditional")},
        ),
        (
            "The Netherlands agreed to send soldiers to Ukraine in the wake of a formal armistice.",
            {("NL", "nato_troops", "conditional")},
        ),
        (
            "Sweden has confirmed its readiness to deploy forces to Ukraine in the days"
            " following an agreed cessation of hostilities.",
            {("SE", "nato_troops", "conditional")},
        ),
        # the actor named in apposition to the sentence's opening noun is its subject
        (
            "Envoys of the countries backing Kyiv, the so-called coalition of the willing,"
            " agreed to send peacekeepers to Ukraine.",
            {("COW", "nato_troops", "supports")},
        ),
        # "X is needed, not an immediate, pointless ceasefire": the truce only after X
        (
            "Peskov said a durable settlement is needed, not a temporary, fragile truce.",
            {("RU", "ceasefire", "conditional")},
        ),
        # present-tense reporting verbs; "isn't enough" is a condition
        (
            "In an op-ed, Russia's deputy foreign minister, Sergei Ryabkov, argues that a"
            " mere truce isn't enough to end the conflict.",
            {("RU", "ceasefire", "conditional")},
        ),
        # a headline's "..., per X" names the speaker, not the country named first
        (
            "Ukraine talks: truce is insufficient, per Peskov",
            {("RU", "ceasefire", "conditional")},
        ),
        # "partners from X" speak for X
        (
            "Some partners from the United States rejected security guarantees for Kyiv.",
            {("US", "security_guarantees", "opposes")},
        ),
    ],
)
def test_session_13_round_1(body: str, expected: set[tuple[str, str, str]]) -> None:
    """Session 13, round 1 (from real32's errors after its first score, new sentences):
    each failed before."""
    assert triples(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # "is against" refuses
        (
            "Hungary's prime minister said his country is against NATO membership for Ukraine.",
            {("HU", "nato_membership", "opposes")},
        ),
        # what is not under discussion tells of the talks, not of a stance
        ("NATO's chief said a deployment of troops to Ukraine was not under discussion.", set()),
        ("Kallas said Ukraine's future is in NATO.", {("EU", "nato_membership", "supports")}),
        (
            "Rubio said there are not going to be boots on the ground in Ukraine.",
            {("US", "nato_troops", "opposes")},
        ),
        (
            "The Kremlin bristled at the idea of European peacekeepers in Ukraine.",
            {("RU", "nato_troops", "opposes")},
        ),
        # troops to police a future peace: after it
        (
            "Canada is preparing to send troops to Ukraine to police any eventual peace agreement.",
            {("CA", "nato_troops", "conditional")},
        ),
        # "X, led by Y, ..." is Y's
        (
            "Nordic countries, led by Denmark, are drawing up plans to send troops to Ukraine.",
            {("DK", "nato_troops", "supports")},
        ),
        # in a quotation, "they" after the names it refers back to is theirs, not others'
        (
            '"Germany and Italy have said that they are against sending troops to Ukraine,"'
            " Macron said.",
            {("DE", "nato_troops", "opposes"), ("IT", "nato_troops", "opposes")},
        ),
        # an issue's relative clause names who holds the stance told there
        (
            "Macron said France is ready to deploy a reassurance force to Ukraine, which the"
            " Kremlin has rejected.",
            {("FR", "nato_troops", "supports"), ("RU", "nato_troops", "opposes")},
        ),
        # taking part in "the process" is no support for the troops refused after it
        (
            "Washington will take part in the process, but no American troops will be sent to"
            " Ukraine, Rubio said.",
            {("US", "nato_troops", "opposes")},
        ),
    ],
)
def test_session_13_round_2(body: str, expected: set[tuple[str, str, str]]) -> None:
    """Session 13, round 2 (from real33's errors after its first score, new sentences):
    each failed before."""
    assert triples(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Sweden's prime minister said Stockholm would give serious consideration to joining"
            " a peacekeeping mission in Ukraine.",
            {("SE", "nato_troops", "undecided")},
        ),
        # "any contribution", after troops were named, is the troops'
        (
            "The Netherlands is ready to send troops to Ukraine. The Dutch defence minister"
            " stressed that any contribution would depend on Russia agreeing to a ceasefire.",
            {("NL", "nato_troops", "conditional")},
        ),
        # "they are not even ready": others' stance, in a quotation
        ('"They are not even ready to accept a ceasefire," Sybiha said.', set()),
        (
            "Finland could send troops to Ukraine, its president said.",
            {("FI", "nato_troops", "supports")},
        ),
        # a parliament's mandate, in any of its spellings
        (
            "Latvia is ready to send troops to Ukraine but will first seek an appropriate"
            " mandate from the Saeima, its prime minister said.",
            {("LV", "nato_troops", "conditional")},
        ),
        # a transliteration the registry now knows
        (
            "Foreign Minister Andriy Sybiga welcomed the security guarantees.",
            {("UA", "security_guarantees", "supports")},
        ),
        (
            "Lithuania maintains that the best way to guarantee Ukraine's security is NATO"
            " membership.",
            {("LT", "nato_membership", "supports"), ("LT", "security_guarantees", "supports")},
        ),
    ],
)
def test_session_13_round_3(body: str, expected: set[tuple[str, str, str]]) -> None:
    """Session 13, round 3 (from real34's errors after its first score, new sentences):
    each failed before."""
    assert triples(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # what a name's allies say is theirs, not the name's
        ("Ukraine's allies said they would send troops to Ukraine.", set()),
        (
            "Moscow issued a condemnation of the plan to deploy European troops to Ukraine.",
            {("RU", "nato_troops", "opposes")},
        ),
        (
            "Moscow said the agreements on a peacekeeping force for Ukraine were far from"
            " anything Russia could accept.",
            {("RU", "nato_troops", "opposes")},
        ),
        (
            "Canada will deploy troops to Ukraine after the conflict has ended, Carney said.",
            {("CA", "nato_troops", "conditional")},
        ),
        # a comma closing a quotation in the opening phrase ends no clause
        (
            'On Tuesday, after a meeting of the "coalition of the willing," Denmark and Sweden'
            " pledged to send troops to Ukraine.",
            {("DK", "nato_troops", "supports"), ("SE", "nato_troops", "supports")},
        ),
    ],
)
def test_session_13_round_4(body: str, expected: set[tuple[str, str, str]]) -> None:
    """Session 13, round 4 (from real35's errors after its first score, new sentences):
    each failed before."""
    assert triples(body) == expected


def test_an_aside_between_a_speaker_and_the_verb_names_no_other_speaker() -> None:
    """Session 13, round 5 (real36): the names inside an aside ("in an interview on ABC's
    'This Week'") stand between the speaker and the verb, and the speaker still speaks:
    an explicit attribution, scored as one (before, only the sentence's subject was found)."""
    body = (
        'Senator Marco Rubio, in an interview on ABC\'s "This Week," emphasized that an'
        " immediate ceasefire was needed."
    )
    rules = REG.language.confidence
    (claim,) = extract(news(body), REG)
    assert (claim.actor, claim.issue, claim.stance, claim.speaker) == (
        "US",
        "ceasefire",
        "supports",
        "Marco Rubio",
    )
    explicit = rules.base + rules.explicit_attribution + rules.single_issue_sentence
    assert claim.confidence == pytest.approx(explicit)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the conditions Ukraine sets on its own guarantees are what it asks for
        (
            "Sybiha said the security guarantees must first be ratified by the US Congress.",
            {("UA", "security_guarantees", "supports"), ("UA", "binding_commitments", "supports")},
        ),
        (
            "The Kremlin restated its objection to European peacekeepers in Ukraine as part of"
            " any future peace deal.",
            {("RU", "nato_troops", "opposes")},
        ),
        (
            "Peskov said a final settlement cannot be reached merely through a truce.",
            {("RU", "ceasefire", "conditional")},
        ),
        (
            "Zelensky said the army must be no less than 800,000 soldiers in peacetime.",
            {("UA", "army_size_financing", "supports")},
        ),
        (
            "Sybiha said an army of that size requires external financing.",
            {("UA", "army_size_financing", "supports")},
        ),
        # troops beside Ukraine are not troops in it
        (
            "Pistorius said Germany was ready to deploy troops to NATO countries bordering"
            " Ukraine.",
            set(),
        ),
        # an opening concession is set aside for the point the sentence makes
        (
            "Although Greece backs Kyiv and belongs to the coalition, it will not send soldiers"
            " to Ukraine, Mitsotakis said.",
            {("GR", "nato_troops", "opposes")},
        ),
        # a sentence without a speaker tells the stance of the actors of its own event
        (
            "The threat came after Denmark and Norway pledged to send troops to Ukraine.",
            {("DK", "nato_troops", "supports"), ("NO", "nato_troops", "supports")},
        ),
    ],
)
def test_session_14_round_1(body: str, expected: set[tuple[str, str, str]]) -> None:
    """Session 14, round 1 (from real37's errors after its first score, new sentences):
    each failed before."""
    assert triples(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a later reporting verb opens the clause when the speaker said nothing of a stance
        (
            "Sybiha wrote that the shelling went on, pointing out that Russia had rejected the"
            " truce.",
            {("RU", "ceasefire", "opposes")},
        ),
        (
            "Moscow has not answered a proposal by Washington for a truce.",
            {("US", "ceasefire", "supports")},
        ),
        # the name and the noun are one alias ("US proposal")
        (
            "Peskov said the Kremlin had received the US proposal for a truce.",
            {("US", "ceasefire", "supports")},
        ),
        (
            "The Kremlin declined a ceasefire along the front line.",
            {("RU", "ceasefire", "opposes")},
        ),
        (
            "Zelensky said the guarantees should be legally binding.",
            {("UA", "security_guarantees", "supports"), ("UA", "binding_commitments", "supports")},
        ),
        # "earlier in the week" is still current ("earlier in the year" is not)
        (
            "Canada made it clear earlier in the week that it would not send soldiers to Ukraine.",
            {("CA", "nato_troops", "opposes")},
        ),
        (
            "The Kremlin has opposed any foreign military intervention in Ukraine.",
            {("RU", "nato_troops", "opposes")},
        ),
    ],
)
def test_session_14_round_2(body: str, expected: set[tuple[str, str, str]]) -> None:
    """Session 14, round 2 (from real38's errors after its first score, new sentences):
    each failed before."""
    assert triples(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # an inverted attribution's title names a person: "she" then refers to her
        (
            "The mission is ready, said EU High Representative Kaja Kallas on Monday. She said"
            " that trainers would be sent to Ukraine after a ceasefire.",
            {("EU", "nato_troops", "conditional")},
        ),
        # the time of what is planned, not a stance on the truce
        (
            "Kallas described a split among capitals: some favour starting the mission only after"
            " a truce is agreed, while others want it to begin as soon as hostilities end.",
            set(),
        ),
        (
            "Kristersson said the backbone of any settlement is strong Ukrainian armed forces.",
            {("SE", "army_size_financing", "supports")},
        ),
        (
            "Merz spoke to reporters in Berlin. According to him, Europe must pay for the"
            " Ukrainian army.",
            {("DE", "army_size_financing", "supports")},
        ),
        (
            "Orban voiced his disagreement with a reparations loan to Ukraine.",
            {("HU", "army_size_financing", "opposes")},
        ),
        (
            "Albanese did not dismiss the possibility of Australian troops in Ukraine.",
            {("AU", "nato_troops", "undecided")},
        ),
        (
            "Frederiksen said she wouldn't rule out sending Danish soldiers to Ukraine.",
            {("DK", "nato_troops", "undecided")},
        ),
        (
            "The Kremlin warned against any presence of troops from Western countries.",
            {("RU", "nato_troops", "opposes")},
        ),
        # the troops are the topic; the guarantees they serve are no second stance
        (
            "Norway is considering sending troops to Ukraine as part of future security"
            " assurances.",
            {("NO", "nato_troops", "undecided")},
        ),
        (
            "Spain said it was ready to provide training in Ukraine after a truce.",
            {("ES", "nato_troops", "conditional")},
        ),
    ],
)
def test_session_14_round_3(body: str, expected: set[tuple[str, str, str]]) -> None:
    """Session 14, round 3 (from real39's errors after its first score, new sentences):
    each failed before."""
    assert triples(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # what a deployment would start is a refusal of it
        (
            "Lavrov said sending European troops to Ukraine would trigger a direct conflict with"
            " Russia.",
            {("RU", "nato_troops", "opposes")},
        ),
        # an opening condition is no subject's: the clause after it names the speaker
        (
            "If Britain sends soldiers to Ukraine, Russia will regard this as the start of a war.",
            {("RU", "nato_troops", "opposes")},
        ),
        # "the military bloc" is NATO itself, not the membership
        (
            "Medvedev said European peacekeepers would spark a war between the military bloc and"
            " Russia.",
            {("RU", "nato_troops", "opposes")},
        ),
        (
            "Zakharova said a Western force in Ukraine would mean direct participation in the"
            " conflict.",
            {("RU", "nato_troops", "opposes")},
        ),
        (
            "Peskov said the European deployment plan to Ukraine was a provocation.",
            {("RU", "nato_troops", "opposes")},
        ),
        (
            "The Kremlin issued a warning of a wider war if Germany sends troops to Ukraine.",
            {("RU", "nato_troops", "opposes")},
        ),
        (
            "Moscow has not answered a U.S.-backed proposal for a 30-day ceasefire.",
            {("US", "ceasefire", "supports")},
        ),
        (
            "Russia set out its ceasefire terms at the talks in Istanbul.",
            {("RU", "ceasefire", "conditional")},
        ),
        # the items of a list its speaker opens are the speaker's
        (
            "Lavrov listed Moscow's demands:\n- a ceasefire only after Ukraine withdraws from"
            " four regions.",
            {("RU", "ceasefire", "conditional")},
        ),
        (
            "Zelensky said the guarantees must be voted on in Congress so that they cannot be"
            " easily reversed.",
            {("UA", "security_guarantees", "supports")},
        ),
        # "following X doing": X's event
        (
            "Albanese spoke to Starmer on Saturday, following Ukraine accepting the truce proposed"
            " by Washington.",
            {("UA", "ceasefire", "supports"), ("US", "ceasefire", "supports")},
        ),
        # the force would protect the ceasefire: no stance on the ceasefire
        (
            "Australia is considering joining a coalition of nations prepared to help protect a"
            " future ceasefire.",
            set(),
        ),
    ],
)
def test_session_14_round_4(body: str, expected: set[tuple[str, str, str]]) -> None:
    """Session 14, round 4 (from real40's errors after its first score, new sentences):
    each failed before."""
    assert triples(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Belgium is not considering sending soldiers to Ukraine, De Wever said.",
            {("BE", "nato_troops", "opposes")},
        ),
        (
            "Babis said the Czech Republic does not see the deployment of its soldiers in Ukraine.",
            {("CZ", "nato_troops", "opposes")},
        ),
        # a headline's question states nothing
        ("Romanian President answers whether his country will send troops to Ukraine", set()),
        # a name the registry does not know after an inverted verb speaks, not the name
        # before it
        ('"Moscow has to accept a ceasefire," said Halvorsen on Monday.', set()),
        (
            '"Troops can only be sent to Ukraine after a ceasefire," said Robles.',
            {("ES", "nato_troops", "conditional")},
        ),
        # support where the condition names the sentence's one issue is support on that term
        (
            "Sweden is ready to contribute soldiers if peacekeepers are needed in Ukraine.",
            {("SE", "nato_troops", "conditional")},
        ),
        (
            "Macron wants a European force in Ukraine stationed behind the contact line.",
            {("FR", "nato_troops", "conditional")},
        ),
        (
            "As reported by NRK, Støre said any Norwegian contribution to a force in Ukraine"
            " would come only after a ceasefire.",
            {("NO", "nato_troops", "conditional")},
        ),
    ],
)
def test_session_14_round_5(body: str, expected: set[tuple[str, str, str]]) -> None:
    """Session 14, round 5 (from real41's errors after its first score, new sentences):
    each failed before."""
    assert triples(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a refusal said to be another's is that actor's, not the speaker's
        (
            "Washington will back European guarantees in lieu of Ukraine joining NATO, a red line"
            " for Russia.",
            {("RU", "nato_membership", "opposes"), ("US", "security_guarantees", "supports")},
        ),
        (
            "Trump asked the Pentagon to develop options for security guarantees for Ukraine.",
            {("US", "security_guarantees", "supports")},
        ),
        # a name that opens an issue's cue is the issue's word, not a speaker
        ("No NATO Membership for Ukraine", set()),
    ],
)
def test_session_14_round_6(body: str, expected: set[tuple[str, str, str]]) -> None:
    """Session 14, round 6 (from real42's errors after its first score, new sentences):
    each failed before."""
    assert triples(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # an issue "opposed by" an actor is that actor's opposition, not the speaker's
        (
            "Sybiha said Kyiv is seeking guarantees as strong as Article 5, since Ukraine's"
            " membership of NATO is still opposed by Hungary.",
            {("UA", "security_guarantees", "supports"), ("HU", "nato_membership", "opposes")},
        ),
        # ... unless the one who opposes it is the speaker (a guard: this held before)
        (
            "A European peacekeeping mission has been rejected by Lavrov as a provocation.",
            {("RU", "nato_troops", "opposes")},
        ),
        # "condemned by" with no actor after it is nobody's stance on what follows
        (
            "Kyiv was represented by Umerov, whose choices have been condemned by international"
            " observers.",
            set(),
        ),
        # an actor's adjective and a deputy's title name the speaker opening the sentence
        (
            "Russian Deputy Foreign Minister Alexander Grushko gave an interview to Izvestia,"
            " stressing that Moscow will never accept European troops in Ukraine.",
            {("RU", "nato_troops", "opposes")},
        ),
        (
            "Peskov restated Moscow's opposition to Western military interventions in Ukraine.",
            {("RU", "nato_troops", "opposes")},
        ),
        # expecting a briefing is no support for what it is about
        (
            "Ushakov repeated Russia's rejection of foreign troops in Ukraine, saying the Kremlin"
            " expects a briefing from Washington.",
            {("RU", "nato_troops", "opposes")},
        ),
    ],
)
def test_session_15_round_1(body: str, expected: set[tuple[str, str, str]]) -> None:
    """Session 15, round 1 (from real43's errors after its first score, new sentences):
    each failed before, but the guard."""
    assert triples(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # "any plan to" plans nothing: the refusal stands alone
        (
            "Lavrov said any plan to station British troops in Ukraine would be unacceptable.",
            {("RU", "nato_troops", "opposes")},
        ),
        # a post-war economy sets no term on what the speaker supports
        (
            "Shmyhal said Ukraine would need years to rebuild its post-war economy and finance"
            " its army.",
            {("UA", "army_size_financing", "supports")},
        ),
        # a truce "without preconditions" is an unconditional one
        (
            "Tajani urged Moscow to accept a truce without any preconditions.",
            {("IT", "ceasefire", "supports")},
        ),
        # answering another's call for a truce is not calling for it
        (
            "Lavrov replied to the call for an Easter truce by offering talks in Istanbul"
            " without conditions.",
            set(),
        ),
        (
            "Umerov said the goal was to finalise security guarantees by spring.",
            {("UA", "security_guarantees", "supports")},
        ),
        # after a refusal, a call for something else is no support of what was refused
        (
            "The Kremlin considers European troops in Ukraine unacceptable and regards the"
            " government in Kyiv as illegitimate, calling for new elections.",
            {("RU", "nato_troops", "opposes")},
        ),
        # ... but a call for the issue itself still is (a guard: this held before)
        (
            "Warsaw will not send its own soldiers, Tusk said, but called for a European force"
            " in Ukraine.",
            {("PL", "nato_troops", "conditional")},
        ),
    ],
)
def test_session_15_round_2(body: str, expected: set[tuple[str, str, str]]) -> None:
    """Session 15, round 2 (from real44's errors after its first score, new sentences):
    each failed before, but the guard."""
    assert triples(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a quotation that runs on names its speaker at its close: not the last speaker's
        (
            'Macron backed a European force in Ukraine. "We will never accept foreign troops on'
            ' our land. They would be legitimate targets," Lavrov told reporters.',
            {("FR", "nato_troops", "supports"), ("RU", "nato_troops", "opposes")},
        ),
        # an issue named just after "without" in a refusal is what the refusal asks for
        (
            "Meloni said Italy would not send troops without a US backstop.",
            {("IT", "nato_troops", "conditional"), ("IT", "security_guarantees", "supports")},
        ),
        (
            '"Without security guarantees, this war cannot be considered over," Sybiha said.',
            {("UA", "security_guarantees", "supports")},
        ),
        # ... but "without" in a plan excludes (a guard: this held before)
        (
            "Meloni proposed a guarantee modelled on Article 5, without Ukraine joining NATO.",
            {("IT", "security_guarantees", "supports"), ("IT", "nato_membership", "opposes")},
        ),
        # an appraisal after a dash is the appraiser's
        (
            "Washington offered a 20-year security guarantee to Ukraine \u2014 an offer Sybiha"
            " welcomed.",
            {("US", "security_guarantees", "supports"), ("UA", "security_guarantees", "supports")},
        ),
        # a place and its country are no subject
        (
            "Defence ministers gathered in Vilnius, Lithuania, this week pledged support for a"
            " reassurance force.",
            set(),
        ),
        # Ukraine withdrawing its own troops is no foreign force
        (
            "According to the Kremlin, a settlement requires Kyiv to withdraw its troops from the"
            " regions in eastern Ukraine.",
            set(),
        ),
        (
            "Rubio said Washington was ready to sign a security agreement with Kyiv.",
            {("US", "security_guarantees", "supports")},
        ),
        (
            "Zelensky requested a 50-year security guarantee from Washington.",
            {("UA", "security_guarantees", "supports")},
        ),
        (
            "The declaration adopted by the coalition backs a multinational military force for"
            " Ukraine.",
            {("COW", "nato_troops", "supports")},
        ),
        (
            "The Kremlin poured cold water on hopes that a European force could deploy to Ukraine.",
            {("RU", "nato_troops", "opposes")},
        ),
    ],
)
def test_session_15_round_3(body: str, expected: set[tuple[str, str, str]]) -> None:
    """Session 15, round 3 (from real45's errors after its first score, new sentences):
    each failed before, but the guard."""
    assert triples(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Grushko said NATO must never accept Ukraine's membership in the security alliance.",
            {("RU", "nato_membership", "opposes")},
        ),
        # not saying whether is undecided, not a refusal
        (
            "Pistorius did not say whether German soldiers would join a reassurance force.",
            {("DE", "nato_troops", "undecided")},
        ),
        # "the diplomat", "the envoy" carry the last named speaker, as "the minister" does
        (
            "Rubio met Lavrov in Riyadh on Tuesday. The diplomat called for an immediate"
            " ceasefire.",
            {("US", "ceasefire", "supports")},
        ),
        # a signature with its day between: the signers hold the document's stance
        (
            "The declaration, signed on Tuesday by Macron and Starmer, commits troops to a"
            " reassurance force.",
            {("FR", "nato_troops", "supports"), ("GB", "nato_troops", "supports")},
        ),
        # demands for neutrality and demilitarisation refuse membership and a large army
        (
            "Medinsky repeated demands for Ukraine's neutrality and demilitarisation.",
            {("RU", "army_size_financing", "opposes"), ("RU", "nato_membership", "opposes")},
        ),
    ],
)
def test_session_15_round_4(body: str, expected: set[tuple[str, str, str]]) -> None:
    """Session 15, round 4 (from real46's errors after its first score, new sentences):
    each failed before."""
    assert triples(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # "without" opening a reported clause: the refusal after it asks for the issue
        (
            "Sybiha said that without binding security guarantees, a lasting peace is impossible.",
            {("UA", "security_guarantees", "supports")},
        ),
        (
            "Zelensky stressed the importance of a European contingent in Odesa.",
            {("UA", "nato_troops", "supports")},
        ),
        # ... but the importance of removing a threat supports nothing (a guard: this held
        # before)
        (
            "Lavrov stressed the importance of removing the threat of NATO's expansion to Ukraine.",
            set(),
        ),
    ],
)
def test_session_15_round_5(body: str, expected: set[tuple[str, str, str]]) -> None:
    """Session 15, round 5 (from real47's errors after its first score, new sentences):
    each failed before, but the guard."""
    assert triples(body) == expected
