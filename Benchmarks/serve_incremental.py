#!/usr/bin/env python3
"""How long a one-file change takes to reach the browser under `kb serve`.

Builds a synthetic knowledge base (10,000 entries by default), starts `kb serve` on it, opens the
live-reload event stream the way a page does, then edits one entry at a time (in place, as most
editors save) and measures, for each edit:

  reload   from the write to the `reload` event arriving on the stream;
  page     from the write to the edited page, fetched again, showing the new title.

The search index, sitemap and feed are brought up to date after the reload (they list every
entry); their time is printed too, from kb's own `--verbose` lines.

    python3 Benchmarks/serve_incremental.py --kb .build/release/kb              # 10,000 entries, 20 edits
    python3 Benchmarks/serve_incremental.py --kb .build/debug/kb --entries 500 --edits 5   # short mode
"""
import argparse
import http.client
import os
import queue
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def events(port, sink):
    """Reads the event stream forever, putting (name, arrival time) on the queue."""
    connection = socket.create_connection(("127.0.0.1", port))
    connection.sendall(b"GET /__kb/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
    stream = connection.makefile("rb")
    name = None
    for raw in stream:
        line = raw.decode("utf-8", "replace").rstrip("\r\n")
        if line.startswith("event: "):
            name = line[len("event: "):]
        elif line.startswith("data: ") and name:
            sink.put((name, time.perf_counter()))
            name = None


def fetch(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path)
    response = connection.getresponse()
    body = response.read().decode("utf-8", "replace")
    connection.close()
    return response.status, body


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kb", default=os.path.join(ROOT, ".build/release/kb"))
    parser.add_argument("--entries", type=int, default=10000)
    parser.add_argument("--edits", type=int, default=20)
    args = parser.parse_args()
    args.kb = os.path.abspath(args.kb)

    work = tempfile.mkdtemp(prefix="kb-serve-bench-")
    server = None
    try:
        subprocess.run([sys.executable, os.path.join(HERE, "generate_synthetic.py"), "--entries", str(args.entries), "--output", work],
                       check=True, stdout=subprocess.DEVNULL)
        shutil.copytree(os.path.join(ROOT, "Templates"), os.path.join(work, "Templates"))
        content = os.path.join(work, "Content")
        log = open(os.path.join(work, "serve.log"), "w+")
        started = time.perf_counter()
        server = subprocess.Popen([args.kb, "serve", "--port", "0", "--verbose", "--content", content],
                                  cwd=work, stdout=subprocess.PIPE, stderr=log, text=True)
        address = None
        for line in server.stdout:
            match = re.search(r"serving at http://127\.0\.0\.1:(\d+)/", line)
            if match:
                address = int(match.group(1))
                break
        if address is None:
            sys.exit("kb serve did not start; see " + log.name)
        first_build = time.perf_counter() - started
        threading.Thread(target=lambda: [None for _ in server.stdout], daemon=True).start()

        arrivals = queue.Queue()
        threading.Thread(target=events, args=(address, arrivals), daemon=True).start()
        name, _ = arrivals.get(timeout=10)  # the stream opens with the current state
        assert name == "ok", name

        entries = sorted(os.path.join(folder, name)
                         for folder in (os.path.join(content, f) for f in sorted(os.listdir(content)))
                         for name in os.listdir(folder) if name.endswith(".md") and name != "_index.md")
        step = max(1, len(entries) // args.edits)
        reloads, pages = [], []
        for edit in range(args.edits):
            path = entries[(edit * step) % len(entries)]
            relative = os.path.relpath(path, content)[:-3]
            marker = f"Edited for the benchmark {edit}"
            text = open(path).read()
            text = re.sub(r'^title: .*$', f'title: "{marker}"', text, count=1, flags=re.M)
            time.sleep(0.4)  # let the previous edit's index rebuild start, as between real edits
            written = time.perf_counter()
            with open(path, "w") as handle:  # in place, as most editors save
                handle.write(text)
            while True:
                name, arrived = arrivals.get(timeout=30)
                if name == "reload":
                    break
            status, body = fetch(address, "/" + relative + "/")
            fetched = time.perf_counter()
            if status != 200 or marker not in body:
                sys.exit(f"edit {edit}: the page did not show the change (status {status})")
            reloads.append((arrived - written) * 1000)
            pages.append((fetched - written) * 1000)
            # Wait for the listings of this edit so each measurement starts from a quiet server.
            time.sleep(2.0 if args.entries >= 5000 else 0.3)

        log.seek(0)
        listing_times = [float(m.group(1)) for m in re.finditer(r"^\s*([\d.]+) ms  build the search index", log.read(), re.M)]
        print(f"kb serve, {args.entries} entries, {args.edits} one-file edits ({os.path.basename(args.kb)} at {args.kb})")
        print(f"  first build and start      {first_build * 1000:8.0f} ms")
        for label, values in (("write -> reload event", reloads), ("write -> new page fetched", pages)):
            print(f"  {label:26} median {statistics.median(values):6.1f} ms   p95 {percentile(values, 0.95):6.1f} ms   max {max(values):6.1f} ms")
        if listing_times:
            print(f"  search index, sitemap, feed (after the reload) median {statistics.median(listing_times):6.0f} ms")
    finally:
        if server:
            server.terminate()
            server.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
