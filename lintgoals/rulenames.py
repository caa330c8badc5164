"""A rule's short name for a report column: the code's Chinese name in a
Chinese report (a clerk does not read `vague-value`), the rule's `name` in
an English one.

A check may declare its own (`summary={"short": {"zh": "…"}}` or
`summary={"zh-short": "…"}`); the built-in rules' names are listed here;
any other rule gets the first clause of its Chinese summary, cut short.
"""
from __future__ import annotations

import re
from typing import Mapping

MAX_ZH_CHARS = 9  # the column stays narrow: 18 columns at most

SHORT_ZH = {
    "LG001": "文件无法读取", "LG002": "不符合格式", "LG003": "数值无法读取",
    "LG004": "多余的屏蔽注释", "LG005": "屏蔽注释无理由",
    "LG101": "缺满意度指标", "LG102": "缺一级指标", "LG103": "缺产出维度",
    "LG104": "二级指标不符", "LG105": "指标放错位置", "LG106": "指标重复",
    "LG107": "投入当作目标", "LG108": "缺成本指标", "LG109": "指标名是占位符",
    "LG110": "指标名是一句话",
    "LG201": "指标值模糊", "LG202": "数量未量化", "LG203": "满意度目标偏低",
    "LG204": "目标值不合理", "LG205": "比较符方向错", "LG206": "缺少单位",
    "LG207": "指标值是描述", "LG208": "单位与名称不符", "LG209": "写法不规范",
    "LG210": "指标值为空", "LG211": "≥100%只能等于", "LG212": "成本等于预算",
    "LG213": "日期成了数字", "LG214": "单位列不符", "LG215": "指标方向不符",
    "LG216": "分值合计不符",
    "LG301": "子项目合计不符", "LG302": "资金来源不符", "LG303": "当年超总预算",
    "LG304": "金额不为正", "LG305": "上年执行超预算", "LG306": "预算变化大",
    "LG307": "缺预算金额",
    "LG401": "资金比例下降", "LG402": "资金比例越界", "LG403": "合同签订晚",
    "LG404": "合同节点偏晚", "LG405": "合同期未覆盖", "LG406": "合同无签订日期",
    "LG407": "合同超预算", "LG408": "计划日期有误", "LG409": "资金未用到100%",
    "LG410": "项目期间有误",
    "LG501": "缺文字说明", "LG502": "文字含网页标记", "LG503": "句子重复",
    "LG504": "总目标照抄",
    "LG601": "目标降低", "LG602": "上年预算不符", "LG603": "年度目标照抄",
    "LG604": "目标变模糊", "LG605": "指标被删除",
    "LG701": "目标跨项目雷同",
    "LG801": "得分超分值", "LG802": "未完成却满分", "LG803": "偏差未说明",
    "LG804": "缺实际完成值", "LG805": "执行率不符",
}

_PREFIX = re.compile(r"^(?:\d{4} ?(?:年|模板)[^：:]*|经常性项目|年度表)[：:]")
_CUT = re.compile(r"[（(：:，,；;。]")


def short_name(spec, lang: str = "zh") -> str:
    """`spec` is the rule's CheckSpec (None for an unknown code)."""
    if spec is None:
        return ""
    if lang != "zh":
        return spec.name
    summary = spec.summary if isinstance(spec.summary, Mapping) else {}
    own = summary.get("short")
    own = own.get("zh") if isinstance(own, Mapping) else summary.get("zh-short")
    if isinstance(own, str) and own.strip():
        return own.strip()
    if spec.code in SHORT_ZH:
        return SHORT_ZH[spec.code]
    text = _PREFIX.sub("", spec.one_line("zh").strip())
    text = _CUT.split(text, maxsplit=1)[0].strip() or spec.name
    return text if len(text) <= MAX_ZH_CHARS else text[:MAX_ZH_CHARS - 1] + "…"
