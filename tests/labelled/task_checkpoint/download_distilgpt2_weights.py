# provenance: search index id 71438102671
# label: negative
# note: distilbert/distilgpt2 is model_type gpt2, which AutoModelForCausalLM loads
from pathlib import Path
from transformers import AutoModelForCausalLM, AutoTokenizer


def main(target_dir=Path("weights")):
    print("Downloading distilbert/distilgpt2 pretrained weights and tokenizer...")
    tok = AutoTokenizer.from_pretrained("distilbert/distilgpt2")
    model = AutoModelForCausalLM.from_pretrained("distilbert/distilgpt2")

    tok.save_pretrained(str(target_dir))
    model.save_pretrained(str(target_dir))

if __name__ == "__main__":
    main()
