"""Runs the selected checks on a document.

Knows no rule by name: it picks checks by code prefix, gives each its
options, isolates one that crashes, applies severity overrides, and applies
the precedence the rules declare (`silences=`, `yields_to=`) once all the
checks ran on a table.
"""
from __future__ import annotations

import traceback
from dataclasses import dataclass
from typing import Any, Iterable, List, Mapping, Optional, Sequence

from .check import CheckSpec
from .document import Document, pointer
from .fingerprint import fingerprint_of
from .model import Finding, Location, Severity

INTERNAL = "internal-error"


class SelectionError(ValueError):
    """A code or prefix in select/ignore matches no known rule."""


def select(specs: Iterable[CheckSpec], select: Sequence[str] = (), ignore: Sequence[str] = (),
           extend_select: Sequence[str] = ()) -> List[CheckSpec]:
    """ruff's rule: the most specific matching prefix wins; ties go to ignore."""
    specs = list(specs)
    codes = [s.code for s in specs]
    chosen = [p.strip().upper() for p in (list(select) or ["ALL"]) + list(extend_select)]
    dropped = [p.strip().upper() for p in ignore]
    for p in chosen + dropped:
        if p != "ALL" and not any(c.startswith(p) for c in codes):
            raise SelectionError(p)

    def best(code: str, prefixes: List[str]) -> int:
        return max((0 if p == "ALL" else len(p) for p in prefixes
                    if p == "ALL" or code.startswith(p)), default=-1)

    out = []
    for s in specs:
        sel, ign = best(s.code, chosen), best(s.code, dropped)
        if sel >= 0 and sel > ign:
            out.append(s)
    return sorted(out, key=lambda s: s.code)


class Context:
    """What a check receives besides the document: its options, the
    configuration and `finding()`."""

    def __init__(self, spec: CheckSpec, severity: Severity, options: Mapping[str, Any],
                 config: Any, templates: Mapping[str, Any]) -> None:
        self.spec = spec
        self.code = spec.code
        self.severity = severity
        self.options = options
        self.config = config
        self.templates = templates
        self.doc: Optional[Document] = None

    def finding(self, path: str = "", *, location: Optional[Location] = None, **args: Any) -> Finding:
        if not isinstance(path, str):
            path = pointer(path)
        doc = self.doc
        if doc is None:  # a context kept past its run
            file, where, fingerprint = "", location or Location(), ""
        else:
            file, where = doc.file, location or doc.locate(path)
            fingerprint = fingerprint_of(self.code, file, path, doc)
        # `fix` edits format-1 text only: a finding on an imported form (no text) is not fixable there
        fixable = self.spec.fixable and "replacement" in args and (doc is None or doc.text is not None)
        return Finding(code=self.code, name=self.spec.name, severity=self.severity, file=file, path=path,
                       location=where, args=args, fixable=fixable, fingerprint=fingerprint)


@dataclass(frozen=True)
class Prepared:
    spec: CheckSpec
    context: Context


class Engine:
    """Selected checks with their options, ready to run on many documents."""

    def __init__(self, specs: Iterable[CheckSpec], options_for=None,
                 severity_overrides: Optional[Mapping[str, str]] = None,
                 config: Any = None, templates: Optional[Mapping[str, Any]] = None) -> None:
        overrides = {k.upper(): Severity.parse(v) for k, v in (severity_overrides or {}).items()}
        self.checks: List[Prepared] = []
        # run checks (scope "run") are never called per table: the CLI runs them
        # once, after the pass, on the tables' summaries (lintgoals.run_scope)
        self.run_checks: List[Prepared] = []
        for spec in specs:
            opts = options_for(spec) if options_for else spec.option_defaults()
            sev = overrides.get(spec.code, spec.severity)
            prepared = Prepared(spec, Context(spec, sev, opts, config, templates or {}))
            (self.run_checks if spec.scope == "run" else self.checks).append(prepared)
        self.templates = templates or {}
        # what run() walks, per kind of document (it is called for every table)
        self._for_table = [(p.spec, p.spec.func, p.context) for p in self.checks]
        self._for_file = [t for t in self._for_table if t[0].scope != "table"]
        # precedence as the selected rules declare it: code → ((silenced code, scope), ...),
        # code → the severity it yields to; `_ranked` is every code that takes part
        self._silences = {p.spec.code: p.spec.silences for p in self.checks if p.spec.silences}
        self._yields = {p.spec.code: p.spec.yields_to for p in self.checks if p.spec.yields_to}
        self._ranked = frozenset(self._silences) | frozenset(self._yields)

    def report_codes(self):
        """code → (name, severity) of every selected check."""
        return {p.spec.code: (p.spec.name, p.context.severity) for p in self.checks + self.run_checks}

    def run(self, doc: Document) -> List[Finding]:
        findings: List[Finding] = []
        append = findings.append
        doc.seal()  # from here on no check can change what the next one sees
        for spec, func, ctx in self._for_table if doc.is_table else self._for_file:
            ctx.doc = doc
            try:
                for f in func(doc, ctx):
                    if not isinstance(f, Finding):
                        raise TypeError(f"yielded {type(f).__name__}, not a Finding from ctx.finding()")
                    append(f)
            except Exception as exc:  # isolate: the other checks still run
                append(crash_finding(spec, doc, exc))
            ctx.doc = None  # a context kept by a check finds nothing afterwards
        ranked = self._ranked
        if ranked and len(findings) > 1:
            for f in findings:
                if f.code in ranked:  # most tables: no finding of a ranked rule, nothing to do
                    return self._precedence(findings)
        return findings

    def _precedence(self, findings: List[Finding]) -> List[Finding]:
        """A finding of X at P drops the findings of the codes X silences at P
        (or, scope "row", on P's row); a rule that yields to a severity is
        dropped where another rule's finding of that severity is at P. Every
        finding present silences, whether or not it is itself dropped."""
        silences, yields = self._silences, self._yields
        at_path, at_row = set(), set()  # (code, path) and (code, row path) to drop
        for f in findings:
            for code, scope in silences.get(f.code, ()):
                if scope == "path":
                    at_path.add((code, f.path))
                else:
                    at_row.add((code, _row(f.path)))
        worst: dict = {}
        if yields:
            for f in findings:  # what is said at each path (a yielder's own code is excluded below)
                worst.setdefault(f.path, []).append((f.severity, f.code))
        out = []
        for f in findings:
            if f.name != INTERNAL:
                if (f.code, f.path) in at_path:
                    continue
                if at_row and (f.code, _row(f.path)) in at_row:
                    continue
                floor = yields.get(f.code)
                if floor is not None and any(sev >= floor and code != f.code for sev, code in worst[f.path]):
                    continue
            out.append(f)
        return out


def _row(path: str) -> str:
    """The item a path is in: `/indicators/3/value` → `/indicators/3` (a row and its cells)."""
    return "/".join(path.split("/", 3)[:3])


def crash_finding(spec: CheckSpec, doc: Document, exc: BaseException) -> Finding:
    tb = traceback.extract_tb(exc.__traceback__)
    where = f"{tb[-1].filename}:{tb[-1].lineno}" if tb else ""
    return Finding(code=spec.code, name=INTERNAL, severity=Severity.ERROR, file=doc.file, path="",
                   location=Location(0, 0), args={"error": f"{type(exc).__name__}: {exc}", "where": where})
