"""The ``peacewatch`` command: worker, topics, publish, rebuild, and views for people."""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Coroutine, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from pydantic import ValidationError

from services.logs import configure
from services.registry import RegistryError, load_registry
from services.settings import ENV_PREFIX, Settings, get_settings

if TYPE_CHECKING:
    from schemas.issue_state import IssueState

T = TypeVar("T")

cli = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="peacewatch: who holds which position on which negotiation issue.",
)
topics_cli = typer.Typer(no_args_is_help=True, help="Manage the contract's Kafka topics.")
cli.add_typer(topics_cli, name="topics")


def _settings() -> Settings:
    """The settings, or a one-line error naming the environment variable that is wrong."""
    try:
        return get_settings()
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            var = ENV_PREFIX + "_".join(str(p) for p in err["loc"]).upper()
            typer.secho(f"setting {var}={err.get('input')!r}: {err['msg']}", fg="red", err=True)
        raise typer.Exit(2) from None


def _registry(settings: Settings):  # type: ignore[no-untyped-def]
    try:
        return load_registry(settings.registry_dir)
    except RegistryError as exc:
        typer.secho(f"registry error: {exc}", fg="red", err=True)
        raise typer.Exit(2) from None


@contextmanager
def _input_errors(file: object, *refused: type[Exception]) -> Iterator[None]:
    """A file that cannot be read, or whose content raises one of ``refused`` (errors that
    name the file, line and field themselves): one red line, exit 2."""
    try:
        yield
    except OSError as exc:
        typer.secho(f"{file}: {exc.strerror}", fg="red", err=True)
        raise typer.Exit(2) from None
    except refused as exc:
        typer.secho(str(exc), fg="red", err=True)
        raise typer.Exit(2) from None


