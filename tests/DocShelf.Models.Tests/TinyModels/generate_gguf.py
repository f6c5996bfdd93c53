#!/usr/bin/python3
"""Writes a small llama-architecture GGUF file for DocShelf's in-process generation tests, and its reference outputs.

The file is laid out as llama.cpp reads a converted Llama model: GGUF version 3, the llama.* hyperparameters,
grouped-query attention, RMS norms, SwiGLU feed-forward and rotary positions on adjacent pairs (llama.cpp's "norm"
rotation), the byte-level BPE tokenizer of generate_decoder.py as tokenizer.ggml.* (model "gpt2"), and a chat template
in tokenizer.chat_template. Weights are random but fixed by a seed, stored as 32-bit floats, or as Q4_0 blocks for the
benchmark's model of realistic shape. The reference outputs come from a NumPy forward pass (over the weights as
stored, Q4_0 steps included) that recomputes the whole sequence at every step, so llama.cpp's greedy tokens are
checked against arithmetic it does not share.

Needs Debian's python3-numpy (and python3-onnx, which generate_decoder.py imports). Usage: generate_gguf.py OUTPUT_FOLDER,
and for benchmarks a model of 0.5B-class layer sizes, Q4_0, without reference outputs:
generate_gguf.py OUTPUT_FOLDER --hidden 896 --heads 14 --kv-heads 2 --layers 24 --feed-forward 4864 --context 4096
--vocabulary 32000 --q4 --no-reference
"""
import argparse
import json
import os
import re
import struct

import numpy as np

import generate_decoder as tokenizer

STEPS = 24
ALIGNMENT = 32
EPSILON = 1e-5
ROPE_BASE = 10000.0
# ChatML as Qwen's GGUF files carry it; llama.cpp recognises the family by its markers and applies its own copy.
CHAT_TEMPLATE = tokenizer.CHAT_TEMPLATE
TURN_START, TURN_END = tokenizer.TURN_START, tokenizer.TURN_END

# GGUF's value and tensor types, as gguf.h numbers them.
UINT32, FLOAT32, BOOL, STRING, ARRAY = 4, 6, 7, 8, 9
INT32 = 5
F32, Q4_0 = 0, 2


def random_weights(rng, shape):
    vocab, hidden, heads, kv_heads, layers, feed_forward = shape
    head = hidden // heads

    def matrix(*dims, scale):
        return (rng.standard_normal(dims, dtype=np.float32) * scale).astype(np.float32)

    weights = {"token_embd.weight": matrix(vocab, hidden, scale=1.0),
               "output_norm.weight": 1 + matrix(hidden, scale=0.1),
               "output.weight": matrix(vocab, hidden, scale=0.5)}
    for layer in range(layers):
        block = f"blk.{layer}."
        weights[block + "attn_norm.weight"] = 1 + matrix(hidden, scale=0.1)
        weights[block + "attn_q.weight"] = matrix(hidden, hidden, scale=0.25)
        weights[block + "attn_k.weight"] = matrix(kv_heads * head, hidden, scale=0.25)
        weights[block + "attn_v.weight"] = matrix(kv_heads * head, hidden, scale=0.25)
        weights[block + "attn_output.weight"] = matrix(hidden, hidden, scale=0.25)
        weights[block + "ffn_norm.weight"] = 1 + matrix(hidden, scale=0.1)
        weights[block + "ffn_gate.weight"] = matrix(feed_forward, hidden, scale=0.25)
        weights[block + "ffn_up.weight"] = matrix(feed_forward, hidden, scale=0.25)
        weights[block + "ffn_down.weight"] = matrix(hidden, feed_forward, scale=0.25)
    return weights


# ---- The reference: the whole sequence again at every step ----------------------------------------------------

def rms_norm(x, gain):
    return x / np.sqrt((x * x).mean(-1, keepdims=True) + EPSILON) * gain


def rotate(x, positions):
    """Rotary positions on adjacent pairs (x0, x1), (x2, x3), ...: llama.cpp's rotation for the llama architecture."""
    dims = x.shape[-1]
    angles = positions[:, None] * ROPE_BASE ** (-np.arange(0, dims, 2) / dims)[None, :]
    cos, sin = np.cos(angles)[:, None, :], np.sin(angles)[:, None, :]
    even, odd = x[..., 0::2], x[..., 1::2]
    rotated = np.empty_like(x)
    rotated[..., 0::2] = even * cos - odd * sin
    rotated[..., 1::2] = even * sin + odd * cos
    return rotated


def q8_0(x):
    """What llama.cpp multiplies a Q4_0 matrix by: the input rounded to 8-bit steps in blocks of 32 (ggml's Q8_0)."""
    blocks = x.reshape(-1, 32).astype(np.float32)
    scale = np.abs(blocks).max(axis=1) / np.float32(127)
    inverse = np.divide(np.float32(1), scale, out=np.zeros_like(scale), where=scale != 0)
    steps = np.round(blocks * inverse[:, None])  # rounded with the scale as worked out, multiplied by it as stored
    return (steps * scale.astype("<f2").astype(np.float64)[:, None]).reshape(x.shape)


