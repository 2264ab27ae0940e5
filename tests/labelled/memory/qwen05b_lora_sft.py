# provenance: FengLiang8/CIT .ipynb_checkpoints/trl_test-checkpoint.py ee6650050cfb91618549da3afd1d74c220dd2804
# label: negative
# note: LoRA on Qwen2.5-0.5B at batch 2 in fp16 needs a few GiB; it fits any current GPU
from transformers import AutoModelForCausalLM, AutoTokenizer, TrainingArguments
from datasets import load_dataset
from trl import SFTTrainer
from peft import LoraConfig

model_name = "Qwen/Qwen2.5-0.5B-Instruct"
dataset = load_dataset("trl-lib/Capybara", split="train")

tokenizer = AutoTokenizer.from_pretrained(model_name, trust_remote_code=True)
model = AutoModelForCausalLM.from_pretrained(model_name, trust_remote_code=True)

peft_config = LoraConfig(
    r=8,
    lora_alpha=16,
    lora_dropout=0.05,
    bias="none",
    task_type="CAUSAL_LM",
    target_modules=["q_proj", "v_proj"]
)

training_args = TrainingArguments(
    output_dir="./results",
    per_device_train_batch_size=2,
    gradient_accumulation_steps=8,
    num_train_epochs=1,
    fp16=True,
    logging_steps=10,
    save_steps=500,
    report_to="none",
)

trainer = SFTTrainer(
    model=model,
    train_dataset=dataset,
    args=training_args,
    peft_config=peft_config,
)

trainer.train()
