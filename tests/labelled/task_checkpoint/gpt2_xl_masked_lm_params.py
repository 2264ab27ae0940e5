# provenance: search index id 40191836626
# label: positive
# note: gpt2-xl is model_type gpt2, which has no masked-LM class
from transformers import (
    AutoModelForMaskedLM,
    AutoTokenizer,
    AdamW,
    DataCollatorForLanguageModeling,
    AutoConfig
)

model = AutoModelForMaskedLM.from_pretrained("gpt2-xl")  # expect: TFL301
for name, param in model.named_parameters():
    print(name)
