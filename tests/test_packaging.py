"""The wheel maps checks/ → lintgoals/checks and schemas/ → lintgoals/schemas,
and never ships a top-level `checks` package."""
import os
import subprocess
import sys
import zipfile

import pytest

from conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    p = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                        "-w", str(out), ROOT], capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr
    return next(out.glob("lintgoals-*.whl"))


def test_wheel_layout(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "lintgoals/checks/__init__.py" in names
    assert "lintgoals/checks/indicator_values.py" in names
    assert "lintgoals/schemas/format1.schema.json" in names
    assert "lintgoals/data/templates.yaml" in names
    assert not [n for n in names if n.startswith(("checks/", "schemas/", "tests/", "fixtures/"))]


def test_every_module_and_data_file_is_in_the_wheel(wheel):
    """`pip install .` (the README's first command) gets every subpackage and
    data file: a package missing from pyproject's list works only editable."""
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = []
    for folder, prefix in (("lintgoals", "lintgoals/"), ("checks", "lintgoals/checks/"), ("schemas", "lintgoals/schemas/")):
        top = os.path.join(ROOT, folder)
        for dirpath, dirs, files in os.walk(top):
            dirs[:] = [d for d in dirs if d != "__pycache__"]
            for f in files:
                if f.endswith(".pyc"):
                    continue
                rel = os.path.relpath(os.path.join(dirpath, f), top).replace(os.sep, "/")
                if prefix + rel not in names:
                    missing.append(prefix + rel)
    assert not missing, missing


def test_nothing_imports_checks_as_a_top_level_name():
    for folder in ("lintgoals", "checks"):
        for dirpath, _, files in os.walk(os.path.join(ROOT, folder)):
            for f in files:
                if f.endswith(".py"):
                    text = open(os.path.join(dirpath, f), encoding="utf-8").read()
                    assert "import checks" not in text and "from checks" not in text, f
