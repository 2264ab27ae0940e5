"""KTO's memory model (``tf_lint.knowledge.memory``, ``kl_rows``; ``tf_lint.estimate.PREFERENCE_TRAINERS``) held
against TRL's own ``KTOTrainer`` on CPU, under whichever TRL this environment installs (``nox -s runtime-trl``:
TRL 0.9.6 and TRL 1.16.0).

One training step of a tiny Llama, with forward hooks on its decoder layers:

- the policy runs with gradients exactly once per step, on ``per_device_train_batch_size`` rows (one completion
  per example: no chosen/rejected pairs, unlike DPO's ``2 × batch``); autograd saves tensors with that many rows
  only;
- the KL completions (as many rows) and the reference passes run without gradients, so they save nothing for
  backward: what the estimate adds for them is the reference's transient forward (``reference_forward``);
- with no ``ref_model``, no PEFT and no precomputed log-probabilities, the trainer keeps a reference model of the
  policy's size and dtype, frozen (``reference_weights``).
"""

import pytest

from tf_lint.knowledge import memory

trl = pytest.importorskip("trl")
torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")
datasets = pytest.importorskip("datasets")

pytestmark = pytest.mark.runtime_trl

BATCH = 4


def _trainer(tmp_path):
    import inspect

    import tinyhub

    folder = str(tmp_path / "model")
    torch.manual_seed(0)
    tinyhub.llama_builder(folder)
    tokenizer = transformers.AutoTokenizer.from_pretrained(folder)
    tokenizer.pad_token = tokenizer.eos_token
    model = transformers.AutoModelForCausalLM.from_pretrained(folder)  # saved in float32: loaded so in 4.x and 5.x
    words = ["the cat sat on the mat", "a dog ran in the park", "birds sing in the morning",
             "rain falls on the roof", "the sun is warm today", "we read a good book", "the tea is hot",
             "snow on the hill"]
    data = datasets.Dataset.from_dict({"prompt": words[:BATCH * 2], "completion": words[::-1][:BATCH * 2],
                                       "label": [True, False] * BATCH})
    fields = set(inspect.signature(trl.KTOConfig).parameters)
    options = dict(output_dir=str(tmp_path / "out"), per_device_train_batch_size=BATCH, max_length=64,
                   report_to=[], bf16=False, fp16=False, gradient_checkpointing=False, remove_unused_columns=False)
    options.update({k: v for k, v in dict(use_cpu=True, max_prompt_length=32, max_completion_length=32,
                                           disable_dropout=True).items() if k in fields})
    args = trl.KTOConfig(**{k: v for k, v in options.items() if k in fields or k in ("output_dir",)})
    given = set(inspect.signature(trl.KTOTrainer).parameters)
    text = {"processing_class": tokenizer} if "processing_class" in given else {"tokenizer": tokenizer}
    return trl.KTOTrainer(model=model, args=args, train_dataset=data, **text), model


def test_kto_step_runs_the_policy_with_gradients_once_on_the_batch_rows(tmp_path):
    trainer, model = _trainer(tmp_path)
    policy_rows, no_grad_rows = [], []

    def watch(record_no_grad):
        def hook(module, args, kwargs):
            hidden = args[0] if args else kwargs["hidden_states"]
            (policy_rows if torch.is_grad_enabled() and not record_no_grad else no_grad_rows).append(hidden.shape[0])
        return hook

    first_layer = model.model.layers[0]
    handles = [first_layer.register_forward_pre_hook(watch(False), with_kwargs=True)]
    reference = trainer.ref_model
    if reference is not None and reference is not model:
        ref_layer = reference.model.layers[0] if hasattr(reference, "model") else None
        if ref_layer is not None:
            handles.append(ref_layer.register_forward_pre_hook(watch(True), with_kwargs=True))
    saved_rows = set()
    parameters = {p.data_ptr() for p in model.parameters()}

    def pack(tensor):
        if tensor.dim() >= 2 and tensor.data_ptr() not in parameters and tensor.shape[-1] == model.config.hidden_size:
            saved_rows.add(tensor.shape[0] if tensor.dim() == 3 else None)
        return tensor

    batch = next(iter(trainer.get_train_dataloader()))
    model.train()
    with torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
        loss = trainer.compute_loss(model, batch)
    loss.backward()
    for handle in handles:
        handle.remove()
    # One forward with gradients, on the batch's rows (one completion per example).
    assert policy_rows == [BATCH]
    # The hidden states autograd saves for backward have the batch's rows (flattened (rows × seq, h) views
    # of them aside): the KL and reference passes, without gradients, save none.
    assert saved_rows - {None} == {BATCH}
    # The KL completions and the reference passes ran, all without gradients: the policy's own KL pass
    # (or, under TRL 0.9, its forward on the KL rows), then the reference on the KL and completion rows.
    assert len(no_grad_rows) >= 2 and set(no_grad_rows) == {BATCH}


def test_kto_keeps_a_reference_of_the_policys_size_without_gradients_or_optimizer_state(tmp_path):
    """The reference has the policy's size and dtype; it gets no gradients and no optimizer state. TRL 0.9
    freezes it (``create_reference_model``); TRL 1.16 loads it with ``create_model_from_path`` and leaves its
    parameters requiring grad, which matters under autocast (``memory._reference_bytes``): both are seen here."""
    trainer, model = _trainer(tmp_path)
    reference = trainer.ref_model
    assert reference is not None and reference is not model
    copied = sum(p.numel() * p.element_size() for p in reference.parameters())
    setup = memory.Setup(batch=BATCH, seq=16, weights_dtype="float32", reference=True, kl_rows=True)
    found = memory.estimate(model.config.to_dict(), setup)
    assert found.terms["reference_weights"] == copied == found.terms["weights"]
    batch = next(iter(trainer.get_train_dataloader()))
    model.train()
    trainer.compute_loss(model, batch).backward()
    assert all(p.grad is None for p in reference.parameters())
    optimizer = trainer.create_optimizer()
    optimized = {id(p) for group in optimizer.param_groups for p in group["params"]}
    assert not optimized & {id(p) for p in reference.parameters()}
    frozen = not any(p.requires_grad for p in reference.parameters())
    assert frozen is (trl.__version__.split(".")[0] == "0")
