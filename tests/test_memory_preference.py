"""TRL's preference trainers in the estimate (``DPOTrainer``, ``ORPOTrainer``): chosen and rejected rows in one
forward, DPO's frozen reference copy, and what leaves such a setup unsized. Sized by ``tf-lint estimate`` only."""

import ast
import copy
from dataclasses import replace

import pytest

from tf_lint.analysis import Facts
from tf_lint.estimate import find_cases
from tf_lint.knowledge import memory
from tf_lint.knowledge.configs import BUNDLED

SMOL = BUNDLED["HuggingFaceTB/SmolLM2-135M"]


# --- the numbers -----------------------------------------------------------------------------------------
def test_concatenated_rows_are_twice_the_batch():
    """Activations and logits of a batch of 3 examples are those of 6 rows; weights, gradients and
    optimizer state do not change."""
    one = memory.estimate(SMOL, memory.Setup(batch=6, seq=256, weights_dtype="bfloat16"))
    pairs = memory.estimate(SMOL, memory.Setup(batch=3, seq=256, weights_dtype="bfloat16", concatenated=True))
    assert pairs.terms == one.terms
    # The logits by hand: 6 rows × 256 tokens × 49152 vocabulary × (12 + 2) bytes (16-bit activations).
    assert pairs.terms["logits"] == 6 * 256 * 49152 * 14


def test_reference_copy_by_hand():
    """SmolLM2-135M in bfloat16, 2 examples of 512 tokens (4 rows) and a reference copy."""
    setup = memory.Setup(batch=2, seq=512, weights_dtype="bfloat16", concatenated=True, reference=True)
    found = memory.estimate(SMOL, setup)
    without = memory.estimate(SMOL, memory.Setup(batch=2, seq=512, weights_dtype="bfloat16", concatenated=True))
    # Parameters by hand: embeddings 49152 × 576 (tied with the LM head), per layer q 576², k and v 576 × 192
    # each, o 576², gate/up/down 3 × 576 × 1536, two RMSNorm weights; the final norm.
    per_layer = 576 * 576 * 2 + 576 * 192 * 2 + 3 * 576 * 1536 + 2 * 576
    parameters = 49152 * 576 + 30 * per_layer + 576
    assert found.parameters == parameters == 134_515_008
    assert found.terms["reference_weights"] == parameters * 2
    # The reference forward under no_grad, per token: the residual stream, the norm's output and the
    # widest transient (gate, up and their product: 3 × 1536) in 2 bytes; its logits in 2 bytes.
    tokens = 4 * 512
    transient = tokens * (3 * 576 * 2 + max(3 * 1536 * 2, 3 * 9 * 64 * 2))
    assert found.terms["reference_forward"] == transient + tokens * 49152 * 2
    # Nothing else changes: the copy has no gradients and no optimizer state.
    assert {k: v for k, v in found.terms.items() if not k.startswith("reference")} == without.terms
    assert found.total == without.total + parameters * 2 + transient + tokens * 49152 * 2


def test_evaluation_step_keeps_the_reference_weights():
    setup = memory.Setup(batch=2, seq=512, weights_dtype="bfloat16", training=False, concatenated=True,
                         reference=True)
    found = memory.estimate(SMOL, setup)
    plain = memory.estimate(SMOL, memory.Setup(batch=4, seq=512, weights_dtype="bfloat16", training=False))
    assert found.terms["reference_weights"] == 134_515_008 * 2
    assert {k: v for k, v in found.terms.items() if k != "reference_weights"} == plain.terms


def test_sharded_reference_is_not_sized():
    setup = memory.Setup(batch=2, seq=512, weights_dtype="bfloat16", concatenated=True, reference=True,
                         processes=4, sharding="zero3")
    assert memory.estimate(SMOL, setup) is None


def test_largest_batch_counts_examples_not_rows():
    base = memory.Setup(batch=1, seq=1024, weights_dtype="bfloat16")
    budget = 24 * memory.GIB
    rows = memory.largest_batch(SMOL, base, budget)
    pairs = memory.largest_batch(SMOL, memory.Setup(batch=1, seq=1024, weights_dtype="bfloat16",
                                                    concatenated=True), budget)
    assert pairs == rows // 2


# --- which setups are sized ----------------------------------------------------------------------------------
HEAD = """import torch
from transformers import AutoModelForCausalLM
from trl import DPOConfig, DPOTrainer, KTOConfig, KTOTrainer, ORPOConfig, ORPOTrainer
from peft import LoraConfig
"""


