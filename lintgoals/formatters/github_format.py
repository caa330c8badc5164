"""`--format github`: workflow commands that GitHub shows as annotations."""
from __future__ import annotations

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(findings, ctx) -> str:
    lines = []
    for f in findings:
        props = [f"file={escape_property(ctx.repo_path(f.file))}"]
        if f.line:
            props += [f"line={f.line}", f"col={f.column}"]
        props.append(f"title={escape_property(f'{f.code} {f.name}')}")
        lines.append(f"::{_LEVEL[str(f.severity)]} {','.join(props)}::{escape_data(ctx.message(f))}")
    return "\n".join(lines) + ("\n" if lines else "")


def start(ctx) -> str:
    return ""


def chunk(findings, ctx) -> str:
    return render(findings, ctx)


def end(totals, ctx) -> str:
    return ""
