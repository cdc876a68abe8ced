// kb's search in the browser: the same normalisation, secret masking and ranking as `kb search`
// (Sources/KnowledgeBase/Search), reading the same index file. Keep the two in step: the test
// suite compares their top results for every paste of Evaluation/ in headless Chromium.
// The paste never leaves the page: no request carries it, and it is not put in the URL.
"use strict";
(function () {
  var enc = new TextEncoder(), dec = new TextDecoder();
  var MASK = "[REDACTED]";
  var KEY_PREFIXES = ["sk-ant-", "sk-proj-", "sk-svcacct-", "sk-admin-", "sk-or-v1-", "sk-", "gsk_", "AIza", "xai-", "hf_", "pplx-", "ghp_", "github_pat_"];
  var LABELS = ["bearer", "api-key", "api_key", "apikey", "x-api-key", "x-goog-api-key", "authorization", "token", "access_token", "key", "password", "secret"];
  var STOP = set("a an the to of in on at by for from with and or is are was be been it its this that these you your we our as if please can will has have do does i my me so but then than there here into also any all");
  var LEAD = set("http https status code error statuscode response returned got received with failed");
  var REASON = set("bad unauthorized payment forbidden not method request conflict gone payload too unprocessable internal service gateway overloaded precondition unavailable timeout");
  var P = { k1: 1.2, bm25: 0.45, status: 1.5, host: 6, env: 5, key: 3, alias: 1, typedAlias: 6, half: 8, threshold: 0.55, cutoff: 0.6, typed: 8, coverage: 4, anchor: 0.75, saturation: 30 };
  var KINDS = ["alias", "host", "env", "key"];

  function set(words) { var s = new Set(); words.split(" ").forEach(function (w) { s.add(w); }); return s; }
  function isWordByte(b) { return (b >= 97 && b <= 122) || (b >= 48 && b <= 57); }
  function isJoiner(b) { return b === 46 || b === 58 || b === 45 || b === 47; }
  function isHex(b) { return (b >= 48 && b <= 57) || (b >= 97 && b <= 102); }

  // Tokenizer.rawTokens: runs of ASCII letters and digits, lower-cased, with their joiners.
  // Masked secrets (byte ranges of the redacted text) are no words: they separate tokens.
  function rawTokens(text, masks) {
    var bytes = enc.encode(text), out = [], cur = "", prev = 0, joinedBefore = false, m = 0;
    masks = masks || [];
    for (var i = 0; i < bytes.length; i++) {
      while (m < masks.length && i >= masks[m][1]) m++;
      if (m < masks.length && i >= masks[m][0]) {
        if (cur !== "") { out.push({ text: cur, before: joinedBefore, after: false }); cur = ""; }
        prev = 0;
        continue;
      }
      var b = bytes[i], l = b >= 65 && b <= 90 ? b + 32 : b;
      if (isWordByte(l)) {
        if (cur === "") joinedBefore = isJoiner(prev);
        cur += String.fromCharCode(l);
      } else if (cur !== "") {
        out.push({ text: cur, before: joinedBefore, after: isJoiner(b) });
        cur = "";
      }
      prev = b;
    }
    if (cur !== "") out.push({ text: cur, before: joinedBefore, after: false });
    return out;
  }

  function isVolatile(t) {
    var digits = 0, letters = 0, hexLetters = 0;
    for (var i = 0; i < t.length; i++) {
      var c = t.charCodeAt(i);
      if (c >= 48 && c <= 57) digits++; else { letters++; if (c >= 97 && c <= 102) hexLetters++; }
    }
    var n = digits + letters;
    if (letters === 0) { if (n !== 3) return true; var v = +t; return !(v >= 100 && v <= 599); }
    if (digits > 0 && n >= 8 && hexLetters === letters) return true;
    if (digits >= 2 && digits >= 2 * letters) return true;
    if (digits > 0 && n >= 10) return true;
    return n > 40;
  }

  var UUID = [8, 4, 4, 4, 12];
  function isUUID(raw, s) {
    if (s + 5 > raw.length) return false;
    for (var o = 0; o < 5; o++) {
      var t = raw[s + o];
      if (t.text.length !== UUID[o]) return false;
      for (var i = 0; i < t.text.length; i++) if (!isHex(t.text.charCodeAt(i))) return false;
      if (o > 0 && !t.before) return false;
    }
    return true;
  }

  function searchTokens(raw) {
    var out = [];
    for (var i = 0; i < raw.length;) {
      if (isUUID(raw, i)) { i += 5; continue; }
      if (!isVolatile(raw[i].text)) out.push(raw[i].text);
      i++;
    }
    return out;
  }
  function tokens(text) { return searchTokens(rawTokens(text)); }

  // SecretMasker.redact, byte for byte.
  function isKeyByte(b) {
    return (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b === 45 || b === 95 || b === 46 || b === 43 || b === 47 || b === 61;
  }
  function mixed(tok) {
    var up = false, low = false, dig = false;
    for (var i = 0; i < tok.length; i++) {
      var b = tok[i];
      if (b >= 65 && b <= 90) up = true; else if (b >= 97 && b <= 122) low = true; else if (b >= 48 && b <= 57) dig = true;
    }
    return dig && (up || low);
  }
  function looksSecret(tok, label, prefixes) {
    var text = dec.decode(tok);
    for (var i = 0; i < prefixes.length; i++) {
      if (text.indexOf(prefixes[i]) === 0 && tok.length >= enc.encode(prefixes[i]).length + 12) return true;
    }
    if (text.indexOf("eyJ") === 0 && text.split(".").filter(function (p) { return p !== ""; }).length >= 3 && tok.length >= 30) return true;
    if (LABELS.indexOf(label) >= 0 && tok.length >= 16 && mixed(tok)) return true;
    if (tok.length === 32) {
      var hex = true, digit = false, other = false;
      for (var j = 0; j < 32; j++) {
        var b = tok[j];
        if (!(isHex(b) || (b >= 65 && b <= 70))) hex = false;
        if (b >= 48 && b <= 57) digit = true; else other = true;
      }
      if (hex && digit && other) return true;
    }
    return tok.length >= 40 && mixed(tok) && tok.indexOf(47) < 0;
  }
  function redact(text, extra) {
    var prefixes = KEY_PREFIXES.concat(extra.filter(function (p) { return enc.encode(p).length >= 3; }))
      .sort(function (a, b) { return enc.encode(b).length - enc.encode(a).length; });
    var bytes = enc.encode(text), out = [], count = 0, label = "", mask = enc.encode(MASK), masks = [];
    for (var i = 0; i < bytes.length;) {
      var b = bytes[i];
      if (isKeyByte(b) && (i === 0 || !isKeyByte(bytes[i - 1]))) {
        var end = i;
        while (end < bytes.length && isKeyByte(bytes[end])) end++;
        while (end > i + 1 && (bytes[end - 1] === 46 || bytes[end - 1] === 45)) end--;
        var tok = bytes.subarray(i, end);
        if (looksSecret(tok, label, prefixes)) {
          masks.push([out.length, out.length + mask.length]);
          for (var m = 0; m < mask.length; m++) out.push(mask[m]);
          count++;
          label = "";
        } else {
          for (var k = 0; k < tok.length; k++) out.push(tok[k]);
          label = dec.decode(tok.map(function (c) { return c >= 65 && c <= 90 ? c + 32 : c; }));
        }
        i = end;
        continue;
      }
      out.push(b);
      i++;
    }
    return { text: dec.decode(new Uint8Array(out)), count: count, masks: masks };
  }

  function statuses(raw) {
    var found = [];
    function num(t) { return /^[0-9]*$/.test(t); }
    for (var i = 0; i < raw.length; i++) {
      var t = raw[i];
      if (t.text.length !== 3 || !num(t.text)) continue;
      var v = +t.text;
      if (v < 400 || v > 599) continue;
      var before = i > 0 ? raw[i - 1].text : "", after = i + 1 < raw.length ? raw[i + 1].text : "";
      if ((t.before && num(before)) || (t.after && num(after))) continue;
      if ((LEAD.has(before) || REASON.has(after)) && found.indexOf(v) < 0) found.push(v);
    }
    return found;
  }

  function analyse(text, keyPrefixes) {
    var r = redact(text, keyPrefixes), raw = rawTokens(r.text, r.masks);
    return { original: text, redacted: r.text, secrets: r.count, lower: r.text.toLowerCase(), tokens: searchTokens(raw), statuses: statuses(raw) };
  }

  function editDistance(a, b) {
    a = Array.from(a); b = Array.from(b);
    if (!a.length) return b.length;
    if (!b.length) return a.length;
    var pp = new Array(b.length + 1).fill(0), p = [], c = new Array(b.length + 1).fill(0);
    for (var x = 0; x <= b.length; x++) p.push(x);
    for (var i = 1; i <= a.length; i++) {
      c[0] = i;
      for (var j = 1; j <= b.length; j++) {
        var v = Math.min(p[j] + 1, c[j - 1] + 1, p[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, pp[j - 2] + 1);
        c[j] = v;
      }
      var t = pp; pp = p; p = c; c = t;
    }
    return p[b.length];
  }

  // The index: the same file `kb search` maps (SearchIndex.swift, IndexFormat.swift).
  function Index(buffer) {
    var view = new DataView(buffer), bytes = new Uint8Array(buffer);
    if (buffer.byteLength < 88 || dec.decode(bytes.subarray(0, 4)) !== "KBIX") throw new Error("not a kb search index");
    var h = [];
    for (var f = 0; f < 21; f++) h.push(view.getUint32(4 + f * 4, true));
    if (h[0] !== 1) throw new Error("index format " + h[0]);
    function u32(sec, i) { return view.getUint32(h[sec] + i * 4, true); }
    function f64(sec, i) { return view.getFloat64(h[sec] + i * 8, true); }
    var strings = [];
    for (var s = 0; s < h[7]; s++) strings.push(dec.decode(bytes.subarray(h[11] + u32(10, s), h[11] + u32(10, s + 1))));
    function list(start, count) { var out = []; for (var i = 0; i < count; i++) out.push(u32(20, start + i)); return out; }
    this.n = h[2];
    this.terms = strings.slice(0, h[3]);
    this.termAt = new Map();
    for (var t = 0; t < h[3]; t++) this.termAt.set(strings[t], t);
    this.df = []; this.starts = [];
    for (t = 0; t < h[3]; t++) { this.df.push(u32(13, t)); this.starts.push(u32(14, t)); }
    this.starts.push(u32(14, h[3]));
    this.pdoc = []; this.pfreq = [];
    for (var p = 0; p < h[4]; p++) { this.pdoc.push(u32(15, p)); this.pfreq.push(f64(16, p)); }
    this.docs = [];
    for (var d = 0; d < h[2]; d++) {
      var w = function (o) { return u32(12, d * 16 + o); };
      this.docs.push({ id: strings[w(0)], title: strings[w(1)], provider: strings[w(2)], providerKey: w(2), category: strings[w(3)],
        path: strings[w(4)], summary: strings[w(5)], http: list(w(6), w(7)) });
    }
    this.sigsByFirst = new Map();
    for (var g = 0; g < h[5]; g++) {
      var toks = list(u32(17, g * 4 + 2), u32(17, g * 4 + 3)).map(function (i) { return strings[i]; });
      var rec = { doc: u32(17, g * 4), text: strings[u32(17, g * 4 + 1)], tokens: toks, weight: f64(18, g) };
      if (!toks.length || rec.doc >= this.n) continue;
      if (!this.sigsByFirst.has(toks[0])) this.sigsByFirst.set(toks[0], []);
      this.sigsByFirst.get(toks[0]).push(rec);
    }
    this.hints = [];
    this.providerKeys = new Map();
    for (var k = 0; k < h[6]; k++) {
      var kind = u32(19, k * 4 + 2);
      var hint = { provider: strings[u32(19, k * 4)], providerKey: u32(19, k * 4), name: strings[u32(19, k * 4 + 1)], kind: KINDS[kind] || "alias", value: strings[u32(19, k * 4 + 3)] };
      this.providerKeys.set(hint.provider, hint.providerKey);
      this.hints.push(hint);
    }
  }
  Index.prototype.idf = function (df) { return Math.log1p((this.n - df + 0.5) / (df + 0.5)); };

  function distinct(toks) {
    var seen = new Set(), out = [];
    toks.forEach(function (t) { if (!STOP.has(t) && !seen.has(t)) { seen.add(t); out.push(t); } });
    return out;
  }

  function correction(ix, term) {
    var allowed = term.length >= 8 ? 2 : 1, best = null;
    for (var i = 0; i < ix.terms.length; i++) {
      var c = ix.terms[i];
      if (Math.abs(enc.encode(c).length - term.length) > allowed) continue;
      var dist = editDistance(term, c);
      if (dist > allowed) continue;
      var freq = ix.df[i];
      if (!best || dist < best.dist || (dist === best.dist && freq > best.freq)) best = { term: c, dist: dist, freq: freq };
    }
    return best && best.term;
  }

  function bonus(kind) { return P[kind]; }

  function keyPrefixLength(prefix, text) {
    var word = /[\p{L}\p{N}_-]/u, from = 0, at;
    while ((at = text.indexOf(prefix, from)) >= 0) {
      var before = at === 0 ? null : Array.from(text.slice(Math.max(0, at - 2), at)).pop();
      var starts = before === null || !word.test(before);
      var rest = 0;
      for (var ch of text.slice(at + prefix.length)) { if (!word.test(ch)) break; rest++; }
      if (starts && rest >= 12) return Array.from(prefix).length;
      from = at + prefix.length;
    }
    return 0;
  }

  function providerHints(ix, paste) {
    var hinted = new Map(), tokenSet = new Set(paste.tokens), longest = new Map();
    function record(provider, kind, reason) {
      var old = hinted.get(provider);
      if (old && bonus(old.kind) >= bonus(kind)) return;
      hinted.set(provider, { kind: kind, reason: reason });
    }
    ix.hints.forEach(function (h) {
      if (h.kind === "host") { if (paste.lower.indexOf(h.value) >= 0) record(h.provider, "host", h.value); }
      else if (h.kind === "env") { if (paste.redacted.indexOf(h.value) >= 0) record(h.provider, "env", h.value); }
      else if (h.kind === "alias") {
        var at = tokens(h.value);
        if (at.length === 1 ? tokenSet.has(at[0]) : (at.length > 0 && paste.lower.indexOf(h.value) >= 0)) record(h.provider, "alias", h.value);
      } else {
        var len = keyPrefixLength(h.value, paste.original);
        if (len) longest.set(h.provider, Math.max(longest.get(h.provider) || 0, len));
      }
    });
    var max = 0;
    longest.forEach(function (v) { max = Math.max(max, v); });
    if (max) longest.forEach(function (v, provider) {
      if (v !== max) return;
      var first = ix.hints.find(function (h) { return h.provider === provider; });
      record(provider, "key", (first ? first.name : provider) + " key format");
    });
    return hinted;
  }

  function matchSignatures(ix, toks, lower, typed) {
    var positions = new Map(), found = new Map();
    toks.forEach(function (t, i) { if (!positions.has(t)) positions.set(t, []); positions.get(t).push(i); });
    positions.forEach(function (starts, first) {
      (ix.sigsByFirst.get(first) || []).forEach(function (sig) {
        var len = sig.tokens.length;
        var hit = starts.some(function (s) {
          if (s + len > toks.length) return false;
          for (var o = 1; o < len; o++) if (toks[s + o] !== sig.tokens[o]) return false;
          return true;
        });
        if (!hit) return;
        // A code value must be there as written (Ranker.swift says why).
        if (!typed && sig.text.indexOf("_") >= 0 && !/[ \t\n]/.test(sig.text) && lower.indexOf(sig.text.toLowerCase()) < 0) return;
        if (!found.has(sig.doc)) found.set(sig.doc, []);
        found.get(sig.doc).push(sig);
      });
    });
    var result = new Map();
    found.forEach(function (list, doc) {
      list.sort(function (a, b) { return a.weight !== b.weight ? b.weight - a.weight : (a.text < b.text ? -1 : a.text > b.text ? 1 : 0); });
      var score = list[0].weight;
      for (var i = 1; i < list.length; i++) score += 0.3 * list[i].weight;
      result.set(doc, { score: score, texts: list.slice(0, 3).map(function (s) { return s.text; }) });
    });
    return result;
  }

  function termScore(ix, term, posting) {
    var f = ix.pfreq[posting];
    return ix.idf(ix.df[term]) * f * (P.k1 + 1) / (f + P.k1);
  }

  function topTerms(ix, terms, doc) {
    var contributions = [];
    terms.forEach(function (term) {
      var t = ix.termAt.get(term);
      if (t === undefined) return;
      for (var p = ix.starts[t]; p < ix.starts[t + 1]; p++) if (ix.pdoc[p] === doc) { contributions.push({ term: term, score: termScore(ix, t, p) }); break; }
    });
    contributions.sort(function (a, b) { return a.score !== b.score ? b.score - a.score : (a.term < b.term ? -1 : 1); });
    return contributions.slice(0, 3).map(function (c) { return c.term; });
  }

  function confidence(raw) { return raw / (raw + P.half); }

  // Ranker.search: evidence, strongest first, then the threshold that keeps unrelated text quiet.
  function search(ix, text, limit) {
    limit = limit || 3;
    var paste = analyse(text, ix.hints.filter(function (h) { return h.kind === "key"; }).map(function (h) { return h.value; }));
    var terms = distinct(paste.tokens), corrections = new Map();
    if (terms.length <= P.typed) terms.forEach(function (t) {
      if (!ix.termAt.has(t) && t.length >= 4 && /^[a-z]+$/.test(t)) { var fixed = correction(ix, t); if (fixed) corrections.set(t, fixed); }
    });
    var toks = corrections.size ? paste.tokens.map(function (t) { return corrections.get(t) || t; }) : paste.tokens;
    if (corrections.size) terms = distinct(toks);
    var termScores = new Map(), matchedTerms = new Map(), order = [];
    function touch(d) { if (!termScores.has(d)) { termScores.set(d, 0); matchedTerms.set(d, 0); order.push(d); } }
    terms.forEach(function (term) {
      var t = ix.termAt.get(term);
      if (t === undefined) return;
      var idf = ix.idf(ix.df[t]);
      for (var p = ix.starts[t]; p < ix.starts[t + 1]; p++) {
        var d = ix.pdoc[p], f = ix.pfreq[p];
        if (d >= ix.n) continue;
        touch(d);
        termScores.set(d, termScores.get(d) + idf * f * (P.k1 + 1) / (f + P.k1));
        matchedTerms.set(d, matchedTerms.get(d) + 1);
      }
    });
    var typed = terms.length <= P.typed && terms.length > 0 && !/[{}\[\]()=:"\n]/.test(text.trim());
    var sigs = matchSignatures(ix, toks, paste.lower, typed);
    sigs.forEach(function (_, d) { touch(d); });
    var hinted = providerHints(ix, paste), hintBonus = new Map();
    hinted.forEach(function (h, provider) {
      if (ix.providerKeys.has(provider)) hintBonus.set(ix.providerKeys.get(provider), typed && h.kind === "alias" ? P.typedAlias : bonus(h.kind));
    });
    var ranked = [];
    order.forEach(function (d) {
      // Words alone do not make a match (Ranker.swift says why).
      var doc = ix.docs[d], anchored = sigs.has(d), words = termScores.get(d), raw = (sigs.has(d) ? sigs.get(d).score : 0) + P.bm25 * (words / (1 + words / P.saturation));
      if (typed) { var cov = matchedTerms.get(d) / terms.length; raw += P.coverage * cov * cov; if (cov >= P.anchor) anchored = true; }
      if (paste.statuses.length && doc.http.some(function (c) { return paste.statuses.indexOf(c) >= 0; })) { raw += P.status; anchored = true; }
      if (hintBonus.has(doc.providerKey)) { raw += hintBonus.get(doc.providerKey); anchored = true; }
      if (anchored) ranked.push({ doc: d, raw: raw });
    });
    ranked.sort(function (a, b) { return a.raw !== b.raw ? b.raw - a.raw : (ix.docs[a.doc].id < ix.docs[b.doc].id ? -1 : 1); });
    ranked = ranked.slice(0, Math.max(limit, 1));
    if (!ranked.length || confidence(ranked[0].raw) < P.threshold) return { results: [], secrets: paste.secrets };
    var best = ranked[0].raw;
    var results = ranked.slice(0, limit).filter(function (c) { return c.raw >= best * P.cutoff; }).map(function (c) {
      var doc = ix.docs[c.doc], matched = (sigs.has(c.doc) ? sigs.get(c.doc).texts : []).map(function (s) { return "signature \"" + s + "\""; });
      var status = paste.statuses.find(function (s) { return doc.http.indexOf(s) >= 0; });
      if (status) matched.push("HTTP " + status);
      if (hinted.has(doc.provider)) matched.push("provider hint " + hinted.get(doc.provider).reason);
      var words = topTerms(ix, terms, c.doc);
      if (words.length) matched.push("words: " + words.join(", "));
      Array.from(corrections.keys()).sort().forEach(function (typo) {
        var fixed = corrections.get(typo);
        if (words.indexOf(fixed) >= 0 || matched.some(function (m) { return m.toLowerCase().indexOf(fixed) >= 0; })) matched.push("read '" + typo + "' as '" + fixed + "'");
      });
      return { id: doc.id, title: doc.title, provider: doc.provider, category: doc.category, http: doc.http, summary: doc.summary,
        score: Math.round(confidence(c.raw) * 100) / 100, matched: matched, url: doc.id + "/" };
    });
    return { results: results, secrets: paste.secrets };
  }

  // Loading: the binary index over HTTP; from disk (file://, where fetch is refused) the same
  // bytes wrapped in a script.
  var root = (document.currentScript && document.currentScript.getAttribute("src") || "").replace(/assets\/search\.js$/, "");
  var loading = null;
  function load() {
    if (loading) return loading;
    loading = new Promise(function (resolve, reject) {
      if (location.protocol === "file:") {
        window.kbIndexLoaded = function (b64) {
          var bin = atob(b64), buf = new Uint8Array(bin.length);
          for (var i = 0; i < bin.length; i++) buf[i] = bin.charCodeAt(i);
          resolve(new Index(buf.buffer));
        };
        var s = document.createElement("script");
        s.src = root + "search/index.js";
        s.onerror = function () { reject(new Error("search index not found")); };
        document.head.appendChild(s);
      } else {
        fetch(root + "search/index.kbix").then(function (r) {
          if (!r.ok) throw new Error("search index: HTTP " + r.status);
          return r.arrayBuffer();
        }).then(function (b) { resolve(new Index(b)); }, reject);
      }
    });
    return loading;
  }

  // The first sentence or so of a summary: enough to recognise the error.
  function brief(text) {
    if (text.length <= 220) return text;
    var cut = text.lastIndexOf(". ", 220);
    return cut > 80 ? text.slice(0, cut + 1) : text.slice(0, text.lastIndexOf(" ", 220)) + " …";
  }

  function el(tag, cls, text) { var e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; }

  function show(out, found, rootHref) {
    out.textContent = "";
    if (!found.results.length) {
      out.appendChild(el("p", "none", "No entry matches this text. Try the lines with the error message or status code, or browse by provider below."));
      return;
    }
    if (found.secrets) out.appendChild(el("p", "note", found.secrets + " secret" + (found.secrets > 1 ? "s" : "") + " masked in your paste; nothing was sent anywhere."));
    var list = el("ol", "results");
    found.results.forEach(function (r, i) {
      var li = el("li", i === 0 ? "best" : ""), a = el("a", "", r.title);
      a.href = rootHref + r.url + (location.protocol === "file:" ? "index.html" : "");
      li.appendChild(a);
      li.appendChild(el("span", "meta", " " + r.provider + " · " + r.category + (r.http.length ? " · " + r.http.join(", ") : "") + " · score " + r.score.toFixed(2)));
      li.appendChild(el("p", "", brief(r.summary)));
      li.appendChild(el("p", "why", "Matched: " + r.matched.join("; ")));
      li.setAttribute("data-id", r.id);
      list.appendChild(li);
    });
    out.appendChild(list);
  }

  function wire() {
    var form = document.getElementById("paste"), box = document.getElementById("q"), out = document.getElementById("results");
    if (!form || !box || !out) return;
    var rootHref = form.getAttribute("data-root") || "./";
    function run() {
      var text = box.value;
      if (!text.trim()) { out.textContent = ""; return; }
      load().then(function (ix) { show(out, search(ix, text, 3), rootHref); }, function (e) {
        out.textContent = "";
        out.appendChild(el("p", "none", "Search is unavailable: " + e.message));
      });
    }
    form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
    box.addEventListener("keydown", function (e) { if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); run(); } });
    box.addEventListener("paste", function () { setTimeout(run, 0); });
    // `#q=...` runs a search on load; the fragment is never sent to the server.
    if (location.hash.indexOf("#q=") === 0) {
      box.value = decodeURIComponent(location.hash.slice(3));
      history.replaceState(null, "", location.pathname + location.search);
      run();
    }
  }

  // Opened from disk, folder links would show a directory listing: point them at index.html.
  function fixFileLinks() {
    if (location.protocol !== "file:") return;
    document.querySelectorAll("a[href]").forEach(function (a) {
      var href = a.getAttribute("href");
      if (/^[a-z]+:/i.test(href) || href.charAt(0) === "#") return;
      var parts = href.split("#");
      if (parts[0] === "" || /\/$/.test(parts[0]) || parts[0] === "." || parts[0] === "..") {
        parts[0] = (parts[0] === "" ? "./" : parts[0].replace(/\/?$/, "/")) + "index.html";
        a.setAttribute("href", parts.join("#"));
      }
    });
  }

  function copyButtons() {
    if (!navigator.clipboard) return;
    document.querySelectorAll(".signatures code").forEach(function (code) {
      var b = el("button", "copy", "Copy");
      b.type = "button";
      b.setAttribute("aria-label", "Copy " + code.textContent);
      b.addEventListener("click", function () { navigator.clipboard.writeText(code.textContent).then(function () { b.textContent = "Copied"; }); });
      code.parentNode.appendChild(b);
    });
  }

  window.kb = { search: search, load: load, analyse: analyse, tokens: tokens, redact: redact };
  document.addEventListener("DOMContentLoaded", function () { fixFileLinks(); copyButtons(); wire(); });
})();
