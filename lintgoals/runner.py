"""One run: discover files → load → checks → suppress → sorted findings.

Files are independent, so a process pool spreads them over cores; results
come back in input order, so the output is the same for any `-j`.
"""
from __future__ import annotations

import itertools
import os
from dataclasses import dataclass, field
from pickle import loads as _loads
from typing import Any, Iterable, Iterator, List, NamedTuple, Optional, Sequence, Tuple

from . import suppress
from .cache import BATCH, dumps as _dumps
from .config import Config
from .engine import INTERNAL, Engine, select
from .fingerprint import add_fingerprints
from .load import (DEFAULT_MAX_BYTES, FORM_SUFFIXES, JSON_SUFFIXES, MAX_INDICATORS, YAML_SUFFIXES, guard_rows, load_bytes,
                   load_file, read_regular)
from .model import Finding, Severity
from .paths import shown
from .registry import Registry, load_registry
from .taxonomy import load_templates

TABLE_SUFFIXES = YAML_SUFFIXES + JSON_SUFFIXES
SKIP_DIRS = {"node_modules", "__pycache__", "venv", ".venv"}


def iter_files(paths: Sequence[str], skipped: Optional[List[str]] = None) -> Iterator[str]:
    """Files to check, one at a time, in path order (folders walked entry by
    entry, sorted by name: no list of a whole forms tree is ever held).
    Hidden files and folders are skipped; a file named explicitly is always checked.
    `skipped` receives the visible files a walk passed over (the CLI says why)."""
    seen = set() if len(paths) > 1 else None  # only several arguments can name a file twice
    for p in paths or ["."]:
        items = _walk(p, skipped) if os.path.isdir(p) else iter([p])
        for f in items:
            if seen is not None:
                if f in seen:
                    continue
                seen.add(f)
            yield f


def _walk(folder: str, skipped: Optional[List[str]] = None) -> Iterator[str]:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    base = os.path.normpath(folder)
    prefix = "" if base == os.curdir else os.path.join(base, "")  # normpath(folder/name), once per folder
    for e in entries:
        name = e.name
        if name.startswith(".") or name.startswith("~$"):  # hidden, Office lock files
            continue
        path = prefix + name
        try:
            is_dir = e.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            if name not in SKIP_DIRS:
                yield from _walk(path, skipped)
            continue
        low = name.lower()
        if low.endswith(".lintgoals.yaml"): continue  # noqa: E701 a form's exceptions (lintgoals.sidecar), not a table
        if low.endswith(TABLE_SUFFIXES) or (low.endswith(FORM_SUFFIXES) and (
                not low.endswith(".txt") or _form_text(path))):
            yield path
        elif skipped is not None:
            skipped.append(path)


def discover(paths: Sequence[str], skipped: Optional[List[str]] = None) -> List[str]:
    """All the files of `iter_files`, as a list (for the commands that need them all)."""
    return list(iter_files(paths, skipped))


@dataclass
class Plan:
    """Everything a worker needs to build the same engine (picklable)."""

    config: Config = field(default_factory=Config)
    checks_dirs: Tuple[str, ...] = ()
    select: Tuple[str, ...] = ()
    ignore: Tuple[str, ...] = ()
    extend_select: Tuple[str, ...] = ()
    cache_root: Optional[str] = None  # None: no result cache

    def registry(self) -> Registry:
        return load_registry(self.checks_dirs)

    def engine(self, registry: Optional[Registry] = None) -> Engine:
        registry = registry or self.registry()
        cfg = self.config
        chosen = select(registry, self.select or cfg.select, list(self.ignore) + cfg.ignore,
                        list(self.extend_select) + cfg.extend_select)
        return Engine(chosen, options_for=cfg.options_for, severity_overrides=cfg.severity,
                      config=cfg, templates=load_templates(cfg.templates, cfg.aliases))

    def cache(self, engine: Engine):
        """The result cache for this engine and configuration, or None."""
        if self.cache_root is None:
            return None
        import hashlib
        import inspect

        from . import __version__
        from .cache import Cache

        h = hashlib.blake2b(digest_size=16)
        h.update(_code_stamp().encode())
        h.update(repr(sorted((p.spec.code, str(p.context.severity), sorted(map(repr, p.context.options.items())))
                             for p in engine.checks)).encode("utf-8"))
        h.update(repr((sorted(self.config.templates.items(), key=repr), self.config.aliases, self.config.per_file_ignores,
                       self.config.layouts)).encode("utf-8"))  # layouts: how forms are read
        h.update(b"summaries" if engine.run_checks else b"")  # entries with a run summary, or without
        for p in engine.checks:  # a plugin's code is part of its results
            if not p.spec.func.__module__.startswith("lintgoals."):
                try:
                    h.update(inspect.getsource(inspect.getmodule(p.spec.func)).encode("utf-8"))
                except (OSError, TypeError):
                    h.update(str(id(p.spec.func)).encode())
        return Cache.at(self.cache_root, f"{__version__}:{h.hexdigest()}")


