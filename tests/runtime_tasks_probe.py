"""Child process of test_runtime_tasks.py: build a tiny offline hub, run each probe, print JSON.

Usage: ``python runtime_tasks_probe.py HUB_ROOT PROBES.json`` with the tiny hub's environment already
set (``tinyhub.hub_environment``), so that huggingface_hub reads it at import. Each probe is
``{"kind": ..., ...}``; each result says what happened: ``error`` ("TypeError: ..."), the loaded
class, and the warnings transformers logged.
"""

import inspect
import io
import json
import logging
import os
import sys
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import tinyhub  # noqa: E402


def t5_builder(folder):
    from transformers import T5Config, T5ForConditionalGeneration

    tinyhub._byte_level_tokenizer(folder, "<s>", "</s>", "<unk>", add_bos=False)
    config = T5Config(vocab_size=400, d_model=32, d_kv=8, d_ff=64, num_layers=2, num_heads=4, pad_token_id=0,
                      eos_token_id=1, decoder_start_token_id=0)
    tinyhub._save_model(T5ForConditionalGeneration(config), folder)


def bart_builder(folder):
    from transformers import BartConfig, BartForConditionalGeneration

    tinyhub._byte_level_tokenizer(folder, "<s>", "</s>", "<unk>", add_bos=False)
    config = BartConfig(vocab_size=400, d_model=32, encoder_layers=1, decoder_layers=1, encoder_attention_heads=2,
                        decoder_attention_heads=2, encoder_ffn_dim=64, decoder_ffn_dim=64, max_position_embeddings=64)
    tinyhub._save_model(BartForConditionalGeneration(config), folder)


def vit_builder(folder):
    from transformers import ViTConfig, ViTForImageClassification

    # Written by hand: the image processor class needs PIL and torchvision, which this test does not.
    with open(os.path.join(folder, "preprocessor_config.json"), "w") as f:
        json.dump({"image_processor_type": "ViTImageProcessor", "size": {"height": 32, "width": 32}}, f)
    config = ViTConfig(image_size=32, patch_size=8, hidden_size=32, num_hidden_layers=1, num_attention_heads=2,
                       intermediate_size=64, num_labels=2)
    tinyhub._save_model(ViTForImageClassification(config), folder)


BUILDERS = {"gpt2": tinyhub.gpt2_builder, "bert": tinyhub.bert_builder, "llama": tinyhub.llama_builder,
            "t5": t5_builder, "bart": bart_builder, "vit": vit_builder}


def _capture():
    import transformers

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logger = transformers.logging.get_logger("transformers")
    logger.addHandler(handler)
    transformers.logging.set_verbosity_warning()
    return stream, lambda: logger.removeHandler(handler)


def run(probe):
    import transformers

    stream, done = _capture()
    result = {"error": None, "loaded": None}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            kind = probe["kind"]
            if kind == "load":
                owner = getattr(transformers, probe["cls"])
                if probe.get("from_config"):
                    model = owner.from_config(transformers.AutoConfig.from_pretrained(probe["checkpoint"]))
                elif probe.get("loading_info"):
                    model, info = owner.from_pretrained(probe["checkpoint"], output_loading_info=True,
                                                        **probe.get("kwargs", {}))
                    # The share of the model's weights that the checkpoint did not provide.
                    result["missing"] = len(info["missing_keys"]) / max(1, len(model.state_dict()))
                else:
                    model = owner.from_pretrained(probe["checkpoint"], **probe.get("kwargs", {}))
                result["loaded"] = type(model).__name__
            elif kind == "pipeline":
                # The model the pipeline would run: 5.24 picks it before it builds the preprocessors.
                from transformers.pipelines import PIPELINE_REGISTRY
                from transformers.pipelines.base import load_model

                _, info, _ = PIPELINE_REGISTRY.check_task(probe["task"])
                config = transformers.AutoConfig.from_pretrained(probe["checkpoint"])
                chosen = load_model(probe["checkpoint"], config=config, model_classes=info["pt"], task=probe["task"])
                result["chosen"] = type(chosen).__name__
                pipe = transformers.pipeline(probe["task"], model=probe["checkpoint"])
                result["loaded"] = type(pipe.model).__name__
                if probe.get("input") is not None:
                    pipe(probe["input"])  # the first call
            elif kind == "construct":
                owner = getattr(transformers, probe["cls"])
                if probe.get("bind_only"):
                    inspect.signature(owner).bind(**probe["kwargs"])
                else:
                    owner(**probe["kwargs"])
                result["loaded"] = probe["cls"]
    except Exception as exc:  # the symptom, or a broken probe: the test decides
        result["error"] = f"{type(exc).__name__}: {exc}"[:500]
    finally:
        done()
    result["log"] = stream.getvalue()[-3000:]
    return result


if __name__ == "__main__":
    root, probes_path = sys.argv[1], sys.argv[2]
    with open(probes_path) as f:
        spec = json.load(f)
    tinyhub.build_hub(root, [(name, BUILDERS[model_type]) for name, model_type in spec["hub"]])
    import transformers  # noqa: F401

    results = [run(p) for p in spec["probes"]]
    sys.stdout.write("\n@@RESULTS@@" + json.dumps(results))
