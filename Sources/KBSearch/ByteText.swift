/// Text operations on UTF-8 bytes. The browser's port works on the same bytes, so these are
/// the definitions both sides follow: no Unicode case mapping, no canonical equivalence, only
/// bytes (String's own `contains` and `lowercased` follow Unicode rules JavaScript does not).
enum ByteText {
    /// ASCII letters lower-cased, every other byte as it is.
    static func lowercased(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 >= 65 && $0 <= 90 }) else { return text }
        return String(decoding: text.utf8.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, as: UTF8.self)
    }

    /// Whether `needle`'s bytes appear in `haystack`'s. String.contains went through
    /// Foundation once, which was a tenth of a cold search.
    static func contains(_ haystack: String, _ needle: String) -> Bool {
        var haystack = haystack, needle = needle
        return haystack.withUTF8 { hay in
            needle.withUTF8 { pin in
                guard !pin.isEmpty else { return true }
                guard hay.count >= pin.count else { return false }
                let first = pin[0], last = hay.count - pin.count
                var start = 0
                while start <= last {
                    if hay[start] == first {
                        var offset = 1
                        while offset < pin.count && hay[start + offset] == pin[offset] { offset += 1 }
                        if offset == pin.count { return true }
                    }
                    start += 1
                }
                return false
            }
        }
    }

    static func hasPrefix(_ text: String, _ prefix: String) -> Bool { text.utf8.starts(with: prefix.utf8) }

    static func hasSuffix(_ text: String, _ suffix: String) -> Bool {
        let bytes = Array(text.utf8), tail = Array(suffix.utf8)
        return bytes.count >= tail.count && Array(bytes[(bytes.count - tail.count)...]) == tail
    }
}
