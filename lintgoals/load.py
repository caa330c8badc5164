"""Files → `Document`.

YAML is composed with libyaml (node marks give every line), then built into
plain Python data here, so that duplicate keys are seen rather than silently
dropped, timestamps stay the text the user wrote, and no tag is ever executed.
JSON is parsed by the standard library; its positions are found only when a
finding needs one.
"""
from __future__ import annotations

import gc
from bisect import bisect_right
import json
import operator
import os
import re
import stat
from functools import lru_cache
from typing import Any, Dict, List, Optional, Tuple

import yaml

from .document import Document, FrozenDict, FrozenList, LoadProblem
from .model import Location
from .yaml_errors import explain_error

try:  # libyaml; the pure loader is a fallback that --version reports
    from yaml import CSafeLoader as _Loader
    from yaml._yaml import CParser as _Composer  # composing needs the parser only
    LIBYAML = True
except ImportError:  # pragma: no cover - depends on the platform's wheel
    from yaml import SafeLoader as _Loader  # type: ignore
    _Composer = _Loader  # type: ignore
    LIBYAML = False

YAML_SUFFIXES = (".yaml", ".yml")
JSON_SUFFIXES = (".json",)
FORM_SUFFIXES = (".xlsx", ".xls", ".et", ".docx", ".txt", ".pdf", ".doc", ".wps")  # read by lintgoals.importers (.doc/.wps: LG001 "save as .docx")
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
MAX_NODES = 200_000  # bounds alias expansion ("billion laughs")
MAX_DEPTH = 200       # a target table is 4 levels deep; bound the recursion

_STR = "tag:yaml.org,2002:str"
_SAFE_SCALARS = {
    "tag:yaml.org,2002:null", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float", "tag:yaml.org,2002:timestamp", _STR,
}
_SEQ, _MAP = "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"
_TIMESTAMP, _BINARY = "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:binary"
_INT = "tag:yaml.org,2002:int"
_constructor = yaml.constructor.SafeConstructor()


class _ComposeLoader(_Composer):
    """libyaml's parser (without the safe loader's constructor and resolver,
    whose set-up in Python costs a few µs per file) with the three per-node resolver hooks as
    builtins: the composer calls them on every node, and as Python methods
    they cost a third of the parse. `resolve` now only records its
    arguments — a pending tag `slice(kind, value, implicit)`, implicit in `.step` — and
    `_YamlBuilder` resolves the tag with the same table, only for the nodes
    it reads. (A builtin class attribute is called without `self`.)"""

    descend_resolver = operator.is_  # two arguments, returns a shared bool: nothing allocated per node
    ascend_resolver = tuple          # no arguments: the shared empty tuple
    resolve = slice


_WILDCARD = tuple(_Loader.yaml_implicit_resolvers.get(None, ()))
_IMPLICIT = {first: tuple(rs) + _WILDCARD for first, rs in _Loader.yaml_implicit_resolvers.items() if first is not None}
# the builder's inline test: no resolver for every first character, and all of
# them ASCII, so a text starting at or above U+0080 (most Chinese values) is
# text at once, without slicing off its first character
_INLINE = not _WILDCARD and all(first < "\x80" for first in _IMPLICIT)


@lru_cache(maxsize=4096)
def _implicit_tag(value: str) -> str:
    """The tag SafeLoader's resolver gives a plain scalar (cached: dates,
    years and amounts repeat across the tables of a run, and each costs a
    few regular expressions)."""
    for tag, regexp in _IMPLICIT.get(value[:1], _WILDCARD):
        if regexp.match(value):
            return tag
    return _STR


def _tag(node) -> str:
    """A node's tag, resolving a pending one (see `_ComposeLoader`)."""
    tag = node.tag
    if type(tag) is not slice:
        return tag
    if type(node) is _ScalarNode:
        return _implicit_tag(node.value) if tag.step[0] else _STR
    return _SEQ if type(node) is _SequenceNode else _MAP


class _TooBig(Exception):
    pass


# A target table has tens of indicator rows; the catalogue's checks cost ~150 µs
# a row. Past this many rows the file is a whole budget or a generated sheet, not
# a table: LG001 says so at once instead of minutes of findings (issue 16).
MAX_INDICATORS = 5000


