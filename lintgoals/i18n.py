"""The language a person reads, and the command line's own words in it.

The language is chosen once, before the typer app is built (its `--help`
texts are made when the module is imported): `--lang` on the command line,
else `LINTGOALS_LANG`, else the locale (LC_ALL, LC_MESSAGES, LANG), else
Chinese. A config's `lang:` counts after the environment for messages, but
cannot change `--help`, which is printed before any config is read.

Click's own words (Usage, Options, [default: …], its usage errors) are
translated by a help formatter and one error handler below; no global patch.
"""
from __future__ import annotations

import os
import re
import sys
from typing import Mapping, Optional, Sequence

LANGS = ("zh", "en")


def from_argv(argv: Sequence[str]) -> Optional[str]:
    """`--lang en` or `--lang=en` anywhere on the command line (the last wins)."""
    found = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            found = argv[i + 1].strip().lower()
        elif arg.startswith("--lang="):
            found = arg.split("=", 1)[1].strip().lower()
    return found if found in LANGS else None


def from_env(environ: Mapping[str, str]) -> Optional[str]:
    value = environ.get("LINTGOALS_LANG", "").strip().lower()
    return value if value in LANGS else None


def from_locale(environ: Mapping[str, str]) -> Optional[str]:
    """zh_CN.UTF-8 → zh, en_US.UTF-8 → en; C, POSIX and others say nothing.
    GNU's LANGUAGE list (zh_CN:en) comes first, as gettext reads it, unless
    the locale is C/POSIX (then gettext ignores it too)."""
    chosen = next((environ[v].strip() for v in ("LC_ALL", "LC_MESSAGES", "LANG") if environ.get(v, "").strip()), "")
    if chosen and chosen.split(".")[0].upper() not in ("C", "POSIX"):
        for item in environ.get("LANGUAGE", "").split(":"):
            if item.strip().lower()[:2] in LANGS:
                return item.strip().lower()[:2]
    head = chosen.lower()[:2]
    return head if head in LANGS and chosen.split(".")[0].upper() not in ("C", "POSIX") else None


def choose(argv: Optional[Sequence[str]] = None, environ: Optional[Mapping[str, str]] = None,
           config_lang: Optional[str] = None) -> str:
    argv = sys.argv[1:] if argv is None else argv
    environ = os.environ if environ is None else environ
    return (from_argv(argv) or from_env(environ) or (config_lang if config_lang in LANGS else None)
            or from_locale(environ) or "zh")


# The language of this process's command line (help texts are built with it).
LANG = choose()

