"""Display width and line breaking for the text report.

A terminal shows a Chinese character in two columns, so widths are measured
with wcwidth, never with len(). Lines are broken by the rules of Chinese
typesetting (GB/T 15834 punctuation, "避头尾"): no line starts with closing
punctuation (）”，。：、；！？》」…), no line ends with opening punctuation
(（“《「), and a number, rule code, date, path or quoted value (“…”) is never
split — unless it alone is wider than the line, which leaves no choice.

One pass over the text, one token at a time: wrapping is linear in the text's
length (a plugin's 4 MB message must not hang the report).
"""
from __future__ import annotations

import re
from collections import deque
from typing import Deque, Iterator, List, Tuple

# a line never starts with these (they close what came before)
NO_START = frozenset("）)]}｝］】〕〉》」』〗〙〛”’，,。.．：:、；;！!？?…‥·・％%‰–—～")
# a line never ends with these (they open what comes after)
NO_END = frozenset("（([{｛［【〔〈《「『〖〘〚“‘")

_SPACE, _TEXT, _RUN, _ATOM = range(4)

_WIDE = ("\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
         "\uac00-\ud7a3\uf900-\ufaff\ufe10-\ufe19\ufe30-\ufe6f\uff00-\uff60\uffe0-\uffe6"
         "\U00020000-\U0003fffd")
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_PARTS = {
    # dates written the Chinese way are one unit: 2018年1月1日, 3月31日
    "date": r"\d{2,4}年(?:\d{1,2}月(?:\d{1,2}日)?)?|\d{1,2}月\d{1,2}日",
    # a quoted value; ASCII quotes only where they open and close (not the ' of "don't")
    "quote": r"“[^“”\n]*”|「[^「」\n]*」|《[^《》\n]*》|『[^『』\n]*』"
             r"|(?<!\w)'[^'\s](?:[^'\n]*[^'\s])?'(?!\w)|(?<!\w)\"[^\"\n]*\"(?!\w)",
    "space": r"[ \u3000]+",
    "han": f"[{_HAN}]+",  # ideographs: a line may break between any two
    # a run of narrow characters: a number, code, date, path, English word
    "word": f"[^\\s“”「」《》『』{_WIDE}]+",
    "other": r".",
}
_ATOMS = re.compile("|".join(f"(?P<{k}>{v})" for k, v in _PARTS.items()), re.S)
_PLAIN = re.compile("|".join(f"(?P<{k}>{v})" for k, v in _PARTS.items() if k not in ("date", "quote")), re.S)
_SOFT = re.compile(r"[^–—/~～]*[–—/~～]+|[^–—/~～]+")  # pieces of a long word, each ending after a dash or slash
# control characters would move the cursor: shown as spaces
_CONTROLS = {c: " " for c in [*range(0x00, 0x0A), *range(0x0B, 0x20), 0x7F]}

_char_widths: dict = {}


def char_width(c: str) -> int:
    w = _char_widths.get(c)
    if w is None:
        from wcwidth import wcwidth

        w = _char_widths[c] = max(wcwidth(c), 0)
    return w


# characters whose width wcwidth gives as 2 (CJK, kana, full-width forms) and as 1
# (Latin, Greek, Cyrillic, general punctuation, arrows, mathematical operators, box
# drawing): a text of only these is measured by counting, in C; any other
# character (emoji, combining marks) is asked of wcwidth one by one
_WIDE_SET = ("\u2e80-\u2e99\u2e9b-\u2ef3\u2f00-\u2fd5\u3000-\u3029\u3030-\u303e\u3041-\u3096"
             "\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff\ufe10-\ufe19"
             "\ufe30-\ufe52\ufe54-\ufe66\ufe68-\ufe6b\uff01-\uff60\uffe0-\uffe6")