def _run_kafka(settings: Settings, coro: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine that talks to Kafka; turn connection and auth failures into one line."""
    from aiokafka.errors import KafkaError

    try:
        return asyncio.run(coro)
    except KafkaError as exc:
        text = f"{type(exc).__name__}: {exc}"
        if "sasl" in text.lower() or "authentica" in text.lower():
            who = settings.sasl_username or "(no user)"
            typer.secho(
                f"Kafka at {settings.kafka_bootstrap}: authentication failed for "
                f"{who} ({settings.sasl_mechanism}): {text}",
                fg="red",
                err=True,
            )
        else:
            typer.secho(f"Kafka at {settings.kafka_bootstrap}: {text}", fg="red", err=True)
        raise typer.Exit(2) from None


@cli.command()
def worker() -> None:
    """Run the stream processors and the HTTP server (Ctrl-C stops)."""
    settings = _settings()
    configure(settings)
    registry = _registry(settings)
    from services.bootstrap import make_extractor, warm_stories_when_reachable
    from services.extractor.stories import StoryIndex
    from services.worker import build, run_worker

    stories = StoryIndex()
    try:
        asyncio.run(warm_stories_when_reachable(settings, stories))
    except KeyboardInterrupt:
        raise typer.Exit(130) from None
    run_worker(build(settings, registry, make_extractor(registry, stories)))


@topics_cli.command("create")
def topics_create(
    fix_config: Annotated[
        bool,
        typer.Option(
            "--fix-config",
            help="set the configuration of existing contract topics to the expected one "
            "(partition counts are never changed)",
        ),
    ] = False,
) -> None:
    """Create the contract's topics; report any that exist with other settings."""
    from services.kafka_admin import create_topics

    settings = _settings()
    reports = _run_kafka(settings, create_topics(settings, fix_config=fix_config))
    bad = False
    for r in reports:
        line = f"{r.action:8} {r.name}"
        if r.problems:
            bad = True
            line += "  (" + "; ".join(r.problems) + ")"
        typer.secho(line, fg="red" if r.problems else None)
    if bad:
        if not fix_config and any(r.config_differs for r in reports):
            typer.secho(
                "configuration differences can be fixed with: peacewatch topics create "
                "--fix-config (partition counts cannot)",
                err=True,
            )
        raise typer.Exit(1)


@cli.command("publish")
def publish_cmd(
    kind: Annotated[str, typer.Argument(help="news or statements")],
    file: Annotated[str, typer.Argument(help="a JSON-lines file, or - for stdin")],
) -> None:
    """Validate a JSON-lines file and publish its valid records; exit 1 if any line is bad."""
    from services.publish import check_lines, publish

    if kind not in ("news", "statements"):
        typer.secho(f"unknown kind {kind!r}: use news or statements", fg="red", err=True)
        raise typer.Exit(2)
    settings = _settings()
    registry = _registry(settings)
    with _input_errors(file):
        if file == "-":
            checked = check_lines(kind, sys.stdin, "<stdin>", registry, settings.max_record_bytes)
        else:
            with Path(file).open(encoding="utf-8", errors="surrogateescape") as fh:
                checked = check_lines(kind, fh, file, registry, settings.max_record_bytes)
    for rejection in checked.rejected:
        typer.secho(str(rejection), fg="red", err=True)
    sent = _run_kafka(settings, publish(settings, kind, checked.valid)) if checked.valid else 0
    typer.echo(f"published {sent}, rejected {len(checked.rejected)}")
    if checked.rejected:
        raise typer.Exit(1)


schemas_cli = typer.Typer(no_args_is_help=True, help="The contract's JSON Schemas.")
cli.add_typer(schemas_cli, name="schemas")


@schemas_cli.command("export")
def schemas_export(
    directory: Annotated[Path | None, typer.Option(help="where to write")] = None,
) -> None:
    """Write the JSON Schema of every contract model (default: schemas/json/)."""
    from schemas.export import JSON_DIR, export

    for path in export(directory or JSON_DIR):
        typer.echo(str(path))


@cli.command()
def rebuild(
    dry_run: Annotated[bool, typer.Option("--dry-run", help="compare only; write nothing")] = False,
) -> None:
    """Replay the input topics into fresh projections; never re-publishes an alert.

    Run it with the workers stopped: a live projector writes newer states meanwhile.
    """
    from services.bootstrap import make_extractor
    from services.rebuild import rebuild as run_rebuild

    settings = _settings()
    registry = _registry(settings)
    report = _run_kafka(
        settings, run_rebuild(settings, registry, make_extractor(registry), write=not dry_run)
    )
    typer.echo(
        f"replayed {report.input_records} input records ({report.rejected_records} rejected) "
        f"into {report.claims} claims ({report.claims_not_in_log} not yet in the claims log)"
    )
    typer.echo(f"{len(report.states)} issue states rebuilt, {report.states_written} written")
    typer.echo(
        f"{len(report.alerts)} alerts derived, {report.alerts_on_topic} on the alert topic, "
        f"{len(report.alerts_missing)} derived but never published, "
        f"{len(report.alerts_unexplained)} published but not derived; none re-published"
    )


sample_cli = typer.Typer(no_args_is_help=True, help="The sample scenario.")
cli.add_typer(sample_cli, name="sample")


@sample_cli.command("publish-if-empty")
def sample_publish_if_empty(file: Annotated[Path, typer.Argument()]) -> None:
    """Publish a sample statements file unless the input topics already hold data."""
    from services.publish import check_lines, publish
    from services.topic_reader import end_offsets
    from services.topics import INPUT_TOPICS, topic_name

    settings = _settings()
    registry = _registry(settings)

    async def has_data() -> bool:
        for topic in INPUT_TOPICS:
            if any((await end_offsets(settings, topic_name(settings, topic))).values()):
                return True
        return False

    if _run_kafka(settings, has_data()):
        typer.echo("sample skipped: the input topics already hold data")
        return
    with file.open(encoding="utf-8") as fh:
        checked = check_lines("statements", fh, str(file), registry, settings.max_record_bytes)
    for rejection in checked.rejected:
        typer.secho(str(rejection), fg="red", err=True)
    if checked.rejected:
        raise typer.Exit(1)
    sent = _run_kafka(settings, publish(settings, "statements", checked.valid))
    typer.echo(f"sample published: {sent} statements from {file}")


async def _latest_states(settings: Settings) -> list[IssueState]:
    from schemas.codec import decode_issue_state
    from services.topic_reader import read_all
    from services.topics import Topic, topic_name

    latest: dict[str, IssueState] = {}
    for records in (await read_all(settings, topic_name(settings, Topic.ISSUES))).values():
        for record in records:
            state = decode_issue_state(record.value)
            latest[state.issue] = state
    return list(latest.values())


@cli.command("issues")
def issues_cmd(
    as_json: Annotated[bool, typer.Option("--json", help="JSON for machines")] = False,
) -> None:
    """Every issue: status and each key actor's stance."""
    from rich.console import Console

    from services.views import issues_table

    settings = _settings()
    registry = _registry(settings)
    states = _run_kafka(settings, _latest_states(settings))
    if as_json:
        typer.echo(json.dumps([s.model_dump(mode="json") for s in states]))
        return
    Console().print(issues_table(states, registry))


@cli.command("issue")
def issue_cmd(issue: Annotated[str, typer.Argument(help="issue id")]) -> None:
    """One issue: positions with evidence and since when."""
    from rich.console import Console

    from schemas.issue_state import IssueState
    from services.views import issue_table

    settings = _settings()
    registry = _registry(settings)
    idef = registry.issue(issue)
    if idef is None:
        typer.secho(
            f"unknown issue {issue!r}; known: {', '.join(i.id for i in registry.issues)}",
            fg="red",
            err=True,
        )
        raise typer.Exit(2)
    states = {s.issue: s for s in _run_kafka(settings, _latest_states(settings))}
    state = states.get(issue) or IssueState(
        issue=idef.id, title=idef.title, status=idef.initial_status
    )
    Console().print(issue_table(state, registry))


@cli.command("timeline")
def timeline_cmd(
    issue: Annotated[str, typer.Argument(help="issue id")],
    actor: Annotated[str | None, typer.Option(help="actor id or alias")] = None,
) -> None:
    """Every claim on an issue in event-time order."""
    from rich.console import Console

    from schemas.codec import decode_claim
    from services.read_model import ReadModel
    from services.topic_reader import read_all
    from services.topics import Topic, topic_name
    from services.views import timeline_table

    settings = _settings()
    registry = _registry(settings)
    if registry.issue(issue) is None:
        typer.secho(f"unknown issue {issue!r}", fg="red", err=True)
        raise typer.Exit(2)
    actor_id = None
    if actor is not None:
        actor_id = registry.resolve_actor(actor)
        if actor_id is None:
            typer.secho(f"unknown actor {actor!r}", fg="red", err=True)
            raise typer.Exit(2)
    model = ReadModel(timeline_max=10**9)  # the CLI shows the whole history
    claims = _run_kafka(settings, read_all(settings, topic_name(settings, Topic.CLAIMS)))
    for records in claims.values():
        for record in records:
            model.apply_claim(decode_claim(record.value), record.value)
    entries = model.timeline(issue, actor=actor_id)
    Console().print(timeline_table(issue, model.claims(entries)))


@cli.command("alerts")
def alerts_cmd(
    follow: Annotated[
        bool, typer.Option("--follow", "-f", help="keep printing new alerts")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="one CloudEvent JSON per line")] = False,
    from_beginning: Annotated[bool, typer.Option(help="start at the oldest alert")] = False,
    max_alerts: Annotated[int | None, typer.Option("--max", help="stop after N alerts")] = None,
) -> None:
    """Alerts from the alert topic (read_committed); --follow for a live stream."""
    from services.follow import follow_alerts

    settings = _settings()
    start = "earliest" if from_beginning or not follow else "latest"
    try:
        _run_kafka(
            settings,
            follow_alerts(
                settings, start=start, follow=follow, as_json=as_json, max_alerts=max_alerts
            ),
        )
    except KeyboardInterrupt:
        raise typer.Exit(0) from None


