"""TRL and PEFT knowledge: the parse of a source tree, the bundled releases, the installed package's cache."""

from __future__ import annotations

import os
import textwrap

import pytest

from tf_lint.knowledge import packages
from tf_lint.knowledge.package_source import parse_distribution
from tf_lint.knowledge.versions import snapshot as transformers_snapshot


def _write(root, files):
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))


@pytest.fixture
def tree(tmp_path):
    root = tmp_path / "trl"
    _write(root, {
        "__init__.py": """
            from typing import TYPE_CHECKING
            _import_structure = {"trainer": ["SFTConfig", "SFTTrainer", "Collator"], "core": ["helper"]}
            if TYPE_CHECKING:
                from .trainer import SFTConfig, SFTTrainer
        """,
        "core.py": "def helper(a, *, b=1, **kwargs):\n    pass\n",
        "trainer/__init__.py": """
            _import_structure = {"sft_config": ["SFTConfig"], "sft_trainer": ["SFTTrainer"], "collator": ["Collator"]}
        """,
        "trainer/sft_config.py": """
            from dataclasses import dataclass, field
            from typing import ClassVar, Optional
            from transformers import TrainingArguments

            @dataclass
            class SFTConfig(TrainingArguments):
                _VALID: ClassVar[int] = 1
                max_length: Optional[int] = 1024
                max_seq_length: Optional[int] = field(
                    default=None, metadata={"help": "Deprecated. Use `max_length` instead."})
                hidden: int = field(default=0, init=False)

                def __post_init__(self):
                    if self.max_seq_length is not None:
                        self.max_length = self.max_seq_length
        """,
        "trainer/sft_trainer.py": """
            from typing import Optional
            from transformers import Trainer
            from transformers.utils.deprecation import deprecate_kwarg
            from .sft_config import SFTConfig

            class SFTTrainer(Trainer):
                @deprecate_kwarg("tokenizer", new_name="processing_class", version="0.16.0")
                def __init__(self, model, args: Optional[SFTConfig] = None, processing_class=None):
                    pass
        """,
        "trainer/collator.py": """
            from transformers import DataCollatorForLanguageModeling

            class Collator(DataCollatorForLanguageModeling):
                def __init__(self, template, *args, **kwargs):
                    super().__init__(*args, **kwargs)
        """,
    })
    return root


def test_parse_follows_lazy_structures_imports_and_bases(tree):
    data = parse_distribution(str(tree), "trl", "0.99.0")
    assert data["exports"] == ["Collator", "SFTConfig", "SFTTrainer", "helper"]
    assert "core" in data["modules"]
    k = packages.PackageKnowledge(data)
    trainer = k.signature("SFTTrainer")
    assert trainer["params"] == ["args", "model", "processing_class", "tokenizer"]
    assert k.renamed("SFTTrainer") == {"tokenizer": "processing_class"}
    assert k.config_of("SFTTrainer") == "SFTConfig"
    config = k.signature("SFTConfig")
    assert config["params"] == ["max_length", "max_seq_length"]  # not the ClassVar, not the init=False field
    assert config["extends"] == ["transformers.TrainingArguments"]
    assert k.renamed("SFTConfig") == {"max_seq_length": "max_length"}
    # The transformers base's fields come from the transformers knowledge of the target.
    with_base = k.keywords("SFTConfig", transformers_snapshot("4.57.6"))
    assert {"max_length", "output_dir", "per_device_train_batch_size"} <= with_base
    assert k.keywords("SFTConfig") is None  # without the transformers knowledge: unknown, never a finding
    assert k.keywords("helper") is None
    assert k.signature("helper")["open"] is True  # ``**kwargs`` kept: anything goes
    assert k.signature("Collator")["open"] is True  # passed on to a base outside the package


def test_bundled_releases_cover_every_minor():
    trl = packages.bundled_versions("trl")
    peft = packages.bundled_versions("peft")
    assert trl[0] == "0.7.11" and "0.9.6" in trl and "0.12.2" in trl and "0.20.0" in trl
    assert peft[0] == "0.5.0" and "0.13.2" in peft
    for package, versions in (("trl", trl), ("peft", peft)):
        minors = [tuple(map(int, v.split(".")[:2])) for v in versions]
        assert len(set(minors)) == len(minors)
        for v in versions:
            assert packages.snapshot(package, v).version == v


def test_bundled_trl_facts_from_the_released_sources():
    t = transformers_snapshot("4.57.6")
    old, mid, new = (packages.snapshot("trl", v) for v in ("0.9.6", "0.12.2", "0.20.0"))
    assert old.has_name("DataCollatorForCompletionOnlyLM") and not new.has_name("DataCollatorForCompletionOnlyLM")
    assert {"tokenizer", "max_seq_length", "dataset_text_field"} <= old.keywords("SFTTrainer")
    assert "processing_class" not in old.keywords("SFTTrainer")
    assert mid.renamed("SFTTrainer") == {"tokenizer": "processing_class"}
    assert "tokenizer" not in new.keywords("SFTTrainer") and "processing_class" in new.keywords("SFTTrainer")
    assert packages.snapshot("trl", "0.19.1").renamed("SFTConfig") == {"max_seq_length": "max_length"}
    assert "max_seq_length" not in new.keywords("SFTConfig", t) and "max_length" in new.keywords("SFTConfig", t)
    assert new.config_of("SFTTrainer") == "SFTConfig"
    # PPOTrainer of 0.11 took (config, model, ref_model, tokenizer); 0.12 (args, processing_class, model, ...).
    assert {"config", "tokenizer"} <= packages.snapshot("trl", "0.11.4").keywords("PPOTrainer")
    assert "args" in packages.snapshot("trl", "0.20.0").keywords("PPOTrainer")


def test_bundled_peft_facts_from_the_released_sources():
    old, new = packages.snapshot("peft", "0.6.2"), packages.snapshot("peft", "0.21.2")
    assert "use_rslora" not in old.keywords("LoraConfig") and "use_rslora" in new.keywords("LoraConfig")
    assert "use_dora" in new.keywords("LoraConfig")
    assert {"r", "lora_alpha", "target_modules", "task_type"} <= old.keywords("LoraConfig")
    assert "gradient_checkpointing_kwargs" in new.keywords("prepare_model_for_kbit_training")
    assert old.keywords("get_peft_model") == {"model", "peft_config", "adapter_name"}
    assert new.signature("PeftModel", "from_pretrained") is not None


def test_installed_package_is_parsed_once_and_cached(tree, tmp_path, monkeypatch):
    monkeypatch.setenv("TF_LINT_CACHE_DIR", str(tmp_path / "cache"))
    first = packages.load_installed("trl", str(tree), "0.99.0")
    cached = os.listdir(tmp_path / "cache" / "knowledge")
    assert len(cached) == 1 and cached[0].startswith("trl-0.99.0-")
    assert packages.load_installed("trl", str(tree), "0.99.0") == first
    (tree / "core.py").write_text("def helper(a, c=2):\n    pass\n")  # an editable checkout that changed
    assert packages.load_installed("trl", str(tree), "0.99.0")["callables"]["helper"]["params"] == ["a", "c"]


def test_choose_prefers_the_named_release_then_the_nearest():
    assert packages.choose("trl", "0.9", check_installed=False).version == "0.9.6"
    assert packages.choose("trl", "0.10.0", check_installed=False).version == "0.10.1"
    assert packages.choose("peft", None, check_installed=False).version == packages.bundled_versions("peft")[-1]
