# provenance: search index id 33316707735
# label: positive
# note: a padded batch of questions goes to the DPR question encoder without attention_mask, so the pooled embedding of every shorter question includes its pads
import numpy as np


class Retriever:
    def encode_and_search(self, questions, n, batch_size=32, del_index_after_use=False):
        encoded_questions = []
        for j, batch_start in enumerate(range(0, len(questions), batch_size)):
            batch_questions = questions[batch_start : batch_start + batch_size]
            tokenized_questions = self.query_tokenizer(batch_questions, return_tensors='pt',
                                                       truncation=True,
                                                       max_length=16,
                                                       padding=True)["input_ids"]
            questions_tensor = self.query_model(tokenized_questions.to(device=self.device)).pooler_output.cpu().detach().numpy()  # expect: TFL101
            encoded_questions.extend(questions_tensor)
        encoded_questions = np.array(encoded_questions)
        return self.retriever.get_top_docs(encoded_questions, n, del_index_after_use=del_index_after_use)
