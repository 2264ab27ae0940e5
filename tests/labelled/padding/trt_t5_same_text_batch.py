# provenance: search index id 2175025933
# label: negative
# note: padding=True on batch_size copies of one text pads nothing, and the ids go to an ONNX Runtime encoder, not a Transformers forward
from transformers import T5Config, T5Tokenizer


def execute_inference(self, metadata, inference_input, timing_profile, batch_size=1):
    hf_config = T5Config.from_pretrained(metadata.variant)
    tokenizer = T5Tokenizer.from_pretrained(metadata.variant)
    input_ids = tokenizer([inference_input] * batch_size, padding=True, return_tensors="pt").input_ids
    encoder_last_hidden_state, encoder_e2e_time = encoder_inference(
        self.t5_ort_encoder, input_ids, timing_profile
    )
    return encoder_last_hidden_state
