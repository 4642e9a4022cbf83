"""Command line: argument handling and exit codes only; the work happens elsewhere."""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path

import typer

from checker import __version__

from checker.errors import EXIT_OK, EXIT_THRESHOLD, EXIT_UNREADABLE, EXIT_USAGE

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Check drug-treatment commissioning documents against national frameworks.")
rules_app = typer.Typer(no_args_is_help=True, help="Work with the rule packs.")
app.add_typer(rules_app, name="rules")


class Format(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"
    html = "html"
    sarif = "sarif"
    junit = "junit"
    csv = "csv"


class FailOn(str, Enum):
    missing = "missing"
    weak = "weak"
    never = "never"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"checker {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """Check drug-treatment commissioning documents against national frameworks."""


@app.command()
def check(
    paths: list[str] = typer.Argument(..., help="Files, folders, or - for text on stdin."),
    framework: list[str] | None = typer.Option(None, "--framework", "-f",
                                               help="Framework id (repeatable) or 'all' "
                                                    "(default: the config's, else phe2018)."),
    fmt: Format | None = typer.Option(None, "--format",
                                      help="Output format (default: table on a terminal, "
                                           "else json)."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write the report here."),
    fail_on: FailOn | None = typer.Option(None, "--fail-on",
                                          help="Exit 1 if any item is missing (or weak) "
                                               "(default: the config's, else never)."),
    min_coverage: float | None = typer.Option(None, "--min-coverage", min=0, max=100,
                                              help="Exit 1 if any framework's coverage "
                                                   "(percent) is below this."),
    config: Path | None = typer.Option(None, "--config", help="checker.toml or pyproject.toml."),
    jobs: int | None = typer.Option(None, "--jobs", "-j", min=1,
                                    help="Worker processes: documents of a batch, or parts "
                                         "of one long document, at once "
                                         "(default: one per CPU, up to 8)."),
    password: str | None = typer.Option(None, "--password", help="Password for encrypted PDFs."),
    max_file_size: int = typer.Option(200, "--max-file-size", min=1,
                                      help="Largest file to read, in MB."),
    max_part_size: int = typer.Option(100, "--max-part-size", min=1,
                                      help="Largest decompressed part of a DOCX, in MB."),
    max_pages: int = typer.Option(2000, "--max-pages", min=1, help="Most pages of a PDF to read."),
    timeout: float = typer.Option(300, "--timeout", min=0,
                                  help="Seconds allowed per document (0: no limit)."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Show evidence in the table."),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks."),
) -> None:
    """Check documents and report every framework item as covered, weak or missing."""
    from checker.run import CheckOptions, run_check

    options = CheckOptions(
        frameworks=framework, fmt=fmt.value if fmt else None, output=output,
        fail_on=fail_on.value if fail_on else None, min_coverage=min_coverage, config=config,
        password=password, max_file_mb=max_file_size, max_part_mb=max_part_size,
        max_pages=max_pages, timeout=timeout, verbose=verbose, jobs=jobs)
    raise typer.Exit(_guarded(debug, lambda: run_check(paths, options)))


@app.command()
def diff(
    old: Path = typer.Argument(..., help="Earlier document or JSON report."),
    new: Path = typer.Argument(..., help="Later document or JSON report."),
    framework: list[str] = typer.Option(["phe2018"], "--framework", "-f"),
    fmt: str = typer.Option("text", "--format", help="text or json."),
) -> None:
    """Compare two versions: newly covered, newly missing, changed evidence (exit 1 on
    regressions)."""
    from checker.diff import compare, findings_of, render_changes

    def run() -> int:
        changes = compare(findings_of(old, framework), findings_of(new, framework))
        typer.echo(render_changes(changes, fmt), nl=False)
        return EXIT_THRESHOLD if any(c.kind == "regressed" for c in changes) else EXIT_OK

    raise typer.Exit(_guarded(False, run))


@app.command()
def frameworks() -> None:
    """List the frameworks with their item counts."""
    from checker.rules import load_packs

    def show() -> int:
        for pack in load_packs(["all"]):
            kinds: dict[str, int] = {}
            for item in pack.items:
                kinds[item.kind] = kinds.get(item.kind, 0) + 1
            detail = ", ".join(f"{n} {k}" for k, n in kinds.items())
            typer.echo(f"{pack.id:<10} {len(pack.items):>4} items ({detail})  {pack.title}")
        return EXIT_OK

    raise typer.Exit(_guarded(False, show))


@app.command()
def show(item_id: str = typer.Argument(..., help="An item id, e.g. phe2018.s4.i8.")) -> None:
    """Show one item: its text, source, rule and examples."""
    from checker.show import render_item

    raise typer.Exit(_guarded(False, lambda: render_item(item_id)))


@rules_app.command("test")
def rules_test(framework: list[str] = typer.Option(["all"], "--framework", "-f")) -> None:
    """Run every rule's own examples; exit 1 on any failure."""
    from checker.examples import run_examples
    from checker.rules import load_packs

    def test() -> int:
        failed = 0
        for pack in load_packs(framework):
            runs, failures = run_examples(pack)
            failed += len(failures)
            for f in failures:
                typer.echo(f"FAIL {f.item}: expected {f.expected}, got {f.got}: {f.text!r}")
            typer.echo(f"{pack.id}: {runs - len(failures)}/{runs} examples pass")
        return EXIT_THRESHOLD if failed else EXIT_OK

    raise typer.Exit(_guarded(False, test))


def _guarded(debug: bool, action) -> int:
    """Run `action`; the checker's own errors become one line on stderr and an exit code."""
    from checker.errors import CheckerError, UnreadableDocument

    try:
        return action()
    except BrokenPipeError:
        raise  # the reader went away (e.g. `| head`); main() leaves quietly
    except (CheckerError, OSError) as exc:
        if debug:
            raise
        typer.echo(f"checker: error: {exc}", err=True)
        return EXIT_UNREADABLE if isinstance(exc, UnreadableDocument) else EXIT_USAGE


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)


if __name__ == "__main__":
    main()
