"""A minimal OpenAI-compatible chat client (stdlib only), the Python peer of `scenario client-cpu`.

One keep-alive http.client connection per worker thread (THREADS threads, each sending its requests one after another), the same non-streaming request body as the .NET clients
(built with json.dumps per request), the reply parsed with json.loads and its content and usage read. A warm-up pass
opens the connections first, so the measured pass, like the .NET clients' warm rounds, reuses them.

usage: minimal_client.py PORT SAMPLES THREADS PROMPT_FILE [MODEL] [MAX_TOKENS]
Prints one JSON line: {"samples", "threads", "ok", "cpu_s", "wall_s"}; cpu_s is this process's CPU time
(time.process_time: user + system, all threads) over the measured pass only.
"""
import http.client
import json
import sys
import threading
import time


def run(connections, indexes, template, model, max_tokens):
    lock = threading.Lock()
    it = iter(indexes)
    ok = [0]
    headers = {"Content-Type": "application/json", "Authorization": "Bearer x"}

    def worker(conn):
        good = 0
        while True:
            with lock:
                i = next(it, None)
            if i is None:
                break
            prompt = template.replace("{problem}", f"What is 3 + 4? (variant {i})").strip()
            body = json.dumps({
                "messages": [{"role": "user", "content": prompt}],
                "model": model,
                "max_completion_tokens": max_tokens,
                "max_tokens": max_tokens,
            })
            conn.request("POST", "/v1/chat/completions", body, headers)
            reply = json.loads(conn.getresponse().read())
            content = reply["choices"][0]["message"]["content"]
            usage = reply.get("usage") or {}
            if content and usage.get("completion_tokens", 0) > 0:
                good += 1
        with lock:
            ok[0] += good

    pool = [threading.Thread(target=worker, args=(conn,)) for conn in connections]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return ok[0]


def main():
    port, samples, threads = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    with open(sys.argv[4], encoding="utf-8") as f:
        template = f.read()
    model = sys.argv[5] if len(sys.argv) > 5 else "m"
    max_tokens = int(sys.argv[6]) if len(sys.argv) > 6 else 64
    connections = [http.client.HTTPConnection("127.0.0.1", port) for _ in range(threads)]
    run(connections, range(threads * 4), template, model, max_tokens)
    cpu0, wall0 = time.process_time(), time.perf_counter()
    ok = run(connections, range(samples), template, model, max_tokens)
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    for conn in connections:
        conn.close()
    print(json.dumps({"samples": samples, "threads": threads, "ok": ok, "cpu_s": cpu, "wall_s": wall}))
    return 0 if ok == samples else 1


if __name__ == "__main__":
    sys.exit(main())