def _form_text(path: str) -> bool:
    from .importers import looks_like_form_text

    return looks_like_form_text(path)


def _code_stamp() -> str:
    """lintgoals' own files (name, size, mtime): an edited or upgraded install
    never reuses results of other code, even at the same version number."""
    import lintgoals
    import lintgoals.checks

    parts = []
    for folder in {os.path.dirname(lintgoals.__file__), os.path.dirname(lintgoals.checks.__file__)}:
        for root, _, names in os.walk(folder):
            for n in names:
                if n.endswith((".py", ".yaml", ".json")):
                    st = os.stat(os.path.join(root, n))
                    parts.append(f"{root}/{n}:{st.st_size}:{st.st_mtime_ns}")
    return "|".join(sorted(parts))


CHUNK_MAX = 256        # files per task sent to a worker
BATCH_BYTES = 4 << 20  # a cache batch holds at most this much file content (plus one file)


def check_files(engine: Engine, config: Config, paths: Iterable[str], cache=None,
                pickled: bool = False) -> Iterator[Tuple[str, Any]]:
    """(file, (its findings, its tables' `TableInfo`)) in order; `pickled`:
    that pair as `cache.dumps` bytes, what a worker sends and the cache keeps.
    With a cache, files are read in small batches whose entries are looked up
    in one query."""
    limit = config.max_file_size or DEFAULT_MAX_BYTES
    if cache is None:
        for p in paths:
            found = _lint_path(engine, config, p, None, limit)
            yield p, (_dumps(found) if pickled else found)
        return
    batch: List[Tuple[str, bytes, Any]] = []
    size = 0
    for p in paths:
        data, problem = read_regular(p, limit)
        batch.append((p, data, problem))
        size += len(data)
        if len(batch) >= BATCH or size >= BATCH_BYTES:
            yield from _check_batch(engine, config, batch, cache, pickled, limit)
            batch, size = [], 0
    yield from _check_batch(engine, config, batch, cache, pickled, limit)


def _check_batch(engine, config, batch, cache, pickled, limit):
    keys = [cache.key(p, data) if problem is None else None for p, data, problem in batch]
    stored = cache.get_many([k for k in keys if k is not None])
    for (p, data, problem), key in zip(batch, keys):
        hit = stored.get(key)
        if hit is not None and type(hit[0]) is tuple:  # (findings, tables); anything else is a miss
            yield p, hit[pickled]
            continue
        # an unreadable file goes the uncached way, which reports what is wrong with it
        found = _lint_path(engine, config, p, None if problem else data, limit)
        if key is None:
            yield p, (_dumps(found) if pickled else found)
            continue
        blob = _dumps(found)
        cache.put(key, blob)
        yield p, (blob if pickled else found)


