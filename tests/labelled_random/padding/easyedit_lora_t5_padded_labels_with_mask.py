# provenance: search index id 47433604094 [the training loop of the LoRA editing function, its image branch replaced by `pass`; characters 12,000-28,000 of 33,141 were read; a def line and import torch supplied]
# query: padding=True)["input_ids"]
# rank: 3
# label: negative
# note: the padded inputs reach the model as **inputs / **tokens with their masks; only the T5 targets are padded ids used as labels (a loss matter, not a missing attention mask)
import torch


def execute_lora(peft_model, model, tok, texts, targets, images, hparams, device, prompt_template, opt, scheduler, loss_meter):
    for it in range(hparams.num_steps):
        for txt, tgt, img in zip(
                chunks(texts, hparams.batch_size), 
                chunks(targets, hparams.batch_size),
                chunks(images, hparams.batch_size)
        ):
            mask_token = -100
            opt.zero_grad()
            scheduler.step(it)
            if 't5' in hparams.model_name.lower():
                inputs = tok(txt, return_tensors="pt", padding=True).to(device)
                bs = inputs["input_ids"].shape[0]
                target_ids = tok(tgt, return_tensors="pt", padding=True)["input_ids"].to(
                    device
                )
                inputs['labels'] = target_ids
                logits = peft_model(**inputs).logits
                unmasked_log_probs = logits.log_softmax(-1).gather(-1, inputs['labels'].unsqueeze(-1)).squeeze(-1)
                mask = inputs['labels'] != -100
                n_tokens = mask.float().sum()
                avg_log_prob = (unmasked_log_probs * mask.float()).sum() / n_tokens
                nll = -avg_log_prob
                loss = nll
            else:
                if img:
                    pass
                else:
                    full_prompt = [f"{p} {l}" for p, l in zip(txt, tgt)]
                    prompt_ids = tok(list(txt), return_tensors="pt", padding=True, truncation=True)["input_ids"]
                    num_prompt_toks = [int((i != tok.pad_token_id).sum()) for i in prompt_ids]
                    tokens = tok(full_prompt, return_tensors="pt", padding=True, truncation=True)
                    bs = tokens["input_ids"].shape[0]
                    tokens["labels"] = tokens["input_ids"].clone()
                    num_pad_toks = [int((i == tok.pad_token_id).sum()) for i in tokens["labels"]]
                    for i in range(len(txt)):
                        tokens["labels"][i][num_pad_toks[i]:num_pad_toks[i]+num_prompt_toks[i]] = mask_token
                    tokens["labels"][tokens["input_ids"] == tok.pad_token_id] = mask_token
                    tokens = tokens.to(device)
                    pred = peft_model(**tokens)
                    loss = pred.loss
