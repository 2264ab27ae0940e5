# provenance: search index id 71011883789 [_text_ids and get_llm_loss of the training adapter; characters 12,000-25,194 were read, a class line supplied, imports not among what was read]
# query: padding=True)["input_ids"]
# rank: 5
# label: negative
# note: one text per processor call (nothing padded); the talker gets attention_mask from the built batch
import torch


class Qwen3TTSModel:
    def _text_ids(self, text: str) -> torch.Tensor:
        ids = self.tts.processor(text=self.tts._build_assistant_text(text), return_tensors="pt",
                                 padding=True)["input_ids"]
        ids = ids.unsqueeze(0) if ids.dim() == 1 else ids
        return ids[:, :-5]  # drop the trailing "<|im_end|>\n<|im_start|>assistant\n"

    def get_llm_loss(self, batch) -> torch.Tensor:
        lat = batch.latents
        tokens = lat.get("audio_tokens")
        captions = batch.get_caption_list()
        codes, text_ids = [], []
        for i in range(tokens.shape[0]):
            tok = tokens[i].reshape(-1, tokens.shape[-1])  # [T, 16]
            # clips of a batch are padded to the longest with -1 (DTO.stack)
            tok = tok[: int((tok != -1).all(-1).sum())]
            codes.append(tok.long().cpu())
            text_ids.append(self._text_ids(captions[i].strip()))
        b = {k: v.to(self.device_torch) for k, v in build_batch(text_ids, codes, self.model.config).items()}

        model = self.model
        talker = model.talker
        dtype = next(talker.parameters()).dtype
        spk = self._speaker_embedding(batch).to(self.device_torch, dtype)
        ids = b["input_ids"]
        text_embeds = talker.model.text_embedding(ids[:, :, 0])
        if self.recipe == "fixed" or text_embeds.shape[-1] != talker.config.hidden_size:
            text_embeds = talker.text_projection(text_embeds)
        codec_embeds = talker.model.codec_embedding(ids[:, :, 1]) * b["codec_embedding_mask"]
        codec_embeds[:, 6, :] = spk
        embeds = text_embeds * b["text_embedding_mask"] + codec_embeds
        labels = b["codec_0_labels"][:, 1:]
        out = talker(inputs_embeds=embeds[:, :-1], attention_mask=b["attention_mask"][:, :-1],
                     labels=labels if self.recipe == "official" else None, output_hidden_states=True)
