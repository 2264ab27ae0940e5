# provenance: search index id 40134154004
# label: negative
# note: padding=True on one text pads nothing, so calling the model without a mask is exact
from transformers import AutoTokenizer, AutoModelForSequenceClassification

tokenizer = AutoTokenizer.from_pretrained(
    "/home/momoia/codes/MiniLM2/models/tokenizers/tokenizer64k",
    trust_remote_code=True,
)
model = AutoModelForSequenceClassification.from_pretrained(
    "YamadaMano/SWCBiLSTM", trust_remote_code=True
)
input_ids = tokenizer("你好", return_tensors="pt", padding=True)["input_ids"]
print(model.forward(input_ids))
