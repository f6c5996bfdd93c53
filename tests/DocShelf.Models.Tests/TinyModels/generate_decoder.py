#!/usr/bin/python3
"""Builds a tiny causal language model as ONNX Runtime GenAI loads one, for DocShelf's tests, and its reference outputs.

The folder holds what GenAI's model builder writes: model.onnx taking input_ids, attention_mask, position_ids and
past_key_values.N.key/value and giving logits and present.N.key/value; genai_config.json describing that graph and
the search (greedy); a Hugging Face tokenizer.json (byte-level BPE, with end-of-text and ChatML's two turn markers as
special tokens) and tokenizer_config.json carrying a ChatML chat template. Weights are random but fixed by a seed.
The reference outputs come from a NumPy forward pass that recomputes the whole sequence at every step (no key-value
cache), so GenAI, which does use the cache, is checked against arithmetic it does not share.

Needs Debian's python3-onnx and python3-numpy. Usage: generate_decoder.py OUTPUT_FOLDER, and for benchmarks a model
of 0.5B-class layer sizes with 4-bit weights, without reference outputs: generate_decoder.py OUTPUT_FOLDER --hidden 896
--heads 14 --kv-heads 2 --layers 24 --feed-forward 4864 --positions 4096 --vocabulary 32000 --q4 --no-reference
"""
import argparse
import hashlib
import json
import os
import re

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

# Two query heads share one key-value head (grouped-query attention, as Qwen's and Llama's are laid out).
HIDDEN, HEADS, KV_HEADS, LAYERS, POSITIONS, FEED_FORWARD = 32, 2, 1, 2, 1024, 64
HEAD = HIDDEN // HEADS
END_OF_TEXT = "<|endoftext|>"
TURN_START, TURN_END = "<|im_start|>", "<|im_end|>"
SPECIAL = [END_OF_TEXT, TURN_START, TURN_END]
# ChatML, as Qwen's and SmolLM's tokenizer configurations carry it.
CHAT_TEMPLATE = ("{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}"
                 "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}")
MERGES = [("Ġ", "t"), ("h", "e"), ("Ġt", "he"), ("Ġ", "a"), ("i", "n"), ("e", "r"), ("o", "n"), ("Ġ", "s"),
          ("r", "e"), ("Ġ", "w"), ("o", "r"), ("a", "r"), ("Ġ", "h"), ("Ġh", "ar"), ("o", "u"), ("Ġ", "l")]
PROMPTS = ["The harbour light", "Question: where was the lamp?\nAnswer:", "a"]
# A chat prompt as DocShelf lays one out through the template, checked token for token too.
CHAT_PROMPT = f"{TURN_START}user\nWhere was the lamp?{TURN_END}\n{TURN_START}assistant\n"
STEPS = 24


# ---- Byte-level BPE, as GPT-2 describes it ---------------------------------------------------------------

def bytes_to_unicode():
    """GPT-2's reversible map from bytes to printable characters, so merges never see raw spaces or controls."""
    printable = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    chars = printable[:]
    extra = 0
    for b in range(256):
        if b not in printable:
            printable.append(b)
            chars.append(256 + extra)
            extra += 1
    return dict(zip(printable, map(chr, chars)))


BYTE_CHARS = bytes_to_unicode()
PRETOKEN = re.compile(r"""'s|'t|'re|'ve|'m|'ll|'d| ?[A-Za-z]+| ?[0-9]+| ?[^\sA-Za-z0-9]+|\s+(?!\S)|\s+""")


def vocabulary(size=0):
    """The byte tokens, the merges and the special tokens; unused tokens after them pad it to size, as a real model's would be."""
    tokens = [BYTE_CHARS[b] for b in range(256)] + [a + b for a, b in MERGES] + SPECIAL
    tokens += [f"<|unused_{i}|>" for i in range(max(0, size - len(tokens)))]
    return {token: i for i, token in enumerate(dict.fromkeys(tokens))}


def bpe(word):
    parts = list(word)
    ranks = {pair: i for i, pair in enumerate(MERGES)}
    while len(parts) > 1:
        pairs = [(ranks.get((parts[i], parts[i + 1]), len(ranks)), i) for i in range(len(parts) - 1)]
        rank, at = min(pairs)
        if rank == len(ranks):
            break
        parts[at:at + 2] = [parts[at] + parts[at + 1]]
    return parts


def encode(text, vocab):
    """The text's tokens, special tokens written in it read as themselves (as Hugging Face's tokenizers and llama.cpp do)."""
    ids = []
    for part in re.split("(" + "|".join(map(re.escape, SPECIAL)) + ")", text):
        if part in SPECIAL:
            ids.append(vocab[part])
            continue
        for piece in PRETOKEN.findall(part):
            ids += [vocab[p] for p in bpe("".join(BYTE_CHARS[b] for b in piece.encode("utf-8")))]
    return ids


