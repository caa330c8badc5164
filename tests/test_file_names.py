"""File names that no output can print as they are (issue 16): bytes that are
not UTF-8, newline, tab, ':', ',', '%' and a bidi control. Every format stays
valid, names every file (escaped like `ls -b`), and reports all of them."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.dom.minidom

import pytest

HERE = os.path.dirname(__file__)
CLEAN = os.path.join(HERE, "..", "fixtures", "clean", "remote-education-2026.yaml")
NAMES = [b"bad\xff\xfe.yaml", b"new\nline.yaml", b"tab\there.yaml", b"a:b,c%d.yaml", "bidi\u202eevil.yaml".encode()]
SHOWN = ["bad\\xff\\xfe.yaml", "new\\nline.yaml", "tab\\there.yaml", "a:b,c%d.yaml", "bidi\\u202eevil.yaml"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    base = tmp_path_factory.mktemp("w") / "names"
    base.mkdir()
    data = open(CLEAN, "rb").read().replace(b"indicators:", "indicators:\n  - {level1: 产出指标, level2: 质量指标, name: 运行质量, value: 满足}".encode(), 1)
    try:
        for n in NAMES:
            with open(os.path.join(os.fsencode(str(base)), n), "wb") as fh:
                fh.write(data)
    except OSError:
        pytest.skip("this file system refuses such names")
    return base


def run(folder, fmt, to_file=None):
    args = [sys.executable, "-m", "lintgoals", "check", "names", "--no-cache", "--format", fmt]
    if to_file:
        args += ["--output", to_file]
    p = subprocess.run(args, cwd=os.path.dirname(folder), capture_output=True, env=dict(os.environ, LINTGOALS_LANG="zh"))
    assert p.returncode in (0, 1), p.stderr.decode("utf-8", "replace")
    out = open(to_file, "rb").read() if to_file else p.stdout
    return out.decode("utf-8")  # never undecodable bytes


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "gitlab", "junit"])
@pytest.mark.parametrize("where", ["stdout", "file"])
def test_every_format_stays_valid_and_names_every_file(folder, fmt, where, tmp_path):
    out = run(str(folder), fmt, str(tmp_path / "out") if where == "file" else None)
    assert "\ud800" not in out
    if fmt == "json":
        files = {f["file"] for f in json.loads(out)["findings"]}
        assert files == {"names/" + s for s in SHOWN}
    elif fmt == "gitlab":
        assert {f["location"]["path"] for f in json.loads(out)} == {"names/" + s for s in SHOWN}
    elif fmt == "sarif":
        uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in json.loads(out)["runs"][0]["results"]}
        assert len(uris) == len(NAMES) and all(":" not in u and "\\" not in u and " " not in u for u in uris)
    elif fmt == "junit":
        xml.dom.minidom.parseString(out.encode("utf-8"))
        for s in SHOWN:
            assert s.replace("&", "&amp;") in out
    elif fmt == "github":
        lines = [ln for ln in out.splitlines() if ln.startswith("::")]
        assert len(lines) == len(NAMES) and all(ln.count("::") == 2 for ln in lines)
        assert "file=names/a%3Ab%2Cc%25d.yaml," in out
    else:
        for s in SHOWN:
            assert s in out
        assert "\n" not in "".join(ln for ln in out.splitlines() if "new" in ln and "line.yaml" not in ln)
