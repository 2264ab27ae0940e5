# provenance: search index id 67339813681 [read: characters 0-16,000 of 33,937; UtilityEvaluator, build_rag_input and generate_answer]
# query: padding='max_length').input_ids
# rank: 4
# label: negative
# note: the prompt is one text, not padded, and passed whole (**model_inputs); only the labels are padded ids, with their pads set to -100
import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

EMPTY_CONTEXT_PLACEHOLDER = '<none>'


class UtilityEvaluator(object):
  def __init__(self, tokenizer, generator_model, device, max_input_len=512, max_target_len=64):
    self.tokenizer = tokenizer
    self.generator_model = generator_model
    self.device = device
    self.max_input_len = max_input_len
    self.max_target_len = max_target_len

  def _tokenize_prompt(self, prompt):
    toks = self.tokenizer(prompt,
                          return_tensors='pt',
                          truncation=True,
                          max_length=self.max_input_len).to(self.device)
    was_truncated = toks.input_ids.shape[1] >= self.max_input_len
    return toks, was_truncated

  def _tokenize_labels(self, gold_answer):
    labels = self.tokenizer(gold_answer,
                            return_tensors='pt',
                            truncation=True,
                            max_length=self.max_target_len,
                            padding='max_length').input_ids.to(self.device)
    labels = labels.masked_fill(labels == self.tokenizer.pad_token_id, -100)
    return labels, False

  def compute_neg_nll_utility(self, query, passages, gold_answer):
    prompt = build_rag_input(query, passages)
    model_inputs, prompt_truncated = self._tokenize_prompt(prompt)
    labels, target_truncated = self._tokenize_labels(gold_answer)
    with torch.no_grad():
      outputs = self.generator_model(**model_inputs, labels=labels)
    return float(-outputs.loss.item())


def build_rag_input(query, passages):
  if passages:
    context = '\n'.join(['[%d] %s' % (i + 1, passage) for i, passage in enumerate(passages)])
  else:
    context = EMPTY_CONTEXT_PLACEHOLDER
  return 'question: %s\ncontext:\n%s\nanswer:' % (query, context)


def generate_answer(query, passages, tokenizer, generator_model, device, max_input_len=512, max_new_tokens=32):
  prompt = build_rag_input(query, passages)
  model_inputs = tokenizer(prompt, return_tensors='pt', truncation=True, max_length=max_input_len).to(device)
  with torch.no_grad():
    out_tokens = generator_model.generate(**model_inputs, max_new_tokens=max_new_tokens, do_sample=False)
  return tokenizer.decode(out_tokens[0], skip_special_tokens=True)


if __name__ == '__main__':
  tokenizer = AutoTokenizer.from_pretrained('google/flan-t5-base')
  generator_model = AutoModelForSeq2SeqLM.from_pretrained('google/flan-t5-base')
  evaluator = UtilityEvaluator(tokenizer, generator_model, 'cpu')
  print(evaluator.compute_neg_nll_utility('who?', ['a passage'], 'someone'))
