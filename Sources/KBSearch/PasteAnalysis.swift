/// What kb reads out of a paste before ranking: its tokens, the HTTP statuses it reports, the
/// names, hosts and ports in it, and the redacted text (the only form of the paste that may
/// reach output).
public struct PasteAnalysis: Sendable {
    /// The tokens signatures are matched against, in order (secrets and volatile parts left out).
    public let tokens: [String]
    /// The line each token is on, from 0: a signature broken across lines may have a log
    /// prefix between its words.
    public let tokenLines: [Int]
    /// The distinct words, in the order they first appear, without stopwords.
    public let words: [String]
    /// HTTP statuses the paste reports (`HTTP 429`, `Error code: 401`), in order.
    public let statuses: [Int]
    /// The paste with every secret masked: the only form that may be printed.
    public let redactedText: String
    /// How many secrets were masked.
    public let redactedSecrets: Int
    /// Lower-cased words of the class and identifier names as written (`AnthropicException`
    /// gives anthropic and exception), for names a wrapper gives the provider.
    public let nameParts: Set<String>
    /// Numbers the paste gives as a local server's port (`localhost:11434`, `127.0.0.1:8000`,
    /// `port=1234`).
    public let ports: Set<String>
    /// The lower-cased names before `Exception` in class names (`CohereException` → cohere),
    /// in order: how LiteLLM names the provider whose error it relays.
    public let exceptionPrefixes: [String]
    /// Hosts of the addresses in the paste (`api.x.ai`, `localhost`), lower-cased.
    public let hosts: [Host]
    /// Whether the text reads like something typed rather than pasted output.
    public let looksTyped: Bool
    /// The redacted text lower-cased, for host and alias hints; the original only for key-prefix
    /// hints. Neither is ever printed or written.
    let lowercased: String
    let original: String

    /// A host named in the paste, and whether the address it came with calls an API.
    public struct Host: Sendable, Equatable {
        /// The host, lower-cased, without a port.
        public var name: String
        /// Whether the address had an API-looking path (`/v1/…`, `/chat/completions`) or the
        /// host an `api.` label.
        public var looksLikeAnAPI: Bool
    }