_NARROW_SET = "\x20-\x7e\xa0-\u02ff\u0370-\u0482\u048a-\u052f\u2010-\u2027\u2030-\u205e\u2190-\u22ff\u2460-\u257f"
_WIDE_RUNS = re.compile(f"[{_WIDE_SET}]+")
_UNKNOWN = re.compile(f"[^{_WIDE_SET}{_NARROW_SET}]")


def width(text: str) -> int:
    """Columns a terminal uses for `text` (CJK and full-width forms: 2), as wcwidth counts them."""
    if text.isascii():
        return len(text)
    if _UNKNOWN.search(text) is None:
        return len(text) + sum(map(len, _WIDE_RUNS.findall(text)))
    return sum(map(char_width, text))


def clip(text: str, columns: int) -> str:
    """`text` cut to at most `columns`, with … when something was cut."""
    if width(text) <= columns:
        return text
    out, used = [], 0
    for c in text:
        w = char_width(c)
        if used + w > columns - 1:
            break
        out.append(c)
        used += w
    return "".join(out) + "…"


def terminal_width(default: int = 80) -> int:
    """`COLUMNS`, else the width of the terminal on stdout (or stderr, when
    stdout is a pipe), else `default`."""
    import os
    import sys

    env = os.environ.get("COLUMNS", "").strip()
    if env.isdigit() and int(env) > 0:
        return int(env)
    for stream in (sys.stdout, sys.stderr):
        try:
            return os.get_terminal_size(stream.fileno()).columns or default
        except (AttributeError, ValueError, OSError):
            continue
    return default


