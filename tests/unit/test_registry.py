"""Registries: the shipped files load; a bad file names file, line, entry and field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from schemas.registry import MAX_CHOICES
from services.registry import RegistryError, load_registry
from tests.factories import REGISTRY_DIR, edited_registry, registry


def copy_registry(tmp_path: Path) -> Path:
    target = tmp_path / "registry"
    shutil.copytree(REGISTRY_DIR, target)
    return target


def test_shipped_registry_has_the_contract_issues_and_actors() -> None:
    """The watched process's issues and key actors are all present."""
    reg = registry()
    assert {i.id for i in reg.issues} >= {
        "security_guarantees",
        "nato_troops",
        "military_hubs",
        "ceasefire",
        "ceasefire_monitoring",
        "army_size_financing",
        "binding_commitments",
        "nato_membership",
    }
    ceasefire = reg.issue("ceasefire")
    assert ceasefire is not None
    assert ceasefire.statuses == (
        "none",
        "proposed",
        "negotiating",
        "agreed",
        "in_force",
        "violated",
        "collapsed",
    )
    assert {a.id for a in reg.actors} >= {
        "UA",
        "RU",
        "US",
        "GB",
        "FR",
        "DE",
        "IT",
        "PL",
        "CA",
        "TR",
        "EU",
        "NATO",
        "OSCE",
        "UN",
        "COW",
    }


@pytest.mark.parametrize(
    ("alias", "actor"),
    [
        ("Kremlin", "RU"),
        ("moscow", "RU"),
        ("Maria Zakharova", "RU"),
        ("Downing Street", "GB"),
        ("Elysee", "FR"),
        ("ÉLYSÉE", "FR"),
        ("Kyiv", "UA"),
        ("Volodymyr Zelensky", "UA"),
        ("White House", "US"),
        ("Steve Witkoff", "US"),
        ("Pete Hegseth", "US"),
        ("NO", "NO"),
    ],
)
def test_aliases_resolve_case_and_accent_insensitively(alias: str, actor: str) -> None:
    """People, offices and metonyms resolve to the actor they speak for."""
    assert registry().resolve_actor(alias) == actor


def test_wrong_type_names_file_line_entry_and_field(tmp_path: Path) -> None:
    """A status list given as a number is reported at its line, entry and field."""
    directory = edited_registry(
        tmp_path / "r",
        "issues.yaml",
        "statuses: [none, proposed, negotiating, agreed, in_force, violated, collapsed]",
        "statuses: 7",
    )
    path = directory / "issues.yaml"
    text = path.read_text()
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if "statuses: 7" in ln)
    with pytest.raises(RegistryError) as info:
        load_registry(directory)
    assert str(info.value).startswith(f"{path}:{line}: entry 'ceasefire', field 'statuses'")


def test_missing_field_names_the_entry(tmp_path: Path) -> None:
    """An actor without a name is reported with its id and the missing field."""
    directory = edited_registry(tmp_path / "r", "actors.yaml", "    name: Poland\n", "")
    with pytest.raises(RegistryError, match=r"actors.yaml:\d+: entry 'PL', field 'name'"):
        load_registry(directory)


def test_alias_claimed_by_two_actors_is_refused(tmp_path: Path) -> None:
    """An alias that names two actors must be declared ambiguous instead."""
    directory = edited_registry(
        tmp_path / "r", "actors.yaml", "aliases: [Poland,", "aliases: [Kremlin, Poland,"
    )
    with pytest.raises(RegistryError, match="alias 'Kremlin' names both RU and PL"):
        load_registry(directory)


def test_status_cue_for_unknown_status_is_refused(tmp_path: Path) -> None:
    """A status cue must use one of the issue's own statuses."""
    directory = edited_registry(
        tmp_path / "r",
        "issues.yaml",
        "      proposed: [proposed a ceasefire",
        "      drafted: [proposed a ceasefire",
    )
    with pytest.raises(RegistryError, match="statuses not in statuses: drafted"):
        load_registry(directory)


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    """Broken YAML syntax is reported with the file and line."""
    directory = copy_registry(tmp_path)
    (directory / "policy.yaml").write_text("severity:\n  change: [unclosed\n")
    with pytest.raises(RegistryError, match=r"policy.yaml:\d+: not valid YAML"):
        load_registry(directory)


def test_wildcard_inside_a_phrase_is_refused(tmp_path: Path) -> None:
    """'*' matches a word ending, so it may only end a cue; elsewhere it is an error."""
    directory = edited_registry(
        tmp_path / "r", "issues.yaml", "- military hub*", "- military hub* in Ukraine"
    )
    with pytest.raises(RegistryError, match=r"issues.yaml:\d+: .*'\*' may only end a phrase"):
        load_registry(directory)


