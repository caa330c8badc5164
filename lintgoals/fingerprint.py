"""Stable identities for findings: code, file, the JSON path with list items
named by their name/task instead of their index, and the offending value.
Line numbers are left out on purpose: moving text must not resurrect a
finding that a baseline records."""
from __future__ import annotations

import hashlib
import os
from dataclasses import replace
from functools import lru_cache
from typing import Any, Iterable, List

from .document import Document, pointer_parts
from .model import Finding


def rel_path(file: str, root: str = "") -> str:
    """The file relative to `root` (default: the current folder), with forward slashes."""
    cwd = os.getcwd()
    return _rel_path(file, root or cwd, cwd)


@lru_cache(maxsize=256)  # a file's findings all ask for it
def _rel_path(file: str, root: str, cwd: str) -> str:
    try:
        rel = os.path.relpath(os.path.join(cwd, file), root)
    except ValueError:  # another drive on Windows
        rel = file
    return rel.replace(os.sep, "/")


def _stable_path(data: Any, path: str) -> tuple:
    out, node = [], data
    for part in pointer_parts(path):
        if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            item = node[part]
            label = item.get("name") or item.get("task") if isinstance(item, dict) else None
            out.append(f"[{label}]" if isinstance(label, str) and label else part)
            node = item
        elif isinstance(node, dict) and part in node:
            out.append(part)
            node = node[part]
        else:
            out.append(part)
            node = None
    return tuple(out), node


def _value_text(node: Any) -> str:
    if node is None or isinstance(node, (str, int, float, bool)):
        return str(node)
    if isinstance(node, dict):
        return str(node.get("name") or node.get("task") or "")
    return ""


def fingerprint(f: Finding, doc: Document) -> str:
    return fingerprint_of(f.code, f.file, f.path, doc)


def fingerprint_of(code: str, file: str, path: str, doc: Document) -> str:
    return fingerprint_from(code, file, *stable_parts(path, doc))


def stable_parts(path: str, doc: Document) -> tuple:
    """(the path with list items named, the value there) as a fingerprint takes
    them: what a table's summary keeps so that run checks, which see no document,
    fingerprint their findings by the same scheme."""
    stable, node = _stable_path(doc.data, path) if doc.readable else ((), None)
    return "/".join(map(str, stable)), _value_text(node)


def fingerprint_from(code: str, file: str, stable: str, value: str) -> str:
    key = "\x1f".join([code, rel_path(file), stable, value])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def add_fingerprints(findings: Iterable[Finding], doc: Document) -> List[Finding]:
    """Findings made outside `ctx.finding` (the suppression stage, a crash) get theirs here."""
    return [f if f.fingerprint else replace(f, fingerprint=fingerprint(f, doc)) for f in findings]
