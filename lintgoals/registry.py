"""Finding checks: the built-ins in `lintgoals.checks`, the entry-point group
`lintgoals.checks`, and `--checks-dir` folders (loaded by file path under a
private module name; `sys.path` is never touched)."""
from __future__ import annotations

import hashlib
import importlib
import importlib.util
import inspect
import os
import pkgutil
import sys
from types import ModuleType
from typing import Dict, Iterable, List, Optional

from .check import CheckSpec

ENTRY_POINT_GROUP = "lintgoals.checks"


class RegistryError(Exception):
    """A check could not be loaded, or two checks claim one code (exit 2).
    Its words are the loader's own, in both languages: `str()` gives the
    language of the command line, `message(lang)` either."""

    def __init__(self, zh: str, en: Optional[str] = None) -> None:
        super().__init__(zh)
        self.texts = {"zh": zh, "en": en or zh}

    def message(self, lang: Optional[str] = None) -> str:
        if lang not in self.texts:
            from .i18n import LANG

            lang = LANG
        return self.texts[lang]

    def __str__(self) -> str:
        return self.message()


def specs_in(obj) -> List[CheckSpec]:
    """Checks defined in a module (or a single decorated function)."""
    spec = getattr(obj, "__lintgoals_check__", None)
    if isinstance(spec, CheckSpec):
        return [spec]
    if not isinstance(obj, ModuleType):
        return []
    found = []
    for _, value in inspect.getmembers(obj):
        s = getattr(value, "__lintgoals_check__", None)
        if isinstance(s, CheckSpec) and getattr(value, "__module__", None) == obj.__name__:
            found.append(s)
    return found


def builtin_modules() -> List[ModuleType]:
    import lintgoals.checks as pkg

    return [importlib.import_module(f"{pkg.__name__}.{m.name}")
            for m in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda m: m.name)
            if not m.name.startswith("_")]


def entry_point_objects() -> List[object]:
    if not _plugins_may_be_installed():
        return []  # the usual case: no plugin installed, and importlib.metadata (30 ms) not imported
    from importlib.metadata import entry_points

    try:
        eps = entry_points(group=ENTRY_POINT_GROUP)
    except TypeError:  # Python < 3.10
        eps = entry_points().get(ENTRY_POINT_GROUP, [])
    out = []
    for ep in eps:
        try:
            out.append(ep.load())
        except Exception as exc:  # a broken plugin must say which one
            raise RegistryError(f"入口点 {ep.name}（{ep.value}）加载失败：{type(exc).__name__}: {exc}",
                                f"entry point {ep.name!r} ({ep.value}) failed to load: {type(exc).__name__}: {exc}") from exc
    return out


def _plugins_may_be_installed() -> bool:
    """Does any installed distribution's entry_points.txt mention our group?
    A quick look at the same files importlib.metadata reads; when one does,
    importlib.metadata decides (and loads) as usual."""
    marker = f"[{ENTRY_POINT_GROUP}]"
    for folder in sys.path:
        folder = folder or "."
        if not os.path.isdir(folder):
            if os.path.exists(folder):
                return True  # a zip or other importable path entry: let importlib.metadata look
            continue
        try:
            entries = os.scandir(folder)
        except OSError:
            continue
        with entries:
            for e in entries:
                if e.name.endswith((".dist-info", ".egg-info")):
                    try:
                        with open(os.path.join(e.path, "entry_points.txt"), encoding="utf-8", errors="replace") as fh:
                            if marker in fh.read().replace(" ", ""):
                                return True
                    except OSError:
                        continue
    return False


