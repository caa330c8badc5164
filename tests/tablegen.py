"""Generated target tables: varied, clean (no warning or error from the whole
catalogue), and the same with one injected defect. Used by the tests and the
benchmark."""
from __future__ import annotations

import copy
import random
from typing import Any, Dict, Tuple

UNITS = ["上海市党建服务中心", "上海市干部教育中心", "上海市组织人事信息技术服务中心", "上海市领导干部考试和测评中心"]
SUBJECTS = ["党员远教", "在线学习", "干部考评", "信息化运维", "弱电会议系统", "党群服务阵地", "课件制作", "直播课堂"]
COST = [("经济成本指标", "单部课件制作成本", "≤{n}(元)", (50000, 200000)),
        ("经济成本指标", "单次直播保障成本", "≤{n}(元)", (3000, 20000))]
QUANTITY = [("各类直播等录制次数", "≥{n}(次)", (10, 80)), ("制作党建类远程教育课件", "≥{n}(部)", (5, 30)),
            ("培训学员人数", "≥{n}(人)", (1000, 150000)), ("定制课件", "={n}(课时)", (50, 400)),
            ("年度运维报告完成数", "={n}(次)", (1, 4))]
QUALITY = [("远程教育课件验收合格率", "=100.00(%)"), ("系统可靠性", "≥99.00(%)"), ("密码测试", "合格"),
           ("拍摄设备验收", "验收合格"), ("运维服务验收达标率", "≥98.00(%)")]
TIMELY = [("课件按时交付率", "=100.00(%)"), ("故障响应时间", "≤2(小时)"), ("课题完成及时率", "=100.00(%)"),
          ("系统更新完成时限", "≤30(天)")]
BENEFIT = [("社会效益指标", "平台稳定运行天数", "=365(天)"), ("社会效益指标", "平台学习人次", "≥1200000(人次)"),
           ("社会效益指标", "重大故障发生数", "=0(次)"), ("社会效益指标", "党群中心和基层站点覆盖率", "=100.00(%)"),
           ("可持续影响指标", "课程资源共享单位数", "≥16(个)"), ("生态效益指标", "机房节能率", "≥5.00(%)")]
SATISFACTION = ["管理人员满意度", "基层党组织满意度", "系统使用人员满意度", "学员满意度", "服务对象满意度"]


def clean_table(rng: random.Random, year: int = 2026) -> Dict[str, Any]:
    subject = rng.choice(SUBJECTS)
    nature = rng.choice(["经常性专项业务费", "其他一次性项目", "其他经常性项目"])
    items = [rng.randrange(100, 3000) * 1000 for _ in range(rng.randint(1, 5))]
    total = sum(items)
    rows = []
    l2, name, fmt, (lo, hi) = rng.choice(COST)
    rows.append({"level1": "成本指标", "level2": l2, "name": name, "value": fmt.format(n=rng.randint(lo, hi))})
    for name, fmt, (lo, hi) in rng.sample(QUANTITY, rng.randint(1, 3)):
        rows.append({"level1": "产出指标", "level2": "数量指标", "name": name, "value": fmt.format(n=rng.randint(lo, hi))})
    for name, value in rng.sample(QUALITY, rng.randint(1, 3)):
        rows.append({"level1": "产出指标", "level2": "质量指标", "name": name, "value": value})
    for name, value in rng.sample(TIMELY, rng.randint(1, 2)):
        rows.append({"level1": "产出指标", "level2": "时效指标", "name": name, "value": value})
    for l2, name, value in rng.sample(BENEFIT, rng.randint(1, 4)):
        rows.append({"level1": "效益指标", "level2": l2, "name": name, "value": value})
    for name in rng.sample(SATISFACTION, rng.randint(1, 2)):
        rows.append({"level1": "满意度指标", "level2": "服务对象满意度指标", "name": name,
                     "value": f"≥{rng.choice([85, 88, 90, 95])}.00(%)"})
    pcts = sorted(rng.sample(range(10, 100, 10), 2)) + [100]
    table = {
        "lintgoals": 1, "template": "2026", "year": year,
        "project": {"name": f"{subject}工作经费", "unit": rng.choice(UNITS), "department": "中共上海市委组织部",
                    "nature": nature, "category": "特定目标类", "start": f"{year}-01-01", "end": f"{year}-12-31"},
        "budget": {"current_year": f"{total:,}.00", "appropriation": total, "carryover": 0, "other": 0,
                   "items": [{"name": f"子项目{i + 1}", "amount": a} for i, a in enumerate(items)]},
        "schedule": [{"task": "项目启动", "date": f"{year}-01-01"},
                     {"task": "中期检查", "date": f"{year}-06-30", "funds_pct": pcts[0]},
                     {"task": "项目验收", "date": f"{year}-11-30", "funds_pct": f"{pcts[1]}%"},
                     {"task": "项目收尾", "date": f"{year}-12-31", "funds_pct": pcts[2]}],
        "contracts": [{"name": f"{subject}服务合同", "supplier": "上海开放大学", "signed": f"{year - 1}-12-{rng.randint(1, 28):02d}",
                       "service_start": f"{year}-01-01", "service_end": f"{year}-12-31", "amount": items[0]}],
        "goals": {"annual": f"全年完成{subject}各项任务，服务对象满意度不低于85%。"},
        "indicators": rows,
    }
    return table


def inject(table: Dict[str, Any], code: str, rng: random.Random) -> Tuple[Dict[str, Any], str]:
    """A copy of a clean table with one defect for `code`; returns (table, path)."""
    t = copy.deepcopy(table)
    rows = t["indicators"]
    if code == "LG101":
        t["indicators"] = [r for r in rows if "满意" not in r["name"] + r["level1"] + r["level2"]]
        return t, "/indicators"
    if code == "LG201":
        i = rng.choice([i for i, r in enumerate(rows) if r["level2"] in ("质量指标", "时效指标", "社会效益指标")]
                       or [len(rows) - 1])
        rows[i]["value"] = rng.choice(["满足", "及时", "稳定", "有效", "成效明显", "全国领先", "按时完成", "正常"])
        if rows[i]["level2"] not in ("质量指标", "时效指标", "社会效益指标"):
            rows[i]["level1"], rows[i]["level2"] = "产出指标", "质量指标"
        return t, f"/indicators/{i}/value"
    if code == "LG301":
        items = t["budget"]["items"]
        items[rng.randrange(len(items))]["amount"] += rng.choice([-1, 1]) * rng.randrange(2, 100000)
        return t, "/budget/items"
    if code == "LG401":
        t["schedule"][2]["funds_pct"] = max(0, int(str(t["schedule"][1]["funds_pct"]).rstrip("%")) - rng.randint(1, 10))
        return t, "/schedule/2/funds_pct"
    if code == "LG403":
        year = t["year"]
        t["contracts"][0]["signed"] = f"{year}-{rng.randint(2, 9):02d}-{rng.randint(1, 28):02d}"
        return t, "/contracts/0/signed"
    raise ValueError(code)
