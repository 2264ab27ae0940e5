# provenance: search index id 43769330342
# label: positive
# note: a padded batch of masked sentences reaches T5ForConditionalGeneration with labels but no attention_mask; the encoder attends to the pads of every shorter sentence
from transformers import T5TokenizerFast, T5ForConditionalGeneration
from box import Box
import yaml
import datasets

if __name__ == '__main__':

    with open('config.yaml') as f:
        training_args = Box(yaml.load(f, Loader=yaml.FullLoader))

    model_name = training_args.train_args.model_name
    tokenizer = T5TokenizerFast.from_pretrained(model_name)
    model = T5ForConditionalGeneration.from_pretrained(model_name)

    max_input_length = 512
    max_target_length = 512

    mlm_dict = prepare_masks(data, labels)

    input_ids = tokenizer([sentence for sentence in mlm_dict['data']['masked_sentences']], return_tensors="pt",
                          max_length=max_input_length, truncation=True,  padding=True).input_ids
    labels_ids = tokenizer([sentence for sentence in mlm_dict['data']['masks_labels']], return_tensors="pt",
                           max_length=max_target_length, truncation=True,  padding=True).input_ids
    outputs = model(input_ids=input_ids, labels=labels_ids)  # expect: TFL101
    loss = outputs.loss
