#!/usr/bin/env python3
"""Writes a synthetic knowledge base of N entries for benchmarks: valid kb content with the
shape of real entries (front-matter with signatures, Causes, Fixes, FAQ) and a realistic spread
of words, so indexes and pages have the size they would have. Deterministic for a given seed.

    python3 Benchmarks/generate_synthetic.py --entries 10000 --output /tmp/kb-10k
"""
import argparse
import os
import random
import shutil

CATEGORIES = ["authentication", "permission", "billing", "rate-limit", "model-not-found",
              "context-length", "invalid-request", "server", "timeout", "config"]
STATUSES = {"authentication": [401], "permission": [403], "billing": [402, 429], "rate-limit": [429],
            "model-not-found": [404], "context-length": [400], "invalid-request": [400, 422],
            "server": [500, 502, 503], "timeout": [504, 408], "config": []}
WORDS = """request response token tokens key keys model models quota limit limits rate billing account
project organization region endpoint header headers payload body field value parameter setting config
configuration gateway proxy server client service deployment version upstream network socket
connection timeout retry backoff window minute second daily monthly plan tier credit credits balance
invoice payment card permission access scope role policy workspace team member admin user session
context length window prompt completion output input message messages system tool tools function
call schema json format encoding stream streaming chunk event cache cached index vector embedding
image audio file upload download storage bucket path route queue worker job batch task schedule
region zone cluster node pod container runtime memory cpu gpu disk latency throughput capacity
overloaded unavailable invalid missing expired revoked disabled suspended exceeded unsupported
unknown malformed rejected denied blocked throttled failed refused reset closed dropped""".split()


def slug(words):
    return "-".join(words)


def sentence(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, required=True)
    parser.add_argument("--providers", type=int, default=0, help="default: entries / 100, at least 10")
    parser.add_argument("--output", required=True)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    providers = args.providers or max(10, args.entries // 100)
    content = os.path.join(args.output, "Content")
    if os.path.exists(args.output):
        shutil.rmtree(args.output)
    os.makedirs(content)
    queries = []
    for p in range(providers):
        pid = f"provider-{p:04d}"
        os.makedirs(os.path.join(content, pid))
        with open(os.path.join(content, pid, "_index.md"), "w") as f:
            f.write(f"---\nname: Provider {p}\nkind: api\naliases: [prov{p}]\n"
                    f"endpoints:\n  - {{ label: API, url: \"https://api.provider{p}.example/v1\" }}\n"
                    f"env: [PROVIDER{p}_API_KEY]\nkey_prefixes: [\"p{p}-\"]\n---\nSynthetic provider {p}.\n")
    for e in range(args.entries):
        pid = f"provider-{e % providers:04d}"
        category = CATEGORIES[e % len(CATEGORIES)]
        name = f"{slug(rng.sample(WORDS, 3))}-{e}"
        code = f"{rng.choice(WORDS)}_{rng.choice(WORDS)}_{e}x"
        signatures = [f"{sentence(rng, 6)[:-1]} ({code})", code, f"{rng.choice(WORDS)} {rng.choice(WORDS)} {rng.choice(WORDS)} error {e}x"]
        http = STATUSES[category]
        lines = ["---", f"title: \"{sentence(rng, 5)[:-1]}\"", f"category: {category}"]
        if http:
            lines.append(f"http: [{', '.join(map(str, http))}]")
        lines.append("signatures:")
        lines += [f"  - \"{s}\"" for s in signatures]
        lines += [f"tags: [{rng.choice(WORDS)}]", f"sources: [\"https://docs.provider{e % providers}.example/errors#{code}\"]",
                  "verified: 2026-11-20", "---", " ".join(sentence(rng, 12) for _ in range(3)), "", "## Causes"]
        lines += [f"- **{sentence(rng, 3)}** {sentence(rng, 14)}" for _ in range(3)]
        lines += ["", "## Fixes"]
        lines += [f"{i + 1}. {sentence(rng, 16)} Run `tool {rng.choice(WORDS)} --{rng.choice(WORDS)}`." for i in range(4)]
        lines += ["", "## FAQ"]
        for _ in range(2):
            lines += [f"### {sentence(rng, 6)[:-1]}?", sentence(rng, 25), ""]
        with open(os.path.join(content, pid, name + ".md"), "w") as f:
            f.write("\n".join(lines) + "\n")
        if e % max(1, args.entries // 200) == 0:
            queries.append((f"{pid}/{name}", f"2025-01-01T10:00:00Z ERROR request failed: HTTP {http[0] if http else 500} {signatures[0]} request_id=req_{rng.getrandbits(64):016x}"))
    with open(os.path.join(args.output, "queries.tsv"), "w") as f:
        for expected, text in queries:
            f.write(f"{expected}\t{text}\n")
    print(f"wrote {args.entries} entries in {providers} providers to {content}, {len(queries)} queries to {args.output}/queries.tsv")


if __name__ == "__main__":
    main()
