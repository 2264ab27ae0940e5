# provenance: search index id 2999310935
# label: positive
# note: t5-large is model_type t5 (encoder-decoder); AutoModelForCausalLM has no T5 class, so from_pretrained raises
from transformers import BitsAndBytesConfig, AutoModelForCausalLM, AutoTokenizer
import numpy as np
import torch
nf4_config = BitsAndBytesConfig(
   load_in_4bit=True,
   bnb_4bit_quant_type="nf4",
   bnb_4bit_use_double_quant=True,
   bnb_4bit_compute_dtype=torch.bfloat16
)

model_nf4 = AutoModelForCausalLM.from_pretrained("t5-large", output_attentions='True', output_hidden_states='True', quantization_config=nf4_config)  # expect: TFL301

translate = "Summarize: "
tokenizer = AutoTokenizer.from_pretrained("t5-large")
