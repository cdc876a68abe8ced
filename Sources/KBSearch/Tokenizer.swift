/// The one normalisation every part of search shares (signatures, entries, pastes, and the
/// browser's copy of the algorithm): tokens are runs of ASCII letters and digits, lower-cased,
/// and each CJK character on its own; volatile parts that differ from one paste of an error to
/// the next are dropped, the way error-grouping systems fingerprint messages.
///
/// Kept free of regular expressions and of Unicode tables beyond the CJK ranges, so the
/// JavaScript port is exact.
public enum Tokenizer {
    /// A token with what surrounds it, before volatile parts are dropped.
    public struct RawToken: Equatable, Sendable {
        /// The token, lower-cased.
        public var text: String
        /// Whether the character just before the token is one that joins numbers into a larger
        /// value (`.`, `:`, `-`, `/`), which rules the token out as an HTTP status.
        public var joinedBefore: Bool
        /// The same for the character just after.
        public var joinedAfter: Bool
        /// The byte just before the token (0 at the start), for port and assignment cues.
        public var before: UInt8
        /// Whether the token is one CJK character.
        public var isCJK: Bool
        /// The token as written, case kept, for reading class names (`AnthropicException`).
        public var written: String
        /// The line of the text the token is on, from 0.
        public var line: Int = 0
    }

    /// Every run of ASCII letters and digits, lower-cased, and every CJK character alone. Other
    /// characters separate tokens.
    /// - Parameter excluding: byte ranges that are no words at all (masked secrets): they
    ///   separate tokens and give none.
    public static func rawTokens(_ text: String, excluding: [Range<Int>] = []) -> [RawToken] {
        var tokens: [RawToken] = []
        var current: [UInt8] = [], written: [UInt8] = []
        var previous: UInt8 = 0
        var joinedBefore = false
        var before: UInt8 = 0
        var line = 0
        var skip = excluding.makeIterator()
        var nextSkip = skip.next()
        let bytes = Array(text.utf8)
        func flush(after: UInt8) {
            guard !current.isEmpty else { return }
            tokens.append(RawToken(text: String(decoding: current, as: UTF8.self), joinedBefore: joinedBefore, joinedAfter: isJoiner(after),
                                   before: before, isCJK: false, written: String(decoding: written, as: UTF8.self), line: line))
            current.removeAll(keepingCapacity: true)
            written.removeAll(keepingCapacity: true)
        }
        var offset = 0
        while offset < bytes.count {
            if let range = nextSkip, offset >= range.lowerBound {
                if offset < range.upperBound {
                    flush(after: 0)
                    previous = 0
                    offset = range.upperBound
                    continue
                }
                nextSkip = skip.next()
                continue
            }
            let byte = bytes[offset]
            if byte >= 0x80 {
                // A multi-byte character: CJK ones are tokens of their own, others separate.
                let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
                let end = min(offset + length, bytes.count)
                let scalar = decodeScalar(bytes, offset, end)
                flush(after: byte)
                if isCJK(scalar) {
                    let character = String(decoding: bytes[offset..<end], as: UTF8.self)
                    tokens.append(RawToken(text: character, joinedBefore: false, joinedAfter: false, before: previous, isCJK: true, written: character, line: line))
                }
                previous = byte
                offset = end
                continue
            }
            let lowered = (byte >= 65 && byte <= 90) ? byte + 32 : byte
            let isWordByte = (lowered >= 97 && lowered <= 122) || (lowered >= 48 && lowered <= 57)
            if isWordByte {
                if current.isEmpty {
                    joinedBefore = isJoiner(previous)
                    before = previous
                }
                current.append(lowered)
                written.append(byte)
            } else {
                flush(after: byte)
                if byte == 0x0A { line += 1 }
            }
            previous = byte
            offset += 1
        }
        flush(after: 0)
        return tokens
    }

    static func decodeScalar(_ bytes: [UInt8], _ start: Int, _ end: Int) -> UInt32 {
        let first = UInt32(bytes[start])
        var value: UInt32
        switch end - start {
        case 2: value = first & 0x1F
        case 3: value = first & 0x0F
        case 4: value = first & 0x07
        default: return first
        }
        for index in (start + 1)..<end { value = value << 6 | UInt32(bytes[index] & 0x3F) }
        return value
    }

