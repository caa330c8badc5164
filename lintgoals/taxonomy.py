"""Form templates (taxonomies) as data: `data/templates.yaml`, plus what a
config adds. Checks get them through `ctx.templates`; names are matched as
`names.py` reads them (ordinals, notes, 指标/目标 suffix, aliases).

`choose` decides which template a table follows (RULES.md "Which template a
table follows") and says why, in both languages.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Dict, Iterable, Mapping, Optional, Tuple

import yaml

from .names import Aliases, builtin_aliases, category as _category

DATA = os.path.join(os.path.dirname(__file__), "data", "templates.yaml")


def norm(name: str) -> str:
    """The key a category name matches by, with the built-in aliases:
    `一、产出指标(50分)` = `产出` = `项目完成指标`."""
    return _category(name or "")


@dataclass(frozen=True)
class Template:
    name: str
    level1: Mapping[str, Optional[Tuple[str, ...]]]  # display name → allowed level2 (None = free)
    required: Tuple[str, ...] = ()
    output: str = ""
    output_dimensions: Tuple[str, ...] = ()
    cost: str = ""
    satisfaction_placement: bool = False
    no_input_category: bool = False
    management: str = ""  # the template's common management category (LG201 exempts it)
    texts: Tuple[str, ...] = ()
    examples: Mapping[str, str] = field(default_factory=dict, compare=False)  # LG102/LG103 sample rows
    aliases: Aliases = field(default_factory=builtin_aliases, compare=False, repr=False)
    _index: Dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    _allowed: Dict[str, Dict[str, str]] = field(default_factory=dict, compare=False, repr=False)
    _placements: Dict[Tuple[str, str], Tuple[Optional[str], bool]] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._index.update({self.key(k): k for k in self.level1})
        # asked for every row of every table: the allowed level2 names, as keys, once
        self._allowed.update({k: {self.key(a, k): a for a in v} for k, v in self.level1.items() if v is not None})

    def key(self, name: str, under: str = "") -> str:
        """A name as this template's names are matched (with the run's aliases)."""
        return _category(name or "", self.aliases, under)

    def category(self, level1: str) -> Optional[str]:
        """The template's name of a row's level1, or None if it has none."""
        return self._index.get(self.key(level1))

    def allowed_level2(self, level1: str) -> Optional[Tuple[str, ...]]:
        cat = self.category(level1)
        return None if cat is None else self.level1[cat]

    def subcategory(self, level1: str, level2: str) -> Optional[str]:
        """The template's name of a row's level2 under its level1, or None."""
        cat = self.category(level1)
        allowed = None if cat is None else self._allowed.get(cat)
        return None if allowed is None else allowed.get(self.key(level2, level1))

    def level2_allowed(self, level1: str, level2: str) -> bool:
        cat = self.category(level1)
        allowed = None if cat is None else self._allowed.get(cat)
        return allowed is None or self.key(level2, level1) in allowed

    def placement(self, level1: str, level2: str) -> Tuple[Optional[str], bool]:
        """(category of level1 or None, level1 known and level2 allowed under it
        or empty). Asked for every row: cached per pair of names."""
        k = (level1, level2)
        found = self._placements.get(k)
        if found is None:
            cat = self.category(level1)
            found = (cat, cat is not None and (not self.key(level2) or self.level2_allowed(level1, level2)))
            if len(self._placements) >= 4096:  # names are few; junk must not grow it without end
                self._placements.clear()
            self._placements[k] = found
        return found

    @property
    def free(self) -> bool:
        """A free second level (2018 forms)."""
        return all(v is None for v in self.level1.values())


def _make(name: str, spec: Mapping[str, Any], aliases: Optional[Aliases] = None) -> Template:
    level1 = {str(k): (tuple(str(x) for x in v) if v is not None else None)
              for k, v in (spec.get("level1") or {}).items()}
    return Template(
        name=name, level1=level1,
        required=tuple(spec.get("required") or ()),
        output=str(spec.get("output") or ""),
        output_dimensions=tuple(spec.get("output_dimensions") or ()),
        cost=str(spec.get("cost") or ""),
        satisfaction_placement=bool(spec.get("satisfaction_placement")),
        no_input_category=bool(spec.get("no_input_category")),
        management=str(spec.get("management") or ""),
        texts=tuple(spec.get("texts") or ()),
        examples={str(k): str(v) for k, v in (spec.get("examples") or {}).items()},
        aliases=aliases if aliases is not None else builtin_aliases(),
    )


@lru_cache(maxsize=1)
def _builtin_raw() -> Dict[str, Dict[str, Any]]:
    with open(DATA, encoding="utf-8") as fh:
        return {str(k): dict(v) for k, v in yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)).items()}


def load_templates(extra: Optional[Mapping[str, Mapping[str, Any]]] = None,
                   aliases: Any = None) -> Dict[str, Template]:
    """Built-in templates, with a config's templates added or merged key by
    key, matching names through the built-in aliases plus a config's `aliases`."""
    raw = {k: dict(v) for k, v in _builtin_raw().items()}
    for name, spec in (extra or {}).items():
        raw.setdefault(str(name), {}).update(spec or {})
    a = builtin_aliases().extended(aliases)
    return {name: _make(name, spec, a) for name, spec in raw.items()}