def _is_han(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf" or "\uf900" <= c <= "\ufaff"


Token = Tuple[int, str, int, bool, bool]  # kind, text, width, no line may start with it, nor end with it


def _tokens(text: str, pattern) -> Iterator[Token]:
    for m in pattern.finditer(text):
        kind, s = m.lastgroup, m.group()
        if kind == "space":
            yield (_SPACE, " ", 1, False, False)
        elif kind == "han":
            if len(s) <= 2:
                for c in s:
                    yield (_TEXT, c, 2, False, False)
            else:  # first and last stay single: they may be glued to punctuation
                yield (_TEXT, s[0], 2, False, False)
                yield (_RUN, s[1:-1], 2 * (len(s) - 2), False, False)
                yield (_TEXT, s[-1], 2, False, False)
        else:
            yield (_ATOM if kind in ("quote", "date") else _TEXT, s, width(s), s[0] in NO_START, s[-1] in NO_END)


def wrap(text: str, columns: int) -> List[str]:
    """`text` as lines of at most `columns` display columns (at least one line).
    A line feed in the text starts a new line."""
    columns = max(int(columns), 2)  # a CJK character needs two
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ").translate(_CONTROLS)
    if "\n" not in text and "  " not in text and text == text.strip() and width(text) <= columns:
        return [text]  # what filling would give: most cells of a report are short
    out: List[str] = []
    for paragraph in text.split("\n"):
        out.extend(_Filler(columns).fill(paragraph))
    return out


class _Filler:
    """Greedy filling of one paragraph: each token is looked at a bounded
    number of times (a quoted value too wide for a line is opened once)."""

    def __init__(self, columns: int) -> None:
        self.columns = columns
        self.lines: List[str] = []
        self.line: List[str] = []
        self.used = 0

    def fill(self, paragraph: str) -> List[str]:
        stream = _tokens(paragraph, _ATOMS)
        ahead: Deque[Token] = deque()

        def take():
            return ahead.popleft() if ahead else next(stream, None)

        space = False
        tok = take()
        while tok is not None:
            if tok[0] == _SPACE:
                space = self.used > 0
                tok = take()
                continue
            if tok[0] == _RUN:
                self._run(tok[1], space)
                space = False
                tok = take()
                continue
            # the group: this token and what must stay on its line with it
            group = [tok]
            w = tok[2]
            nxt = take()
            while nxt is not None and nxt[0] != _SPACE and nxt[0] != _RUN and (group[-1][4] or nxt[3]):
                group.append(nxt)
                w += nxt[2]
                nxt = take()
            gap = 1 if space else 0
            if self.used + gap + w <= self.columns:
                self._put(group, gap, w)
            elif w <= self.columns:
                self._flush()
                self._put(group, 0, w)
            elif any(t[0] == _ATOM for t in group):
                # too wide for any line: its parts are broken by the rules of plain text
                if nxt is not None:
                    ahead.appendleft(nxt)
                parts = []
                for t in group:
                    parts.extend(_tokens(t[1], _PLAIN) if t[0] == _ATOM else (t,))
                ahead.extendleft(reversed(parts))
                nxt = take()
                if space and nxt is not None:  # the space before it is still there
                    ahead.appendleft(nxt)
                    nxt = (_SPACE, " ", 1, False, False)
            else:
                self._chars("".join(t[1] for t in group), gap)
            space = False
            tok = nxt
        self._flush(last=True)
        lines = self.lines
        if len(lines) > 1 and len(lines[-1]) == 1 and _is_han(lines[-1]):
            prev = lines[-2]  # one ideograph alone on the last line: take one more along
            if len(prev) > 2 and _is_han(prev[-1]) and _is_han(prev[-2]):
                lines[-2:] = [prev[:-1], prev[-1] + lines[-1]]
        return lines

    def _put(self, group, gap: int, w: int) -> None:
        if gap:
            self.line.append(" ")
        if len(group) == 1:
            self.line.append(group[0][1])
        else:
            self.line.extend([t[1] for t in group])
        self.used += gap + w

    def _run(self, s: str, space: bool) -> None:
        """Ideographs, all two columns: cut anywhere."""
        gap = 1 if space else 0
        while s:
            room = (self.columns - self.used - gap) // 2
            if room <= 0:
                self._flush()
                gap = 0
                continue
            piece, s = s[:room], s[room:]
            if gap:
                self.line.append(" ")
            self.line.append(piece)
            self.used += gap + 2 * len(piece)
            gap = 0
            if s:
                self._flush()

    def _chars(self, s: str, gap: int) -> None:
        """A word wider than a line: cut after a dash or slash of a range or path
        (2017-08-07–|2017-12-31, forms/|2026), else where the line ends."""
        if gap and self.used + 1 < self.columns:
            self.line.append(" ")
            self.used += 1
        for piece in _SOFT.findall(s):
            w = width(piece)
            if self.used + w <= self.columns:
                self.line.append(piece)
                self.used += w
            elif w <= self.columns and piece[0] not in NO_START:
                self._flush()
                self.line.append(piece)
                self.used = w
            else:
                self._cut(piece)

    def _cut(self, s: str) -> None:
        for c in s:
            w = char_width(c)
            if self.used + w > self.columns:
                carry = self._carry(c, w)
                self._flush()
                if carry:
                    self.line.extend(carry)
                    self.used = width("".join(carry))
            self.line.append(c)
            self.used += w

    def _carry(self, c: str, w: int) -> List[str]:
        """What goes down to the next line with `c` when a line is cut before
        it: the closing punctuation before a closing `c` and the character it
        closes, an opening punctuation the line would end with."""
        line, carry = self.line, []
        if c in NO_START:
            while len(line) > 1 and line[-1] in NO_START:
                carry.append(line.pop())
            if len(line) > 1:
                carry.append(line.pop())
        while len(line) > 1 and line[-1] in NO_END:
            carry.append(line.pop())
        carry.reverse()
        if carry and width("".join(carry)) + w > self.columns:  # no room: cut where the line ends
            line.extend(carry)
            return []
        return carry

    def _flush(self, last: bool = False) -> None:
        while self.line and self.line[-1] == " ":  # a space before a cut word
            self.line.pop()
        if self.line or last and not self.lines:
            self.lines.append("".join(self.line))
        elif last:
            return
        self.line, self.used = [], 0
