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


def render(findings, ctx) -> str:
    from ..runner import Totals

    totals = Totals(files=ctx.files)
    totals.add(findings)
    out = {"version": 1, "tool": {"name": "lintgoals", "version": ctx.version},
           "findings": [finding_dict(f, ctx) for f in findings], "summary": totals.as_dict()}
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"
