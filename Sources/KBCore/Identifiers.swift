/// A provider's id: the name of its folder under `Content/` (`moonshot`).
public struct ProviderID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The folder name.
    public let rawValue: String
    /// A provider id; validity is checked where folders are read.
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// An entry's id: `provider/slug`, from its path. Stable: URLs, `related` and `--json` use it.
public struct EntryID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The provider, the first half of the id.
    public let provider: ProviderID
    /// The file name without `.md`, the second half.
    public let slug: String

    /// An id from its two halves.
    public init(provider: ProviderID, slug: String) {
        self.provider = provider
        self.slug = slug
    }

    /// Parses `provider/slug`; nil for anything else.
    public init?(_ string: String) {
        let parts = string.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        self.init(provider: ProviderID(String(parts[0])), slug: String(parts[1]))
    }

    /// `provider/slug`.
    public var rawValue: String { "\(provider.rawValue)/\(slug)" }
    public var description: String { rawValue }

    /// The order of `rawValue` (`provider/slug`, byte by byte; ids are ASCII) without building
    /// the two strings: sorting 10,000 entries compares ids about 140,000 times.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        if lhs.provider == rhs.provider { return lhs.slug.utf8.lexicographicallyPrecedes(rhs.slug.utf8) }
        var left = lhs.provider.rawValue.utf8.makeIterator(), right = rhs.provider.rawValue.utf8.makeIterator()
        while true {
            // Where one provider id ends, its "/" is compared with the other's next byte.
            switch (left.next(), right.next()) {
            case let (a?, b?): if a != b { return a < b }
            case (nil, let b?): return UInt8(ascii: "/") < b
            case (let a?, nil): return a < UInt8(ascii: "/")
            case (nil, nil): return lhs.slug.utf8.lexicographicallyPrecedes(rhs.slug.utf8)
            }
        }
    }
}

/// A category id from the closed set in `kb.yml` (`rate-limit`).
public struct Category: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The id as written (`rate-limit`).
    public let rawValue: String
    /// A category id; whether kb.yml knows it is checked where entries are read.
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A literal string as it appears in real error output: a message, an error `type` or `code`, a
/// status line.
public struct Signature: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The text as the author wrote it.
    public let text: String
    /// The form two signatures are compared in: case, punctuation and spacing do not matter.
    /// Worked out once: validation compares every signature of a provider on every build.
    public let matchKey: String
    /// A signature with its match key worked out.
    public init(_ text: String) {
        self.text = text
        self.matchKey = Self.matchKey(text)
    }
    public var description: String { text }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.text < rhs.text }

    static func matchKey(_ text: String) -> String {
        var out = ""
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            // ASCII first: Unicode property lookups are slow, and nearly every signature is ASCII.
            let value = scalar.value
            if value < 128 {
                let isWord = (65...90).contains(value) || (97...122).contains(value) || (48...57).contains(value)
                if isWord {
                    if pendingSpace && !out.isEmpty { out.unicodeScalars.append(" ") }
                    pendingSpace = false
                    out.unicodeScalars.append(Unicode.Scalar((65...90).contains(value) ? value + 32 : value)!)
                } else {
                    pendingSpace = true
                }
            } else if scalar.properties.isAlphabetic {
                if pendingSpace && !out.isEmpty { out.unicodeScalars.append(" ") }
                pendingSpace = false
                out.unicodeScalars.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            } else {
                pendingSpace = true
            }
        }
        return out
    }
}

/// An HTTP status code an error comes with.
public struct HTTPStatus: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The number (`429`).
    public let code: Int
    /// A status; 100 to 599 is checked where entries are read.
    public init(_ code: Int) { self.code = code }
    public var description: String { String(code) }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.code < rhs.code }
}

/// A tag of an entry; each is a page of the site (`tags/<tag>/`).
public struct Tag: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The tag as written.
    public let rawValue: String
    /// A tag; `isValid` says whether it can be a folder.
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Whether the tag can be a folder of the site and a URL segment as written.
    public static func isValid(_ text: String) -> Bool {
        guard let first = text.utf8.first, text.utf8.count <= 64 else { return false }
        return first.isASCIIAlphanumeric && text.utf8.allSatisfy { $0.isKeyCharacter || $0 == UInt8(ascii: ".") }
    }
}

/// A calendar day, `YYYY-MM-DD`, as front-matter and git give it; no time zone games.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The year, month (1-12) and day of the month.
    public let year: Int, month: Int, day: Int

    /// Reads `YYYY-MM-DD`; nil for anything else or a day that does not exist (`2026-02-31`).
    public init?(_ string: String) {
        let parts = string.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), (1...Self.days(inMonth: month, of: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// 28 to 31 (Gregorian leap years).
    static func days(inMonth month: Int, of year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day) }

    /// Days since 1970-01-01 (proleptic Gregorian; Howard Hinnant's days_from_civil).
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The day `days` after 1970-01-01.
    public init(daysSinceEpoch days: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        day = doy - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    }

}

/// Ids are path components and URL segments: lower-case letters, digits and inner hyphens.
public enum IdentifierSyntax {
    /// Whether a provider id, slug or category id is valid as written.
    public static func isValid(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, let last = name.unicodeScalars.last,
              first != "-", last != "-", name.count <= 100 else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// The nearest valid id to a name people might write (`Rate Limit` → `rate-limit`).
    public static func suggestion(for name: String, maximumLength: Int = 100) -> String {
        var out = ""
        for scalar in name.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                out.unicodeScalars.append(scalar)
            } else if !out.isEmpty, !out.hasSuffix("-") {
                out += "-"
            }
        }
        if out.utf8.count > maximumLength { out = String(out.prefix(maximumLength)) }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? "entry" : out
    }
}
