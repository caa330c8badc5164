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
from .i18n import LANG as HELP_LANG, choose, did_you_mean, h, localized_classes, os_error, short, t, usage_error
from .load import FORM_SUFFIXES
from .registry import Registry, RegistryError, load_registry

# The language of `--help` is chosen from argv and the environment before the
# app is built (typer reads the help texts when the functions are defined).
_Group, _Command = localized_classes(HELP_LANG)
FORMS = "/".join(FORM_SUFFIXES)
app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None, cls=_Group,
                  help=h("app"))


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
    typer.echo(t("error", message=message), err=True)
    return typer.Exit(2)


def _lang(option: Optional[Lang], config: Optional[Config] = None) -> str:
    """--lang, else LINTGOALS_LANG, else the config's `lang:`, else the locale, else zh."""
    return choose([] if option is None else ["--lang", option.value],
                  config_lang=config.lang if config is not None else None)


def _registry(checks_dirs: List[str]) -> Registry:
    try:
        return load_registry(checks_dirs)
    except RegistryError as exc:
        raise _fail(exc.message(HELP_LANG))


def _config(path: Optional[str], start: str, registry: Registry) -> Config:
    source = path or find_config(start)
    if source is None:
        return Config()
    if not os.path.isfile(source):
        raise _fail(t("err.config_missing", path=source))
    try:
        cfg = validate(read_config(source), list(registry), source=source, lang=HELP_LANG)
    except ConfigError as exc:
        raise _fail(str(exc))
    cfg.path = source
    return cfg


def _selection_error(exc: SelectionError, registry: Registry) -> "typer.Exit":
    code = exc.args[0]
    return _fail(t("err.unknown_code", code=code, hint=did_you_mean(code, [s.code for s in registry])))


def _paths(paths: List[str]) -> List[str]:
    """The paths to walk: each must exist (exit 2 naming every missing one);
    a form-like file named directly that no reader takes (.pdf, .xls, .doc …)
    is listed as skipped, never parsed as YAML."""
    missing = [p for p in paths if not os.path.lexists(p)]
    for p in missing:
        typer.echo(t("error", message=t("err.missing_path", path=p)), err=True)
    if missing:
        raise typer.Exit(2)
    return paths


def _named_skip(path: str) -> bool:
    from .runner import TABLE_SUFFIXES

    low = path.lower()
    if low.endswith(TABLE_SUFFIXES + FORM_SUFFIXES) or not os.path.isfile(path):
        return False
    from .skipped import skip_reason

    return skip_reason(path) is not None


def _split_named(paths: List[str]):
    """(paths to check, form-like files named directly that cannot be read)."""
    kept, skipped = [], []
    for p in paths:
        (skipped if _named_skip(p) else kept).append(p)
    return kept, skipped


def _report_skipped(skipped: List[str], language: str) -> None:
    """The files a run passed over that a person may have meant as forms, once, with what to do."""
    if not skipped:
        return
    from .skipped import skip_reason

    reasons = [(p, skip_reason(p)) for p in skipped]
    reasons = [(p, r) for p, r in reasons if r]
    if not reasons:
        return
    typer.echo(t("skipped.head", language, n=len(reasons)), err=True)
    for p, r in reasons:
        typer.echo(t("skipped.item", language, path=p, reason=r.get(language, r["zh"])), err=True)


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
    typer.echo(t("baseline.stale", language, path=baseline, n=len(stale)), err=True)
    for e in stale:
        typer.echo(t("baseline.stale_item", language, file=e.get("file"), code=e.get("code"), where=e.get("path")), err=True)


def _version_callback(value: bool) -> None:
    if value:
        from .load import LIBYAML

        loader = t("loader.libyaml" if LIBYAML else "loader.pure")
        typer.echo(t("version", version=__version__, loader=loader, python=sys.version.split()[0]))
        raise typer.Exit(0)


@app.callback(help=h("app.callback"))
def _main(version: bool = typer.Option(False, "--version", callback=_version_callback, is_eager=True,
                                       help=h("opt.version"))) -> None:
    """lintgoals finds the mistakes reviewers send target tables back for."""


