# provenance: search index id 24370615700 [excerpt around offset 16800]
# label: negative
# note: padding=True on the one sample being logged pads nothing, so generate(inputs.input_ids) sees no pad tokens
import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

tokenizer = AutoTokenizer.from_pretrained(args.model_name_or_path)
model = AutoModelForSeq2SeqLM.from_pretrained(args.model_name_or_path)

with open(log_path, "w") as f:
    for i, idx in enumerate(random_indices):
        sample_data = test_dataset_for_sampling_hf[idx]
        input_text = sample_data[args.input_column_name]
        reference_text = sample_data[args.target_column_name]

        # Tokenize and predict this single sample
        inputs = tokenizer(input_text, return_tensors="pt", padding=True, truncation=True, max_length=args.max_seq_length).to(device)
        try:
            with torch.no_grad():
                outputs = model.generate(inputs.input_ids, generation_config=model.generation_config)
            prediction = tokenizer.decode(outputs[0], skip_special_tokens=True)
        except Exception as gen_e:
            prediction = f"Error during generation for sample: {gen_e}"
