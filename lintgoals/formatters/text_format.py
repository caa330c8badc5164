"""`--format text`: a tabulate table per file, severity and code on every row."""
from __future__ import annotations

from itertools import groupby

_COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_HEAD = {"zh": ["位置", "级别", "规则", "路径", "说明"], "en": ["where", "severity", "rule", "path", "message"]}
_SEV = {"zh": {"error": "错误", "warning": "警告", "info": "提示"}, "en": {}}


def _sev(f, ctx):
    name = str(f.severity)
    label = _SEV.get(ctx.lang, {}).get(name, name)
    return f"{_COLORS[name]}{label}\033[0m" if ctx.color else label


def _where(f):
    where = f"{f.line}:{f.column}" if f.line else "-"
    return f"{f.location.cell} ({where})" if f.location.cell else where


def start(ctx) -> str:
    ctx.state["any"] = False
    return ""


def chunk(findings, ctx) -> str:
    if not findings:
        return ""
    out = ("\n" if ctx.state.get("any") else "") + render(findings, ctx)
    ctx.state["any"] = True
    return out


def end(totals, ctx) -> str:
    return ""


def render(findings, ctx) -> str:
    if not findings:
        return ""
    from tabulate import tabulate  # with wcwidth: only when there is something to show

    head = _HEAD.get(ctx.lang, _HEAD["en"])
    parts = []
    for file, group in groupby(findings, key=lambda f: f.file):
        rows = [[_where(f), _sev(f, ctx), f"{f.code} {f.name}", f.path or "/", ctx.message(f)] for f in group]
        table = tabulate(rows, headers=head, tablefmt="simple", maxcolwidths=[None, None, None, 28, 64])
        parts.append(f"{file}\n{table}\n")
    return "\n".join(parts)
