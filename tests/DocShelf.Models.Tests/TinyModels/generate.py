#!/usr/bin/python3
"""Builds tiny BERT-shaped sentence-embedding models for DocShelf's tests, and their reference outputs.

The models are exported the way sentence-transformers exports a model for ONNX Runtime: model.onnx giving
last_hidden_state, vocab.txt, config.json, tokenizer_config.json, sentence_bert_config.json, modules.json and
1_Pooling/config.json. Weights are random but fixed by a seed. The reference outputs (token ids and pooled
embeddings for a few sentences) come from a separate NumPy implementation of the same tokenizer and network,
so the C# side is checked against arithmetic it does not share.

Needs Debian's python3-onnx and python3-numpy. Usage: generate.py OUTPUT_FOLDER [--layers N --hidden N ...]
"""
import argparse
import hashlib
import json
import math
import os
import unicodedata

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

WORDS = """the a of and to in was were is by at for on with from as it that this be had has have not
harbour harbor ferry pilot cutter lamp light lighthouse keeper breakwater gale storm wind north south east west
council minutes parish register survey river letters report commission dues tonnage ship ships brig boat relief
fever drains school water sluice gate copper engineer estimate pounds year years night day winter spring
archive archives catalogue cataloguing box boxes folder page pages scan scanned paper papers record records
warning gun fired times minutes glass lantern oil store hundred gallons signed clerk vicar church burial
""".split()
PIECES = ["##s", "##es", "##ed", "##ing", "##er", "##ly", "##'", "##a", "##e", "##i", "##o", "##u", "##n", "##r", "##t"]
SPECIAL = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
PUNCTUATION = list(".,;:!?'\"()-")
LETTERS = list("abcdefghijklmnopqrstuvwxyz0123456789")

SENTENCES = [
    "The harbour dues were nine hundred pounds.",
    "Fired the warning gun three times at intervals of ten minutes.",
    "Café DU Port: l'été à Ôstende!",
    "Lighthouses, harboured ships and surveyed rivers.",
    "Zyxwv qqq unknownword",
    "Price 5% \u2014 \u6587\u4e66 notes",  # not "\u20ac5": Microsoft.ML.Tokenizers splits currency signs off, BERT does not
    "",
    " ".join(["the ferry crossed the river"] * 20),
]


def vocabulary():
    return list(dict.fromkeys(SPECIAL + WORDS + PIECES + PUNCTUATION + LETTERS + ["##" + c for c in LETTERS]))  # each token once


# ---- WordPiece, written from the BERT paper's description -------------------------------------------------

def is_punctuation(ch):
    code = ord(ch)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


CJK_RANGES = [(0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0x20000, 0x2A6DF), (0x2A700, 0x2B73F), (0x2B740, 0x2B81F),
              (0x2B820, 0x2CEAF), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F)]


def is_cjk(ch):
    return any(low <= ord(ch) <= high for low, high in CJK_RANGES)


def basic_tokens(text):
    cleaned = "".join(" " if ch.isspace() else ch for ch in text
                      if not (ord(ch) == 0 or ord(ch) == 0xFFFD or unicodedata.category(ch) in ("Cc", "Cf") and not ch.isspace()))
    cleaned = "".join(f" {ch} " if is_cjk(ch) else ch for ch in cleaned)  # each CJK character is a word of its own
    tokens = []
    for word in cleaned.lower().split():
        word = "".join(ch for ch in unicodedata.normalize("NFD", word) if unicodedata.category(ch) != "Mn")
        current = ""
        for ch in word:
            if is_punctuation(ch):
                if current:
                    tokens.append(current)
                tokens.append(ch)
                current = ""
            else:
                current += ch
        if current:
            tokens.append(current)
    return tokens


def wordpiece(token, vocab):
    if len(token) > 100:
        return ["[UNK]"]
    pieces, start = [], 0
    while start < len(token):
        end, found = len(token), None
        while start < end:
            candidate = token[start:end] if start == 0 else "##" + token[start:end]
            if candidate in vocab:
                found = candidate
                break
            end -= 1
        if found is None:
            return ["[UNK]"]
        pieces.append(found)
        start = end
    return pieces