# ---------------------------------------------------------------------------
# Texts of the command line: key → (zh, en). `{name}` placeholders are filled
# by t(); user text goes into placeholders, never into the templates.
TEXTS = {
    # app and callback
    "app": ("检查财政项目支出绩效目标表（绩效目标申报表），在报送前找出审核会退回的问题。",
            "Lint Chinese performance target tables before they are submitted: find what reviewers send them back for."),
    "app.callback": ("lintgoals 找出审核时会被退回的绩效目标表问题。",
                     "lintgoals finds the mistakes reviewers send target tables back for."),
    "opt.version": ("显示版本并退出。", "Show the version and exit."),
    "opt.help": ("显示本帮助并退出。", "Show this message and exit."),
    "version": ("lintgoals {version}（{loader}，Python {python}）", "lintgoals {version} ({loader}, Python {python})"),
    "loader.libyaml": ("libyaml", "libyaml"),
    "loader.pure": ("纯 Python 的 YAML 解析器：缺少 libyaml，较慢", "pure-Python YAML loader (libyaml missing: slower)"),
    # check
    "check": ("检查目标表：文件和文件夹（*.yaml、*.yml、*.json，以及 {forms} 表格）。",
              "Lint target tables: files and folders (*.yaml, *.yml, *.json, and {forms} forms)."),
    "metavar.paths": ("[路径]...", "[PATHS]..."),
    "arg.paths": ("文件和文件夹（默认：当前文件夹）。", "Files and folders (default: the current folder)."),
    "opt.format": ("输出格式。", "Output format."),
    "opt.output": ("把报告写入该文件。", "Write the report to this file."),
    "opt.select": ("只运行这些规则代码或前缀（LG2、LG301）。", "Rule codes or prefixes to run (LG2, LG301)."),
    "opt.ignore": ("跳过这些规则代码或前缀。", "Rule codes or prefixes to skip."),
    "opt.extend_select": ("在选择之外再加上这些代码。", "Add codes to the selection."),
    "opt.fail_on": ("让退出码为 1 的最低级别 [默认：error]。", "Lowest severity that makes the exit code 1 [default: error]."),
    "opt.config": ("配置文件（默认：向上查找 .lintgoals.yaml 或 pyproject.toml）。",
                   "Config file (default: .lintgoals.yaml or pyproject.toml, searched upward)."),
    "opt.lang": ("信息语言 [默认：环境变量 LINTGOALS_LANG，其次是系统区域设置（LANG），否则 zh]。",
                 "Message language [default: env LINTGOALS_LANG, else the locale (LANG), else zh]."),
    "opt.checks_dir": ("从该文件夹加载额外的检查（可重复）。", "Load extra checks from this folder (repeatable)."),
    "opt.jobs": ("工作进程数 [默认：全部核心]。", "Worker processes [default: all cores]."),
    "opt.no_cache": ("不使用结果缓存。", "Do not use the result cache."),
    "opt.quiet": ("不在标准错误输出汇总行。", "No summary line on stderr."),
    "opt.fix": ("先做安全修复，再报告剩下的问题。", "Apply safe fixes first, then report what is left."),
    "opt.baseline": ("隐藏该基线文件中记录的问题。", "Hide the findings recorded in this baseline file."),
    "opt.write_baseline": ("把当前的问题记录到该文件。", "Record the current findings in this file."),
    "opt.previous": ("上年的表（文件或文件夹，可重复），供跨年度检查（LG6）使用；只读取、不报告。",
                     "Last year's tables (files or folders, repeatable) for the checks across years (LG6); read, never reported on."),
    "opt.verbose": ("同时说明每张表识别出的模板和版式及其依据。",
                    "Also say, per table, which template and layout were recognised and why."),
    # fix
    "fix": ("就地、原子地做可修复规则的安全修复（LG209 写法、LG502 网页标记）。只修改 YAML/JSON 文件。"
            "--diff 只打印差异：有可修复之处时退出码为 1，没有时为 0。",
            "Apply the safe fixes of fixable rules (LG209 notation, LG502 markup) in place, atomically; "
            "YAML/JSON files only. --diff prints the changes instead: exit 1 when there is something to fix, 0 when not."),
    "opt.diff": ("打印统一差异格式的修改，而不写入文件（有修改时退出码为 1）。",
                 "Print the changes as a unified diff instead of writing them (exit 1 when there are changes)."),
    "opt.fix_select": ("只修复这些代码或前缀。", "Only these codes or prefixes."),
    "opt.fix_ignore": ("不修复这些代码或前缀。", "Not these codes or prefixes."),
    "opt.fix_config": ("配置文件。", "Config file."),
    "opt.fix_checks_dir": ("从该文件夹加载额外的检查。", "Load extra checks from this folder."),
    # import
    "import": ("把真实的表格（{forms}）读成格式 1 的 YAML，每张表一个文件，文件以项目名称命名。",
               "Read a real form ({forms}) into format-1 YAML: one file per table, named after the project."),
    "arg.form": ("表格文件：{forms}。", "A form: {forms}."),
    "opt.import_output": ("一个 YAML 文件，或一个文件夹（已存在，或以 / 结尾），每张表写一个文件。",
                          "A YAML file, or a folder (existing, or ending in /) for one file per table."),
    "opt.import_force": ("覆盖已存在的文件。", "Overwrite existing files."),
    # rules, explain, schema, init
    "rules": ("列出每条规则：代码、名称、默认级别、是否可修复、摘要。",
              "Every rule: code, name, default severity, fixable, one-line summary."),
    "opt.rules_lang": ("摘要的语言。", "Language of the summaries."),
    "opt.rules_checks_dir": ("同时列出该文件夹中的检查。", "Include checks from this folder."),
    "opt.rules_format": ("text 或 json。", "text or json."),
    "explain": ("一条规则的说明：查什么、为什么（依据）、反例和正例、选项。",
                "One rule's documentation: what it flags, why, a bad and a good example, options."),
    "arg.code": ("规则代码（LG201）或名称（vague-value）。", "A rule code (LG201) or name (vague-value)."),
    "opt.explain_lang": ("说明页的语言。", "Language of the page."),
    "schema": ("打印格式 1 的 JSON Schema 文件路径（供编辑器使用）。",
               "Print the path of the format-1 JSON Schema (for editors)."),
    "init": ("写一个带注释的 .lintgoals.yaml 起步配置（没有 .pre-commit-config.yaml 时也写一个）。",
             "Write a commented starter .lintgoals.yaml (and a .pre-commit-config.yaml when there is none)."),
    "arg.folder": ("写入文件的文件夹。", "Where to write the files."),
    "opt.init_force": ("覆盖已存在的 .lintgoals.yaml。", "Overwrite an existing .lintgoals.yaml."),
    "opt.preset": ("预设：{names}，或一个配置文件的路径（主管部门可下发自己的预设）。",
                   "A preset: {names}, or the path of a config file (a bureau can hand its own to its units)."),
    "opt.init_lang": ("写入的注释所用语言。", "Language of the comments written."),
    # rules table
    "col.code": ("代码", "code"), "col.name": ("名称", "name"), "col.severity": ("级别", "severity"),
    "col.fixable": ("可修复", "fixable"), "col.summary": ("摘要", "summary"), "yes": ("是", "yes"),
    "sev.error": ("错误", "error"), "sev.warning": ("警告", "warning"), "sev.info": ("提示", "info"),
    "explain.fixable": ("（可自动修复）", " (fixable)"),
    "explain.defaults": ("选项默认值", "Option defaults"),
    # errors (exit 2)
    "error": ("lintgoals：错误：{message}", "lintgoals: error: {message}"),
    "err.config_missing": ("配置文件 {path} 不存在", "config file {path} not found"),
    "err.unknown_code": ("未知的规则代码或前缀 {code}{hint}（见 lintgoals rules）",
                         "unknown rule code or prefix {code}{hint} (see `lintgoals rules`)"),
    "err.unknown_rule": ("未知的规则 {code}{hint}（见 lintgoals rules）", "unknown rule {code}{hint} (see `lintgoals rules`)"),
    "hint.did_you_mean": ("，是不是 {candidates}？", "; did you mean {candidates}?"),
    "err.format": ("输出格式 {format} 不可用：{error}", "format {format} is not available: {error}"),
    "err.missing_path": ("路径不存在：{path}", "no such file or folder: {path}"),
    "err.nothing": ("给出的路径中没有 lintgoals 能检查的文件（.yaml、.yml、.json 或 {forms} 表格）",
                    "the paths hold nothing lintgoals can check (.yaml, .yml, .json or {forms} forms)"),
    "err.exists_force": ("{path} 已存在；要覆盖请加 --force", "{path} exists; use --force to overwrite it"),
    "err.preset": ("没有名为 {name} 的预设，也没有这个文件（可用的预设：{names}）",
                   "no preset named {name} and no such file (presets: {names})"),
    "err.import_failed": ("{file}：无法导入：{reason}", "{file}: cannot import: {reason}"),
    "err.import_none": ("{file}：没有找到目标表", "{file}: no target table found"),
    "err.import_many": ("{file} 中有 {n} 张表：请把 --output 设为文件夹（以 / 结尾）",
                        "{file} holds {n} tables: give a folder as --output (ending in /)"),
    "err.os": ("{path}：{error}", "{path}: {error}"),
    "err.interrupted": ("lintgoals：已中断", "lintgoals: interrupted"),
    "err.internal": ("lintgoals：内部错误（lintgoals 自身的缺陷，请报告）：{error}",
                     "lintgoals: internal error (a bug in lintgoals, please report it): {error}"),
    "err.usage": ("lintgoals：用法错误：{message}\n用 “{command} --help” 查看帮助。",
                  "lintgoals: usage error: {message}\nTry '{command} --help' for help."),
    # walks
    "skipped.head": ("lintgoals：跳过 {n} 个文件：", "lintgoals: skipped {n} files:"),
    "skipped.item": ("  {path}：{reason}", "  {path}: {reason}"),
    # baseline
    "baseline.wrote": ("lintgoals：已把 {n} 条问题写入基线 {path}", "lintgoals: wrote {n} findings to the baseline {path}"),
    "baseline.stale": ("lintgoals：基线 {path} 中有 {n} 条记录已不再出现（已改正）；用 --write-baseline 重写基线使其缩小：",
                       "lintgoals: {n} entries of the baseline {path} no longer match (fixed); shrink it with --write-baseline:"),
    "baseline.stale_item": ("  已改正：{file} {code} {where}", "  stale: {file} {code} {where}"),
    "baseline.unreadable": ("无法读取基线 {path}：{error}", "cannot read the baseline {path}: {error}"),
    "baseline.not_json": ("第 {line} 行起不是有效的 JSON", "not valid JSON from line {line}"),
    "baseline.not_baseline": ("{path} 不是 lintgoals 基线文件（没有 entries 列表）；用 --write-baseline 生成",
                              "{path} is not a lintgoals baseline (no 'entries' list); make one with --write-baseline"),
    # fix
    "fix.changed": ("{path} 在读取后被修改过，未写入（请再运行一次 fix）",
                    "{path} changed since it was read; not written (run fix again)"),
    "fix.summary_diff": ("lintgoals：可修复 {n} 处，涉及 {files} 个文件", "lintgoals: fixable {n} findings in {files} files"),
    "fix.summary": ("lintgoals：已修复 {n} 处，涉及 {files} 个文件", "lintgoals: fixed {n} findings in {files} files"),
    "fix.forms": ("lintgoals：fix 不能直接修改表格文件（{n} 个未改动：{names}）；请用 lintgoals import 表格 -o forms/ "
                  "转成 YAML 后再运行 fix，或在原表格中按 lintgoals check 的提示手工修改",
                  "lintgoals: fix cannot edit forms in place ({n} left unchanged: {names}); run lintgoals import FORM -o forms/ "
                  "and fix the YAML, or change the form by hand as lintgoals check says"),
    "fix.error": ("lintgoals：{path}：{error}", "lintgoals: {path}: {error}"),
    # import
    "import.wrote": ("已写入 {path}", "wrote {path}"),
    "import.header": ("# 由 lintgoals {version} 从 {source} 导入；各值照表格原样保留。",
                      "# Imported by lintgoals {version} from {source}; values as written in the form."),
    "import.table": ("（第 {i} 张表）", " (table {i})"),
    # init
    "init.wrote": ("已写入 {path}", "wrote {path}"),
    "init.hook_exists": ("{path} 已存在；请把下面几行加到它的 repos 中：\n{snippet}",
                         "{path} exists; add this to its repos:\n{snippet}"),
}


