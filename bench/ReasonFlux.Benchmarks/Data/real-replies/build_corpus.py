#!/usr/bin/env python3
"""Builds real-replies.jsonl: (gold, real model reply) pairs from public evaluation outputs.

Inputs are git mirrors of the source repositories (see SOURCES.md); each is read at a fixed commit with
`git show`, so a rebuild gives the same rows. Reference verdicts come from Math-Verify (run separately by
verdicts.py) so this step needs nothing beyond the standard library.

usage: build_corpus.py MIRROR_ROOT OUT.jsonl
"""
import ast
import hashlib
import json
import re
import subprocess
import sys

MAX_REPLY_BYTES = 20_000

ZEROEVAL = ("yuchenlin/ZeroEval", "yuchenlin+ZeroEval")
GSM8K_OPENAI = ("openai/grade-school-math", "openai+grade-school-math")
THEOREMQA = ("TIGER-AI-Lab/TheoremQA", "TIGER-AI-Lab+TheoremQA")
TORA = ("microsoft/ToRA", "microsoft+ToRA")

# (file stem, model name as published, family, rows to take)
ZEROEVAL_MATH = [
    ("Qwen2.5-7B-Instruct", "Qwen2.5-7B-Instruct", "qwen", 60),
    ("Qwen2.5-72B-Instruct", "Qwen2.5-72B-Instruct", "qwen", 60),
    ("Qwen2-7B-Instruct", "Qwen2-7B-Instruct", "qwen", 30),
    ("Meta-Llama-3.1-8B-Instruct", "Llama-3.1-8B-Instruct", "llama", 60),
    ("Meta-Llama-3.1-70B-Instruct", "Llama-3.1-70B-Instruct", "llama", 60),
    ("gemma-2-9b-it", "gemma-2-9b-it", "gemma", 60),
    ("gemma-2-27b-it", "gemma-2-27b-it", "gemma", 60),
    ("gemma-2-2b-it", "gemma-2-2b-it", "gemma", 30),
    ("deepseek-v2.5-0908", "DeepSeek-V2.5", "deepseek", 60),
    ("chatgpt-4o-latest-24-09-07", "chatgpt-4o-latest", "gpt", 60),
    ("claude-3-5-sonnet-20240620", "claude-3.5-sonnet", "claude", 40),
    ("Mistral-Large-2", "Mistral-Large-2", "mistral", 40),
    ("Phi-3.5-mini-instruct", "Phi-3.5-mini-instruct", "phi", 30),
]
ZEROEVAL_GSM = [
    ("Meta-Llama-3.1-8B-Instruct", "Llama-3.1-8B-Instruct", "llama", 30),
    ("gemma-2-9b-it", "gemma-2-9b-it", "gemma", 30),
    ("Qwen2-72B-Instruct", "Qwen2-72B-Instruct", "qwen", 30),
    ("deepseek-chat", "DeepSeek-V2-chat", "deepseek", 30),
    ("gpt-4o-mini-2024-07-18", "gpt-4o-mini", "gpt", 30),
]
GSM8K_VARIANTS = [
    ("6b_finetuning", "GPT-3-6B-finetuned", 50),
    ("6b_verification", "GPT-3-6B-verifier", 50),
    ("175b_finetuning", "GPT-3-175B-finetuned", 50),
    ("175b_verification", "GPT-3-175B-verifier", 50),
]
THEOREMQA_FILES = [
    ("outputs/Mistral_7B_v0.1_5shots_mistral.jsonl", "Mistral-7B-v0.1", "mistral", 80),
    ("outputs/Mistral_7B_Base_V0.2_5shots_mistral.jsonl", "Mistral-7B-v0.2", "mistral", 60),
    ("outputs/internlm2_math_20b_5shots_short.jsonl", "internlm2-math-20b", "internlm", 60),
]


def git(mirror_root, folder, *args):
    return subprocess.run(["git", "--git-dir", f"{mirror_root}/{folder}/repo", *args],
                          check=True, capture_output=True).stdout


def head(mirror_root, folder):
    return git(mirror_root, folder, "rev-parse", "HEAD").decode().strip()


def show(mirror_root, folder, path):
    return git(mirror_root, folder, "show", f"HEAD:{path}").decode("utf-8")


def pick(rows, key, n, salt):
    """Deterministic sample: the n rows whose salted hash of their key is smallest."""
    scored = sorted(rows, key=lambda r: hashlib.sha256(f"{salt}|{key(r)}".encode()).hexdigest())
    return scored[:n]


def fits(reply):
    return reply.strip() and len(reply.encode("utf-8")) <= MAX_REPLY_BYTES


