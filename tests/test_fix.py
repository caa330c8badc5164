"""`lintgoals fix`: text edits at the node, comments kept, atomic, idempotent."""
import json
import os
import stat
import subprocess
import sys
import textwrap

import pytest

from conftest import run_cli
from lintgoals.fix import FixError, write_atomic

TABLE = textwrap.dedent("""\
    # 2020 目标表 — comments must survive the fix
    year: 2020
    project:
      name: 电教远教工作经费   # 项目名称
    goals:
      overall: "<p>为党员教育提供有力支撑。</p>"
    indicators:
      - {level1: 效果目标, level2: 满意度, name: 平台使用满意度, value: ">=90%"}  # 平台使用满意度
      - level1: 产出目标
        level2: 成本
        name: 成本控制率
        value: <=100%    # 原表写法
""")


def write(tmp_path, text=TABLE, name="t.yaml"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_fix_rewrites_only_the_values_and_keeps_comments(tmp_path):
    p = write(tmp_path)
    code, out, err = run_cli("fix", str(p))
    assert code == 0, err
    text = p.read_text(encoding="utf-8")
    assert 'value: "≥90.00(%)"}  # 平台使用满意度' in text
    assert "value: ≤100.00(%)    # 原表写法" in text
    assert 'overall: "为党员教育提供有力支撑。"' in text
    assert text.startswith("# 2020 目标表 — comments must survive the fix\n")
    assert "name: 电教远教工作经费   # 项目名称" in text
    # only the fixed lines changed
    before, after = TABLE.splitlines(), text.splitlines()
    assert [i for i, (a, b) in enumerate(zip(before, after)) if a != b] == [5, 7, 11]


def test_fix_twice_changes_nothing_the_second_time(tmp_path):
    p = write(tmp_path)
    run_cli("fix", str(p))
    once = p.read_bytes()
    code, out, err = run_cli("fix", str(p))
    assert p.read_bytes() == once
    assert "0 处" in err


def test_diff_shows_without_writing(tmp_path):
    p = write(tmp_path)
    code, out, err = run_cli("fix", "--diff", str(p))
    assert code == 1
    assert '-  - {level1: 效果目标, level2: 满意度, name: 平台使用满意度, value: ">=90%"}' in out
    assert p.read_text(encoding="utf-8") == TABLE


def test_mode_kept_and_bom_kept(tmp_path):
    p = tmp_path / "t.yaml"
    p.write_bytes(b"\xef\xbb\xbf" + TABLE.replace("\n", "\r\n").encode("utf-8"))
    os.chmod(p, 0o640)
    code, _, err = run_cli("fix", str(p))
    assert code == 0, err
    data = p.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data and "≥90.00(%)".encode() in data
    assert stat.S_IMODE(os.stat(p).st_mode) == 0o640


def test_json_fix(tmp_path):
    doc = {"year": 2020, "project": {"name": "x"},
           "indicators": [{"level1": "效果目标", "level2": "满意度", "name": "平台使用满意度", "value": "＞＝90％"}]}
    p = write(tmp_path, json.dumps(doc, ensure_ascii=False, indent=2), "t.json")
    code, _, err = run_cli("fix", str(p))
    assert json.loads(p.read_text(encoding="utf-8"))["indicators"][0]["value"] == "≥90.00(%)"


def test_check_fix_then_reports_the_rest(tmp_path):
    p = write(tmp_path)
    code, out, _ = run_cli("check", "--fix", "--format", "json", str(p))
    codes = {f["code"] for f in json.loads(out)["findings"]}
    assert "LG209" not in codes and "LG502" not in codes
    assert "≥90.00(%)" in p.read_text(encoding="utf-8")


def test_refuses_when_the_file_changed_since_read(tmp_path):
    p = write(tmp_path)
    original = p.read_bytes()
    p.write_text(TABLE + "# edited meanwhile\n", encoding="utf-8")
    with pytest.raises(FixError):
        write_atomic(str(p), "replaced", original)
    assert p.read_text(encoding="utf-8").endswith("# edited meanwhile\n")
    assert [f for f in os.listdir(tmp_path) if "lintgoals-tmp" in f] == []


def test_killed_mid_write_leaves_the_original_or_the_fixed_file(tmp_path):
    """A process killed while writing never leaves a partial file."""
    p = write(tmp_path)
    script = textwrap.dedent(f"""
        import os, signal
        import lintgoals.fix as fx
        real_fsync = os.fsync
        def die(fd):
            os.kill(os.getpid(), signal.SIGKILL)   # killed after writing the temp file, before the rename
        os.fsync = die
        fx.write_atomic({str(p)!r}, "x" * 100000, open({str(p)!r}, "rb").read())
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True)
    assert proc.returncode != 0
    assert p.read_text(encoding="utf-8") == TABLE
    code, out, _ = run_cli("fix", str(p))
    assert "≥90.00(%)" in p.read_text(encoding="utf-8")


def test_init_writes_a_valid_starter_config(tmp_path):
    code, out, err = run_cli("init", str(tmp_path))
    assert code == 0, err
    assert (tmp_path / ".lintgoals.yaml").exists() and (tmp_path / ".pre-commit-config.yaml").exists()
    write(tmp_path, open(os.path.join(os.path.dirname(__file__), "..", "fixtures", "clean", "remote-education-2026.yaml"),
                         encoding="utf-8").read())
    code, out, err = run_cli("check", str(tmp_path))
    assert code == 0, out + err
    code, _, err = run_cli("init", str(tmp_path))
    assert code == 2 and "--force" in err