_OS_ERRORS = {2: ("不存在", "does not exist"), 13: ("没有权限", "permission denied"), 21: ("是文件夹，不是文件", "is a folder, not a file"),
              20: ("路径中有一段不是文件夹", "a part of the path is not a folder"), 28: ("磁盘已满", "no space left on the disk"),
              30: ("所在磁盘只读", "the disk is read-only"), 36: ("名称太长", "the name is too long")}


def os_error(exc: OSError, lang: Optional[str] = None) -> str:
    """An OS error in the user's language (the system's own words are English)."""
    known = _OS_ERRORS.get(getattr(exc, "errno", None))
    if known:
        return known[(lang or LANG) == "en"]
    return exc.strerror or str(exc)


def t(key: str, lang: Optional[str] = None, **args) -> str:
    zh, en = TEXTS[key]
    text = en if (lang or LANG) == "en" else zh
    return text.format(**args) if args else text


def h(key: str, **args) -> str:
    """A help text in this process's language (built at import time)."""
    return t(key, LANG, **args)


def short(key: str, **args) -> str:
    """The first sentence of a command's help, for the list of commands."""
    text = h(key, **args)
    m = re.search(r"。|\.\s", text)
    return text[: m.start() + (1 if m.group(0) == "。" else 1)].strip() if m else text


