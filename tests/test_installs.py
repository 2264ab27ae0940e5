"""What a notebook's install cells and a page's install blocks install, and how that sets the
transformers release the file is judged by (issue 21): nearer than the project's files, overridden only
by ``--target-transformers-version`` on the command line."""

import json
import subprocess
import sys

import pytest

from tf_lint.installs import installs_in_line
from tf_lint.knowledge import store
from tf_lint.sources import read_source
from tf_lint.target import installed_by_file


def _parsed(line):
    return [(i.package, i.specifier, i.newest, i.requirement_file) for i in installs_in_line(line, "cell 1")]


@pytest.mark.parametrize("line, expected", [
    ("!pip install -q transformers==4.56.2 datasets",
     [("transformers", "==4.56.2", False, ""), ("datasets", "", False, "")]),
    ('%pip install -qU "transformers>=4.40,<5"', [("transformers", "<5,>=4.40", False, "")]),
    ("!pip3 install transformers~=4.46.0", [("transformers", "~=4.46.0", False, "")]),
    ("!pip install --upgrade transformers", [("transformers", "", True, "")]),
    ("!pip install -U -q transformers[torch]", [("transformers", "", True, "")]),
    ("!pip install transformers", [("transformers", "", False, "")]),  # keeps what is installed
    ("!uv pip install --system transformers==4.48.3", [("transformers", "==4.48.3", False, "")]),
    ("!python -m pip install transformers==4.41.0", [("transformers", "==4.41.0", False, "")]),
    ("!{sys.executable} -m pip install transformers==4.41.0", [("transformers", "==4.41.0", False, "")]),
    ("%conda install -c conda-forge transformers=4.40", [("transformers", "==4.40.*", False, "")]),
    ("%conda install transformers=4.40.2 -y", [("transformers", "==4.40.2", False, "")]),
    ("!pip install git+https://github.com/huggingface/transformers.git@v4.49.0",
     [("transformers", "==4.49.0", False, "")]),
    ("!pip install git+https://github.com/huggingface/transformers", [("transformers", "", True, "")]),
    ('!pip install "transformers @ git+https://github.com/huggingface/transformers@main"',
     [("transformers", "", True, "")]),
    ("!pip install git+https://github.com/huggingface/transformers@3f06f95", [("transformers", "", False, "")]),
    ("!pip install https://example.org/w/transformers-4.38.2-py3-none-any.whl",
     [("transformers", "==4.38.2", False, "")]),
    ("!pip install -r requirements.txt", [("", "", False, "requirements.txt")]),
    ("!pip install -q datasets && pip install transformers==4.44.0",
     [("datasets", "", False, ""), ("transformers", "==4.44.0", False, "")]),
    ("!pip install --index-url https://download.pytorch.org/whl/cu121 torch", [("torch", "", False, "")]),
    ("!pip install transformers=={version}", []),  # IPython expands the variable when the cell runs
    ("!pip install transformers==$VERSION", []),
    ("!pip show transformers", []),
    ('!echo "pip install transformers==4.1.0"', []),
    ("!pip install 'transformers==4.40.0", []),  # an open quote: not a command shlex can read
])
def test_install_commands(line, expected):
    assert _parsed(line) == expected


def _notebook(path, *cells, metadata=None):
    nb = {"cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source": c}
                    for c in cells],
          "metadata": metadata or {"language_info": {"name": "python"}}, "nbformat": 4, "nbformat_minor": 5}
    path.write_text(json.dumps(nb, indent=1))
    return path


def _declared(path):
    source = read_source(str(path), path.read_bytes())
    return installed_by_file(source.installs, str(path.parent), source.kind)


def test_notebook_install_cell_declares_the_release(tmp_path):
    nb = _notebook(tmp_path / "nb.ipynb", "# setup\n!pip install -q transformers==4.56.2 datasets\n",
                   "import transformers\n")
    declared = _declared(nb)
    assert declared.specifier == "==4.56.2" and declared.source == "cell 1" and declared.releases
    assert declared.said() == "your notebook installs `transformers==4.56.2` (cell 1)"


@pytest.mark.parametrize("cell", [
    "%%bash\npip install transformers==4.40.2\n",
    "%%capture\n!pip install transformers==4.40.2\n",
    "pip install transformers==4.40.2",  # one line: IPython's automagic runs it
    "!pip install \\\n    transformers==4.40.2 \\\n    datasets\n",
])
def test_notebook_install_forms(tmp_path, cell):
    assert _declared(_notebook(tmp_path / "nb.ipynb", cell)).specifier == "==4.40.2"


