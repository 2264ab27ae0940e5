# provenance: search index id 56213479696
# label: negative
# note: the code switches the tokenizer to left padding for this batch and passes the whole encoding (with its mask) to generate
import torch


def rollout(model, tokenizer, prompts, input_device, _eos_ids, TRAJ_MAX_NEW_TOKENS):
    orig_side = tokenizer.padding_side
    tokenizer.padding_side = "left"
    enc = tokenizer(prompts, return_tensors="pt", padding=True).to(input_device)
    tokenizer.padding_side = orig_side
    input_len = enc["input_ids"].shape[1]

    with torch.no_grad():
        out = model.generate(
            **enc,
            max_new_tokens=TRAJ_MAX_NEW_TOKENS,
            do_sample=False,
            pad_token_id=tokenizer.eos_token_id,
            eos_token_id=_eos_ids,
        )

    resp_all  = out[:, input_len:]
    return resp_all
