"""The `lintgoals` command (typer). Thin: parse options, build the plan, run,
pick a formatter, set the exit code (0 clean, 1 findings, 2 tool error)."""
from __future__ import annotations

import os
import sys
import time
from enum import Enum
from typing import List, Optional

import typer

from . import __version__
from .config import Config, ConfigError, find_config, read_config, validate
from .engine import SelectionError
from .registry import Registry, RegistryError, load_registry

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="Lint performance target tables (财政项目支出绩效目标表) before submission.")


class Fmt(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"
    junit = "junit"
    gitlab = "gitlab"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


class Lang(str, Enum):
    zh = "zh"
    en = "en"


def _split(values: Optional[List[str]]) -> List[str]:
    out: List[str] = []
    for v in values or []:
        out += [p.strip() for p in v.split(",") if p.strip()]
    return out


def _fail(message: str) -> "typer.Exit":
    typer.echo(f"lintgoals: error: {message}", err=True)
    return typer.Exit(2)


def _lang(option: Optional[Lang], config: Optional[Config] = None) -> str:
    if option is not None:
        return option.value
    env = os.environ.get("LINTGOALS_LANG", "").strip().lower()
    if env in ("zh", "en"):
        return env
    if config is not None and config.lang:
        return config.lang
    return "zh"


def _registry(checks_dirs: List[str]) -> Registry:
    try:
        return load_registry(checks_dirs)
    except RegistryError as exc:
        raise _fail(str(exc))


def _config(path: Optional[str], start: str, registry: Registry) -> Config:
    source = path or find_config(start)
    if source is None:
        return Config()
    if not os.path.isfile(source):
        raise _fail(f"config file {source!r} not found")
    try:
        cfg = validate(read_config(source), list(registry), source=source)
    except ConfigError as exc:
        raise _fail(str(exc))
    cfg.path = source
    return cfg


def _progress(results, total: int, quiet: bool):
    """A progress bar on a terminal for runs over many files (rich, through typer);
    `total` 0 = not counted in advance (a streamed run): no bar."""
    if quiet or total < 200 or not sys.stderr.isatty():
        yield from results
        return
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task("lintgoals", total=total)
        for item in results:
            bar.advance(task)
            yield item


def _report_stale(stale, baseline: str, language: str) -> None:
    if language == "zh":
        typer.echo(f"lintgoals：基线 {baseline} 中有 {len(stale)} 条记录已不再出现（已改正）；"
                   f"用 --write-baseline 重写基线使其缩小：", err=True)
    else:
        typer.echo(f"lintgoals: {len(stale)} entries of the baseline {baseline} no longer match (fixed); "
                   f"shrink it with --write-baseline:", err=True)
    for e in stale:
        typer.echo(f"  stale: {e.get('file')} {e.get('code')} {e.get('path')}", err=True)


def _version_callback(value: bool) -> None:
    if value:
        from .load import LIBYAML

        loader = "libyaml" if LIBYAML else "pure-Python YAML loader (libyaml missing: slower)"
        typer.echo(f"lintgoals {__version__} ({loader}, Python {sys.version.split()[0]})")
        raise typer.Exit(0)


@app.callback()
def _main(version: bool = typer.Option(False, "--version", callback=_version_callback, is_eager=True,
                                       help="Show the version and exit.")) -> None:
    """lintgoals finds the mistakes reviewers send target tables back for."""


@app.command()
def check(
    paths: List[str] = typer.Argument(None, help="Files and folders (default: the current folder)."),
    format: Fmt = typer.Option(Fmt.text, "--format", "-f", help="Output format."),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write the report to this file."),
    select: Optional[List[str]] = typer.Option(None, "--select", help="Rule codes or prefixes to run (LG2, LG301)."),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help="Rule codes or prefixes to skip."),
    extend_select: Optional[List[str]] = typer.Option(None, "--extend-select", help="Add codes to the selection."),
    fail_on: Optional[FailOn] = typer.Option(None, "--fail-on", help="Lowest severity that makes the exit code 1 [default: error]."),
    config: Optional[str] = typer.Option(None, "--config", help="Config file (default: .lintgoals.yaml or pyproject.toml, searched upward)."),
    lang: Optional[Lang] = typer.Option(None, "--lang", help="Message language [default: zh; env LINTGOALS_LANG]."),
    checks_dir: Optional[List[str]] = typer.Option(None, "--checks-dir", help="Load extra checks from this folder (repeatable)."),
    jobs: int = typer.Option(0, "--jobs", "-j", help="Worker processes [default: all cores]."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Do not use the result cache."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No summary line on stderr."),
    fix: bool = typer.Option(False, "--fix", help="Apply safe fixes first, then report what is left."),
    baseline: Optional[str] = typer.Option(None, "--baseline", help="Hide the findings recorded in this baseline file."),
    write_baseline: Optional[str] = typer.Option(None, "--write-baseline", help="Record the current findings in this file."),
) -> None:
    """Lint target tables: files and folders (*.yaml, *.yml, *.json, and .xlsx/.docx/.txt forms)."""
    from .formatters import ReportContext, load
    from .runner import Plan, Totals, discover, iter_files, run

    started = time.perf_counter()
    paths = paths or ["."]
    registry = _registry(checks_dir or [])
    cfg = _config(config, paths[0], registry)
    plan = Plan(config=cfg, checks_dirs=tuple(checks_dir or ()), select=tuple(_split(select)),
                ignore=tuple(_split(ignore)), extend_select=tuple(_split(extend_select)),
                cache_root=None if no_cache else cfg.root)
    try:
        engine = plan.engine(registry)
    except SelectionError as exc:
        raise _fail(f"unknown rule code or prefix {exc.args[0]!r} (see `lintgoals rules`)")
    if fix:
        if _fix_files(discover(paths), engine, cfg, False)[2]:
            raise typer.Exit(2)
    language = _lang(lang, cfg)
    to_tty = output is None and sys.stdout.isatty()
    try:
        formatter = load(format.value)
    except (ValueError, ImportError) as exc:
        raise _fail(f"format {format.value!r} is not available: {exc}")
    streaming = hasattr(formatter, "chunk") and not write_baseline
    # a streaming report reads the file tree as it goes; the others need the whole list
    files = iter_files(paths) if streaming and not baseline else discover(paths)
    ctx = ReportContext(specs=registry.specs, lang=language, color=to_tty and format == Fmt.text,
                        version=__version__, paths=files if isinstance(files, list) else [])
    known = None
    if baseline and not write_baseline:
        from .baseline import Baseline, BaselineError

        try:
            known = Baseline.read(baseline)
        except BaselineError as exc:
            raise _fail(str(exc))
    # findings stream out file by file (memory does not grow with the number of
    # files) unless the format needs them all at once or a baseline is written
    kept: List = []
    totals = Totals()
    sink = open(output, "w", encoding="utf-8") if output else sys.stdout
    try:
        if streaming:
            sink.write(formatter.start(ctx))
        total = len(files) if isinstance(files, list) else 0
        for _, found in _progress(run(plan, files, jobs=jobs, engine=engine), total, quiet):
            totals.files += 1
            if known is not None:
                found = known.take(found)
            totals.add(found)
            if streaming:
                text = formatter.chunk(found, ctx)
                if text:  # most files of a clean tree have nothing to say
                    sink.write(text)
            else:
                kept.extend(found)
        if write_baseline:
            from .baseline import write

            n = write(write_baseline, kept, ctx.message)
            typer.echo(f"lintgoals: wrote {n} findings to the baseline {write_baseline}", err=True)
        ctx.files = totals.files
        sink.write(formatter.end(totals, ctx) if streaming else formatter.render(kept, ctx))
        sink.flush()
    finally:
        if output:
            sink.close()
    if known is not None:
        stale = known.stale(files)
        if stale:
            _report_stale(stale, baseline, language)
    if not quiet:
        took = time.perf_counter() - started
        if language == "zh":
            line = (f"lintgoals：{totals.files} 个文件，{totals.errors} 个错误，{totals.warnings} 个警告，"
                    f"{totals.infos} 个提示（{took:.2f} 秒）")
        else:
            line = (f"lintgoals: {totals.files} files, {totals.errors} errors, {totals.warnings} warnings, "
                    f"{totals.infos} infos ({took:.2f}s)")
        typer.echo(line, err=True)
    threshold = (fail_on.value if fail_on else None) or cfg.fail_on or "error"
    raise typer.Exit(totals.exit_code(threshold))


