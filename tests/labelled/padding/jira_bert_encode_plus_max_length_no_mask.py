# provenance: search index id 18771096385 [lines 19-75]
# label: positive
# note: one sentence padded to max_length=512 by encode_plus, then only input_ids go to the BERT classifier: the real tokens attend to ~500 pads
from transformers import AutoTokenizer, AutoModelForSequenceClassification, TrainingArguments

tokenizer = AutoTokenizer.from_pretrained("bert-base-uncased")
model = AutoModelForSequenceClassification.from_pretrained("bert-base-uncased", num_labels=8)


def predict(sentence):
    # Tokenize the input sentence
    encoded_input = tokenizer.encode_plus(
        sentence,
        add_special_tokens=True,
        max_length=512,
        padding="max_length",
        truncation=True,
        return_attention_mask=True,
        return_tensors="pt",
    )

    # Make predictions on the encoded input
    outputs = model(encoded_input["input_ids"])  # expect: TFL101
    logits = outputs[0].logits
    probabilities = torch.softmax(logits, dim=-1).tolist()
    prediction = np.argmax(probabilities)
    print(prediction)
