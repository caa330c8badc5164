"""`--format json`: exactly the shape CLI.md documents."""
from __future__ import annotations

import json
from collections.abc import Mapping


def finding_dict(f, ctx):
    d = {"file": f.file, "code": f.code, "name": f.name, "severity": str(f.severity),
         "message": ctx.message(f), "path": f.path, "line": f.line, "column": f.column,
         "fixable": f.fixable}
    if f.location.cell:
        d["cell"] = f.location.cell
    return d


def table_dict(t, counts, lang: str):
    """A table of `tables`, keys as CLI.md lists them."""
    reason = t.template_reason
    if isinstance(reason, Mapping):
        reason = reason.get(lang) or reason.get("zh") or ""
    e, w, i = counts.get(t.file, _NONE)
    return {"file": t.file, "project": t.project or None, "unit": t.unit or None, "year": t.year,
            "template": t.template, "template_reason": (reason or "") if t.template else None,
            "layout": t.layout, "errors": e, "warnings": w, "infos": i}


_NONE = (0, 0, 0)


def counts_by_file(findings):
    """file → (errors, warnings, infos)."""
    out: dict = {}
    for f in findings:
        c = out.get(f.file)
        if c is None:
            c = out[f.file] = [0, 0, 0]
        c[3 - int(f.severity)] += 1  # ERROR 3 → 0, WARNING 2 → 1, INFO 1 → 2
    return out


def start(ctx) -> str:
    ctx.state["first"] = True
    ctx.state["tables"] = _Lines()  # laid out as they come, written after the findings
    tool = json.dumps({"name": "lintgoals", "version": ctx.version}, ensure_ascii=False)
    return '{\n  "version": 1,\n  "tool": ' + tool + ',\n  "findings": ['


def chunk(findings, ctx) -> str:
    parts = []
    for f in findings:
        parts.append(("\n" if ctx.state["first"] else ",\n") + _object(finding_dict(f, ctx)))
        ctx.state["first"] = False
    if ctx.tables:
        counts = counts_by_file(findings) if findings else {}
        ctx.state["tables"].extend(_object(table_dict(t, counts, ctx.lang)) for t in ctx.tables)
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


class _Lines:
    """The `tables` objects of a streamed report, kept in a temporary file
    until the findings are written: memory stays flat at 100,000 tables."""

    def __init__(self) -> None:
        self.fh = None
        self.n = 0

    def extend(self, items) -> None:
        for item in items:
            if self.fh is None:
                import tempfile

                self.fh = tempfile.TemporaryFile("w+", encoding="utf-8")
            self.fh.write(("" if not self.n else ",\n") + item)
            self.n += 1

    def __bool__(self) -> bool:
        return self.n > 0

    def pieces(self):
        """The objects written so far, read back in blocks (the file is closed after)."""
        if self.fh is None:
            return
        self.fh.seek(0)
        while True:
            block = self.fh.read(1 << 16)
            if not block:
                break
            yield block
        self.fh.close()
        self.fh = None


def end(totals, ctx) -> str:
    return "".join(end_pieces(totals, ctx))


def end_pieces(totals, ctx):
    """`end` as pieces, for a sink that writes them one by one (a streamed
    run's tables come back from their temporary file in blocks)."""
    yield "]" if ctx.state.get("first", True) else "\n  ]"
    tables = ctx.state.get("tables")
    if tables:
        yield ',\n  "tables": [\n'
        yield from tables.pieces()
        yield "\n  ]"
    else:
        yield ',\n  "tables": []'
    yield ',\n  "summary": ' + json.dumps(totals.as_dict()) + "\n}\n"


def render(findings, ctx) -> str:
    from ..runner import Totals

    totals = Totals(files=ctx.files, tables=len(ctx.tables))
    totals.add(findings)
    return start(ctx) + chunk(findings, ctx) + end(totals, ctx)
