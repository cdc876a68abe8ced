// Runs the site's search.js under Node over a list of pastes and prints what it answers, for
// the parity test (Tests/KnowledgeBaseTests/BrowserParityTests.swift) and the browser-index
// benchmark (Benchmarks/browser_index.py).
//
//   node search-parity.js SITE INPUT.json OUTPUT.json [--fresh]
//   node search-parity.js SITE --serve     (the differential fuzz target, Fuzz/Targets/FuzzBrowserParity)
//
// INPUT is [{"text": …, "limit": 3, "provider": null}, …]; OUTPUT is, for each, the answer as
// `kb search --json` prints it, the masked paste, and the bytes of index pieces it loaded.
// With --fresh every paste gets a new engine, as a first visit to the site would. With --serve it
// reads one query per line on standard input and answers each on one line of standard output.
"use strict";
const fs = require("fs"), path = require("path");
const [site, inputPath, outputPath, mode] = process.argv.slice(2);
const kb = require(path.resolve(site, "assets/search.js"));
const manifest = JSON.parse(fs.readFileSync(path.join(site, "search/manifest.json"), "utf8"));
let loadedBytes = 0;
function load(name) {
  const file = name.startsWith("r/") ? path.join(site, "search", name + ".js") : path.join(site, "search", manifest.generation, name + ".js");
  const text = fs.readFileSync(file, "utf8");
  loadedBytes += Buffer.byteLength(text);
  const prefix = "kb.shard(" + JSON.stringify(name) + ",";
  if (!text.startsWith(prefix) || !text.endsWith(");\n")) throw new Error("not an index piece: " + file);
  return JSON.parse(text.slice(prefix.length, text.length - 3));
}
const manifestBytes = fs.statSync(path.join(site, "search/manifest.js")).size;
let engine = new kb.Engine(load);
if (inputPath === "--serve") {
  (async () => {
    const lines = require("readline").createInterface({ input: process.stdin, crlfDelay: Infinity });
    for await (const line of lines) {
      const item = JSON.parse(line);
      const found = await engine.search(item.text, { limit: item.limit == null ? 3 : item.limit, provider: item.provider == null ? null : item.provider });
      process.stdout.write(JSON.stringify({ json: found.json, redactedText: found.redactedText }) + "\n");
    }
  })().catch((error) => { console.error(error && error.stack || error); process.exit(1); });
  return;
}
const input = JSON.parse(fs.readFileSync(inputPath, "utf8"));
(async () => {
  const output = [];
  for (const item of input) {
    if (mode === "--fresh") engine = new kb.Engine(load);
    loadedBytes = 0;
    const found = await engine.search(item.text, { limit: item.limit == null ? 3 : item.limit, provider: item.provider == null ? null : item.provider });
    output.push({ json: found.json, redactedText: found.redactedText, bytes: loadedBytes + manifestBytes });
  }
  fs.writeFileSync(outputPath, JSON.stringify(output));
})().catch((error) => { console.error(error && error.stack || error); process.exit(1); });