def _lint_path(engine: Engine, config: Config, path: str, data: Optional[bytes],
               limit: int) -> Tuple[List[Finding], Tuple["TableInfo", ...]]:
    """A file's findings and what the report says of each of its tables;
    `data` is its content when already read."""
    if path.lower().endswith(FORM_SUFFIXES):
        from .importers import load_form

        out: List[Finding] = []
        tables = []
        for doc in load_form(path, shown(path), layouts=config.layouts or None):
            found = lint_document(engine, config, doc)
            out += found
            tables.append(table_info(doc, found, engine))
        return out, tuple(tables)
    if data is None:
        doc = load_file(path, shown(path), max_bytes=limit)
    else:
        doc = load_bytes(data, shown(path), json_mode=path.lower().endswith(JSON_SUFFIXES))
    found = lint_document(engine, config, doc)
    return found, (table_info(doc, found, engine),)


class TableInfo(NamedTuple):
    """One table as a report heads it (`tables` of the JSON, --verbose, the
    text report's group headings). Made where the table was checked; it
    travels and is cached with the findings. Counts are not kept here: they
    are the findings' (after a baseline), counted by the formatter."""

    file: str           # as the findings name it ("form.xlsx#2")
    project: str
    unit: str
    department: str
    year: Optional[int]
    template: Optional[str]  # None: not a table (unreadable)
    template_reason: Any     # {"zh": …, "en": …} or text
    layout: Optional[str]    # form.layout, as an importer recorded it
    kind: str
    names: Tuple[Tuple[int, str], ...] = ()  # (row, indicator name) of the rows findings point at
    # what the run checks need (lintgoals.run_scope.Summary); made only when one is selected
    summary: Any = None
    # the file's inline suppressions of run-check codes (suppress.deferred_part), for the run phase
    suppressions: Tuple[tuple, ...] = ()


def table_info(doc, findings: Sequence[Finding], engine: Optional[Engine] = None) -> TableInfo:
    if not doc.is_table:
        return TableInfo(doc.file, "", "", "", None, None, "", None, "")
    root = doc.root
    project = doc.project
    form = root.get("form")
    layout = form.get("layout") if isinstance(form, dict) else None
    names = {}  # only the rows findings point at: a location names its indicator
    rows = None
    for f in findings:
        p = f.path
        if p.startswith("/indicators/"):
            i = p[12:].split("/", 1)[0]
            if i.isdigit() and int(i) not in names:
                rows = root.get("indicators") if rows is None else rows
                row = rows[int(i)] if isinstance(rows, list) and int(i) < len(rows) else None
                names[int(i)] = _text(row.get("name")) if isinstance(row, dict) else ""
    return TableInfo(doc.file, _text(project.get("name")), _text(project.get("unit")),
                     _text(project.get("department")), doc.year, doc.template,
                     getattr(doc, "template_reason", ""), _text(layout) or None,
                     _text(root.get("kind")) or "target", tuple((i, n) for i, n in names.items() if n),
                     _summary(doc, engine) if engine is not None and engine.run_checks else None,
                     _deferred(doc, engine))


def _deferred(doc, engine) -> Tuple[tuple, ...]:
    text = doc.text
    if engine is None or not engine.run_checks or not text or "disable" not in text:
        return ()
    return suppress.deferred_part(suppress.parse(text), [p.spec.code for p in engine.run_checks])


def _summary(doc, engine: Engine):
    from .run_scope import summarize

    return summarize(doc, engine.templates)


def _text(x: Any) -> str:
    return x.strip() if isinstance(x, str) else ("" if x is None or isinstance(x, bool) else str(x))


def lint_document(engine: Engine, config: Config, doc) -> List[Finding]:
    """checks → inline suppressions → per-file ignores → sorted findings."""
    guard_rows(doc, getattr(config, "max_indicators", None) or MAX_INDICATORS)
    findings = engine.run(doc)
    if doc.text and "disable" in doc.text and suppress.DIRECTIVE.search(doc.text):
        findings = suppress.apply(findings, suppress.parse(doc.text), doc.file, engine.report_codes(),
                                  deferred=[p.spec.code for p in engine.run_checks])
    ignored = config.ignored_for(doc.file)
    if ignored:
        findings = [f for f in findings if f.name == INTERNAL or not any(f.code.startswith(p) for p in ignored)]
    return sorted(add_fingerprints(findings, doc), key=Finding.sort_key)


_worker = None  # (engine, config) in each pool process


