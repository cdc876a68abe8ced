#!/usr/bin/env python3
"""What one paste costs in a browser: kb's sharded site index beside Pagefind, on the same site.

For each size it writes a synthetic knowledge base (generate_synthetic.py), builds the site with
.build/release/kb, indexes the same built site with Pagefind (PyPI `pagefind-bin`), serves it on a
loopback HTTP server and drives headless Chromium over the DevTools protocol (a pipe, stdlib only).
Every paste runs in a fresh browser context (empty cache): the page loads, then the paste is put
in `#q` and a `paste` event fired; the clock runs from the paste until `#results` holds its
`li[data-id]` (or its "no entry"/"unavailable" note). Pagefind runs in the same browser on a tiny
page that imports /pagefind/pagefind.js on the paste, searches and fetches the data (fragments) of
the first three results, the three kb shows with their records. The server counts every request
and its bytes (bodies as sent, no compression; "gzip" is what a compressing host would send).
The search's cost is what is fetched after the page's load event: search/... for kb,
pagefind/... for Pagefind; the page itself (HTML, CSS, search.js) is given once per size.
Top-1 is whether the first result is the planted entry (`expect` of planted.yml).

    python3 Benchmarks/browser_index.py                         # 1,000, 10,000 and 100,000 entries, 30 pastes
    python3 Benchmarks/browser_index.py --sizes 1000,10000 --pastes 30
    python3 Benchmarks/browser_index.py --quick                 # CI: 1,000 entries, 5 pastes

Needs chromium, .build/release/kb (`swift build -c release --product kb`) and pagefind-bin
(installed with pip when missing). Not part of `make test`.

Measured on 2 shared cores (Debian, Chromium 156, Pagefind 1.5.2), 10 planted pastes (seed 18)
and two typed three-word queries per size. A Pagefind search that gives no answer within a minute
is noted under the table and Pagefind is not run on that size's other pastes.

python3 Benchmarks/browser_index.py --sizes 1000,10000,100000 --pastes 10 --reuse --kb .build-bench/release/kb
(2026-12-03 08:00 UTC; main with the 7-bit Bloom filter, 128-document blocks and per-provider hints):

    entries  engine    index time   index on disk            paste med       p90  gzip med  req med  ms med  ms p90  top-1   =CLI  typed 1 / typed 2: bytes, requests, ms
    1,000    kb        1.4 s site   4.8 MB, 1,280 files          29 KB     31 KB     13 KB      8.5     106     130   9/10  12/12  12 KB, 2, 52 / 12 KB, 2, 36
    1,000    Pagefind  2.4 s        3.0 MB, 1,229 files         439 KB    512 KB    379 KB       21     437     556   0/10         223 KB, 11, 526 / 247 KB, 12, 488
    10,000   kb        7.6 s site   47.9 MB, 12,143 files        83 KB     89 KB     41 KB     13.5     159     203  10/10  12/12  58 KB, 5, 106 / 55 KB, 3, 75
    10,000   Pagefind  24.1 s       23.7 MB, 10,459 files     1,197 KB  1,439 KB  1,136 KB     32.5     687     743   0/10         442 KB, 12, 3008 / 537 KB, 13, 3052
    100,000  kb        81.8 s site  478.8 MB, 117,182 files     298 KB    307 KB    114 KB       27     367     419  10/10  12/12  232 KB, 4, 162 / 233 KB, 4, 169
    100,000  Pagefind  244.3 s      235.9 MB, 101,517 files   9,537 KB   11.6 MB  9,475 KB     25.5    2086    2499   0/10
    kb's page before any paste: 3 requests; search.js 59 KB (17 KB gzip); index.html 4 KB, 12 KB, 92 KB
    100,000: Pagefind gave no answer within 60 s for a paste (9 requests, 3,130 KB fetched by then)

Before the Bloom filter went from 10 bits and 7 hashes a token to 7 and 5, the blocks from 512
documents to 128 and the hints into their providers (same command, --sizes 1000,10000, 2026-12-02):
10,000 entries 111 KB a paste (56 KB gzip), 12.5 requests, 124 ms median; 1,000 entries 39 KB.
The 351 ms once recorded at 10,000 was mostly the loopback server's: Python's http.server left
Nagle's algorithm on, and each piece waited ~40 ms for a delayed ACK.
"""
import argparse
import fcntl
import gzip
import http.server
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
KB = os.path.join(ROOT, ".build", "release", "kb")
TYPED = "rate limit exceeded"  # and the first three words of a sampled entry's first signature
PAGEFIND_PAGE = "kb-bench-pagefind.html"