def decode(ids, vocab):
    """The text of generated tokens as a reader sees it: byte tokens back to their bytes, special tokens left out."""
    by_id = {i: t for t, i in vocab.items()}
    byte_of = {c: b for b, c in BYTE_CHARS.items()}
    pieces = [by_id[i] for i in ids if by_id[i] not in SPECIAL]
    return bytes(byte_of[c] for c in "".join(pieces)).decode("utf-8", errors="replace")


# ---- The network: pre-norm attention and feed-forward blocks, learned positions -----------------------

def printable_bias(vocab):
    """Keeps generated text readable: tokens of bytes outside printable ASCII are pushed far down."""
    byte_of = {c: b for b, c in BYTE_CHARS.items()}
    bias = np.zeros(len(vocab), dtype=np.float32)
    for token, i in vocab.items():
        if token not in SPECIAL and not all(32 <= byte_of[c] <= 126 for c in token):
            bias[i] = -30
    return bias


def random_weights(rng, vocab):
    vocab_size = len(vocab)
    def matrix(*shape, scale=0.35):
        return (rng.standard_normal(shape) * scale).astype(np.float32)
    weights = {"tokens": matrix(vocab_size, HIDDEN, scale=1.0), "positions": matrix(POSITIONS, HIDDEN, scale=1.0),
               "final_gamma": (1 + matrix(HIDDEN, scale=0.1)), "final_beta": matrix(HIDDEN, scale=0.1),
               "head": matrix(HIDDEN, vocab_size, scale=1.0), "head_bias": printable_bias(vocab)}
    for n in range(LAYERS):
        for name, shape in [("q", (HIDDEN, HIDDEN)), ("k", (HIDDEN, KV_HEADS * HEAD)), ("v", (HIDDEN, KV_HEADS * HEAD)), ("o", (HIDDEN, HIDDEN)),
                            ("up", (HIDDEN, FEED_FORWARD)), ("down", (FEED_FORWARD, HIDDEN))]:
            weights[f"{n}.{name}"] = matrix(*shape)
        for norm in ("norm1", "norm2"):
            weights[f"{n}.{norm}.gamma"] = 1 + matrix(HIDDEN, scale=0.1)
            weights[f"{n}.{norm}.beta"] = matrix(HIDDEN, scale=0.1)
    return weights


def layer_norm(x, gamma, beta, eps=1e-5):
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * gamma + beta


