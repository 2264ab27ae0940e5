# provenance: search index id 33639374720 [QwenEvaluator's set-up and generate_forecasts; the metrics and ground-truth handling left out]
# query: padding=True, truncation=True)["input_ids"]
# rank: 5
# label: positive
# note: the series prompts are left-padded together and only their ids kept; generate gets torch.ones_like(input_ids) as the mask, which masks nothing, so every shorter prompt attends to its pads (and its positions are shifted by them)
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer


class QwenEvaluator:
    def __init__(self, model_name="Qwen/Qwen2.5-0.5B-Instruct"):
        self.tokenizer = AutoTokenizer.from_pretrained(model_name)
        self.model = AutoModelForCausalLM.from_pretrained(model_name)
        self.device = torch.device("mps" if torch.backends.mps.is_available() else "cpu")
        self.model.to(self.device)
        self.tokenizer.padding_side = "left"

    def generate_forecasts(self, text_inputs, max_new_tokens=10):
        instruction = "Given the following time series, predict the next values: "
        modified_inputs = [instruction + seq for seq in text_inputs]

        input_ids = self.tokenizer(modified_inputs, return_tensors="pt", padding=True, truncation=True)["input_ids"]
        input_ids = input_ids.to(self.device)

        with torch.no_grad():
            output = self.model.generate(input_ids, max_new_tokens=max_new_tokens, attention_mask=torch.ones_like(input_ids))  # expect: TFL102

        return self.tokenizer.batch_decode(output, skip_special_tokens=True)


if __name__ == "__main__":
    evaluator = QwenEvaluator()
    print(evaluator.generate_forecasts(["1.0, 2.0, 3.0", "10.5, 11.25, 12.0, 12.75, 13.5"]))
