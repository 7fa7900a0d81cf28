"""The ``peacewatch`` command: worker, topics, publish, rebuild, and views for people."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Annotated

import typer

from services.logs import configure
from services.registry import RegistryError, load_registry
from services.settings import Settings, get_settings

cli = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="peacewatch: who holds which position on which negotiation issue.",
)
topics_cli = typer.Typer(no_args_is_help=True, help="Manage the contract's Kafka topics.")
cli.add_typer(topics_cli, name="topics")


def _settings() -> Settings:
    return get_settings()


def _registry(settings: Settings):  # type: ignore[no-untyped-def]
    try:
        return load_registry(settings.registry_dir)
    except RegistryError as exc:
        typer.secho(f"registry error: {exc}", fg="red", err=True)
        raise typer.Exit(2) from None


@cli.command()
def worker() -> None:
    """Run the stream processors and the HTTP server (Ctrl-C stops)."""
    settings = _settings()
    configure(settings)
    registry = _registry(settings)
    from services.worker import build, run_worker

    run_worker(build(settings, registry))


@topics_cli.command("create")
def topics_create() -> None:
    """Create the contract's topics; report any that exist with other settings."""
    from services.kafka_admin import create_topics

    settings = _settings()
    reports = asyncio.run(create_topics(settings))
    bad = False
    for r in reports:
        line = f"{r.action:8} {r.name}"
        if r.problems:
            bad = True
            line += "  (" + "; ".join(r.problems) + ")"
        typer.secho(line, fg="red" if r.problems else None)
    if bad:
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
    try:
        if file == "-":
            checked = check_lines(kind, sys.stdin, "<stdin>", registry, settings.max_record_bytes)
        else:
            with Path(file).open(encoding="utf-8", errors="surrogateescape") as fh:
                checked = check_lines(kind, fh, file, registry, settings.max_record_bytes)
    except OSError as exc:
        typer.secho(f"{file}: {exc.strerror}", fg="red", err=True)
        raise typer.Exit(2) from None
    for rejection in checked.rejected:
        typer.secho(str(rejection), fg="red", err=True)
    sent = asyncio.run(publish(settings, kind, checked.valid)) if checked.valid else 0
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


def main() -> None:
    """Console-script entry point."""
    try:
        cli()
    except KeyboardInterrupt:
        sys.exit(130)


__all__ = ["Annotated", "Path", "cli", "main"]
