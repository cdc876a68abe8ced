#!/usr/bin/env python3
"""kb serve under load: wrk drives it with 64 connections for 20 s while an entry is saved every
second. Prints the request rate and latency, error responses, whether every edit was served, and
the server's memory over the run; exits non-zero when a response failed, the server died, an edit
was not served, or memory kept growing.

    python3 Benchmarks/serve_load.py --kb .build/release/kb [--seconds 20] [--connections 64]

Needs wrk (Debian: apt-get install wrk). The shipped Content/ is copied to a temporary folder,
so the edits never touch the repository.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def rss_kilobytes(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kb", default=os.path.join(ROOT, ".build/release/kb"))
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--connections", type=int, default=64)
    args = parser.parse_args()
    args.kb = os.path.abspath(args.kb)
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")

    work = tempfile.mkdtemp(prefix="kb-serve-load-")
    try:
        shutil.copytree(os.path.join(ROOT, "Content"), os.path.join(work, "Content"))
        shutil.copytree(os.path.join(ROOT, "Templates"), os.path.join(work, "Templates"))
        entry = os.path.join(work, "Content", "openai", "rate-limit-exceeded.md")
        original = open(entry).read()
        server = subprocess.Popen([args.kb, "serve", "--port", "0", "--content", os.path.join(work, "Content")],
                                  cwd=work, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        match, seen = None, []
        for _ in range(20):
            line = server.stdout.readline()
            seen.append(line)
            match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
            if match or not line:
                break
        if not match:
            sys.exit(f"kb serve did not start: {''.join(seen)!r}")
        base = match.group(0)
        # The server's pid: `kb serve` execs kb-serve, so it is the same process.
        pid = server.pid
        threading.Thread(target=lambda: [None for _ in server.stdout], daemon=True).start()

        samples = []
        edits = {"saved": 0, "served": 0, "missed": []}
        stop = threading.Event()

        def sample():
            while not stop.is_set():
                value = rss_kilobytes(pid)
                if value:
                    samples.append((time.time(), value))
                time.sleep(0.5)

        def edit():
            number = 0
            while not stop.is_set():
                number += 1
                marker = f"Load test edit {number}"
                with open(entry + ".tmp", "w") as f:
                    f.write(re.sub(r'^title: .*$', f'title: "{marker}"', original, count=1, flags=re.M))
                os.replace(entry + ".tmp", entry)
                edits["saved"] += 1
                deadline = time.time() + 0.95
                seen = False
                while time.time() < deadline:
                    try:
                        page = urllib.request.urlopen(base + "openai/rate-limit-exceeded/", timeout=2).read().decode()
                        if marker in page:
                            seen = True
                            break
                    except Exception:
                        pass
                    time.sleep(0.05)
                if seen:
                    edits["served"] += 1
                else:
                    edits["missed"].append(number)
                time.sleep(max(0, deadline - time.time()))

        threads = [threading.Thread(target=sample, daemon=True), threading.Thread(target=edit, daemon=True)]
        for thread in threads:
            thread.start()
        wrk = subprocess.run(["wrk", "-t2", f"-c{args.connections}", f"-d{args.seconds}s", "--latency", base + "openai/rate-limit-exceeded/"],
                             capture_output=True, text=True)
        stop.set()
        for thread in threads:
            thread.join(timeout=5)
        alive = server.poll() is None
        server.terminate()
        server.wait(timeout=10)

        output = wrk.stdout
        requests = re.search(r"(\d+) requests in", output)
        rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
        latency = {p: re.search(rf"\s{p}%\s+([\d.]+\w+)", output) for p in ("50", "99")}
        non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
        socket_errors = re.search(r"Socket errors: (.*)", output)
        # The first seconds are warm-up (one malloc arena per thread, 64 connections' buffers);
        # after that a leak shows as growth from the middle of the run to its end.
        def at(share):
            return samples[min(len(samples) - 1, int(len(samples) * share))][1] / 1024 if samples else 0
        quarters = [at(q) for q in (0.25, 0.5, 0.75, 0.999)]
        peak_mb = max(v for _, v in samples) / 1024 if samples else 0

        print(f"kb serve under load: wrk -c{args.connections} -d{args.seconds}s on one entry page, the entry saved every second")
        print(f"  requests            {requests.group(1) if requests else '?'} ({rate.group(1) if rate else '?'}/s)")
        print(f"  latency p50 / p99   {latency['50'].group(1) if latency['50'] else '?'} / {latency['99'].group(1) if latency['99'] else '?'}")
        print(f"  non-2xx responses   {non2xx.group(1) if non2xx else 0}")
        print(f"  socket errors       {socket_errors.group(1) if socket_errors else 'none'}")
        print(f"  edits served        {edits['served']} of {edits['saved']} within a second{' (missed: ' + ', '.join(map(str, edits['missed'])) + ')' if edits['missed'] else ''}")
        print(f"  memory (RSS)        at 25/50/75/100 % of the run: {' / '.join(f'{q:.1f}' for q in quarters)} MB, peak {peak_mb:.1f} MB")
        print(f"  server alive        {'yes' if alive else 'NO'}")
        failed = (non2xx and int(non2xx.group(1)) > 0) or not alive or edits["served"] < edits["saved"] - 1 or (quarters[1] and quarters[3] > quarters[1] * 1.15)
        if socket_errors and re.search(r"(connect|read|write|timeout) [1-9]", socket_errors.group(1)):
            failed = True
        sys.exit(1 if failed else 0)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
