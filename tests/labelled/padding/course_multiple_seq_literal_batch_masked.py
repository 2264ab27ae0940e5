# provenance: search index id 33983010561 [excerpt: multiple_seq]
# label: negative
# note: the literal batch bound to `batched_ids` is padded with tokenizer.pad_token_id but goes to the classifier with its attention mask; the unmasked calls are commented out
def multiple_seq():
    import torch
    from transformers import AutoTokenizer, AutoModelForSequenceClassification

    checkpoint = "distilbert-base-uncased-finetuned-sst-2-english"
    tokenizer = AutoTokenizer.from_pretrained(checkpoint)
    model = AutoModelForSequenceClassification.from_pretrained(checkpoint)

    sequence = "I've been waiting for a HuggingFace course my whole life."
    tokens = tokenizer.tokenize(sequence)
    ids = tokenizer.convert_tokens_to_ids(tokens)
    input_ids = torch.tensor([ids])
    # print(input_ids)
    # This line will fail.
    # print(model(input_ids))

    sequence1_ids = [[200, 200, 200]]
    sequence2_ids = [[200, 200]]
    batched_ids = [
        [200, 200, 200],
        [200, 200, tokenizer.pad_token_id],
    ]

    attention_mask = [
        [1, 1, 1],
        [1, 1, 0],
    ]

    outputs = model(torch.tensor(batched_ids), attention_mask=torch.tensor(attention_mask))
    print(outputs.logits)

    # print(model(torch.tensor(sequence1_ids)).logits)
    # print(model(torch.tensor(sequence2_ids)).logits)
    # print(model(torch.tensor(batched_ids)).logits)