@app.command(cls=_Command, help=h("check", forms=FORMS), short_help=short("check", forms=FORMS))
def check(
    paths: List[str] = typer.Argument(None, help=h("arg.paths"), metavar=h("metavar.paths"), show_default=False),
    format: Fmt = typer.Option(Fmt.text, "--format", "-f", help=h("opt.format")),
    output: Optional[str] = typer.Option(None, "--output", "-o", help=h("opt.output")),
    select: Optional[List[str]] = typer.Option(None, "--select", help=h("opt.select")),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help=h("opt.ignore")),
    extend_select: Optional[List[str]] = typer.Option(None, "--extend-select", help=h("opt.extend_select")),
    fail_on: Optional[FailOn] = typer.Option(None, "--fail-on", help=h("opt.fail_on")),
    config: Optional[str] = typer.Option(None, "--config", help=h("opt.config")),
    lang: Optional[Lang] = typer.Option(None, "--lang", help=h("opt.lang")),
    checks_dir: Optional[List[str]] = typer.Option(None, "--checks-dir", help=h("opt.checks_dir")),
    jobs: int = typer.Option(0, "--jobs", "-j", help=h("opt.jobs"), show_default=False),
    no_cache: bool = typer.Option(False, "--no-cache", help=h("opt.no_cache")),
    quiet: bool = typer.Option(False, "--quiet", "-q", help=h("opt.quiet")),
    fix: bool = typer.Option(False, "--fix", help=h("opt.fix")),
    baseline: Optional[str] = typer.Option(None, "--baseline", help=h("opt.baseline")),
    write_baseline: Optional[str] = typer.Option(None, "--write-baseline", help=h("opt.write_baseline")),
    previous: Optional[List[str]] = typer.Option(None, "--previous", help=h("opt.previous"), metavar="PATH"),
    verbose: bool = typer.Option(False, "--verbose", help=h("opt.verbose")),
) -> None:
    """Lint target tables: files and folders (*.yaml, *.yml, *.json, and the forms the importers read)."""
    from .formatters import ReportContext, load
    from .paths import shown
    from .runner import Plan, Totals, discover, iter_files, run

    started = time.perf_counter()
    paths, skipped = _split_named(_paths(paths or ["."]))
    if not paths:  # only files no reader takes were named
        _report_skipped(skipped, _lang(lang))
        raise _fail(t("err.nothing", _lang(lang), forms=FORMS))
    registry = _registry(checks_dir or [])
    cfg = _config(config, paths[0], registry)
    plan = Plan(config=cfg, checks_dirs=tuple(checks_dir or ()), select=tuple(_split(select)),
                ignore=tuple(_split(ignore)), extend_select=tuple(_split(extend_select)),
                cache_root=None if no_cache else cfg.root)
    try:
        engine = plan.engine(registry)
    except SelectionError as exc:
        raise _selection_error(exc, registry)
    language = _lang(lang, cfg)
    if fix:
        if _fix_files(discover(paths), engine, cfg, False, language)[2]:
            raise typer.Exit(2)
    to_tty = output is None and sys.stdout.isatty()
    try:
        formatter = load(format.value)
    except (ValueError, ImportError) as exc:
        raise _fail(t("err.format", format=format.value, error=exc))
    streaming = hasattr(formatter, "chunk") and not write_baseline
    # a streaming report reads the file tree as it goes; the others need the whole list
    files = iter_files(paths, skipped) if streaming and not baseline else discover(paths, skipped)
    ctx = ReportContext(specs=registry.specs, lang=language, color=to_tty and format == Fmt.text,
                        version=__version__, verbose=verbose,
                        paths=[shown(f) for f in files] if isinstance(files, list) else [])
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
        results = run(plan, files, jobs=jobs, engine=engine, tables=True)
        if engine.run_checks:  # across tables (LG6, LG7): a second, small phase on the tables' summaries
            results = _with_run_checks(results, plan, engine, cfg, previous or [], paths, jobs)
        for _, found, tables in _progress(results, total, quiet):
            totals.files += 1
            totals.tables += len(tables)
            if verbose:  # which template and layout each table was read as, and why
                from .formatters.text_format import verbose_line

                for table in tables:
                    typer.echo(verbose_line(table, language), err=True)
                for f in found:  # the parser's own words behind an LG001 (kept out of the message)
                    if f.args.get("parser"):
                        label = "解析器原文" if language == "zh" else "parser said"
                        typer.echo(f"  {shown(f.file)}:{f.location.line}:{f.location.column}: {label}: {f.args['parser']}", err=True)
            if known is not None:
                found = known.take(found)
            totals.add(found)
            if streaming:
                ctx.tables = tables  # the records of this file's tables, beside its findings
                text = formatter.chunk(found, ctx)
                if text:  # most files of a clean tree have nothing to say
                    sink.write(text)
            else:
                kept.extend(found)
                ctx.tables.extend(tables)
        if write_baseline:
            from .baseline import write

            n = write(write_baseline, kept, ctx.message)
            typer.echo(t("baseline.wrote", language, n=n, path=write_baseline), err=True)
        ctx.files = totals.files
        if totals.files or format != Fmt.text:  # "nothing to check" is said below, not "no problems"
            if streaming and hasattr(formatter, "end_pieces"):  # a long tail (JSON's tables) written in blocks
                sink.writelines(formatter.end_pieces(totals, ctx))
            else:
                sink.write(formatter.end(totals, ctx) if streaming else formatter.render(kept, ctx))
        sink.flush()
    finally:
        if output:
            sink.close()
    if known is not None:
        stale = known.stale(files)
        if stale:
            _report_stale(stale, baseline, language)
    _report_skipped(skipped, language)
    if not totals.files:  # nothing lintgoals can check: the tool could not do its job
        raise _fail(t("err.nothing", language, forms=FORMS))
    # the text report's own closing line already says this; other formats go to a file or a machine
    if not quiet and (format != Fmt.text or output):
        took = time.perf_counter() - started
        if language == "zh":
            line = (f"lintgoals：{totals.files} 个文件、{totals.tables} 张表，{totals.errors} 个错误，"
                    f"{totals.warnings} 个警告，{totals.infos} 个提示（{took:.2f} 秒）")
        else:
            line = (f"lintgoals: {totals.files} files, {totals.tables} tables, {totals.errors} errors, "
                    f"{totals.warnings} warnings, {totals.infos} infos ({took:.2f}s)")
        typer.echo(line, err=True)
    threshold = (fail_on.value if fail_on else None) or cfg.fail_on or "error"
    raise typer.Exit(totals.exit_code(threshold))


