"""The target transformers version from the project's own pins, end to end through the CLI."""

import subprocess
import sys

import pytest

from tf_lint.knowledge import store
from tf_lint.target import declared_for

CODE = ('from transformers import TFAutoModel, TrainingArguments\n\n'
        'args = TrainingArguments(output_dir="o", evaluation_strategy="epoch")\n'
        'model = TFAutoModel.from_pretrained("bert-base-uncased")\n')


def _run(cwd, *args):
    done = subprocess.run([sys.executable, "-m", "tf_lint", "--no-cache", *args], cwd=cwd,
                          capture_output=True, text=True)
    return done.returncode, done.stdout


def test_every_bundled_release_loads():
    versions = store.bundled_versions()
    assert versions[0] == "4.30.2" and len(versions) >= 54
    for version in versions:
        data = store.load_snapshot(version)
        assert data["version"] == version and data["exports"] and data["training_arguments"]


def test_exact_pin_in_requirements_passes_valid_code_and_fix_keeps_it(tmp_path):
    (tmp_path / "requirements.txt").write_text("torch\ntransformers==4.40.2\n")
    (tmp_path / "train.py").write_text(CODE)
    assert _run(tmp_path, "train.py") == (0, "All checks passed!\n")
    _run(tmp_path, "--fix", "--unsafe-fixes", "train.py")
    assert (tmp_path / "train.py").read_text() == CODE
    code, out = _run(tmp_path, "--show-settings", "train.py")
    assert "target-transformers-version = 4.40.2 (requirements.txt:2;" in out