@cli.command("eval")
def eval_cmd(
    files: Annotated[list[Path], typer.Argument(help="labelled JSON lines, one or more files")],
    as_json: Annotated[bool, typer.Option("--json", help="one JSON object")] = False,
    summary: Annotated[
        bool, typer.Option("--summary", help="only the table of sets, no per-issue detail")
    ] = False,
) -> None:
    """Score the extractor on labelled items: precision, recall, F1, per issue, errors.

    With several files, each set is scored on its own and a last table lists every set and
    the counts pooled over all of them.
    """
    from rich.console import Console
    from rich.table import Table

    from services.evaluation import EvalInputError, Report, Score, evaluate

    settings = _settings()
    registry = _registry(settings)
    reports: dict[str, Report] = {}
    for file in files:
        with _input_errors(file, EvalInputError), file.open(encoding="utf-8") as fh:
            reports[str(file)] = evaluate(fh, registry, str(file))
    pooled = Report()
    for report in reports.values():
        pooled.add(report)
    if as_json:
        if len(reports) == 1:
            typer.echo(json.dumps(pooled.as_dict()))
        else:
            body = {name: r.as_dict() for name, r in reports.items()}
            typer.echo(json.dumps({"sets": body, "pooled": pooled.as_dict()}))
        return
    console = Console()
    columns = ("precision", "recall", "f1", "tp", "fp", "fn")

    def cells(score: Score) -> list[str]:
        d = score.as_dict()
        return [*(f"{d[k]:.2f}" for k in columns[:3]), *(str(d[k]) for k in columns[3:])]

    if not summary:
        for name, report in reports.items():
            table = Table(title=f"extractor on {name}", header_style="bold")
            for col in ("issue", *columns):
                table.add_column(col)
            for issue, score in [*sorted(report.per_issue.items()), ("overall", report.overall)]:
                table.add_row(issue, *cells(score))
            console.print(table)
            for item in report.items:
                typer.echo(
                    f"{item['id']}: false positives {item['false_positives']}, "
                    f"false negatives {item['false_negatives']}"
                )
    if summary or len(reports) > 1:
        table = Table(title="extractor, every set", header_style="bold")
        for col in ("set", "items", *columns):
            table.add_column(col)
        for name, report in reports.items():
            table.add_row(Path(name).stem, str(report.scored), *cells(report.overall))
        if len(reports) > 1:
            table.add_row("pooled", str(pooled.scored), *cells(pooled.overall), style="bold")
        console.print(table)


