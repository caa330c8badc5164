"""`lintgoals server`: a Language Server over stdio (pygls) for format-1
tables — diagnostics as you type, quick fixes, suppressions, explain pages
on hover. A leaf over findings and documents, like the formatters: it runs
the same path as `check` (lintgoals.server.core) and only speaks LSP
(lintgoals.server.lsp, the one module that imports pygls).

This module is imported by the command line: it holds the texts only.
"""
from __future__ import annotations

from typing import Optional

# key → (zh, en)
TEXTS = {
    # the command line
    "help": ("语言服务器（LSP，标准输入输出）：在编辑器中边写边检查格式 1 的 YAML/JSON 目标表——"
             "诊断、可自动修复问题的快速修复、用注释忽略（写明理由）、悬停显示规则说明和指标值的读法。"
             "配置、预设和插件与 check 相同。需要 pip install 'lintgoals[server]'。",
             "A Language Server (LSP over stdio): format-1 YAML/JSON tables checked as you type in an editor — "
             "diagnostics, quick fixes of fixable findings, suppress with a reason, the rule's page and how a value "
             "was read on hover. Config, presets and plugins as in check. Needs pip install 'lintgoals[server]'."),
    "opt.debounce": ("输入停止多少毫秒后重新检查 [默认：200]。", "Milliseconds of quiet typing before a re-check [default: 200]."),
    "opt.no_scan": ("不读取工作区中的其他表（跨年度检查 LG6 只用 --previous 给出的表）。",
                    "Do not read the workspace's other tables (LG6 pairs only with --previous tables)."),
    "missing": ("lintgoals server 需要 pygls，但没有安装。请运行：pip install 'lintgoals[server]'（或 pip install 'pygls>=2,<3'）",
                "lintgoals server needs pygls, which is not installed. Run: pip install 'lintgoals[server]' (or pip install 'pygls>=2,<3')"),
    # what the editor shows
    "config_error": ("lintgoals 无法按配置检查本文件：{error}", "lintgoals cannot check this file with its config: {error}"),
    "config_missing": ("配置文件 {path} 不存在", "the config file {path} does not exist"),
    "unknown_code": ("未知的规则代码或前缀 {code}{hint}", "unknown rule code or prefix {code}{hint}"),
    "sev.error": ("错误", "error"), "sev.warning": ("警告", "warning"), "sev.info": ("提示", "info"),
    "fixable": ("（可自动修复）", " (fixable)"),
    "defaults": ("选项默认值", "Option defaults"),
    "action.fix": ("修复 {code}：改为 {text}", "Fix {code}: write {text}"),
    "action.fix_all": ("修复本文件中全部可自动修复的问题（同 lintgoals fix）", "Fix all fixable findings in this file (as lintgoals fix)"),
    "action.suppress": ("用注释忽略 {code}（须写明理由）", "Suppress {code} with a reason"),
    "action.explain": ("查看 {code} 的说明", "Explain {code}"),
    "read_as": ("lintgoals 对指标“{name}”的值的读法", "How lintgoals read the value of “{name}”"),
    "empty_value": ("空值：没有填写指标值", "empty: no target value written"),
    "qualitative": ("定性值（没有读出数字）：“{text}”", "qualitative (no number read): “{text}”"),
    "operator": ("比较符", "operator"),
    "op_written": ("（写作“{text}”）", " (written “{text}”)"),
    "op_implicit": ("（未写比较符，按 = 读）", " (none written: read as =)"),
    "number": ("数值", "number"),
    "unit": ("单位", "unit"),
    "no_unit": ("无", "none"),
    "unit_column": ("取自度量单位列", "from the unit column"),
    "prefix": ("数字前的文字", "text before the number"),
    "category": ("所在类别", "category"),
    "template": ("适用模板", "template"),
    "crashed": ("lintgoals 检查本文件时自身出错（不是表格的问题）：{error}", "lintgoals failed on this file (a bug, not the table's): {error}"),
}


def say(key: str, lang: Optional[str] = None, **args) -> str:
    zh, en = TEXTS[key]
    text = en if lang == "en" else zh
    return text.format(**args) if args else text


def h(key: str) -> str:
    """A help text in this process's language (as lintgoals.i18n.h)."""
    from ..i18n import LANG

    return say(key, LANG)


def available() -> bool:
    try:
        import lsprotocol  # noqa: F401
        import pygls  # noqa: F401
    except ImportError:
        return False
    return True