def test_choices_in_a_phrase_expand_to_every_phrase(tmp_path: Path) -> None:
    """ "(a|b|)" in a phrase stands for each choice (an empty one drops the word), so one
    line of the registry can name every determiner and adjective a cue comes with."""
    directory = edited_registry(
        tmp_path / "r",
        "issues.yaml",
        "- military hub*",
        '- "(military|logistics|) (hub|base) (in|near) Lviv"\n      - military hub*',
    )
    cues = load_registry(directory).issue("military_hubs").cues
    assert {
        "military hub in Lviv",
        "military base near Lviv",
        "logistics hub in Lviv",
        "hub near Lviv",
        "base in Lviv",
    } <= set(cues)
    assert not any("(" in c or "|" in c or "  " in c for c in cues)
    assert len([c for c in cues if c.endswith("Lviv")]) == 12


def test_a_choice_is_checked_like_a_phrase(tmp_path: Path) -> None:
    """Each phrase a template stands for is checked: a '*' inside one of them, or a choice
    that leaves nothing, is refused with the file and line."""
    directory = edited_registry(
        tmp_path / "r", "issues.yaml", "- military hub*", '- "military (hub*|base) in Lviv"'
    )
    with pytest.raises(RegistryError, match=r"issues.yaml:\d+: .*'\*' may only end a phrase"):
        load_registry(directory)
    directory = edited_registry(tmp_path / "r2", "issues.yaml", "- military hub*", '- "(a|)"')
    with pytest.raises(RegistryError, match=r"issues.yaml:\d+: .*1 to 200 characters"):
        load_registry(directory)


def test_a_template_standing_for_too_many_phrases_is_refused(tmp_path: Path) -> None:
    """A template may stand for at most MAX_CHOICES phrases: beyond that the vocabulary
    swells (session 14's drafts stood for 67,200 and took it from 0.3 s to 5 s to build);
    the refusal names the file, the line and the count, before anything is expanded."""
    ten = "(" + "|".join(f"zq{i}" for i in range(10)) + ")"
    directory = edited_registry(
        tmp_path / "r", "issues.yaml", "- military hub*", f'- "{" ".join([ten] * 5)}"'
    )
    with pytest.raises(RegistryError, match=r"issues.yaml:\d+: .*stands for 100,000 phrases"):
        load_registry(directory)
    # at the limit it loads, every phrase there
    directory = edited_registry(
        tmp_path / "r2", "issues.yaml", "- military hub*", f'- "{" ".join([ten] * 4)}"'
    )
    hubs = next(i for i in load_registry(directory).issues if i.id == "military_hubs")
    assert len([c for c in hubs.cues if c.startswith("zq")]) == MAX_CHOICES


def test_yields_to_an_unknown_issue_is_refused(tmp_path: Path) -> None:
    """An issue may only give way to issues the registry defines."""
    directory = edited_registry(
        tmp_path / "r",
        "issues.yaml",
        "yields_to: [ceasefire_monitoring,",
        "yields_to: [monitoring,",
    )
    with pytest.raises(RegistryError, match=r"ceasefire yields_to unknown issue.*monitoring"):
        load_registry(directory)
    directory = edited_registry(
        tmp_path / "r2",
        "issues.yaml",
        "yields_in_clause_to: [nato_troops]",
        "yields_in_clause_to: [troops]",
    )
    with pytest.raises(
        RegistryError, match=r"army_size_financing yields_in_clause_to unknown issue.*troops"
    ):
        load_registry(directory)


def test_an_issue_asked_by_an_unknown_actor_is_refused(tmp_path: Path) -> None:
    """The actors an issue is asked for must be actors the registry defines: a misspelt
    one would silently read Ukraine's terms on its guarantees as mere conditions."""
    directory = edited_registry(
        tmp_path / "r",
        "issues.yaml",
        "asked_by: [UA]\n    cues:\n      - security",
        "asked_by: [UKR]\n    cues:\n      - security",
    )
    with pytest.raises(RegistryError, match=r"security_guarantees asked_by unknown actor.*UKR"):
        load_registry(directory)


def test_a_group_listing_an_unknown_member_is_refused(tmp_path: Path) -> None:
    """A group's members must be actors the registry defines."""
    directory = edited_registry(
        tmp_path / "r", "actors.yaml", "members: [GB, FR,", "members: [GBR, FR,"
    )
    with pytest.raises(RegistryError, match=r"actor COW lists unknown member.*GBR"):
        load_registry(directory)
