"""The tool's own configuration: `.lintgoals.yaml` or `[tool.lintgoals]` in
`pyproject.toml`, found upward from the checked paths, validated with
cerberus (unknown keys and bad values are errors that name the key)."""
from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Mapping, Optional

import yaml

from .check import CODE_RE, CheckSpec

CONFIG_NAMES = (".lintgoals.yaml", ".lintgoals.yml", "pyproject.toml")
SEVERITIES = ["error", "warning", "info"]

_TEMPLATE_SCHEMA = {
    "type": "dict",
    "schema": {
        "level1": {"type": "dict", "valuesrules": {"type": "list", "nullable": True, "schema": {"type": "string"}}},
        "required": {"type": "list", "schema": {"type": "string"}},
        "output": {"type": "string"},
        "output_dimensions": {"type": "list", "schema": {"type": "string"}},
        "cost": {"type": "string"},
        "satisfaction_placement": {"type": "boolean"},
        "no_input_category": {"type": "boolean"},
        "management": {"type": "string"},
        "examples": {"type": "dict", "keysrules": {"type": "string"}, "valuesrules": {"type": "string"}},
        "texts": {"type": "list", "schema": {"type": "string"}},
    },
}

_NAMES = {"type": "dict", "keysrules": {"type": "string", "empty": False},  # name → the form it came from
          "valuesrules": {"type": "dict", "keysrules": {"type": "string", "empty": False},
                          "valuesrules": {"type": "string"}}}
_WORDS = {"type": "list", "schema": {"type": "string", "empty": False}}
_LAYOUTS_SCHEMA = {
    "keywords": _WORDS, "self_evaluation": _WORDS, "other_labels": _WORDS, "amount_units": _WORDS,
    "placeholders": _WORDS, "skip": _WORDS, "stop": _WORDS, "stop_suffixes": _WORDS,
    "columns": _NAMES, "labels": _NAMES,
    "totals": {"type": "dict", "keysrules": {"type": "string"}, "valuesrules": {"type": "string"}},
    "execution": {"type": "dict", "schema": {"columns": _NAMES, "row": _WORDS}},
    "layouts": {"type": "list", "schema": {"type": "dict", "schema": {
        "name": {"type": "string", "required": True, "empty": False}, "when": _WORDS,
        "kind": {"type": "string", "allowed": ["target", "self-evaluation"]}, "from": {"type": "string"}}}},
}

BASE_SCHEMA: Dict[str, Any] = {
    "select": {"type": "list", "schema": {"type": "string"}},
    "ignore": {"type": "list", "schema": {"type": "string"}},
    "extend-select": {"type": "list", "schema": {"type": "string"}},
    "severity": {"type": "dict", "keysrules": {"type": "string", "regex": "[A-Za-z]{2,4}[0-9]{3}"},
                 "valuesrules": {"type": "string", "allowed": SEVERITIES}},
    "per-file-ignores": {"type": "dict", "keysrules": {"type": "string"},
                         "valuesrules": {"type": "list", "schema": {"type": "string"}}},
    "lang": {"type": "string", "allowed": ["zh", "en"]},
    "fail-on": {"type": "string", "allowed": SEVERITIES + ["never"]},
    "templates": {"type": "dict", "keysrules": {"type": "string"}, "valuesrules": _TEMPLATE_SCHEMA},
    # category-name aliases (names.py): {name: means}, or a list of {name, means, under, source}
    "aliases": {"anyof": [
        {"type": "dict", "keysrules": {"type": "string", "empty": False}, "valuesrules": {"type": "string", "empty": False}},
        {"type": "list", "schema": {"type": "dict", "schema": {
            "name": {"type": "string", "required": True, "empty": False},
            "means": {"type": "string", "required": True, "empty": False},
            "under": {"type": "string"}, "source": {"type": "string"}}}}]},
    "rules": {"type": "dict", "keysrules": {"type": "string", "regex": "[A-Za-z]{2,4}[0-9]{3}"},
              "valuesrules": {"type": "dict"}},
    "max-file-size": {"type": "integer", "min": 1},
    "max-indicators": {"type": "integer", "min": 1},
    # additions to lintgoals/data/layouts.yaml (synonyms, labels, layouts): read by the form importers
    "layouts": {"type": "dict", "schema": _LAYOUTS_SCHEMA},
}


