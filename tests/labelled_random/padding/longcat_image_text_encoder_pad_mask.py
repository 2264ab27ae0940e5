# provenance: search index id 52162168916 [encode_prompt; a class line supplied; the file's imports were not read (characters 6,000-22,000 of 24,741 were), import torch supplied]
# query: tokenizer.pad(
# rank: 2
# label: negative
# note: prompts padded to max_length with tokenizer.pad keep their mask, extended over the template, and the text encoder receives it
import torch


class LongCatImage:
    def encode_prompt(
        self,
        prompt: str | list[str],
        **kwargs,
    ) -> tuple[torch.Tensor, torch.Tensor]:
        prompt = [prompt] if isinstance(prompt, str) else prompt
        device = next(self.text_encoder.parameters()).device

        batch_content_ids: list[list[int]] = []
        for p in prompt:
            batch_content_ids.append(self._tokenize_prompt_content(p))

        # Pad content to max_length
        tokens_and_mask = self.tokenizer.pad(
            {"input_ids": batch_content_ids},
            max_length=TOKENIZER_MAX_LENGTH,
            padding="max_length",
            return_attention_mask=True,
            return_tensors="pt",
        )
        B = tokens_and_mask.input_ids.shape[0]
        dtype_ids = tokens_and_mask.input_ids.dtype
        dtype_mask = tokens_and_mask.attention_mask.dtype

        prefix_t = torch.tensor(self._prefix_ids, dtype=dtype_ids).unsqueeze(0).expand(B, -1)
        suffix_t = torch.tensor(self._suffix_ids, dtype=dtype_ids).unsqueeze(0).expand(B, -1)
        prefix_m = torch.ones(B, len(self._prefix_ids), dtype=dtype_mask)
        suffix_m = torch.ones(B, len(self._suffix_ids), dtype=dtype_mask)

        input_ids = torch.cat([prefix_t, tokens_and_mask.input_ids, suffix_t], dim=-1).to(device)
        attention_mask = torch.cat([prefix_m, tokens_and_mask.attention_mask, suffix_m], dim=-1).to(device)

        with torch.inference_mode():
            out = self.text_encoder(
                input_ids=input_ids,
                attention_mask=attention_mask,
                output_hidden_states=True,
            )
