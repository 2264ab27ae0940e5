# provenance: search index id 71603334499
# label: negative
# note: HF_HOME is the first statement after `import os`, before torch and transformers are imported
import os
os.environ["HF_HOME"] = "D:/Janvi/huggingface_cache"
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

class HookedModelPipeline:
    def __init__(self, model_name="gpt2"):
        self.device = "cuda" if torch.cuda.is_available() else "cpu"
        self.model = AutoModelForCausalLM.from_pretrained(model_name).to(self.device)
