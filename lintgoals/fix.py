"""Safe fixes: rewrite only the text of the offending scalar, so comments,
key order and formatting survive; write atomically (temp file + rename,
mode kept) and refuse when the file changed since it was read."""
from __future__ import annotations

import difflib
import json
import os
import re
import stat
import tempfile
from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple

import yaml

from .document import Document
from .model import Finding

MAX_PASSES = 3
_PLAIN_UNSAFE = re.compile(r"[\n\r\t,\[\]{}#]|: |^[-?:!&*|>'\"%@`\s]|\s$")


class FixError(Exception):
    """A fix that must not be written (the file changed, or cannot be written)."""


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    text: str
    code: str


def edits_for(doc: Document, findings: Sequence[Finding]) -> List[Edit]:
    """Text edits for the fixable findings that carry a `replacement`."""
    out = []
    for f in findings:
        if not f.fixable or "replacement" not in f.args or doc.text is None:
            continue
        span = doc.span(f.path)
        if span is None:
            continue
        start, end, style = span
        out.append(Edit(start, end, render_scalar(str(f.args["replacement"]), style, doc.text[start:end]), f.code))
    out.sort(key=lambda e: (e.start, e.end))
    kept: List[Edit] = []
    for e in out:  # overlapping edits wait for the next pass
        if not kept or e.start >= kept[-1].end:
            kept.append(e)
    return kept


def render_scalar(value: str, style: Optional[str], original: str) -> str:
    """The new scalar in the style of the old one where that is safe."""
    if style == "json":
        return json.dumps(value, ensure_ascii=False)
    trailing = original[len(original.rstrip("\r\n")):] if style in ("|", ">") else ""
    if style == "'" and "\n" not in value:
        return "'" + value.replace("'", "''") + "'"
    if style in (None, "") and value and not _PLAIN_UNSAFE.search(value):
        try:
            if yaml.safe_load(value) == value:
                return value
        except yaml.YAMLError:
            pass
    return json.dumps(value, ensure_ascii=False) + trailing  # a JSON string is a valid YAML double-quoted scalar


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    parts, last = [], 0
    for e in edits:
        parts.append(text[last:e.start])
        parts.append(e.text)
        last = e.end
    parts.append(text[last:])
    return "".join(parts)


def diff(path: str, before: str, after: str) -> str:
    return "".join(difflib.unified_diff(before.splitlines(True), after.splitlines(True),
                                        fromfile=f"a/{path.lstrip('/')}", tofile=f"b/{path.lstrip('/')}"))


def write_atomic(path: str, text: str, original: bytes) -> None:
    """Replace `path` with `text` (UTF-8, BOM kept) in one rename; the mode is
    kept; refuse if the file no longer holds `original`."""
    data = text.encode("utf-8")
    if original.startswith(b"\xef\xbb\xbf"):
        data = b"\xef\xbb\xbf" + data
    folder = os.path.dirname(os.path.abspath(path))
    mode = stat.S_IMODE(os.stat(path).st_mode)
    fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".lintgoals-tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        with open(path, "rb") as fh:
            if fh.read() != original:
                from .i18n import t

                raise FixError(t("fix.changed", path=path))
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def fix_text(text: str, lint, display: str, json_mode: bool) -> Tuple[str, int]:
    """Apply fixes in passes until nothing changes. `lint(doc) -> findings`."""
    from .load import load_json, load_yaml

    total = 0
    for _ in range(MAX_PASSES):
        doc = load_json(text, display) if json_mode else load_yaml(text, display)
        if not doc.readable:
            break
        edits = edits_for(doc, lint(doc))
        if not edits:
            break
        text = apply_edits(text, edits)
        total += len(edits)
    return text, total
