"""What a YAML syntax error means, in the user's words, at the line where it starts.

libyaml reports where it *noticed* a problem (an unclosed quote is noticed at
the end of the file) in English parser terms. Each kind a user can hit is
turned here into a bilingual explanation that says what to type, located where
the problem starts. The parser's own text is kept in the `parser` argument
(shown with `--verbose`), never in the message itself.

Kinds are recognised by libyaml's problem/context strings, which differ
between PyYAML's pure and C parsers and between releases: tests/test_yaml_errors.py
pins each one, so a release that rewords them fails a test naming PyYAML.
"""
from __future__ import annotations

from typing import Any, Dict, Optional, Tuple

from .model import Location

Text = Dict[str, str]

# kind → (zh, en); {name} fields are filled from the source text
EXPLAIN: Dict[str, Tuple[str, str]] = {
    "unclosed-quote": (
        "这里开始的 {quote} 引号没有闭合（直到文件末尾都没有对应的结束引号）：请在这个值的末尾补上 {quote}",
        "the {quote} quote opened here is never closed (no closing quote before the end of the file): add {quote} at the end of the value"),
    "bad-escape": (
        "双引号里的“\\{char}”不是有效的转义：反斜杠请写成 \\\\，或把双引号换成单引号",
        "\"\\{char}\" inside double quotes is not a valid escape: write the backslash as \\\\, or use single quotes"),
    "fullwidth-colon": (
        "这一行用了中文冒号“：”：YAML 的键和值之间要用英文冒号加一个空格“: ”，例如 name: 项目名称",
        "this line uses the full-width colon '：': YAML needs an ASCII colon and a space ': ' between key and value, e.g. name: 项目名称"),
    "missing-colon": (
        "这一行缺少冒号：键和值之间要写英文冒号加一个空格“: ”，例如 name: 项目名称",
        "this line lacks a colon: write an ASCII colon and a space ': ' between key and value, e.g. name: 项目名称"),
    "two-colons": (
        "一行里出现了两个“: ”：值里含冒号时，请把整个值放进引号，例如 name: \"目标: 完成\"",
        "two ': ' on one line: when a value holds a colon, put the whole value in quotes, e.g. name: \"目标: 完成\""),
    "key-too-long": (
        "键有 {length} 个字符，超过 YAML 允许的 1024 个：键应是简短的英文名（如 name、value），长文字请写在冒号后面作为值",
        "the key has {length} characters, over YAML's limit of 1024: a key is a short name (name, value); put long text after the colon as the value"),
    "bad-indentation": (
        "缩进不对齐：这一行缩进了 {spaces} 个空格，与同一层的其他键不一致；同一层的键必须从同一列开始（例如都缩进 2 个空格）",
        "indentation does not line up: this line is indented {spaces} spaces, unlike the other keys of its level; keys of one level start in the same column (e.g. all indented 2 spaces)"),
    "text-after-value": (
        "这一行的值后面多出了内容：引号括起的值结束后不能再写文字；请把整个值放进一对引号里",
        "there is more after the value on this line: nothing may follow a quoted value; put the whole value in one pair of quotes"),
    "missing-key": (
        "这一行以冒号开头，缺少键名：请在冒号前写上键，例如 name: 项目名称",
        "this line starts with a colon and has no key: write the key before it, e.g. name: 项目名称"),
    "list-mixed": (
        "列表里混进了键：这一行与上面的“- ”列表项缩进相同，却不是以“- ”开头；请对齐缩进，或在行首加“- ”",
        "a key inside a list: this line is indented like the '- ' items above but does not start with '- '; fix the indentation or start it with '- '"),
    "unclosed-bracket": (
        "这里开始的 {open} 没有对应的 {close}（或两个元素之间缺少逗号）：请补上 {close}，并用“, ”分隔各项",
        "the {open} opened here has no matching {close} (or a comma is missing between two items): add {close} and separate items with ', '"),
    "tab": (
        "YAML 的缩进不能用制表符（Tab）：请把这一行开头的 Tab 换成空格",
        "YAML indentation cannot use tabs: replace the tab at the start of this line with spaces"),
    "bad-start": (
        "值不能以“{char}”开头：请把这个值放进引号，例如 \"{char}…\"",
        "a value cannot start with '{char}': put it in quotes, e.g. \"{char}…\""),
    "duplicate-anchor": (
        "锚点 &{name} 重复定义（第 {first} 行已定义过）：请换一个名字",
        "anchor &{name} is defined twice (first on line {first}): rename one of them"),
    "undefined-alias": (
        "*{name} 引用了没有定义的锚点：请先用 &{name} 定义；如果这是普通文字，请把它放进引号",
        "*{name} refers to an anchor that is not defined: define it with &{name} first; if it is plain text, put it in quotes"),
    "bad-alias": (
        "“{char}”后面应是锚点名：值以 {char} 开头时请把它放进引号，例如 value: \"{char}\"",
        "'{char}' must be followed by an anchor name: when a value starts with {char}, put it in quotes, e.g. value: \"{char}\""),
    "two-documents": (
        "一个文件只能有一张表：这一行的“---”开始了第二个 YAML 文档；请把第二张表另存为一个文件",
        "one file holds one table: the '---' on this line starts a second YAML document; save the second table as a file of its own"),
    "directive": (
        "以 % 开头的行是 YAML 指令：请删除这一行；以 % 开头的值请放进引号",
        "a line starting with % is a YAML directive: delete it; put a value that starts with % in quotes"),
    "missing-value": (
        "这里缺少值：逗号、冒号或“- ”后面应有内容；空值请写 \"\"",
        "a value is missing here: something must follow the comma, colon or '- '; write \"\" for an empty value"),
    "control-char": (
        "这里有一个看不见的控制字符 U+{code}（常随网页或系统里复制的文字带入）：请删除它",
        "an invisible control character U+{code} is here (it often comes with text copied from a web page or system): delete it"),
    "unexpected-end": (
        "文件意外结束：从这里开始的内容没有结束（可能缺少引号或括号）",
        "the file ends unexpectedly: what starts here is never closed (a missing quote or bracket?)"),
    "other": (
        "YAML 写法有误：请检查这一行的冒号（英文“: ”）、引号、括号是否成对，缩进是否对齐",
        "the YAML is malformed here: check this line's colons (ASCII ': '), quotes and brackets come in pairs and the indentation lines up"),
}