@app.command()
def fix(
    paths: List[str] = typer.Argument(None, help="Files and folders (default: the current folder)."),
    diff: bool = typer.Option(False, "--diff", help="Print the changes as a unified diff instead of writing them."),
    select: Optional[List[str]] = typer.Option(None, "--select", help="Only these codes or prefixes."),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help="Not these codes or prefixes."),
    config: Optional[str] = typer.Option(None, "--config", help="Config file."),
    checks_dir: Optional[List[str]] = typer.Option(None, "--checks-dir", help="Load extra checks from this folder."),
    lang: Optional[Lang] = typer.Option(None, "--lang", help="Message language."),
) -> None:
    """Apply the safe fixes of fixable rules (LG209 notation, LG502 markup) in place, atomically."""
    from .runner import Plan, discover

    paths = paths or ["."]
    registry = _registry(checks_dir or [])
    cfg = _config(config, paths[0], registry)
    plan = Plan(config=cfg, checks_dirs=tuple(checks_dir or ()), select=tuple(_split(select)), ignore=tuple(_split(ignore)))
    try:
        engine = plan.engine(registry)
    except SelectionError as exc:
        raise _fail(f"unknown rule code or prefix {exc.args[0]!r} (see `lintgoals rules`)")
    fixed, changed_files, failed = _fix_files(discover(paths), engine, cfg, diff)
    language = _lang(lang, cfg)
    verb = ("可修复" if diff else "已修复") if language == "zh" else ("fixable" if diff else "fixed")
    if language == "zh":
        typer.echo(f"lintgoals：{verb} {fixed} 处，涉及 {changed_files} 个文件", err=True)
    else:
        typer.echo(f"lintgoals: {verb} {fixed} findings in {changed_files} files", err=True)
    if failed:
        raise typer.Exit(2)
    raise typer.Exit(1 if diff and fixed else 0)


