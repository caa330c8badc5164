"""How names are read (RULES.md "How names are read"), before any word list or
taxonomy is applied.

- `read(text)`: width-folded (NFKC), invisible characters dropped, traditional
  characters turned simplified (OpenCC t2s), spaces dropped.
- `category(name, aliases, under)`: the key a level1/level2 name matches by:
  `read`, then a leading ordinal (`一、` `1.` `（一）`) and trailing bracketed
  notes (`(50分)` `（必填硬性指标）`) dropped, the 指标/目标 suffix dropped, an
  alias applied (`项目完成指标` → `产出`).
- `note_weight(name)`: the weight a category's note declares (`(50分)` → 50;
  a range such as `(0-20)分` declares none).

Names repeat across every row and table of a run: everything is cached. Only a
text holding a character that t2s changes reaches OpenCC (a table written in
simplified characters never loads it: ~25 ms saved per process).
"""
from __future__ import annotations

import os
import re
import unicodedata
from decimal import Decimal
from functools import lru_cache
from typing import Any, Dict, Iterable, Mapping, Optional, Tuple

_DATA = os.path.join(os.path.dirname(__file__), "data")

# Zero-width and bidi controls: invisible, so they must not change matching.
INVISIBLE = dict.fromkeys(
    [0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD, 0x200E, 0x200F,
     *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
)


def _load_traditional() -> frozenset:
    with open(os.path.join(_DATA, "traditional.txt"), encoding="utf-8") as fh:
        return frozenset("".join(line.strip() for line in fh if not line.startswith("#")))


TRADITIONAL = _load_traditional()
_converter = None


def _t2s(text: str) -> str:
    global _converter
    if _converter is None:  # loaded at the first traditional text only
        import opencc

        _converter = opencc.OpenCC("t2s").convert
    return _converter(text)


def simplified(text: str) -> str:
    """`text` with traditional characters simplified; `text` itself (no copy,
    no OpenCC) when it holds none. Expects NFKC text (NFKC maps the CJK
    compatibility ideographs already)."""
    if TRADITIONAL.isdisjoint(text):
        return text
    return _t2s(text)


_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=16384)
def read(text: str) -> str:
    """A name as it is matched: NFKC, invisible characters dropped, t2s,
    spaces dropped. Never shown to the user (messages quote what was written)."""
    if text.isascii():
        return text.replace(" ", "") if "\t" not in text and "\n" not in text else _SPACES.sub("", text)
    t = unicodedata.normalize("NFKC", text).translate(INVISIBLE)
    return _SPACES.sub("", simplified(t))


# after NFKC: （一） → (一), １. → 1., 〔 stays; 、 stays
# (a circled ① is NFKC's 1, so a digit right before a Chinese character is an ordinal too)
_ORDINAL = re.compile(r"^(?:\(?[一二三四五六七八九十百]+\)|[一二三四五六七八九十百]+[、.]|"
                      r"\(?\d{1,2}\)|\d{1,2}[、.](?!\d)|\d{1,2}(?=[\u4e00-\u9fff])|[A-Za-z][、.](?=\D)|"
                      r"第[一二三四五六七八九十\d]+[部分类项、.:]*)")
# a trailing note, with a 分/% written after the bracket (`成本指标(0-20)分`)
_NOTE = re.compile(r"(?:\(([^()]*)\)|\[([^\[\]]*)\]|【([^【】]*)】|〔([^〔〕]*)〕|<([^<>]*)>)(分|%)?$")
_RANGE = re.compile(r"\d+(?:\.\d+)?\s*[-~～至到]\s*\d")
_SUFFIX = ("指标", "目标")
_WEIGHT = re.compile(r"(\d+(?:\.\d+)?)(?:分|%)|(?:分值|权重|分数)[:=]?(\d+(?:\.\d+)?)")