def _with_run_checks(results, plan, engine, cfg, previous: List[str], paths: List[str], jobs: int):
    """The run checks merged into the results; --previous files are read and
    summarised (same loader, importers and cache), never reported on."""
    from .run_scope import with_run_checks
    from .runner import iter_files, run

    earlier = ()
    if previous:
        checked = {os.path.realpath(f) for f in iter_files(paths)}
        extra = [f for f in iter_files(_paths(previous)) if os.path.realpath(f) not in checked]
        earlier = run(plan, extra, jobs=jobs, engine=engine, tables=True)
    return with_run_checks(results, engine, cfg, earlier, cache=plan.cache(engine))


@app.command(cls=_Command, help=h("fix"), short_help=short("fix"))
def fix(
    paths: List[str] = typer.Argument(None, help=h("arg.paths"), metavar=h("metavar.paths"), show_default=False),
    diff: bool = typer.Option(False, "--diff", help=h("opt.diff")),
    select: Optional[List[str]] = typer.Option(None, "--select", help=h("opt.fix_select")),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help=h("opt.fix_ignore")),
    config: Optional[str] = typer.Option(None, "--config", help=h("opt.fix_config")),
    checks_dir: Optional[List[str]] = typer.Option(None, "--checks-dir", help=h("opt.fix_checks_dir")),
    lang: Optional[Lang] = typer.Option(None, "--lang", help=h("opt.lang")),
) -> None:
    """Apply the safe fixes of fixable rules (LG209 notation, LG502 markup) in place, atomically.
    Exit: 0 done (or nothing to fix), 1 with --diff when there is something to fix, 2 a failure."""
    from .runner import Plan, discover

    paths = _paths(paths or ["."])
    registry = _registry(checks_dir or [])
    cfg = _config(config, paths[0], registry)
    plan = Plan(config=cfg, checks_dirs=tuple(checks_dir or ()), select=tuple(_split(select)), ignore=tuple(_split(ignore)))
    try:
        engine = plan.engine(registry)
    except SelectionError as exc:
        raise _selection_error(exc, registry)
    language = _lang(lang, cfg)
    fixed, changed_files, failed = _fix_files(discover(paths), engine, cfg, diff, language)
    typer.echo(t("fix.summary_diff" if diff else "fix.summary", language, n=fixed, files=changed_files), err=True)
    if failed:
        raise typer.Exit(2)
    raise typer.Exit(1 if diff and fixed else 0)


