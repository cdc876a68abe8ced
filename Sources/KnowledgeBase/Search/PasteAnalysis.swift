/// What kb reads out of a paste before ranking: its search tokens, the HTTP statuses it reports,
/// and the redacted text (the only form of the paste that may reach output).
public struct PasteAnalysis: Sendable {
    public let tokens: [String]
    public let statuses: [Int]
    public let redactedText: String
    public let redactedSecrets: Int
    /// The redacted text lower-cased, for host hints; the original only for key-prefix hints.
    /// Neither is ever printed or written.
    let lowercased: String
    let original: String

    /// - Parameter keyPrefixes: the knowledge base's own providers' key prefixes, masked too.
    public init(_ text: String, keyPrefixes: [String] = []) {
        original = text
        let (redacted, count) = SecretMasker.redact(text, extraPrefixes: keyPrefixes)
        redactedText = redacted
        redactedSecrets = count
        lowercased = redacted.lowercased()
        // Secrets take no part in matching: a key's characters are noise, and would otherwise
        // reach "why it matched".
        let raw = Tokenizer.rawTokens(redacted)
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
