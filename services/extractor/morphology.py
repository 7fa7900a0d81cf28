"""English verb forms, so the vocabulary can list a stance verb once ("reject") and match
it as written ("rejects", "rejected", "rejecting")."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

_VOWELS = "aeiou"


def forms(verb: str) -> set[str]:
    """The base form and its -s, -ed and -ing forms by the regular rules; where the last
    consonant may double ("commit": committed; "cancel": cancelled / canceled) both
    spellings are given, as a form that is not a word matches nothing."""
    out = {verb}
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        out.add(verb + "es")
    elif len(verb) > 1 and verb[-1] == "y" and verb[-2] not in _VOWELS:
        out.add(verb[:-1] + "ies")
    else:
        out.add(verb + "s")
    if verb.endswith("e"):
        out.add(verb + "d")
        out.add((verb if verb.endswith(("ee", "ye", "oe")) else verb[:-1]) + "ing")
    elif len(verb) > 1 and verb[-1] == "y" and verb[-2] not in _VOWELS:
        out |= {verb[:-1] + "ied", verb + "ing"}
    else:
        out |= {verb + "ed", verb + "ing"}
        if (
            len(verb) >= 3
            and verb[-1] not in _VOWELS + "wxy"
            and verb[-2] in _VOWELS
            and verb[-3] not in _VOWELS
        ):
            out |= {verb + verb[-1] + "ed", verb + verb[-1] + "ing"}
    return out


def phrase_forms(phrases: Iterable[str], irregular: Mapping[str, Iterable[str]]) -> set[str]:
    """Every form of phrases that open with a verb ("rule out": rules out, ruled out,
    ruling out), with the irregular forms the vocabulary gives ("send": sent)."""
    out: set[str] = set()
    for phrase in phrases:
        head, _, rest = phrase.strip().partition(" ")
        tail = f" {rest}" if rest else ""
        for form in forms(head.lower()) | set(irregular.get(head.lower(), ())):
            out.add(form + tail)
    return out
