"""Inline suppressions in YAML comments, applied after the checks ran.

    value: 满足   # lintgoals: disable=LG201 上级文件规定的表述，不可改
    # lintgoals: disable=LG2 理由…            (on the line above the node)
    # lintgoals: disable-file=LG108 非上海市级项目

A reason is required: a suppression without one suppresses nothing and is
reported (LG005). One that suppresses nothing is reported too (LG004, info).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

from .model import Finding, Location, Severity

_DIRECTIVE = re.compile(r"(?:^|\s)#\s*lintgoals:\s*(disable|disable-file)\s*=\s*([A-Za-z0-9,\s]*?[A-Za-z0-9])(?:\s+(.*?))?\s*$")
UNUSED, NO_REASON = "LG004", "LG005"
DIRECTIVE = re.compile(r"#\s*lintgoals:\s*disable")  # is there any directive at all (cheap gate)


@dataclass
class Suppression:
    kind: str            # "disable" | "disable-file"
    codes: Tuple[str, ...]
    reason: str
    line: int            # 1-based line of the comment
    column: int
    own_line: bool       # the comment is alone on its line (applies to the next line)
    used: set = field(default_factory=set)

    def covers(self, code: str) -> Optional[str]:
        return next((c for c in self.codes if code.startswith(c)), None)


def parse(text: str) -> List[Suppression]:
    """Every directive in the text (cheap when there is none)."""
    if "lintgoals:" not in text:
        return []
    out = []
    for i, line in enumerate(text.splitlines(), 1):
        if "lintgoals:" not in line:
            continue
        m = _DIRECTIVE.search(line)
        if not m:
            continue
        codes = tuple(c.strip().upper() for c in re.split(r"[,\s]+", m.group(2)) if c.strip())
        hash_at = line.index("#", m.start())
        out.append(Suppression(m.group(1), codes, (m.group(3) or "").strip(), i, hash_at + 1,
                               own_line=line[:hash_at].strip() == ""))
    return out


def apply(findings: Sequence[Finding], suppressions: Sequence[Suppression], file: str,
          report: Dict[str, Tuple[str, Severity]], deferred: Sequence[str] = ()) -> List[Finding]:
    """Drop suppressed findings; add LG004/LG005 findings for the bad
    suppressions when those codes are selected (`report`: code → (name, severity)).
    `deferred`: the codes of run checks, whose findings come after this file's:
    a suppression of one of them is not called unused here (`deferred_part`
    carries it to the run phase)."""
    if not suppressions:
        return list(findings)
    valid = [s for s in suppressions if s.reason]
    by_line: Dict[int, List[Suppression]] = {}
    for s in valid:
        if s.kind == "disable":
            by_line.setdefault(s.line + 1 if s.own_line else s.line, []).append(s)
    file_wide = [s for s in valid if s.kind == "disable-file"]
    kept = []
    for f in findings:
        if f.name == "internal-error" or f.code in (UNUSED, NO_REASON):
            kept.append(f)
            continue
        hit = None
        for s in by_line.get(f.line, []) + file_wide:
            c = s.covers(f.code)
            if c:
                s.used.add(c)
                hit = s
        if hit is None:
            kept.append(f)
    for s in suppressions:
        loc = Location(s.line, s.column)
        if not s.reason and NO_REASON in report:
            name, sev = report[NO_REASON]
            kept.append(Finding(NO_REASON, name, sev, file, "", loc, {"codes": ",".join(s.codes)}))
        elif s.reason and UNUSED in report:
            unused = [c for c in s.codes if c not in s.used and not any(d.startswith(c) for d in deferred)]
            if unused:
                name, sev = report[UNUSED]
                kept.append(Finding(UNUSED, name, sev, file, "", loc, {"codes": ",".join(unused)}))
    return kept


def deferred_part(suppressions: Sequence[Suppression], deferred: Sequence[str]) -> Tuple[tuple, ...]:
    """The suppressions with a reason that cover a run check's code, as plain
    tuples (they travel and are cached with the table's record): (kind, codes
    covering a run code, reason, line, column, own_line)."""
    out = []
    for s in suppressions:
        codes = tuple(c for c in s.codes if any(d.startswith(c) for d in deferred))
        if codes and s.reason:
            out.append((s.kind, codes, s.reason, s.line, s.column, s.own_line))
    return tuple(out)


def apply_deferred(findings: Sequence[Finding], parts: Sequence[tuple], file: str,
                   report: Dict[str, Tuple[str, Severity]]) -> List[Finding]:
    """The run phase's half of `apply`: its findings filtered by the file's
    suppressions of run codes, and those that suppressed nothing as LG004."""
    sups = [Suppression(kind, codes, reason, line, column, own_line) for kind, codes, reason, line, column, own_line in parts]
    return apply(findings, sups, file, {k: v for k, v in report.items() if k == UNUSED})


def sidecars(results, plan, engine=None):
    """A form's exceptions file (`<form>.lintgoals.yaml`, lintgoals.sidecar),
    applied to the runner's results after the cache: same rules as above."""
    from .sidecar import with_sidecars

    return with_sidecars(results, lambda: (engine or plan.engine()).report_codes())