@lru_cache(maxsize=8192)
def _parts(name: str) -> Tuple[str, Tuple[str, ...]]:
    """(the bare category name with its suffix, the trailing notes)."""
    t = read(name or "")
    m = _ORDINAL.match(t)
    if m and m.end() < len(t):
        t = t[m.end():]
    notes = []
    while True:
        m = _NOTE.search(t)
        if m is None or m.start() == 0:
            break
        notes.append(next(g for g in m.groups()[:5] if g is not None) + (m.group(6) or ""))
        t = t[:m.start()]
    return t, tuple(notes)


def bare(name: str) -> str:
    """`（一）产出指标（50分）` → `产出指标`: the name without ordinal and notes,
    suffix kept (LG109 compares whole names)."""
    return _parts(name)[0]


@lru_cache(maxsize=8192)
def key(name: str) -> str:
    """The category key without aliases: ordinal, notes and 指标/目标 dropped."""
    t = _parts(name)[0]
    for s in _SUFFIX:
        if t.endswith(s) and len(t) > len(s):
            return t[:-len(s)]
    return t


@lru_cache(maxsize=4096)
def note_weight(name: str) -> Optional[Decimal]:
    """The weight a trailing note declares: `产出指标(50分)` → 50,
    `效益指标（30%）` → 30; None when no note holds a number of 分 or %."""
    for note in _parts(name or "")[1]:
        if _RANGE.search(note):
            continue  # `(0-20)分`: a range the unit chooses within, not a declared weight
        m = _WEIGHT.search(note)
        if m:
            return Decimal(m.group(1) or m.group(2))
    return None


class Aliases:
    """Category-name aliases: key → canonical key, optionally only under a
    given level1 (`满意度` under `满意度指标` → `服务对象满意度`). Built once
    per run from `data/aliases.yaml` and the config's `aliases`."""

    def __init__(self, entries: Iterable[Mapping[str, Any]] = ()) -> None:
        self.anywhere: Dict[str, str] = {}
        self.under: Dict[Tuple[str, str], str] = {}
        self.entries = []
        for e in entries:
            self.add(e)

    def add(self, entry: Mapping[str, Any]) -> None:
        name, means = key(str(entry["name"])), key(str(entry["means"]))
        if not name or name == means:
            return
        self.entries.append(dict(entry))
        if entry.get("under"):
            self.under[(key(str(entry["under"])), name)] = means
        else:
            self.anywhere[name] = means

    def extended(self, config_aliases: Any) -> "Aliases":
        """These aliases plus a config's `aliases` (a mapping name → means, or a
        list of {name, means, under}); self when there are none."""
        if not config_aliases:
            return self
        out = Aliases(self.entries)
        items = config_aliases.items() if isinstance(config_aliases, Mapping) else None
        if items is not None:
            for name, means in items:
                out.add({"name": name, "means": means, "source": "config"})
        else:
            for e in config_aliases:
                out.add(dict(e, source=e.get("source", "config")))
        return out

    def apply(self, k: str, under_key: str = "") -> str:
        if under_key and self.under:
            hit = self.under.get((self.anywhere.get(under_key, under_key), k))
            if hit is not None:
                return hit
        return self.anywhere.get(k, k)


def _load_aliases() -> Aliases:
    import yaml

    with open(os.path.join(_DATA, "aliases.yaml"), encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or []
    return Aliases(data)


_builtin: Optional[Aliases] = None


def builtin_aliases() -> Aliases:
    global _builtin
    if _builtin is None:
        _builtin = _load_aliases()
    return _builtin


def category(name: str, aliases: Optional[Aliases] = None, under: str = "") -> str:
    """The key a level1/level2 name matches by: `一、产出指标(50分)` → `产出`,
    `项目完成指标` → `产出`; `under` is the row's level1, for aliases that hold
    only there (`满意度` under `满意度指标` → `服务对象满意度`)."""
    return _category(name, builtin_aliases() if aliases is None else aliases, under)


@lru_cache(maxsize=8192)
def _category(name: str, aliases: Aliases, under: str) -> str:  # Aliases hash by identity: one per run
    return aliases.apply(key(name), key(under) if under else "")
