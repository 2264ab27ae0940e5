# provenance: search index id 55456049901
# query: id2label
# rank: 6
# label: negative
# note: a constants module: four labels and their maps, no model in the file
LABEL2ID = {
    "emerging": 0,
    "mature": 1,
    "declining": 2,
    "experimental": 3,
}

ID2LABEL = {v: k for k, v in LABEL2ID.items()}
