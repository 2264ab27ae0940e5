# provenance: search index id 10764465105
# label: negative
# note: the padded choices go to generate() of facebook/bart-large, whose config has a pad_token_id distinct from eos, so generate builds the attention mask from the pads
def generate_answer(model, tokenizer, question, choices):
    inputs = [f"{question} {choice}" for choice in choices]
    input_ids = tokenizer(inputs, return_tensors="pt", padding=True).input_ids
    outputs = model.generate(input_ids)
    decoded_outputs = [tokenizer.decode(output, skip_special_tokens=True) for output in outputs]

    return decoded_outputs

def test_model(model_name, tokenizer_class, test_data):
    model = load_finetuned_model(model_name)
    tokenizer = tokenizer_class.from_pretrained(model_name)

    for data in test_data:
        question = data["data"]["question"]["stem"]
        choices = [choice["text"] for choice in data["data"]["question"]["choices"]]
        generated_answers = generate_answer(model, tokenizer, question, choices)

model_name = 'facebook/bart-large'
tokenizer_class = MODEL_CLASSES[model_name][1]
test_model(model_name, tokenizer_class, test_data)