def encode(text, vocab, max_length):
    pieces = [p for t in basic_tokens(text) for p in wordpiece(t, vocab)][: max_length - 2]
    return [vocab["[CLS]"]] + [vocab[p] for p in pieces] + [vocab["[SEP]"]]


# ---- The network ------------------------------------------------------------------------------------------

def random_weights(rng, args, vocab_size):
    h, i = args.hidden, args.intermediate

    def matrix(*shape):
        return (rng.standard_normal(shape) * 0.08).astype(np.float32)

    weights = {
        "word": matrix(vocab_size, h), "position": matrix(args.max_positions, h), "type": matrix(2, h),
        "emb_gamma": (1 + matrix(h)).astype(np.float32), "emb_beta": matrix(h),
    }
    for layer in range(args.layers):
        for name, shape in [("q", (h, h)), ("k", (h, h)), ("v", (h, h)), ("o", (h, h)), ("up", (h, i)), ("down", (i, h))]:
            weights[f"l{layer}.{name}.w"] = matrix(*shape)
            weights[f"l{layer}.{name}.b"] = matrix(shape[1])
        for norm in ("ln1", "ln2"):
            weights[f"l{layer}.{norm}.gamma"] = (1 + matrix(h)).astype(np.float32)
            weights[f"l{layer}.{norm}.beta"] = matrix(h)
    return weights


def layer_norm(x, gamma, beta, eps=1e-12):
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * gamma + beta


def gelu(x):
    erf = np.vectorize(math.erf)
    return 0.5 * x * (1 + erf(x / math.sqrt(2)))


def reference_hidden(weights, args, ids):
    """The forward pass in float64, for one unpadded sequence."""
    w = {k: v.astype(np.float64) for k, v in weights.items()}
    ids = np.array(ids)
    x = w["word"][ids] + w["position"][np.arange(len(ids))] + w["type"][np.zeros(len(ids), dtype=int)]
    x = layer_norm(x, w["emb_gamma"], w["emb_beta"])
    heads, size = args.heads, args.hidden // args.heads
    for layer in range(args.layers):
        p = lambda name: (w[f"l{layer}.{name}.w"], w[f"l{layer}.{name}.b"])
        q, k, v = (x @ p(n)[0] + p(n)[1] for n in ("q", "k", "v"))
        split = lambda t: t.reshape(len(ids), heads, size).transpose(1, 0, 2)
        scores = split(q) @ split(k).transpose(0, 2, 1) / math.sqrt(size)
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        scores /= scores.sum(-1, keepdims=True)
        context = (scores @ split(v)).transpose(1, 0, 2).reshape(len(ids), args.hidden)
        x = layer_norm(x + context @ p("o")[0] + p("o")[1], w[f"l{layer}.ln1.gamma"], w[f"l{layer}.ln1.beta"])
        x = layer_norm(x + gelu(x @ p("up")[0] + p("up")[1]) @ p("down")[0] + p("down")[1], w[f"l{layer}.ln2.gamma"], w[f"l{layer}.ln2.beta"])
    return x


def pool(hidden, pooling, normalize):
    vector = hidden[0] if pooling == "cls" else hidden.mean(0)
    return vector / np.linalg.norm(vector) if normalize else vector


# ---- The ONNX graph ---------------------------------------------------------------------------------------

