"""Which files a run lints: recursion, .gitignore, default and configured excludes, explicit files."""

import os

import pytest

from tf_lint.config import ConfigResolver
from tf_lint.discovery import discover


def write(root, rel, text="x = 1\n"):
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def found(root, *paths):
    """The files discovered under ``paths`` (default: root), relative to ``root``, '/'-separated, sorted."""
    return sorted(walk_order(root, *paths))


def walk_order(root, *paths):
    resolver = ConfigResolver()
    return [os.path.relpath(p, root).replace(os.sep, "/")
            for p in discover([str(p) for p in (paths or (root,))], resolver.for_path)]


@pytest.fixture
def repo(tmp_path):
    """A project directory that is the top of a git repository (so parent .gitignore files don't apply)."""
    (tmp_path / ".git").mkdir()
    return tmp_path


def test_walks_directories_recursively_in_a_stable_order(repo):
    for rel in ("b.py", "a.py", "pkg/c.py", "pkg/sub/d.py", "pkg/notes.txt", "pkg/sub/data.json", "z.py"):
        write(repo, rel)
    # A directory's files come before its subdirectories, each in name order.
    assert walk_order(repo) == ["a.py", "b.py", "z.py", "pkg/c.py", "pkg/sub/d.py"]


def test_each_file_is_linted_once_even_when_named_twice(repo, monkeypatch):
    write(repo, "a.py")
    monkeypatch.chdir(repo)
    assert walk_order(repo, "a.py", ".", repo, repo / "a.py") == ["a.py"]


def test_gitignore_excludes_files_and_directories(repo):
    write(repo, ".gitignore", "generated.py\nscratch/\n*_tmp.py\n")
    for rel in ("keep.py", "generated.py", "scratch/x.py", "pkg/generated.py", "pkg/run_tmp.py", "pkg/ok.py"):
        write(repo, rel)
    assert found(repo) == ["keep.py", "pkg/ok.py"]


def test_gitignore_negation_re_includes_a_file(repo):
    write(repo, ".gitignore", "*.py\n!keep.py\n")
    write(repo, "drop.py")
    write(repo, "keep.py")
    write(repo, "sub/keep.py")
    assert found(repo) == ["keep.py", "sub/keep.py"]


def test_nested_gitignore_applies_below_its_directory_and_can_re_include(repo):
    write(repo, ".gitignore", "*_gen.py\n")
    write(repo, "pkg/.gitignore", "/local.py\n!wanted_gen.py\n")
    for rel in ("local.py", "a_gen.py", "pkg/local.py", "pkg/deeper/local.py", "pkg/b_gen.py",
                "pkg/wanted_gen.py"):
        write(repo, rel)
    assert found(repo) == ["local.py", "pkg/deeper/local.py", "pkg/wanted_gen.py"]


def test_gitignore_above_the_repository_root_is_not_read(tmp_path):
    write(tmp_path, ".gitignore", "*.py\n")
    project = tmp_path / "project"
    (project / ".git").mkdir(parents=True)
    write(project, "a.py")
    assert found(project) == ["a.py"]


@pytest.mark.parametrize("name", ["build", "dist", "node_modules", "__pycache__", ".tox", ".venv", "venv",
                                  ".mypy_cache", ".git"])
def test_default_excludes(repo, name):
    write(repo, f"{name}/x.py")
    write(repo, f"src/{name}/y.py")
    write(repo, "src/z.py")
    assert found(repo) == ["src/z.py"]


def test_a_virtual_environment_is_skipped_whatever_its_name(repo):
    write(repo, "py311-env/pyvenv.cfg", "home = /usr/bin\n")
    write(repo, "py311-env/lib/python3.11/site-packages/pkg/mod.py")
    write(repo, "py311-env/bin/tool.py")
    write(repo, "train.py")
    assert found(repo) == ["train.py"]


def test_a_file_named_explicitly_is_always_linted(repo):
    write(repo, ".gitignore", "ignored.py\nignored_dir/\n")
    write(repo, "pyproject.toml", '[tool.tf-lint]\nextend-exclude = ["excluded.py"]\n')
    paths = [write(repo, rel) for rel in ("ignored.py", "ignored_dir/x.py", "excluded.py", "build/y.py",
                                          "script_without_suffix")]
    assert found(repo) == []
    assert walk_order(repo, *paths) == ["ignored.py", "ignored_dir/x.py", "excluded.py", "build/y.py",
                                        "script_without_suffix"]


def test_explicit_file_in_excluded_directory_is_linted_by_the_cli(repo, tf_lint):
    from lint_samples import BAD_SAVE

    path = write(repo, "build/train.py", BAD_SAVE)
    status, out, _ = tf_lint(str(repo), "--format", "concise")
    assert status == 0 and "TFL201" not in out
    status, out, _ = tf_lint(str(path), "--format", "concise")
    assert status == 1 and "TFL201" in out


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_a_symlink_to_a_file_outside_the_tree_is_not_followed(tmp_path):
    outside = write(tmp_path, "outside/secret.py")
    project = tmp_path / "project"
    (project / ".git").mkdir(parents=True)
    write(project, "real.py")
    (project / "link.py").symlink_to(outside)
    assert found(project) == ["real.py"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_symlinked_directories_are_not_walked(tmp_path):
    write(tmp_path, "outside/pkg/mod.py")
    project = tmp_path / "project"
    (project / ".git").mkdir(parents=True)
    write(project, "real.py")
    (project / "linked").symlink_to(tmp_path / "outside", target_is_directory=True)
    (project / "loop").symlink_to(project, target_is_directory=True)
    assert found(project) == ["real.py"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_a_symlink_to_a_file_inside_the_tree_is_linted_once(repo):
    write(repo, "real.py")
    (repo / "alias.py").symlink_to(repo / "real.py")
    assert len(found(repo)) == 1


def test_config_exclude_replaces_the_defaults(repo):
    write(repo, "pyproject.toml", '[tool.tf-lint]\nexclude = ["legacy/"]\n')
    write(repo, "legacy/old.py")
    write(repo, "build/gen.py")
    write(repo, "main.py")
    assert found(repo) == ["build/gen.py", "main.py"]


def test_config_extend_exclude_adds_to_the_defaults(repo):
    write(repo, "pyproject.toml", '[tool.tf-lint]\nextend-exclude = ["legacy/", "pkg/skip_*.py"]\n')
    for rel in ("legacy/old.py", "build/gen.py", "pkg/skip_me.py", "pkg/keep.py", "main.py"):
        write(repo, rel)
    assert found(repo) == ["main.py", "pkg/keep.py"]


def test_exclude_patterns_are_relative_to_the_config_file(repo):
    write(repo, "pyproject.toml", '[tool.tf-lint]\nextend-exclude = ["/top.py"]\n')
    write(repo, "top.py")
    write(repo, "pkg/top.py")
    assert found(repo) == ["pkg/top.py"]
    assert found(repo, repo / "pkg") == ["pkg/top.py"]
