# provenance: search index id 62644293146 [compute_better_candidate and the reward example; characters 11,000-27,000 of 74,187 were read, so two import lines are supplied]
# query: tokenizer.pad(
# rank: 4
# label: negative
# note: the pair-ranking ids padded by tokenizer.pad and the reward batch padded to max_length both reach their models as **encodings / **tokens, masks included
import torch
from typing import List


def compute_better_candidate(sources:List[str], candidate1s:List[str], candidate2s:List[str], source_max_length=1224, candidate_max_length=412):
    source_prefix = "<|source|>"
    cand1_prefix = "<|candidate1|>"
    cand2_prefix = "<|candidate2|>"
    ids = []
    assert len(sources) == len(candidate1s) == len(candidate2s)
    max_length = source_max_length + 2 * candidate_max_length
    for i in range(len(sources)):
        source_ids = pairrm_tokenizer.encode(source_prefix + sources[i], max_length=source_max_length, truncation=True)
        candidate_max_length = (max_length - len(source_ids)) // 2
        candidate1_ids = pairrm_tokenizer.encode(cand1_prefix + candidate1s[i], max_length=candidate_max_length, truncation=True)
        candidate2_ids = pairrm_tokenizer.encode(cand2_prefix + candidate2s[i], max_length=candidate_max_length, truncation=True)
        ids.append(source_ids + candidate1_ids + candidate2_ids)
    encodings = pairrm_tokenizer.pad({"input_ids": ids}, return_tensors="pt", padding="max_length", max_length=max_length)

    encodings = {k:v.to(pairrm.device) for k,v in encodings.items()}
    outputs = pairrm(**encodings)
    logits = outputs.logits.tolist()
    comparison_results = outputs.logits > 0
    return comparison_results.cpu().tolist()

if False:
  try:
    if pairrm is None: assert False
  except:
    pairrm = DebertaV2PairRM.from_pretrained("llm-blender/PairRM-hf", device_map="cuda:0", torch_dtype=torch.bfloat16).eval()
    pairrm_tokenizer = AutoTokenizer.from_pretrained('llm-blender/PairRM-hf')

  import torch
  from transformers import AutoTokenizer, AutoModelForSequenceClassification

  device = 'cuda'
  try:
    if reward_tokenizer is None: assert False
  except:
    # load model and tokenizer
    reward_tokenizer = AutoTokenizer.from_pretrained('Ray2333/GRM-Gemma-2B-sftreg')
    reward_model = AutoModelForSequenceClassification.from_pretrained(
                  'Ray2333/GRM-Gemma-2B-sftreg', torch_dtype=torch.float16,  trust_remote_code=True,
                  device_map=device,
                  ).eval()

  def example_grm_reward():
    message = [
      {'role': 'user', 'content':"What is 1 + 1?"},
      {'role': 'assistant', 'content': "2"}]

    message2 = [
      {'role': 'user', 'content':"What is 1 + 1?"},
      {'role': 'assistant', 'content': "3"}
    ]
    message_template = reward_tokenizer.apply_chat_template(message, tokenize=False)
    message_template2 = reward_tokenizer.apply_chat_template(message2, tokenize=False)

    kwargs = {"padding": 'max_length', "truncation": True, "return_tensors": "pt"}
    tokens = reward_tokenizer([message_template, message_template2], **kwargs)
    reward_model = reward_model.eval()
    with torch.no_grad():
      _, _, reward_tensor = reward_model(**tokens.to(device))
      reward = reward_tensor.cpu().detach().tolist()
      print (reward)
