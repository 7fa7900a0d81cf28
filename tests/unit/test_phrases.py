"""The one-pass phrase scanner matches exactly what the per-set regexes match."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from services.extractor.text import PhraseSet, Scanner

WORDS = ["rule", "ruled", "out", "us", "troops", "no", "ceasefire", "monitor", "a", "re"]
# phrases may start or end with punctuation (";", ", and"): no word boundary is asked there
EDGES = ["", "", "", ";", ",", "; "]
phrase = st.tuples(
    st.sampled_from(EDGES),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join),
    st.sampled_from(["", "", "", ";", ":"]),
).map(lambda p: "".join(p))
cue = st.tuples(phrase, st.booleans()).map(lambda p: p[0] + ("*" if p[1] else ""))
# text from the same words, glued by the separators that matter at word boundaries
# (an em dash sends a text down the scanner's non-ASCII path, the others its ASCII one)
glue = st.sampled_from(
    [" ", " ", ", ", "-", "'", "\n", "", "s ", "(", ". ", '"', "\u2014", "!", "_", "- ", ";", "; "]
)
text = st.lists(st.tuples(st.sampled_from(WORDS), glue), max_size=25).map(
    lambda parts: "".join(w + g for w, g in parts)
)


@settings(max_examples=400, deadline=None)
@given(sets=st.lists(st.lists(cue, min_size=1, max_size=6), min_size=1, max_size=4), s=text)
def test_scanner_agrees_with_regex_matching(sets: list[list[str]], s: str) -> None:
    scanner = Scanner()
    shared = [PhraseSet(cues, scanner) for cues in sets]
    alone = [PhraseSet(cues) for cues in sets]
    for one, other in zip(shared, alone, strict=True):
        assert one.find(s) == other.find(s)
        assert one.search(s) == other.search(s)


def test_scanner_examples() -> None:
    scanner = Scanner()
    stances = PhraseSet(["ruled out", "rule*", "will not accept"], scanner)
    actors = PhraseSet(["us", "united states"], scanner)
    s = "the united states ruled out a pre-ruled plan; usa rules; us\nwill not accept it"
    assert [m[2] for m in stances.find(s)] == ["ruled out", "rules", "will not accept"]
    assert [m[2] for m in actors.find(s)] == ["united states", "us"]
    assert PhraseSet(["will not accept"], Scanner()).find(s) == [(60, 75, "will not accept")]
    # punctuation at a phrase's edge asks no word boundary there: "war; peskov"
    breaks = PhraseSet([";", "; but"], scanner)
    assert breaks.find("it was war; but peskov; said") == [(10, 15, "; but"), (22, 23, ";")]
    assert PhraseSet([";"]).find("war;peace") == [(3, 4, ";")]
    # the longest match where several start together, in both ways: a "*" may match
    # nothing, so "rule*" is no longer than "rule;" (found by the property test above)
    for cues in (PhraseSet(["rule", "rule*", "rule;"], Scanner()), PhraseSet(["rule*", "rule;"])):
        assert cues.find("rule; rules;") == [(0, 5, "rule;"), (6, 11, "rules")]
    # ... but a "*" matches at least what its literal does: "rule;*" before "rule;"
    for cues in (PhraseSet(["rule;*", "rule;"], Scanner()), PhraseSet(["rule;*", "rule;"])):
        assert cues.find("rule;rule") == [(0, 9, "rule;rule")]
    # the same in printable ASCII, which the scanner reads by a path of its own
    ascii_text = s.replace("\n", " ")
    assert [m[2] for m in stances.find(ascii_text)] == ["ruled out", "rules", "will not accept"]
    assert [m[2] for m in actors.find(ascii_text)] == ["united states", "us"]


def test_verb_forms_follow_the_regular_rules_and_the_irregular_list() -> None:
    """A verb listed once is matched as written in any form; multi-word verbs inflect
    their first word; irregular forms come from the vocabulary."""
    from services.extractor.morphology import forms, phrase_forms

    assert forms("reject") == {"reject", "rejects", "rejected", "rejecting"}
    assert {"commits", "committed", "committing"} <= forms("commit")
    assert {"agrees", "agreed", "agreeing"} <= forms("agree")
    assert {"applies", "applied", "applying"} <= forms("apply")
    assert {"welcomes", "welcomed", "welcoming"} <= forms("welcome")
    assert {"cancelled", "canceled"} <= forms("cancel")
    assert {"vetoes", "vetoed", "vetoing"} <= forms("veto")
    assert phrase_forms(["rule out"], {}) == {
        "rule out",
        "rules out",
        "ruled out",
        "ruling out",
    }
    assert "stood behind" in phrase_forms(["stand behind"], {"stand": ["stood"]})
