"""GPU verification of the memory estimator (skipped without CUDA).

1. A grid of training steps (models built from configs with random weights: several sizes, batch sizes,
   sequence lengths, float32 / bf16 autocast, activation checkpointing on and off): the estimate of
   everything ``torch.cuda.max_memory_allocated`` counts (the estimate's total less the CUDA context)
   within 15% of the measured peak of the second step (the first one has no optimizer state yet).
   Run with ``-s`` to print the table that docs/memory.md records.
2. The TFL401 fixtures whose models fit a test run: the bad program's batch runs out of memory under a
   cap of the target device memory (``torch.cuda.set_per_process_memory_fraction``); the fixed one
   (batch divided, gradient accumulation multiplied) does not.
"""

import ast
import gc
import os

import pytest

from tf_lint.knowledge import memory

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")
pytestmark = pytest.mark.gpu

if not torch.cuda.is_available():  # pragma: no cover - depends on the machine
    pytest.skip("needs a CUDA device", allow_module_level=True)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOLERANCE = 0.15

LLAMA_S = dict(model_type="llama", hidden_size=1024, intermediate_size=2816, num_hidden_layers=8,
               num_attention_heads=16, num_key_value_heads=4, vocab_size=32000)
LLAMA_M = dict(model_type="llama", hidden_size=2048, intermediate_size=5632, num_hidden_layers=12,
               num_attention_heads=32, num_key_value_heads=8, vocab_size=32000)
GPT2 = dict(model_type="gpt2", n_embd=768, n_layer=12, n_head=12, vocab_size=50257, n_positions=2048)
BERT = dict(model_type="bert", hidden_size=768, intermediate_size=3072, num_hidden_layers=12,
            num_attention_heads=12, vocab_size=30522, max_position_embeddings=2048)
GRID = [
    (config, batch, seq, mixed, checkpointing)
    for config in (LLAMA_S, LLAMA_M, GPT2, BERT)
    for batch, seq in ((4, 512), (8, 1024), (2, 2048))
    for mixed in (None, "bf16")
    for checkpointing in (False, True)
]
RESULTS = []


def _model(config_dict, dtype=torch.float32):
    data = dict(config_dict)
    model_type = data.pop("model_type")
    config = transformers.AutoConfig.for_model(model_type, **data)
    cls = transformers.AutoModelForMaskedLM if model_type == "bert" else transformers.AutoModelForCausalLM
    with torch.device("cuda"):
        return cls.from_config(config, dtype=dtype)


def _train_steps(model, batch, seq, mixed, checkpointing, accumulation=1, steps=2):
    if checkpointing:
        model.activation_checkpointing_enable()
    model.train()
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-5, fused=True)
    vocab = model.config.vocab_size
    for step in range(steps):
        if step == steps - 1:
            torch.cuda.reset_peak_memory_stats()
        for _ in range(accumulation):
            ids = torch.randint(0, vocab, (batch, seq), device="cuda")
            with torch.autocast("cuda", dtype=torch.bfloat16, enabled=mixed is not None):
                loss = model(input_ids=ids, labels=ids).loss
            loss.backward()
            del loss
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
    return torch.cuda.max_memory_allocated()


@pytest.mark.parametrize("config,batch,seq,mixed,checkpointing", GRID)
def test_training_step_peak_matches_estimate(config, batch, seq, mixed, checkpointing):
    gc.collect()
    torch.cuda.empty_cache()
    torch.cuda.reset_peak_memory_stats()
    model = _model(config)
    peak = _train_steps(model, batch, seq, mixed, checkpointing)
    setup = memory.Setup(batch=batch, seq=seq, mixed=mixed, checkpointing=checkpointing,
                         optimizer="adamw_torch_fused")
    found = memory.estimate(config, setup)
    estimated = found.total - found.terms["cuda_context"]
    error = (estimated - peak) / peak
    RESULTS.append((config["model_type"], found.parameters, batch, seq, mixed or "fp32", checkpointing, peak,
                    estimated, error))
    print(f"\n{torch.cuda.get_device_name()} | {config['model_type']} {memory.format_count(found.parameters)} | "
          f"b={batch} s={seq} {mixed or 'fp32'} ckpt={checkpointing} | measured {memory.format_bytes(peak)} | "
          f"estimated {memory.format_bytes(estimated)} | {error:+.1%}")
    del model
    assert abs(error) <= TOLERANCE


def _fixture_case(path):
    from tf_lint.analysis import Facts
    from tf_lint.estimate import find_cases

    with open(path, encoding="utf-8") as f:
        tree = ast.parse(f.read())
    (case,) = find_cases(tree, Facts(tree), path)
    return case


SMALL_ENOUGH = ["bad_gpt2_xl_blocks"]


@pytest.mark.parametrize("name", SMALL_ENOUGH)
def test_bad_fixture_runs_out_of_memory_and_fixed_one_does_not(name):
    device_gib = 80.0
    total = torch.cuda.get_device_properties(0).total_memory
    fraction = min(1.0, device_gib * memory.GIB / total)
    bad = _fixture_case(os.path.join(ROOT, "fixtures", "TFL401", f"{name}.py"))
    fixed = _fixture_case(os.path.join(ROOT, "fixtures", "TFL401", f"{name}.fixed.py"))
    torch.cuda.set_per_process_memory_fraction(fraction)
    try:
        for case, should_fit in ((bad, False), (fixed, True)):
            gc.collect()
            torch.cuda.empty_cache()
            setup = case.setup
            model = _model(case.config)
            try:
                # Two micro-batches are enough to reach the steady-state peak.
                _train_steps(model, setup.batch, setup.seq, setup.mixed, setup.checkpointing,
                             accumulation=min(setup.accumulation, 2))
                fitted = True
            except torch.cuda.OutOfMemoryError:
                fitted = False
            del model
            assert fitted == should_fit, (case.checkpoint, setup.batch)
    finally:
        torch.cuda.set_per_process_memory_fraction(1.0)
        gc.collect()
        torch.cuda.empty_cache()
