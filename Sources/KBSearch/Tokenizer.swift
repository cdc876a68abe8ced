/// The one normalisation every part of search shares (signatures, entries, pastes, and the
/// browser's copy in search.js): ASCII lower-case, tokens are runs of letters and digits, and
/// volatile parts that differ from one paste of an error to the next are dropped, the way
/// error-grouping systems fingerprint messages.
///
/// Kept deliberately simple and free of regular expressions so the JavaScript port is exact.
public enum Tokenizer {
    /// A token with what surrounds it, before volatile parts are dropped.
    public struct RawToken: Equatable, Sendable {
        public var text: String
        /// Whether the character just before the token is one that joins numbers into a larger
        /// value (`.`, `:`, `-`, `/`), which rules the token out as an HTTP status.
        public var joinedBefore: Bool
        public var joinedAfter: Bool
    }

    /// Every run of ASCII letters and digits, lower-cased. Other characters separate tokens.
    /// - Parameter excluding: byte ranges that are no words at all (masked secrets): they
    ///   separate tokens and give none.
    public static func rawTokens(_ text: String, excluding: [Range<Int>] = []) -> [RawToken] {
        var tokens: [RawToken] = []
        var current: [UInt8] = []
        var previous: UInt8 = 0
        var joinedBefore = false
        var skip = excluding.makeIterator()
        var nextSkip = skip.next()
        for (offset, byte) in text.utf8.enumerated() {
            if let range = nextSkip, offset >= range.lowerBound {
                if offset < range.upperBound {
                    if !current.isEmpty {
                        tokens.append(RawToken(text: String(decoding: current, as: UTF8.self), joinedBefore: joinedBefore, joinedAfter: false))
                        current.removeAll(keepingCapacity: true)
                    }
                    previous = 0
                    continue
                }
                nextSkip = skip.next()
            }
            let lowered = (byte >= 65 && byte <= 90) ? byte + 32 : byte
            let isWordByte = (lowered >= 97 && lowered <= 122) || (lowered >= 48 && lowered <= 57)
            if isWordByte {
                if current.isEmpty { joinedBefore = isJoiner(previous) }
                current.append(lowered)
            } else if !current.isEmpty {
                tokens.append(RawToken(text: String(decoding: current, as: UTF8.self), joinedBefore: joinedBefore, joinedAfter: isJoiner(byte)))
                current.removeAll(keepingCapacity: true)
            }
            previous = byte
        }
        if !current.isEmpty {
            tokens.append(RawToken(text: String(decoding: current, as: UTF8.self), joinedBefore: joinedBefore, joinedAfter: false))
        }
        return tokens
    }

    private static func isJoiner(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ".") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "/")
    }

    /// The search tokens of a text: raw tokens without the volatile ones.
    public static func tokens(_ text: String) -> [String] {
        searchTokens(rawTokens(text))
    }

    /// Raw tokens without the volatile ones; a UUID (8-4-4-4-12 hex digits) goes whole.
    public static func searchTokens(_ raw: [RawToken]) -> [String] {
        var tokens: [String] = []
        var index = 0
        while index < raw.count {
            if isUUID(raw, at: index) {
                index += 5
                continue
            }
            if !isVolatile(raw[index].text) { tokens.append(raw[index].text) }
            index += 1
        }
        return tokens
    }

    static let uuidLengths = [8, 4, 4, 4, 12]

    static func isUUID(_ raw: [RawToken], at start: Int) -> Bool {
        guard start + 5 <= raw.count else { return false }
        for offset in 0..<5 {
            let token = raw[start + offset]
            guard token.text.utf8.count == uuidLengths[offset], token.text.utf8.allSatisfy(isHexDigit) else { return false }
            if offset > 0 && !token.joinedBefore { return false }
        }
        return true
    }

    static func isHexDigit(_ byte: UInt8) -> Bool { (byte >= 48 && byte <= 57) || (byte >= 97 && byte <= 102) }

    /// Ids, hashes, timestamps and counts change between two pastes of the same error; three-digit
    /// numbers that could be HTTP statuses stay.
    public static func isVolatile(_ token: String) -> Bool {
        var digits = 0, letters = 0, hexLetters = 0
        for byte in token.utf8 {
            if byte >= 48 && byte <= 57 {
                digits += 1
            } else {
                letters += 1
                if byte >= 97 && byte <= 102 { hexLetters += 1 }
            }
        }
        let length = digits + letters
        if letters == 0 {
            // A status code keeps its meaning; every other number is a count, a time or an id.
            guard length == 3, let value = Int(token) else { return true }
            return !(100...599).contains(value)
        }
        if digits > 0 && length >= 8 && hexLetters == letters { return true }  // hex ids, UUID parts
        if digits >= 2 && digits >= 2 * letters { return true }  // 01t12 of a timestamp, 1532ms, 30s
        if digits > 0 && length >= 10 { return true }  // request ids, keys, mixed ids
        if length > 40 { return true }  // base64 blobs and other unbroken noise
        return false
    }
}