def build_graph(weights, args, with_token_types):
    nodes, inits = [], [numpy_helper.from_array(v, name=k) for k, v in weights.items()]

    def const(name, value, dtype=np.int64):
        inits.append(numpy_helper.from_array(np.array(value, dtype=dtype), name=name))
        return name

    def node(op, inputs, output, **attrs):
        nodes.append(helper.make_node(op, inputs, [output], **attrs))
        return output

    h, heads, size = args.hidden, args.heads, args.hidden // args.heads
    seq_len = node("Gather", [node("Shape", ["input_ids"], "shape"), const("one", 1)], "seq_len", axis=0)
    positions = node("Range", [const("zero", 0), seq_len, const("step", 1)], "positions")
    x = node("Add", [node("Gather", ["word", "input_ids"], "we"), node("Gather", ["position", positions], "pe")], "wpe")
    types = "token_type_ids" if with_token_types else node("Mul", ["input_ids", const("zero_ids", 0)], "zero_types")
    x = node("Add", [x, node("Gather", ["type", types], "te")], "emb")
    x = node("LayerNormalization", [x, "emb_gamma", "emb_beta"], "emb_norm", axis=-1, epsilon=1e-12)

    # Padding masked out: (1 - mask) * -1e4 added to every score, shaped [batch, 1, 1, seq].
    mask = node("Cast", ["attention_mask"], "mask_f", to=TensorProto.FLOAT)
    bias = node("Mul", [node("Sub", [const("one_f", 1.0, np.float32), mask], "inv_mask"), const("neg", -10000.0, np.float32)], "mask_bias")
    bias = node("Unsqueeze", [bias, const("mask_axes", [1, 2])], "mask_bias4")
    head_shape = const("head_shape", [0, -1, heads, size])
    merged_shape = const("merged_shape", [0, -1, h])
    scale = const("scale", 1.0 / math.sqrt(size), np.float32)
    for layer in range(args.layers):
        l = f"l{layer}"

        def dense(inp, name):
            return node("Add", [node("MatMul", [inp, f"{l}.{name}.w"], f"{l}.{name}.mm"), f"{l}.{name}.b"], f"{l}.{name}.out")

        def heads_of(t, name):
            return node("Transpose", [node("Reshape", [t, head_shape], f"{l}.{name}.r")], f"{l}.{name}.t", perm=[0, 2, 1, 3])

        q, k, v = (heads_of(dense(x, n), n) for n in ("q", "k", "v"))
        kt = node("Transpose", [k], f"{l}.kt", perm=[0, 1, 3, 2])
        scores = node("Add", [node("Mul", [node("MatMul", [q, kt], f"{l}.qk"), scale], f"{l}.scaled"), bias], f"{l}.masked")
        probs = node("Softmax", [scores], f"{l}.probs", axis=-1)
        context = node("Transpose", [node("MatMul", [probs, v], f"{l}.ctx")], f"{l}.ctx_t", perm=[0, 2, 1, 3])
        context = node("Reshape", [context, merged_shape], f"{l}.ctx_m")
        x = node("LayerNormalization", [node("Add", [x, dense(context, "o")], f"{l}.res1"), f"{l}.ln1.gamma", f"{l}.ln1.beta"], f"{l}.ln1", axis=-1, epsilon=1e-12)
        up = dense(x, "up")
        erf = node("Erf", [node("Div", [up, const(f"{l}.sqrt2", math.sqrt(2), np.float32)], f"{l}.up_s")], f"{l}.erf")
        gelu_out = node("Mul", [node("Mul", [up, node("Add", [erf, "one_f"], f"{l}.erf1")], f"{l}.g1"), const(f"{l}.half", 0.5, np.float32)], f"{l}.gelu")
        x = node("LayerNormalization", [node("Add", [x, dense(gelu_out, "down")], f"{l}.res2"), f"{l}.ln2.gamma", f"{l}.ln2.beta"], f"{l}.ln2", axis=-1, epsilon=1e-12)
    nodes.append(helper.make_node("Identity", [x], ["last_hidden_state"]))

    ids_type = lambda name: helper.make_tensor_value_info(name, TensorProto.INT64, ["batch", "sequence"])
    inputs = [ids_type("input_ids"), ids_type("attention_mask")] + ([ids_type("token_type_ids")] if with_token_types else [])
    output = helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT, ["batch", "sequence", h])
    graph = helper.make_graph(nodes, "docshelf_tiny_bert", inputs, [output], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="docshelf-fixtures")
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