class ConfigError(Exception):
    """A config the tool cannot use (exit 2); the message names the key."""


@dataclass
class Config:
    select: List[str] = field(default_factory=list)
    ignore: List[str] = field(default_factory=list)
    extend_select: List[str] = field(default_factory=list)
    severity: Dict[str, str] = field(default_factory=dict)
    per_file_ignores: Dict[str, List[str]] = field(default_factory=dict)
    lang: Optional[str] = None
    fail_on: Optional[str] = None
    templates: Dict[str, Any] = field(default_factory=dict)
    aliases: Any = None  # category-name aliases added to the built-in ones (names.Aliases.extended)
    options: Dict[str, Any] = field(default_factory=dict)       # global options
    rules: Dict[str, Dict[str, Any]] = field(default_factory=dict)  # per-check options
    max_file_size: Optional[int] = None
    max_indicators: Optional[int] = None  # rows per table before LG001 too-many-rows (load.MAX_INDICATORS)
    layouts: Dict[str, Any] = field(default_factory=dict)  # additions to data/layouts.yaml (importers)
    path: Optional[str] = None  # the file it came from

    @property
    def root(self) -> str:
        return os.path.dirname(os.path.abspath(self.path)) if self.path else os.getcwd()

    def ignored_for(self, file: str) -> List[str]:
        """Codes/prefixes that `per-file-ignores` turns off for this file."""
        if not self.per_file_ignores:
            return []
        rel = os.path.relpath(os.path.abspath(file), self.root).replace(os.sep, "/")
        out: List[str] = []
        for pattern, codes in self.per_file_ignores.items():
            if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(os.path.basename(file), pattern):
                out += [c.upper() for c in codes]
        return out

    def options_for(self, spec: CheckSpec) -> Dict[str, Any]:
        """Defaults < top-level option keys (built-in checks only: a plugin's
        option of the same name is its own) < `rules: {CODE: {...}}`."""
        opts = spec.option_defaults()
        if self.options and is_builtin(spec):
            for k in opts:
                if k in self.options:
                    opts[k] = self.options[k]
        opts.update(self.rules.get(spec.code, {}))
        return opts


def find_config(start: str) -> Optional[str]:
    """The nearest `.lintgoals.yaml` or `pyproject.toml` with [tool.lintgoals], upward."""
    here = os.path.abspath(start)
    if not os.path.isdir(here):
        here = os.path.dirname(here)
    while True:
        for name in CONFIG_NAMES:
            candidate = os.path.join(here, name)
            if os.path.isfile(candidate):
                if name != "pyproject.toml" or _pyproject_section(candidate) is not None:
                    return candidate
        parent = os.path.dirname(here)
        if parent == here:
            return None
        here = parent


def _toml():
    try:
        import tomllib  # Python 3.11+
    except ImportError:  # pragma: no cover
        import tomli as tomllib  # type: ignore
    return tomllib


def _pyproject_section(path: str) -> Optional[Dict[str, Any]]:
    try:
        with open(path, "rb") as fh:
            data = _toml().load(fh)
    except Exception as exc:
        raise ConfigError(f"{path}: " + _say("toml", _lang(None), error=exc)) from exc
    section = data.get("tool", {}).get("lintgoals")
    return section if isinstance(section, dict) else None


def _read_error(exc: Exception) -> str:
    """A YAML error of the config file: where, and the parser's words (the
    config is a developer's file; the tables get the full Chinese explanation)."""
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    if mark is not None:
        return f"{mark.line + 1}:{mark.column + 1}: {problem}"
    return problem


def read_config(path: str) -> Dict[str, Any]:
    if os.path.basename(path) == "pyproject.toml":
        return _pyproject_section(path) or {}
    try:
        with open(path, encoding="utf-8") as fh:
            raw = yaml.safe_load(fh)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: " + _say("read", _lang(None), error=_read_error(exc))) from exc
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: " + _say("mapping", _lang(None), kind=type(raw).__name__))
    return raw


def is_builtin(spec: CheckSpec) -> bool:
    """A check shipped with lintgoals (lintgoals.checks.*): only these take top-level option keys."""
    return getattr(spec.func, "__module__", "").startswith("lintgoals.checks.")


