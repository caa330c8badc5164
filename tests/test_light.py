"""Start-up stays light: what `import lintgoals` and a one-file check load."""
import json
import subprocess
import sys

from conftest import FIXTURES

PROBE = """
import json, sys
sys.argv = ["lintgoals", "check", "-q", "--no-cache", %r]
from lintgoals.cli import main
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def _modules(code):
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    return set(json.loads(p.stderr.strip().splitlines()[-1]))


def test_import_lintgoals_is_light():
    mods = _modules("import json, sys, lintgoals; print(json.dumps(sorted(sys.modules)), file=sys.stderr)")
    heavy = {"typer", "rich", "jsonschema", "cerberus", "tabulate", "openpyxl", "docx", "yaml", "lintgoals.formatters",
             "lintgoals.importers"}
    assert not heavy & mods


def test_one_file_check_loads_no_formatter_importer_or_rich():
    mods = _modules(PROBE % f"{FIXTURES}/clean/remote-education-2026.yaml")
    assert "lintgoals.runner" in mods  # the probe ran
    for name in ("rich", "openpyxl", "docx", "lintgoals.importers", "jsonschema", "cerberus", "tabulate",
                 "lintgoals.formatters.sarif_format", "lintgoals.formatters.junit_format", "concurrent.futures.process",
                 "pydantic"):
        assert name not in mods, name
