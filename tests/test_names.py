"""How names are read, and which template a table follows (RULES.md)."""
from decimal import Decimal

import pytest

from lintgoals import names
from lintgoals.load import load_bytes
from lintgoals.names import Aliases, builtin_aliases, category, note_weight, read
from lintgoals.taxonomy import choose, load_templates
from lintgoals.values import fold


@pytest.mark.parametrize("text, expected", [
    ("满意度指标", "满意度指标"),
    ("滿意度指標", "满意度指标"),          # traditional → simplified
    ("產出 指標", "产出指标"),             # and spaces dropped
    ("（一）数量指标", "(一)数量指标"),     # NFKC: full-width brackets
    ("平台\u200b稳定运行率", "平台稳定运行率"),  # invisible characters
    ("abc d", "abcd"),
])
def test_read(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize("name, expected", [
    ("产出指标", "产出"), ("产出", "产出"), ("产出目标", "产出"),
    ("一、产出指标(50分)", "产出"), ("1.产出指标", "产出"), ("（一）数量指标（必填硬性指标）", "数量"),
    ("二、效益指标（30%）", "效益"), ("第一部分 产出指标", "产出"), ("成本指标(0-20)分", "成本"),
    ("①产出指标", "产出"), ("１．质量指标", "质量"), ("A.数量指标", "数量"), ("(2)时效指标", "时效"),
    ("項目完成指標", "产出"), ("项目效益指标", "效益"), ("社会公众或服务对象满意度指标", "服务对象满意度"),
    ("指标", "指标"),  # a bare suffix is not dropped to nothing
])
def test_category(name, expected):
    assert category(name) == expected


def test_level2_aliases_hold_only_under_their_level1():
    assert category("满意度", under="满意度指标") == "服务对象满意度"
    assert category("满意度指标", under="三、满意度指标(10分)") == "服务对象满意度"
    assert category("满意度", under="效果目标") == "满意度"  # 2020: its own level2
    assert category("环境效益指标", under="效益指标") == "生态效益"
    assert category("环境效益", under="效果目标") == "环境效益"


def test_every_builtin_alias_has_a_source():
    for entry in builtin_aliases().entries:
        assert entry.get("source"), entry


def test_config_aliases_extend_the_builtin_ones():
    a = builtin_aliases().extended({"完成指标": "产出指标"})
    assert category("完成指标", a) == "产出" and category("项目完成指标", a) == "产出"
    assert category("完成指标") == "完成"  # the built-in set is unchanged
    b = builtin_aliases().extended([{"name": "满意", "means": "服务对象满意度指标", "under": "满意度指标"}])
    assert category("满意", b, under="满意度指标") == "服务对象满意度"
    assert builtin_aliases().extended(None) is builtin_aliases()


def test_templates_use_the_config_aliases():
    t = load_templates(None, {"完成指标": "产出指标"})["2026"]
    assert t.category("完成指标") == "产出指标"
    assert load_templates()["2026"].category("完成指标") is None


@pytest.mark.parametrize("name, weight", [
    ("产出指标(50分)", Decimal(50)), ("效益指标（30%）", Decimal(30)), ("满意度指标(10)分", Decimal(10)),
    ("产出指标（分值：40）", Decimal(40)), ("产出指标", None), ("数量指标（必填）", None),
    ("成本指标(0-20)分", None),  # a range to choose within, not a weight
])
def test_note_weight(name, weight):
    assert note_weight(name) == weight


def test_values_get_the_same_folding():
    assert fold("應保盡保") == "应保尽保"
    assert fold("＞＝９０％") == ">=90%"
    assert fold("按时完成") == "按时完成"


def test_simplified_text_is_left_alone():
    """t2s would turn 打坏 into 打坯: a simplified text never reaches OpenCC."""
    assert names.simplified("设备打坏") == "设备打坏"
    assert names.simplified("滿意") == "满意"


def test_the_traditional_gate_holds_every_character_t2s_changes():
    opencc = pytest.importorskip("opencc")
    convert = opencc.OpenCC("t2s").convert
    missing = [chr(c) for c in range(0x4E00, 0xA000) if chr(c) not in names.TRADITIONAL and convert(chr(c)) != chr(c)]
    assert missing == []


# ---------------------------------------------------------------- templates

@pytest.mark.parametrize("level1, year, expected", [
    (["投入和管理目标", "产出目标", "效果目标"], 2021, "2018"),
    (["投入与管理", "产出目标", "效果目标", "影响力目标"], 2018, "2020"),
    (["产出目标", "效果目标"], 2020, "2020"),
    (["产出目标", "效果目标"], 2019, "2018"),
    (["影响力目标"], None, "2018"),
    (["成本指标", "产出指标", "效益指标", "满意度指标"], 2019, "2026"),
    (["产出指标", "效益指标", "满意度指标"], 2026, "2015"),
    (["一、产出指标(50分)", "二、效益指标(30分)"], 2023, "2015"),
    (["项目完成指标", "项目效益指标"], 2022, "2015"),
    (["其他"], 2021, "2026"),
    (["其他"], 2020, "2015"),
    ([], None, "2015"),
])
def test_first_level_names_decide(level1, year, expected):
    name, why = choose(None, level1, year)
    assert name == expected
    assert why["zh"] and why["en"] and why["zh"] != why["en"]


def test_the_file_template_wins_and_the_reason_quotes_the_names():
    assert choose("2020", ["成本指标"], 2026)[0] == "2020"
    assert choose(2018, [], None)[0] == "2018"
    assert "一、产出指标(50分)" in choose(None, ["一、产出指标(50分)"], 2023)[1]["zh"]


def _doc(text: str):
    return load_bytes(text.encode("utf-8"), display="t.yaml")


def test_document_template_and_reason():
    doc = _doc("year: 2023\nindicators:\n  - {level1: 產出指標, level2: 數量指標, name: x, value: '≥1(个)'}\n")
    assert doc.template == "2015"
    assert "產出指標" in doc.template_reason["zh"] and "88" in doc.template_reason["en"]


def test_an_empty_cost_category_of_the_form_makes_it_2026():
    doc = _doc("year: 2023\nindicators:\n  - {level1: 产出指标, level2: 数量指标, name: x, value: '≥1(个)'}\n"
               "form: {empty_categories: [{level1: 成本指标, level2: 经济成本指标}]}\n")
    assert doc.template == "2026"
    assert doc.empty_categories == (("成本指标", "经济成本指标"),)


def test_the_2015_template():
    t = load_templates()["2015"]
    assert t.required == ("产出指标", "效益指标")
    assert t.subcategory("效益指标", "服务对象满意度指标") == "服务对象满意度指标"
    assert t.subcategory("产出指标", "成本指标") == "成本指标"
    assert t.subcategory("效益指标", "社会公众或服务对象满意度指标") == "服务对象满意度指标"
    assert not t.cost and t.no_input_category and t.satisfaction_placement
