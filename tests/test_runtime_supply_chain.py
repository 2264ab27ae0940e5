"""Runtime checks of the supply-chain rules.

- TFL801: a tiny local repository with remote code (``config.json`` with ``auto_map`` and a
  ``configuration_*.py`` that writes a marker when imported), loaded with ``trust_remote_code=True``:
  its Python runs in the loading process, and after its file changes (what a push to the repository
  does) the *new* code runs on the next load. A Hub repository without a pinned revision is that, run
  from the Hub; the local folder itself is exempt from the rule.
- TFL802: a fake offline Hugging Face cache with ``refs/main`` gives the fix (the commit it names);
  without the ref there is no fix; and the pinned program loads offline from that snapshot.
"""

import json
import os
import shutil
import subprocess
import sys

import pytest

from fixture_files import FIXTURES
from tf_lint.config import ConfigResolver
from tf_lint.engine import Linter
from tf_lint.knowledge import hub
from tf_lint.sources import read_source

HERE = os.path.dirname(os.path.abspath(__file__))

CONFIGURATION = '''
import os

from transformers import PretrainedConfig

with open(os.environ["TFL_MARKER"], "a") as marker:
    marker.write("{version}\\n")


class DemoConfig(PretrainedConfig):
    model_type = "tfl-demo"
'''

LOADER = '''
import sys
from transformers import AutoConfig

config = AutoConfig.from_pretrained(sys.argv[1], trust_remote_code=True)
print(type(config).__module__)
'''


def _write_repository(folder, version):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "config.json"), "w") as f:
        json.dump({"model_type": "tfl-demo", "auto_map": {"AutoConfig": "configuration_demo.DemoConfig"}}, f)
    with open(os.path.join(folder, "configuration_demo.py"), "w") as f:
        f.write(CONFIGURATION.format(version=version))


def _load(folder, tmp_path):
    marker = tmp_path / "marker.txt"
    env = dict(os.environ, HF_HOME=str(tmp_path / "hf"), HF_HUB_OFFLINE="1", TFL_MARKER=str(marker))
    proc = subprocess.run([sys.executable, "-c", LOADER, folder], capture_output=True, text=True, env=env,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return marker.read_text().split()


def test_remote_code_runs_whatever_the_repository_holds(tmp_path):
    repo = str(tmp_path / "demo-repo")
    _write_repository(repo, "v1")
    assert _load(repo, tmp_path) == ["v1"]  # loading ran the repository's Python
    _write_repository(repo, "v2")  # the repository changes: a push
    assert _load(repo, tmp_path) == ["v1", "v2"]  # the next load runs the new code, unasked


def test_the_local_repository_is_exempt_and_a_hub_one_is_not(tmp_path):
    repo = tmp_path / "demo-repo"
    _write_repository(str(repo), "v1")
    program = tmp_path / "load.py"
    program.write_text("from transformers import AutoConfig\n"
                       "local = AutoConfig.from_pretrained('demo-repo', trust_remote_code=True)\n"
                       "hub = AutoConfig.from_pretrained('acme/demo-repo', trust_remote_code=True)\n")
    found = _lint(str(program))
    assert [(d.start.row, d.code) for d in found.diagnostics] == [(3, "TFL801")]


def _lint(path, fix=False):
    with open(path, "rb") as f:
        data = f.read()
    settings = ConfigResolver().for_path(path)
    return Linter(settings, fix=fix, unsafe_fixes=True).process_source(read_source(path, data))


@pytest.fixture
def fake_cache(tmp_path, monkeypatch):
    cache = tmp_path / "hub"
    monkeypatch.setenv("HF_HUB_CACHE", str(cache))
    hub.clear()
    yield cache
    hub.clear()


def _ref(cache, folder, revision, commit):
    path = cache / folder / "refs" / revision
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(commit)


def test_tfl802_fix_pins_the_commit_the_cache_holds(fake_cache, tmp_path):
    commit = "0" * 8 + "1234567890abcdef1234567890abcdef"
    _ref(fake_cache, "models--google-bert--bert-base-uncased", "main", commit)
    _ref(fake_cache, "datasets--rajpurkar--squad", "main", "f" * 40)
    for name in ("bad_from_pretrained.py", "bad_hub_downloads.py", "bad_pipeline_tag.py"):
        shutil.copy(os.path.join(FIXTURES, "TFL802", name), tmp_path / name)
    shutil.copy(os.path.join(FIXTURES, "TFL802", "pyproject.toml"), tmp_path / "pyproject.toml")
    fixed = _lint(str(tmp_path / "bad_from_pretrained.py"), fix=True).new_content.decode()
    assert fixed.count(f'revision="{commit}"') == 2, fixed
    fixed = _lint(str(tmp_path / "bad_hub_downloads.py"), fix=True).new_content.decode()
    assert f'repo_type="dataset", revision="{"f" * 40}")' in fixed  # the dataset's own ref
    assert 'hf_hub_download("openai-community/gpt2", "config.json")' in fixed  # not cached: no fix
    # No ref for the branch the call names: no fix.
    assert _lint(str(tmp_path / "bad_pipeline_tag.py"), fix=True).new_content is None
    _ref(fake_cache, "models--distilbert--distilbert-base-uncased-finetuned-sst-2-english", "main", "a" * 40)
    hub.clear()
    fixed = _lint(str(tmp_path / "bad_pipeline_tag.py"), fix=True).new_content.decode()
    assert f'revision="{"a" * 40}",' in fixed and 'revision="main"' not in fixed


def test_tfl802_pinned_program_loads_offline_from_the_cached_snapshot(tmp_path, monkeypatch):
    import tinyhub

    root = str(tmp_path / "tiny")
    tinyhub.build_hub(root, [("gpt2", tinyhub.gpt2_builder)])
    environment = tinyhub.hub_environment(root)
    monkeypatch.setenv("HF_HUB_CACHE", environment["HF_HUB_CACHE"])
    hub.clear()
    program = tmp_path / "bad_legacy_name.py"
    shutil.copy(os.path.join(FIXTURES, "TFL802", "bad_legacy_name.py"), program)
    shutil.copy(os.path.join(FIXTURES, "TFL802", "pyproject.toml"), tmp_path / "pyproject.toml")
    result = _lint(str(program), fix=True)
    hub.clear()
    program.write_bytes(result.new_content)
    text = program.read_text()
    assert 'from_pretrained("gpt2", revision="' in text, text
    env = dict(os.environ, **environment)
    proc = subprocess.run([sys.executable, str(program)], capture_output=True, text=True, env=env, timeout=300,
                          cwd=str(tmp_path))
    assert proc.returncode == 0, proc.stderr[-3000:]
