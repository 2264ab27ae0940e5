# provenance: search index id 14405121629
# label: positive
# note: t5-base (model_type t5) given to AutoModelForCausalLM, which has no T5 class
from langchain import LLM
from transformers import AutoModelForCausalLM, AutoTokenizer

llm = LLM(
    name="t5-base",
    model=AutoModelForCausalLM.from_pretrained("t5-base"),  # expect: TFL301
    tokenizer=AutoTokenizer.from_pretrained("t5-base"),
)