def _fix_files(files, engine, cfg, show_diff: bool):
    """(fixes applied, files changed, any failure) — shared by `fix` and `check --fix`."""
    from .fix import FixError, diff as unified, fix_text, write_atomic
    from .load import JSON_SUFFIXES, YAML_SUFFIXES, decode
    from .runner import lint_document

    fixed = changed = 0
    failed = False
    for path in files:
        if not path.lower().endswith(YAML_SUFFIXES + JSON_SUFFIXES):
            continue
        try:
            with open(path, "rb") as fh:
                original = fh.read()
        except OSError as exc:
            typer.echo(f"lintgoals: {path}: {exc.strerror}", err=True)
            failed = True
            continue
        text, problem = decode(original)
        if problem is not None:
            continue  # unreadable: `check` reports it (LG001)
        new, n = fix_text(text, lambda d: lint_document(engine, cfg, d), path, path.lower().endswith(JSON_SUFFIXES))
        if not n or new == text:
            continue
        fixed += n
        changed += 1
        if show_diff:
            sys.stdout.write(unified(path, text, new))
            continue
        try:
            write_atomic(path, new, original)
        except (FixError, OSError) as exc:
            typer.echo(f"lintgoals: {exc}", err=True)
            failed = True
    return fixed, changed, failed


@app.command("import")
def import_(
    file: str = typer.Argument(..., help="A form: .xlsx, .docx, or the text of a 2018/2020/2026 form."),
    output: str = typer.Option(..., "--output", "-o", help="A YAML file, or a folder (existing, or ending in /) for one file per table."),
) -> None:
    """Read a real form into format-1 YAML (one file per table)."""
    from .importers import FormError, read_tables
    from .importers.emit import to_yaml

    try:
        tables = read_tables(file)
    except FormError as exc:
        raise _fail(f"{file}: cannot import ({exc.kind}): {exc.args_}")
    except OSError as exc:
        raise _fail(f"{file}: {exc.strerror or exc}")
    if not tables:
        raise _fail(f"{file}: no target table found")
    to_folder = os.path.isdir(output) or output.endswith(("/", os.sep))
    if len(tables) > 1 and not to_folder:
        raise _fail(f"{file} holds {len(tables)} tables: give a folder as --output (ending in /)")
    stem = os.path.splitext(os.path.basename(file))[0]
    written = []
    for i, table in enumerate(tables, 1):
        if to_folder:
            os.makedirs(output, exist_ok=True)
            name = f"{stem}-{i}.yaml" if len(tables) > 1 else f"{stem}.yaml"
            target = os.path.join(output, name)
        else:
            target = output
        with open(target, "w", encoding="utf-8") as fh:
            fh.write(to_yaml(table, os.path.basename(file) + (f" (table {i})" if len(tables) > 1 else "")))
        written.append(target)
    for w in written:
        typer.echo(f"wrote {w}")


@app.command()
def rules(
    lang: Optional[Lang] = typer.Option(None, "--lang", help="Language of the summaries."),
    checks_dir: Optional[List[str]] = typer.Option(None, "--checks-dir", help="Include checks from this folder."),
    format: str = typer.Option("text", "--format", help="text or json."),
) -> None:
    """Every rule: code, name, default severity, fixable, one-line summary."""
    registry = _registry(checks_dir or [])
    language = _lang(lang)
    rows = [[s.code, s.name, str(s.severity), "yes" if s.fixable else "", s.one_line(language)] for s in registry]
    if format == "json":
        import json

        keys = ["code", "name", "severity", "fixable", "summary"]
        data = [dict(zip(keys, [r[0], r[1], r[2], bool(r[3]), r[4]])) for r in rows]
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    from tabulate import tabulate

    head = ["code", "name", "severity", "fixable", "summary"]
    typer.echo(tabulate(rows, headers=head, tablefmt="simple"))