def _fix_files(files, engine, cfg, show_diff: bool, language: str = "zh"):
    """(fixes applied, files changed, any failure) — shared by `fix` and `check --fix`.
    Forms (xlsx/docx/txt …) are never edited: one line says so and what to do."""
    from .fix import FixError, diff as unified, fix_text, write_atomic
    from .load import JSON_SUFFIXES, YAML_SUFFIXES, decode
    from .runner import lint_document

    fixed = changed = 0
    failed = False
    forms = []
    for path in files:
        if not path.lower().endswith(YAML_SUFFIXES + JSON_SUFFIXES):
            if path.lower().endswith(FORM_SUFFIXES):
                forms.append(path)
            continue
        try:
            with open(path, "rb") as fh:
                original = fh.read()
        except OSError as exc:
            typer.echo(t("fix.error", language, path=path, error=exc.strerror), err=True)
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
        except FixError as exc:
            typer.echo(t("error", language, message=exc), err=True)
            failed = True
        except OSError as exc:
            typer.echo(t("fix.error", language, path=path, error=os_error(exc, language)), err=True)
            failed = True
    if forms:
        names = ", ".join(os.path.basename(f) for f in forms[:3]) + ("……" if len(forms) > 3 else "")
        typer.echo(t("fix.forms", language, n=len(forms), names=names), err=True)
    return fixed, changed, failed


@app.command("import", cls=_Command, help=h("import", forms=FORMS), short_help=short("import", forms=FORMS))
def import_(
    file: str = typer.Argument(..., help=h("arg.form", forms=FORMS)),
    output: str = typer.Option(..., "--output", "-o", help=h("opt.import_output")),
    force: bool = typer.Option(False, "--force", help=h("opt.import_force")),
    lang: Optional[Lang] = typer.Option(None, "--lang", help=h("opt.lang")),
) -> None:
    """Read a real form into format-1 YAML (one file per table, named after its project)."""
    from .importers import FormError, form_reason, read_tables
    from .importers.emit import file_names, to_yaml

    language = _lang(lang)
    if not os.path.lexists(file):
        raise _fail(t("err.missing_path", language, path=file))
    try:
        tables = read_tables(file)
    except FormError as exc:
        raise _fail(t("err.import_failed", language, file=file, reason=form_reason(exc.kind, exc.args_, language)))
    except OSError as exc:
        raise _fail(t("err.import_failed", language, file=file, reason=os_error(exc, language)))
    if not tables:
        raise _fail(t("err.import_none", language, file=file))
    to_folder = os.path.isdir(output) or output.endswith(("/", os.sep))
    if len(tables) > 1 and not to_folder:
        raise _fail(t("err.import_many", language, file=file, n=len(tables)))
    if to_folder:
        targets = [os.path.join(output, n) for n in file_names(tables, os.path.basename(file))]
    else:
        targets = [output]
    existing = [p for p in targets if os.path.exists(p)]
    if existing and not force:
        for p in existing:
            typer.echo(t("error", language, message=t("err.exists_force", language, path=p)), err=True)
        raise typer.Exit(2)
    if to_folder:
        os.makedirs(output, exist_ok=True)
    source = os.path.basename(file)
    for i, (table, target) in enumerate(zip(tables, targets), 1):
        label = source + (t("import.table", language, i=i) if len(tables) > 1 else "")
        with open(target, "w", encoding="utf-8") as fh:
            fh.write(to_yaml(table, label, lang=language, source_file=source))
        typer.echo(t("import.wrote", language, path=target))