def option_schema(specs: Iterable[CheckSpec]) -> Dict[str, Any]:
    """The top-level option keys: every option a built-in check declares. A key
    is shorthand for that built-in's option; several built-ins may share one key
    only with one declaration (the registry refuses two different ones), and a
    plugin's option of the same name is its own (`rules: {XY101: {...}}`)."""
    out: Dict[str, Any] = {}
    for spec in specs:
        if is_builtin(spec):
            for key, rule in spec.options.items():
                out.setdefault(key, _without_default(rule))
    return out


def option_owners(specs: Iterable[CheckSpec]) -> Dict[str, List[str]]:
    """Top-level option key → the built-in codes it sets."""
    out: Dict[str, List[str]] = {}
    for spec in specs:
        if is_builtin(spec):
            for key in spec.options:
                out.setdefault(key, []).append(spec.code)
    return out


def _without_default(rule: Mapping[str, Any]) -> Dict[str, Any]:
    return {k: v for k, v in rule.items() if k not in ("default", "description", "unit")}


def _is_percent(key: str, rule: Mapping[str, Any]) -> bool:
    """An option in percent: declared `unit: "%"`, named `*_pct`, or a number capped at 100."""
    return rule.get("unit") == "%" or key.endswith("_pct") or (
        rule.get("type") in ("number", "float", "integer") and rule.get("max") == 100)


# -- error messages a person reads ---------------------------------------------

_TYPE_NAMES = {"string": ("文本", "text"), "integer": ("整数", "an integer"), "number": ("数字", "a number"),
               "float": ("数字", "a number"), "boolean": ("true 或 false", "true or false"),
               "list": ("列表（如 [LG201, LG209]）", "a list (such as [LG201, LG209])"),
               "dict": ("键值映射", "a mapping of keys"), "string_or_list": ("文本或列表", "text or a list")}
_MSG = {
    "unknown": ("未知的配置项{hint}", "unknown key{hint}"),
    "type": ("应为{type}，实际是 {value}", "must be {type}, not {value}"),
    "allowed": ("{value} 不是可选值（可选：{allowed}）", "{value} is not allowed (one of {allowed})"),
    "min": ("应不小于 {limit}，实际是 {value}", "must be at least {limit}, not {value}"),
    "max": ("应不大于 {limit}，实际是 {value}", "must be at most {limit}, not {value}"),
    "regex": ("{value} 不是规则代码（如 LG201）", "{value} is not a rule code (such as LG201)"),
    "empty": ("不能为空", "must not be empty"),
    "other": ("值 {value} 无效（{rule}）", "the value {value} is invalid ({rule})"),
    "unknown_named": ("未知的规则代码或前缀 {code}{hint}", "unknown rule code or prefix {code}{hint}"),
    "unknown_code": ("未知的规则代码{hint}", "unknown rule code{hint}"),
    "fraction": ("{value} 是小数写法，而该项以百分数计：应写 {suggest}（{owner} 的选项，取值 0–100）",
                 "{value} is a fraction, but this option is in percent: write {suggest} (an option of {owner}, 0-100)"),
    "read": ("无法读取配置：{error}", "cannot read config: {error}"),
    "toml": ("无法读取 TOML：{error}", "cannot read TOML: {error}"),
    "mapping": ("配置应为键值映射，而不是 {kind}", "the config must be a mapping of keys, not {kind}"),
    "not_mapping": ("应为键值映射", "must be a mapping of keys"),
}


def _lang(lang: Optional[str]) -> str:
    if lang in ("zh", "en"):
        return lang
    from .i18n import LANG

    return LANG


def _say(key: str, lang: str, **args) -> str:
    zh, en = _MSG[key]
    return (en if lang == "en" else zh).format(**args)


def _hint(word: str, candidates: Iterable[str], lang: str) -> str:
    from .i18n import did_you_mean

    return did_you_mean(str(word), sorted(candidates), lang)


def _where(source: str, lines: Mapping[tuple, int], path: tuple) -> str:
    """`file:line` of the key at `path` (or of its nearest parent the file shows)."""
    p = tuple(path)
    while p and p not in lines:
        p = p[:-1]
    line = lines.get(p)
    return f"{source}:{line}" if line else source


