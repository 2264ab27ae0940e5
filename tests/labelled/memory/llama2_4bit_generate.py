# provenance: search index id 49222160492
# label: negative
# target: 4.57
# note: 4-bit quantized Llama-2-7b used for generation only: no training step to estimate
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer, BitsAndBytesConfig

bnb_config = BitsAndBytesConfig(load_in_4bit=True, bnb_4bit_use_double_quant=True, bnb_4bit_quant_type="nf4",
                                bnb_4bit_compute_dtype=torch.bfloat16)
model = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-2-7b-hf", quantization_config=bnb_config,
                                             device_map="auto")
tokenizer = AutoTokenizer.from_pretrained("meta-llama/Llama-2-7b-hf")
input_ids = tokenizer.encode("For both Apple and Android devices", return_tensors="pt").to("cuda")
output = model.generate(input_ids, max_length=50, do_sample=True)
