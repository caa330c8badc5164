import os
import sys

import pytest

HERE = os.path.dirname(__file__)
ROOT = os.path.dirname(HERE)
FIXTURES = os.path.join(ROOT, "fixtures")
_SESSION_CACHE = os.path.join(__import__("tempfile").mkdtemp(prefix="lintgoals-test-cache-"))


def run_cli(*args, cwd=None, env=None):
    """Run the installed CLI in-process-free (a real subprocess), return (code, stdout, stderr)."""
    import subprocess

    full_env = dict(os.environ)
    full_env.pop("LINTGOALS_LANG", None)
    # the tests read Chinese, the default: a developer's own locale (LANG=en_US, LANGUAGE=en) must not change it
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        full_env.pop(name, None)
    full_env["LANG"] = "C.UTF-8"
    # one cache for the session, outside the checkout (tests that study the cache set their own)
    full_env.setdefault("LINTGOALS_CACHE_DIR", _SESSION_CACHE)
    full_env.update(env or {})
    p = subprocess.run([sys.executable, "-m", "lintgoals.cli", *args], capture_output=True, text=True,
                       cwd=cwd, env=full_env, timeout=120)
    return p.returncode, p.stdout, p.stderr


@pytest.fixture
def cli():
    return run_cli
