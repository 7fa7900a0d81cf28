"""Score the extractor against labelled items: precision, recall and F1 over triples."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, NamedTuple

from schemas.claim import PositionClaim
from schemas.inputs import NewsArticle
from schemas.registry import Registry
from services.extractor.rules import extract

Triple = tuple[str, str, str]


class EvalInputError(ValueError):
    """A labelled file line that cannot be used; names the line and field."""


@dataclass
class Score:
    """True positives, false positives and false negatives, and the ratios."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass
class Report:
    """Overall and per-issue scores, and the items with errors."""

    overall: Score = field(default_factory=Score)
    per_issue: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    items: list[dict[str, Any]] = field(default_factory=list)
    scored: int = 0

    def add(self, other: Report) -> None:
        """Pool another report's counts into this one (scores over several sets)."""
        self.scored += other.scored
        self.items.extend(other.items)
        for mine, theirs in [(self.overall, other.overall)] + [
            (self.per_issue[k], v) for k, v in other.per_issue.items()
        ]:
            mine.tp += theirs.tp
            mine.fp += theirs.fp
            mine.fn += theirs.fn

    def as_dict(self) -> dict[str, Any]:
        return {
            **self.overall.as_dict(),
            "scored": self.scored,
            "per_issue": {k: v.as_dict() for k, v in sorted(self.per_issue.items())},
            "items": self.items,
        }


def _triples(rows: Any, where: str) -> set[Triple]:
    try:
        return {(r["actor"], r["issue"], r["stance"]) for r in rows}
    except (TypeError, KeyError) as exc:
        raise EvalInputError(f"{where}: each label needs actor, issue and stance ({exc})") from None


class Labelled(NamedTuple):
    """One labelled item: where it stands, the article, and its labels."""

    where: str
    article: NewsArticle
    expected: set[Triple]
    arguable: set[Triple]


def labelled(lines: Iterable[str], source: str = "<input>") -> Iterator[Labelled]:
    """The labelled items of JSON lines; a bad line is named by source, line and field."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvalInputError(f"{where}: not JSON: {exc.msg}") from None
        yield Labelled(
            where,
            article(item, where),
            _triples(item.get("expected", []), f"{where}: field 'expected'"),
            _triples(item.get("arguable", []), f"{where}: field 'arguable'"),
        )


def article(item: dict[str, Any], where: str) -> NewsArticle:
    """A labelled item as the NewsArticle the extractor reads."""
    try:
        published = item["published"]
        when = datetime.fromisoformat(published)
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        return NewsArticle(
            id=item["id"],
            published_at=when,
            source=item["source"],
            headline=item.get("headline", ""),
            body=item["text"],
            language=item.get("language", "en"),
        )
    except KeyError as exc:
        raise EvalInputError(f"{where}: field {exc.args[0]!r} is missing") from None
    except ValueError as exc:
        raise EvalInputError(f"{where}: {exc}") from None


def evaluate(lines: Iterable[str], registry: Registry, source: str = "<input>") -> Report:
    """Run the extractor on every item and score unique (actor, issue, stance) triples."""
    report = Report()
    for _, news, expected, arguable in labelled(lines, source):
        got = {
            (c.actor, c.issue, c.stance.value)
            for c in extract(news, registry)
            if isinstance(c, PositionClaim)
        }
        got -= arguable - expected
        report.scored += 1
        tp, fp, fn = got & expected, got - expected, expected - got
        report.overall.tp += len(tp)
        report.overall.fp += len(fp)
        report.overall.fn += len(fn)
        for kind, triples in (("tp", tp), ("fp", fp), ("fn", fn)):
            for _, issue, _ in triples:
                setattr(report.per_issue[issue], kind, getattr(report.per_issue[issue], kind) + 1)
        if fp or fn:
            report.items.append(
                {"id": news.id, "false_positives": sorted(fp), "false_negatives": sorted(fn)}
            )
    return report