def did_you_mean(word: str, candidates, lang: Optional[str] = None, n: int = 3) -> str:
    """'，是不是 LG201？' for a near miss (O for 0, a dropped letter), or ''."""
    close = near(word, candidates, n)
    if not close:
        return ""
    sep = "、" if (lang or LANG) == "zh" else ", "
    return t("hint.did_you_mean", lang, candidates=sep.join(close))


def near(word: str, candidates, n: int = 3):
    import difflib

    cands = list(candidates)
    # a letter O typed for the digit 0 (LG2O1) is the commonest slip in a code
    fixed = re.sub(r"(?<=\d)[Oo]|[Oo](?=\d)", "0", word).upper() if re.search(r"\d", word) else word
    exact = [c for c in cands if c.upper() == fixed.upper()]
    if exact:
        return exact[:1]
    by_upper = {c.upper(): c for c in cands}
    close = difflib.get_close_matches(fixed.upper(), list(by_upper), n=n, cutoff=0.75)
    return [by_upper[c] for c in close]


# ---------------------------------------------------------------------------
# Click's own words in the help pages and usage errors.

_HELP_WORDS_ZH = [
    ("Show this message and exit.", "显示本帮助并退出。"),
    ("[default: ", "[默认："),
    ("[required]", "[必填]"),
    ("[env var: ", "[环境变量："),
    ("(deprecated)", "（已弃用）"),
]
_METAVARS_ZH = {"<str>": "<文本>", "<int>": "<整数>", "<float>": "<数字>", "<path>": "<路径>", "<file>": "<文件>"}
_HEADINGS_ZH = {"Options": "选项", "Arguments": "参数", "Commands": "命令"}


