#!/usr/bin/env python3
"""kb build against Hugo on the same synthetic entries, in one run, and prints a table.

Both build the same Markdown files: kb from Content/ with the real Templates/, Hugo from a copy
laid out the way Hugo wants it (content/<provider>/, with `provider` and `category` taxonomies
and tags) and the minimal templates in Benchmarks/hugo/. For each size, each tool builds into an
empty folder `--runs` times, the two taking turns so that noise from the rest of the machine
falls on both; the table gives the median wall time, the CPU time (user + system), and the
peak memory (the largest maxrss of the runs, from wait4), kb beside Hugo with their ratios.

    python3 Benchmarks/site_vs_hugo.py                                  # 10,000 entries, 3 runs each
    python3 Benchmarks/site_vs_hugo.py --sizes 1000,10000,100000 --runs 3
    python3 Benchmarks/site_vs_hugo.py --sizes 500 --runs 1             # the short CI-free mode
    python3 Benchmarks/site_vs_hugo.py --sizes 100000 --no-hugo         # kb alone

Measured 2026-12-02 on the project's 2-core machine (shared with other builds, so noisy),
kb release build of branch perf, Hugo 0.111.3 (Debian), median of 3 runs:

    entries     kb s   hugo s  kb/hugo time    kb MB  hugo MB  kb/hugo memory
       1000     2.34     3.11         0.754       54      153           0.353
      10000    10.77    14.08         0.765      306     1046           0.293
    (2026-12-02 18:15 UTC, main after branch perf; docs/PERFORMANCE.md has the rest)
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


def html_pages(folder):
    return sum(len([f for f in files if f.endswith(".html")]) for _, _, files in os.walk(folder))


def measure(size, args, work):
    """Builds one size with each tool `args.runs` times; returns {tool: (pages, [(wall, cpu, peak)])}."""
    base = os.path.join(work, str(size))
    subprocess.run([sys.executable, os.path.join(HERE, "generate_synthetic.py"), "--entries", str(size),
                    "--output", os.path.join(base, "kb")], check=True, stdout=subprocess.DEVNULL)
    content = os.path.join(base, "kb", "Content")
    tools = ["kb"] + ([] if args.no_hugo else ["hugo"])
    if "hugo" in tools:
        hugo_copy(content, os.path.join(base, "hugo"))
    results = {tool: [] for tool in tools}
    pages = {}
    # Every run writes a new folder and nothing is deleted until the end of the whole benchmark:
    # on this machine's ext4 (no journal), a file created within half a minute of many deletes
    # waits while the allocator skips every recently deleted inode (`recently_deleted`, 38 % of
    # a 10,000-entry build's samples), so deleting one tool's output would slow the next run.
    for attempt in range(args.runs):
        for tool in tools:
            output = os.path.join(base, f"out-{tool}-{attempt}")
            if tool == "kb":
                argv = [args.kb, "build", "--content", content, "--templates", os.path.join(ROOT, "Templates"),
                        "--output", output, "--base-url", "https://example.org/"]
            else:
                argv = ["hugo", "--quiet", "--source", os.path.join(base, "hugo"), "--destination", output]
            results[tool].append(run(argv))
            if attempt == 0:
                pages[tool] = html_pages(output)
    return {tool: (pages[tool], runs) for tool, runs in results.items()}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default=None, help="comma-separated entry counts (default 10000)")
    parser.add_argument("--entries", type=int, default=None, help="one size (the same as --sizes N)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-hugo", action="store_true", help="kb alone (no Hugo needed)")
    parser.add_argument("--kb", default=os.path.join(ROOT, ".build", "release", "kb"))
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else [args.entries or 10000]
    if not args.no_hugo and not shutil.which("hugo"):
        sys.exit("hugo is not installed: apt-get install hugo (or pass --no-hugo)")
    if not os.path.exists(args.kb):
        sys.exit(f"no kb binary at {args.kb}: swift build -c release --product kb")

    work = tempfile.mkdtemp(prefix="kb-vs-hugo-")
    rows = []
    try:
        for size in sizes:
            rows.append((size, measure(size, args, work)))
            print(f"  measured {size} entries", file=sys.stderr, flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"Site build, synthetic entries, {os.cpu_count()} cores, median of {args.runs} runs (peak: the largest of the runs)")
    header = f"{'entries':>8} {'tool':<5} {'html pages':>10} {'wall s':>8} {'cpu s':>8} {'peak MB':>8}"
    print(header)
    summary = []
    for size, result in rows:
        stats = {}
        for tool, (pages, runs) in result.items():
            wall = statistics.median(r[0] for r in runs)
            cpu = statistics.median(r[1] for r in runs)
            peak = max(r[2] for r in runs)
            stats[tool] = (wall, peak)
            print(f"{size:>8} {tool:<5} {pages:>10} {wall:>8.2f} {cpu:>8.2f} {peak:>8.0f}")
        if "hugo" in stats:
            summary.append((size, stats["kb"], stats["hugo"]))
    if summary:
        print()
        print(f"{'entries':>8} {'kb s':>8} {'hugo s':>8} {'kb/hugo time':>13} {'kb MB':>8} {'hugo MB':>8} {'kb/hugo memory':>15}")
        for size, (kb_wall, kb_peak), (hugo_wall, hugo_peak) in summary:
            print(f"{size:>8} {kb_wall:>8.2f} {hugo_wall:>8.2f} {kb_wall / hugo_wall:>13.3f} {kb_peak:>8.0f} {hugo_peak:>8.0f} {kb_peak / hugo_peak:>15.3f}")


if __name__ == "__main__":
    main()