def _cases(body, placeholders=True):
    tree = ast.parse(HEAD + body)
    return find_cases(tree, Facts(tree, "train.py"), "", 5, placeholders=placeholders)


DPO = """model = AutoModelForCausalLM.from_pretrained("HuggingFaceTB/SmolLM2-135M")
args = DPOConfig(output_dir="out", per_device_train_batch_size=4, max_length=1024{extra})
trainer = DPOTrainer(model=model, args=args, train_dataset=train{trainer})
trainer.train()
"""


def test_dpo_with_a_reference_copy():
    [case] = _cases(DPO.format(extra="", trainer=""))
    assert (case.setup.batch, case.setup.seq, case.setup.concatenated, case.setup.reference) == (4, 1024, True, True)
    assert case.seq_source.startswith("the config's `max_length=1024`")
    assert any("reference copy" in note for note in case.notes)


@pytest.mark.parametrize("extra,trainer", [
    ("", ", peft_config=LoraConfig(r=8)"),  # the adapter disabled is the reference
    (", precompute_ref_log_probs=True", ""),  # log-probabilities computed before training
    ("", ", ref_model=None"),
])
def test_dpo_without_a_reference_copy(extra, trainer):
    [case] = _cases(DPO.format(extra=extra, trainer=trainer))
    assert case.setup.concatenated
    assert case.setup.reference is (trainer == ", ref_model=None")


@pytest.mark.parametrize("extra,trainer", [
    ("", ", ref_model=other"),  # another model: not sized here
    (", precompute_ref_log_probs=flag", ""),  # unknown
])
def test_dpo_reference_unknown(extra, trainer):
    assert _cases(DPO.format(extra=extra, trainer=trainer)) == []


def test_dpo_without_max_length_is_not_sized():
    body = DPO.format(extra="", trainer="").replace(", max_length=1024", "")
    assert _cases(body) == []


def test_the_trainers_max_length_overrides_the_configs():
    """Older DPOTrainer releases take ``max_length`` themselves, over the config's."""
    [case] = _cases(DPO.format(extra="", trainer=", max_length=1536"))
    assert (case.setup.seq, case.seq_source.split(" (")[0]) == (1536, "the trainer's `max_length=1536`")
    body = DPO.format(extra="", trainer=", max_length=1536").replace(", max_length=1024", "")
    [case] = _cases(body)
    assert case.setup.seq == 1536


def test_preference_trainers_are_sized_by_the_estimate_command_only():
    assert _cases(DPO.format(extra="", trainer=""), placeholders=False) == []


def test_dpo_on_float32_weights_needs_the_precision_written():
    body = DPO.format(extra="", trainer="").replace('"HuggingFaceTB/SmolLM2-135M")',
                                                    '"HuggingFaceTB/SmolLM2-135M", dtype=torch.float32)')
    assert _cases(body) == []  # TRL's bf16 default has changed across versions
    [case] = _cases(body.replace("max_length=1024", "max_length=1024, bf16=True"))
    assert (case.setup.weights_dtype, case.setup.mixed) == ("float32", "bf16")


def test_dpo_needs_its_own_config():
    assert _cases(DPO.format(extra="", trainer="").replace("DPOConfig(", "ORPOConfig(")) == []


def test_orpo_has_no_reference():
    body = DPO.format(extra="", trainer="").replace("DPOConfig(", "ORPOConfig(").replace("DPOTrainer(", "ORPOTrainer(")
    [case] = _cases(body)
    assert case.setup.concatenated and not case.setup.reference


KTO = """model = AutoModelForCausalLM.from_pretrained("HuggingFaceTB/SmolLM2-135M")
args = KTOConfig(output_dir="out", per_device_train_batch_size=4, max_length=1024{extra})
KTOTrainer(model=model, args=args, train_dataset=train{trainer}).train()
"""


def test_kto_by_hand():
    """KTO: one row per example (no pairs); the reference forward holds the KL rows' logits beside the
    completions' (TRL 0.9's ``forward``): SmolLM2-135M in bfloat16, 2 examples of 512 tokens."""
    setup = memory.Setup(batch=2, seq=512, weights_dtype="bfloat16", reference=True, kl_rows=True)
    found = memory.estimate(SMOL, setup)
    plain = memory.estimate(SMOL, memory.Setup(batch=2, seq=512, weights_dtype="bfloat16"))
    tokens = 2 * 512
    transient = tokens * (3 * 576 * 2 + max(3 * 1536 * 2, 3 * 9 * 64 * 2))
    assert found.terms["reference_weights"] == 134_515_008 * 2
    assert found.terms["reference_forward"] == transient + 2 * tokens * 49152 * 2
    assert {k: v for k, v in found.terms.items() if not k.startswith("reference")} == plain.terms


