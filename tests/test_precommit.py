"""The real pre-commit, installing the hook from this repository, in a
throwaway git repository with a bad and a good table."""
import os
import shutil
import subprocess
import sys

import pytest

from conftest import FIXTURES, ROOT

PRE_COMMIT = shutil.which("pre-commit") or os.path.join(os.path.dirname(sys.executable), "pre-commit")


@pytest.mark.skipif(not os.path.exists(PRE_COMMIT), reason="pre-commit is a test dependency: pip install -e '.[test]'")
@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_pre_commit_hook_fails_on_the_bad_table_and_names_the_rule(tmp_path):
    repo = tmp_path / "forms"
    repo.mkdir()
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "cache"), GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@t",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@t")
    env.pop("LINTGOALS_LANG", None)

    def git(*args):
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=env)

    git("init", "-q")
    shutil.copy(os.path.join(FIXTURES, "seeds", "it-construction-2026.yaml"), repo / "bad.yaml")
    shutil.copy(os.path.join(FIXTURES, "clean", "remote-education-2026.yaml"), repo / "good.yaml")
    git("add", ".")

    def hook(*files):
        # try-repo installs the hook from this checkout, uncommitted changes included
        return subprocess.run([PRE_COMMIT, "try-repo", ROOT, "lintgoals", "--files", *files],
                              cwd=repo, capture_output=True, text=True, env=env, timeout=600)

    bad = hook("bad.yaml", "good.yaml")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "LG101" in bad.stdout and "bad.yaml" in bad.stdout
    good = hook("good.yaml")
    assert good.returncode == 0, good.stdout + good.stderr