def test_notebook_python_line_naming_pip_is_not_an_install(tmp_path):
    nb = _notebook(tmp_path / "nb.ipynb", 'cmd = "pip install transformers==4.40.2"\nprint(cmd)\n')
    assert _declared(nb) is None


def test_the_last_declaring_install_wins(tmp_path):
    nb = _notebook(tmp_path / "nb.ipynb", "!pip install transformers==4.40.2\n",
                   "!pip install -U transformers\n", "!pip install transformers\n")
    declared = _declared(nb)
    assert declared.source == "cell 2" and declared.releases == (store.bundled_versions()[-1],)
    assert declared.said() == "your notebook installs the newest `transformers` (cell 2)"


def test_requirement_file_of_the_notebook_folder(tmp_path):
    (tmp_path / "requirements.txt").write_text("torch\ntransformers>=4.38,<4.40\n")
    declared = _declared(_notebook(tmp_path / "nb.ipynb", "!pip install -r requirements.txt\n"))
    assert declared.specifier == "<4.40,>=4.38" and declared.source.startswith("cell 1, ")
    assert declared.source.endswith("requirements.txt:2") and declared.text == "transformers>=4.38,<4.40"
    assert [store.version_tuple(v)[:2] for v in declared.releases] == [(4, 38), (4, 39)]


def test_page_install_block(tmp_path):
    page = tmp_path / "guide.md"
    page.write_text("# Guide\n\n```bash\n$ pip install transformers==4.44.2 accelerate\n```\n\n"
                    "```python\nfrom transformers import pipeline\n```\n")
    declared = _declared(page)
    assert declared.said() == "your page installs `transformers==4.44.2` (line 4)"


def test_page_python_block_with_notebook_install_line(tmp_path):
    page = tmp_path / "guide.md"
    page.write_text("```python\n!pip install -q transformers==4.44.2\nimport transformers\n```\n")
    assert _declared(page).specifier == "==4.44.2"


def test_page_prose_and_output_blocks_install_nothing(tmp_path):
    page = tmp_path / "guide.md"
    page.write_text("Run pip install transformers==4.44.2 first.\n\n```python out\n"
                    "!pip install transformers==4.44.2\n```\n\n```yaml\npip install transformers==4.44.2\n```\n")
    assert _declared(page) is None


CODE = ('from transformers import TrainingArguments\n'
        'args = TrainingArguments("o", evaluation_strategy="epoch")\n')


def _run(cwd, *args):
    done = subprocess.run([sys.executable, "-m", "tf_lint", "--no-cache", *args], cwd=cwd,
                          capture_output=True, text=True)
    return done.returncode, done.stdout


def test_notebook_pin_wins_over_the_project_and_its_configuration(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\ndependencies = ["transformers==5.24.0"]\n'
                                             '[tool.tf-lint]\ntarget-transformers-version = "5.24"\n')
    _notebook(tmp_path / "nb.ipynb", "!pip install transformers==4.40.2\n", CODE)
    (tmp_path / "train.py").write_text(CODE)
    code, out = _run(tmp_path, "nb.ipynb", "train.py")
    assert "nb.ipynb" not in out and "train.py:2" in out and code == 1
    _, shown = _run(tmp_path, "--show-settings", "nb.ipynb")
    assert "= 4.40.2 (your notebook installs `transformers==4.40.2` (cell 1); checked with 4.40.2)" in shown


def test_command_line_target_wins_over_the_notebook(tmp_path):
    _notebook(tmp_path / "nb.ipynb", "!pip install transformers==4.40.2\n", CODE)
    code, out = _run(tmp_path, "--target-transformers-version", "5.24", "nb.ipynb")
    assert code == 1 and "TFL502" in out and "your notebook" not in out


def test_notebook_pin_message_names_the_cell(tmp_path):
    _notebook(tmp_path / "nb.ipynb", "!pip install -q transformers==4.40.2\n",
              CODE.replace("evaluation_strategy", "eval_strategy"))
    code, out = _run(tmp_path, "nb.ipynb")
    assert code == 1 and "not accepted before 4.41; your notebook installs `transformers==4.40.2` (cell 1)" in out


def test_fix_of_a_pinned_notebook_is_valid_on_its_release(tmp_path):
    """On 5.x the rename is a safe fix; pinned to 4.40.2 the old keyword is right and nothing changes."""
    nb = _notebook(tmp_path / "nb.ipynb", "!pip install transformers==4.40.2\n", CODE)
    before = nb.read_text()
    _run(tmp_path, "--fix", "--unsafe-fixes", "nb.ipynb")
    assert nb.read_text() == before