@app.command(cls=_Command, help=h("rules"), short_help=short("rules"))
def rules(
    lang: Optional[Lang] = typer.Option(None, "--lang", help=h("opt.rules_lang")),
    checks_dir: Optional[List[str]] = typer.Option(None, "--checks-dir", help=h("opt.rules_checks_dir")),
    format: str = typer.Option("text", "--format", help=h("opt.rules_format")),
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

    head = [t(f"col.{k}", language) for k in ("code", "name", "severity", "fixable", "summary")]
    for r in rows:
        r[3] = t("yes", language) if r[3] else ""
        r[2] = t(f"sev.{r[2]}", language)
    from .wrap import terminal_width, width, wrap

    # the summary column takes what the terminal leaves (an English summary is a sentence or two)
    # tabulate pads a header by 2 and puts 2 spaces between columns
    fixed = sum(max([width(str(r[i])) for r in rows] + [width(head[i]) + 2]) + 2 for i in range(4))
    room = max(20, terminal_width() - fixed - 2)
    for r in rows:
        r[4] = "\n".join(wrap(r[4], room))
    typer.echo(tabulate(rows, headers=head, tablefmt="simple"))


@app.command(cls=_Command, help=h("explain"), short_help=short("explain"))
def explain(
    code: str = typer.Argument(..., help=h("arg.code")),
    lang: Optional[Lang] = typer.Option(None, "--lang", help=h("opt.explain_lang")),
    checks_dir: Optional[List[str]] = typer.Option(None, "--checks-dir", help=h("opt.rules_checks_dir")),
) -> None:
    """One rule's documentation: what it flags, why, a bad and a good example, options."""
    registry = _registry(checks_dir or [])
    spec = registry.by_name_or_code(code)
    language = _lang(lang)
    if spec is None:
        names = [s.code for s in registry] + [s.name for s in registry]
        raise _fail(t("err.unknown_rule", language, code=code, hint=did_you_mean(code, names, language)))
    fix = t("explain.fixable", language) if spec.fixable else ""
    sev = t(f"sev.{spec.severity}", language)
    typer.echo(f"{spec.code} {spec.name} [{sev}]{fix}\n")
    typer.echo(spec.explain(language))
    if spec.options:
        label = t("explain.defaults", language)
        typer.echo(f"\n{label}:")
        for key, value in spec.option_defaults().items():
            typer.echo(f"  {key}: {value!r}")


PRECOMMIT = """\
repos:
  - repo: https://github.com/lintgoals/lintgoals   # or a path to this repository
    rev: v{version}
    hooks:
      - id: lintgoals
"""


@app.command(cls=_Command, help=h("init"), short_help=short("init"))
def init(
    folder: str = typer.Argument(".", help=h("arg.folder")),
    force: bool = typer.Option(False, "--force", help=h("opt.init_force")),
    preset: Optional[str] = typer.Option(None, "--preset", help=h("opt.preset", names="shanghai, national")),
    lang: Optional[Lang] = typer.Option(None, "--lang", help=h("opt.init_lang")),
) -> None:
    """Write a starter .lintgoals.yaml (and .pre-commit-config.yaml when there is none)."""
    from .presets import PresetError, starter

    language = _lang(lang)
    target = os.path.join(folder, ".lintgoals.yaml")
    if os.path.exists(target) and not force:
        raise _fail(t("err.exists_force", language, path=target))
    try:
        text = starter(language, preset)
    except PresetError as exc:
        raise _fail(exc.message(language))
    if preset:  # a bureau's file must be a config lintgoals accepts before it is handed on
        import yaml

        try:
            validate(yaml.safe_load(text) or {}, list(_registry([])), source=preset, lang=language)
        except ConfigError as exc:
            raise _fail(str(exc))
    os.makedirs(folder, exist_ok=True)
    with open(target, "w", encoding="utf-8") as fh:
        fh.write(text)
    typer.echo(t("init.wrote", language, path=target))
    hook = os.path.join(folder, ".pre-commit-config.yaml")
    snippet = PRECOMMIT.format(version=__version__)
    if os.path.exists(hook):
        typer.echo(t("init.hook_exists", language, path=hook, snippet=snippet))
    else:
        with open(hook, "w", encoding="utf-8") as fh:
            fh.write(snippet)
        typer.echo(t("init.wrote", language, path=hook))


@app.command(cls=_Command, help=h("schema"), short_help=short("schema"))
def schema() -> None:
    """Print the path of the format-1 JSON Schema (for editors)."""
    from .schemas import FORMAT1

    typer.echo(FORMAT1)


# ---- the language server (lintgoals.server): its texts load here, pygls only when it runs
from .server import h as _sh  # noqa: E402


@app.command(cls=_Command, help=_sh("help"), short_help=_sh("help").split("：")[0].split(":")[0])
def server(
    config: Optional[str] = typer.Option(None, "--config", help=h("opt.config")),
    lang: Optional[Lang] = typer.Option(None, "--lang", help=h("opt.lang")),
    checks_dir: Optional[List[str]] = typer.Option(None, "--checks-dir", help=h("opt.checks_dir")),
    select: Optional[List[str]] = typer.Option(None, "--select", help=h("opt.select")),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help=h("opt.ignore")),
    extend_select: Optional[List[str]] = typer.Option(None, "--extend-select", help=h("opt.extend_select")),
    previous: Optional[List[str]] = typer.Option(None, "--previous", help=h("opt.previous"), metavar="PATH"),
    debounce: int = typer.Option(200, "--debounce", help=_sh("opt.debounce"), show_default=False),
    no_scan: bool = typer.Option(False, "--no-scan", help=_sh("opt.no_scan")),
) -> None:
    """A Language Server over stdio for format-1 tables (needs lintgoals[server])."""
    from .server import available, say

    if not available():
        raise _fail(say("missing", _lang(lang)))
    from .server.core import Settings
    from .server.lsp import serve

    settings = Settings(config=os.path.abspath(config) if config else None,
                        checks_dirs=tuple(os.path.abspath(d) for d in checks_dir or ()),
                        select=tuple(_split(select)), ignore=tuple(_split(ignore)),
                        extend_select=tuple(_split(extend_select)), lang=lang.value if lang else None,
                        previous=tuple(os.path.abspath(p) for p in previous or ()), scan=not no_scan)
    serve(settings, max(0, debounce))