# MARK: Knowledge bases, sites and indexes

def planted(path):
    """The pastes of planted.yml: `- expect: <id>` then `  paste: |2` and lines indented by four."""
    items, current = [], None
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("- expect: "):
                current = {"expect": line[len("- expect: "):].strip(), "lines": []}
                items.append(current)
            elif line.startswith("    ") and current is not None:
                current["lines"].append(line[4:].rstrip("\n"))
    return [{"expect": i["expect"], "text": "\n".join(i["lines"]) + "\n"} for i in items]


def signature(folder, entry):
    """An entry's first signature, from its front matter."""
    with open(os.path.join(folder, "Content", entry + ".md"), encoding="utf-8") as handle:
        lines = handle.read().split("\n")
    return lines[lines.index("signatures:") + 1].strip().removeprefix("- ").strip('"')


def cli_top(folder, text):
    """`kb search --json`'s first result for the paste, or "" when it finds nothing."""
    result = subprocess.run([KB, "search", "--json", "--limit", "3", "--content", os.path.join(folder, "Content")],
                            input=text, capture_output=True, text=True)
    if result.returncode not in (0, 1):
        sys.exit(f"kb search failed: {result.stderr}")
    found = json.loads(result.stdout)["results"]
    return found[0]["id"] if found else ""


def tree_size(path):
    total = files = 0
    for folder, _, names in os.walk(path):
        for name in names:
            total += os.path.getsize(os.path.join(folder, name))
            files += 1
    return total, files


def timed(argv):
    start = time.perf_counter()
    result = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if result.returncode != 0:
        sys.exit(f"{' '.join(argv)} failed:\n{result.stdout[-4000:]}")
    return time.perf_counter() - start


def pagefind_command():
    for module in ("pagefind_bin", "pagefind"):
        if subprocess.run([sys.executable, "-m", module, "--version"], capture_output=True).returncode == 0:
            return [sys.executable, "-m", module]
    print("installing pagefind-bin with pip...", file=sys.stderr)
    if subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "pagefind-bin"]).returncode != 0:
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--break-system-packages", "pagefind-bin"], check=True)
    return [sys.executable, "-m", "pagefind_bin"]


def prepare(entries, workdir, reuse, pagefind):
    """Generates, builds and indexes one size; returns the folder and the build numbers."""
    folder = os.path.join(workdir, f"kb-{entries}")
    site = os.path.join(folder, "site")
    stamp = os.path.join(folder, "bench.json")
    if reuse and os.path.exists(stamp):
        with open(stamp) as handle:
            return folder, json.load(handle)
    nice = ["nice"] if shutil.which("nice") else []
    timed([sys.executable, os.path.join(HERE, "generate_synthetic.py"), "--entries", str(entries), "--output", folder])
    kb_seconds = timed(nice + [KB, "build", "--content", os.path.join(folder, "Content"), "--output", site,
                               "--templates", os.path.join(ROOT, "Templates")])
    pf_seconds = timed(nice + pagefind + ["--site", site, "--output-subdir", "pagefind", "--silent"])
    with open(os.path.join(site, PAGEFIND_PAGE), "w") as handle:
        handle.write("<!doctype html><meta charset=utf-8><title>Pagefind bench</title><p>Pagefind</p>\n")
    kb_bytes, kb_files = tree_size(os.path.join(site, "search"))
    pf_bytes, pf_files = tree_size(os.path.join(site, "pagefind"))
    numbers = {"kb_build_s": kb_seconds, "kb_index_bytes": kb_bytes, "kb_index_files": kb_files,
               "pf_index_s": pf_seconds, "pf_index_bytes": pf_bytes, "pf_index_files": pf_files}
    with open(stamp, "w") as handle:
        json.dump(numbers, handle)
    return folder, numbers


# MARK: The loopback server, which counts what it sends

class Counter:
    def __init__(self):
        self.lock = threading.Lock()
        self.log = []
        self.gzipped = {}

    def add(self, path, status, size, file):
        gz = 0
        if file is not None:
            if file not in self.gzipped:
                with open(file, "rb") as handle:
                    self.gzipped[file] = len(gzip.compress(handle.read(), 6))
            gz = self.gzipped[file]
        with self.lock:
            self.log.append((path, status, size, gz))

    def mark(self):
        with self.lock:
            return len(self.log)

    def since(self, mark):
        with self.lock:
            return list(self.log[mark:])


