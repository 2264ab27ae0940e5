# provenance: search index id 496143609 [lines 1-63]
# label: negative
# note: the mask comes from a second, identical batch_encode_plus call and is passed with the ids: nothing attends to pads
from transformers import AlbertTokenizer, AlbertForQuestionAnswering
from untils import *
import torch

tokenizer = AlbertTokenizer.from_pretrained('albert-large-v2')
model = AlbertForQuestionAnswering.from_pretrained('albert-large-v2')

inputs, targets = extract_data(train_data)

input_ids = tokenizer.batch_encode_plus(inputs, padding=True, return_tensors="pt")["input_ids"]
attention_masks = tokenizer.batch_encode_plus(inputs, padding=True, return_tensors="pt")["attention_mask"]
target_ids = tokenizer.batch_encode_plus(targets, padding=True, return_tensors="pt")["input_ids"]

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
model.to(device)
model.train()
optimizer = torch.optim.Adam(model.parameters(), lr=3e-5)

for epoch in range(3):
    for batch_idx in range(0, len(input_ids), 10):
        input_batch = input_ids[batch_idx:batch_idx+8].to(device)
        attention_mask_batch = attention_masks[batch_idx:batch_idx+8].to(device)
        target_batch = target_ids[batch_idx:batch_idx+8].to(device)
        optimizer.zero_grad()
        outputs = model(input_ids=input_batch, attention_mask=attention_mask_batch, start_positions=target_batch, end_positions=target_batch)
        loss = outputs[0]
        loss.backward()
        optimizer.step()
