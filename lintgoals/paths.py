"""A file's name as lintgoals shows it.

Names come from the file system as it stores them: bytes that are not UTF-8
(decoded by Python as lone surrogates, which no output can encode), newlines,
tabs and bidi controls (which break a line-based report or hide what a name
says). Every finding names its file by `shown(path)`, so all formats show the
same escaped text (`bad\\xff.yaml`, `new\\nline.yaml`), like `ls -b`; the file
itself is opened by its real path.
"""
from __future__ import annotations

import re

_ESCAPE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def shown(path: str) -> str:
    if path.isascii() and path.isprintable():  # nearly every name: nothing to do
        return path
    if not _ESCAPE.search(path):
        return path
    return _ESCAPE.sub(_escape, path)


def _escape(m: "re.Match[str]") -> str:
    c = m.group()
    if c in _NAMED:
        return _NAMED[c]
    o = ord(c)
    if 0xDC80 <= o <= 0xDCFF:  # a byte that is not UTF-8 (surrogateescape)
        return f"\\x{o - 0xDC00:02x}"
    return f"\\u{o:04x}" if o > 0xFF else f"\\x{o:02x}"