def serve(site, counter, prefix):
    """A threaded HTTP/1.1 server of `site` at http://127.0.0.1:<port><prefix>."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # http.server writes a response's headers and its body in two sends; with Nagle's
        # algorithm on, the body waits for the ACK of the headers, which the browser delays by
        # up to 40 ms: every request then cost ~40 ms on loopback whatever its size (the run
        # of 2026-12-02 measured 351 ms a paste at 10,000 entries with it, for kb and Pagefind
        # alike). Static hosts and CDNs send without that wait; so does this server now.
        disable_nagle_algorithm = True
        extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                          ".js": "text/javascript", ".wasm": "application/wasm", ".json": "application/json"}

        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=site, **kwargs)

        def translate_path(self, path):
            if not path.startswith(prefix):
                return os.path.join(site, "outside-the-prefix-missing")
            return super().translate_path("/" + path[len(prefix):])

        def send_head(self):
            body = super().send_head()
            path = urllib.parse.urlsplit(self.path).path
            if body is not None and hasattr(body, "name"):
                size = os.fstat(body.fileno()).st_size
                counter.add(path, 200, size, body.name)
            return body

        def send_error(self, code, message=None, explain=None):
            counter.add(urllib.parse.urlsplit(self.path).path, code, 0, None)
            super().send_error(code, message, explain)

        def end_headers(self):
            self.send_header("Cache-Control", "no-store")
            super().end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


# MARK: Chromium over the DevTools protocol, on a pipe (fd 3 in, fd 4 out, NUL-terminated JSON)

class Browser:
    def __init__(self):
        binary = next((b for b in ("chromium", "chromium-browser", "google-chrome") if shutil.which(b)), None)
        if not binary:
            sys.exit("chromium is needed (apt-get install chromium)")
        self.profile = tempfile.mkdtemp(prefix="kb-bench-chromium-")
        to_child = os.pipe()
        from_child = os.pipe()
        # Above the low numbers, so that dup2 onto 3 and 4 in the child cannot clobber them.
        child_in = fcntl.fcntl(to_child[0], fcntl.F_DUPFD_CLOEXEC, 10)
        child_out = fcntl.fcntl(from_child[1], fcntl.F_DUPFD_CLOEXEC, 10)
        os.close(to_child[0])
        os.close(from_child[1])

        def plumb():
            os.dup2(child_in, 3)
            os.dup2(child_out, 4)

        self.process = subprocess.Popen(
            [binary, "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe", "--no-first-run",
             "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--disable-features=Translate,MediaRouter",
             f"--user-data-dir={self.profile}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=plumb, close_fds=False)
        os.close(child_in)
        os.close(child_out)
        self.write = to_child[1]
        self.read = os.fdopen(from_child[0], "rb", buffering=0)
        self.buffer = b""
        self.next_id = 0
        self.events = []

    def _message(self, timeout):
        deadline = time.monotonic() + timeout
        while b"\0" not in self.buffer:
            if time.monotonic() > deadline:
                raise TimeoutError("no answer from chromium")
            import select
            ready, _, _ = select.select([self.read], [], [], max(0.0, deadline - time.monotonic()))
            if ready:
                chunk = self.read.read(1 << 20)
                if not chunk:
                    raise RuntimeError("chromium closed the DevTools pipe")
                self.buffer += chunk
        raw, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(raw)

    def call(self, method, params=None, session=None, timeout=60):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        data = json.dumps(message).encode() + b"\0"
        while data:
            data = data[os.write(self.write, data):]
        while True:
            answer = self._message(timeout)
            if answer.get("id") == self.next_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer.get("result", {})
            if "method" in answer:
                self.events.append(answer)

    def wait_event(self, method, session, timeout=60):
        deadline = time.monotonic() + timeout
        while True:
            for i, event in enumerate(self.events):
                if event["method"] == method and event.get("sessionId") == session:
                    del self.events[:i + 1]
                    return event
            self.events.clear()
            answer = self._message(max(0.1, deadline - time.monotonic()))
            if "method" in answer:
                self.events.append(answer)

    def run(self, url, expression, timeout=60):
        """Loads url in a fresh context (its own empty cache); `before()` is called once the page has
        loaded; then evaluates expression (a promise) and returns its value."""
        context = self.call("Target.createBrowserContext", {"disposeOnDetach": True})["browserContextId"]
        target = self.call("Target.createTarget", {"url": "about:blank", "browserContextId": context})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        try:
            self.call("Page.enable", session=session)
            self.events.clear()
            self.call("Page.navigate", {"url": url}, session=session)
            self.wait_event("Page.loadEventFired", session, timeout)
            yield_point = yield
            result = self.call("Runtime.evaluate", {"expression": expression, "awaitPromise": True,
                                                    "returnByValue": True, "timeout": timeout * 1000},
                               session=session, timeout=timeout + 5)
            if "exceptionDetails" in result:
                details = result["exceptionDetails"]
                raise RuntimeError(details.get("exception", {}).get("description") or details.get("text"))
            yield result["result"].get("value")
        finally:
            self.call("Target.closeTarget", {"targetId": target})
            self.call("Target.disposeBrowserContext", {"browserContextId": context})

    def close(self):
        try:
            self.call("Browser.close", timeout=5)
        except Exception:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


KB_PASTE = """(async () => {
  const text = %s;
  const box = document.getElementById("q"), out = document.getElementById("results");
  const done = new Promise((resolve, reject) => {
    const finished = () => out.querySelector("li[data-id]") || out.querySelector("p.none");
    const observer = new MutationObserver(() => { if (finished()) { observer.disconnect(); resolve(); } });
    observer.observe(out, { childList: true, subtree: true });
    setTimeout(() => reject(new Error("no results after 30 s")), 30000);
  });
  const start = performance.now();
  box.focus();
  box.value = text;
  box.dispatchEvent(new Event("paste", { bubbles: true }));
  await done;
  const ms = performance.now() - start;
  const none = out.querySelector("p.none");
  return { ms, ids: [...out.querySelectorAll("li[data-id]")].map(li => li.getAttribute("data-id")),
           note: none ? none.textContent : "" };
})()"""

PAGEFIND_PASTE = """(async () => {
  const text = %s;
  const start = performance.now();
  const pagefind = await import(%s);
  await pagefind.init();
  const found = await pagefind.search(text);
  const data = await Promise.all(found.results.slice(0, 3).map(r => r.data()));
  const ms = performance.now() - start;
  return { ms, ids: data.map(d => d.url), note: found.results.length + " results" };
})()"""


def one(browser, counter, url, expression, search_prefix):
    """Runs one search; returns its time, answer, and the requests after the page's load event."""
    steps = browser.run(url, expression)
    page_mark = counter.mark()
    next(steps)
    search_mark = counter.mark()
    answer = steps.send(None)
    try:
        next(steps)
    except StopIteration:
        pass
    time.sleep(0.05)  # a straggler's log line
    page = counter.since(page_mark)[: search_mark - page_mark]
    after = counter.since(search_mark)
    search = [r for r in after if r[0].startswith(search_prefix)]
    return answer, page, search, [r for r in after if r[1] >= 400]


