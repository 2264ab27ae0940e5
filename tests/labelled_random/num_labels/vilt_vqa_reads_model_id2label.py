# provenance: search index id 19579173681
# query: id2label
# rank: 7
# label: negative
# note: the VQA checkpoint's own answer labels are read back from model.config.id2label; the code defines no label set of its own
import cv2
from transformers import ViltProcessor, ViltForQuestionAnswering
import torch 


# Define the ViltForQuestionAnswering pipeline
processor = ViltProcessor.from_pretrained("dandelin/vilt-b32-finetuned-vqa")
model = ViltForQuestionAnswering.from_pretrained("dandelin/vilt-b32-finetuned-vqa")

def get_answer(frame):
        question = input("Enter your question: ")
        #pixel_values = torch.tensor(cv2.cvtColor(frame, cv2.COLOR_BGR2RGB)).unsqueeze(0)
        encoding = processor(frame, question, return_tensors="pt")
        outputs = model(**encoding)
        logits = outputs.logits
        idx = logits.argmax(-1).item()
        answer = model.config.id2label[idx]
        return answer