def test_pin_in_pyproject_reports_the_removed_keyword_only(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\ndependencies = ["transformers==4.57.1"]\n')
    (tmp_path / "train.py").write_text(CODE)
    code, out = _run(tmp_path, "--quiet", "train.py")
    assert code == 1 and "TFL502" in out and "evaluation_strategy" in out and "TFL501" not in out


def test_range_reports_what_an_allowed_release_lacks(tmp_path):
    (tmp_path / "requirements-base.txt").write_text("transformers>=4.38,<5\n")
    (tmp_path / "requirements.txt").write_text("-r requirements-base.txt\n")
    (tmp_path / "train.py").write_text(CODE.replace("evaluation_strategy", "eval_strategy"))
    code, out = _run(tmp_path, "--quiet", "train.py")
    assert "`eval_strategy` is not accepted before 4.41" in out and "allows 4.38.2" in out
    assert "TFL501" not in out  # TFAutoModel exists in every 4.x release


@pytest.mark.parametrize("name, text, expected", [
    ("uv.lock", '[[package]]\nname = "transformers"\nversion = "4.44.2"\n', "==4.44.2"),
    ("pyproject.toml", '[tool.poetry.dependencies]\ntransformers = "^4.40"\n', "<5,>=4.40"),
    ("setup.cfg", "[options]\ninstall_requires =\n    transformers>=4.50,<4.52\n", "<4.52,>=4.50"),
    ("setup.py", 'from setuptools import setup\nsetup(install_requires=["transformers==4.36.2"])\n', "==4.36.2"),
])
def test_declared_requirement_sources(tmp_path, name, text, expected):
    (tmp_path / name).write_text(text)
    (tmp_path / "pkg").mkdir()
    found = declared_for(str(tmp_path / "pkg"))
    assert found is not None and found.specifier == expected and found.releases


SETUP_CONSTANTS = [
    # a module-level constant list
    ('REQUIRED_PKGS = [\n    "torch",\n    "transformers==4.36.2",\n]\n'
     'setup(name="x", install_requires=REQUIRED_PKGS)\n',
     "==4.36.2", 3),
    # an annotated constant, and a string of requirement lines
    ('REQUIRES: str = """\ntorch\ntransformers>=4.40,<4.42  # pinned\n"""\nsetup(install_requires=REQUIRES)\n',
     "<4.42,>=4.40", 3),
    # lists joined with +, one of them a constant
    ('BASE = ["numpy"]\nHF = ["transformers~=4.44.0"]\nsetup(install_requires=BASE + HF + ["tqdm"])\n',
     "~=4.44.0", 2),
    # extras_require given a dict constant whose values are constants
    ('TRAIN = ["transformers==4.48.3"]\nEXTRAS = {"train": TRAIN, "dev": ["pytest"]}\n'
     'setup(install_requires=["numpy"], extras_require=EXTRAS)\n', "==4.48.3", 1),
]


# transformers' own setup.py idiom (alignment-handbook, diffusers and others copy it): a table built from the
# requirement list by re.findall, and install_requires picking entries by name.
SETUP_TABLE = (
    'import re\n_deps = [\n    "torch>=2.0",\n    "transformers>=4.53.3",\n]\n'
    'deps = {b: a for a, b in (re.findall(r"^(([^!=<>~ ]+)(?:[!=<>~ ].*)?$)", x)[0] for x in _deps)}\n'
    'install_requires = [deps["torch"], deps["transformers"]]\n'
    'setup(install_requires=install_requires)\n')
SETUP_CONSTANTS.append((SETUP_TABLE, ">=4.53.3", 4))


@pytest.mark.parametrize("body, expected, line", SETUP_CONSTANTS)
def test_setup_py_constants_are_read_never_run(tmp_path, body, expected, line):
    # Running this file would raise: the requirement is read from its syntax only.
    (tmp_path / "setup.py").write_text("from setuptools import setup\nraise SystemExit('never run')\n" + body)
    found = declared_for(str(tmp_path))
    assert found is not None and found.specifier == expected and found.releases
    assert found.source.endswith(f"setup.py:{line + 2}")


@pytest.mark.parametrize("body", [
    # the table idiom, but a filter, a rebound `re`, or a key the table does not hold: not evaluated
    SETUP_TABLE.replace("for x in _deps)}", "for x in _deps) if b}"),
    SETUP_TABLE.replace("import re\n", "import re\nre = object()\n"),
    SETUP_TABLE.replace('deps["transformers"]]', 'deps["transformer"]]'),
    # bound twice: which list setup() sees depends on how the file runs
    'REQS = ["transformers==4.36.2"]\nif FAST:\n    REQS = ["transformers==4.40.2"]\nsetup(install_requires=REQS)\n',
    # computed, not constant
    'REQS = open("requirements.txt").read().splitlines()\nsetup(install_requires=REQS)\n',
    # rebound by a loop
    'REQS = ["transformers==4.36.2"]\nfor REQS in (["transformers==4.40.2"],):\n    pass\n'
    'setup(install_requires=REQS)\n',
    # a name bound only inside a function is not the module's constant
    'def reqs():\n    REQS = ["transformers==4.36.2"]\n    return REQS\nsetup(install_requires=REQS)\n',
])
def test_setup_py_values_that_are_not_module_constants_declare_nothing(tmp_path, body):
    (tmp_path / "setup.py").write_text("from setuptools import setup\n" + body)
    assert declared_for(str(tmp_path)) is None


def test_unversioned_requirement_declares_nothing(tmp_path):
    (tmp_path / "requirements.txt").write_text("transformers\n")
    assert declared_for(str(tmp_path)) is None


def test_explicit_target_wins_over_the_pin(tmp_path):
    (tmp_path / "requirements.txt").write_text("transformers==4.40.2\n")
    (tmp_path / "train.py").write_text(CODE)
    code, out = _run(tmp_path, "--quiet", "--target-transformers-version", "5.24", "train.py")
    assert "TFL501" in out


def test_without_pin_or_installed_transformers_the_newest_bundled_release(tmp_path):
    """The hook-venv case: transformers hidden from ``find_spec`` (the shared test venv has it installed)."""
    (tmp_path / "train.py").write_text(CODE)
    hide = ("import sys, importlib.util as u; real = u.find_spec; "
            "u.find_spec = lambda name, *a: None if name == 'transformers' else real(name, *a); "
            "from tf_lint.cli import main; sys.exit(main(sys.argv[1:]))")
    done = subprocess.run([sys.executable, "-c", hide, "--no-cache", "--show-settings", "train.py"], cwd=tmp_path,
                          capture_output=True, text=True)
    newest = store.bundled_versions()[-1]
    assert f"target-transformers-version = {newest} (no transformers installed" in done.stdout, done.stdout


def test_result_cache_follows_the_pin(tmp_path):
    (tmp_path / "requirements.txt").write_text("transformers==4.40.2\n")
    (tmp_path / "train.py").write_text(CODE)
    run = [sys.executable, "-m", "tf_lint", "--quiet", "train.py"]
    assert subprocess.run(run, cwd=tmp_path, capture_output=True).returncode == 0
    (tmp_path / "requirements.txt").write_text("transformers==5.24.0\n")
    assert subprocess.run(run, cwd=tmp_path, capture_output=True).returncode == 1