def entry_id(url, prefix):
    """`/kb/provider-0001/some-slug/` -> `provider-0001/some-slug`."""
    path = urllib.parse.urlsplit(url).path
    if path.startswith(prefix):
        path = path[len(prefix):]
    return path.strip("/").removesuffix("/index.html").removesuffix("index.html").strip("/")


def p90(values):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.9 * (len(ordered) - 1))))]


def measure(entries, folder, numbers, pastes, seed, browser):
    site = os.path.join(folder, "site")
    all_pastes = [p for p in planted(os.path.join(folder, "Evaluation", "planted", "planted.yml")) if p["expect"] != "none"]
    sample = random.Random(seed).sample(all_pastes, min(pastes, len(all_pastes)))
    typed = [TYPED, " ".join(signature(folder, sample[-1]["expect"]).split()[:3]).lower()]
    queries = [(p["text"], p["expect"]) for p in sample] + [(t, None) for t in typed]
    counter = Counter()
    prefix = "/"
    server = serve(site, counter, prefix)
    base = f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    rows = {"kb": [], "Pagefind": []}
    page_cost = None
    errors = []
    pagefind_timeout = None
    try:
        for text, expect in queries:
            for engine in ("kb", "Pagefind"):
                if engine == "Pagefind" and pagefind_timeout:
                    continue  # it did not answer one paste in a minute; the rest would take as long
                if engine == "kb":
                    url, expression, scope = base, KB_PASTE % json.dumps(text), prefix + "search/"
                else:
                    url = base + PAGEFIND_PAGE
                    expression = PAGEFIND_PASTE % (json.dumps(text), json.dumps(prefix + "pagefind/pagefind.js"))
                    scope = prefix + "pagefind/"
                before = counter.mark()
                try:
                    answer, page, search, failed = one(browser, counter, url, expression, scope)
                except TimeoutError:
                    if engine == "kb":
                        raise
                    # At 100,000 entries Pagefind's browser search did not answer within the
                    # minute: say so in the table rather than lose every other figure.
                    fetched = [r for r in counter.since(before) if r[0].startswith(scope)]
                    pagefind_timeout = {"bytes": sum(r[2] for r in fetched), "requests": len(fetched), "text": text}
                    continue
                if engine == "kb" and page_cost is None:
                    page_cost = page
                errors += [f"{engine} {r[1]} {r[0]}" for r in failed if r[0] != "/favicon.ico"]
                ids = [entry_id(i, prefix) if engine == "Pagefind" else i for i in answer["ids"]]
                rows[engine].append({"typed": expect is None, "ok": bool(ids) and ids[0] == expect, "text": text,
                                     "cli": cli_top(folder, text) if engine == "kb" else None,
                                     "top": ids[0] if ids else "", "expect": expect, "note": answer["note"],
                                     "ms": answer["ms"], "requests": len(search),
                                     "bytes": sum(r[2] for r in search), "gzip": sum(r[3] for r in search)})
        # The same first paste under a sub-path: the site's links are relative, so it must work there too.
        sub_counter = Counter()
        sub = serve(site, sub_counter, "/sub/path/")
        try:
            answer, _, search, failed = one(browser, sub_counter, f"http://127.0.0.1:{sub.server_address[1]}/sub/path/",
                                            KB_PASTE % json.dumps(queries[0][0]), "/sub/path/search/")
            subpath = {"top": answer["ids"][0] if answer["ids"] else answer["note"], "requests": len(search),
                       "failed": [f"{r[1]} {r[0]}" for r in failed if r[0] != "/favicon.ico"]}
        finally:
            sub.shutdown()
            sub.server_close()
    finally:
        server.shutdown()
        server.server_close()
    return {"entries": entries, "numbers": numbers, "rows": rows, "page": page_cost or [], "errors": errors, "typed": typed,
            "pagefind_timeout": pagefind_timeout,
            "subpath": subpath, "expected_subpath": rows["kb"][0]["top"]}


