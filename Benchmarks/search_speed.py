#!/usr/bin/env python3
"""How fast and how right `kb search` is on synthetic knowledge bases of 1,000, 10,000 and
100,000 entries, beside ripgrep and a plain BM25 (bm25s) on the same files and the same queries.

kb runs as a user runs it: one cold process per query. Two columns, because kb finds its index
two ways: "installed" is the index `make install` puts beside the binary (no content to check),
"content" is `--content DIR`, where kb first checks that its cached index still matches the
files (one stat per file). Peak memory comes from wait4. ripgrep is also one process per query,
given the error message a person would pick out of the paste; bm25s runs in this process, warm,
since it has no command of its own.

    python3 Benchmarks/search_speed.py                          # 1k, 10k, 100k; 100 queries each
    python3 Benchmarks/search_speed.py --sizes 1000 --queries 20   # the short CI mode
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def run(argv, stdin=None, env=None):
    """One process: wall ms, peak RSS MB, exit code, stdout."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    out, _ = process.communicate(stdin.encode() if stdin is not None else None)
    _, status, usage = os.wait4(process.pid, 0) if process.returncode is None else (0, 0, None)
    wall = (time.perf_counter() - start) * 1000
    return wall, (usage.ru_maxrss / 1024 if usage else 0), process.returncode, out.decode(errors="replace")


def run_measured(argv, env=None):
    """One process: wall ms, exit code, stdout."""
    start = time.perf_counter()
    process = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    return (time.perf_counter() - start) * 1000, process.returncode, process.stdout.decode(errors="replace")