def key_lines(path: Optional[str]) -> Dict[tuple, int]:
    """Line of every key in a config file: (key, subkey, ...) → 1-based line.
    Asked only when there is an error to report."""
    out: Dict[tuple, int] = {}
    if not path or not os.path.isfile(path):
        return out
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except (OSError, UnicodeDecodeError):
        return out
    if os.path.basename(path) == "pyproject.toml":
        return _toml_lines(text)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return out

    def walk(node, prefix: tuple) -> None:
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                key = (k.value,) if isinstance(k, yaml.ScalarNode) else ()
                if key:
                    out.setdefault(prefix + key, k.start_mark.line + 1)
                    walk(v, prefix + key)

    walk(root, ())
    return out


def _toml_lines(text: str) -> Dict[tuple, int]:
    """[tool.lintgoals] keys and [tool.lintgoals.x.y] tables, by line (TOML readers keep no lines)."""
    import re

    out: Dict[tuple, int] = {}
    table: Optional[tuple] = None
    for i, line in enumerate(text.splitlines(), 1):
        m = re.match(r"\s*\[([^\[\]]+)\]\s*(#.*)?$", line)
        if m:
            parts = tuple(p.strip().strip('"') for p in m.group(1).split("."))
            table = parts[2:] if parts[:2] == ("tool", "lintgoals") else None
            if table:
                out.setdefault(table, i)
            continue
        m = re.match(r'\s*"?([A-Za-z0-9_.-]+)"?\s*=', line)
        if m and table is not None:
            key = tuple(p.strip('"') for p in m.group(1).split("."))
            out.setdefault(table + key, i)
    return out


def _flat(errors) -> List[Any]:
    out = []
    for e in errors:
        if e.is_group_error:
            out += _flat(e.child_errors)
        else:
            out.append(e)
    return out


def _shown(value: Any, lang: str = "zh") -> str:
    if isinstance(value, str):
        return f"“{value}”" if lang == "zh" else repr(value)
    if isinstance(value, (list, dict)):
        import json

        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def _describe(e, allowed_keys: Iterable[str], lang: str, codes: Iterable[str] = ()) -> str:
    """One cerberus error as a sentence (cerberus' own words are English and internal)."""
    if e.code == 0x03:  # unknown field
        return _say("unknown", lang, hint=_hint(e.document_path[-1], allowed_keys, lang))
    rule, constraint, value = e.rule, e.constraint, e.value
    if rule == "type":
        kinds = constraint if isinstance(constraint, list) else [constraint]
        names = [_TYPE_NAMES.get(k, (k, k))[lang == "en"] for k in kinds]
        return _say("type", lang, type=" / ".join(names), value=_shown(value, lang))
    if rule == "allowed":
        return _say("allowed", lang, value=_shown(value, lang), allowed=", ".join(map(str, constraint)))
    if rule in ("min", "max"):
        return _say(rule, lang, limit=constraint, value=_shown(value, lang))
    if rule == "regex":  # a key of severity: or rules: that is no rule code
        return _say("unknown_code", lang, hint=_hint(e.document_path[-1], codes, lang))
    if rule in ("empty", "nullable", "required"):
        return _say("empty", lang)
    return _say("other", lang, value=_shown(value, lang), rule=rule)


class _Report:
    """Collects the problems of one config file, each at its line."""

    def __init__(self, source: str, lang: str) -> None:
        self.source, self.lang, self.problems = source, lang, []
        self._lines: Optional[Dict[tuple, int]] = None

    def add(self, path: tuple, text: str) -> None:
        if self._lines is None:
            self._lines = key_lines(self.source)
        name = ".".join(map(str, path))
        sep = "：" if self.lang == "zh" else ": "
        self.problems.append((self._lines.get(tuple(path)) or 0, f"{_where(self.source, self._lines, path)}: {name}{sep}{text}"))

    def raise_if_any(self) -> None:
        if self.problems:
            lines = [text for _, text in sorted(self.problems, key=lambda p: p[0])]
            raise ConfigError("\n".join(lines) if len(lines) > 1 else lines[0])