def explain_error(exc: Exception, text: str) -> Tuple[str, Dict[str, Any], Location]:
    """(kind, message arguments, location of the start) for a YAML error."""
    problem = getattr(exc, "problem", None) or ""
    context = getattr(exc, "context", None) or ""
    pm = getattr(exc, "problem_mark", None)
    cm = getattr(exc, "context_mark", None)
    lines = text.split("\n")
    parser = " ".join(p for p in (context, problem) if p) or str(exc)

    def at(mark) -> Location:
        return Location(mark.line + 1, mark.column + 1) if mark is not None else Location(1, 1)

    def char_at(mark) -> str:
        if mark is None or mark.line >= len(lines):
            return ""
        line = lines[mark.line]
        return line[mark.column] if mark.column < len(line) else ""

    def line_of(mark) -> str:
        return lines[mark.line] if mark is not None and mark.line < len(lines) else ""

    kind, args, where = "other", {}, pm or cm
    if isinstance(exc, _ReaderError):
        pos = max(0, getattr(exc, "position", 0) or 0)
        before = text[:pos]
        line = before.count("\n") + 1
        col = pos - (before.rfind("\n") + 1) + 1
        ch = exc.character
        code = ch if isinstance(ch, int) else (ord(ch) if ch else 0)
        return "yaml-syntax", _args("control-char", {"code": f"{code:04X}"}, parser), Location(line, col)
    if "nesting depth" in problem:
        return "too-deep", {"parser": parser}, at(pm)
    if "quoted scalar" in context and ("end of stream" in problem or "document indicator" in problem):
        kind, where = "unclosed-quote", cm
        args = {"quote": char_at(cm) or '"'}
    elif "unknown escape" in problem:
        line, col = line_of(pm), pm.column if pm is not None else 0
        kind, args = "bad-escape", {"char": line[col + 1: col + 2] if line[col:col + 1] == "\\" else line[col:col + 1]}
    elif "simple key" in context and _long_key(line_of(cm), cm):
        kind, where = "key-too-long", cm
        args = {"length": _long_key(line_of(cm), cm)}
    elif "simple key" in context or "mapping values are not allowed" in problem:
        start = cm if "simple key" in context else _missing_colon_start(lines, pm)
        if start is not None:
            where = start
            kind = "fullwidth-colon" if "：" in line_of(start) else "missing-colon"
        elif "：" in line_of(pm):
            kind = "fullwidth-colon"
        elif _indented_under_a_value(lines, pm):
            line = line_of(pm)
            kind, args, where = "bad-indentation", {"spaces": len(line) - len(line.lstrip(" "))}, _Mark(pm.line, 0)
        else:
            kind = "two-colons"
    elif "did not find expected key" in problem:
        line = line_of(pm)
        indent = len(line) - len(line.lstrip(" "))
        if line[indent:indent + 1] in (":", "?"):
            kind = "missing-key"
        elif pm is not None and pm.column <= indent:
            kind, args = "bad-indentation", {"spaces": indent}
        else:
            kind = "text-after-value"
    elif "expected '-' indicator" in problem:
        kind = "list-mixed"
    elif "flow sequence" in context or "flow mapping" in context:
        kind, where = "unclosed-bracket", cm
        args = {"open": "[", "close": "]"} if "sequence" in context else {"open": "{", "close": "}"}
    elif "cannot start any token" in problem:
        ch = char_at(pm)
        if ch == "\t":
            kind = "tab"
        elif "：" in line_of(pm):
            kind = "fullwidth-colon"
        else:
            kind, args = "bad-start", {"char": ch}
    elif "duplicate anchor" in context or "duplicate anchor" in problem:
        name = _token(line_of(pm), pm.column + 1 if pm is not None else 0)
        kind, args = "duplicate-anchor", {"name": name, "first": (cm.line + 1) if cm is not None else 1}
    elif "undefined alias" in problem:
        kind, args = "undefined-alias", {"name": _token(line_of(pm), pm.column + 1 if pm is not None else 0)}
    elif "scanning an alias" in context or "scanning an anchor" in context:
        kind, where = "bad-alias", cm
        args = {"char": char_at(cm) or "*"}
    elif "single document" in context or "another document" in problem:
        kind = "two-documents"
    elif "directive" in context or "directive" in problem:
        kind = "directive"
    elif "expected node content" in problem:
        kind = "missing-value"
    elif "end of stream" in problem:
        kind, where = "unexpected-end", cm or pm
    if "\t" in line_of(where) and kind in ("other", "bad-indentation", "missing-colon"):
        kind = "tab"
    return "yaml-syntax", _args(kind, args, parser), at(where)


