"""The target TRL and PEFT releases: command line, a notebook's install, configuration, project pins, installed."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tf_lint.config import ConfigError, ConfigResolver
from tf_lint.knowledge import packages
from tf_lint.target import declared_for


def _show(cwd, *args):
    done = subprocess.run([sys.executable, "-m", "tf_lint", "--no-cache", "--show-settings", *args], cwd=cwd,
                          capture_output=True, text=True)
    lines = [line.strip() for line in done.stdout.splitlines()]
    return done.returncode, {line.split(" = ")[0]: line.split(" = ", 1)[1] for line in lines if " = " in line}


@pytest.mark.parametrize("name, text, package, expected", [
    ("requirements.txt", "transformers==4.40.2\ntrl==0.9.6\n", "trl", "==0.9.6"),
    ("uv.lock", '[[package]]\nname = "peft"\nversion = "0.13.2"\n', "peft", "==0.13.2"),
    ("pyproject.toml", '[tool.poetry.dependencies]\ntrl = "^0.12"\n', "trl", "<0.13,>=0.12"),
    ("pyproject.toml", '[project]\ndependencies = ["peft>=0.10,<0.12"]\n', "peft", "<0.12,>=0.10"),
    ("setup.cfg", "[options]\ninstall_requires =\n    trl>=0.20\n", "trl", ">=0.20"),
    ("setup.py", 'from setuptools import setup\nsetup(install_requires=["peft==0.7.1"])\n', "peft", "==0.7.1"),
])
def test_project_pins_of_each_package(tmp_path, name, text, package, expected):
    (tmp_path / name).write_text(text)
    (tmp_path / "pkg").mkdir()
    found = declared_for(str(tmp_path / "pkg"), package)
    assert found is not None and found.specifier == expected and found.package == package
    assert found.releases and set(found.releases) <= set(packages.bundled_versions(package))


def test_range_allows_every_bundled_minor(tmp_path):
    (tmp_path / "requirements.txt").write_text("trl>=0.9,<0.12\n")
    found = declared_for(str(tmp_path), "trl")
    assert found.releases == ("0.9.6", "0.10.1", "0.11.4")
    said = found.said()
    assert said.startswith("your requirement `trl<0.12,>=0.9` (") and said.endswith("requirements.txt:1)")


def test_precedence_command_line_notebook_config_pin(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.tf-lint]\ntarget-trl-version = "0.15"\n'
                                             '[project]\nname = "x"\ndependencies = ["trl==0.9.6", "peft==0.6.2"]\n')
    (tmp_path / "train.py").write_text("import trl\n")
    nb = {"cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
                     "source": ["!pip install trl==0.12.2 peft==0.13.2\n"]},
                    {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
                     "source": ["import trl\n"]}],
          "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (tmp_path / "nb.ipynb").write_text(json.dumps(nb))
    _, shown = _show(tmp_path, "train.py")
    assert shown["target-trl-version"].startswith("0.15 (") and "pyproject.toml:2 [tool.tf-lint]; checked with 0.15.2" \
        in shown["target-trl-version"]
    assert shown["target-peft-version"] == "0.6.2 (pyproject.toml:5; checked with 0.6.2)"
    _, shown = _show(tmp_path, "nb.ipynb")
    assert shown["target-trl-version"] == "0.12.2 (your notebook installs `trl==0.12.2` (cell 1); checked with 0.12.2)"
    assert shown["target-peft-version"].startswith("0.13.2 (your notebook installs `peft==0.13.2` (cell 1)")
    _, shown = _show(tmp_path, "--target-trl-version", "0.20", "nb.ipynb")
    assert shown["target-trl-version"] == "0.20 (command line; checked with 0.20.0, snapshot)"
    assert shown["target-peft-version"].startswith("0.13.2 (your notebook installs")


def test_without_pins_the_installed_or_newest_bundled_release(tmp_path):
    (tmp_path / "train.py").write_text("import trl\n")
    _, shown = _show(tmp_path, "train.py")
    assert "the installed trl" in shown["target-trl-version"] or "newest release tf-lint knows" in \
        shown["target-trl-version"]


def test_config_keys_are_validated(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.tf-lint]\ntarget-peft-version = "latest"\n')
    (tmp_path / "a.py").write_text("")
    with pytest.raises(ConfigError, match="target-peft-version"):
        ConfigResolver().for_path(str(tmp_path / "a.py"))
    with pytest.raises(ConfigError, match="--target-trl-version"):
        ConfigResolver(overrides={"target_trl_version": "new"})


def test_a_pin_older_than_every_bundled_release_checks_nothing(tmp_path):
    (tmp_path / "requirements.txt").write_text("peft==0.2.0\n")
    (tmp_path / "train.py").write_text("from peft import prepare_model_for_int8_training, NotAPeftName\n")
    done = subprocess.run([sys.executable, "-m", "tf_lint", "--no-cache", "train.py"], cwd=tmp_path,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout
    (tmp_path / "requirements.txt").write_text("peft==0.21.2\n")
    done = subprocess.run([sys.executable, "-m", "tf_lint", "--no-cache", "train.py"], cwd=tmp_path,
                          capture_output=True, text=True)
    assert "`prepare_model_for_int8_training` does not exist in peft 0.21.2: removed in 0.10" in done.stdout
    assert "`NotAPeftName` does not exist in peft 0.21.2" in done.stdout


LEGACY_SFT = '''from trl import SFTConfig, SFTTrainer

config = SFTConfig(output_dir="o", max_seq_length=512)
trainer = SFTTrainer(model=m, args=config, tokenizer=tok, packing=False)
inline = SFTTrainer(model=m, args=SFTConfig(output_dir="o"), dataset_text_field="text")
'''


def test_renames_and_inline_moves_are_safe_a_move_into_a_config_built_elsewhere_is_not(tmp_path):
    (tmp_path / "requirements.txt").write_text("trl==0.20.0\n")
    (tmp_path / "train.py").write_text(LEGACY_SFT)
    done = subprocess.run([sys.executable, "-m", "tf_lint", "--no-cache", "--fix", "train.py"], cwd=tmp_path,
                          capture_output=True, text=True)
    assert (tmp_path / "train.py").read_text() == (
        'from trl import SFTConfig, SFTTrainer\n\n'
        'config = SFTConfig(output_dir="o", max_length=512)\n'
        'trainer = SFTTrainer(model=m, args=config, processing_class=tok, packing=False)\n'
        'inline = SFTTrainer(model=m, args=SFTConfig(output_dir="o", dataset_text_field="text"))\n'), done.stdout
    assert "`packing` in trl 0.20.0 (removed in 0.13): it moved to `SFTConfig`" in done.stdout
    subprocess.run([sys.executable, "-m", "tf_lint", "--no-cache", "--fix", "--unsafe-fixes", "train.py"],
                   cwd=tmp_path, capture_output=True, text=True)
    assert 'config = SFTConfig(output_dir="o", max_length=512, packing=False)\n' \
           'trainer = SFTTrainer(model=m, args=config, processing_class=tok)\n' in (tmp_path / "train.py").read_text()
    (tmp_path / "requirements.txt").write_text("trl==0.9.6\n")  # the release the code was written for
    (tmp_path / "train.py").write_text(LEGACY_SFT)
    done = subprocess.run([sys.executable, "-m", "tf_lint", "--no-cache", "train.py"], cwd=tmp_path,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout
