import KBCore
/// Finds API keys and tokens in pasted text so that nothing kb prints, and nothing it writes,
/// contains one. A found secret is replaced whole, prefix included: a printed prefix plus a
/// length is still a byte of the secret.
public enum SecretMasker {
    /// What replaces each secret in every text kb prints.
    public static let mask = "[REDACTED]"

    /// A text with its secrets masked, and where the masks stand.
    public struct Redaction: Sendable, Equatable {
        /// The text with every secret replaced by `mask`.
        public var text: String
        /// The byte ranges of `text` that are masks, in order: they are not words of the paste,
        /// and take no part in matching ("[REDACTED]" must never read as "rejected").
        public var masks: [Range<Int>]
        /// How many secrets were replaced.
        public var count: Int { masks.count }
    }

    /// Prefixes of provider keys every index carries, whatever its providers say; the rest of a
    /// key is a run of key characters.
    public static let keyPrefixes = [
        "sk-ant-", "sk-proj-", "sk-svcacct-", "sk-admin-", "sk-or-v1-", "sk-", "gsk_", "AIza", "xai-", "hf_", "pplx-", "ghp_", "github_pat_",
    ]

    /// Words after which the next token is a credential whatever it looks like.
    public static let credentialLabels = ["bearer", "api-key", "api_key", "apikey", "x-api-key", "x-goog-api-key", "authorization", "token", "access_token", "key", "password", "secret"]

    /// The prefix's length when the text holds a key-shaped word starting with it (twelve key
    /// characters at least after it), for naming the provider whose key it is. Bytes, not
    /// characters: a prefix read from a damaged index may not fall on character boundaries.
    public static func keyPrefixLength(_ prefix: String, in text: String) -> Int? {
        let needle = Array(prefix.utf8)
        guard let first = needle.first else { return nil }
        var text = text
        return text.withUTF8 { bytes -> Int? in
            var start = 0
            while start + needle.count <= bytes.count {
                defer { start += 1 }
                guard bytes[start] == first, start == 0 || !bytes[start - 1].isKeyCharacter else { continue }
                guard needle.indices.allSatisfy({ bytes[start + $0] == needle[$0] }) else { continue }
                var end = start + needle.count
                while end < bytes.count, bytes[end].isKeyCharacter, end - start - needle.count < 12 { end += 1 }
                if end - start - needle.count >= 12 { return needle.count }
            }
            return nil
        }
    }

    /// Returns the text with every secret replaced by `mask`, and where the masks are.
    /// - Parameters:
    ///   - prefixes: key prefixes to mask, besides the built-in ones (an index's tables).
    ///   - labels: words after which a value is a credential, besides the built-in ones.
    public static func redact(_ text: String, prefixes extra: [String] = [], labels extraLabels: [String] = []) -> Redaction {
        // The built-in tables always count: a damaged index must not unmask anything.
        var prefixes = keyPrefixes
        for prefix in extra where prefix.utf8.count >= 3 && !prefixes.contains(prefix) { prefixes.append(prefix) }
        prefixes.sort { $0.utf8.count != $1.utf8.count ? $0.utf8.count > $1.utf8.count : $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var labels = credentialLabels
        for label in extraLabels where !labels.contains(label) { labels.append(label) }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var masks: [Range<Int>] = []
        var index = 0
        var previousWord: [UInt8] = []  // the last word before the current position, lower-cased
        while index < bytes.count {
            let byte = bytes[index]
            if isKeyByte(byte) && (index == 0 || !isKeyByte(bytes[index - 1])) {
                var end = index
                while end < bytes.count && isKeyByte(bytes[end]) { end += 1 }
                // Sentence punctuation after a key is not part of it.
                while end > index + 1, bytes[end - 1] == UInt8(ascii: ".") || bytes[end - 1] == UInt8(ascii: "-") { end -= 1 }
                let token = bytes[index..<end]
                // A key inside a path or an assignment is masked alone, so the rest still reads.
                let startsWithKey = prefixes.contains { token.starts(with: $0.utf8) }
                if !startsWithKey, let (masked, found) = maskInside(token, prefixes: prefixes, labels: labels) {
                    masks += found.map { (out.count + $0.lowerBound)..<(out.count + $0.upperBound) }
                    out.append(contentsOf: masked)
                    previousWord = []
                } else if looksSecret(token, after: previousWord, prefixes: prefixes, labels: labels) {
                    masks.append(out.count..<(out.count + mask.utf8.count))
                    out.append(contentsOf: mask.utf8)
                    previousWord = []
                } else {
                    out.append(contentsOf: token)
                    previousWord = token.map { ($0 >= 65 && $0 <= 90) ? $0 + 32 : $0 }
                }
                index = end
                continue
            }
            out.append(byte)
            index += 1
        }
        return Redaction(text: String(decoding: out, as: UTF8.self), masks: masks)
    }

    /// Keys inside a longer token: a path (`/v1/sk-proj-…/files`), a query (`?api_key=sk-…`),
    /// an assignment (`OPENAI_API_KEY=sk-…`, `password=…`). A provider key starts after a byte
    /// that is not a letter or digit and runs over the characters keys are made of; a labelled
    /// value runs to the end of the token. Returns nil when there is nothing to mask; the masks'
    /// ranges are offsets in the returned bytes.
    static func maskInside(_ token: ArraySlice<UInt8>, prefixes: [String], labels: [String]) -> (masked: [UInt8], masks: [Range<Int>])? {
        let bytes = Array(token)
        var out: [UInt8] = []
        var masks: [Range<Int>] = []
        var index = 0
        var copied = 0
        while index < bytes.count {
            if index > 0, !bytes[index - 1].isASCIIAlphanumeric, bytes[index].isASCIIAlphanumeric {
                let rest = bytes[index...]
                if let prefix = prefixes.first(where: { rest.starts(with: $0.utf8) }) {
                    var end = index + prefix.utf8.count
                    while end < bytes.count, bytes[end].isKeyCharacter { end += 1 }
                    if end - index >= prefix.utf8.count + 12 {
                        out += bytes[copied..<index]
                        masks.append(out.count..<(out.count + mask.utf8.count))
                        out += Array(mask.utf8)
                        index = end
                        copied = end
                        continue
                    }
                }
                if bytes[index - 1] == UInt8(ascii: "=") {
                    let label = ByteText.lowercased(String(decoding: bytes[..<(index - 1)].reversed().prefix { $0 != UInt8(ascii: "?") && $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: "&") }.reversed(), as: UTF8.self))
                    let value = bytes[index...]
                    if labels.contains(where: { label == $0 || ByteText.hasSuffix(label, "_" + $0) || ByteText.hasSuffix(label, "-" + $0) }), value.count >= 12, hasMixedCharacters(value) {
                        out += bytes[copied..<index]
                        masks.append(out.count..<(out.count + mask.utf8.count))
                        return (out + Array(mask.utf8), masks)
                    }
                }
            }
            index += 1
        }
        guard !masks.isEmpty else { return nil }
        return (out + bytes[copied...], masks)
    }

    /// Characters keys and tokens are made of (base64url, JWT dots included).
    static func isKeyByte(_ byte: UInt8) -> Bool {
        byte.isKeyCharacter || byte == UInt8(ascii: ".")
            || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "=")
    }

    static func looksSecret(_ token: ArraySlice<UInt8>, after previousWord: [UInt8], prefixes: [String], labels: [String]) -> Bool {
        for prefix in prefixes where token.starts(with: prefix.utf8) && token.count >= prefix.utf8.count + 12 {
            return true
        }
        // JWTs: three base64url parts, the first a JSON header.
        if token.starts(with: "eyJ".utf8), token.split(separator: UInt8(ascii: ".")).count >= 3, token.count >= 30 { return true }
        let label = String(decoding: previousWord, as: UTF8.self)
        if labels.contains(label), token.count >= 16, hasMixedCharacters(token) { return true }
        // 32 hex characters is the shape of Azure resource keys.
        if token.count == 32, token.allSatisfy({ isHex($0) }), token.contains(where: { $0 >= 48 && $0 <= 57 }), token.contains(where: { !($0 >= 48 && $0 <= 57) }) {
            return true
        }
        // Long unbroken runs of mixed letters and digits are credentials more often than not
        // (Azure's newer 84-character keys, service tokens); masking an id by mistake costs nothing.
        if token.count >= 40, hasMixedCharacters(token), !token.contains(UInt8(ascii: "/")) { return true }
        return false
    }

    static func hasMixedCharacters(_ token: ArraySlice<UInt8>) -> Bool {
        var upper = false, lower = false, digit = false
        for byte in token {
            if byte >= 65 && byte <= 90 { upper = true } else if byte >= 97 && byte <= 122 { lower = true } else if byte >= 48 && byte <= 57 { digit = true }
        }
        return digit && (upper || lower)
    }

    static func isHex(_ byte: UInt8) -> Bool {
        (byte >= 48 && byte <= 57) || (byte >= 97 && byte <= 102) || (byte >= 65 && byte <= 70)
    }
}