# MARK: The table

def kb_(n):
    return f"{n / 1024:,.0f} KB" if n < 10 * 1024 * 1024 else f"{n / 1048576:,.1f} MB"


def mb(n):
    return f"{n / 1048576:,.1f} MB"


def table(results):
    lines = []
    head = ("entries", "engine", "index time", "index on disk", "paste med", "p90", "gzip med", "req med", "ms med",
            "ms p90", "top-1", "=CLI", "typed 1 / typed 2: bytes, requests, ms")
    body = []
    for result in results:
        n = result["numbers"]
        for engine in ("kb", "Pagefind"):
            rows = result["rows"][engine]
            pasted = [r for r in rows if not r["typed"]]
            typed = [r for r in rows if r["typed"]]
            if not pasted:
                continue  # Pagefind timed out on the first paste (noted under the table)
            if engine == "kb":
                build = f"{n['kb_build_s']:.1f} s site"
                disk = f"{mb(n['kb_index_bytes'])}, {n['kb_index_files']:,} files"
            else:
                build = f"{n['pf_index_s']:.1f} s"
                disk = f"{mb(n['pf_index_bytes'])}, {n['pf_index_files']:,} files"
            body.append((f"{result['entries']:,}", engine, build, disk,
                         kb_(statistics.median(r["bytes"] for r in pasted)), kb_(p90([r["bytes"] for r in pasted])),
                         kb_(statistics.median(r["gzip"] for r in pasted)),
                         f"{statistics.median(r['requests'] for r in pasted):g}",
                         f"{statistics.median(r['ms'] for r in pasted):.0f}", f"{p90([r['ms'] for r in pasted]):.0f}",
                         f"{sum(r['ok'] for r in pasted)}/{len(pasted)}",
                         f"{sum(r['top'] == r['cli'] for r in rows)}/{len(rows)}" if engine == "kb" else "",
                         " / ".join(f"{kb_(r['bytes'])}, {r['requests']}, {r['ms']:.0f}" for r in typed)))
    widths = [max(len(str(row[i])) for row in [head] + body) for i in range(len(head))]
    fmt = lambda row: "  ".join(str(c).ljust(w) if i < 4 or i == len(head) - 1 else str(c).rjust(w)
                                for i, (c, w) in enumerate(zip(row, widths))).rstrip()
    lines.append(fmt(head))
    lines.append(fmt(["-" * w for w in widths]))
    lines += [fmt(row) for row in body]
    lines.append("")
    for result in results:
        page = result["page"]
        kinds = ", ".join(f"{os.path.basename(p.rstrip('/')) or 'index.html'} {kb_(s)}" for p, _, s, _ in page)
        sub = result["subpath"]
        same = "same top result" if sub["top"] == result["expected_subpath"] else f"top {sub['top']!r}"
        lines.append(f"{result['entries']:,}: kb's page before any paste: {len(page)} requests, "
                     f"{kb_(sum(r[2] for r in page))} ({kinds}); under /sub/path/: {same}, {sub['requests']} requests"
                     + (f", failed {sub['failed']}" if sub["failed"] else ""))
        if result.get("pagefind_timeout"):
            t = result["pagefind_timeout"]
            lines.append(f"{result['entries']:,}: Pagefind gave no answer within 60 s for a paste "
                         f"({t['requests']} requests, {kb_(t['bytes'])} fetched by then), so it was not run on the rest")
        if result["errors"]:
            lines.append(f"  failed requests: {sorted(set(result['errors']))[:10]}")
    lines.append("typed queries: " + "; ".join(f"{r['entries']:,}: {', '.join(map(repr, r['typed']))}" for r in results))
    lines.append("Bytes: bodies as sent, uncompressed (gzip: what a compressing host would send), fetched after the page's "
                 "load event. =CLI: the page's first result is `kb search --json`'s (pastes and typed queries).")
    return "\n".join(lines)


