"""The result cache: a re-run reads results, and each kind of change invalidates exactly what it must."""

import os
import sys

import pytest

import tf_lint.cache as cache_module
from tf_lint import runner
from tf_lint.cache import ResultCache, clean
from tf_lint.config import ConfigResolver

BAD = "from transformers import TFAutoModel\nm = TFAutoModel.from_pretrained('x')\nm.save('out')\n"
GOOD = "import os\nprint(os.getcwd())\n"


@pytest.fixture
def tree(tmp_path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "pyproject.toml").write_text('[tool.tf-lint]\ntarget-transformers-version = "4.57.6"\n')
    (tmp_path / "pkg" / "bad.py").write_text(BAD)
    (tmp_path / "pkg" / "good.py").write_text(GOOD)
    (tmp_path / "other.py").write_text(GOOD)
    return tmp_path


@pytest.fixture
def linted(monkeypatch):
    """Run the runner over files with a cache; returns which files were linted (not read from cache)."""
    calls = []
    real = runner._lint_one

    def counting(task):
        calls.append(os.path.basename(task[0]))
        return real(task)

    monkeypatch.setattr(runner, "_lint_one", counting)

    def run(root, cache_dir):
        calls.clear()
        resolver = ConfigResolver()
        files = [str(p) for p in sorted(root.rglob("*.py"))]
        results = list(runner.lint_files([(f, resolver.for_path(f)) for f in files], fix=False,
                                         unsafe_fixes=False, jobs=1, cache=ResultCache(str(cache_dir))))
        return sorted(calls), {os.path.basename(r.path): [d.code for d in r.diagnostics] for r in results}

    return run


def test_second_run_reads_the_cache(tree, linted, tmp_path):
    first = linted(tree, tmp_path / "c")
    second = linted(tree, tmp_path / "c")
    assert first[0] == ["bad.py", "good.py", "other.py"]
    assert second[0] == []
    assert second[1] == first[1] == {"bad.py": ["TFL201"], "good.py": [], "other.py": []}
    assert os.path.exists(tmp_path / "c" / "CACHEDIR.TAG")


def test_a_changed_file_is_linted_again_alone(tree, linted, tmp_path):
    linted(tree, tmp_path / "c")
    (tree / "pkg" / "good.py").write_text(GOOD + "print(1)\n")
    assert linted(tree, tmp_path / "c")[0] == ["good.py"]


def test_a_changed_config_relints_the_files_it_governs(tree, linted, tmp_path):
    linted(tree, tmp_path / "c")
    (tree / "pkg" / "pyproject.toml").write_text('[tool.tf-lint]\ntarget-transformers-version = "4.57.6"\n'
                                                 'ignore = ["TFL201"]\n')
    calls, results = linted(tree, tmp_path / "c")
    assert calls == ["bad.py", "good.py"]
    assert results["bad.py"] == []


def test_another_tf_lint_version_relints_everything(tree, linted, tmp_path, monkeypatch):
    linted(tree, tmp_path / "c")
    monkeypatch.setattr(cache_module, "__version__", "999.0")
    assert linted(tree, tmp_path / "c")[0] == ["bad.py", "good.py", "other.py"]


def test_another_transformers_version_relints_what_targets_it(tree, linted, tmp_path, monkeypatch):
    linted(tree, tmp_path / "c")
    from tf_lint.knowledge import store

    real_choose = store.choose

    def other_installed(target, *args, **kwargs):
        choice = real_choose(target, *args, **kwargs)
        if choice.origin == "installed":  # as if another transformers had been installed
            return store.Choice("9.9.9", "installed", "test", choice.root)
        return choice

    monkeypatch.setattr(store, "choose", other_installed)
    # other.py follows the installed transformers; pkg/ pins 4.57.6, answered by a bundled snapshot.
    assert linted(tree, tmp_path / "c")[0] == ["other.py"]


def test_clean_removes_only_a_tagged_cache(tree, linted, tmp_path):
    linted(tree, tmp_path / "c")
    assert clean(str(tmp_path / "c")) and not os.path.exists(tmp_path / "c")
    (tmp_path / "not-a-cache").mkdir()
    assert not clean(str(tmp_path / "not-a-cache")) and os.path.exists(tmp_path / "not-a-cache")


def test_cli_uses_the_cache_and_no_cache_skips_it(tree):
    from lint_samples import run_cli

    cache_dir = str(tree / "cc")
    first = run_cli("--cache-dir", cache_dir, str(tree / "pkg"))
    second = run_cli("--cache-dir", cache_dir, "--format", "json", str(tree / "pkg"))
    assert first.returncode == second.returncode == 1 and '"TFL201"' in second.stdout
    assert os.path.exists(os.path.join(cache_dir, "results.json"))
    other = str(tree / "none")
    assert run_cli("--no-cache", "--cache-dir", other, str(tree / "pkg")).returncode == 1
    assert not os.path.exists(other)
    assert run_cli("clean", "--cache-dir", cache_dir).returncode == 0 and not os.path.exists(cache_dir)


def test_process_pool_gives_the_same_results(tmp_path):
    from lint_samples import run_cli

    for i in range(runner.POOL_THRESHOLD + 2):
        (tmp_path / f"m{i:03d}.py").write_text(BAD if i % 7 == 0 else GOOD)
    (tmp_path / "pyproject.toml").write_text('[tool.tf-lint]\ntarget-transformers-version = "4.57.6"\n')
    one = run_cli("--no-cache", "-j1", "--format", "json", str(tmp_path))
    two = run_cli("--no-cache", "-j2", "--format", "json", str(tmp_path))
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout and one.stdout.count('"TFL201"') == 8


def test_benchmarks_still_run():
    import subprocess

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for script in (["bench/throughput.py", "--smoke"],):
        proc = subprocess.run([sys.executable, *script], cwd=root, capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr


def test_a_checkpoint_appearing_in_the_hub_cache_invalidates(tmp_path, linted, monkeypatch):
    """TFL104 depends on the checkpoint's cached tokenizer files: when they change, so does the result."""
    hub = tmp_path / "hub"
    monkeypatch.setenv("HF_HUB_CACHE", str(hub))
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "gen.py").write_text(
        "from transformers import AutoTokenizer\n"
        "tok = AutoTokenizer.from_pretrained('acme/private-model')\n"
        "batch = tok(['a', 'bb'], padding=True, return_tensors='pt')\n")
    first = linted(tmp_path / "src", tmp_path / "c")
    assert first[0] == ["gen.py"] and first[1]["gen.py"] == []  # unknown checkpoint: silent
    assert linted(tmp_path / "src", tmp_path / "c")[0] == []
    snapshot = hub / "models--acme--private-model" / "snapshots" / ("a" * 40)
    snapshot.mkdir(parents=True)
    (hub / "models--acme--private-model" / "refs").mkdir()
    (hub / "models--acme--private-model" / "refs" / "main").write_text("a" * 40)
    (snapshot / "tokenizer_config.json").write_text('{"eos_token": "</s>", "padding_side": "right"}')
    from tf_lint.knowledge import hub

    hub.clear()  # a new tf-lint process would start empty
    calls, results = linted(tmp_path / "src", tmp_path / "c")
    assert calls == ["gen.py"] and results["gen.py"] == ["TFL104"]
