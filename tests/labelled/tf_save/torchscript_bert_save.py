# provenance: search index id 67602410699
# target: 4.57
# label: negative
# note: the .save calls are on TorchScript modules traced from a PyTorch model, not on a TensorFlow Transformers model
import torch
from transformers import AutoModelForSequenceClassification

model = AutoModelForSequenceClassification.from_pretrained("bert-base-uncased")
model.eval()

dummy_input = torch.ones(1, 512, dtype=torch.long)

torch.onnx.export(model, dummy_input, "bert_model.onnx", input_names=["input_ids"], output_names=["logits"])

traced_model = torch.jit.trace(model, dummy_input)
traced_model.save("bert_model_traced.pt")

scripted_model = torch.jit.script(model)
scripted_model.save("bert_model_scripted.pt")