def main():
    global KB
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="entries per knowledge base, comma-separated")
    parser.add_argument("--pastes", type=int, default=30, help="planted pastes sampled per size")
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--quick", action="store_true", help="1,000 entries and 5 pastes (CI)")
    parser.add_argument("--workdir", default=os.path.join(tempfile.gettempdir(), "kb-browser-bench"))
    parser.add_argument("--reuse", action="store_true", help="reuse the sites a previous run built in --workdir")
    parser.add_argument("--json", help="also write every measurement to this file")
    parser.add_argument("--verbose", action="store_true", help="print each paste's result")
    parser.add_argument("--kb", help=f"the kb binary (default {os.path.relpath(KB, ROOT)})")
    args = parser.parse_args()
    if args.kb:
        KB = os.path.abspath(args.kb)
    sizes = [1000] if args.quick else [int(s) for s in args.sizes.split(",")]
    pastes = 5 if args.quick else args.pastes
    if not os.access(KB, os.X_OK):
        sys.exit(f"{KB} is missing: swift build -c release --product kb")
    pagefind = pagefind_command()
    os.makedirs(args.workdir, exist_ok=True)
    results = []
    browser = Browser()
    try:
        for entries in sizes:
            start = time.perf_counter()
            folder, numbers = prepare(entries, args.workdir, args.reuse, pagefind)
            print(f"{entries:,} entries: built in {time.perf_counter() - start:.0f} s; measuring...", file=sys.stderr)
            result = measure(entries, folder, numbers, pastes, args.seed, browser)
            results.append(result)
            if args.verbose:
                for engine, rows in result["rows"].items():
                    for r in rows:
                        print(f"  {engine:8} {'ok ' if r['ok'] else 'NO ' if not r['typed'] else '   '} "
                              f"{r['bytes']:>9} B {r['requests']:>3} req {r['ms']:7.1f} ms top={r['top']} "
                              f"expect={r['expect']} {r['note']}", file=sys.stderr)
    finally:
        browser.close()
    print(table(results))
    if args.json:
        with open(args.json, "w") as handle:
            json.dump(results, handle, indent=1)


if __name__ == "__main__":
    main()