def _args(kind: str, args: Dict[str, Any], parser: str) -> Dict[str, Any]:
    zh, en = EXPLAIN[kind]
    return {"problem": {"zh": zh.format(**args), "en": en.format(**args)}, "kind": kind, "parser": parser}


def _token(line: str, start: int) -> str:
    end = start
    while end < len(line) and (line[end].isalnum() or line[end] in "_-"):
        end += 1
    return line[start:end]


class _Mark:
    def __init__(self, line: int, column: int) -> None:
        self.line, self.column = line, column


def _long_key(line: str, cm) -> int:
    """The length of a key of 1024 characters or more (YAML's limit of a plain
    key: the colon is there, the parser stopped looking for it), else 0."""
    if cm is None:
        return 0
    colon = line.find(": ", cm.column)
    return colon - cm.column if colon - cm.column >= 1024 else 0


def _indented_under_a_value(lines, pm) -> bool:
    """A key indented under `key: value` (` project: x` below `year: 2026`):
    YAML reads it as the value's continuation, then finds a second colon."""
    if pm is None or pm.line == 0 or pm.line >= len(lines):
        return False
    line = lines[pm.line]
    indent = len(line) - len(line.lstrip(" "))
    if ":" in line[indent:pm.column]:
        return False
    for i in range(pm.line - 1, -1, -1):
        above = lines[i].split(" #")[0]
        if not above.strip():
            continue
        ind = len(above) - len(above.lstrip(" "))
        key, colon, value = above.partition(": ")
        return ind < indent and bool(colon) and bool(value.strip())
    return False


def _missing_colon_start(lines, pm) -> Optional[_Mark]:
    """'mapping values are not allowed' right at a line's key: the lines above
    it that hold no colon were read as one plain text with this key, so the
    colon is missing at the first of them."""
    if pm is None or pm.line >= len(lines):
        return None
    line = lines[pm.line]
    indent = len(line) - len(line.lstrip(" "))
    head = line[indent:pm.column]
    if ":" in head or not head.strip():  # a second colon on the line: not a missing one
        return None
    start = None
    i = pm.line - 1
    while i >= 0:
        above = lines[i]
        stripped = above.strip()
        ind = len(above) - len(above.lstrip(" "))
        if not stripped or stripped.startswith("#") or ind < indent or ":" in above.split(" #")[0] \
                or stripped.startswith("- "):
            break
        start = _Mark(i, ind)
        i -= 1
    return start


try:
    from yaml.reader import ReaderError as _ReaderError
except ImportError:  # pragma: no cover
    class _ReaderError(Exception):  # type: ignore
        pass