@cli.command()
def explain(
    text: Annotated[
        str | None, typer.Argument(help="the text to read ('-' reads standard input)")
    ] = None,
    file: Annotated[
        Path | None, typer.Option("--file", help="a labelled JSON lines file (with --id)")
    ] = None,
    item_id: Annotated[str | None, typer.Option("--id", help="the item of --file to read")] = None,
) -> None:
    """Show how the extractor reads a text, sentence by sentence: why a sentence was set
    aside, or its speakers, issues, stance cues, conditions and findings; then the claims
    (and, for a labelled item, what was expected)."""
    from rich.console import Console
    from rich.table import Table

    from schemas.claim import PositionClaim
    from services.evaluation import EvalInputError, Labelled, article, labelled
    from services.extractor.rules import Trace, extract, read_sentences

    settings = _settings()
    registry = _registry(settings)
    item: Labelled | None = None
    with _input_errors(file, EvalInputError):
        if file is not None:
            if item_id is None or text is not None:
                typer.secho("--file needs --id and no TEXT", fg="red", err=True)
                raise typer.Exit(2)
            with file.open(encoding="utf-8") as fh:
                item = next((i for i in labelled(fh, str(file)) if i.article.id == item_id), None)
            if item is None:
                typer.secho(f"{file}: no item with id {item_id!r}", fg="red", err=True)
                raise typer.Exit(2)
            news = item.article
        else:
            body = sys.stdin.read() if text == "-" else text
            if not body or not body.strip():
                typer.secho("give a TEXT to read, or --file and --id", fg="red", err=True)
                raise typer.Exit(2)
            source = {"name": "command line", "url": "https://localhost/explain"}
            news = article(
                {"id": "explain", "published": "2026-01-01", "source": source, "text": body},
                "TEXT",
            )
    traces: list[Trace] = []
    findings = read_sentences(news.body, registry, trace=traces)
    table = Table(title="sentences", header_style="bold", show_lines=True)
    for col in ("#", "sentence", "reading"):
        table.add_column(col, overflow="fold")
    for number, t in enumerate(traces, start=1):
        lines_out = [t.outcome]
        if t.speakers:
            lines_out.append(f"speakers: {', '.join(t.speakers)} ({t.how})")
        if t.issues:
            lines_out.append(f"issues: {', '.join(t.issues)}")
        for cue, kind, read_as in t.cues:
            shown = kind if read_as == kind else f"{kind}, read as {read_as or 'nothing'}"
            lines_out.append(f'cue "{cue}": {shown}')
        for condition in t.conditions:
            lines_out.append(f'condition: "{condition}"')
        for f in findings:
            if (f.start, f.end) == (t.start, t.end):
                said = f.stance or f"status {f.status}"
                lines_out.append(f"-> {f.actor} {f.issue} {said}")
        table.add_row(str(number), news.body[t.start : t.end], "\n".join(lines_out))
    console = Console()
    console.print(table)
    claims = [c for c in extract(news, registry) if isinstance(c, PositionClaim)]
    got = {(c.actor, c.issue, c.stance.value) for c in claims}
    for c in claims:
        typer.echo(f"claim: {c.actor} {c.issue} {c.stance.value} (confidence {c.confidence})")
    if not claims:
        typer.echo("claim: none")
    if item is not None:
        typer.echo(f"expected, found: {sorted(item.expected & got)}")
        typer.echo(f"expected, missed: {sorted(item.expected - got)}")
        typer.echo(f"found, not expected: {sorted(got - item.expected - item.arguable)}")


def main() -> None:
    """Console-script entry point."""
    try:
        cli()
    except KeyboardInterrupt:
        sys.exit(130)
