#!/usr/bin/env python3
"""kb build against Hugo on the same synthetic entries, in one run, and prints a table.

Both build the same Markdown files: kb from Content/ with the real Templates/, Hugo from a copy
laid out the way Hugo wants it (content/<provider>/, with `provider` and `category` taxonomies
and tags) and the minimal templates in Benchmarks/hugo/. Each tool builds into an empty folder
`--runs` times; the table gives the median wall time, the CPU time (user + system), how many
cores that kept busy, and the peak memory (from wait4).

    python3 Benchmarks/site_vs_hugo.py                 # 10,000 entries, 3 runs each
    python3 Benchmarks/site_vs_hugo.py --entries 500 --runs 1   # the short CI mode
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


def run(argv, cwd=None):
    """Runs a command; returns wall seconds, CPU seconds and peak RSS in MB (wait4's rusage)."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    stderr = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{argv[0]} failed:\n{stderr}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def hugo_copy(content, target):
    """The same entries for Hugo: `title` for provider pages, taxonomies as front-matter lists."""
    shutil.copytree(os.path.join(HERE, "hugo"), target)
    for provider in sorted(os.listdir(content)):
        source = os.path.join(content, provider)
        if not os.path.isdir(source):
            continue
        os.makedirs(os.path.join(target, "content", provider))
        for name in os.listdir(source):
            with open(os.path.join(source, name), encoding="utf-8") as handle:
                text = handle.read()
            if name == "_index.md":
                text = re.sub(r"^---\nname: (.*)$", r"---\ntitle: \1", text, count=1, flags=re.M)
            else:
                text = re.sub(r"^category: (.*)$", rf"providers: [{provider}]\ncategories: [\1]", text, count=1, flags=re.M)
            with open(os.path.join(target, "content", provider, name), "w", encoding="utf-8") as handle:
                handle.write(text)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--kb", default=os.path.join(ROOT, ".build", "release", "kb"))
    args = parser.parse_args()
    if not shutil.which("hugo"):
        sys.exit("hugo is not installed: apt-get install hugo")
    if not os.path.exists(args.kb):
        sys.exit(f"no kb binary at {args.kb}: swift build -c release --product kb")

    work = tempfile.mkdtemp(prefix="kb-vs-hugo-")
    try:
        subprocess.run([sys.executable, os.path.join(HERE, "generate_synthetic.py"), "--entries", str(args.entries),
                        "--output", os.path.join(work, "kb")], check=True, stdout=subprocess.DEVNULL)
        content = os.path.join(work, "kb", "Content")
        hugo_copy(content, os.path.join(work, "hugo"))
        results = {"kb": [], "hugo": []}
        for attempt in range(args.runs):
            for tool in ("kb", "hugo"):
                output = os.path.join(work, f"out-{tool}-{attempt}")
                if tool == "kb":
                    argv = [args.kb, "build", "--content", content, "--templates", os.path.join(ROOT, "Templates"),
                            "--output", output, "--base-url", "https://example.org/"]
                    results[tool].append(run(argv))
                else:
                    argv = ["hugo", "--quiet", "--source", os.path.join(work, "hugo"), "--destination", output]
                    results[tool].append(run(argv))
        pages = {tool: sum(len([f for f in files if f.endswith(".html")]) for _, _, files in os.walk(os.path.join(work, f"out-{tool}-0")))
                 for tool in results}
        print(f"Site build, {args.entries} synthetic entries, {os.cpu_count()} cores, median of {args.runs} runs")
        print(f"{'tool':<6} {'html pages':>10} {'wall s':>8} {'cpu s':>8} {'cores used':>10} {'peak MB':>8}")
        for tool, runs in results.items():
            wall = statistics.median(r[0] for r in runs)
            cpu = statistics.median(r[1] for r in runs)
            peak = max(r[2] for r in runs)
            print(f"{tool:<6} {pages[tool]:>10} {wall:>8.2f} {cpu:>8.2f} {cpu / wall:>10.2f} {peak:>8.0f}")
        kb_wall = statistics.median(r[0] for r in results["kb"])
        hugo_wall = statistics.median(r[0] for r in results["hugo"])
        kb_peak = max(r[2] for r in results["kb"])
        hugo_peak = max(r[2] for r in results["hugo"])
        print(f"kb is {hugo_wall / kb_wall:.2f}x Hugo's speed and uses {kb_peak / hugo_peak:.2f}x its peak memory")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