def peak_mb(argv, env=None):
    """Peak resident memory of one run, from GNU time: a child forked from this Python process
    would report Python's own pages as well."""
    result = subprocess.run(["/usr/bin/time", "-f", "%M"] + argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    return int(result.stderr.decode().strip().splitlines()[-1]) / 1024


def kb_ids(output):
    import json
    try:
        return [r["id"] for r in json.loads(output)["results"]]
    except (ValueError, KeyError):
        return []


def message_of(query):
    """The part of a synthetic paste a person would grep for: the message, without the time,
    the status line and the request id."""
    text = re.sub(r"^\S+ ERROR request failed: HTTP \d+ ", "", query)
    return re.sub(r" request_id=\S+$", "", text)


def documents(content):
    ids, texts = [], []
    for provider in sorted(os.listdir(content)):
        folder = os.path.join(content, provider)
        for name in sorted(os.listdir(folder)):
            if name == "_index.md" or not name.endswith(".md"):
                continue
            with open(os.path.join(folder, name), encoding="utf-8") as handle:
                texts.append(handle.read())
            ids.append(f"{provider}/{name[:-3]}")
    return ids, texts


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def evaluation_quality(kb, bm25s):
    """Quality on the repository's own labelled pastes: kb against a plain BM25 over the same
    entries. BM25 has no notion of "nothing matches", so every unrelated paste is a false match."""
    import yaml
    content, folder = os.path.join(ROOT, "Content"), os.path.join(ROOT, "Evaluation", "written")
    cases = []
    for name in sorted(os.listdir(folder)):
        if name.endswith(".yml"):
            with open(os.path.join(folder, name), encoding="utf-8") as handle:
                cases += [(item["expect"], item["paste"]) for item in yaml.safe_load(handle)]
    rows = []
    report = subprocess.run([kb, "eval", "--content", content, "--set", folder], stdout=subprocess.PIPE, text=True).stdout
    rows.append(("kb eval", report))
    if bm25s:
        ids, texts = documents(content)
        retriever = bm25s.BM25()
        retriever.index(bm25s.tokenize(texts, stopwords="en", show_progress=False), show_progress=False)
        labelled = [(e, p) for e, p in cases if e != "none"]
        unrelated = [p for e, p in cases if e == "none"]
        top1 = top3 = 0
        for expected, paste in labelled:
            found, _ = retriever.retrieve(bm25s.tokenize([paste], stopwords="en", show_progress=False), k=3, show_progress=False)
            got = [ids[i] for i in found[0]]
            top1 += got[:1] == [expected]
            top3 += expected in got
        rows.append(("bm25s", f"top-1 {100 * top1 / len(labelled):.1f}%  top-3 {100 * top3 / len(labelled):.1f}%  "
                              f"false matches {100.0 if unrelated else 0:.1f}% ({len(unrelated)}/{len(unrelated)}: it always answers)"))
    return rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--no-evaluation", action="store_true", help="skip the quality comparison on Evaluation/")
    parser.add_argument("--kb", default=os.path.join(ROOT, ".build-static", "release", "kb"), help="default: the binary `make static` builds")
    args = parser.parse_args()
    args.kb = os.path.abspath(args.kb)
    if not os.path.exists(args.kb):
        sys.exit(f"no kb binary at {args.kb}: make static")
    rg = shutil.which("rg")
    try:
        import bm25s
    except ImportError:
        bm25s = None

    rows = []
    work = tempfile.mkdtemp(prefix="kb-search-bench-")
    try:
        for size in [int(s) for s in args.sizes.split(",")]:
            base = os.path.join(work, f"kb-{size}")
            subprocess.run([sys.executable, os.path.join(HERE, "generate_synthetic.py"), "--entries", str(size), "--output", base],
                           check=True, stdout=subprocess.DEVNULL)
            content = os.path.join(base, "Content")
            with open(os.path.join(base, "queries.tsv"), encoding="utf-8") as handle:
                queries = [line.rstrip("\n").split("\t", 1) for line in handle][: args.queries]

            # An installed kb: the binary in PREFIX/bin, the index in PREFIX/share/kb.
            prefix = os.path.join(base, "prefix")
            os.makedirs(os.path.join(prefix, "bin"))
            shutil.copy(args.kb, os.path.join(prefix, "bin", "kb"))
            env = dict(os.environ, XDG_CACHE_HOME=os.path.join(base, "cache"), XDG_DATA_HOME=os.path.join(base, "data"), NO_COLOR="1")
            env.pop("KB_CONTENT", None)
            started = time.perf_counter()
            subprocess.run([args.kb, "index", "--content", content, "--output", os.path.join(prefix, "share", "kb", "index.kbix")],
                           check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            index_seconds = time.perf_counter() - started
            index_mb = os.path.getsize(os.path.join(prefix, "share", "kb", "index.kbix")) / 1048576
            # Warm the content cache once, as any second search would find it.
            subprocess.run([args.kb, "search", "--content", content, "--json", queries[0][1]], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

            results = {}
            elsewhere = os.path.join(base, "elsewhere")
            os.makedirs(elsewhere)
            for mode in ("installed", "content"):
                walls, peaks, top1, top3 = [], [], 0, 0
                cwd = os.getcwd()
                os.chdir(elsewhere)
                for number, (expected, query) in enumerate(queries):
                    argv = [os.path.join(prefix, "bin", "kb"), "search", "--json", query] if mode == "installed" else \
                        [args.kb, "search", "--content", content, "--json", query]
                    wall, _, out = run_measured(argv, env=env)
                    if number < 10:
                        peaks.append(peak_mb(argv, env=env))
                    ids = kb_ids(out)
                    walls.append(wall)
                    top1 += ids[:1] == [expected]
                    top3 += expected in ids[:3]
                os.chdir(cwd)
                results[f"kb ({mode} index)"] = (statistics.median(walls), percentile(walls, 95), max(peaks), top1, top3)

            if rg:
                walls, peaks, top1, top3 = [], [], 0, 0
                for number, (expected, query) in enumerate(queries):
                    argv = [rg, "-i", "-F", "-l", "--sort", "path", message_of(query), content]
                    wall, _, out = run_measured(argv)
                    if number < 10:
                        peaks.append(peak_mb(argv))
                    files = [os.path.relpath(line, content)[:-3] for line in out.splitlines() if line.endswith(".md")]
                    walls.append(wall)
                    top1 += files[:1] == [expected]
                    top3 += expected in files[:3]
                results["rg -i (the message)"] = (statistics.median(walls), percentile(walls, 95), max(peaks), top1, top3)

            if bm25s:
                ids, texts = documents(content)
                retriever = bm25s.BM25()
                retriever.index(bm25s.tokenize(texts, stopwords="en", show_progress=False), show_progress=False)
                walls, top1, top3 = [], 0, 0
                for expected, query in queries:
                    start = time.perf_counter()
                    found, _ = retriever.retrieve(bm25s.tokenize([query], stopwords="en", show_progress=False), k=3, show_progress=False)
                    walls.append((time.perf_counter() - start) * 1000)
                    got = [ids[i] for i in found[0]]
                    top1 += got[:1] == [expected]
                    top3 += expected in got
                results["bm25s (in-process, warm)"] = (statistics.median(walls), percentile(walls, 95), 0, top1, top3)

            for name, (median, p95, peak, top1, top3) in results.items():
                rows.append((size, name, median, p95, peak, 100 * top1 / len(queries), 100 * top3 / len(queries)))
            rows.append((size, f"(kb index: {index_seconds:.1f} s to build, {index_mb:.1f} MB)", None, None, None, None, None))
            shutil.rmtree(base, ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"kb search, one cold process per query, {args.queries} queries per size, {os.cpu_count()} cores (peak memory: the largest of 10 runs)")
    print(f"{'entries':>8}  {'tool':<28} {'median ms':>9} {'p95 ms':>7} {'peak MB':>8} {'top-1':>6} {'top-3':>6}")
    for size, name, median, p95, peak, top1, top3 in rows:
        if median is None:
            print(f"{size:>8}  {name}")
        else:
            peak_text = f"{peak:8.1f}" if peak else f"{'-':>8}"
            print(f"{size:>8}  {name:<28} {median:9.1f} {p95:7.1f} {peak_text} {top1:5.0f}% {top3:5.0f}%")

    if not args.no_evaluation and os.path.isdir(os.path.join(ROOT, "Evaluation", "written")):
        print("\nQuality on the labelled pastes of Evaluation/ (real entries, real-looking pastes):")
        for name, text in evaluation_quality(args.kb, bm25s):
            print(f"--- {name}\n{text.rstrip()}")


if __name__ == "__main__":
    main()