@app.command()
def explain(
    code: str = typer.Argument(..., help="A rule code (LG201) or name (vague-value)."),
    lang: Optional[Lang] = typer.Option(None, "--lang", help="Language of the page."),
    checks_dir: Optional[List[str]] = typer.Option(None, "--checks-dir", help="Include checks from this folder."),
) -> None:
    """One rule's documentation: what it flags, why, a bad and a good example, options."""
    registry = _registry(checks_dir or [])
    spec = registry.by_name_or_code(code)
    if spec is None:
        raise _fail(f"unknown rule {code!r} (see `lintgoals rules`)")
    language = _lang(lang)
    fix = {"zh": "（可自动修复）", "en": " (fixable)"}[language] if spec.fixable else ""
    sev = str(spec.severity)
    typer.echo(f"{spec.code} {spec.name} [{sev}]{fix}\n")
    typer.echo(spec.explain(language))
    if spec.options:
        label = "选项默认值" if language == "zh" else "Option defaults"
        typer.echo(f"\n{label}:")
        for key, value in spec.option_defaults().items():
            typer.echo(f"  {key}: {value!r}")


STARTER = """\
# lintgoals configuration (see `lintgoals rules` and `lintgoals explain CODE`).
# Every key is optional; unknown keys are errors.

# Rules to run: codes or prefixes (LG2 = all value rules). Default: all.
# select: [LG]
# ignore: [LG209]
# extend-select: []

# Lowest severity that makes `lintgoals check` exit 1: error | warning | info | never
fail-on: error

# Message language: zh | en
lang: zh

# Change a rule's severity, e.g. relax the Shanghai cost-indicator rule:
# severity: {LG108: info}

# Turn rules off for some files (globs relative to this file):
# per-file-ignores:
#   "archive/**/*.yaml": [LG2, LG5]

# Options of RULES.md (defaults shown); each may also be set per rule under `rules:`.
# satisfaction_min: 85     # LG203, in %
# amount_tolerance: 1      # LG301/LG302, in 元
# budget_jump_pct: 30      # LG306, in %
# prose_min_chars: 15      # LG201/LG207
# notation: form           # LG209's fix: form (≥90.00(%)) or plain (≥90%)
# extend_vague_terms: []   # LG201: more vague words
# extend_verifiable_states: []
# rules:
#   LG207: {prose_min_chars: 20}

# Add or override a form template's taxonomy:
# templates:
#   "2026": {required: [产出指标, 效益指标]}
"""

PRECOMMIT = """\
repos:
  - repo: https://github.com/lintgoals/lintgoals   # or a path to this repository
    rev: v{version}
    hooks:
      - id: lintgoals
"""


@app.command()
def init(
    folder: str = typer.Argument(".", help="Where to write the files."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing .lintgoals.yaml."),
) -> None:
    """Write a starter .lintgoals.yaml (and .pre-commit-config.yaml when there is none)."""
    target = os.path.join(folder, ".lintgoals.yaml")
    if os.path.exists(target) and not force:
        raise _fail(f"{target} exists; use --force to overwrite it")
    with open(target, "w", encoding="utf-8") as fh:
        fh.write(STARTER)
    typer.echo(f"wrote {target}")
    hook = os.path.join(folder, ".pre-commit-config.yaml")
    snippet = PRECOMMIT.format(version=__version__)
    if os.path.exists(hook):
        typer.echo(f"{hook} exists; add this to its repos:\n{snippet}")
    else:
        with open(hook, "w", encoding="utf-8") as fh:
            fh.write(snippet)
        typer.echo(f"wrote {hook}")


@app.command()
def schema() -> None:
    """Print the path of the format-1 JSON Schema (for editors)."""
    from .schemas import FORMAT1

    typer.echo(FORMAT1)


def main() -> None:
    """Entry point: typer's own usage errors already exit 2; anything
    unexpected is a tool failure (exit 2) with a clear one-line message."""
    try:
        app(standalone_mode=True)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        typer.echo("lintgoals: interrupted", err=True)
        sys.exit(2)
    except Exception as exc:  # the tool's own failure: exit 2, never a bare traceback
        typer.echo(f"lintgoals: internal error: {type(exc).__name__}: {exc}", err=True)
        if os.environ.get("LINTGOALS_DEBUG"):
            raise
        sys.exit(2)


if __name__ == "__main__":
    main()