def _init_worker(plan: Plan) -> None:
    global _worker
    engine = plan.engine()
    cache = plan.cache(engine)
    _worker = (engine, plan.config, cache)
    if cache is not None:  # a worker ends with os._exit: close the database properly
        from multiprocessing.util import Finalize

        Finalize(cache, cache.close, exitpriority=10)
    _tune_gc()


def _tune_gc() -> None:
    """Many short-lived node trees: fewer full collections, nothing lost (no cycles kept)."""
    import gc

    gc.collect()
    gc.freeze()
    gc.set_threshold(50000, 20, 100)


def run(plan: Plan, files: Iterable[str], jobs: int = 0, engine: Optional[Engine] = None,
        tables: bool = False) -> Iterator[Tuple]:
    """Yield (file, findings) in input order, as files finish; with `tables`,
    (file, findings, the `TableInfo` of each table in the file). `files` may
    be an iterator: it is read as the work goes."""
    results = suppress.sidecars(_run(plan, files, jobs, engine), plan, engine)  # forms' exceptions, after the cache
    if tables:
        return ((p, found, infos) for p, (found, infos) in results)
    return ((p, found) for p, (found, _) in results)


def _run(plan: Plan, files: Iterable[str], jobs: int = 0, engine: Optional[Engine] = None) -> Iterator[Tuple[str, Any]]:
    jobs = jobs or os.cpu_count() or 1
    files = iter(files)
    head = list(itertools.islice(files, 8 * jobs * 8))
    if jobs <= 1 or len(head) < 4 * jobs:  # a pool costs more than it saves on a few files
        engine = engine or plan.engine()
        cache = plan.cache(engine)
        if len(head) > 50:
            _tune_gc()
        try:
            yield from check_files(engine, plan.config, itertools.chain(head, files), cache)
        finally:  # also when the consumer stops early
            if cache is not None:
                cache.close()
        return
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor  # only for runs that use a pool

    rest = itertools.chain(head, files)
    chunks = _chunks(rest, max(1, len(head) // (jobs * 8)))
    window: deque = deque()  # a bounded number of chunks in flight: memory does not grow with the run
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(plan,)) as pool:
        for chunk in chunks:
            window.append((chunk, pool.submit(_work_chunk, chunk)))
            if len(window) >= 4 * jobs:
                yield from _results(*window.popleft())
        while window:
            yield from _results(*window.popleft())


def _chunks(files: Iterator[str], size: int) -> Iterator[List[str]]:
    """Lists of files, small first (the first findings come out at once and
    short runs spread evenly), then doubling up to CHUNK_MAX: each chunk
    costs the pool a round trip between processes and threads (~0.5 ms)."""
    while True:
        chunk = list(itertools.islice(files, size))
        if not chunk:
            return
        yield chunk
        size = min(size * 2, CHUNK_MAX)


def _results(chunk, future):
    return zip(chunk, map(_loads, future.result()))


def _work_chunk(paths: List[str]) -> List[bytes]:
    engine, config, cache = _worker
    out = [found for _, found in check_files(engine, config, paths, cache, pickled=True)]
    if cache is not None:
        cache.flush()  # a worker can end at any time after its last chunk
    return out


@dataclass
class Totals:
    files: int = 0
    tables: int = 0  # a form file holds several
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    crashed: bool = False

    def add(self, findings: Iterable[Finding]) -> None:
        for f in findings:
            if f.name == INTERNAL:
                self.crashed = True
            if f.severity == Severity.ERROR:
                self.errors += 1
            elif f.severity == Severity.WARNING:
                self.warnings += 1
            else:
                self.infos += 1

    def as_dict(self):
        return {"files": self.files, "tables": self.tables, "errors": self.errors, "warnings": self.warnings,
                "infos": self.infos}

    def exit_code(self, fail_on: str) -> int:
        """0 clean, 1 a finding at or above `fail_on`, 2 a check crashed."""
        if self.crashed:
            return 2
        if fail_on == "never":
            return 0
        counts = {"error": self.errors, "warning": self.errors + self.warnings,
                  "info": self.errors + self.warnings + self.infos}
        return 1 if counts[fail_on] else 0
