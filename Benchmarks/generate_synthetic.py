#!/usr/bin/env python3
"""Writes a synthetic knowledge base of N entries for benchmarks: valid kb content with the
shape of real entries (front-matter with signatures, Causes, Fixes, FAQ) and a realistic spread
of words, so indexes and pages have the size they would have. Deterministic for a given seed.

    python3 Benchmarks/generate_synthetic.py --entries 10000 --output /tmp/kb-10k

Besides Content/, it writes Evaluation/planted/planted.yml: pastes with one entry's signature
word for word inside the noise real pastes have (tracebacks, log prefixes on every line, JSON
bodies with other numbers and ids, Node stacks), and pastes of noise alone that must find
nothing. `kb eval --content DIR/Content --set DIR/Evaluation --cv 0` reports how often the
planted entry comes first with the parameters fitted on kb's own pastes, on a knowledge base
they never saw.
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


def letters(n):
    """A short letter code for a number (0 -> a, 27 -> bb): entry-specific and a word to the tokenizer."""
    out = ""
    n += 26
    while n:
        out = chr(97 + n % 26) + out
        n //= 26
    return out


def quoted(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def noise_line(rng):
    return rng.choice([
        f"Retrying in {rng.randint(1, 9)}.{rng.randint(0, 9)} seconds (attempt {rng.randint(2, 5)} of 5)",
        f"request_id=req_{rng.getrandbits(64):016x} duration={rng.randint(20, 9000)}ms",
        f"  File \"/srv/app/{rng.choice(WORDS)}/{rng.choice(WORDS)}.py\", line {rng.randint(10, 900)}, in {rng.choice(WORDS)}_{rng.choice(WORDS)}",
        f"    at {rng.choice(WORDS).capitalize()}.{rng.choice(WORDS)} (/app/node_modules/{rng.choice(WORDS)}/dist/index.js:{rng.randint(1, 999)}:{rng.randint(1, 80)})",
        f"INFO {rng.choice(WORDS)} {rng.choice(WORDS)} ready on port {rng.randint(3000, 9000)}",
        f"trace {rng.getrandbits(32):08x}-{rng.getrandbits(16):04x}-{rng.getrandbits(16):04x}-{rng.getrandbits(16):04x}-{rng.getrandbits(48):012x}",
    ])


def planted_paste(rng, signature, status, host):
    """A paste as people paste them, with the signature word for word somewhere inside."""
    prefix = f"2026-0{rng.randint(1, 9)}-{rng.randint(10, 28)} {rng.randint(10, 23)}:{rng.randint(10, 59)}:{rng.randint(10, 59)},{rng.randint(100, 999)} ERROR [worker-{rng.randint(1, 9)}]"
    shape = rng.randrange(4)
    lines = [noise_line(rng) for _ in range(rng.randint(1, 4))]
    if shape == 0:
        body = f"Error code: {status} - {{'error': {{'message': '{signature}', 'type': '{rng.choice(WORDS)}_error', 'request_id': 'req_{rng.getrandbits(48):012x}'}}}}"
        lines = ["Traceback (most recent call last):"] + lines + [f"{rng.choice(WORDS).capitalize()}Error: {body}"]
    elif shape == 1:
        lines = [f"{prefix} {line}" for line in lines] + [f"{prefix} {signature} (status {status}, {rng.randint(100, 5000)} ms)"]
    elif shape == 2:
        lines = lines + [f'{{"error":{{"code":{status},"message":{quoted(signature)},"trace_id":"{rng.getrandbits(64):016x}"}}}}']
    else:
        lines = [f"Error: {signature}"] + lines
    if host:
        lines.insert(0, f"POST https://{host}/v1/{rng.choice(WORDS)} {status}")
    return "\n".join(lines) + "\n"


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
    planted = []
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
        code = f"{rng.choice(WORDS)}_{rng.choice(WORDS)}_{letters(e)}"
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
        step = max(1, args.entries // 500)
        if e % step == (e // step) % step:
            host = f"api.provider{e % providers}.example" if rng.random() < 0.5 else None
            planted.append((f"{pid}/{name}", planted_paste(rng, signatures[0], http[0] if http else 500, host)))
        if e % max(1, args.entries // 200) == 0:
            queries.append((f"{pid}/{name}", f"2025-01-01T10:00:00Z ERROR request failed: HTTP {http[0] if http else 500} {signatures[0]} request_id=req_{rng.getrandbits(64):016x}"))
    for _ in range(max(10, len(planted) // 5)):
        lines = [noise_line(rng) for _ in range(rng.randint(2, 6))] + [f"ERROR {sentence(rng, 8)}"]
        planted.append(("none", "\n".join(lines) + "\n"))
    evaluation = os.path.join(args.output, "Evaluation", "planted")
    os.makedirs(evaluation)
    with open(os.path.join(evaluation, "planted.yml"), "w") as f:
        for expected, paste in planted:
            f.write(f"- expect: {expected}\n  paste: |2\n")
            f.write("".join(f"    {line}\n" for line in paste.splitlines()))
    with open(os.path.join(args.output, "queries.tsv"), "w") as f:
        for expected, text in queries:
            f.write(f"{expected}\t{text}\n")
    print(f"wrote {args.entries} entries in {providers} providers to {content}, {len(queries)} queries to {args.output}/queries.tsv, "
          f"{len(planted)} planted pastes to {evaluation}/planted.yml")


if __name__ == "__main__":
    main()