def _check_percent(report: _Report, path: tuple, key: str, value: Any, rule: Mapping[str, Any], owners: List[str]) -> None:
    """0.9 for a percent option is a fraction: say to write 90 (and whose option it is)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not _is_percent(key, rule):
        return
    if 0 < value < 1:
        suggest = round(value * 100, 6)
        suggest = int(suggest) if suggest == int(suggest) else suggest
        report.add(path, _say("fraction", report.lang, value=value, suggest=suggest, owner="/".join(owners) or key))


def _check_codes(report: _Report, path: tuple, listed: Any, codes: List[str]) -> None:
    """Codes or prefixes in select/ignore lists: each must match a rule (LG2O1 → LG201?)."""
    if not isinstance(listed, list):
        return
    for item in listed:
        p = str(item).strip().upper()
        if p != "ALL" and not any(c.startswith(p) for c in codes):
            report.add(path, _say("unknown_named", report.lang, code=item, hint=_hint(str(item), codes, report.lang)))


def validate(raw: Mapping[str, Any], specs: Iterable[CheckSpec], source: str = "config",
             lang: Optional[str] = None) -> Config:
    """A Config, or ConfigError listing every problem at its line in the file,
    in the user's language, with a did-you-mean for a misspelt key or code."""
    import cerberus  # only when there is a config to validate

    lang = _lang(lang)
    specs = list(specs)
    report = _Report(source, lang)
    options = option_schema(specs)
    owners = option_owners(specs)
    schema = dict(BASE_SCHEMA)
    schema.update(options)
    v = cerberus.Validator(schema, allow_unknown=False)
    if not v.validate(dict(raw)):
        for e in _flat(v._errors):
            path = tuple(e.document_path)
            if len(path) > 1 and path[0] == "templates" and e.code == 0x03:
                allowed = _TEMPLATE_SCHEMA["schema"]
            else:
                allowed = schema
            report.add(path, _describe(e, allowed, lang, [s.code for s in specs]))
    by_code = {s.code: s for s in specs}
    for key, rule in options.items():
        if key in raw:
            _check_percent(report, (key,), key, raw[key], rule, owners.get(key, []))
    rules: Dict[str, Dict[str, Any]] = {}
    for code, opts in (raw.get("rules") or {}).items() if isinstance(raw.get("rules"), Mapping) else ():
        spec = by_code.get(str(code).upper())
        if spec is None and not CODE_RE.match(str(code).upper()):
            continue  # reported by the schema above, with its did-you-mean
        if spec is None:
            report.add(("rules", code), _say("unknown_code", lang, hint=_hint(code, by_code, lang)))
            continue
        if not isinstance(opts, Mapping):
            continue  # reported by the schema above
        own = {k: _without_default(r) for k, r in spec.options.items()}
        rv = cerberus.Validator(own, allow_unknown=False)
        if not rv.validate(dict(opts)):
            for e in _flat(rv._errors):
                report.add(("rules", code) + tuple(e.document_path), _describe(e, own, lang))
        for key, value in opts.items():
            if key in spec.options:
                _check_percent(report, ("rules", code, key), key, value, spec.options[key], [spec.code])
        rules[str(code).upper()] = dict(opts)
    codes = [s.code for s in specs]
    for key in ("select", "ignore", "extend-select"):
        _check_codes(report, (key,), raw.get(key), codes)
    pfi = raw.get("per-file-ignores")
    for pattern, listed in (pfi.items() if isinstance(pfi, Mapping) else ()):
        _check_codes(report, ("per-file-ignores", pattern), listed, codes)
    severity = raw.get("severity") if isinstance(raw.get("severity"), Mapping) else {}
    for code in severity:
        if str(code).upper() not in by_code and CODE_RE.match(str(code).upper()):
            report.add(("severity", code), _say("unknown_code", lang, hint=_hint(code, by_code, lang)))
    report.raise_if_any()
    return Config(
        select=list(raw.get("select") or []), ignore=list(raw.get("ignore") or []),
        extend_select=list(raw.get("extend-select") or []),
        severity={k.upper(): v for k, v in (raw.get("severity") or {}).items()},
        per_file_ignores=dict(raw.get("per-file-ignores") or {}),
        lang=raw.get("lang"), fail_on=raw.get("fail-on"),
        templates=dict(raw.get("templates") or {}),
        aliases=raw.get("aliases") or None,
        options={k: v for k, v in raw.items() if k in options},
        rules=rules, max_file_size=raw.get("max-file-size"), max_indicators=raw.get("max-indicators"), layouts=dict(raw.get("layouts") or {}),
        path=source if os.path.exists(source) else None,
    )
