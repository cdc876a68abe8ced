/// The byte classes of names that must stay ASCII to be safe as written (tags, branch names)
/// and of API keys. Bytes, not Characters: "é" or a fullwidth digit is never one of these, and a
/// prefix read from a damaged index need not fall on character boundaries.
extension UInt8 {
    /// `0-9`, `A-Z`, `a-z`.
    public var isASCIIAlphanumeric: Bool {
        (self >= 48 && self <= 57) || (self >= 65 && self <= 90) || (self >= 97 && self <= 122)
    }

    /// What provider keys are written in after their prefix (`sk-proj-…`, `AIza…`).
    public var isKeyCharacter: Bool {
        isASCIIAlphanumeric || self == UInt8(ascii: "-") || self == UInt8(ascii: "_")
    }
}