def test_kto_with_a_reference_copy():
    [case] = _cases(KTO.format(extra="", trainer=""))
    setup = case.setup
    assert (setup.batch, setup.seq, setup.concatenated, setup.reference, setup.kl_rows) == (4, 1024, False, True, True)
    assert any("mismatched completion" in note and "reference copy" in note for note in case.notes)


@pytest.mark.parametrize("extra,trainer", [
    ("", ", peft_config=LoraConfig(r=8)"),
    (", precompute_ref_log_probs=True", ""),
])
def test_kto_without_a_reference_copy(extra, trainer):
    [case] = _cases(KTO.format(extra=extra, trainer=trainer))
    assert not case.setup.concatenated and not case.setup.reference


@pytest.mark.parametrize("body", [
    KTO.format(extra="", trainer="").replace(", max_length=1024", ""),  # TRL's default changed
    KTO.format(extra="", trainer=", ref_model=other"),
    KTO.format(extra="", trainer="").replace("KTOConfig(", "DPOConfig("),
])
def test_kto_not_sized(body):
    assert _cases(body) == []


# --- against PyTorch ----------------------------------------------------------------------------------------------
def test_reference_weights_match_a_deep_copy():
    """TRL's ``create_reference_model`` deep-copies the policy and freezes it: the copy's bytes are the
    estimate's ``reference_weights``, here on a tiny Llama in bfloat16."""
    torch = pytest.importorskip("torch")
    transformers = pytest.importorskip("transformers")
    config = transformers.LlamaConfig(hidden_size=64, intermediate_size=96, num_hidden_layers=2,
                                      num_attention_heads=4, num_key_value_heads=2, vocab_size=300,
                                      tie_word_embeddings=True)
    model = transformers.AutoModelForCausalLM.from_config(config, dtype=torch.bfloat16)
    reference = copy.deepcopy(model)
    for parameter in reference.parameters():
        parameter.requires_grad_(False)
    copied = sum(p.numel() * p.element_size() for p in reference.parameters())
    setup = memory.Setup(batch=1, seq=16, weights_dtype="bfloat16", concatenated=True, reference=True)
    found = memory.estimate(config.to_dict(), setup)
    assert found.terms["reference_weights"] == copied == found.terms["weights"]


def test_autocast_caches_copies_of_weights_that_require_grad_under_no_grad():
    """Why the reference's matmul weights get 16-bit copies on float32 weights under mixed precision when
    they require grad (TRL 1.16 loads the reference so) and none when frozen (TRL 0.9): autocast's weight
    cache ignores the grad mode. Seen on CPU: a weight changed in place inside the autocast region is not
    seen by the next call when a cached copy stands for it."""
    torch = pytest.importorskip("torch")
    linear = torch.nn.Linear(8, 8)
    x = torch.randn(2, 8)
    stale = {}
    for requires_grad in (True, False):
        linear.weight.requires_grad_(requires_grad)
        with torch.no_grad(), torch.autocast("cpu", dtype=torch.bfloat16):
            first = linear(x)
            linear.weight.add_(1.0)
            stale[requires_grad] = torch.equal(first, linear(x))
    assert stale == {True: True, False: False}
    config = dict(SMOL, torch_dtype="float32")
    base = memory.Setup(batch=2, seq=256, weights_dtype="float32", reference=True, kl_rows=True)
    plain = memory.estimate(config, base).terms["reference_forward"]
    mixed = memory.estimate(config, replace(base, mixed="bf16")).terms["reference_forward"]
    without_copies = memory.estimate(config, replace(base, mixed="bf16", reference=False))
    # Under bf16 the transient and the logits halve; the copies add 2 bytes per matmul parameter (the tied
    # embedding is the LM head's matrix: every 2-D weight here).
    tokens = 2 * 256
    transient16 = tokens * (3 * 576 * 2 + max(3 * 1536 * 2, 3 * 9 * 64 * 2))
    assert mixed == transient16 + 2 * tokens * 49152 * 2 + 2 * (134_515_008 - 61 * 576)
    assert plain > 0 and without_copies is not None