def half(x):
    return x.astype(np.float16).astype(np.float64)


def reference_logits(weights, shape, ids, quantised=False):
    _, hidden, heads, kv_heads, layers, _ = shape
    head = hidden // heads
    w = {name: value.astype(np.float64) for name, value in weights.items()}
    rounded = q8_0 if quantised else (lambda x: x)

    def project(x, name):
        return rounded(x) @ w[name].T

    x = w["token_embd.weight"][ids]
    count = len(ids)
    positions = np.arange(count, dtype=np.float64)
    causal = np.triu(np.full((count, count), -np.inf), 1)
    for layer in range(layers):
        block = f"blk.{layer}."
        h = rms_norm(x, w[block + "attn_norm.weight"])
        # llama.cpp keeps keys and values in half precision, and its attention reads the queries so too.
        q = half(rotate(project(h, block + "attn_q.weight").reshape(count, heads, head), positions))
        k = half(rotate(project(h, block + "attn_k.weight").reshape(count, kv_heads, head), positions))
        v = half(project(h, block + "attn_v.weight").reshape(count, kv_heads, head))
        k, v = np.repeat(k, heads // kv_heads, axis=1), np.repeat(v, heads // kv_heads, axis=1)
        scores = np.einsum("thd,shd->hts", q, k) / np.sqrt(head) + causal
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        scores /= scores.sum(-1, keepdims=True)
        x = x + project(np.einsum("hts,shd->thd", scores, v).reshape(count, hidden), block + "attn_output.weight")
        h = rms_norm(x, w[block + "ffn_norm.weight"])
        gate = project(h, block + "ffn_gate.weight")
        x = x + project((gate / (1 + np.exp(-gate))) * project(h, block + "ffn_up.weight"), block + "ffn_down.weight")
    return project(rms_norm(x, w["output_norm.weight"]), "output.weight")


def greedy(weights, shape, ids, steps, quantised, ends):
    """The tokens greedy decoding picks before one of the end tokens, each with its lead over the runner-up: where
    the lead is a few hundredths, rounding that llama.cpp does differently (its 8-bit inputs to Q4_0 matrices are
    summed in its own order) may pick the other token, and a check should stop comparing there."""
    ids, generated, leads = list(ids), [], []
    for _ in range(steps):
        logits = reference_logits(weights, shape, ids, quantised)[-1]
        second, best = np.argsort(logits)[-2:]
        if int(best) in ends:
            break
        generated.append(int(best))
        leads.append(round(float(logits[best] - logits[second]), 4))
        ids.append(int(best))
    return generated, leads


# ---- GGUF ---------------------------------------------------------------------------------------------------------

def gguf_string(text):
    data = text.encode("utf-8")
    return struct.pack("<Q", len(data)) + data


def entry(key, kind, value):
    return gguf_string(key) + struct.pack("<I", kind) + value


def strings(values):
    return struct.pack("<IQ", STRING, len(values)) + b"".join(gguf_string(v) for v in values)


def metadata(shape, vocab, context, quantise):
    vocab_size, hidden, heads, kv_heads, layers, feed_forward = shape
    tokens = [token for token, _ in sorted(vocab.items(), key=lambda pair: pair[1])]
    special = set(tokenizer.SPECIAL)
    token_types = [3 if token in special or token.startswith("<|unused_") else 1 for token in tokens]
    return [
        entry("general.architecture", STRING, gguf_string("llama")),
        entry("general.name", STRING, gguf_string("docshelf-tiny-llama")),
        entry("general.license", STRING, gguf_string("random weights made by DocShelf's test generator; no licence needed")),
        entry("general.alignment", UINT32, struct.pack("<I", ALIGNMENT)),
        entry("general.file_type", UINT32, struct.pack("<I", 2 if quantise else 0)),  # llama.cpp's MOSTLY_Q4_0, ALL_F32
        entry("llama.context_length", UINT32, struct.pack("<I", context)),
        entry("llama.embedding_length", UINT32, struct.pack("<I", hidden)),
        entry("llama.block_count", UINT32, struct.pack("<I", layers)),
        entry("llama.feed_forward_length", UINT32, struct.pack("<I", feed_forward)),
        entry("llama.attention.head_count", UINT32, struct.pack("<I", heads)),
        entry("llama.attention.head_count_kv", UINT32, struct.pack("<I", kv_heads)),
        entry("llama.attention.layer_norm_rms_epsilon", FLOAT32, struct.pack("<f", EPSILON)),
        entry("llama.rope.freq_base", FLOAT32, struct.pack("<f", ROPE_BASE)),
        entry("llama.vocab_size", UINT32, struct.pack("<I", vocab_size)),
        entry("tokenizer.ggml.model", STRING, gguf_string("gpt2")),
        entry("tokenizer.ggml.pre", STRING, gguf_string("gpt-2")),
        entry("tokenizer.ggml.tokens", ARRAY, strings(tokens)),
        entry("tokenizer.ggml.token_type", ARRAY, struct.pack("<IQ", INT32, len(tokens)) + struct.pack(f"<{len(tokens)}i", *token_types)),
        entry("tokenizer.ggml.merges", ARRAY, strings([a + " " + b for a, b in tokenizer.MERGES])),
        entry("tokenizer.ggml.bos_token_id", UINT32, struct.pack("<I", vocab[tokenizer.END_OF_TEXT])),
        entry("tokenizer.ggml.eos_token_id", UINT32, struct.pack("<I", vocab[TURN_END])),  # as in Qwen's instruct models
        entry("tokenizer.ggml.add_bos_token", BOOL, struct.pack("<?", False)),
        entry("tokenizer.chat_template", STRING, gguf_string(CHAT_TEMPLATE)),
    ]


def q4_0_blocks(values):
    """ggml's reference Q4_0: blocks of 32 weights, a half-precision scale (the largest magnitude's value over -8) and 4-bit steps."""
    blocks = values.reshape(-1, 32).astype(np.float32)
    largest = blocks[np.arange(len(blocks)), np.abs(blocks).argmax(axis=1)]
    scale = largest / -8
    inverse = np.divide(1, scale, out=np.zeros_like(scale), where=scale != 0)
    steps = np.minimum(15, (blocks * inverse[:, None] + 8.5).astype(np.int8)).astype(np.uint8)
    return scale.astype("<f2"), steps


def q4_0(values):
    scale, steps = q4_0_blocks(values)
    packed = steps[:, :16] | (steps[:, 16:] << 4)
    return np.concatenate([scale.view(np.uint8).reshape(-1, 2), packed], axis=1).tobytes()


def quantisable(name, value):
    return value.ndim == 2 and value.shape[1] % 32 == 0 and "norm" not in name


def as_stored(weights, quantise):
    """The weights as llama.cpp will read them back: Q4_0 matrices rounded to their steps, for the reference."""
    if not quantise:
        return weights
    stored = {}
    for name, value in weights.items():
        if quantisable(name, value):
            scale, steps = q4_0_blocks(value)
            value = ((steps.astype(np.float32) - 8) * scale.astype(np.float32)[:, None]).reshape(value.shape)
        stored[name] = value
    return stored


def tensor_bytes(name, value, quantise):
    if quantise and quantisable(name, value):
        return Q4_0, q4_0(value)
    return F32, value.astype("<f4").tobytes()


def write_gguf(path, weights, shape, vocab, context, quantise):
    infos, data = b"", bytearray()
    for name, value in weights.items():
        kind, raw = tensor_bytes(name, value, quantise)
        data += b"\0" * (-len(data) % ALIGNMENT)
        dims = list(reversed(value.shape))  # ggml lists the fastest-moving dimension first
        infos += gguf_string(name) + struct.pack("<I", len(dims)) + struct.pack(f"<{len(dims)}Q", *dims) + struct.pack("<IQ", kind, len(data))
        data += raw
    entries = metadata(shape, vocab, context, quantise)
    header = b"GGUF" + struct.pack("<IQQ", 3, len(weights), len(entries)) + b"".join(entries) + infos
    header += b"\0" * (-len(header) % ALIGNMENT)
    with open(path, "wb") as file:
        file.write(header)
        file.write(data)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("output")
    parser.add_argument("--hidden", type=int, default=64)
    parser.add_argument("--heads", type=int, default=4)
    parser.add_argument("--kv-heads", type=int, default=2)
    parser.add_argument("--layers", type=int, default=2)
    parser.add_argument("--feed-forward", type=int, default=128)
    parser.add_argument("--context", type=int, default=512)
    parser.add_argument("--vocabulary", type=int, default=0, help="pad the vocabulary with unused tokens to this size")
    parser.add_argument("--q4", action="store_true", help="store the matrices as Q4_0 blocks")
    parser.add_argument("--no-reference", action="store_true")
    args = parser.parse_args()

    os.makedirs(args.output, exist_ok=True)
    vocab = tokenizer.vocabulary(args.vocabulary)
    shape = (len(vocab), args.hidden, args.heads, args.kv_heads, args.layers, args.feed_forward)
    weights = random_weights(np.random.default_rng(31), shape)
    write_gguf(os.path.join(args.output, "model.gguf"), weights, shape, vocab, args.context, args.q4)
    if args.no_reference:
        return
    cases = []
    ends = {vocab[tokenizer.END_OF_TEXT], vocab[tokenizer.TURN_END]}
    for prompt in tokenizer.PROMPTS + [tokenizer.CHAT_PROMPT]:
        ids = tokenizer.encode(prompt, vocab)
        tokens, leads = greedy(as_stored(weights, args.q4), shape, ids, STEPS, args.q4, ends)
        cases.append({"prompt": prompt, "ids": ids, "greedy": tokens, "leads": leads, "text": tokenizer.decode(tokens, vocab)})
    with open(os.path.join(args.output, "reference.json"), "w") as file:
        json.dump({"cases": cases}, file, indent=1)


if __name__ == "__main__":
    main()
