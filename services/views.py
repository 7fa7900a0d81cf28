"""Render issues, positions, timelines and alerts for people (rich tables and colour)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from rich.table import Table
from rich.text import Text

from schemas.alert import Alert
from schemas.claim import PositionClaim, StatusClaim
from schemas.issue_state import IssueState
from schemas.registry import Registry

STANCE_STYLE = {
    "supports": "green",
    "conditional": "yellow",
    "undecided": "cyan",
    "opposes": "bold red",
}
SEVERITY_STYLE = {"info": "cyan", "warning": "yellow", "critical": "bold red"}


def key_actors(states: Iterable[IssueState], limit: int = 8) -> list[str]:
    """The actors holding positions on the most issues (ties by id)."""
    counts = Counter(a for s in states for a in s.positions)
    return [a for a, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]]


def stance(value: str) -> Text:
    return Text(value, style=STANCE_STYLE.get(value, ""))


def issues_table(states: list[IssueState], registry: Registry) -> Table:
    """One row per issue: status, then each key actor's stance."""
    actors = key_actors(states)
    table = Table(title="peacewatch: who stands where", header_style="bold")
    table.add_column("issue")
    table.add_column("status")
    for actor in actors:
        table.add_column(actor, justify="center")
    by_id = {s.issue: s for s in states}
    for idef in registry.issues:
        state = by_id.get(idef.id)
        row: list[Text | str] = [idef.id, state.status if state else idef.initial_status]
        for actor in actors:
            pos = state.positions.get(actor) if state else None
            row.append(stance(pos.stance.value) if pos else Text("·", style="dim"))
        table.add_row(*row)
    return table


def issue_table(state: IssueState, registry: Registry) -> Table:
    """Positions on one issue with since-when and evidence."""
    names = {a.id: a.name for a in registry.actors}
    since = f" since {state.status_since:%Y-%m-%d}" if state.status_since else ""
    table = Table(
        title=f"{state.title} — status {state.status}{since} (v{state.version})",
        header_style="bold",
        show_lines=True,
    )
    for col in ("actor", "stance", "since", "evidence"):
        table.add_column(col)
    for actor, pos in sorted(state.positions.items()):
        evidence = "\n".join(
            f"{e.source.name}: {e.quote[:90]!r} <{e.source.url}>" for e in pos.evidence[-3:]
        )
        extra = f"\n(+{pos.corroborations} corroborations)" if pos.corroborations else ""
        table.add_row(
            f"{names.get(actor, actor)} ({actor})",
            stance(pos.stance.value),
            f"{pos.since:%Y-%m-%d %H:%M}",
            evidence + extra,
        )
    return table


def timeline_table(issue: str, claims: list[PositionClaim | StatusClaim]) -> Table:
    """Every claim on an issue in event-time order."""
    table = Table(title=f"timeline of {issue}", header_style="bold")
    for col in ("time", "actor", "claim", "source", "by"):
        table.add_column(col)
    for c in claims:
        what = (
            stance(c.stance.value)
            if isinstance(c, PositionClaim)
            else Text(f"status {c.status}", style="magenta")
        )
        table.add_row(
            f"{c.occurred_at:%Y-%m-%d %H:%M}",
            c.actor or "",
            what,
            c.evidence[0].source.name,
            c.producer,
        )
    return table


def alert_line(alert: Alert) -> Text:
    """One alert as a coloured line."""
    sev = alert.data.severity.value
    line = Text(f"{alert.time:%Y-%m-%d %H:%M} ")
    line.append(f"{sev:8}", style=SEVERITY_STYLE.get(sev, ""))
    line.append(f" {alert.data.summary}")
    return line
