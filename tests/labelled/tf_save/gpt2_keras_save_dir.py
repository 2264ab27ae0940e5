# provenance: hootan09/python_notebook Code/gpt2/gpt2_save.py a08466b0a130f19f828987cca73db8ea3c46b900
# target: 4.57
# label: positive
# note: TFGPT2LMHeadModel.from_pretrained("gpt2") written with Keras model.save("./test_gpt2"): a SavedModel without config.json that from_pretrained cannot load; save_pretrained is the way
from transformers import TFGPT2LMHeadModel, GPT2Tokenizer
import os
import tensorflow as tf


if __name__ == "__main__":
    # Hide GPU from visible devices
    tf.config.set_visible_devices([], 'GPU')
    
    tokenizer = GPT2Tokenizer.from_pretrained("gpt2")
    # add the EOS token as PAD token to avoid warnings
    model = TFGPT2LMHeadModel.from_pretrained("gpt2", pad_token_id=tokenizer.eos_token_id)
    model.save("./test_gpt2")  # expect: TFL201