    /// Han ideographs, kana and Hangul: scripts written without spaces, where one character is
    /// the smallest unit a signature can be matched on.
    static func isCJK(_ scalar: UInt32) -> Bool {
        (0x4E00...0x9FFF).contains(scalar) || (0x3400...0x4DBF).contains(scalar) || (0x3040...0x30FF).contains(scalar)
            || (0xAC00...0xD7AF).contains(scalar) || (0xF900...0xFAFF).contains(scalar)
    }

    private static func isJoiner(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ".") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "/")
    }

    /// The tokens signatures are matched on: raw tokens without the volatile ones; a UUID
    /// (8-4-4-4-12 hex digits) goes whole. Short numbers (ports, business codes) stay.
    public static func matchTokens(_ raw: [RawToken]) -> [String] {
        matchPositions(raw).map { raw[$0].text }
    }

    /// The positions in `raw` of the match tokens.
    public static func matchPositions(_ raw: [RawToken]) -> [Int] {
        var kept: [Int] = []
        var index = 0
        while index < raw.count {
            if isUUID(raw, at: index) {
                index += 5
                continue
            }
            if raw[index].isCJK || !isVolatile(raw[index].text) { kept.append(index) }
            index += 1
        }
        return kept
    }

    /// The match tokens of a text (a signature, a typed query).
    public static func tokens(_ text: String) -> [String] {
        matchTokens(rawTokens(text))
    }

    /// Whether a match token also counts as a word for the word evidence: not a CJK character
    /// (single characters say nothing on their own), not a number unless it could be an HTTP
    /// status.
    public static func isWord(_ token: String) -> Bool {
        var digits = 0, count = 0
        for byte in token.utf8 {
            if byte >= 0x80 { return false }
            count += 1
            if byte >= 48 && byte <= 57 { digits += 1 }
        }
        guard digits == count else { return true }
        guard count == 3, let value = Int(token) else { return false }
        return (100...599).contains(value)
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

    /// Whether a token is digits only.
    static func isNumber(_ token: String) -> Bool { !token.isEmpty && token.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }

    static func isHexDigit(_ byte: UInt8) -> Bool { (byte >= 48 && byte <= 57) || (byte >= 97 && byte <= 102) }

    /// Ids, hashes, timestamps and large counts change between two pastes of the same error;
    /// numbers of up to six digits stay (a status, a port, a business code like 1113).
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
        if letters == 0 { return length > 6 }
        if digits > 0 && length >= 8 && hexLetters == letters { return true }  // hex ids, UUID parts
        if digits >= 2 && digits >= 2 * letters { return true }  // 01t12 of a timestamp, 1532ms, 30s
        if digits > 0 && length >= 10 { return true }  // request ids, keys, mixed ids
        if length > 40 { return true }  // base64 blobs and other unbroken noise
        return false
    }

    /// The words of a class or identifier as written, split where its case changes:
    /// `AnthropicException` → anthropic, exception; `MistralAPIStatusException` → mistral,
    /// api, status, exception. How wrappers name the provider whose error they carry.
    public static func camelParts(_ written: String) -> [String] {
        let bytes = Array(written.utf8)
        var parts: [String] = []
        var current: [UInt8] = []
        func isUpper(_ byte: UInt8) -> Bool { byte >= 65 && byte <= 90 }
        for (index, byte) in bytes.enumerated() {
            let startsPart = isUpper(byte) && !current.isEmpty
                && (!isUpper(bytes[index - 1]) || (index + 1 < bytes.count && !isUpper(bytes[index + 1]) && !(bytes[index + 1] >= 48 && bytes[index + 1] <= 57)))
            if startsPart {
                parts.append(ByteText.lowercased(String(decoding: current, as: UTF8.self)))
                current = []
            }
            current.append(byte)
        }
        if !current.isEmpty { parts.append(ByteText.lowercased(String(decoding: current, as: UTF8.self))) }
        return parts
    }
}
