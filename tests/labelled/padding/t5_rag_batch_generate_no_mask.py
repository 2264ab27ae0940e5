# provenance: search index id 27852981690 [excerpt around offset 3000]
# label: negative
# note: a padded batch goes to T5's generate without a mask; T5's pad id (0) differs from its EOS, so generate infers the mask
from transformers import T5Tokenizer, T5ForConditionalGeneration

tokenizer = T5Tokenizer.from_pretrained("t5-base")
model = T5ForConditionalGeneration.from_pretrained("t5-base")


def generate_response(prompts, batch_size=2):
    all_responses = []
    for i in range(0, len(prompts), batch_size):
        batch = prompts[i:i + batch_size]
        input_ids = tokenizer(batch, return_tensors="pt", padding=True, truncation=True).input_ids
        outputs = model.generate(
            input_ids,
            max_length=500,
            num_beams=5,
            temperature=0.7,
            early_stopping=True,
            do_sample=True
        )
        responses = [tokenizer.decode(output, skip_special_tokens=True) for output in outputs]
        all_responses.extend(responses)
    return all_responses
