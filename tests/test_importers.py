"""Importers: every seed table reads, rows match the transcribed fixtures,
import → check equals check of the form, and bad forms are LG001."""
import json
import re
import os
import shutil
from collections import Counter

import pytest
import yaml

from conftest import FIXTURES, run_cli
from lintgoals.importers import load_form, read_tables
from lintgoals.importers.emit import file_names

FORMS = os.path.join(FIXTURES, "forms")
SEEDS = os.path.join(FIXTURES, "seeds")
# the forms and, in order, the hand-transcribed fixture of each table
TABLES = {
    "2026-申报表": ["party-service-2026", "remote-education-2026", "remote-network-om-2026", "it-construction-2026", "it-om-2026"],
    "2018-申报表": ["remote-network-om-2018", "conference-system-om-2018", "cadre-assessment-2018", "online-learning-2018"],
    "2020-目标表-a": ["remote-education-2020", "remote-network-2020", "remote-network-om-2020"],
    "2020-目标表-b": ["online-learning-2020"],
}
FILES = [(f"{stem}.{ext}", fixtures) for stem, fixtures in TABLES.items() for ext in ("txt", "xlsx", "docx")
         if os.path.exists(os.path.join(FORMS, f"{stem}.{ext}"))]


def rows_of(data):
    return [(r.get("level1", ""), r.get("level2", ""), r["name"], str(r["value"])) for r in data["indicators"]]


@pytest.mark.parametrize("name,fixtures", FILES, ids=[f for f, _ in FILES])
def test_indicator_rows_match_the_form(name, fixtures):
    tables = read_tables(os.path.join(FORMS, name))
    assert len(tables) == len(fixtures)
    total = matched = 0
    unrecovered = []
    for table, fixture in zip(tables, fixtures):
        want = yaml.safe_load(open(os.path.join(SEEDS, f"{fixture}.yaml"), encoding="utf-8"))
        got = rows_of(table.data)
        for row in rows_of(want):
            total += 1
            if row[2:] in [g[2:] for g in got]:  # name and value
                matched += 1
            else:
                unrecovered.append((fixture, row))
        assert table.data["project"]["name"] == want["project"]["name"]
        assert table.data["year"] == want["year"]
    rate = matched / total
    if name.startswith("2026"):
        assert rate == 1.0, unrecovered
    else:  # text of PDF-wrapped forms: at least 95 %
        assert rate >= 0.95, unrecovered
    # today every row is recovered, levels included; keep it that way
    assert unrecovered == []


def _codes(findings):
    return Counter((f["code"], f["path"]) for f in findings)


@pytest.mark.parametrize("name,fixtures", FILES, ids=[f for f, _ in FILES])
def test_import_then_check_equals_check_of_the_form(name, fixtures, tmp_path):
    form = os.path.join(FORMS, name)
    code, out, err = run_cli("import", form, "-o", str(tmp_path) + "/")
    assert code == 0, err
    direct = json.loads(run_cli("check", "--format", "json", form)[1])["findings"]
    written = file_names(read_tables(form), name)  # after each table's project, in table order
    assert sorted(written) == sorted(os.listdir(tmp_path)) and len(written) == len(fixtures)
    for i, yml in enumerate(written, 1):
        via_yaml = json.loads(run_cli("check", "--format", "json", str(tmp_path / yml))[1])["findings"]
        display = f"{form}#{i}" if len(fixtures) > 1 else form
        assert _codes(via_yaml) == _codes([f for f in direct if f["file"] == display]), yml


def test_imported_yaml_is_human_friendly(tmp_path):
    code, _, err = run_cli("import", os.path.join(FORMS, "2026-申报表.xlsx"), "-o", str(tmp_path) + "/")
    text = (tmp_path / "党员远教电教工作经费.yaml").read_text(encoding="utf-8")  # named after the project
    keys = [l.split(":")[0] for l in text.splitlines() if l and not l.startswith(("#", " "))]
    assert keys == ["lintgoals", "template", "year", "project", "budget", "goals", "indicators", "form"]
    assert "党员远教电教工作经费" in text  # Chinese as is
    assert '- {level1: 产出指标, level2: 数量指标, name: 各类直播等录制次数, value: ≥50(次)}  # E14' in text
    data = yaml.safe_load(text)
    assert data["budget"]["current_year"] in ("4818000", 4818000, "4,818,000.00")


def test_findings_on_a_form_name_the_cell():
    code, out, _ = run_cli("check", "--format", "json", os.path.join(FORMS, "2026-申报表.xlsx"))
    found = json.loads(out)["findings"]
    lg101 = next(f for f in found if f["code"] == "LG101")
    assert lg101["file"].endswith("2026-申报表.xlsx#4") and lg101["cell"] and lg101["line"] > 0
    vague = next(f for f in found if f["code"] == "LG201" and f["file"].endswith("#2"))
    assert vague["cell"] == "E20" and (vague["line"], vague["column"]) == (20, 5)
    code, out, _ = run_cli("check", os.path.join(FORMS, "2026-申报表.xlsx"))
    # a form's finding is placed by its cell, as the clerk finds it in Excel
    assert re.search(r"^E20\s+警告\s+LG201", out, re.M), out
    code, out, _ = run_cli("check", "--format", "sarif", os.path.join(FORMS, "2026-申报表.docx"))
    result = json.loads(out)["runs"][0]["results"][0]
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1 and result["properties"]["cell"]


def test_text_locations_are_line_and_column():
    docs = load_form(os.path.join(FORMS, "2020-目标表-a.txt"), "a.txt")
    loc = docs[0].locate("/indicators/1/value")
    text = open(os.path.join(FORMS, "2020-目标表-a.txt"), encoding="utf-8").read().splitlines()
    assert text[loc.line - 1][loc.column - 1:].startswith("=100%")


def test_not_a_target_table_spreadsheet(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = "工资表"
    wb.active["A1"] = "姓名"
    wb.save(tmp_path / "salaries.xlsx")
    code, out, err = run_cli("check", "--format", "json", str(tmp_path / "salaries.xlsx"))
    f = json.loads(out)["findings"]
    assert code == 1 and [x["code"] for x in f] == ["LG001"]
    assert "财政项目支出绩效目标申报表" in f[0]["message"] and "工资表" in f[0]["message"]


@pytest.mark.parametrize("name,data,word", [
    ("locked.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "加密"),
    ("broken.docx", b"PK\x03\x04 this is not really a zip", "损坏"),
    ("notes.txt", "会议纪要\n一、……\n".encode("utf-8"), "没有认出绩效目标表"),
])
def test_bad_forms_are_lg001_with_a_helpful_message(tmp_path, name, data, word):
    p = tmp_path / name
    p.write_bytes(data)
    code, out, err = run_cli("check", "--format", "json", str(p))
    f = json.loads(out)["findings"]
    assert [x["code"] for x in f] == ["LG001"] and word in f[0]["message"], f
    assert "Traceback" not in err


def test_folder_walk_takes_forms_but_not_ordinary_text(tmp_path):
    shutil.copy(os.path.join(FORMS, "2026-申报表.txt"), tmp_path / "form.txt")
    (tmp_path / "README.txt").write_text("说明文字", encoding="utf-8")
    code, out, _ = run_cli("check", "--format", "json", str(tmp_path))
    data = json.loads(out)
    assert data["summary"]["files"] == 1
    assert all("form.txt" in f["file"] for f in data["findings"])


def test_every_seed_text_imports():
    for stem in TABLES:
        assert read_tables(os.path.join(FORMS, f"{stem}.txt"))