# ---- report and annotate (lintgoals.reports): leaves over the same run as `check`
from .reports import h as _rh  # noqa: E402 the reports' own help texts (zh/en)


class _Sev(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


def _report_run(paths, config, select, ignore, checks_dir, jobs, no_cache, previous):
    """(registry, config, results with the run checks merged) — the run `check` makes."""
    from .runner import Plan, iter_files, run

    paths, _ = _split_named(_paths(paths or ["."]))
    registry = _registry(checks_dir or [])
    cfg = _config(config, paths[0] if paths else ".", registry)
    plan = Plan(config=cfg, checks_dirs=tuple(checks_dir or ()), select=tuple(_split(select)),
                ignore=tuple(_split(ignore)), cache_root=None if no_cache else cfg.root)
    try:
        engine = plan.engine(registry)
    except SelectionError as exc:
        raise _selection_error(exc, registry)
    results = run(plan, iter_files(paths), jobs=jobs, engine=engine, tables=True)
    if engine.run_checks:
        results = _with_run_checks(results, plan, engine, cfg, previous or [], paths, jobs)
    return registry, cfg, results


@app.command(cls=_Command, help=_rh("report"), short_help=_rh("report").split("：")[0].split(":")[0])
def report(
    paths: List[str] = typer.Argument(None, help=h("arg.paths"), metavar=h("metavar.paths"), show_default=False),
    output: str = typer.Option(..., "--output", "-o", help=_rh("opt.report_output")),
    lang: Optional[Lang] = typer.Option(None, "--lang", help=h("opt.lang")),
    config: Optional[str] = typer.Option(None, "--config", help=h("opt.config")),
    select: Optional[List[str]] = typer.Option(None, "--select", help=h("opt.select")),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help=h("opt.ignore")),
    checks_dir: Optional[List[str]] = typer.Option(None, "--checks-dir", help=h("opt.checks_dir")),
    previous: Optional[List[str]] = typer.Option(None, "--previous", help=h("opt.previous"), metavar="PATH"),
    jobs: int = typer.Option(0, "--jobs", "-j", help=h("opt.jobs"), show_default=False),
    no_cache: bool = typer.Option(False, "--no-cache", help=h("opt.no_cache")),
    return_on: _Sev = typer.Option(_Sev.error, "--return-on", help=_rh("opt.return_on")),
    return_count: int = typer.Option(1, "--return-count", help=_rh("opt.return_count")),
    revise_on: _Sev = typer.Option(_Sev.warning, "--revise-on", help=_rh("opt.revise_on")),
    revise_count: int = typer.Option(1, "--revise-count", help=_rh("opt.revise_count")),
) -> None:
    """The reviewer's batch report: report.html (self-contained) or report.xlsx."""
    import datetime

    from .model import Severity
    from .reports import VerdictRule, collect, tr

    language = _lang(lang)
    low = output.lower()
    if not low.endswith((".html", ".htm", ".xlsx")):
        raise _fail(tr("err.report_suffix", language, path=output))
    registry, cfg, results = _report_run(paths, config, select, ignore, checks_dir, jobs, no_cache, previous)
    language = _lang(lang, cfg)
    rule = VerdictRule(Severity.parse(return_on.value), return_count, Severity.parse(revise_on.value), revise_count)
    cycle = collect(results, registry.specs, language, rule)
    if not cycle.tables:
        raise _fail(t("err.nothing", language, forms=FORMS))
    stamp = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
    if low.endswith(".xlsx"):
        from .reports.xlsx import write

        write(cycle, output)
    else:
        from .reports.html import render

        with open(output, "w", encoding="utf-8") as fh:
            fh.write(render(cycle, __version__, stamp))
    typer.echo(tr("wrote", language, path=output, tables=len(cycle.tables), findings=sum(1 for _ in cycle.rows)), err=True)


