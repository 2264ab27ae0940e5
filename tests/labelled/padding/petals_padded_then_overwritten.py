# provenance: search index id 26209075814
# label: negative
# note: the padded encoding is overwritten on the next line by an unpadded single prompt, which is what reaches generate()
from transformers import AutoTokenizer
from petals import AutoDistributedModelForCausalLM

def execute(input_text, starter_sent):
    model_name = "bigscience/bloom-560m"
    tokenizer = AutoTokenizer.from_pretrained(model_name)
    model = AutoDistributedModelForCausalLM.from_pretrained(model_name)
    text = input_text
    inputs = tokenizer(text, return_tensors="pt", max_length=1024, padding=True)["input_ids"]
    inputs = tokenizer(starter_sent, return_tensors="pt")["input_ids"]
    outputs = model.generate(inputs, max_new_tokens=60)
    decoded_text = tokenizer.decode(outputs[0], skip_special_tokens=True)
    return decoded_text
