# provenance: search index id 41809139587
# label: negative
# note: only the project's own LSTM classifier gets the bare input_ids; the BERT branch receives the whole batch (**batch) with its attention mask
import torch
from transformers import AutoModelForSequenceClassification


def train(args, tokenizer, num_classes, train_dataloader):
    if args.model == "lstm":
        model = LSTMClassifier(
            vocab_size=len(tokenizer),
            embedding_dim=args.embedding_dim,
            hidden_dim=args.hidden_dim,
            num_layers=args.num_layers,
            output_dim=num_classes,
            dropout=args.dropout,
        ).to(args.device)
        optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    else:
        model = AutoModelForSequenceClassification.from_pretrained(
            "bert-base-uncased",
            num_labels=num_classes,
        ).to(args.device)
        optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr)

    criterion = torch.nn.CrossEntropyLoss()

    model.train()
    for batch in train_dataloader:
        batch = {k: v.to(args.device) for k, v in batch.items()}

        if args.model == "lstm":
            outputs = model(batch["input_ids"])
            loss = criterion(outputs, batch["labels"])
        else:
            outputs = model(**batch)
            loss = outputs.loss

        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
