"""The suggestion shapes as data (`data/suggestions.yaml`), loaded once per
process. Checks fit them to a row (`lintgoals.checks._suggest`); this module
only reads and validates the file, so a broken file fails loudly here."""
from __future__ import annotations

import os
from functools import lru_cache
from typing import Any, Dict, Mapping, NamedTuple, Tuple

import yaml

DATA = os.path.join(os.path.dirname(__file__), "data", "suggestions.yaml")
LANGS = ("zh", "en")


class SuggestionDataError(ValueError):
    """suggestions.yaml is not what the checks expect (a packaging or editing error)."""


class Shapes(NamedTuple):
    by_level: Tuple[Tuple[str, str], ...]
    by_name: Tuple[Tuple[str, str], ...]
    units: Tuple[Tuple[str, str], ...]
    negative_unit: str
    stem_suffixes: Tuple[str, ...]
    response_words: Tuple[str, ...]
    shapes: Mapping[str, Mapping[str, str]]
    default_who: str
    refine_name: Tuple[Tuple[str, str], ...]
    refine_value: Tuple[Tuple[str, str], ...]
    money_words: Tuple[str, ...]


def _pairs(data: Mapping[str, Any], key: str) -> Tuple[Tuple[str, str], ...]:
    out = []
    for entry in data.get(key) or ():
        if not (isinstance(entry, list) and len(entry) == 2 and all(isinstance(x, str) for x in entry)):
            raise SuggestionDataError(f"{DATA}: {key}: each entry is [word, result], not {entry!r}")
        out.append((entry[0], entry[1]))
    return tuple(out)


@lru_cache(maxsize=1)
def shapes() -> Shapes:
    with open(DATA, encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if not isinstance(data, dict):
        raise SuggestionDataError(f"{DATA}: a mapping of keys expected")
    table: Dict[str, Mapping[str, str]] = {}
    for name, texts in (data.get("shapes") or {}).items():
        if not isinstance(texts, dict) or any(not isinstance(texts.get(lang), str) for lang in LANGS):
            raise SuggestionDataError(f"{DATA}: shapes.{name}: needs a text for each of {', '.join(LANGS)}")
        for lang in LANGS:
            if texts[lang].rstrip().endswith(("。", ".")):  # the message ends the sentence
                raise SuggestionDataError(f"{DATA}: shapes.{name}.{lang}: no final full stop")
        table[name] = {lang: texts[lang] for lang in LANGS}
    out = Shapes(
        by_level=_pairs(data, "dimensions_by_level"), by_name=_pairs(data, "dimensions_by_name"),
        units=_pairs(data, "units_by_name"), negative_unit=str(data.get("negative_event_unit") or "次"),
        stem_suffixes=tuple(sorted(data.get("stem_suffixes") or (), key=len, reverse=True)),
        response_words=tuple(data.get("response_words") or ()), shapes=table,
        default_who=str(data.get("default_who") or "服务对象"),
        refine_name=_pairs(data, "refinements_by_name"), refine_value=_pairs(data, "refinements_by_value"),
        money_words=tuple(data.get("money_words") or ()))
    for _, shape in out.refine_name + out.refine_value:
        if shape not in table:
            raise SuggestionDataError(f"{DATA}: refinements: no shape named {shape!r}")
    return out
