// kb's search in the browser: the algorithm of `kb search` (Sources/KBSearch: Tokenizer,
// SecretMasker, PasteAnalysis, Ranker, RankingMath), step for step and byte for byte, over the
// site's sharded index (ShardedIndex.swift). Every word list, key format and number it uses is
// read from the index, which Swift writes; this file holds only the algorithm. `swift test`
// runs it under Node over every evaluation paste and thousands of generated ones and requires
// the same results, scores, evidence and masked text as `kb search --json`.
// The paste never leaves the page: no request carries it, and it is not put in the URL.
"use strict";
(function (global) {
  var enc = new TextEncoder(), dec = new TextDecoder();
  var MASK = "[REDACTED]";

  // MARK: Bytes (ByteText.swift). Strings here are valid UTF-16 made from valid UTF-8, so
  // substring and prefix tests on them agree with Swift's tests on bytes; order does not, so
  // sorting compares bytes.
  function compareBytes(a, b) {
    var x = enc.encode(a), y = enc.encode(b), n = Math.min(x.length, y.length);
    for (var i = 0; i < n; i++) if (x[i] !== y[i]) return x[i] - y[i];
    return x.length - y.length;
  }
  function asciiLower(s) { return s.replace(/[A-Z]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) + 32); }); }
  function byteLength(s) { return enc.encode(s).length; }
  function isDigitByte(b) { return b >= 48 && b <= 57; }
  function isAlnum(b) { return (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122); }
  function isKeyCharacter(b) { return isAlnum(b) || b === 45 || b === 95; }
  function allDigits(s) { if (!s.length) return false; for (var i = 0; i < s.length; i++) if (!isDigitByte(s.charCodeAt(i))) return false; return true; }
  function roundedFeature(v) { return Math.round(v * 10000) / 10000; }

  // MARK: Tokenizer.swift
  function isJoiner(b) { return b === 46 || b === 58 || b === 45 || b === 47; }
  function decodeScalar(bytes, start, end) {
    var first = bytes[start], value;
    switch (end - start) {
      case 2: value = first & 0x1F; break;
      case 3: value = first & 0x0F; break;
      case 4: value = first & 0x07; break;
      default: return first;
    }
    for (var i = start + 1; i < end; i++) value = (value << 6) | (bytes[i] & 0x3F);
    return value >>> 0;
  }
  function isCJK(s) {
    return (s >= 0x4E00 && s <= 0x9FFF) || (s >= 0x3400 && s <= 0x4DBF) || (s >= 0x3040 && s <= 0x30FF) || (s >= 0xAC00 && s <= 0xD7AF) || (s >= 0xF900 && s <= 0xFAFF);
  }
  function asciiString(bytes) { var s = ""; for (var i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]); return s; }

  function rawTokens(text, masks) {
    var bytes = enc.encode(text), tokens = [], current = [], written = [];
    var previous = 0, joinedBefore = false, before = 0, line = 0, m = 0;
    masks = masks || [];
    function flush(after) {
      if (!current.length) return;
      tokens.push({ text: asciiString(current), joinedBefore: joinedBefore, joinedAfter: isJoiner(after), before: before, isCJK: false, written: asciiString(written), line: line });
      current = []; written = [];
    }
    var offset = 0;
    while (offset < bytes.length) {
      if (m < masks.length && offset >= masks[m][0]) {
        if (offset < masks[m][1]) { flush(0); previous = 0; offset = masks[m][1]; continue; }
        m++;
        continue;
      }
      var byte = bytes[offset];
      if (byte >= 0x80) {
        var length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1;
        var end = Math.min(offset + length, bytes.length);
        var scalar = decodeScalar(bytes, offset, end);
        flush(byte);
        if (isCJK(scalar)) {
          var character = dec.decode(bytes.subarray(offset, end));
          tokens.push({ text: character, joinedBefore: false, joinedAfter: false, before: previous, isCJK: true, written: character, line: line });
        }
        previous = byte;
        offset = end;
        continue;
      }
      var lowered = byte >= 65 && byte <= 90 ? byte + 32 : byte;
      if ((lowered >= 97 && lowered <= 122) || (lowered >= 48 && lowered <= 57)) {
        if (!current.length) { joinedBefore = isJoiner(previous); before = previous; }
        current.push(lowered);
        written.push(byte);
      } else {
        flush(byte);
        if (byte === 0x0A) line++;
      }
      previous = byte;
      offset++;
    }
    flush(0);
    return tokens;
  }

  function isHexDigit(b) { return (b >= 48 && b <= 57) || (b >= 97 && b <= 102); }
  var UUID_LENGTHS = [8, 4, 4, 4, 12];
  function isUUID(raw, start) {
    if (start + 5 > raw.length) return false;
    for (var o = 0; o < 5; o++) {
      var t = raw[start + o];
      if (t.text.length !== UUID_LENGTHS[o] || t.isCJK) return false;
      for (var i = 0; i < t.text.length; i++) if (!isHexDigit(t.text.charCodeAt(i))) return false;
      if (o > 0 && !t.joinedBefore) return false;
    }
    return true;
  }
  function isVolatile(token) {
    var digits = 0, letters = 0, hexLetters = 0;
    for (var i = 0; i < token.length; i++) {
      var b = token.charCodeAt(i);
      if (b >= 48 && b <= 57) digits++; else { letters++; if (b >= 97 && b <= 102) hexLetters++; }
    }
    var length = digits + letters;
    if (letters === 0) return length > 6;
    if (digits > 0 && length >= 8 && hexLetters === letters) return true;
    if (digits >= 2 && digits >= 2 * letters) return true;
    if (digits > 0 && length >= 10) return true;
    return length > 40;
  }
  function matchPositions(raw) {
    var kept = [], index = 0;
    while (index < raw.length) {
      if (isUUID(raw, index)) { index += 5; continue; }
      if (raw[index].isCJK || !isVolatile(raw[index].text)) kept.push(index);
      index++;
    }
    return kept;
  }
  function tokensOf(text) { var raw = rawTokens(text); return matchPositions(raw).map(function (i) { return raw[i].text; }); }
  function isWord(token) {
    var digits = 0, count = 0;
    for (var i = 0; i < token.length; i++) {
      var b = token.charCodeAt(i);
      if (b >= 0x80) return false;
      count++;
      if (b >= 48 && b <= 57) digits++;
    }
    if (digits !== count) return true;
    if (count !== 3) return false;
    var v = +token;
    return v >= 100 && v <= 599;
  }
  function camelParts(written) {
    var parts = [], current = "";
    function upper(c) { return c >= 65 && c <= 90; }
    for (var i = 0; i < written.length; i++) {
      var b = written.charCodeAt(i);
      var starts = upper(b) && current.length > 0 && (!upper(written.charCodeAt(i - 1)) ||
        (i + 1 < written.length && !upper(written.charCodeAt(i + 1)) && !isDigitByte(written.charCodeAt(i + 1))));
      if (starts) { parts.push(asciiLower(current)); current = ""; }
      current += written.charAt(i);
    }
    if (current.length) parts.push(asciiLower(current));
    return parts;
  }

  // MARK: SecretMasker.swift
  function isKeyByte(b) { return isKeyCharacter(b) || b === 46 || b === 43 || b === 47 || b === 61; }
  function isHexAny(b) { return (b >= 48 && b <= 57) || (b >= 97 && b <= 102) || (b >= 65 && b <= 70); }
  function mixed(bytes) {
    var up = false, low = false, dig = false;
    for (var i = 0; i < bytes.length; i++) {
      var b = bytes[i];
      if (b >= 65 && b <= 90) up = true; else if (b >= 97 && b <= 122) low = true; else if (b >= 48 && b <= 57) dig = true;
    }
    return dig && (up || low);
  }
  function startsWith(bytes, from, prefix) {
    if (from + prefix.length > bytes.length) return false;
    for (var i = 0; i < prefix.length; i++) if (bytes[from + i] !== prefix[i]) return false;
    return true;
  }
  function looksSecret(token, previousWord, prefixes, labels) {
    for (var i = 0; i < prefixes.length; i++) if (startsWith(token, 0, prefixes[i]) && token.length >= prefixes[i].length + 12) return true;
    if (token.length >= 30 && token[0] === 101 && token[1] === 121 && token[2] === 74) {
      var parts = 0, inPart = false;
      for (var j = 0; j < token.length; j++) { if (token[j] === 46) inPart = false; else if (!inPart) { inPart = true; parts++; } }
      if (parts >= 3) return true;
    }
    if (labels.indexOf(previousWord) >= 0 && token.length >= 16 && mixed(token)) return true;
    if (token.length === 32) {
      var hex = true, digit = false, other = false;
      for (var k = 0; k < 32; k++) {
        if (!isHexAny(token[k])) hex = false;
        if (isDigitByte(token[k])) digit = true; else other = true;
      }
      if (hex && digit && other) return true;
    }
    return token.length >= 40 && mixed(token) && token.indexOf(47) < 0;
  }
  function maskInside(bytes, prefixes, labels, maskBytes) {
    var out = [], masks = [], index = 0, copied = 0;
    function copy(from, to) { for (var i = from; i < to; i++) out.push(bytes[i]); }
    while (index < bytes.length) {
      if (index > 0 && !isAlnum(bytes[index - 1]) && isAlnum(bytes[index])) {
        var prefix = null;
        for (var p = 0; p < prefixes.length; p++) if (startsWith(bytes, index, prefixes[p])) { prefix = prefixes[p]; break; }
        if (prefix) {
          var end = index + prefix.length;
          while (end < bytes.length && isKeyCharacter(bytes[end])) end++;
          if (end - index >= prefix.length + 12) {
            copy(copied, index);
            masks.push([out.length, out.length + maskBytes.length]);
            for (var q = 0; q < maskBytes.length; q++) out.push(maskBytes[q]);
            index = end; copied = end;
            continue;
          }
        }
        if (bytes[index - 1] === 61) {
          var start = index - 1;
          while (start > 0 && bytes[start - 1] !== 63 && bytes[start - 1] !== 47 && bytes[start - 1] !== 38) start--;
          var label = asciiLower(dec.decode(bytes.subarray(start, index - 1)));
          var value = bytes.subarray(index);
          var labelled = labels.some(function (l) { return label === l || label.endsWith("_" + l) || label.endsWith("-" + l); });
          if (labelled && value.length >= 12 && mixed(value)) {
            copy(copied, index);
            masks.push([out.length, out.length + maskBytes.length]);
            for (var r = 0; r < maskBytes.length; r++) out.push(maskBytes[r]);
            return { masked: out, masks: masks };
          }
        }
      }
      index++;
    }
    if (!masks.length) return null;
    copy(copied, bytes.length);
    return { masked: out, masks: masks };
  }
  function redact(text, tables) {
    var prefixes = [];
    tables.keyPrefixes.forEach(function (p) { if (byteLength(p) >= 3 && prefixes.indexOf(p) < 0) prefixes.push(p); });
    prefixes.sort(function (a, b) { var d = byteLength(b) - byteLength(a); return d !== 0 ? d : compareBytes(a, b); });
    var prefixBytes = prefixes.map(function (p) { return enc.encode(p); });
    var labels = tables.labels, maskBytes = enc.encode(MASK);
    var bytes = enc.encode(text), out = [], masks = [], index = 0, previousWord = "";
    while (index < bytes.length) {
      var byte = bytes[index];
      if (isKeyByte(byte) && (index === 0 || !isKeyByte(bytes[index - 1]))) {
        var end = index;
        while (end < bytes.length && isKeyByte(bytes[end])) end++;
        while (end > index + 1 && (bytes[end - 1] === 46 || bytes[end - 1] === 45)) end--;
        var token = bytes.subarray(index, end);
        var startsWithKey = prefixBytes.some(function (p) { return startsWith(token, 0, p); });
        var inside = startsWithKey ? null : maskInside(token, prefixBytes, labels, maskBytes);
        if (inside) {
          inside.masks.forEach(function (m) { masks.push([out.length + m[0], out.length + m[1]]); });
          for (var i = 0; i < inside.masked.length; i++) out.push(inside.masked[i]);
          previousWord = "";
        } else if (looksSecret(token, previousWord, prefixBytes, labels)) {
          masks.push([out.length, out.length + maskBytes.length]);
          for (var j = 0; j < maskBytes.length; j++) out.push(maskBytes[j]);
          previousWord = "";
        } else {
          for (var k = 0; k < token.length; k++) out.push(token[k]);
          previousWord = dec.decode(token.map(function (c) { return c >= 65 && c <= 90 ? c + 32 : c; }));
        }
        index = end;
        continue;
      }
      out.push(byte);
      index++;
    }
    return { text: dec.decode(new Uint8Array(out)), masks: masks };
  }
  function keyPrefixLength(prefix, text) {
    var needle = enc.encode(prefix), bytes = enc.encode(text);
    if (!needle.length) return 0;
    for (var start = 0; start + needle.length <= bytes.length; start++) {
      if (bytes[start] !== needle[0] || (start > 0 && isKeyCharacter(bytes[start - 1]))) continue;
      if (!startsWith(bytes, start, needle)) continue;
      var end = start + needle.length;
      while (end < bytes.length && isKeyCharacter(bytes[end]) && end - start - needle.length < 12) end++;
      if (end - start - needle.length >= 12) return needle.length;
    }
    return 0;
  }

  // MARK: PasteAnalysis.swift
  function statuses(raw, lead, reasons) {
    var found = [];
    for (var i = 0; i < raw.length; i++) {
      var t = raw[i];
      if (t.isCJK || t.text.length !== 3 || !allDigits(t.text)) continue;
      var value = +t.text;
      if (value < 400 || value > 599) continue;
      var before = i > 0 ? raw[i - 1].text : "", after = i + 1 < raw.length ? raw[i + 1].text : "";
      if ((t.joinedBefore && allDigits(before)) || (t.joinedAfter && allDigits(after))) continue;
      if ((lead.has(before) || reasons.has(after)) && found.indexOf(value) < 0) found.push(value);
    }
    return found;
  }
  function looksPasted(text) {
    var bytes = enc.encode(text), n = bytes.length;
    while (n > 0 && (bytes[n - 1] === 0x20 || bytes[n - 1] === 0x0A || bytes[n - 1] === 0x09 || bytes[n - 1] === 0x0D)) n--;
    for (var i = 0; i < n; i++) {
      var b = bytes[i];
      if (b === 123 || b === 125 || b === 91 || b === 93 || b === 40 || b === 41 || b === 61 || b === 58 || b === 34 || b === 10) return true;
    }
    return false;
  }
  function isHostByte(b) { return (b >= 97 && b <= 122) || (b >= 48 && b <= 57) || b === 46 || b === 45; }
  function hostsIn(text, tables) {
    var bytes = enc.encode(text), hosts = [];
    function add(start) {
      var end = start;
      while (end < bytes.length && isHostByte(bytes[end])) end++;
      var nameEnd = end;
      while (nameEnd > start && (bytes[nameEnd - 1] === 46 || bytes[nameEnd - 1] === 45)) nameEnd--;
      var host = dec.decode(bytes.subarray(start, nameEnd));
      if (host.indexOf(".") < 0 && host !== "localhost") return;
      var pathEnd = end;
      if (pathEnd < bytes.length && bytes[pathEnd] === 58) { pathEnd++; while (pathEnd < bytes.length && isDigitByte(bytes[pathEnd])) pathEnd++; }
      var stop = pathEnd;
      while (stop < bytes.length && bytes[stop] > 0x20 && bytes[stop] !== 34 && bytes[stop] !== 39 && bytes[stop] !== 41) stop++;
      var path = dec.decode(bytes.subarray(pathEnd, stop));
      var api = host.startsWith("api.") || host.indexOf(".api.") >= 0 || tables.apiPathWords.some(function (w) { return path.indexOf(w) >= 0; });
      var known = hosts.find(function (h) { return h.name === host; });
      if (known) known.looksLikeAnAPI = known.looksLikeAnAPI || api; else hosts.push({ name: host, looksLikeAnAPI: api });
    }
    var index = 0;
    while (index + 3 <= bytes.length) {
      if (bytes[index] === 58 && index + 2 < bytes.length && bytes[index + 1] === 47 && bytes[index + 2] === 47) { add(index + 3); index += 3; continue; }
      if (bytes[index] === 104 && startsWith(bytes, index, enc.encode("host=")) && index + 5 < bytes.length) {
        var quote = bytes[index + 5];
        add(quote === 39 || quote === 34 ? index + 6 : index + 5);
      }
      if (bytes[index] === 97 && (index === 0 || !isHostByte(bytes[index - 1])) && startsWith(bytes, index, enc.encode("api."))) {
        var e = index;
        while (e < bytes.length && isHostByte(bytes[e])) e++;
        while (e > index && (bytes[e - 1] === 46 || bytes[e - 1] === 45)) e--;
        var labels = dec.decode(bytes.subarray(index, e)).split(".").filter(function (l) { return l.length > 0; });
        var last = labels.length ? labels[labels.length - 1] : "";
        var isFile = (index > 0 && bytes[index - 1] === 47) || tables.sourceExtensions.has(last);
        if (last.length >= 2 && last.length <= 4 && /^[a-z]+$/.test(last) && !isFile) add(index);
      }
      index++;
    }
    return hosts;
  }
  function analyse(text, tables) {
    var redaction = redact(text, tables);
    var lowercased = asciiLower(redaction.text);
    var raw = rawTokens(redaction.text, redaction.masks);
    var kept = matchPositions(raw);
    var tokens = kept.map(function (i) { return raw[i].text; }), lines = kept.map(function (i) { return raw[i].line; });
    var seen = new Set(), words = [];
    tokens.forEach(function (t) { if (isWord(t) && !tables.stopwords.has(t) && !seen.has(t)) { seen.add(t); words.push(t); } });
    var nameParts = new Set(), ports = new Set(), prefixes = [];
    raw.forEach(function (token, index) {
      if (/[A-Z]/.test(token.written)) {
        var split = camelParts(token.written);
        split.forEach(function (part) { if (byteLength(part) >= 3) nameParts.add(part); });
        if (split.length >= 2 && split[split.length - 1] === "exception") {
          var name = split.slice(0, -1).join("");
          if (token.before === 95 && index > 0 && /^[A-Z]/.test(raw[index - 1].written)) name = raw[index - 1].text + "_" + name;
          if (name.length && prefixes.indexOf(name) < 0) prefixes.push(name);
        }
      }
      var portLike = token.text.length >= 2 && token.text.length <= 5 && allDigits(token.text);
      if (!portLike || index === 0) return;
      var previous = raw[index - 1].text;
      var afterHost = token.before === 58 && (previous === "localhost" || previous === "internal" ||
        (previous.length <= 3 && allDigits(previous) && raw[index - 1].joinedBefore));
      if (afterHost || (previous === "port" && token.before === 61)) ports.add(token.text);
    });
    return {
      original: text, redactedText: redaction.text, lowercased: lowercased, tokens: tokens, tokenLines: lines, words: words,
      statuses: statuses(raw, tables.lead, tables.reason), nameParts: nameParts, ports: ports, exceptionPrefixes: prefixes,
      hosts: hostsIn(lowercased, tables), looksTyped: words.length <= 8 && words.length > 0 && !looksPasted(text)
    };
  }

  // MARK: RankingMath (RankingModel.swift)
  function exp(x) {
    if (x !== x) return 0;
    if (x > 700) return Number.MAX_VALUE;
    if (x < -700) return 0;
    var ln2 = 0.6931471805599453, ln2High = 6.93147180369123816490e-01, ln2Low = 1.90821492927058770002e-10;
    var k = roundHalfAway(x / ln2);
    var r = (x - k * ln2High) - k * ln2Low;
    var term = 1, sum = 1;
    for (var n = 1; n <= 20; n++) { term = term * r / n; sum = sum + term; }
    var result = sum, power = k;
    while (power > 0) { result = result * 2; power--; }
    while (power < 0) { result = result / 2; power++; }
    return result;
  }
  // Swift's `rounded()`: halves away from zero (Math.round takes them up).
  function roundHalfAway(x) { return x < 0 ? -Math.round(-x) : Math.round(x); }

  function editDistance(a, b) {
    a = enc.encode(a); b = enc.encode(b);
    if (!a.length) return b.length;
    if (!b.length) return a.length;
    var pp = new Array(b.length + 1).fill(0), p = [], c = new Array(b.length + 1).fill(0);
    for (var x = 0; x <= b.length; x++) p.push(x);
    for (var i = 1; i <= a.length; i++) {
      c[0] = i;
      for (var j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        c[j] = Math.min(p[j] + 1, c[j - 1] + 1, p[j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) c[j] = Math.min(c[j], pp[j - 2] + 1);
      }
      var t = pp; pp = p; p = c; c = t;
    }
    return p[b.length];
  }

  // MARK: The sharded index (ShardedIndex.swift)
  function fnv32(token, basis) {
    var bytes = enc.encode(token), hash = basis >>> 0;
    for (var i = 0; i < bytes.length; i++) { hash = (hash ^ bytes[i]) >>> 0; hash = Math.imul(hash, 16777619) >>> 0; }
    return hash;
  }
  function shardOf(token, count) { return fnv32(token, 2166136261) % Math.max(count, 1); }
  function base64Bytes(text) {
    var alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", out = [];
    for (var i = 0; i + 3 < text.length + 1; i += 4) {
      var a = alphabet.indexOf(text[i]), b = alphabet.indexOf(text[i + 1]), c = text[i + 2] === "=" ? -1 : alphabet.indexOf(text[i + 2]), d = text[i + 3] === "=" ? -1 : alphabet.indexOf(text[i + 3]);
      var triple = (a << 18) | (b << 12) | ((c < 0 ? 0 : c) << 6) | (d < 0 ? 0 : d);
      out.push((triple >> 16) & 255);
      if (c >= 0) out.push((triple >> 8) & 255);
      if (d >= 0) out.push(triple & 255);
    }
    return new Uint8Array(out);
  }

  function Core(data) {
    this.data = data;
    this.documents = data.documents;
    // Each provider carries its hints as kind, value pairs; "" is the alias that is its id.
    var hints = this.hints = [];
    this.providers = data.providers.map(function (p, number) {
      for (var i = 0; i + 1 < p[5].length; i += 2) hints.push({ provider: number, kind: data.hintKinds[p[5][i]] || "alias", value: p[5][i + 1] === "" ? p[0] : p[5][i + 1] });
      return { id: p[0], name: p[1], kind: p[2], start: p[3], count: p[4] };
    });
    this.tables = {
      stopwords: new Set(data.stopwords), keyPrefixes: data.keyPrefixes, labels: data.labels, lead: new Set(data.lead), reason: new Set(data.reason),
      cues: data.cues.map(function (c) { return { word: c[0], category: c[1] }; }), localHosts: new Set(data.localHosts),
      genericExceptionPrefixes: new Set(data.genericExceptionPrefixes), apiPathWords: data.apiPathWords, sourceExtensions: new Set(data.sourceExtensions)
    };
    this.bloom = base64Bytes(data.bloom);
    var parameters = data.parameters;
    this.parameters = parameters;
    this.features = data.features;
    this.weights = data.features.map(function (name) { return parameters["w." + name] || 0; });
    this.featureIndex = {};
    for (var i = 0; i < data.features.length; i++) this.featureIndex[data.features[i]] = i;
  }
  // The Bloom filter of ShardedIndex.swift: which tokens have a shard entry.
  Core.prototype.mayHave = function (token) {
    var bits = this.data.bloomBits, first = fnv32(token, 2166136261), second = (fnv32(token, 0x5BD1E995) | 1) >>> 0;
    for (var i = 0; i < this.data.bloomHashes; i++) {
      var position = ((first + Math.imul(i, second)) >>> 0) % bits;
      if (!(this.bloom[position >> 3] & (1 << (position & 7)))) return false;
    }
    return true;
  };
  Core.prototype.providerOf = function (document) {
    var low = 0, high = this.providers.length - 1;
    while (low <= high) {
      var middle = (low + high) >> 1, p = this.providers[middle];
      if (document < p.start) high = middle - 1; else if (document >= p.start + p.count) low = middle + 1; else return middle;
    }
    return -1;
  };
  Core.prototype.providerIndex = function (id) { for (var i = 0; i < this.providers.length; i++) if (this.providers[i].id === id) return i; return -1; };

  // An engine: the core, and the pieces fetched so far. `load(name)` returns a promise of a
  // piece's data (`core`, `t/12`, `d/0`, `v/7`, `r/<hash>`).
  function Engine(load) { this.loadPiece = load; this.pieces = new Map(); this.core = null; }
  Engine.prototype.piece = function (name) {
    var pieces = this.pieces;
    if (!pieces.has(name)) {
      var promise = Promise.resolve(this.loadPiece(name));
      // A piece that failed (a dropped connection) is asked for again by the next search.
      promise.catch(function () { if (pieces.get(name) === promise) pieces.delete(name); });
      pieces.set(name, promise);
    }
    return pieces.get(name);
  };
  Engine.prototype.loaded = {};
  Engine.prototype.fetch = function (names) {
    var self = this, unique = Array.from(new Set(names));
    return Promise.all(unique.map(function (n) { return self.piece(n).then(function (data) { self.loaded[n] = data; }); }));
  };
  Engine.prototype.start = function () {
    var self = this;
    self.loaded = {};
    return self.piece("core").then(function (data) { self.core = new Core(data); return self.core; });
  };
  Engine.prototype.shardName = function (token) { return "t/" + shardOf(token, this.core.data.shards); };
  Engine.prototype.needsShard = function (token) { return this.core.mayHave(token); };
  Engine.prototype.term = function (word) {
    var common = this.core.data.common;
    if (Object.prototype.hasOwnProperty.call(common, word)) return { df: common[word][0], idf: common[word][1], docs: [], tfs: [] };
    if (!this.core.mayHave(word)) return null;
    var shard = this.loaded[this.shardName(word)];
    var entry = shard && Object.prototype.hasOwnProperty.call(shard.t, word) ? shard.t[word] : null;
    return entry ? { df: entry[0], idf: entry[1], docs: entry[2], tfs: entry[3] } : null;
  };
  Engine.prototype.signatures = function (key) {
    var common = this.core.data.commonKeys, list = [];
    if (Object.prototype.hasOwnProperty.call(common, key)) list = common[key];
    else if (this.core.mayHave(key)) {
      var shard = this.loaded[this.shardName(key)];
      if (shard && Object.prototype.hasOwnProperty.call(shard.k, key)) list = shard.k[key];
    }
    return list.map(function (s) {
      return { position: s[0], document: s[1], text: s[2], tokens: s[3], specificity: s[4], claimants: Math.max(s[5], 1), isIdentifier: (s[6] & 1) !== 0, isGeneric: (s[6] & 2) !== 0 };
    });
  };
  Engine.prototype.blockName = function (document) { return "d/" + Math.floor(document / this.core.data.blockSize); };
  Engine.prototype.block = function (document) { return this.loaded[this.blockName(document)]; };
  Engine.prototype.category = function (document) {
    var block = this.block(document);
    return this.core.data.categories[block.c[document % this.core.data.blockSize]];
  };
  Engine.prototype.http = function (document) { return this.block(document).h[document % this.core.data.blockSize]; };
  Engine.prototype.recordName = function (document) { return this.block(document).r[document % this.core.data.blockSize]; };

  // MARK: Ranker.swift: reading
  Engine.prototype.correction = function (word, vocabulary) {
    var allowed = byteLength(word) >= 8 ? 2 : 1, target = byteLength(word), best = null;
    for (var i = 0; i < vocabulary.length; i++) {
      var candidate = vocabulary[i][0];
      if (Math.abs(byteLength(candidate) - target) > allowed) continue;
      var distance = editDistance(word, candidate);
      if (distance > allowed) continue;
      var frequency = vocabulary[i][1];
      if (best && (distance > best.distance || (distance === best.distance && frequency <= best.frequency))) continue;
      best = { word: candidate, distance: distance, frequency: frequency };
    }
    return best ? best.word : null;
  };

  function TokenTable(tokens, lines) {
    this.tokens = tokens; this.lines = lines; this.positions = new Map(); this.joined = new Map();
    for (var p = 0; p < tokens.length; p++) {
      var t = tokens[p];
      if (!this.positions.has(t)) this.positions.set(t, []);
      this.positions.get(t).push(p);
      if (p + 1 < tokens.length && !allDigits(t)) {
        var j = t + tokens[p + 1];
        if (!this.joined.has(j)) this.joined.set(j, []);
        this.joined.get(j).push(p);
      }
    }
  }

  Engine.prototype.align = function (signature, table) {
    var P = this.core.parameters, length = signature.length, tokens = table.tokens;
    if (!length) return { found: 0, gaps: 0, joins: 0, exact: false };
    var starts0 = table.positions.get(signature[0]) || [];
    for (var s = 0; s < starts0.length; s++) {
      var start = starts0[s];
      if (start + length > tokens.length) continue;
      var offset = 1;
      while (offset < length && tokens[start + offset] === signature[offset]) offset++;
      if (offset === length) return { found: length, gaps: 0, joins: 0, exact: true };
    }
    var best = { found: 0, gaps: 0, joins: 0, exact: false };
    function firstAfter(list, last) { if (!list) return null; for (var i = 0; i < list.length; i++) if (list[i] > last) return list[i]; return null; }
    for (var first = 0; first < Math.min(3, length); first++) {
      var starts = (table.positions.get(signature[first]) || []).map(function (p) { return [p, p, 0]; })
        .concat((table.joined.get(signature[first]) || []).map(function (p) { return [p, p + 1, 1]; }));
      starts.sort(function (a, b) { return a[0] - b[0]; });
      starts = starts.slice(0, P.nearStarts);
      for (var k = 0; k < starts.length; k++) {
        var current = { found: 1, gaps: 0, joins: starts[k][2], exact: false }, last = starts[k][1], missed = 0;
        for (var next = first + 1; next < length; next++) {
          var allowed = function (position) {
            if (position === null || position <= last) return false;
            var limit = P.nearGap + missed + (table.lines[position] !== table.lines[last] ? P.lineBreakGap : 0);
            return position - last - 1 <= limit;
          };
          var plain = firstAfter(table.positions.get(signature[next]), last);
          if (!allowed(plain)) plain = null;
          var split = firstAfter(table.joined.get(signature[next]), last);
          if (!allowed(split)) split = null;
          if (plain !== null && (split === null || plain <= split)) {
            current.gaps += plain - last - 1; last = plain;
          } else if (split !== null) {
            current.gaps += split - last - 1; current.joins++; last = split + 1;
          } else { missed++; continue; }
          current.found++;
          missed = 0;
        }
        if (current.found > best.found || (current.found === best.found && current.gaps < best.gaps)) best = current;
      }
    }
    return best;
  };

  Engine.prototype.matchSignatures = function (tokens, paste, typed, collector) {
    var P = this.core.parameters, self = this;
    var table = new TokenTable(tokens, paste.tokenLines.length === tokens.length ? paste.tokenLines : tokens.map(function () { return 0; }));
    var checked = new Set(), found = [];
    for (var start = 0; start < tokens.length; start++) {
      var keys = [tokens[start]];
      if (start + 1 < tokens.length) keys.push(tokens[start] + " " + tokens[start + 1]);
      keys.forEach(function (key) {
        self.signatures(key).forEach(function (record) {
          if (checked.has(record.position)) return;
          checked.add(record.position);
          var alignment = self.align(record.tokens, table), length = record.tokens.length;
          if (record.isIdentifier) {
            var asWritten = alignment.exact && (typed || paste.lowercased.indexOf(asciiLower(record.text)) >= 0);
            if (!(asWritten || (alignment.found === length && alignment.gaps === 0 && alignment.joins > 0))) return;
            found.push({ position: record.position, record: record, exact: asWritten, count: alignment.found });
            return;
          }
          var near = alignment.found === length || (length >= 5 && alignment.found >= length - 1 && alignment.found >= P.nearShare * length);
          if (!(alignment.exact || near)) return;
          found.push({ position: record.position, record: record, exact: alignment.exact, count: alignment.found });
        });
      });
    }
    var claimants = new Map();
    found.forEach(function (item) {
      if (!item.exact) return;
      var key = JSON.stringify(item.record.tokens);
      if (!claimants.has(key)) claimants.set(key, []);
      claimants.get(key).push(item.record.document);
    });
    found.sort(function (a, b) { return a.position - b.position; });
    found.forEach(function (item) {
      var record = item.record;
      var claimed = (claimants.get(JSON.stringify(record.tokens)) || [record.document]).slice().sort(function (a, b) { return a - b; });
      var unique = item.exact && record.claimants === 1 && !record.isGeneric && (record.tokens.length >= 2 || record.isIdentifier);
      var match = { text: record.text, exact: item.exact, found: item.count, length: record.tokens.length, specificity: record.specificity, isUnique: unique, claimedBy: claimed };
      match.strength = match.exact ? match.specificity : match.found / match.length * match.specificity;
      if (!collector.signatures.has(record.document)) collector.signatures.set(record.document, []);
      collector.signatures.get(record.document).push(match);
      collector.touched.add(record.document);
    });
  };

  function isAddress(host) { return /^[0-9.]*$/.test(host); }
  function hostMatches(host, endpoint) {
    if (endpoint.startsWith("<")) {
      var dot = endpoint.indexOf(".");
      if (dot >= 0) return host.endsWith(endpoint.slice(dot));
    }
    return host === endpoint || host.endsWith("." + endpoint);
  }
  function domainOf(name) {
    var slash = name.indexOf("/"), host = slash < 0 ? name : name.slice(0, slash);
    var labels = host.split(".");
    if (labels.length <= 2) return host;
    return labels.slice(-2).join(".");
  }

  Engine.prototype.providerEvidence = function (paste, typed) {
    var core = this.core, hinted = new Map(), tokenSet = new Set(paste.tokens), longest = new Map(), knownHosts = new Set();
    function record(provider, strong, reason) {
      var existing = hinted.get(provider);
      if (existing && (existing.strong || !strong)) return;
      hinted.set(provider, { strong: strong, reason: reason });
    }
    core.hints.forEach(function (hint) {
      if (hint.kind === "host") {
        paste.hosts.forEach(function (host) {
          if (hostMatches(host.name, hint.value)) { record(hint.provider, true, "provider hint " + hint.value); knownHosts.add(host.name); }
        });
      } else if (hint.kind === "env") {
        if (paste.redactedText.indexOf(hint.value) >= 0) record(hint.provider, true, "provider hint " + hint.value);
      } else if (hint.kind === "port") {
        if (paste.ports.has(hint.value)) record(hint.provider, true, "provider hint port " + hint.value);
      } else if (hint.kind === "alias") {
        var aliasTokens = tokensOf(hint.value);
        var named = aliasTokens.length === 1 ? tokenSet.has(aliasTokens[0]) || paste.nameParts.has(aliasTokens[0])
          : aliasTokens.length > 0 && paste.lowercased.indexOf(hint.value) >= 0;
        if (named) record(hint.provider, typed, "provider name " + hint.value);
      } else {
        var length = keyPrefixLength(hint.value, paste.original);
        if (length) longest.set(hint.provider, Math.max(longest.get(hint.provider) || 0, length));
      }
    });
    var max = 0;
    longest.forEach(function (v) { max = Math.max(max, v); });
    if (max) Array.from(longest.keys()).sort(function (a, b) { return a - b; }).forEach(function (provider) {
      if (longest.get(provider) === max) record(provider, true, "provider hint " + core.providers[provider].name + " key format");
    });
    var strongProviders = 0;
    hinted.forEach(function (h) { if (h.strong) strongProviders++; });
    var knownDomains = new Set(), unknown = null;
    core.hints.forEach(function (hint) { if (hint.kind === "host" || (hint.kind === "alias" && hint.value.indexOf(".") >= 0)) knownDomains.add(domainOf(hint.value)); });
    var host = paste.hosts.find(function (h) {
      return h.looksLikeAnAPI && !knownHosts.has(h.name) && !knownDomains.has(domainOf(h.name)) && !core.tables.localHosts.has(h.name) && !isAddress(h.name);
    });
    if (host) {
      unknown = host.name;
    } else if (tokenSet.has("litellm")) {
      var aliases = new Set(core.hints.filter(function (h) { return h.kind === "alias"; }).map(function (h) { return h.value; }));
      for (var i = 0; i < paste.exceptionPrefixes.length; i++) {
        var name = paste.exceptionPrefixes[i];
        if (byteLength(name) < 3 || core.tables.genericExceptionPrefixes.has(name)) continue;
        var first = name.split("_").filter(function (p) { return p.length > 0; })[0] || "";
        if (aliases.has(name) || aliases.has(first)) continue;
        unknown = name;
        break;
      }
    }
    if (unknown !== null) {
      var gateway = false;
      hinted.forEach(function (_, provider) { if (core.providers[provider] && core.providers[provider].kind !== "api") gateway = true; });
      if (gateway) unknown = null;
    }
    return { hinted: hinted, strongProviders: strongProviders, unknown: unknown };
  };

  Engine.prototype.wordScores = function (words, collector) {
    var k1 = this.core.parameters.k1, score = new Map(), matched = new Map(), self = this;
    words.forEach(function (word) {
      var term = self.term(word);
      if (!term) return;
      for (var i = 0; i < term.docs.length; i++) {
        var document = term.docs[i];
        if (document >= self.core.documents) continue;
        var frequency = term.tfs[i];
        score.set(document, (score.get(document) || 0) + term.idf * frequency * (k1 + 1) / (frequency + k1));
        matched.set(document, (matched.get(document) || 0) + 1);
        collector.touched.add(document);
      }
    });
    return { score: score, matched: matched };
  };

  Engine.prototype.topWords = function (words, document, count) {
    var k1 = this.core.parameters.k1, contributions = [], self = this;
    words.forEach(function (word) {
      var term = self.term(word);
      if (!term) return;
      var at = term.docs.indexOf(document);
      if (at < 0) return;
      var frequency = term.tfs[at];
      contributions.push({ word: word, score: term.idf * frequency * (k1 + 1) / (frequency + k1) });
    });
    contributions.sort(function (a, b) { return a.score !== b.score ? b.score - a.score : compareBytes(a.word, b.word); });
    return contributions.slice(0, count).map(function (c) { return c.word; });
  };

  // The words of every token of a paste (and what their keys find), then the vocabulary for a
  // typed query's typos, then the blocks of the candidates: what `read` needs, and no more.
  Engine.prototype.read = function (paste, only) {
    var self = this, core = self.core, P = core.parameters, typed = paste.looksTyped;
    var words = paste.words, tokens = paste.tokens, corrections = [];
    // The shards of the tokens and of the pairs of neighbouring tokens the Bloom filter knows.
    function shardsFor(tokens) {
      var names = [];
      tokens.forEach(function (t, i) {
        if (self.needsShard(t)) names.push(self.shardName(t));
        if (i + 1 < tokens.length) { var pair = t + " " + tokens[i + 1]; if (self.needsShard(pair)) names.push(self.shardName(pair)); }
      });
      return names;
    }
    return self.fetch(shardsFor(tokens)).then(function () {
      if (!typed) return;
      var misspelt = words.filter(function (w) { return !self.term(w) && byteLength(w) >= 4 && /^[a-z]+$/.test(w); });
      if (!misspelt.length) return;
      var lengths = new Set();
      misspelt.forEach(function (w) {
        var n = byteLength(w), allowed = n >= 8 ? 2 : 1;
        for (var l = n - allowed; l <= n + allowed; l++) if (core.data.lengths.indexOf(l) >= 0) lengths.add(l);
      });
      var names = Array.from(lengths).map(function (l) { return "v/" + l; });
      return self.fetch(names).then(function () {
        var vocabulary = [];
        names.forEach(function (n) { vocabulary = vocabulary.concat(self.loaded[n]); });
        vocabulary.sort(function (a, b) { return compareBytes(a[0], b[0]); });
        misspelt.forEach(function (w) { var fixed = self.correction(w, vocabulary); if (fixed) corrections.push({ typo: w, word: fixed }); });
        if (!corrections.length) return;
        var fixes = new Map();
        corrections.forEach(function (c) { if (!fixes.has(c.typo)) fixes.set(c.typo, c.word); });
        tokens = tokens.map(function (t) { return fixes.has(t) ? fixes.get(t) : t; });
        var seen = new Set();
        words = words.map(function (w) { return fixes.has(w) ? fixes.get(w) : w; }).filter(function (w) { if (seen.has(w)) return false; seen.add(w); return true; });
        return self.fetch(shardsFor(tokens));
      });
    }).then(function () {
      var onlyProvider = only == null ? null : core.providerIndex(only);
      var collector = { touched: new Set(), signatures: new Map() };
      self.matchSignatures(tokens, paste, typed, collector);
      var providers = self.providerEvidence(paste, typed);
      providers.hinted.forEach(function (_, provider) {
        var p = core.providers[provider];
        for (var d = p.start; d < p.start + p.count; d++) if (d < core.documents) collector.touched.add(d);
      });
      var bm25 = self.wordScores(words, collector);
      var present = new Set(tokens);
      paste.nameParts.forEach(function (part) { present.add(part); });
      var cues = core.tables.cues.filter(function (c) { return present.has(c.word); });
      var touched = Array.from(collector.touched).sort(function (a, b) { return a - b; });
      var F = core.featureIndex;
      var anchored = [];
      touched.forEach(function (document) {
        var provider = core.providerOf(document);
        if (onlyProvider !== null && provider !== onlyProvider) return;
        var signatures = collector.signatures.get(document);
        var hint = providers.hinted.get(provider);
        var share = words.length ? (bm25.matched.get(document) || 0) / words.length : 0;
        var hasSignature = signatures && signatures.length > 0;
        if (!(hasSignature || hint || (typed && share * share >= 0.25))) return;
        anchored.push(document);
      });
      return self.fetch(anchored.map(function (d) { return self.blockName(d); })).then(function () {
        var candidates = [];
        anchored.forEach(function (document) {
          var provider = core.providerOf(document);
          var features = core.features.map(function () { return 0; });
          var evidence = { exact: [], near: [], status: null, provider: null, categoryCue: null, sharedWith: [], strongProvider: false };
          function set(name, value) { features[F[name]] = value; }
          var signatures = collector.signatures.get(document);
          if (signatures) {
            var exact = signatures.filter(function (s) { return s.exact; }).sort(function (a, b) { return a.specificity !== b.specificity ? b.specificity - a.specificity : compareBytes(a.text, b.text); });
            var near = signatures.filter(function (s) { return !s.exact; }).sort(function (a, b) { return a.strength !== b.strength ? b.strength - a.strength : compareBytes(a.text, b.text); });
            if (exact.length) {
              set("exact", exact[0].specificity);
              if (exact.some(function (s) { return s.isUnique; })) set("unique", 1);
              var own = core.providers[provider] ? core.providers[provider].id : "";
              evidence.sharedWith = exact[0].claimedBy.filter(function (d) { return d !== document; })
                .map(function (d) { var p = core.providers[core.providerOf(d)]; return p ? p.id : ""; }).filter(function (id) { return id !== own; });
            }
            if (near.length) set("near", near[0].strength);
            set("more", Math.min(signatures.length - 1, 2) / 2);
            evidence.exact = exact.map(function (s) { return s.text; });
            evidence.near = near.map(function (s) { return { text: s.text, found: s.found, of: s.length }; });
          }
          var http = self.http(document);
          var status = paste.statuses.find(function (s) { return http.indexOf(s) >= 0; });
          if (status !== undefined) { set("status", 1); evidence.status = status; }
          else if (paste.statuses.length && http.length) set("statusConflict", 1);
          var hint = providers.hinted.get(provider);
          if (hint) { set(hint.strong ? "strongProvider" : "weakProvider", 1); evidence.provider = hint.reason; evidence.strongProvider = hint.strong; }
          if (!evidence.strongProvider && providers.strongProviders > 0) set("otherProvider", 1);
          if (providers.unknown !== null && !hint) set("unknownProvider", 1);
          var category = self.category(document);
          var cue = cues.find(function (c) { return c.category === category; });
          if (cue) { set("category", 1); evidence.categoryCue = cue.word; }
          var score = bm25.score.get(document) || 0;
          var wordEvidence = score / (score + P.wordsHalf);
          if (typed) {
            set("typedWords", wordEvidence);
            var share = words.length ? (bm25.matched.get(document) || 0) / words.length : 0;
            set("coverage", share * share);
          } else {
            set("words", wordEvidence);
          }
          candidates.push({ document: document, features: features, evidence: evidence });
        });
        function strength(c) { return Math.max(c.features[F.exact], c.features[F.near]); }
        var bestWords = 0, bestSignature = 0.5;
        candidates.forEach(function (c) { bestWords = Math.max(bestWords, bm25.score.get(c.document) || 0); bestSignature = Math.max(bestSignature, strength(c)); });
        candidates.forEach(function (c) {
          if (bestWords > 0) c.features[F.relativeWords] = (bm25.score.get(c.document) || 0) / bestWords;
          c.features[F.relativeSignature] = strength(c) / bestSignature;
          c.features = c.features.map(roundedFeature);
        });
        return { paste: paste, candidates: candidates, words: words, corrections: corrections, unknownProvider: providers.strongProviders === 0 ? providers.unknown : null };
      });
    });
  };

  // MARK: Ranker.swift: ranking and the answer
  Engine.prototype.rank = function (reading) {
    var core = this.core, P = core.parameters, weights = core.weights;
    var candidates = reading.candidates;
    var scores = candidates.map(function (c) {
      var total = 0;
      for (var i = 0; i < c.features.length; i++) if (c.features[i] !== 0) total = total + c.features[i] * weights[i];
      return total;
    });
    var top = P.none;
    scores.forEach(function (s) { if (s > top) top = s; });
    var total = exp(P.none - top);
    var exponentials = scores.map(function (s) { return exp(s - top); });
    exponentials.forEach(function (v) { total = total + v; });
    var order = exponentials.map(function (e, i) { return { candidate: i, probability: e / total }; });
    order.sort(function (a, b) {
      if (a.probability !== b.probability) return b.probability - a.probability;
      return candidates[a.candidate].document - candidates[b.candidate].document;
    });
    if (!order.length) return { order: [], shown: 0, confidence: 0, isConfident: false };
    var best = order[0], shown = 0, confidence = 0;
    order.slice(0, P.confidenceSpan).forEach(function (item) {
      if (item.probability >= best.probability * P.cutoff) { shown++; confidence = confidence + item.probability; }
    });
    return { order: order, shown: shown, confidence: confidence, isConfident: confidence >= P.threshold && reading.unknownProvider === null };
  };

  Engine.prototype.matched = function (candidate, reading) {
    var e = candidate.evidence;
    var matched = e.exact.slice(0, 3).map(function (t) { return "signature \"" + t + "\""; });
    e.near.slice(0, Math.max(0, 2 - matched.length)).forEach(function (n) { matched.push("near signature \"" + n.text + "\" (" + n.found + " of " + n.of + " words)"); });
    if (e.status !== null) matched.push("HTTP " + e.status);
    if (e.provider !== null) matched.push(e.provider);
    if (e.categoryCue !== null) matched.push("category cue " + e.categoryCue);
    var words = this.topWords(reading.words, candidate.document, 3);
    if (words.length) matched.push("words: " + words.join(", "));
    reading.corrections.forEach(function (c) { if (words.indexOf(c.word) >= 0) matched.push("read '" + c.typo + "' as '" + c.word + "'"); });
    return matched;
  };

  // `kb search --json`'s object, with the records of the results (for the page) and the
  // masked paste beside it.
  Engine.prototype.search = function (text, options) {
    options = options || {};
    var self = this, limit = options.limit == null ? 3 : options.limit;
    text = dec.decode(enc.encode(text));
    return self.start().then(function (core) {
      var paste = analyse(text, core.tables);
      return self.read(paste, options.provider == null ? null : options.provider);
    }).then(function (reading) {
      var core = self.core, P = core.parameters, ranking = self.rank(reading), shown = [];
      if (ranking.isConfident) {
        var best = ranking.order[0].probability;
        ranking.order.slice(0, Math.max(limit, 0)).forEach(function (item) { if (item.probability >= best * P.cutoff) shown.push(item); });
      }
      var closest = [], category = null;
      if (reading.unknownProvider !== null && !shown.length && ranking.order.length) {
        category = self.category(reading.candidates[ranking.order[0].candidate].document);
        for (var i = 0; i < ranking.order.length && closest.length < 3; i++) {
          var d = reading.candidates[ranking.order[i].candidate].document;
          if (self.category(d) === category) closest.push(d);
        }
      }
      var documents = shown.map(function (item) { return reading.candidates[item.candidate].document; }).concat(closest);
      return self.fetch(documents.map(function (d) { return self.recordName(d); })).then(function () {
        function record(d) { return self.loaded[self.recordName(d)]; }
        var results = shown.map(function (item) {
          var candidate = reading.candidates[item.candidate], r = record(candidate.document);
          return {
            id: r.id, title: r.title, provider: r.provider, category: r.category, http: r.http,
            score: Math.round(item.probability * 100) / 100, matched: self.matched(candidate, reading), path: r.path, url: r.id + "/"
          };
        });
        var answer = { results: results };
        var uncertainty = null;
        if (reading.unknownProvider !== null) {
          uncertainty = { unknownProvider: reading.unknownProvider };
          if (category !== null) { uncertainty.category = category; if (closest.length) uncertainty.closest = closest.map(function (d) { return record(d).id; }); }
        }
        if (ranking.order.length && results.length) {
          var bestCandidate = reading.candidates[ranking.order[0].candidate];
          if (bestCandidate.evidence.sharedWith.length && !bestCandidate.evidence.strongProvider) {
            var providers = Array.from(new Set(bestCandidate.evidence.sharedWith.concat([record(bestCandidate.document).provider]))).sort(compareBytes);
            uncertainty = { providers: providers };
            if (reading.unknownProvider !== null) uncertainty.unknownProvider = reading.unknownProvider;
          }
        }
        if (uncertainty) answer.uncertainty = uncertainty;
        return { json: answer, redactedText: reading.paste.redactedText, records: shown.map(function (item) { return record(reading.candidates[item.candidate].document); }) };
      });
    });
  };

  var kb = { Engine: Engine, analyse: analyse, tokens: tokensOf, redact: redact, exp: exp, shardOf: shardOf };

  // MARK: The page
  if (typeof document === "undefined") {
    if (typeof module !== "undefined") module.exports = kb;
    global.kb = kb;
    return;
  }

  // Pieces arrive as scripts (`kb.shard(name, data)`), which also works for a site opened from
  // disk, where browsers refuse fetch(). The manifest names the current generation; on a web
  // server it is asked for afresh each time, the pieces may come from any cache.
  var root = (document.currentScript && document.currentScript.getAttribute("src") || "").replace(/assets\/search\.js$/, "");
  var waiting = new Map(), manifest = null;
  kb.shard = function (name, data) { var w = waiting.get(name); if (w) { waiting.delete(name); w.resolve(data); } };
  kb.manifest = function (m) { manifest = m; var w = waiting.get("manifest"); if (w) { waiting.delete("manifest"); w.resolve(m); } };
  function script(src, name) {
    return new Promise(function (resolve, reject) {
      waiting.set(name, { resolve: resolve });
      var s = document.createElement("script");
      s.src = src;
      s.onerror = function () { waiting.delete(name); reject(new Error("search index piece " + name + " not found")); };
      s.onload = function () { s.remove(); };
      document.head.appendChild(s);
    });
  }
  var engine = null, asking = null;
  function currentEngine() {
    // A search (or the warm-up) already asking for the manifest shares its answer.
    if (asking) return asking;
    var fresh = location.protocol === "file:" ? "" : "?t=" + Date.now();
    asking = script(root + "search/manifest.js" + fresh, "manifest").then(function (m) {
      asking = null;
      if (engine && engine.generation === m.generation) return engine;
      engine = new Engine(function (name) {
        var path = name.indexOf("r/") === 0 ? root + "search/" + name + ".js" : root + "search/" + m.generation + "/" + name + ".js";
        return script(path, name);
      });
      engine.generation = m.generation;
      return engine;
    }, function (error) { asking = null; throw error; });
    return asking;
  }
  // Someone who puts the cursor in the box is about to paste: fetch the manifest and the core
  // then, not after the paste (two of a search's five round trips). Nothing more is fetched
  // until there is text, and a failure here is reported by the search that follows.
  function warm() {
    currentEngine().then(function (e) { return e.piece("core"); }).catch(function () {});
  }

  function el(tag, cls, text) { var e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; }
  function brief(text) {
    if (text.length <= 220) return text;
    var cut = text.lastIndexOf(". ", 220);
    return cut > 80 ? text.slice(0, cut + 1) : text.slice(0, text.lastIndexOf(" ", 220)) + " …";
  }
  function href(rootHref, url) { return rootHref + url + (location.protocol === "file:" ? "index.html" : ""); }

  function show(out, found, rootHref, secrets) {
    out.textContent = "";
    var answer = found.json, u = answer.uncertainty;
    if (secrets) out.appendChild(el("p", "note", secrets + " secret" + (secrets > 1 ? "s" : "") + " masked in your paste; nothing was sent anywhere."));
    if (u && u.unknownProvider) {
      var note = el("p", "note", (u.unknownProvider.indexOf(".") >= 0 ? "No entry for the API at " : "No entry for provider ") + u.unknownProvider + ": this knowledge base does not cover it.");
      if (u.closest && u.closest.length) note.textContent += " Closest by category (" + u.category + "): " + u.closest.join(", ") + ".";
      out.appendChild(note);
    }
    if (!answer.results.length) {
      if (!(u && u.unknownProvider)) out.appendChild(el("p", "none", "No entry matches this text. Try the lines with the error message or status code, or browse by provider below."));
      return;
    }
    if (u && u.providers) out.appendChild(el("p", "note", "Several providers print this text word for word (" + u.providers.join(", ") + ") and the paste does not say which: the host, port, key format or model name in your code does."));
    var list = el("ol", "results");
    answer.results.forEach(function (r, i) {
      var li = el("li", i === 0 ? "best" : ""), a = el("a", "", r.title), record = found.records[i];
      a.href = href(rootHref, r.url);
      li.appendChild(a);
      li.appendChild(el("span", "meta", " " + r.provider + " · " + r.category + (r.http.length ? " · " + r.http.join(", ") : "") + " · " + Math.round(r.score * 100) + "%"));
      li.appendChild(el("p", "", brief(record.summary)));
      li.appendChild(el("p", "why", "Matched: " + r.matched.join("; ")));
      if (i === 0) {
        if (record.fixes.length || record.status) {
          li.appendChild(el("h3", "", "Fixes"));
          var fixes = el("ol", "fixes");
          if (record.status) {
            // As the entry page's first step for a server or timeout error: the status page.
            var step = el("li", "status-step"), page = el("a", "", record.status.label);
            page.href = record.status.url;
            step.appendChild(el("strong", "", "Is it them or you?"));
            step.appendChild(document.createTextNode(" Check the status page of " + record.status.provider + ", "));
            step.appendChild(page);
            step.appendChild(document.createTextNode(": an open incident means the fault is theirs; wait and retry. If it shows none, look at your side (the next steps)."));
            fixes.appendChild(step);
          }
          record.fixes.slice(0, 4).forEach(function (f) { fixes.appendChild(el("li", "", f)); });
          li.appendChild(fixes);
        }
        if (record.causes.length) {
          li.appendChild(el("h3", "", "Likely causes"));
          var causes = el("ul", "causes");
          record.causes.slice(0, 3).forEach(function (c) { causes.appendChild(el("li", "", c)); });
          li.appendChild(causes);
        }
        var more = el("a", "more", "The whole entry, with every fix and the FAQ");
        more.href = href(rootHref, r.url);
        li.appendChild(more);
      }
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
      currentEngine().then(function (e) { return e.search(text, { limit: 3 }); }).then(function (found) {
        var secrets = (found.redactedText.match(/\[REDACTED\]/g) || []).length - (text.match(/\[REDACTED\]/g) || []).length;
        show(out, found, rootHref, Math.max(secrets, 0));
      }, function (e) {
        out.textContent = "";
        out.appendChild(el("p", "none", "Search is unavailable: " + e.message));
      });
    }
    form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
    box.addEventListener("keydown", function (e) { if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); run(); } });
    box.addEventListener("paste", function () { setTimeout(run, 0); });
    box.addEventListener("focus", warm, { once: true });
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
      var h = a.getAttribute("href");
      if (/^[a-z]+:/i.test(h) || h.charAt(0) === "#") return;
      var parts = h.split("#");
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

  // The page's engine for the current generation, for harnesses and other scripts on the site.
  kb.engine = currentEngine;
  global.kb = kb;
  document.addEventListener("DOMContentLoaded", function () { fixFileLinks(); copyButtons(); wire(); });
})(typeof window !== "undefined" ? window : globalThis);