@app.command(cls=_Command, help=_rh("annotate"), short_help=_rh("annotate").split("：")[0].split(":")[0])
def annotate(
    form: str = typer.Argument(..., help=_rh("arg.form")),
    output: str = typer.Option(..., "--output", "-o", help=_rh("opt.annotate_output")),
    lang: Optional[Lang] = typer.Option(None, "--lang", help=h("opt.lang")),
    config: Optional[str] = typer.Option(None, "--config", help=h("opt.config")),
    select: Optional[List[str]] = typer.Option(None, "--select", help=h("opt.select")),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help=h("opt.ignore")),
    checks_dir: Optional[List[str]] = typer.Option(None, "--checks-dir", help=h("opt.checks_dir")),
    force: bool = typer.Option(False, "--force", help=h("opt.import_force")),
) -> None:
    """A copy of an xlsx/docx form with every finding at its cell; the form is never touched."""
    from .reports import collect, tr

    language = _lang(lang)
    suffix = os.path.splitext(form)[1].lower()
    if suffix not in (".xlsx", ".docx"):
        raise _fail(tr("err.annotate_kind", language, path=form))
    if not os.path.isfile(form):
        raise _fail(t("err.missing_path", language, path=form))
    if os.path.splitext(output)[1].lower() != suffix:
        raise _fail(tr("err.annotate_suffix", language, path=output, suffix=suffix))
    if os.path.exists(output) and os.path.samefile(form, output):
        raise _fail(tr("err.annotate_same", language, path=output))
    if os.path.exists(output) and not force:
        raise _fail(t("err.exists_force", language, path=output))
    registry, cfg, results = _report_run([form], config, select, ignore, checks_dir, 1, True, [])
    language = _lang(lang, cfg)
    cycle = collect(results, registry.specs, language)
    from .reports.annotate import annotate as write

    marked, unplaced = write(form, output, cycle)
    typer.echo(tr("wrote_annotated", language, path=output, n=marked, m=unplaced), err=True)

def _click_errors():
    try:
        from typer._click import exceptions
    except ImportError:  # typer before the vendored click
        from click import exceptions
    return exceptions


def main() -> None:
    """Entry point: usage errors exit 2 in the user's language; anything
    unexpected is a tool failure (exit 2) with a clear one-line message."""
    errors = _click_errors()
    try:
        code = app(standalone_mode=False)
    except SystemExit:
        raise
    except errors.NoArgsIsHelpError as exc:  # `lintgoals` alone: the help page, as before
        typer.echo(exc.ctx.get_help())
        sys.exit(2)
    except errors.ClickException as exc:
        ctx = getattr(exc, "ctx", None)
        command = ctx.command_path if ctx is not None else "lintgoals"
        typer.echo(t("err.usage", message=usage_error(exc.format_message()), command=command), err=True)
        sys.exit(getattr(exc, "exit_code", 2) or 2)
    except (KeyboardInterrupt, EOFError):
        typer.echo(t("err.interrupted"), err=True)
        sys.exit(2)
    except OSError as exc:  # a file the user named cannot be written or read: not a bug of lintgoals
        typer.echo(t("error", message=t("err.os", path=exc.filename or "", error=os_error(exc))), err=True)
        sys.exit(2)
    except Exception as exc:  # the tool's own failure: exit 2, never a bare traceback
        if type(exc).__name__ == "Abort":
            typer.echo(t("err.interrupted"), err=True)
            sys.exit(2)
        typer.echo(t("err.internal", error=f"{type(exc).__name__}: {exc}"), err=True)
        if os.environ.get("LINTGOALS_DEBUG"):
            raise
        sys.exit(2)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
