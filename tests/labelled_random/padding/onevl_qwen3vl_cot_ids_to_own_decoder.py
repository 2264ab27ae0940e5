# provenance: search index id 56522472799 [main, trimmed to the model set-up and the training step; set-up and data reading shortened, the tokenization, data flow and model calls as in the file]
# query: padding='max_length')['input_ids']
# rank: 9
# label: negative
# note: the padded chain-of-thought ids only become targets of the project's own LangDecoder; the Qwen3-VL forward gets the batch's attention_mask
import torch
from decoders import LangDecoder
from data_utils import load_data, build_inputs_with_latent
from transformers import Qwen3VLForConditionalGeneration, AutoProcessor

MODEL_PATH = "Qwen/Qwen3-VL-2B-Instruct"
DEFAULT_COT = "Let me think about the trajectory."


def main():
    train_samples, eval_samples, vis_tokens_dict = load_data()
    processor = AutoProcessor.from_pretrained(MODEL_PATH, trust_remote_code=True)
    tokenizer = processor.tokenizer
    model = Qwen3VLForConditionalGeneration.from_pretrained(
        MODEL_PATH, torch_dtype=torch.bfloat16,
        trust_remote_code=True, attn_implementation="eager"
    ).to('cuda')
    lang_decoder = LangDecoder(d_model=2048, n_heads=8, vocab_size=len(tokenizer), inner_dim=512).to('cuda')

    default_cot_ids = tokenizer(DEFAULT_COT, return_tensors='pt', max_length=64,
                                truncation=True, padding='max_length')['input_ids'].to('cuda')
    model.train()
    for idx, sample in enumerate(train_samples):
        batch = build_inputs_with_latent(sample, processor, tokenizer, include_latent=True)
        outputs = model(
            input_ids=batch['input_ids'], attention_mask=batch['attention_mask'],
            labels=batch['labels'], pixel_values=batch['pixel_values'],
            image_grid_thw=batch['image_grid_thw'],
            output_hidden_states=True,
        )
        hidden = outputs.hidden_states[-1]
        lang_latent_h = hidden[:, batch['lang_lat_pos'], :]
        lang_loss = lang_decoder(lang_latent_h, default_cot_ids)
        (outputs.loss + lang_loss).backward()


if __name__ == '__main__':
    main()
