"""`--format json`: exactly the shape CLI.md documents."""
from __future__ import annotations

import json


def finding_dict(f, ctx):
    d = {"file": f.file, "code": f.code, "name": f.name, "severity": str(f.severity),
         "message": ctx.message(f), "path": f.path, "line": f.line, "column": f.column,
         "fixable": f.fixable}
    if f.location.cell:
        d["cell"] = f.location.cell
    return d


def start(ctx) -> str:
    ctx.state["first"] = True
    tool = json.dumps({"name": "lintgoals", "version": ctx.version}, ensure_ascii=False)
    return '{\n  "version": 1,\n  "tool": ' + tool + ',\n  "findings": ['


def chunk(findings, ctx) -> str:
    parts = []
    for f in findings:
        parts.append(("\n" if ctx.state["first"] else ",\n") + _object(finding_dict(f, ctx)))
        ctx.state["first"] = False
    return "".join(parts)


def _object(d) -> str:
    """A flat object as `json.dumps(d, indent=2)` lays it out, 4 spaces in.
    (`indent` turns off json's C encoder; a run can print 100,000 findings.)"""
    return "    {\n" + ",\n".join(
        f"      {_KEYS.get(k) or _key(k)}: {_dumps(v)}" for k, v in d.items()) + "\n    }"


_KEYS: dict = {}  # the same few keys in every finding: each encoded once


def _key(k: str) -> str:
    _KEYS[k] = _dumps(k)
    return _KEYS[k]


_dumps = json.JSONEncoder(ensure_ascii=False).encode  # built once: json.dumps(…, ensure_ascii=False) builds one per call


def end(totals, ctx) -> str:
    close = "]" if ctx.state.get("first", True) else "\n  ]"
    return close + ',\n  "summary": ' + json.dumps(totals.as_dict()) + "\n}\n"


def render(findings, ctx) -> str:
    from ..runner import Totals

    totals = Totals(files=ctx.files)
    totals.add(findings)
    return start(ctx) + chunk(findings, ctx) + end(totals, ctx)
