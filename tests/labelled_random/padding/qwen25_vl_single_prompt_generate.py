# provenance: search index id 58310314765 [imports, transcribe_one, the model loading of main]
# query: padding=True
# rank: 10
# label: negative
# note: one prompt (text=[text]) per processor call, so nothing is padded; generate gets **inputs anyway
import argparse
import json
import random
import re
from pathlib import Path

import pandas as pd
import torch
from PIL import Image

from transformers import Qwen2_5_VLForConditionalGeneration, AutoProcessor
from qwen_vl_utils import process_vision_info

from prompt_template import (
    SYSTEM_PROMPT,
    USER_PROMPT_TEMPLATE,
    FEWSHOT_INSTRUCTION,
)


MODEL_NAME = "Qwen/Qwen2.5-VL-3B-Instruct"


def transcribe_one(
    model,
    processor,
    image_path: Path,
    fewshot_examples,
    images_dir: Path,
):
    """
    Run one image through Qwen2.5-VL.
    """

    messages = build_messages(
        image_path,
        fewshot_examples,
        images_dir,
    )

    text = processor.apply_chat_template(
        messages,
        tokenize=False,
        add_generation_prompt=True,
    )

    image_inputs, video_inputs = process_vision_info(
        messages
    )

    inputs = processor(
        text=[text],
        images=image_inputs,
        videos=video_inputs,
        padding=True,
        return_tensors="pt",
    )

    inputs = inputs.to(model.device)

    with torch.inference_mode():

        generated_ids = model.generate(
            **inputs,
            max_new_tokens=250,
            do_sample=False,
        )

    # Remove input tokens from generated output
    generated_ids_trimmed = [
        out_ids[len(in_ids):]
        for in_ids, out_ids in zip(
            inputs.input_ids,
            generated_ids,
        )
    ]

    output_text = processor.batch_decode(
        generated_ids_trimmed,
        skip_special_tokens=True,
        clean_up_tokenization_spaces=False,
    )[0].strip()

    parsed = clean_json_text(output_text)

    return normalize_result(parsed)


def main():

    model = Qwen2_5_VLForConditionalGeneration.from_pretrained(
        MODEL_NAME,
        torch_dtype="auto",
        device_map="auto",
    )

    processor = AutoProcessor.from_pretrained(
        MODEL_NAME,
        min_pixels=256 * 28 * 28,
        max_pixels=1280 * 28 * 28,
    )
