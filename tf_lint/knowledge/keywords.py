"""Keyword arguments that transformers removed or renamed, each with its replacement and its source.

The ``TrainingArguments`` entries are generated: every dataclass field of transformers 4.57.6's
``TrainingArguments`` (the bundled snapshot) that the target version lacks is a removed keyword, as is
every name of :data:`TRAINING_ARGUMENTS` the target lacks. What to use instead comes from the hand table
below, cited per entry from transformers' ``MIGRATION_GUIDE_V5.md`` (huggingface/transformers, commit
e416b2c7c64e) or from 4.57.6's own deprecation messages in ``training_args.py``. Entries for other calls
(model ``from_pretrained``, ``Trainer``) were checked against transformers 5.24: each raises ``TypeError``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, FrozenSet, Optional, Tuple

from tf_lint.knowledge.versions import Knowledge, snapshot

GUIDE = "transformers MIGRATION_GUIDE_V5.md"
_LOW_USAGE = f"{GUIDE}, 'Removing arguments without deprecation cycle in `TrainingArguments` due to low usage'"
_DEPRECATED = f"{GUIDE}, 'Removing deprecated arguments in `TrainingArguments`'"
_V4_SOURCE = "transformers 4.57.6 training_args.py (its deprecation warning)"
BASELINE = "4.57.6"  # the release whose TrainingArguments fields the generated entries start from


@dataclass(frozen=True)
class Removed:
    """A keyword argument the target lacks.

    ``rename``: a keyword taking the same value (a safe one-to-one rename). ``same_as_default``: values
    (as source text) with which removing the argument changes nothing in the target version.
    ``replace``: value source text -> replacement ``keyword=value`` text (for ``group_by_length=True``).
    """

    keyword: str
    advice: str = ""
    source: str = ""
    rename: Optional[str] = None
    same_as_default: FrozenSet[str] = frozenset()
    replace: Tuple[Tuple[str, str], ...] = ()
    since: str = "5.0"


def _r(keyword, advice="", source=_DEPRECATED, rename=None, same=(), replace=(), since="5.0"):
    return Removed(keyword, advice, source, rename, frozenset(same), tuple(replace), since)


# TrainingArguments (and subclasses: Seq2SeqTrainingArguments, TRL's configs).
TRAINING_ARGUMENTS: Dict[str, Removed] = {r.keyword: r for r in (
    _r("evaluation_strategy", "use `eval_strategy`", rename="eval_strategy", since="4.46",
       source="transformers 4.57.6 training_args.py has `eval_strategy` and no `evaluation_strategy` (renamed, "
              "deprecated since 4.41, removed in 4.46)"),
    _r("per_gpu_train_batch_size", "use `per_device_train_batch_size`", rename="per_device_train_batch_size"),
    _r("per_gpu_eval_batch_size", "use `per_device_eval_batch_size`", rename="per_device_eval_batch_size"),
    _r("no_cuda", "use `use_cpu`", rename="use_cpu"),
    _r("push_to_hub_token", "use `hub_token`", rename="hub_token"),
    _r("push_to_hub_model_id", "use `hub_model_id` (with the organization in it)"),
    _r("push_to_hub_organization", "use `hub_model_id` (with the organization in it)"),
    _r("include_inputs_for_metrics", "use `include_for_metrics=[\"inputs\"]`",
       replace=(("True", 'include_for_metrics=["inputs"]'),), same=("False",)),
    _r("include_tokens_per_second", "use `include_num_input_tokens_seen`", same=("False",)),
    _r("tpu_metrics_debug", "use `debug=\"tpu_metrics_debug\"`", same=("False",)),
    _r("fsdp_min_num_params", "use `fsdp_config`", same=("0",)),
    _r("fsdp_transformer_layer_cls_to_wrap", "use `fsdp_config`", same=("None",)),
    _r("use_mps_device", "MPS is used when available", same=("True", "False")),
    _r("fp16_backend", "mixed precision always uses `torch.amp`", same=('"auto"', "'auto'", '"amp"', "'amp'")),
    _r("half_precision_backend", "mixed precision always uses `torch.amp`",
       same=('"auto"', "'auto'", '"amp"', "'amp'")),
    _r("use_legacy_prediction_loop", "the evaluation loop is the only one", same=("False",)),
    _r("mp_parameters", "", _LOW_USAGE, same=('""', "''")),
    _r("overwrite_output_dir", "it had no effect on `Trainer`; resume with `trainer.train(resume_from_checkpoint=...)`",
       _LOW_USAGE, same=("True", "False")),
    _r("logging_dir", "set the `TENSORBOARD_LOGGING_DIR` environment variable", _LOW_USAGE),
    _r("jit_mode_eval", "use `torch_compile`", _LOW_USAGE, same=("False",)),
    _r("tpu_num_cores", "set the `TPU_NUM_CORES` environment variable", _LOW_USAGE, same=("None",)),
    _r("past_index", "", _LOW_USAGE, same=("-1",)),
    _r("ray_scope", "set the `RAY_SCOPE` environment variable", _LOW_USAGE, same=('"last"', "'last'")),
    _r("warmup_ratio", "`warmup_steps` takes a ratio (a float below 1) in 5.x", _LOW_USAGE),
    _r("adafactor", "use `optim=\"adafactor\"`", _V4_SOURCE, replace=(("True", 'optim="adafactor"'),), same=("False",)),
    _r("torchdynamo", "use `torch_compile_backend`", _V4_SOURCE, same=("None",)),
    _r("fp16_opt_level", "Apex mixed precision is gone; mixed precision uses `torch.amp`",
       "transformers 5.24 training_args.py (no Apex option)", same=('"O1"', "'O1'")),
    _r("save_safetensors", "checkpoints are always saved as safetensors",
       f"{GUIDE}, 'Drop support for `safe_serialization=False`'", same=("True",)),
    _r("group_by_length", "use `train_sampling_strategy=\"group_by_length\"`",
       "transformers 5.24 training_args.py (`train_sampling_strategy`)",
       replace=(("True", 'train_sampling_strategy="group_by_length"'),), same=("False",)),
)}

# model ``from_pretrained`` (measured on 5.24: ``TypeError`` from the model's ``__init__``).
FROM_PRETRAINED: Dict[str, Removed] = {r.keyword: r for r in (
    _r("use_auth_token", "use `token`", f"{GUIDE}, '`use_auth_token`'", rename="token"),
    _r("load_in_8bit", "use `quantization_config=BitsAndBytesConfig(load_in_8bit=True)`",
       f"{GUIDE}, 'Quantization changes'", same=("False",)),
    _r("load_in_4bit", "use `quantization_config=BitsAndBytesConfig(load_in_4bit=True)`",
       f"{GUIDE}, 'Quantization changes'", same=("False",)),
)}

# ``Trainer(...)``.
TRAINER: Dict[str, Removed] = {r.keyword: r for r in (
    _r("tokenizer", "use `processing_class`", f"{GUIDE}, 'Removing deprecated arguments in `Trainer`'",
       rename="processing_class"),
)}

# The classes whose calls the memory estimator reads (short names: a document without one is skipped).
ARGUMENT_CLASSES = ("TrainingArguments", "Seq2SeqTrainingArguments", "SFTConfig")
TRAINING_ARGUMENT_CLASSES = frozenset({
    "transformers.TrainingArguments", "transformers.Seq2SeqTrainingArguments",
    "transformers.training_args.TrainingArguments", "transformers.training_args_seq2seq.Seq2SeqTrainingArguments",
})
# TRL's configs are dataclasses that subclass ``TrainingArguments`` and pass its fields through.
TRL_CONFIGS = frozenset(f"trl.{name}" for name in (
    "SFTConfig", "DPOConfig", "ORPOConfig", "KTOConfig", "CPOConfig", "RewardConfig", "GRPOConfig", "PRMConfig",
    "GKDConfig", "OnlineDPOConfig", "RLOOConfig", "PPOConfig", "BCOConfig", "XPOConfig", "NashMDConfig"))
TRAINERS = frozenset({"transformers.Trainer", "transformers.Seq2SeqTrainer", "transformers.trainer.Trainer"})


def removed_training_arguments(target: Knowledge) -> Dict[str, Removed]:
    """Keywords of ``TrainingArguments`` that the target lacks: 4.57.6's fields and the hand table's names,
    less the target's own fields. Empty when the target's fields are unknown."""
    fields = target.training_argument_fields("TrainingArguments")
    if not fields:
        return {}
    baseline = snapshot(BASELINE).training_argument_fields("TrainingArguments")
    names = {n for n, f in baseline.items() if f.get("init", True) is not False and not n.startswith("_")}
    names |= set(TRAINING_ARGUMENTS)
    found = {}
    for name in sorted(names - set(fields)):
        entry = TRAINING_ARGUMENTS.get(name) or Removed(
            name, source=f"TrainingArguments fields of transformers {BASELINE} and {target.version} "
                         "compared by tf-lint")
        if entry.rename and entry.rename not in fields:
            entry = Removed(name, entry.advice, entry.source)
        found[name] = entry
    return found


def removed_for_major(table: Dict[str, Removed], target: Knowledge) -> Dict[str, Removed]:
    """Entries of a hand table that apply to the target version (removed at or before it)."""
    from tf_lint.knowledge.store import version_tuple

    have = version_tuple(target.version)
    return {k: r for k, r in table.items() if version_tuple(r.since) <= have}