    /// Reads a paste with the ranking tables of an index (masked key formats, stopwords, status
    /// words).
    public init(_ text: String, tables: RankingTables) {
        original = text
        let redaction = SecretMasker.redact(text, prefixes: tables.keyPrefixes, labels: tables.credentialLabels)
        redactedText = redaction.text
        redactedSecrets = redaction.count
        lowercased = ByteText.lowercased(redaction.text)
        // Secrets take no part in matching, not even their mask: a key's characters are noise
        // and would reach "why it matched", and "[REDACTED]" is no word of the paste.
        let raw = Tokenizer.rawTokens(redaction.text, excluding: redaction.masks)
        let kept = Tokenizer.matchPositions(raw)
        tokens = kept.map { raw[$0].text }
        tokenLines = kept.map { raw[$0].line }
        var seen = Set<String>(), words: [String] = []
        for token in tokens where Tokenizer.isWord(token) && !tables.stopwords.contains(token) && seen.insert(token).inserted {
            words.append(token)
        }
        self.words = words
        statuses = Self.statuses(in: raw, lead: tables.statusLeadWords, reasons: tables.reasonWords)
        var parts = Set<String>()
        var ports = Set<String>()
        var prefixes: [String] = []
        for (index, token) in raw.enumerated() {
            if token.written.utf8.contains(where: { $0 >= 65 && $0 <= 90 }) {
                let split = Tokenizer.camelParts(token.written)
                for part in split where part.utf8.count >= 3 { parts.insert(part) }
                if split.count >= 2, split.last == "exception" {
                    var name = split.dropLast().joined()
                    // `Fireworks_aiException`: LiteLLM writes a provider id with its underscore.
                    if token.before == UInt8(ascii: "_"), index > 0, raw[index - 1].written.utf8.first.map({ $0 >= 65 && $0 <= 90 }) == true {
                        name = raw[index - 1].text + "_" + name
                    }
                    if !name.isEmpty, !prefixes.contains(name) { prefixes.append(name) }
                }
            }
            let isPortLike = token.text.utf8.count >= 2 && token.text.utf8.count <= 5 && token.text.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
            guard isPortLike, index > 0 else { continue }
            let previous = raw[index - 1].text
            // `host:port` of a local or LAN address, or the word port just before.
            let afterHost = token.before == UInt8(ascii: ":") && (previous == "localhost" || previous == "internal"
                || (previous.utf8.count <= 3 && previous.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } && raw[index - 1].joinedBefore))
            // `port=11434` as urllib and others print it; not "port 3000" in prose, which is as
            // often a web server's own port as a model server's.
            if afterHost || (previous == "port" && token.before == UInt8(ascii: "=")) { ports.insert(token.text) }
        }
        exceptionPrefixes = prefixes
        nameParts = parts
        self.ports = ports
        hosts = Self.hosts(in: lowercased, tables: tables)
        looksTyped = words.count <= 8 && !words.isEmpty && !Self.looksPasted(text)
    }

    /// Words that, just before a three-digit number, say it is an HTTP status (defaults for
    /// `RankingTables`).
    public static let statusLeadWords: [String] = ["http", "https", "status", "code", "error", "statuscode", "response", "returned", "got", "received", "with", "failed"]
    /// First words of reason phrases that follow a status (`429 Too Many Requests`).
    public static let reasonWords: [String] = [
        "bad", "unauthorized", "payment", "forbidden", "not", "method", "request", "conflict", "gone", "payload",
        "too", "unprocessable", "internal", "service", "gateway", "overloaded", "precondition", "unavailable", "timeout",
    ]

    static func statuses(in raw: [Tokenizer.RawToken], lead: Set<String>, reasons: Set<String>) -> [Int] {
        var found: [Int] = []
        func isNumber(_ text: String) -> Bool { !text.isEmpty && text.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }
        for (index, token) in raw.enumerated() {
            guard !token.isCJK, token.text.utf8.count == 3, isNumber(token.text), let value = Int(token.text), (400...599).contains(value) else { continue }
            let before = index > 0 ? raw[index - 1].text : ""
            let after = index + 1 < raw.count ? raw[index + 1].text : ""
            // Part of a larger number: a time (12:00:500), a version (1.429), a date.
            if token.joinedBefore && isNumber(before) || token.joinedAfter && isNumber(after) { continue }
            if lead.contains(before) || reasons.contains(after), !found.contains(value) {
                found.append(value)
            }
        }
        return found
    }

    /// Characters people rarely type in a query but error output is full of.
    static func looksPasted(_ text: String) -> Bool {
        // Trailing white space trimmed by bytes (a Character would read "\r\n" as one).
        var trimmed = Array(text.utf8)
        while let last = trimmed.last, last == 0x20 || last == 0x0A || last == 0x09 || last == 0x0D { trimmed.removeLast() }
        return trimmed.contains { byte in
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "("), UInt8(ascii: ")"),
                 UInt8(ascii: "="), UInt8(ascii: ":"), UInt8(ascii: "\""), UInt8(ascii: "\n"):
                return true
            default:
                return false
            }
        }
    }

    /// Hosts after `://`, in `host='…'`, and bare `api.` hosts, in order, each once.
    static func hosts(in text: String, tables: RankingTables) -> [Host] {
        let bytes = Array(text.utf8)
        var hosts: [Host] = []
        func isHostByte(_ byte: UInt8) -> Bool {
            (byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
        }
        func add(_ start: Int) {
            var end = start
            while end < bytes.count, isHostByte(bytes[end]) { end += 1 }
            var name = bytes[start..<end]
            while let last = name.last, last == UInt8(ascii: ".") || last == UInt8(ascii: "-") { name = name.dropLast() }
            guard name.contains(UInt8(ascii: ".")) || name.elementsEqual("localhost".utf8) else { return }
            var pathEnd = end
            if pathEnd < bytes.count, bytes[pathEnd] == UInt8(ascii: ":") {
                pathEnd += 1
                while pathEnd < bytes.count, bytes[pathEnd] >= 48 && bytes[pathEnd] <= 57 { pathEnd += 1 }
            }
            var stop = pathEnd
            while stop < bytes.count, bytes[stop] > 0x20, bytes[stop] != UInt8(ascii: "\""), bytes[stop] != UInt8(ascii: "'"), bytes[stop] != UInt8(ascii: ")") { stop += 1 }
            let path = String(decoding: bytes[pathEnd..<stop], as: UTF8.self)
            let host = String(decoding: name, as: UTF8.self)
            let api = ByteText.hasPrefix(host, "api.") || ByteText.contains(host, ".api.") || tables.apiPathWords.contains { ByteText.contains(path, $0) }
            if let known = hosts.firstIndex(where: { $0.name == host }) {
                hosts[known].looksLikeAnAPI = hosts[known].looksLikeAnAPI || api
            } else {
                hosts.append(Host(name: host, looksLikeAnAPI: api))
            }
        }
        var index = 0
        while index + 3 <= bytes.count {
            if bytes[index] == UInt8(ascii: ":"), index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "/"), bytes[index + 2] == UInt8(ascii: "/") {
                add(index + 3)
                index += 3
                continue
            }
            if bytes[index] == UInt8(ascii: "h"), bytes[index...].starts(with: "host=".utf8), index + 5 < bytes.count {
                let quote = bytes[index + 5]
                add(quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\"") ? index + 6 : index + 5)
            }
            // A bare `api.` host (`Connection to api.x.ai timed out`) whose last label reads as a
            // top-level domain, not a dotted name like the scope `api.responses.write`.
            if bytes[index] == UInt8(ascii: "a"), (index == 0 || !isHostByte(bytes[index - 1])), bytes[index...].starts(with: "api.".utf8) {
                var end = index
                while end < bytes.count, isHostByte(bytes[end]) { end += 1 }
                while end > index, bytes[end - 1] == UInt8(ascii: ".") || bytes[end - 1] == UInt8(ascii: "-") { end -= 1 }
                let last = bytes[index..<end].split(separator: UInt8(ascii: ".")).last ?? []
                // Not a file (`/src/api.go`, `api.py`).
                let isFile = index > 0 && bytes[index - 1] == UInt8(ascii: "/") || tables.sourceExtensions.contains(String(decoding: last, as: UTF8.self))
                if last.count >= 2 && last.count <= 4 && last.allSatisfy({ $0 >= 97 && $0 <= 122 }) && !isFile { add(index) }
            }
            index += 1
        }
        return hosts
    }
}
