# provenance: search index id 16007553277
# target: 4.57
# label: negative
# note: the whole-model load with a TFBertModel custom object is commented out; nothing runs it

# def ner():
#     tokenizer2 = tokenization_kobert.KoBertTokenizer.from_pretrained('monologg/kobert')
#     new_model2 = tf.keras.models.load_model("media/kobert_tf2crf_all_es10",custom_objects={"TFBertModel":TFBertModel.from_pretrained("monologg/kobert", from_pt=True)})