def load_dir(folder: str) -> List[ModuleType]:
    """Every `*.py` in a folder, imported by path under a private name."""
    if not os.path.isdir(folder):
        raise RegistryError(f"--checks-dir {folder} 不是文件夹", f"--checks-dir {folder!r} is not a folder")
    tag = hashlib.sha1(os.path.abspath(folder).encode()).hexdigest()[:10]
    modules = []
    for entry in sorted(os.listdir(folder)):
        if not entry.endswith(".py") or entry.startswith("_"):
            continue
        name = f"_lintgoals_user_{tag}_{entry[:-3]}"
        if name in sys.modules:
            modules.append(sys.modules[name])
            continue
        spec = importlib.util.spec_from_file_location(name, os.path.join(folder, entry))
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dataclasses and pickling look modules up here
        try:
            spec.loader.exec_module(module)
        except Exception as exc:
            del sys.modules[name]
            where = os.path.join(folder, entry)
            raise RegistryError(f"{where}：加载检查时出错：{type(exc).__name__}: {exc}",
                                f"{where}: the check failed to load: {type(exc).__name__}: {exc}") from exc
        modules.append(module)
    return modules


class Registry:
    """All known checks by code."""

    def __init__(self, specs: Iterable[CheckSpec] = ()) -> None:
        self.specs: Dict[str, CheckSpec] = {}
        for s in specs:
            self.add(s)

    def add(self, spec: CheckSpec) -> None:
        old = self.specs.get(spec.code)
        if old is not None and old.func is not spec.func:
            raise RegistryError(f"两个检查使用同一代码 {spec.code}：{_where(old)} 和 {_where(spec)}",
                                f"two checks claim code {spec.code}: {_where(old)} and {_where(spec)}")
        self.specs[spec.code] = spec

    def __iter__(self):
        return iter(sorted(self.specs.values(), key=lambda s: s.code))

    def __len__(self) -> int:
        return len(self.specs)

    def get(self, code: str) -> Optional[CheckSpec]:
        return self.specs.get(code.upper())

    def by_name_or_code(self, key: str) -> Optional[CheckSpec]:
        spec = self.get(key)
        if spec:
            return spec
        return next((s for s in self.specs.values() if s.name == key), None)


def _where(spec: CheckSpec) -> str:
    return f"{spec.func.__module__}.{spec.func.__qualname__}"


def load_registry(checks_dirs: Iterable[str] = (), entry_points: bool = True) -> Registry:
    reg = Registry()
    sources: List[object] = list(builtin_modules())
    if entry_points:
        sources += entry_point_objects()
    for folder in checks_dirs:
        sources += load_dir(folder)
    for src in sources:
        for spec in specs_in(src):
            reg.add(spec)
    check_top_level_options(reg)
    return reg


def check_top_level_options(reg: Registry) -> None:
    """A top-level option key is shorthand for the built-in check that declares
    it. Built-ins may share a key (RULES.md's `placeholders`, `amount_tolerance`)
    only with one declaration: two different ones are a registry error, since one
    key in the config cannot mean two things. Plugins' options are scoped to
    their own code and never collide."""
    from .config import is_builtin

    seen: Dict[str, CheckSpec] = {}
    for spec in reg:
        if not is_builtin(spec):
            continue
        for key, rule in spec.options.items():
            first = seen.setdefault(key, spec)
            if first is not spec and _declaration(first.options[key]) != _declaration(rule):
                a, b = _declaration_text(first.options[key]), _declaration_text(rule)
                raise RegistryError(
                    f"顶层选项 {key} 有两种声明：{first.code}（{_where(first)}）为 {a}，{spec.code}（{_where(spec)}）为 {b}；"
                    f"请给其中一个改名，或使两者的声明相同",
                    f"two declarations of the top-level option {key!r}: {first.code} ({_where(first)}) "
                    f"declares {a}, {spec.code} ({_where(spec)}) {b}; rename one or make them the same")


def _declaration_text(rule) -> str:
    return ", ".join(f"{k}={v!r}" for k, v in dict(rule).items() if k != "description")


def _declaration(rule) -> tuple:
    return tuple(sorted((k, repr(v)) for k, v in dict(rule).items() if k != "description"))
