"""One run: discover files → load → checks → suppress → sorted findings.

Files are independent, so a process pool spreads them over cores; results
come back in input order, so the output is the same for any `-j`.
"""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Iterable, Iterator, List, Optional, Sequence, Tuple

from . import suppress
from .config import Config
from .engine import INTERNAL, Engine, select
from .fingerprint import add_fingerprints
from .load import DEFAULT_MAX_BYTES, JSON_SUFFIXES, YAML_SUFFIXES, load_file
from .model import Finding, Severity
from .registry import Registry, load_registry
from .taxonomy import load_templates

TABLE_SUFFIXES = YAML_SUFFIXES + JSON_SUFFIXES
FORM_SUFFIXES = (".xlsx", ".docx", ".txt")  # read by lintgoals.importers
SKIP_DIRS = {"node_modules", "__pycache__", "venv", ".venv"}


def discover(paths: Sequence[str]) -> List[str]:
    """Files to check, in a stable order. Folders are walked for table files
    (hidden files and folders skipped); a file named explicitly is always checked."""
    out: List[str] = []
    seen = set()
    for p in paths or ["."]:
        if os.path.isdir(p):
            found = []
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIP_DIRS)
                for f in files:
                    if f.startswith(".") or f.startswith("~$"):  # hidden files, Office lock files
                        continue
                    low = f.lower()
                    if low.endswith(TABLE_SUFFIXES) or low.endswith((".xlsx", ".docx")) or \
                            (low.endswith(".txt") and _form_text(os.path.join(root, f))):
                        found.append(os.path.join(root, f))
            items = sorted(found)
        else:
            items = [p]
        for f in items:
            f = os.path.normpath(f) if os.path.isdir(p) else f
            if f not in seen:
                seen.add(f)
                out.append(f)
    return out


@dataclass
class Plan:
    """Everything a worker needs to build the same engine (picklable)."""

    config: Config = field(default_factory=Config)
    checks_dirs: Tuple[str, ...] = ()
    select: Tuple[str, ...] = ()
    ignore: Tuple[str, ...] = ()
    extend_select: Tuple[str, ...] = ()

    def registry(self) -> Registry:
        return load_registry(self.checks_dirs)

    def engine(self, registry: Optional[Registry] = None) -> Engine:
        registry = registry or self.registry()
        cfg = self.config
        chosen = select(registry, self.select or cfg.select, list(self.ignore) + cfg.ignore,
                        list(self.extend_select) + cfg.extend_select)
        return Engine(chosen, options_for=cfg.options_for, severity_overrides=cfg.severity,
                      config=cfg, templates=load_templates(cfg.templates))


def _form_text(path: str) -> bool:
    from .importers import looks_like_form_text

    return looks_like_form_text(path)


def check_one(engine: Engine, config: Config, path: str) -> List[Finding]:
    if path.lower().endswith(FORM_SUFFIXES):
        from .importers import load_form

        out: List[Finding] = []
        for doc in load_form(path, path):
            out += lint_document(engine, config, doc)
        return out
    doc = load_file(path, max_bytes=config.max_file_size or DEFAULT_MAX_BYTES)
    return lint_document(engine, config, doc)


def lint_document(engine: Engine, config: Config, doc) -> List[Finding]:
    """checks → inline suppressions → per-file ignores → sorted findings."""
    findings = engine.run(doc)
    if doc.text and "lintgoals:" in doc.text:
        findings = suppress.apply(findings, suppress.parse(doc.text), doc.file, engine.report_codes())
    ignored = config.ignored_for(doc.file)
    if ignored:
        findings = [f for f in findings if f.name == INTERNAL or not any(f.code.startswith(p) for p in ignored)]
    return sorted(add_fingerprints(findings, doc), key=Finding.sort_key)


_worker = None  # (engine, config) in each pool process


def _init_worker(plan: Plan) -> None:
    global _worker
    _worker = (plan.engine(), plan.config)


def _work(path: str) -> List[Finding]:
    engine, config = _worker
    return check_one(engine, config, path)


def run(plan: Plan, files: Sequence[str], jobs: int = 0, engine: Optional[Engine] = None) -> Iterator[Tuple[str, List[Finding]]]:
    """Yield (file, findings) in input order, as files finish."""
    jobs = jobs or os.cpu_count() or 1
    if jobs <= 1 or len(files) < 4 * jobs:  # a pool costs more than it saves on a few files
        engine = engine or plan.engine()
        for f in files:
            yield f, check_one(engine, plan.config, f)
        return
    chunk = max(1, min(64, len(files) // (jobs * 8)))
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(plan,)) as pool:
        yield from zip(files, pool.map(_work, files, chunksize=chunk))


@dataclass
class Totals:
    files: int = 0
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
        return {"files": self.files, "errors": self.errors, "warnings": self.warnings, "infos": self.infos}


def exit_code(findings: Iterable[Finding], fail_on: str) -> int:
    findings = list(findings)
    if any(f.name == INTERNAL for f in findings):
        return 2
    if fail_on == "never":
        return 0
    threshold = Severity.parse(fail_on)
    return 1 if any(f.severity >= threshold for f in findings) else 0
