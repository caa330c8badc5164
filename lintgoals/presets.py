"""Starter configs for `lintgoals init`: the commented default, or a preset.

A preset is an ordinary config file. The shipped ones live in
`lintgoals/data/presets/` (package data); a bureau hands its own file to its
units, who run `lintgoals init --preset path/to/file.yaml`. `init` copies the
preset's settings with its comments into `.lintgoals.yaml`, then the commented
reference of every other key — there is no `extends:` chain to resolve at
check time, so a unit's config says everything it does in one file.

Comment lines of a shipped preset may be tagged `#zh ` or `#en `: only the
chosen language's lines are written. Untagged lines are written as they are.
"""
from __future__ import annotations

import os
from typing import Dict, List, Optional

PRESET_DIR = os.path.join(os.path.dirname(__file__), "data", "presets")


class PresetError(Exception):
    def __init__(self, zh: str, en: str) -> None:
        super().__init__(zh)
        self.texts = {"zh": zh, "en": en}

    def message(self, lang: str) -> str:
        return self.texts.get(lang, self.texts["zh"])


def names() -> List[str]:
    """The presets shipped with lintgoals (file names without .yaml)."""
    try:
        return sorted(n[:-5] for n in os.listdir(PRESET_DIR) if n.endswith(".yaml"))
    except OSError:
        return []


def preset_path(name: str) -> str:
    """A shipped preset by name, else a file path; PresetError when neither exists."""
    shipped = os.path.join(PRESET_DIR, f"{name}.yaml")
    if os.sep not in name and "/" not in name and os.path.isfile(shipped):
        return shipped
    if os.path.isfile(name):
        return name
    listed = ", ".join(names())
    raise PresetError(f"没有名为 {name} 的预设，也没有这个文件（可用的预设：{listed}）",
                      f"no preset named {name} and no such file (presets: {listed})")


def localized(text: str, lang: str) -> str:
    """Keep the comment lines of `lang` (`#zh …` / `#en …`) and every untagged line."""
    out = []
    for line in text.splitlines():
        stripped = line.lstrip()
        tag = stripped[:4]
        if tag in ("#zh ", "#en ") or stripped in ("#zh", "#en"):
            if stripped[1:3] != lang:
                continue
            line = line[: len(line) - len(stripped)] + "# " + stripped[4:]
        out.append(line)
    return "\n".join(out).strip("\n") + "\n"


HEADER = {
    "zh": """\
# lintgoals 配置（规则见 lintgoals rules，单条规则的说明见 lintgoals explain 代码）。
# 每一项都可省略；写错的键名会报错。
""",
    "en": """\
# lintgoals configuration (see `lintgoals rules` and `lintgoals explain CODE`).
# Every key is optional; unknown keys are errors.
""",
}

DEFAULT_BODY = {
    "zh": """\
# 让 lintgoals check 退出码为 1 的最低级别：error | warning | info | never
fail-on: error
""",
    "en": """\
# Lowest severity that makes `lintgoals check` exit 1: error | warning | info | never
fail-on: error
""",
}

LANG_LINE = {"zh": "# 信息语言：zh | en\nlang: {lang}\n", "en": "# Message language: zh | en\nlang: {lang}\n"}

REFERENCE = {
    "zh": """\
# ---- 其他可用的配置项（去掉 # 即生效；值为默认值） ----

# 要运行的规则：代码或前缀（LG2 = 全部指标值规则）。默认：全部。
# select: [LG]
# ignore: [LG209]
# extend-select: []

# 改变某条规则的级别，例如上海以外放宽成本指标规则：
# severity: {LG108: info}

# 对部分文件关闭规则（路径相对于本文件）：
# per-file-ignores:
#   "archive/**/*.yaml": [LG2, LG5]

# 各规则的选项（此处为默认值）。顶层写法只作用于声明该选项的内置规则；
# 也可以写在 rules: 下只给某一条规则（插件的选项只能这样写）。
# satisfaction_min: 85     # LG203：满意度目标值下限，百分数（写 90，不写 0.9）
# amount_tolerance: 1      # LG301/LG302：金额允许误差，元
# budget_jump_pct: 30      # LG306：预算变动幅度，百分数
# prose_min_chars: 15      # LG201/LG207：多少字以上算一段叙述
# notation: form           # LG209 修复的写法：form（≥90.00(%)）或 plain（≥90%）
# extend_vague_terms: []   # LG201：再加一些含糊词
# extend_verifiable_states: []
# rules:
#   LG207: {prose_min_chars: 20}

# 增加或覆盖某个表样模板的指标体系：
# templates:
#   "2026": {required: [产出指标, 效益指标]}
""",
    "en": """\
# ---- Other keys (remove the # to use one; values shown are the defaults) ----

# Rules to run: codes or prefixes (LG2 = all value rules). Default: all.
# select: [LG]
# ignore: [LG209]
# extend-select: []

# Change a rule's severity, e.g. relax the cost-indicator rule outside Shanghai:
# severity: {LG108: info}

# Turn rules off for some files (globs relative to this file):
# per-file-ignores:
#   "archive/**/*.yaml": [LG2, LG5]

# Options of the rules (defaults shown). A top-level key sets the option of the
# built-in rule that declares it; under rules: it sets one rule's only (the only
# way for a plugin's options).
# satisfaction_min: 85     # LG203: floor for satisfaction targets, in % (write 90, not 0.9)
# amount_tolerance: 1      # LG301/LG302: amount tolerance, in yuan
# budget_jump_pct: 30      # LG306: budget change, in %
# prose_min_chars: 15      # LG201/LG207: characters from which a value is prose
# notation: form           # LG209's fix: form (≥90.00(%)) or plain (≥90%)
# extend_vague_terms: []   # LG201: more vague words
# extend_verifiable_states: []
# rules:
#   LG207: {prose_min_chars: 20}

# Add or override a form template's taxonomy:
# templates:
#   "2026": {required: [产出指标, 效益指标]}
""",
}


def starter(lang: str, preset: Optional[str] = None) -> str:
    """The text `init` writes: header, the preset's settings (or the defaults), the reference."""
    import yaml

    lang = lang if lang in HEADER else "zh"
    if preset:
        path = preset_path(preset)
        try:
            with open(path, encoding="utf-8") as fh:
                raw = fh.read()
            data: Dict = yaml.safe_load(raw) or {}
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise PresetError(f"无法读取预设 {path}：{exc}", f"cannot read the preset {path}: {exc}") from exc
        if not isinstance(data, dict):
            raise PresetError(f"预设 {path} 应为键值映射", f"the preset {path} must be a mapping of keys")
        body = localized(raw, lang)
    else:
        data, body = {}, DEFAULT_BODY[lang]
    if "lang" not in data:
        body = body.rstrip("\n") + "\n\n" + LANG_LINE[lang].format(lang=lang)
    return HEADER[lang] + "\n" + body + "\n" + REFERENCE[lang]
