"""What autograd saves in a forward pass, measured with saved-tensor hooks: the memory tests' reference
(tests/test_memory.py, tests/test_memory_qlora.py)."""

import torch


def saved_bytes(model, inputs, mixed: bool):
    """(activations, weight copies): bytes of the distinct storages autograd saves in ``model(**inputs)``,
    split into 16-bit copies of floating parameters (autocast's weight casts, under bf16 autocast when
    ``mixed``) and everything else; the parameters themselves are excluded."""
    params = list(model.parameters())
    param_ptrs = {p.untyped_storage().data_ptr() for p in params}
    activations, copies = {}, {}

    def is_weight_copy(t):
        if not mixed or t.dtype == torch.float32 or t.dim() != 2:
            return False
        for p in params:
            if not p.is_floating_point():
                continue  # packed quantized weights
            if tuple(p.shape) == tuple(t.shape) and torch.equal(p.detach().to(t.dtype), t):
                return True
            if tuple(p.shape) == tuple(t.shape[::-1]) and torch.equal(p.detach().to(t.dtype).t(), t):
                return True
        return False

    def pack(t):
        storage = t.untyped_storage()
        ptr = storage.data_ptr()
        if ptr not in param_ptrs:
            (copies if is_weight_copy(t) else activations)[ptr] = storage.nbytes()
        return t

    autocast = torch.autocast("cpu", dtype=torch.bfloat16, enabled=bool(mixed))
    with torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t), autocast:
        model(**inputs)
    return sum(activations.values()), sum(copies.values())