def help_text(text: str, lang: Optional[str] = None) -> str:
    if (lang or LANG) != "zh" or not text:
        return text
    for en, zh in _HELP_WORDS_ZH:
        text = text.replace(en, zh)
    return text


def localized_classes(lang: str):
    """(group class, command class) for typer whose help pages speak `lang`."""
    import typer.core

    try:
        from typer import _click  # typer ≥ 0.26 carries its own click
    except ImportError:  # pragma: no cover
        import click as _click

    class Formatter(_click.HelpFormatter):
        """Click's layout, with Chinese words and widths counted in terminal
        columns (a Chinese character takes two; click counts one)."""

        def write_usage(self, prog, args="", prefix=None):
            if lang == "zh":
                args = args.replace("[OPTIONS]", "[选项]").replace("COMMAND [ARGS]...", "命令 [参数]...")
                prefix = "用法：" if prefix is None else prefix
            super().write_usage(prog, args, prefix)

        def write_heading(self, heading):
            if lang != "zh":
                return super().write_heading(heading)
            self.write(f"{'':>{self.current_indent}}{_HEADINGS_ZH.get(heading, heading)}：\n")

        def write_text(self, text):
            if lang != "zh":
                return super().write_text(text)
            indent = " " * self.current_indent
            for paragraph in text.split("\n\n"):
                for line in wrap(" ".join(paragraph.split()), max(self.width - self.current_indent, 20)):
                    self.write(f"{indent}{line}\n")
                self.write("\n")
            self.buffer[-1:] = []  # no blank line after the last paragraph (click's own layout)

        def write_dl(self, rows, col_max=30, col_spacing=2):
            if lang != "zh":
                return super().write_dl(rows, col_max, col_spacing)
            rows = [(_metavars(a), help_text(b, lang)) for a, b in rows]
            first = min(max((width(a) for a, _ in rows), default=0), col_max) + col_spacing
            for a, b in rows:
                self.write(f"{'':>{self.current_indent}}{a}")
                if not b:
                    self.write("\n")
                    continue
                if width(a) <= first - col_spacing:
                    self.write(" " * (first - width(a)))
                else:
                    self.write("\n" + " " * (first + self.current_indent))
                lines = wrap(" ".join(b.split()), max(self.width - first - self.current_indent, 10))
                self.write((lines[0] if lines else "") + "\n")
                for line in lines[1:]:
                    self.write(f"{'':>{first + self.current_indent}}{line}\n")

    class Context(_click.Context):
        formatter_class = Formatter

    class Command(typer.core.TyperCommand):
        context_class = Context

    class Group(typer.core.TyperGroup):
        context_class = Context

        def get_command(self, ctx, name):
            cmd = super().get_command(ctx, name)
            if cmd is not None:
                cmd.context_class = Context
            return cmd

    return Group, Command


