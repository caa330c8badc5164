"""Draft review comments (审核意见) per table, grouped by the four aspects of
财预〔2015〕88号《中央部门预算绩效目标管理办法》's review: 完整性、相关性、适当性、可行性.

Which aspect a rule family serves is data (DIMENSIONS); each point cites the
documents its rule's explain page rests on. Only errors and warnings become
comments (an info is a hint to the unit, not a reason a reviewer writes down);
findings of one rule in one table are one point naming every place.
"""
from __future__ import annotations

from typing import Dict, List, Tuple

from . import TableRecord, family

ASPECTS = ("completeness", "relevance", "appropriateness", "feasibility")
ASPECT_WORDS = {
    "completeness": ("完整性", "completeness"),
    "relevance": ("相关性", "relevance"),
    "appropriateness": ("适当性", "appropriateness"),
    "feasibility": ("可行性", "feasibility"),
}
# What each aspect asks, in a reviewer's words (a heading, not a quotation of 88号)
ASPECT_QUESTIONS = {
    "completeness": ("目标表内容是否完整，目标与指标是否明确、清晰、可考核",
                     "is the table complete; are goals and indicators clear and assessable"),
    "relevance": ("目标与项目内容、单位职能是否相关，指标是否对应本项目",
                  "do goals fit the project and the unit's functions; do indicators belong to this project"),
    "appropriateness": ("资金规模与目标是否匹配，目标值是否过高或过低",
                        "do funds match the goals; are targets set too high or too low"),
    "feasibility": ("实施计划与措施是否切实可行，能否确保目标如期实现",
                    "are the schedule and measures workable, can the goals be met on time"),
}
# rule family → aspect (a plugin's family falls back to completeness)
DIMENSIONS: Dict[str, str] = {
    "LG0": "completeness",      # the table cannot be read or is not in the format
    "LG1": "completeness",      # categories, dimensions, satisfaction missing; placeholder names
    "LG2": "completeness",      # values vague, empty, without unit: not assessable (明确、清晰)
    "LG3": "appropriateness",   # the budget's figures do not add up or match (资金与目标匹配)
    "LG4": "feasibility",       # schedule and contracts (措施可行、如期实现)
    "LG5": "completeness",      # required texts missing
    "LG6": "appropriateness",   # targets lowered against last year (目标过低)
    "LG7": "relevance",         # goals shared by different projects (目标与本项目相关)
    "LG8": "appropriateness",   # self-evaluation scores against targets
}
# single rules whose aspect is not their family's
OVERRIDES: Dict[str, str] = {
    "LG105": "relevance",       # an indicator under a dimension it does not measure
    "LG107": "relevance",       # an input or management item taken for a target
    "LG203": "appropriateness", # satisfaction target set too low
    "LG212": "appropriateness", # cost indicator equal to the whole budget
    "LG504": "relevance",
}


def aspect_of(code: str) -> str:
    return OVERRIDES.get(code) or DIMENSIONS.get(family(code), "completeness")


def aspect_word(a: str, lang: str) -> str:
    return ASPECT_WORDS[a][lang == "en"]


def points(table: TableRecord, lang: str) -> Dict[str, List[Tuple[str, str]]]:
    """aspect → [(point text, basis)], in the aspects' order, empty aspects left out."""
    by_code: Dict[str, list] = {}
    for r in table.rows:
        if r.severity == "info":
            continue
        by_code.setdefault(r.code, []).append(r)
    out: Dict[str, List[Tuple[str, str]]] = {}
    for code, rows in by_code.items():
        first = rows[0]
        text = first.problem.rstrip("。.;；")
        if first.cell:
            text += f"（{first.cell}）" if lang != "en" else f" ({first.cell})"
        if len(rows) > 1:
            where = "、".join(r.cell or r.indicator for r in rows[1:6] if r.cell or r.indicator)
            more = len(rows) - 1
            if lang == "en":
                text += f"; {more} more of the same" + (f": {where.replace('、', ', ')}" if where else "")
            else:
                text += f"；同类问题另有 {more} 处" + (f"：{where}" if where else "")
            if len(rows) > 6:
                text += "……" if lang != "en" else "…"
        if first.suggestion:
            text += (". " if lang == "en" else "。") + first.suggestion.rstrip("。.")
        text += "." if lang == "en" else "。"
        out.setdefault(aspect_of(code), []).append((text, first.basis))
    return {a: out[a] for a in ASPECTS if a in out}


def comment_text(table: TableRecord, lang: str) -> str:
    """The whole draft for one table, ready to paste into the budget system."""
    numerals = "一二三四"
    lines = []
    for i, (a, items) in enumerate(points(table, lang).items()):
        head = f"{numerals[i]}、{aspect_word(a, lang)}" if lang != "en" else f"{i + 1}. {aspect_word(a, lang).capitalize()}"
        lines.append(head)
        for j, (text, basis) in enumerate(items, 1):
            lines.append(point_text(j, text, basis, lang))
    return "\n".join(lines)


def point_text(j: int, text: str, basis: str, lang: str) -> str:
    if lang == "en":
        return f"({j}) {text}" + (f" Basis: {basis}." if basis else "")
    return f"（{j}）{text}" + (f"依据：{basis}。" if basis else "")
