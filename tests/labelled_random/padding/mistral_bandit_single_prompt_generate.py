# provenance: search index id 5608882575 [llm_selecting_agent's prompt and model code, the model set-up; the bandit, trials and result writing trimmed; set-up and data reading shortened, the tokenization, data flow and model calls as in the file]
# query: padding=True)['input_ids']
# rank: 10
# label: negative
# note: each prompt is tokenized alone (padding=True pads nothing) and generate gets a mask of ones; the padded answer-letter batch only supplies token ids to index the scores
import torch
from transformers import AutoTokenizer, AutoModelForCausalLM


class llm_selecting_agent:
    def __init__(self, tokenizer, model):
        self.tokenizer = tokenizer
        self.model = model
        self.accum_prompt = ""
        self.answer_labels = ['A', 'B', 'C', 'D']
        self.answer_tokens = self.tokenizer(self.answer_labels, return_tensors='pt', padding=True)['input_ids'][:, 1]

    def get_model_output(self, model_id, input_ids):
        with torch.no_grad():
            outputs = model_id.generate(input_ids.to('cuda'), max_new_tokens=1, output_scores=True,
                                     return_dict_in_generate=True, pad_token_id=self.tokenizer.pad_token_id,
                                     attention_mask=torch.ones_like(input_ids).to('cuda'))
            scores = torch.stack(outputs['scores']).squeeze()
            prob_values = torch.nn.functional.softmax(scores[self.answer_tokens], dim=0)
            return prob_values

    def select_action(self, question):
        self.accum_prompt += question
        input_ids = self.tokenizer(self.accum_prompt, return_tensors='pt', padding=True)['input_ids']
        return self.get_model_output(self.model, input_ids)


if __name__ == "__main__":
    model_name = 'mistralai/Mistral-7B-Instruct-v0.1'
    tokenizer = AutoTokenizer.from_pretrained(model_name)
    model = AutoModelForCausalLM.from_pretrained(model_name, device_map='auto', torch_dtype=torch.bfloat16)
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    agent = llm_selecting_agent(tokenizer, model)
    probs = agent.select_action("Answer the following question: 2 + 2?\nA) 3\nB) 4\nC) 5\nD) 6\n")
