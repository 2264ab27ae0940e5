# provenance: search index id 10446634419 [excerpt: imports, handle_multiple_sequences]
# label: positive
# note: inside a function, the literal batch bound to `batched_ids` ends its second row in tokenizer.pad_token_id and is classified without attention_mask (the masked call comes only after), so the padded row's logits include its pad
import torch
from transformers import (
    AutoModel,
    AutoModelForSequenceClassification,
    AutoTokenizer,
    BertConfig,
    BertModel,
    BertTokenizer,
    pipeline,
)


def handle_multiple_sequences():
    checkpoint = "distilbert-base-uncased-finetuned-sst-2-english"
    tokenizer = AutoTokenizer.from_pretrained(checkpoint)
    model = AutoModelForSequenceClassification.from_pretrained(checkpoint)

    sequence = "I've been waiting for a HuggingFace course my whole life."

    tokens = tokenizer.tokenize(sequence)
    ids = tokenizer.convert_tokens_to_ids(tokens)
    # Add an extra dimension for the model to work properly. I.E. We wrap the
    # `ids` input in an array:
    input_ids = torch.tensor([ids])
    print("Input IDs:", input_ids)
    output = model(input_ids)
    print("Logits:", output.logits)

    # Padding tokens make sure that when you batch sequences together into a tensor
    # they are able to have the same length. Based on the tokenizer there are different
    # padding token values configured.
    sequence1_ids = [[200, 200, 200]]
    sequence2_ids = [[200, 200, 200]]
    batched_ids = [
        [200, 200, 200],
        [200, 200, tokenizer.pad_token_id],
    ]
    print(model(torch.tensor(sequence1_ids)).logits)
    print(model(torch.tensor(sequence2_ids)).logits)
    print(model(torch.tensor(batched_ids)).logits)  # expect: TFL101

    # Attention masks are tensors with the exact same shape as the input IDs tensor,
    # filled with 0s and 1s: 1s indicate the corresponding tokens should be attended
    # to and 0s indicate the tokens should be ignored by the attention layers of
    # the model.
    attention_mask = [
        [1, 1, 1],
        [1, 1, 0],
    ]
    outputs = model(
        torch.tensor(batched_ids), attention_mask=torch.tensor(attention_mask)
    )
    print(outputs.logits)