def width(text: str) -> int:
    """Terminal columns: East Asian wide and full-width characters take two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


_CLOSING = set("）》」』】〕，。、；：！？”’%)]},.;:!?")
_OPENING = set("（《「『【〔“‘([{")


def _tokens(text: str):
    """Unbreakable pieces: an ASCII word (a code, a number, an option) or one
    wide character; closing punctuation sticks to what precedes it, opening
    punctuation to what follows."""
    out = []
    for m in re.finditer(r"[\x21-\x7e]+|\s+|.", text):
        tok = m.group(0)
        if tok.isspace():
            out.append(" ")
        elif out and out[-1] != " " and (tok[0] in _CLOSING or out[-1][-1] in _OPENING):
            out[-1] += tok
        else:
            out.append(tok)
    return out


def wrap(text: str, limit: int):
    """Lines of at most `limit` columns (a piece longer than that stands alone)."""
    lines, cur = [], ""
    for tok in _tokens(text):
        if tok == " ":
            if cur:
                cur += " "
            continue
        if cur and width(cur.rstrip() + tok) > limit:
            lines.append(cur.rstrip())
            cur = tok
        else:
            cur += tok
    if cur.strip():
        lines.append(cur.rstrip())
    return lines


def _metavars(text: str) -> str:
    for en, zh in _METAVARS_ZH.items():
        text = text.replace(en, zh)
    return text


def _usage_patterns():
    """Click's usage errors and their Chinese, compiled on the first error (not at start-up)."""
    global _USAGE_ZH
    if _USAGE_ZH is None:
        _USAGE_ZH = [
            (re.compile(r"^No such option: (\S+)(?: \(Possible options: (.*)\))?$"),
             lambda m: f"没有选项 {m.group(1)}" + (f"（是不是：{m.group(2)}？）" if m.group(2) else "")),
            (re.compile(r"^No such option: (\S+)\s+Did you mean (.*)\?$"), lambda m: f"没有选项 {m.group(1)}（是不是 {m.group(2)}？）"),
            (re.compile(r"^No such command '(.*)'\.(?: Did you mean (.*)\?)?$"),
             lambda m: f"没有命令 {m.group(1)}" + (f"（是不是 {m.group(2)}？）" if m.group(2) else "")),
            (re.compile(r"^Missing argument '(.*)'\.?$"), lambda m: f"缺少参数 {m.group(1)}"),
            (re.compile(r"^Missing option '(.*)'\.?$"), lambda m: f"缺少选项 {m.group(1)}"),
            (re.compile(r"^Option '(.*)' requires an argument\.?$"), lambda m: f"选项 {m.group(1)} 需要一个值"),
            (re.compile(r"^Option '(.*)' does not take a value\.?$"), lambda m: f"选项 {m.group(1)} 不带值"),
            (re.compile(r"^Got unexpected extra arguments? \((.*)\)$"), lambda m: f"多余的参数：{m.group(1)}"),
            (re.compile(r"^Invalid value for (.+?): '(.*)' is not one of (.*)\.$"),
             lambda m: f"{_unquote(m.group(1))} 的值 {m.group(2)} 无效：应为 {_unquote(m.group(3))} 之一"),
            (re.compile(r"^Invalid value for (.+?): '(.*)' is not a valid integer\.?$"),
             lambda m: f"{_unquote(m.group(1))} 的值 {m.group(2)} 无效：应为整数"),
            (re.compile(r"^Invalid value for (.+?): (.*)$"), lambda m: f"{_unquote(m.group(1))} 的值无效：{m.group(2)}"),
            (re.compile(r"^Missing command\.?$"), lambda m: "缺少命令"),
        ]
    return _USAGE_ZH


_USAGE_ZH = None


def _unquote(text: str) -> str:
    return text.replace("'", "").replace(", ", "、")


def usage_error(message: str, lang: Optional[str] = None) -> str:
    """A click usage error in the user's language (the names it quotes kept)."""
    message = " ".join(message.split())
    if (lang or LANG) != "zh":
        return message
    for pattern, make in _usage_patterns():
        m = pattern.match(message)
        if m:
            return make(m)
    return message