def zeroeval(mirror_root, bench_dir, benchmark, table):
    repo, folder = ZEROEVAL
    commit = head(mirror_root, folder)
    for stem, model, family, n in table:
        path = f"result_dirs/{bench_dir}/{stem}.json"
        items = json.loads(show(mirror_root, folder, path))
        usable = []
        for it in items:
            outputs = ast.literal_eval(it["output"]) if isinstance(it["output"], str) else it["output"]
            reply = outputs[0] if outputs else ""
            if fits(reply):
                usable.append((it, reply))
        for it, reply in pick(usable, lambda p: p[0]["id"], n, f"{bench_dir}/{stem}"):
            yield {
                "source": {"repo": repo, "path": path, "commit": commit, "license": "Apache-2.0"},
                "model": model, "family": family, "benchmark": benchmark,
                "problem_id": str(it["id"]),
                "gold": it["answer"].replace("#", "").strip(),
                "reply": reply,
                "answer_format": "json-answer-field",
                "harness_verdict": None,
            }


def gsm8k_openai(mirror_root):
    repo, folder = GSM8K_OPENAI
    commit = head(mirror_root, folder)
    path = "grade_school_math/data/example_model_solutions.jsonl"
    lines = [json.loads(l) for l in show(mirror_root, folder, path).splitlines() if l.strip()]
    for index, row in enumerate(lines):
        row["_index"] = index
    for variant, model, n in GSM8K_VARIANTS:
        usable = [r for r in lines if fits(r[variant]["solution"])]
        for row in pick(usable, lambda r: r["_index"], n, variant):
            gold = re.search(r"A:\s*(.+)\s*$", row["ground_truth"]).group(1).strip()
            yield {
                "source": {"repo": repo, "path": path, "commit": commit, "license": "MIT"},
                "model": model, "family": "gpt3", "benchmark": "GSM8K",
                "problem_id": f"test-{row['_index']}",
                "gold": gold,
                "reply": row[variant]["solution"],
                "answer_format": "final-line-A:",
                "harness_verdict": bool(row[variant]["is_correct"]),
            }


def theoremqa(mirror_root):
    repo, folder = THEOREMQA
    commit = head(mirror_root, folder)
    for path, model, family, n in THEOREMQA_FILES:
        lines = [json.loads(l) for l in show(mirror_root, folder, path).splitlines() if l.strip()]
        for index, row in enumerate(lines):
            row["_index"] = index
        usable = [r for r in lines if fits(r["solution"])]
        for row in pick(usable, lambda r: r["_index"], n, path):
            gold = row["correct"][0] if isinstance(row["correct"], list) else row["correct"]
            yield {
                "source": {"repo": repo, "path": path, "commit": commit, "license": "MIT"},
                "model": model, "family": family, "benchmark": "TheoremQA",
                "problem_id": f"row-{row['_index']}",
                "gold": str(gold),
                "reply": row["solution"],
                "answer_format": "free-text",
                "harness_verdict": None,
                "harness_pred": row.get("pred"),
            }

TORA_FILES = [
    ("src/outputs/llm-agents/tora-70b-v1.0/gsm8k/test_tora_-1_seed0_t0.0_s0_e1319.jsonl", "ToRA-70B (Llama-2)", "llama", 60),
    ("src/outputs/llm-agents/tora-code-34b-v1.0/gsm8k/test_tora_-1_seed0_t0.0_s0_e1319.jsonl", "ToRA-Code-34B (CodeLlama)", "llama", 60),
]


def tora(mirror_root):
    """Tool-integrated replies: program, its printed output, then a sentence with \\boxed{}."""
    repo, folder = TORA
    commit = head(mirror_root, folder)
    for path, model, family, n in TORA_FILES:
        lines = [json.loads(l) for l in show(mirror_root, folder, path).splitlines() if l.strip()]
        usable = []
        for row in lines:
            codes = ast.literal_eval(row["code"]) if isinstance(row["code"], str) else row["code"]
            if codes and fits(codes[0]):
                usable.append((row, codes[0]))
        for row, reply in pick(usable, lambda p: p[0]["idx"], n, path):
            preds = ast.literal_eval(row["pred"]) if isinstance(row["pred"], str) else row["pred"]
            yield {
                "source": {"repo": repo, "path": path, "commit": commit, "license": "MIT"},
                "model": model, "family": family, "benchmark": "GSM8K",
                "problem_id": f"test-{row['idx']}",
                "gold": str(row["gt"]),
                "reply": reply,
                "answer_format": "tool-integrated-boxed",
                "harness_verdict": None,
                "harness_pred": preds[0] if preds else None,
            }


def main():
    mirror_root, out_path = sys.argv[1], sys.argv[2]
    rows = []
    rows += zeroeval(mirror_root, "math-l5", "MATH-L5", ZEROEVAL_MATH)
    rows += zeroeval(mirror_root, "gsm", "GSM8K", ZEROEVAL_GSM)
    rows += gsm8k_openai(mirror_root)
    rows += tora(mirror_root)
    rows += theoremqa(mirror_root)
    with open(out_path, "w", encoding="utf-8") as out:
        for number, row in enumerate(rows, 1):
            row = {"id": f"rr-{number:04d}", **row}
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} rows -> {out_path}")


if __name__ == "__main__":
    main()
