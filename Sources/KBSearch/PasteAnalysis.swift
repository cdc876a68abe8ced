/// What kb reads out of a paste before ranking: its search tokens, the HTTP statuses it reports,
/// and the redacted text (the only form of the paste that may reach output).
public struct PasteAnalysis: Sendable {
    /// The search tokens, masked secrets and volatile parts left out.
    public let tokens: [String]
    /// HTTP statuses the paste reports (`HTTP 429`, `Error code: 401`), in order.
    public let statuses: [Int]
    /// The paste with every secret masked: the only form that may be printed.
    public let redactedText: String
    /// How many secrets were masked.
    public let redactedSecrets: Int
    /// The redacted text lower-cased, for host hints; the original only for key-prefix hints.
    /// Neither is ever printed or written.
    let lowercased: String
    let original: String

    /// - Parameter keyPrefixes: the knowledge base's own providers' key prefixes, masked too.
    public init(_ text: String, keyPrefixes: [String] = []) {
        original = text
        let redaction = SecretMasker.redact(text, extraPrefixes: keyPrefixes)
        redactedText = redaction.text
        redactedSecrets = redaction.count
        lowercased = redaction.text.lowercased()
        // Secrets take no part in matching, not even their mask: a key's characters are noise
        // and would reach "why it matched", and "[REDACTED]" is no word of the paste.
        let raw = Tokenizer.rawTokens(redaction.text, excluding: redaction.masks)
        tokens = Tokenizer.searchTokens(raw)
        statuses = Self.statuses(in: raw)
    }

    /// Words that, just before a three-digit number, say it is an HTTP status.
    static let statusLeadWords: Set<String> = ["http", "https", "status", "code", "error", "statuscode", "response", "returned", "got", "received", "with", "failed"]
    /// First words of reason phrases that follow a status (`429 Too Many Requests`).
    static let reasonWords: Set<String> = [
        "bad", "unauthorized", "payment", "forbidden", "not", "method", "request", "conflict", "gone", "payload",
        "too", "unprocessable", "internal", "service", "gateway", "overloaded", "precondition", "unavailable", "timeout",
    ]

    static func statuses(in raw: [Tokenizer.RawToken]) -> [Int] {
        var found: [Int] = []
        func isNumber(_ text: String) -> Bool { text.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }
        for (index, token) in raw.enumerated() {
            guard token.text.utf8.count == 3, isNumber(token.text), let value = Int(token.text), (400...599).contains(value) else { continue }
            let before = index > 0 ? raw[index - 1].text : ""
            let after = index + 1 < raw.count ? raw[index + 1].text : ""
            // Part of a larger number: a time (12:00:500), a version (1.429), a date.
            if token.joinedBefore && isNumber(before) || token.joinedAfter && isNumber(after) { continue }
            if statusLeadWords.contains(before) || reasonWords.contains(after), !found.contains(value) {
                found.append(value)
            }
        }
        return found
    }
}
