# provenance: search index id 33316707735 [lines 1-12, 48-90]
# label: positive
# note: a batch of questions padded to the longest goes into the DPR question encoder (maybe wrapped in DataParallel) as input_ids alone
import numpy as np
import torch
from transformers import DPRContextEncoder, DPRContextEncoderTokenizerFast, DPRQuestionEncoderTokenizer, \
    DPRQuestionEncoder, DPRQuestionEncoderTokenizerFast


class DPR:
    def __init__(self):
        self.device = str(
            torch.device("cuda" if torch.cuda.is_available() else "cpu")
        )
        self.n_gpu = torch.cuda.device_count()
        self.vector_size = 768

    def load_query_model(self, query_encoder):
        self.query_tokenizer = DPRQuestionEncoderTokenizer.from_pretrained('facebook/dpr-question_encoder-single-nq-base',
                                                                           cache_dir='data/cache_dir')
        self.query_model = DPRQuestionEncoder.from_pretrained(query_encoder,
                                                              cache_dir='data/cache_dir')
        self.query_model.to(device=self.device)
        if self.n_gpu >1:
            self.query_model = torch.nn.DataParallel(self.query_model)
        self.query_model.eval()

    def query(self, questions, n, batch_size=32, del_index_after_use=False):
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

        results = self.retriever.get_top_docs(encoded_questions, n, del_index_after_use=del_index_after_use)
        return results
