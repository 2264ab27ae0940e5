# provenance: search index id 3658567172 [lines 1-95, 162-166]
# label: positive
# note: pairs padded to max_length=40 go into a DeBERTa NLI classifier as input_ids alone: the shorter pairs attend to their pads
from sentence_transformers import CrossEncoder
import torch
import numpy as np
import gc


class AbstractionBetweenGraphs:

    def __init__(self, threshold, do_reverse = True):
        self.device = torch.cuda.current_device() if torch.cuda.is_available() else "cpu"
        self.get_nli_model()
        self.label_mapping = ["entailment", "neutral", "contradiction"]
        self.threshold = threshold

    def check_entailment_relations(self):
        graph2_sentences = [self.graph2_sentences[x] for x in self.graph2_sentences]
        bs = 100
        for node in self.graph1_nodes:
            node_sentences = [self.graph1_sentences[node]] * len(graph2_sentences)
            n_batches = (len(graph2_sentences) + bs - 1) // bs
            batch_labels = []
            for batch_idx in range(n_batches):
                start_idx = batch_idx * bs
                end_idx = min((batch_idx + 1) * bs, len(graph2_sentences))
                with torch.cuda.amp.autocast(enabled=True):
                    inputs = self.tokenizer(
                        node_sentences[start_idx:end_idx],
                        graph2_sentences[start_idx:end_idx],
                        return_tensors="pt",
                        truncation=True,
                        padding="max_length",
                        max_length=40
                    ).to(self.device)

                    with torch.no_grad():
                        output = self.nli_model(inputs["input_ids"])  # expect: TFL101
                        scores = torch.softmax(output["logits"], -1)
                    batch_labels.extend([
                        self.label_mapping[score_max.item()]
                        for score_max in scores.argmax(axis=1)
                    ])

    def get_nli_model(self):
        from transformers import AutoTokenizer, AutoModelForSequenceClassification
        model_name = "MoritzLaurer/DeBERTa-v3-large-mnli-fever-anli-ling-wanli"
        self.tokenizer = AutoTokenizer.from_pretrained(model_name)
        self.nli_model = AutoModelForSequenceClassification.from_pretrained(model_name).to(self.device)
