#!/usr/bin/env python3
"""Adds Math-Verify reference verdicts to a corpus built by build_corpus.py.

Needs math_verify and latex2sympy2_extended importable (PYTHONPATH to their src folders works; the ANTLR
parser of latex2sympy2_extended must be generated for the installed antlr4 runtime).

usage: verdicts.py IN.jsonl OUT.jsonl [ADJUDICATIONS.json]

With adjudications (id -> {"verdict", "note"}, read by hand), each such row gets hand_checked=true, its
adjudicated verdict and note; "expected" is the adjudicated verdict where there is one, else Math-Verify's.
"""
import json
import re
import sys

from math_verify import parse, verify


def gold_target(gold):
    # A gold is an answer, not a reply: box it so Math-Verify reads all of it as one LaTeX answer.
    return parse("\\boxed{" + gold + "}")


def json_answer_field(reply):
    """The value of the "answer" key of the first JSON object in the reply, or None.

    ZeroEval asked its models for {"reasoning": ..., "answer": ...}; that field is the reply's stated answer,
    so the reference reads it instead of the last formula of the reasoning.
    """
    decoder = json.JSONDecoder()
    for start in [m.start() for m in re.finditer(r"\{", reply)]:
        try:
            value, _ = decoder.raw_decode(reply[start:])
        except ValueError:
            continue
        if isinstance(value, dict) and "answer" in value:
            return str(value["answer"])
    match = re.search(r'"answer"\s*:\s*"((?:[^"\\]|\\.)*)"', reply)
    if match:
        try:
            return json.loads('"' + match.group(1) + '"')
        except ValueError:
            return match.group(1)
    return None


def main():
    source, target = sys.argv[1], sys.argv[2]
    rows = [json.loads(line) for line in open(source, encoding="utf-8") if line.strip()]
    adjudications = json.load(open(sys.argv[3], encoding="utf-8")) if len(sys.argv) > 3 else {}
    with open(target, "w", encoding="utf-8") as out:
        for number, row in enumerate(rows, 1):
            try:
                gold = gold_target(row["gold"])
                stated = json_answer_field(row["reply"]) if row.get("answer_format") == "json-answer-field" else None
                answer = parse("\\boxed{" + stated + "}") if stated is not None else parse(row["reply"])
                verdict = bool(verify(gold, answer))
                extracted = str(answer[-1]) if answer else ""
            except Exception as error:  # a crash in the reference is recorded, not hidden
                verdict, extracted = False, f"<error {type(error).__name__}>"
            row["reference_verdict"] = verdict
            row["reference"] = "math-verify 0.8.0 (latex2sympy2_extended 1.11.0)"
            row["reference_extracted"] = extracted[:200]
            hand = adjudications.get(row["id"])
            row["hand_checked"] = hand is not None
            row["adjudicated_verdict"] = hand["verdict"] if hand else None
            row["adjudication_note"] = hand["note"] if hand else None
            row["expected"] = hand["verdict"] if hand else verdict
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            if number % 100 == 0:
                print(number, file=sys.stderr)


if __name__ == "__main__":
    main()
