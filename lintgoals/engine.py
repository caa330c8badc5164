"""Runs the selected checks on a document.

Knows no rule by name: it picks checks by code prefix, gives each its
options, isolates one that crashes, and applies severity overrides.
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
        return Finding(code=self.code, name=self.spec.name, severity=self.severity, file=file, path=path,
                       location=where, args=args, fixable=self.spec.fixable and "replacement" in args,
                       fingerprint=fingerprint)


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
        for spec in specs:
            opts = options_for(spec) if options_for else spec.option_defaults()
            sev = overrides.get(spec.code, spec.severity)
            self.checks.append(Prepared(spec, Context(spec, sev, opts, config, templates or {})))
        # what run() walks, per kind of document (it is called for every table)
        self._for_table = [(p.spec, p.spec.func, p.context) for p in self.checks]
        self._for_file = [t for t in self._for_table if t[0].scope != "table"]

    def report_codes(self):
        """code → (name, severity) of every selected check."""
        return {p.spec.code: (p.spec.name, p.context.severity) for p in self.checks}

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
        return findings


def crash_finding(spec: CheckSpec, doc: Document, exc: BaseException) -> Finding:
    tb = traceback.extract_tb(exc.__traceback__)
    where = f"{tb[-1].filename}:{tb[-1].lineno}" if tb else ""
    return Finding(code=spec.code, name=INTERNAL, severity=Severity.ERROR, file=doc.file, path="",
                   location=Location(0, 0), args={"error": f"{type(exc).__name__}: {exc}", "where": where})
