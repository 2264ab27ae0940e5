# provenance: search index id 61979876803
# label: negative
# note: only the labels are a padded tokenizer batch, and their pads are replaced by -100 before the loss; the inputs carry their own mask
import numpy as np
import torch


def train(model, args, tr_codes, tr_text, dev, opt):
    def batch(codes, texts, idx):
        cs = [codes[i] for i in idx]
        T = max(c.size(0) for c in cs)
        C = torch.zeros(len(cs), T, cs[0].size(1))
        mask = torch.zeros(len(cs), T, dtype=torch.long)
        for j, c in enumerate(cs):
            C[j, :c.size(0)] = c; mask[j, :c.size(0)] = 1
        lab = model.tok([texts[i] for i in idx], max_length=args.max_tok, truncation=True,
                        padding=True, return_tensors="pt").input_ids
        lab[lab == model.tok.pad_token_id] = -100
        return C.to(dev), mask.to(dev), lab.to(dev)

    for ep in range(args.epochs):
        model.train()
        order = np.random.permutation(len(tr_codes))
        for i in range(0, len(order), args.batch_size):
            idx = order[i:i + args.batch_size]
            C, m, lab = batch(tr_codes, tr_text, idx)
            loss = model(C, m, lab)
            opt.zero_grad(); loss.backward()
            opt.step()