def write_model(folder, weights, args, vocab, pooling, normalize, with_token_types):
    os.makedirs(os.path.join(folder, "1_Pooling"), exist_ok=True)
    onnx.save(build_graph(weights, args, with_token_types), os.path.join(folder, "model.onnx"))
    with open(os.path.join(folder, "vocab.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(vocab) + "\n")
    dump = lambda name, value: json.dump(value, open(os.path.join(folder, name), "w"), indent=2)
    dump("config.json", {"model_type": "bert", "hidden_size": args.hidden, "num_hidden_layers": args.layers,
                         "num_attention_heads": args.heads, "max_position_embeddings": args.max_positions, "vocab_size": len(vocab)})
    dump("tokenizer_config.json", {"do_lower_case": True, "model_max_length": args.max_length})
    dump("sentence_bert_config.json", {"max_seq_length": args.max_length, "do_lower_case": True})
    modules = [{"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
               {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"}]
    if normalize:
        modules.append({"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"})
    dump("modules.json", modules)
    dump("1_Pooling/config.json", {"word_embedding_dimension": args.hidden, "pooling_mode_cls_token": pooling == "cls",
                                   "pooling_mode_mean_tokens": pooling == "mean", "pooling_mode_max_tokens": False})


def write_manifest(folder, name, dimensions):
    """docshelf-model.json: what `docshelf models import` checks each file against."""
    files = []
    for root, _, names in os.walk(folder):
        for file_name in sorted(names):
            path = os.path.join(root, file_name)
            relative = os.path.relpath(path, folder)
            if relative == "docshelf-model.json":
                continue
            with open(path, "rb") as f:
                files.append({"path": relative, "sha256": hashlib.sha256(f.read()).hexdigest(), "bytes": os.path.getsize(path)})
    manifest = {"name": name, "kind": "embedding", "files": sorted(files, key=lambda f: f["path"]), "dimensions": dimensions,
                "licence": "random weights made by DocShelf's test generator; no licence needed",
                "source": "tests/DocShelf.Models.Tests/TinyModels/generate.py"}
    json.dump(manifest, open(os.path.join(folder, "docshelf-model.json"), "w"), indent=2)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("output")
    parser.add_argument("--layers", type=int, default=2)
    parser.add_argument("--hidden", type=int, default=32)
    parser.add_argument("--heads", type=int, default=4)
    parser.add_argument("--intermediate", type=int, default=64)
    parser.add_argument("--max-positions", type=int, default=64)
    parser.add_argument("--max-length", type=int, default=24)
    parser.add_argument("--variants", default="mean,cls", help="which models to write: mean (mean pooling, normalised, token types) and/or cls")
    parser.add_argument("--no-reference", action="store_true", help="skip the reference outputs (for large benchmark models)")
    args = parser.parse_args()

    vocab_list = vocabulary()
    vocab = {token: index for index, token in enumerate(vocab_list)}
    weights = random_weights(np.random.default_rng(20261124), args, len(vocab_list))
    variants = {"mean": ("mean", True, True), "cls": ("cls", False, False)}
    reference = {"sentences": SENTENCES, "tokens": [encode(s, vocab, args.max_length) for s in SENTENCES], "models": {}}
    for name in args.variants.split(","):
        pooling, normalize, with_types = variants[name]
        folder = os.path.join(args.output, f"tiny-bert-{name}")
        write_model(folder, weights, args, vocab_list, pooling, normalize, with_types)
        write_manifest(folder, f"tiny-bert-{name}", args.hidden)
        if not args.no_reference:
            reference["models"][f"tiny-bert-{name}"] = [
                [round(float(v), 7) for v in pool(reference_hidden(weights, args, ids), pooling, normalize)] for ids in reference["tokens"]]
    if not args.no_reference:
        json.dump(reference, open(os.path.join(args.output, "reference.json"), "w"), indent=1)


if __name__ == "__main__":
    main()