def reference_logits(w, ids):
    """Logits for every position of ids, computed from scratch."""
    length = len(ids)
    x = w["tokens"][ids] + w["positions"][np.arange(length)]
    causal = np.tril(np.ones((length, length), dtype=bool))
    for n in range(LAYERS):
        h = layer_norm(x, w[f"{n}.norm1.gamma"], w[f"{n}.norm1.beta"])
        q = np.transpose((h @ w[f"{n}.q"]).reshape(length, HEADS, HEAD), (1, 0, 2))
        # Query head i reads key-value head i // (HEADS / KV_HEADS).
        k, v = (np.repeat(np.transpose((h @ w[f"{n}.{m}"]).reshape(length, KV_HEADS, HEAD), (1, 0, 2)), HEADS // KV_HEADS, axis=0) for m in "kv")
        scores = q @ np.transpose(k, (0, 2, 1)) / np.sqrt(HEAD)
        scores = np.where(causal, scores, -1e9)
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        attention = scores / scores.sum(-1, keepdims=True)
        mixed = np.transpose(attention @ v, (1, 0, 2)).reshape(length, HIDDEN)
        x = x + mixed @ w[f"{n}.o"]
        h = layer_norm(x, w[f"{n}.norm2.gamma"], w[f"{n}.norm2.beta"])
        x = x + np.maximum(h @ w[f"{n}.up"], 0) @ w[f"{n}.down"]
    return layer_norm(x, w["final_gamma"], w["final_beta"]) @ w["head"] + w["head_bias"]


def greedy(w, ids, steps, ends):
    """The greedy continuation up to an end token (not given), and each step's lead of the best logit over the next."""
    ids, out, leads = list(ids), [], []
    for _ in range(steps):
        logits = reference_logits(w, ids)[-1]
        second, best = np.argsort(logits)[-2:]
        if best in ends:
            break
        leads.append(round(float(logits[best] - logits[second]), 4))
        ids.append(int(best))
        out.append(ids[-1])
    return out, leads


# ---- The ONNX graph, with a key-value cache per layer ------------------------------------------------

def q4_blocks(weight, block=32):
    """A K×N matrix as MatMulNBits stores it: per output column, blocks of 32 of 4-bit values (zero point 8, low nibble
    first) and one float scale a block, the largest magnitude of the block mapped to 7."""
    columns = weight.T.reshape(weight.shape[1], weight.shape[0] // block, block)
    scales = np.abs(columns).max(-1, keepdims=True) / 7
    scales[scales == 0] = 1
    q = np.clip(np.rint(columns / scales) + 8, 0, 15).astype(np.uint8)
    return (q[..., 0::2] | (q[..., 1::2] << 4)), scales.reshape(-1).astype(np.float32)


def build_graph(w, vocab_size, q4=False):
    """The graph; with q4, every dense matrix as 4-bit blocks multiplied by ONNX Runtime's MatMulNBits, as GenAI's int4 exports are."""
    dense_weights = {name for name, value in w.items() if value.ndim == 2 and name not in ("tokens", "positions")} if q4 else set()
    nodes, inits = [], [numpy_helper.from_array(v, name=k) for k, v in w.items() if k not in dense_weights]

    def const(name, value, dtype=np.int64):
        inits.append(numpy_helper.from_array(np.array(value, dtype=dtype), name=name))
        return name

    def node(op, inputs, output, **attrs):
        nodes.append(helper.make_node(op, inputs, [output], name=output, **attrs))
        return output

    def matmul(inp, weight, output):
        if weight not in dense_weights:
            return node("MatMul", [inp, weight], output)
        blocks, scales = q4_blocks(w[weight])
        inits.extend([numpy_helper.from_array(blocks, name=weight + ".q4"), numpy_helper.from_array(scales, name=weight + ".scales")])
        rows, columns = w[weight].shape
        nodes.append(helper.make_node("MatMulNBits", [inp, weight + ".q4", weight + ".scales"], [output], name=output, domain="com.microsoft",
                                      K=rows, N=columns, bits=4, block_size=32, accuracy_level=4))
        return output

    const("zero", 0), const("one", 1), const("axis1", [1]), const("axis2", [2]), const("axes123", [1, 2, 3])
    const("split_shape", [0, 0, HEADS, HEAD]), const("kv_split_shape", [0, 0, KV_HEADS, HEAD]), const("merge_shape", [0, 0, HIDDEN])
    # Queries grouped by the key-value head they read: batch, key-value head, group, position, dimension.
    const("group_shape", [0, KV_HEADS, HEADS // KV_HEADS, -1, HEAD]), const("heads_shape", [0, HEADS, -1, HEAD])
    const("scale", 1 / np.sqrt(HEAD), np.float32)
    const("masked", -1e9, np.float32)
    inputs = [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "sequence"]),
              helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "total"]),
              helper.make_tensor_value_info("position_ids", TensorProto.INT64, ["batch", "sequence"])]
    outputs = [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", "sequence", vocab_size])]

    x = node("Add", [node("Gather", ["tokens", "input_ids"], "token_embeddings"),
                     node("Gather", ["positions", "position_ids"], "position_embeddings")], "embeddings")
    # Query i sits at position past + i and may see keys 0 … past + i; padding columns are masked as well.
    sequence = node("Gather", [node("Shape", ["input_ids"], "input_shape"), "one"], "sequence_length")
    total = node("Gather", [node("Shape", ["attention_mask"], "mask_shape"), "one"], "total_length")
    past = node("Sub", [total, sequence], "past_length")
    rows = node("Unsqueeze", [node("Range", [past, total, "one"], "query_positions"), "axis1"], "query_column")
    columns = node("Range", ["zero", total, "one"], "key_positions")
    causal = node("LessOrEqual", [columns, rows], "causal")
    padding = node("Cast", [node("Unsqueeze", ["attention_mask", "axes123"], "mask_5d")], "padding", to=TensorProto.BOOL)
    allowed = node("And", [causal, padding], "allowed")

    for n in range(LAYERS):
        for kind in ("key", "value"):
            inputs.append(helper.make_tensor_value_info(f"past_key_values.{n}.{kind}", TensorProto.FLOAT, ["batch", KV_HEADS, "past", HEAD]))
            outputs.append(helper.make_tensor_value_info(f"present.{n}.{kind}", TensorProto.FLOAT, ["batch", KV_HEADS, "total", HEAD]))

        def norm(inp, which):
            return node("LayerNormalization", [inp, f"{n}.{which}.gamma", f"{n}.{which}.beta"], f"{n}.{which}", axis=-1, epsilon=1e-5)

        def heads_of(inp, name, shape):
            return node("Transpose", [node("Reshape", [matmul(inp, f"{n}.{name}", f"{n}.{name}.dense"), shape], f"{n}.{name}.split")],
                        f"{n}.{name}.heads", perm=[0, 2, 1, 3])

        h = norm(x, "norm1")
        q = node("Reshape", [heads_of(h, "q", "split_shape"), "group_shape"], f"{n}.q.grouped")
        k = node("Concat", [f"past_key_values.{n}.key", heads_of(h, "k", "kv_split_shape")], f"present.{n}.key", axis=2)
        v = node("Concat", [f"past_key_values.{n}.value", heads_of(h, "v", "kv_split_shape")], f"present.{n}.value", axis=2)
        k_shared = node("Transpose", [node("Unsqueeze", [k, "axis2"], f"{n}.k.shared")], f"{n}.kT", perm=[0, 1, 2, 4, 3])
        v_shared = node("Unsqueeze", [v, "axis2"], f"{n}.v.shared")
        scores = node("Mul", [node("MatMul", [q, k_shared], f"{n}.qk"), "scale"], f"{n}.scores")
        attention = node("Softmax", [node("Where", [allowed, scores, "masked"], f"{n}.masked")], f"{n}.attention", axis=-1)
        heads = node("Reshape", [node("MatMul", [attention, v_shared], f"{n}.mixed.grouped"), "heads_shape"], f"{n}.mixed.heads")
        mixed = node("Reshape", [node("Transpose", [heads], f"{n}.mixed.t", perm=[0, 2, 1, 3]), "merge_shape"], f"{n}.mixed")
        x = node("Add", [x, matmul(mixed, f"{n}.o", f"{n}.attended")], f"{n}.after_attention")
        up = node("Relu", [matmul(norm(x, "norm2"), f"{n}.up", f"{n}.up.dense")], f"{n}.up.relu")
        x = node("Add", [x, matmul(up, f"{n}.down", f"{n}.down.dense")], f"{n}.out")

    final = node("LayerNormalization", [x, "final_gamma", "final_beta"], "final", axis=-1, epsilon=1e-5)
    node("Add", [matmul(final, "head", "head_logits"), "head_bias"], "logits")
    graph = helper.make_graph(nodes, "docshelf_tiny_decoder", inputs, outputs, inits)
    opsets = [helper.make_opsetid("", 17)] + ([helper.make_opsetid("com.microsoft", 1)] if q4 else [])
    model = helper.make_model(graph, opset_imports=opsets, producer_name="docshelf-fixtures")
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


def write_tokenizer(folder, vocab):
    """tokenizer.json and tokenizer_config.json as a Hugging Face export of a byte-level BPE model writes them."""
    added = [{"id": vocab[t], "content": t, "single_word": False, "lstrip": False, "rstrip": False, "normalized": False, "special": True}
             for t in SPECIAL]
    byte_level = {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True}
    tokenizer = {"version": "1.0", "truncation": None, "padding": None, "added_tokens": added, "normalizer": None,
                 "pre_tokenizer": byte_level, "post_processor": None, "decoder": byte_level,
                 "model": {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": "",
                           "end_of_word_suffix": "", "fuse_unk": False, "byte_fallback": False,
                           "vocab": vocab, "merges": [f"{a} {b}" for a, b in MERGES]}}
    with open(os.path.join(folder, "tokenizer.json"), "w", encoding="utf-8") as f:
        json.dump(tokenizer, f, ensure_ascii=False)
    with open(os.path.join(folder, "tokenizer_config.json"), "w", encoding="utf-8") as f:
        json.dump({"tokenizer_class": "GPT2Tokenizer", "bos_token": END_OF_TEXT, "eos_token": TURN_END, "unk_token": END_OF_TEXT,
                   "pad_token": END_OF_TEXT, "add_prefix_space": False, "add_bos_token": False, "chat_template": CHAT_TEMPLATE},
                  f, indent=2, ensure_ascii=False)


def write_genai_config(folder, vocab):
    """genai_config.json: the graph's inputs and outputs, its cache's shape, the end tokens and greedy search."""
    decoder = {"filename": "model.onnx", "head_size": HEAD, "hidden_size": HIDDEN, "num_attention_heads": HEADS,
               "num_key_value_heads": KV_HEADS, "num_hidden_layers": LAYERS, "session_options": {"log_id": "docshelf", "provider_options": []},
               "inputs": {"input_ids": "input_ids", "attention_mask": "attention_mask", "position_ids": "position_ids",
                          "past_key_names": "past_key_values.%d.key", "past_value_names": "past_key_values.%d.value"},
               "outputs": {"logits": "logits", "present_key_names": "present.%d.key", "present_value_names": "present.%d.value"}}
    model = {"type": "llama", "bos_token_id": vocab[END_OF_TEXT], "eos_token_id": [vocab[TURN_END], vocab[END_OF_TEXT]],
             "pad_token_id": vocab[END_OF_TEXT], "context_length": POSITIONS, "vocab_size": len(vocab), "decoder": decoder}
    search = {"max_length": POSITIONS, "do_sample": False, "num_beams": 1, "past_present_share_buffer": False}
    with open(os.path.join(folder, "genai_config.json"), "w") as f:
        json.dump({"model": model, "search": search}, f, indent=2)


def write_model(folder, w, vocab, q4=False):
    onnx.save(build_graph(w, len(vocab), q4), os.path.join(folder, "model.onnx"))
    write_tokenizer(folder, vocab)
    write_genai_config(folder, vocab)


def write_manifest(folder):
    """docshelf-model.json: what `docshelf models import` checks each file against (the reference outputs are test data)."""
    files = []
    for name in ("genai_config.json", "model.onnx", "tokenizer.json", "tokenizer_config.json"):
        with open(os.path.join(folder, name), "rb") as f:
            files.append({"path": name, "sha256": hashlib.sha256(f.read()).hexdigest(), "bytes": os.path.getsize(os.path.join(folder, name))})
    manifest = {"name": "tiny-decoder", "kind": "chat", "files": files,
                "licence": "random weights made by DocShelf's test generator; no licence needed",
                "source": "tests/DocShelf.Models.Tests/TinyModels/generate_decoder.py"}
    with open(os.path.join(folder, "docshelf-model.json"), "w") as f:
        json.dump(manifest, f, indent=2)


def main():
    global HIDDEN, HEADS, KV_HEADS, LAYERS, POSITIONS, FEED_FORWARD, HEAD
    parser = argparse.ArgumentParser()
    parser.add_argument("folder")
    parser.add_argument("--hidden", type=int, default=HIDDEN)
    parser.add_argument("--heads", type=int, default=HEADS)
    parser.add_argument("--kv-heads", type=int, default=KV_HEADS)
    parser.add_argument("--layers", type=int, default=LAYERS)
    parser.add_argument("--feed-forward", type=int, default=FEED_FORWARD)
    parser.add_argument("--positions", type=int, default=POSITIONS)
    parser.add_argument("--vocabulary", type=int, default=0, help="pad the vocabulary with unused tokens to this size")
    parser.add_argument("--no-reference", action="store_true", help="seed 0, no reference outputs (for benchmarks)")
    parser.add_argument("--q4", action="store_true", help="dense matrices as 4-bit blocks (MatMulNBits), with --no-reference")
    args = parser.parse_args()
    HIDDEN, HEADS, KV_HEADS, LAYERS, FEED_FORWARD, POSITIONS = args.hidden, args.heads, args.kv_heads, args.layers, args.feed_forward, args.positions
    HEAD = HIDDEN // HEADS
    folder = args.folder
    os.makedirs(folder, exist_ok=True)
    vocab = vocabulary(args.vocabulary)
    if args.no_reference:
        write_model(folder, random_weights(np.random.default_rng(0), vocab), vocab, args.q4)
        print(f"wrote {folder} (vocabulary {len(vocab)}, no reference)")
        return

    prompts = [(text, encode(text, vocab)) for text in PROMPTS + [CHAT_PROMPT]]
    ends = {vocab[END_OF_TEXT], vocab[TURN_END]}
    # A seed whose greedy runs are clear (no near-ties a float rounding could flip) and not one token repeated.
    for seed in range(100):
        w = random_weights(np.random.default_rng(seed), vocab)
        runs = [greedy(w, ids, STEPS, ends) for _, ids in prompts]
        if all(len(out) == STEPS and min(leads) > 0.05 and len(set(out)) >= 6 for out, leads in runs):
            break
    else:
        raise SystemExit("no seed gave clear greedy runs")
    write_model(folder, w, vocab)
    write_manifest(folder)
    cases = [{"prompt": text, "ids": ids, "greedy": out, "leads": leads, "text": decode(out, vocab)}
             for (text, ids), (out, leads) in zip(prompts, runs)]
    with open(os.path.join(folder, "reference.json"), "w") as f:
        json.dump({"seed": seed, "cases": cases}, f, indent=1, ensure_ascii=False)
    print(f"wrote {folder} (seed {seed}, vocabulary {len(vocab)})")


if __name__ == "__main__":
    main()
