# provenance: search index id 21039639331
# label: negative
# note: distilbert/distilgpt2 is a gpt2 checkpoint despite its "distilbert" namespace; AutoModelForCausalLM loads it
from transformers import AutoModelForCausalLM, AutoTokenizer, DataCollatorForLanguageModeling, Trainer, TrainingArguments

tokenizer = AutoTokenizer.from_pretrained("distilbert/distilgpt2")
tokenizer.pad_token = tokenizer.eos_token
data_collator = DataCollatorForLanguageModeling(tokenizer=tokenizer, mlm=False)

text_generator = AutoModelForCausalLM.from_pretrained("distilbert/distilgpt2")
training_args = TrainingArguments(output_dir='mtg_card_text_generator', learning_rate=5e-5)