def guard_rows(doc: Document, limit: int = MAX_INDICATORS) -> None:
    """A table with more than `limit` indicator rows becomes unreadable (LG001
    too-many-rows, at its indicators key): no check runs on it."""
    if not doc.is_table:
        return
    rows = doc.data.get("indicators")
    if isinstance(rows, (list, tuple)) and len(rows) > limit:
        doc.problems.append(LoadProblem("too-many-rows", {"rows": len(rows), "limit": limit},
                                        doc.locate("/indicators")))


def load_file(path: str, display: Optional[str] = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read one file; every failure becomes a LoadProblem on the document."""
    display = display if display is not None else path
    data, problem = read_regular(path, max_bytes)
    if problem is not None:
        return Document.failed(display, problem)
    return load_bytes(data, display, json_mode=display.lower().endswith(JSON_SUFFIXES))


_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def read_regular(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Tuple[bytes, Optional[LoadProblem]]:
    """The bytes of a regular file within the size limit, or why not. One
    open and an fstat: non-blocking, so a FIFO is seen rather than waited on."""
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except IsADirectoryError:
        return b"", LoadProblem("is-directory", {})
    except FileNotFoundError:
        return b"", LoadProblem("not-found", {})
    except OSError as exc:
        return b"", LoadProblem("os-error", {"error": exc.strerror or str(exc)})
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            return b"", LoadProblem("is-directory", {})
        if not stat.S_ISREG(st.st_mode):
            return b"", LoadProblem("not-regular", {})
        size = st.st_size
        if size > max_bytes:
            return b"", LoadProblem("too-large", {"size": size, "limit": max_bytes})
        parts, total = [], 0
        while True:  # to the end, even if it grew since the fstat
            want = max(size + 1 - total, 65536)
            part = os.read(fd, want)
            if not part:
                break
            parts.append(part)
            total += len(part)
            if total > max_bytes:
                return b"", LoadProblem("too-large", {"size": total, "limit": max_bytes})
            if len(part) < want:  # a short read of a regular file is its end: no second call to see b""
                break
        return parts[0] if len(parts) == 1 else b"".join(parts), None
    except OSError as exc:
        return b"", LoadProblem("os-error", {"error": exc.strerror or str(exc)})
    finally:
        os.close(fd)


def load_bytes(data: bytes, display: str = "<string>", json_mode: bool = False) -> Document:
    text, problem = decode(data)
    if problem is not None:
        return Document.failed(display, problem)
    if text.strip() == "":
        return Document.failed(display, LoadProblem("empty", {}))
    return load_json(text, display) if json_mode else load_yaml(text, display)


def decode(data: bytes) -> Tuple[str, Optional[LoadProblem]]:
    """UTF-8 (BOM allowed). Otherwise say what it looks like and where it breaks."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "", LoadProblem("encoding", {"encoding": "UTF-16", "iconv": "UTF-16"})
    if b"\x00" in data[:8192]:
        return "", LoadProblem("binary", {})
    # a BOM is dropped here: "utf-8-sig" is a codec written in Python, plain UTF-8 is decoded in C
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = body[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        guess, iconv = "?", "GB18030"
        for enc, name in (("gb18030", "GB18030/GBK"), ("big5", "Big5")):
            try:
                data.decode(enc)
                guess, iconv = name, enc.upper()
                break
            except UnicodeDecodeError:
                continue
        problem = LoadProblem("encoding", {"encoding": guess, "iconv": iconv}, Location(line, column))
        return "", problem
    return text, None


# ------------------------------------------------------------------ YAML

def load_yaml(text: str, display: str = "<string>") -> Document:
    with _no_gc():
        return _load_yaml(text, display)


class _no_gc:
    """The cyclic collector off while a file's node tree is built: nodes hold no
    cycles (reference counting frees them), and with a big file the collector's
    passes over the growing tree made composing quadratic (150,000 keys: 7.8 s
    with it, 0.5 s without)."""

    def __enter__(self) -> None:
        self.was = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc) -> None:
        if self.was:
            gc.enable()


def _load_yaml(text: str, display: str) -> Document:
    try:
        root = yaml.compose(text, Loader=_ComposeLoader)
    except yaml.YAMLError as exc:  # syntax, control characters, libyaml's own depth limit
        kind, args, loc = explain_error(exc, text)
        if kind == "too-deep":
            args = dict(args, limit=MAX_DEPTH)
        return Document.failed(display, LoadProblem(kind, args, loc))
    except RecursionError:
        return Document.failed(display, LoadProblem("too-deep", {"limit": MAX_DEPTH}, Location(1, 1)))
    if root is None:
        return Document.failed(display, LoadProblem("empty", {}))
    builder = _YamlBuilder()
    try:
        data = builder.build(root)
    except _TooBig as exc:
        return Document.failed(display, LoadProblem(str(exc), {"limit": MAX_NODES if str(exc) == "too-many-nodes" else MAX_DEPTH}, Location(1, 1)))
    except _LongNumber as exc:
        node = exc.args[0]
        digits = sum(c.isdigit() for c in node.value)
        return Document.failed(display, LoadProblem("long-number", {"digits": digits, "limit": MAX_DIGITS}, _mark(node)))
    except _UnsafeTag as exc:
        node = exc.args[0]
        return Document.failed(display, LoadProblem("unsafe-tag", {"tag": node.tag}, _mark(node)))
    except yaml.YAMLError as exc:  # a scalar that its own tag cannot read (!!int abc)
        mark = getattr(exc, "problem_mark", None)
        loc = Location(mark.line + 1, mark.column + 1) if mark else Location(1, 1)
        parser = getattr(exc, "problem", None) or str(exc)
        problem = {"zh": "这个值不能按它的 YAML 标签读取：请删除标签（!! 开头的部分），只写普通值",
                   "en": "this value cannot be read as its YAML tag says: remove the tag (the part starting with !!) and write a plain value"}
        return Document.failed(display, LoadProblem("yaml-syntax", {"problem": problem, "kind": "tag-value", "parser": parser}, loc))
    doc = Document(display, data, locator=_YamlLocator(root))
    doc.text = text
    for path, node, first in builder.duplicate_paths(root) if builder.duplicates else ():
        doc.duplicates.append((path, _mark(node), _mark(first).line))
    return doc


class _UnsafeTag(Exception):
    pass


def _mark(node) -> Location:
    return Location(node.start_mark.line + 1, node.start_mark.column + 1)


_ScalarNode, _SequenceNode, _MappingNode = yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode


class _YamlBuilder:
    """Nodes → plain data (dict/list/str/int/float/bool/None), read-only containers.

    The hot path of loading: scalars are read inline (most are text that
    needs no resolving), no paths are built while walking, and the rare
    duplicate key is located afterwards (`duplicate_paths`)."""

    def __init__(self) -> None:
        self.count = 0
        self.duplicates: List[Tuple[Any, Any, Any]] = []  # (mapping node, repeated key node, first key node)

    def build(self, node, depth: int = 0):
        kind = type(node)
        if kind is _ScalarNode:
            return _scalar(node)
        if depth > MAX_DEPTH:
            raise _TooBig("too-deep")
        children = node.value
        self.count += len(children)  # every node is some container's child: this bounds aliases
        if self.count > MAX_NODES:
            raise _TooBig("too-many-nodes")
        tag = node.tag
        depth += 1
        if kind is _SequenceNode:
            if type(tag) is not slice and tag != _SEQ:
                raise _UnsafeTag(node)
            items = []
            append = items.append
            for child in children:
                if type(child) is _ScalarNode:  # inline: a text that needs no resolving (see _scalar)
                    t, v = child.tag, child.value
                    if type(t) is slice and _INLINE and (not t.step[0] or v >= "\x80" or v[:1] not in _IMPLICIT):
                        append(v)
                    else:
                        append(_scalar(child))
                else:
                    append(self.build(child, depth))
            return FrozenList(items)
        if kind is _MappingNode:
            if type(tag) is not slice and tag != _MAP:
                raise _UnsafeTag(node)
            out: Dict[str, Any] = {}
            firsts = None
            for key_node, child in children:
                key = key_node.value if type(key_node) is _ScalarNode else _key_text(key_node)
                if key in out:  # rare: index this mapping's first keys once (a scan per duplicate is quadratic)
                    if firsts is None:
                        firsts = {}
                        for k, _ in children:
                            firsts.setdefault(_key_text(k), k)
                    self.duplicates.append((node, key_node, firsts[key]))
                if type(child) is _ScalarNode:
                    t, v = child.tag, child.value
                    if type(t) is slice and _INLINE and (not t.step[0] or v >= "\x80" or v[:1] not in _IMPLICIT):
                        out[key] = v
                    else:
                        out[key] = _scalar(child)
                else:
                    out[key] = self.build(child, depth)
            return FrozenDict(out)
        raise _UnsafeTag(node)  # pragma: no cover - no other node kinds exist

    def duplicate_paths(self, root) -> List[Tuple[tuple, Any, Any]]:
        """(path of the repeated key, its key node, the first key node)."""
        where = {id(m): None for m, _, _ in self.duplicates}
        unresolved = len(where)
        stack = [((), root)]
        while stack and unresolved:
            path, node = stack.pop()
            if id(node) in where and where[id(node)] is None:
                where[id(node)] = path
                unresolved -= 1
            if type(node) is _MappingNode:
                stack.extend((path + (k.value,), v) for k, v in node.value if type(k) is _ScalarNode)
            elif type(node) is _SequenceNode:
                stack.extend((path + (i,), v) for i, v in enumerate(node.value))
        return [((where[id(m)] or ()) + (_key_text(k),), k, f) for m, k, f in self.duplicates]


def _scalar(node):
    """A scalar node's value: text as written (dates too: values.parse_date
    reads them), numbers, booleans and null as SafeLoader reads them."""
    tag = node.tag
    try:
        if type(tag) is slice and tag.step[0]:  # plain and untagged: the text alone decides
            value = _plain_value(node.value)
            if value is not _UNSAFE:
                return value
        return _construct(node, _tag(node))
    except (ValueError, TypeError, OverflowError) as exc:  # 0b_ matches YAML 1.1's int pattern, int() refuses it
        if len(node.value) > MAX_DIGITS:  # Python refuses int() of more than 4300 digits
            raise _LongNumber(node)
        raise yaml.constructor.ConstructorError(None, None, f"cannot read {node.value!r}: {exc}", node.start_mark)


_UNSAFE = object()


@lru_cache(maxsize=4096)
def _plain_value(text: str):
    """The value of a plain untagged scalar, or _UNSAFE (cached: years,
    amounts, 0 and percentages repeat across the tables of a run)."""
    tag = _implicit_tag(text)
    if tag not in _SAFE_SCALARS:
        return _UNSAFE  # merge/value tags: _construct reports the node
    return _construct(yaml.ScalarNode(tag, text), tag)


def _construct(node, tag: str):
    if tag == _STR or tag == _TIMESTAMP or tag == _BINARY:
        return node.value
    if tag == _INT:
        v = node.value
        if v.isdigit() and (v[0] != "0" or len(v) == 1):  # decimal; YAML 1.1 reads 012 as octal
            return int(v)
    if tag in _SAFE_SCALARS:
        return _constructor.yaml_constructors[tag](_constructor, _resolved(node, tag))
    raise _UnsafeTag(_resolved(node, tag))


def _resolved(node, tag: str):
    """`node` with its pending tag replaced (constructors and messages read it)."""
    if type(node.tag) is slice:
        node.tag = tag
    return node


def _key_text(node) -> str:
    if isinstance(node, yaml.ScalarNode):
        return node.value
    stack = [node]
    while stack:  # the serializer needs real tags
        n = stack.pop()
        _resolved(n, _tag(n))
        if isinstance(n, yaml.SequenceNode):
            stack.extend(n.value)
        elif isinstance(n, yaml.MappingNode):
            stack.extend(x for pair in n.value for x in pair)
    return yaml.serialize(node, Dumper=yaml.SafeDumper).strip()  # odd, but readable


class _YamlLocator:
    """Path → Location, walking the node tree only when a finding asks."""

    def __init__(self, root) -> None:
        self.root = root
        self._keys: Dict[int, Dict[str, Any]] = {}  # big mapping → key → value node, made on first use

    def __call__(self, path: tuple) -> Location:
        return _mark(self.node(path)[0])

    def span(self, path: tuple):
        node, found = self.node(path)
        if not found or not isinstance(node, yaml.ScalarNode):
            return None
        return node.start_mark.index, node.end_mark.index, node.style

    def node(self, path: tuple):
        """(node at `path`, True), or (the deepest existing node on the way, False)."""
        node = self.root
        for part in path:
            nxt = None
            if isinstance(node, yaml.MappingNode):
                if len(node.value) > 32:  # a finding per key of a huge mapping: index it once, not a scan each
                    keys = self._keys.get(id(node))
                    if keys is None:
                        keys = self._keys[id(node)] = {k.value: v for k, v in node.value if isinstance(k, yaml.ScalarNode)}
                    nxt = keys.get(str(part))
                else:
                    for key_node, value_node in node.value:
                        if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(part):
                            nxt = value_node  # the last one wins, as in the data
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                if 0 <= part < len(node.value):
                    nxt = node.value[part]
            if nxt is None:
                return node, False
            node = nxt
        return node, True


# ------------------------------------------------------------------ JSON

def _reject_constant(name: str):
    raise ValueError(f"{name} is not valid JSON")


def load_json(text: str, display: str = "<string>") -> Document:
    dup_keys: List[str] = []

    def pairs(items):
        out: Dict[str, Any] = {}
        for k, v in items:
            if k in out:
                dup_keys.append(k)
            out[k] = v
        return out

    try:
        with _no_gc():
            data = json.loads(text, object_pairs_hook=pairs, parse_constant=_reject_constant, parse_int=_json_int)
    except _LongNumber as exc:
        at = text.find(exc.args[0])
        return Document.failed(display, LoadProblem("long-number", {"digits": len(exc.args[0]), "limit": MAX_DIGITS},
                                                    _offset_location(text, max(at, 0))))
    except json.JSONDecodeError as exc:
        return Document.failed(display, LoadProblem("json-syntax", {"problem": exc.msg}, Location(exc.lineno, exc.colno)))
    except ValueError as exc:  # NaN / Infinity
        m = re.search(r"NaN|-?Infinity", text)
        loc = _offset_location(text, m.start()) if m else Location(1, 1)
        return Document.failed(display, LoadProblem("json-syntax", {"problem": str(exc)}, loc))
    except RecursionError:
        return Document.failed(display, LoadProblem("too-deep", {"limit": MAX_DEPTH}, Location(1, 1)))
    # the C decoder nests deeper than Python can walk afterwards: bound it here, without recursion
    if (text.count("[") + text.count("{") > MAX_DEPTH) and _deeper_than(data, MAX_DEPTH):
        return Document.failed(display, LoadProblem("too-deep", {"limit": MAX_DEPTH}, Location(1, 1)))
    if "\\u" in text and _SURROGATE_ESCAPE.search(text):
        bad = _lone_surrogate(text)
        if bad is not None:
            return Document.failed(display, LoadProblem("lone-surrogate", {"escape": bad[1]}, _offset_location(text, bad[0])))
    locator = _JsonLocator(text)
    doc = Document(display, data, locator=locator)
    doc.text = text
    if dup_keys:
        for path, loc, first_line in locator.duplicates():
            doc.duplicates.append((path, loc, first_line))
    return doc


MAX_DIGITS = 4300  # Python's own limit on int(str); a real amount has fewer than 20
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


class _LongNumber(ValueError):
    pass


def _json_int(digits: str) -> int:
    if len(digits) > MAX_DIGITS:
        raise _LongNumber(digits)
    return int(digits)


def _deeper_than(data: Any, limit: int) -> bool:
    stack = [(data, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return True
        if type(node) is dict:
            stack.extend((v, depth + 1) for v in node.values() if type(v) in (dict, list))
        elif type(node) is list:
            stack.extend((v, depth + 1) for v in node if type(v) in (dict, list))
    return False


def _lone_surrogate(text: str) -> Optional[Tuple[int, str]]:
    """(offset, escape) of a \\uD800-\\uDFFF escape that is not half of a pair:
    it decodes to no character, and no output can encode it."""
    for m in _SURROGATE_ESCAPE.finditer(text):
        i = m.start()
        bs = 0
        while i - 1 - bs >= 0 and text[i - 1 - bs] == "\\":
            bs += 1
        if bs % 2:  # the backslash is itself escaped: plain text
            continue
        code = int(m.group()[2:], 16)
        nxt = _SURROGATE_ESCAPE.match(text, m.end())
        if code < 0xDC00 and nxt and int(nxt.group()[2:], 16) >= 0xDC00:
            continue  # a high surrogate followed by a low one: a real character
        prev = _SURROGATE_ESCAPE.match(text, i - 6) if i >= 6 else None
        if code >= 0xDC00 and prev and int(prev.group()[2:], 16) < 0xDC00:
            continue
        return m.start(), m.group()
    return None


def _offset_location(text: str, offset: int) -> Location:
    line = text.count("\n", 0, offset) + 1
    return Location(line, offset - (text.rfind("\n", 0, offset) + 1) + 1)


class _Lines:
    """Offsets → locations for many offsets of one text: the line starts once,
    then a bisect each (counting newlines per offset is quadratic)."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def __call__(self, offset: int) -> Location:
        i = bisect_right(self.starts, offset) - 1
        return Location(i + 1, offset - self.starts[i] + 1)


_WS = re.compile(r"[ \t\n\r]*")
_JSON_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?")


class _JsonLocator:
    """Scans the JSON text once, on first use, into path → offset."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._offsets: Optional[Dict[tuple, int]] = None
        self._ends: Dict[tuple, int] = {}
        self._dups: List[Tuple[tuple, int, int]] = []

    def _scan(self) -> Dict[tuple, int]:
        if self._offsets is None:
            self._offsets = {}
            try:
                with _no_gc():  # a path tuple per node: the collector's passes made big files quadratic
                    self._value(_WS.match(self.text, 0).end(), ())
            except (ValueError, IndexError, RecursionError):
                pass  # already parsed by json; a locator failure only loses precision
        return self._offsets

    def _value(self, i: int, path: tuple) -> int:
        end = self._value_end(i, path)
        self._ends[path] = end
        return end

    def _value_end(self, i: int, path: tuple) -> int:
        t = self.text
        self._offsets[path] = i
        c = t[i]
        if c == "{":
            i = _WS.match(t, i + 1).end()
            first: Dict[str, int] = {}
            if t[i] == "}":
                return i + 1
            while True:
                key, key_end = json.decoder.scanstring(t, i + 1)
                if key in first:
                    self._dups.append((path + (key,), i, first[key]))
                first[key] = i
                i = _WS.match(t, key_end).end() + 1  # past ':'
                i = _WS.match(t, i).end()
                i = _WS.match(t, self._value(i, path + (key,))).end()
                if t[i] == "}":
                    return i + 1
                i = _WS.match(t, i + 1).end()  # past ','
        if c == "[":
            i = _WS.match(t, i + 1).end()
            n = 0
            if t[i] == "]":
                return i + 1
            while True:
                i = _WS.match(t, self._value(i, path + (n,))).end()
                n += 1
                if t[i] == "]":
                    return i + 1
                i = _WS.match(t, i + 1).end()
        if c == '"':
            return json.decoder.scanstring(t, i + 1)[1]
        for lit in ("true", "false", "null"):
            if t.startswith(lit, i):
                return i + len(lit)
        m = _JSON_NUMBER.match(t, i)
        if not m:
            raise ValueError("unexpected JSON text")
        return m.end()

    def duplicates(self):
        self._scan()
        where = _Lines(self.text) if len(self._dups) > 8 else (lambda o: _offset_location(self.text, o))
        for path, off, first in self._dups:
            yield path, where(off), where(first).line

    def span(self, path: tuple):
        offsets = self._scan()
        if path not in offsets or self.text[offsets[path]] != '"':
            return None
        return offsets[path], self._ends[path], "json"

    def __call__(self, path: tuple) -> Location:
        offsets = self._scan()
        while path not in offsets and path:
            path = path[:-1]
        return _offset_location(self.text, offsets.get(path, 0))
