"""The pre-commit hook, run for real: pre-commit installs this project from a git repository into its own
virtual environment (offline, from the configured package index) and runs ``tf-lint`` on a temporary
repository. Slow (the first run builds the environment, ~20 s here); the environment is shared by the tests
of this module."""

import os
import shutil
import subprocess
import sys

import pytest

from lint_samples import BAD_SAVE, GOOD_SAVE, ROOT, TF_TARGET

pytest.importorskip("pre_commit")
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

# What `pip install` of the hook repository needs: the package and its metadata.
_PROJECT_FILES = ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "tf_lint")


def _git(*args, cwd):
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.com")
    return subprocess.run(["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args],
                          cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory):
    """A git repository holding this working tree's package (committed or not) and its hook manifest."""
    repo = tmp_path_factory.mktemp("hook-repo")
    for name in _PROJECT_FILES:
        source = os.path.join(ROOT, name)
        if os.path.isdir(source):
            shutil.copytree(source, repo / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(source, repo / name)
    _git("init", "-q", cwd=repo)
    _git("add", "-A", cwd=repo)
    _git("commit", "-q", "-m", "hook", cwd=repo)
    return repo, _git("rev-parse", "HEAD", cwd=repo)


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory):
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def project(tmp_path, hook_repo, pre_commit_home):
    """A git repository using the hook; returns a function that runs pre-commit on all its files."""
    repo_path, rev = hook_repo
    work = tmp_path / "project"
    work.mkdir()
    _git("init", "-q", cwd=work)
    # The samples are TensorFlow code: the project targets transformers 4.x.
    (work / "pyproject.toml").write_text(f'[tool.tf-lint]\ntarget-transformers-version = "{TF_TARGET}"\n')

    def run(files, args=None):
        for name, text in files.items():
            (work / name).write_text(text)
        hook = "    -   id: tf-lint\n" + (f"        args: {args}\n" if args else "")
        (work / ".pre-commit-config.yaml").write_text(
            f"repos:\n-   repo: {repo_path.as_uri()}\n    rev: {rev}\n    hooks:\n{hook}")
        _git("add", "-A", cwd=work)
        env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
        env["PRE_COMMIT_HOME"] = str(pre_commit_home)
        env["PRE_COMMIT_COLOR"] = "never"
        result = subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"],
                                cwd=work, env=env, capture_output=True, text=True, timeout=600)
        return result.returncode, result.stdout + result.stderr

    run.path = work
    return run


def test_hook_manifest():
    yaml = pytest.importorskip("yaml")
    with open(os.path.join(ROOT, ".pre-commit-hooks.yaml"), encoding="utf-8") as f:
        (hook,) = yaml.safe_load(f)
    assert hook["id"] == "tf-lint" and hook["name"] == "tf-lint" and hook["entry"] == "tf-lint"
    assert hook["language"] == "python"
    assert hook["types_or"] == ["python", "jupyter"]
    assert hook["require_serial"] is False


def test_hook_passes_on_a_good_file(project):
    status, output = project({"train.py": GOOD_SAVE})
    assert status == 0, output
    assert "tf-lint" in output and "Passed" in output


def test_hook_fails_on_a_bad_file(project):
    status, output = project({"good.py": GOOD_SAVE, "train.py": BAD_SAVE})
    assert status == 1, output
    assert "Failed" in output and "train.py:4:1: TFL201" in output
    assert (project.path / "train.py").read_text() == BAD_SAVE


def test_hook_with_fix_fixes_the_file_and_fails_because_it_changed(project):
    status, output = project({"train.py": BAD_SAVE}, args="[--fix]")
    assert status == 1, output
    assert "files were modified by this hook" in output
    assert (project.path / "train.py").read_text() == GOOD_SAVE
    status, output = project({}, args="[--fix]")
    assert status == 0, output


# 4.40-valid code that the newest transformers rejects (TFL501, TFL502 against 5.x).
PINNED_4_40 = ('from transformers import TFAutoModel, TrainingArguments\n\n'
               'args = TrainingArguments(output_dir="out", evaluation_strategy="epoch")\n'
               'model = TFAutoModel.from_pretrained("bert-base-uncased")\n')


def test_hook_judges_a_pinned_project_by_its_pin(project):
    """The hook's venv has no transformers: the project's requirements.txt sets the target, not the newest
    bundled release; the fix leaves the 4.40-valid code alone."""
    (project.path / "pyproject.toml").unlink()
    status, output = project({"requirements.txt": "transformers==4.40.2\n", "train.py": PINNED_4_40},
                             args="[--fix, --unsafe-fixes]")
    assert status == 0, output
    assert (project.path / "train.py").read_text() == PINNED_4_40
    status, output = project({"requirements.txt": "transformers==5.24.0\n"})
    assert status == 1 and "TFL501" in output and "TFL502" in output, output