# ---------------------------------------------------------------- which template

_2018, _2020, _EFFECT, _COST, _NATIONAL = "投入和管理", "投入与管理", ("效果", "影响力"), "成本", ("产出", "效益", "满意度")


def choose(explicit: Any, level1_names: Iterable[str], year: Optional[int]) -> Tuple[str, Mapping[str, str]]:
    """(template, {"zh": why, "en": why}) — RULES.md "Which template a table
    follows": the file's `template` wins; else the first-level names decide
    (names as written go into the reason); else the year."""
    if isinstance(explicit, (str, int)) and not isinstance(explicit, bool) and str(explicit).strip():
        t = str(explicit).strip()
        return t, {"zh": f"文件写明 template: {t}", "en": f"the file says template: {t}"}
    first: Dict[str, str] = {}  # key → the name as first written
    for n in level1_names:
        k = norm(n)
        if k and k not in first:
            first[k] = n.strip()

    def said(keys) -> str:
        return "、".join(first[k] for k in keys if k in first)

    if _2018 in first:
        return "2018", {"zh": f"一级指标有“{first[_2018]}”，是 2018 年表式",
                        "en": f"a first level is {first[_2018]}: the 2018 form"}
    if _2020 in first:
        return "2020", {"zh": f"一级指标有“{first[_2020]}”，是 2020 年表式",
                        "en": f"a first level is {first[_2020]}: the 2020 form"}
    effect = [k for k in _EFFECT if k in first]
    when = f"年度 {year}" if year is not None else "未写年度"
    when_en = f"year {year}" if year is not None else "no year"
    if effect:
        names = said(effect)
        if year is not None and year >= 2020:
            return "2020", {"zh": f"一级指标有“{names}”而无投入管理类，{when}，2020 年起按 2020 年表式",
                            "en": f"first levels {names} without an input category, {when_en}: from 2020 the 2020 form"}
        return "2018", {"zh": f"一级指标有“{names}”而无投入管理类，{when}，2020 年以前按 2018 年表式",
                        "en": f"first levels {names} without an input category, {when_en}: before 2020 the 2018 form"}
    if _COST in first:
        return "2026", {"zh": f"一级指标有“{first[_COST]}”，是财预〔2021〕101号 表式",
                        "en": f"a first level is {first[_COST]}: the form of 财预〔2021〕101号"}
    national = [k for k in _NATIONAL if k in first]
    if national:
        return "2015", {"zh": f"一级指标只有“{said(national)}”，没有成本指标，是财预〔2015〕88号 表式",
                        "en": f"first levels {said(national)} only, no 成本指标: the form of 财预〔2015〕88号"}
    if year is not None and year >= 2021:
        return "2026", {"zh": f"没有可识别的一级指标，{when}，2021 年起按 2026 年表式",
                        "en": f"no known first-level name, {when_en}: from 2021 the 2026 form"}
    return "2015", {"zh": f"没有可识别的一级指标，{when}，2021 年以前按财预〔2015〕88号 表式",
                    "en": f"no known first-level name, {when_en}: before 2021 the form of 财预〔2015〕88号"}
