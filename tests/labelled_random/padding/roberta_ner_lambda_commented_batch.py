# provenance: search index id 12405602607
# query: padding="longest"
# rank: 7
# label: negative
# note: the padded batch and generate are commented out; the live code runs a token-classification pipeline on one text
import json
import torch
from transformers import RobertaForTokenClassification, RobertaTokenizer,pipeline

def serverless_pipeline(model_path='./model'):
    """Initializes the model and tokenzier and returns a predict function that ca be used as pipeline"""
    tokenizer = RobertaTokenizer.from_pretrained(model_path)
    model = RobertaForTokenClassification.from_pretrained(model_path)
    def predict(text):
        #device = "cuda" if torch.cuda.is_available() else "cpu"
        # batch = tokenizer(text, truncation=True, padding="longest", return_tensors="pt").to(device)
        # translated = model.generate(**batch)
        # summary = tokenizer.batch_decode(translated, skip_special_tokens=True)
        NER_Model = pipeline("ner", model=model, tokenizer=tokenizer)
        NER_Results=NER_Model(text)
        mylist=[]
        for item in NER_Results:
            #print(item['entity'] + ':' + item['word'])
            data=(item['entity'],item['word'])
            mylist.append(data)

        return dict(mylist)
    return predict

# initializes the pipeline
NER_pipeline = serverless_pipeline()
