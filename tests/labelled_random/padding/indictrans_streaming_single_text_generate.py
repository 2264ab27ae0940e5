# provenance: search index id 4765351902 [imports, StreamingTranslator._load_translation and translate_text]
# query: padding="longest"
# rank: 5
# label: negative
# note: one text per translation and generate gets **inputs with its mask
import pyaudio
import numpy as np
import time
import argparse
import threading
import queue
from collections import deque
import torch
from threading import Thread

class StreamingTranslator:
    def _load_translation(self):
        """Load IndicTrans2 for translation"""
        import time
        start = time.time()
        try:
            import torch
            from transformers import AutoTokenizer, AutoModelForSeq2SeqLM
            from IndicTransToolkit.processor import IndicProcessor
            
            # Load IndicTrans2 with proper preprocessing (use cache)
            self.trans_tokenizer = AutoTokenizer.from_pretrained("ai4bharat/indictrans2-en-indic-1B", trust_remote_code=True, local_files_only=False)
            self.trans_model = AutoModelForSeq2SeqLM.from_pretrained("ai4bharat/indictrans2-en-indic-1B", trust_remote_code=True, local_files_only=False).to(self.device)
            
            # Initialize IndicTrans2 processor for proper text preprocessing
            self.ip = IndicProcessor(inference=True)
            
        except Exception as e:
            print(f"❌ Failed to load translation: {e}")
            raise
    
    def translate_text(self, text):
        """Translate English to target language using IndicTrans2"""
        try:
            target_code = self.lang_map[self.target_language]["trans_code"]
            
            # Preprocess using IndicProcessor
            batch = self.ip.preprocess_batch([text], src_lang="eng_Latn", tgt_lang=target_code)
            
            # Tokenize
            inputs = self.trans_tokenizer(
                batch,
                truncation=True,
                padding="longest",
                return_tensors="pt",
                return_attention_mask=True,
            ).to(self.device)
            
            # Generate translation
            with torch.no_grad():
                generated_tokens = self.trans_model.generate(
                    **inputs,
                    use_cache=True,
                    min_length=0,
                    max_length=256,
                    num_beams=5,
                    num_return_sequences=1,
                )
            
            # Decode
            with self.trans_tokenizer.as_target_tokenizer():
                generated_tokens = self.trans_tokenizer.batch_decode(
                    generated_tokens.detach().cpu().tolist(),
                    skip_special_tokens=True,
                    clean_up_tokenization_spaces=True,
                )
            
            # Postprocess
            translations = self.ip.postprocess_batch(generated_tokens, lang=target_code)
            
            return translations[0] if translations else text
            
        except Exception as e:
            print(f"❌ Translation error: {e}")
            return text
