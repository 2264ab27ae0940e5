# provenance: search index id 69466034422 [the model, tokenizers, preprocess_function, CustomCallback and trainer; characters 5,000-20,956 were read, the imports were not: four import lines supplied]
# query: padding="max_length")["input_ids"]
# rank: 8
# label: negative
# note: the padded training inputs keep attention_mask; the callback pads one prompt on the left and generate gets **inputs with its mask
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer, BitsAndBytesConfig, TrainingArguments, TrainerCallback
from peft import LoraConfig, get_peft_model
from trl import SFTTrainer

model_id = "NousResearch/Llama-2-7b-chat-hf"
model = AutoModelForCausalLM.from_pretrained(
    model_id, 
    quantization_config=bnb_config, 
    device_map={"": 0}, 
    trust_remote_code=True
)

tokenizer = AutoTokenizer.from_pretrained(model_id, use_fast=True)
tokenizer.pad_token = tokenizer.eos_token
tokenizer.padding_side = "right"


tokenizer2 = AutoTokenizer.from_pretrained(model_id, use_fast=True)
tokenizer2.pad_token = tokenizer2.eos_token
tokenizer2.padding_side = "left"


model.enable_input_require_grads()
model = get_peft_model(model, peft_config).cuda()


def preprocess_function(example, tokenizer, max_length=1024):  
    tokenizer.pad_token = tokenizer.bos_token
    model_inputs = tokenizer(example['input_text'], max_length=max_length, padding='max_length', truncation=True)
    tokenizer.pad_token = tokenizer.eos_token
    
    
    labels = tokenizer(example['target_text'], max_length=10, truncation=True, padding="max_length")["input_ids"]
    labels = [(label if label != tokenizer.pad_token_id else -100) for label in labels]
       
    model_inputs['labels'] = labels
    model_inputs['combination'] = example['combination']
    model_inputs['input_text'] = example['input_text']
    model_inputs['target_text'] = example['target_text']
    return model_inputs


class CustomCallback(TrainerCallback):
    def __init__(self, model, tokenizer, test_dataset):
        self.model = model
        self.tokenizer = tokenizer
        self.test_dataset = test_dataset
        self.device = 'cuda' if torch.cuda.is_available() else 'cpu'

    def on_log(self, args, state, control, logs=None, **kwargs):
        if state.global_step % args.logging_steps == 0:
            if logs:
                # Select a random input text from the test data
                sample = random.choice(self.test_dataset)
                
                input_text = sample['input_text']
                # Tokenize and generate prediction
                inputs = self.tokenizer(input_text, return_tensors="pt", truncation=True, 
                                       padding="max_length", max_length=optimal_max_length).to(self.device)
                
                outputs = self.model.generate(**inputs, max_new_tokens=5)
                
                generated_text = self.tokenizer.decode(outputs[0], skip_special_tokens=True)


custom_callback = CustomCallback(model, tokenizer2, processed_dataset_dict['test'])


trainer = SFTTrainer(
    model=model,
    train_dataset=processed_dataset_dict['train'],
    eval_dataset=processed_dataset_dict['test'],
    peft_config=peft_config,
    processing_class=tokenizer,
    args=training_args,
    callbacks=[custom_callback]
)
