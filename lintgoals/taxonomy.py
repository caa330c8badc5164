"""Form templates (taxonomies) as data: `data/templates.yaml`, plus what a
config adds. Checks get them through `ctx.templates`."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Dict, Mapping, Optional, Tuple

import yaml

from .values import fold

_SUFFIX = re.compile(r"(指标|目标)$")
DATA = os.path.join(os.path.dirname(__file__), "data", "templates.yaml")


@lru_cache(maxsize=4096)
def norm(name: str) -> str:
    """`数量指标` and `数量` are the same category."""
    return _SUFFIX.sub("", fold(name or "")).strip()


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
    texts: Tuple[str, ...] = ()
    _index: Dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    _allowed: Dict[str, frozenset] = field(default_factory=dict, compare=False, repr=False)
    _placements: Dict[Tuple[str, str], Tuple[Optional[str], bool]] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._index.update({norm(k): k for k in self.level1})
        # asked for every row of every table: the allowed level2 names, normalised once
        self._allowed.update({k: frozenset(norm(a) for a in v) for k, v in self.level1.items() if v is not None})

    def category(self, level1: str) -> Optional[str]:
        """The template's name of a row's level1, or None if it has none."""
        return self._index.get(norm(level1))

    def allowed_level2(self, level1: str) -> Optional[Tuple[str, ...]]:
        cat = self.category(level1)
        return None if cat is None else self.level1[cat]

    def level2_allowed(self, level1: str, level2: str) -> bool:
        cat = self.category(level1)
        allowed = None if cat is None else self._allowed.get(cat)
        return allowed is None or norm(level2) in allowed

    def placement(self, level1: str, level2: str) -> Tuple[Optional[str], bool]:
        """(category of level1 or None, level1 known and level2 allowed under it
        or empty). Asked for every row: cached per pair of names."""
        key = (level1, level2)
        found = self._placements.get(key)
        if found is None:
            cat = self.category(level1)
            found = (cat, cat is not None and (not fold(level2) or self.level2_allowed(level1, level2)))
            if len(self._placements) >= 4096:  # names are few; junk must not grow it without end
                self._placements.clear()
            self._placements[key] = found
        return found


def _make(name: str, spec: Mapping[str, Any]) -> Template:
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
        texts=tuple(spec.get("texts") or ()),
    )


@lru_cache(maxsize=1)
def _builtin_raw() -> Dict[str, Dict[str, Any]]:
    with open(DATA, encoding="utf-8") as fh:
        return {str(k): dict(v) for k, v in yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)).items()}


def load_templates(extra: Optional[Mapping[str, Mapping[str, Any]]] = None) -> Dict[str, Template]:
    """Built-in templates, with a config's templates added or merged key by key."""
    raw = {k: dict(v) for k, v in _builtin_raw().items()}
    for name, spec in (extra or {}).items():
        raw.setdefault(str(name), {}).update(spec or {})
    return {name: _make(name, spec) for name, spec in raw.items()}
