/// 64-bit FNV-1a: tiny, stable across platforms and runs (unlike `Hasher`), for names of cache
/// files and content fingerprints.
public struct FNV1a: Sendable {
    private var state: UInt64 = 0xcbf2_9ce4_8422_2325

    /// A hash of nothing yet.
    public init() {}

    /// Adds a string and a terminating zero, so "ab"+"c" and "a"+"bc" differ.
    public mutating func add(_ string: String) {
        for byte in string.utf8 { add(byte) }
        add(0)
    }

    /// Adds one byte.
    public mutating func add(_ byte: UInt8) {
        state ^= UInt64(byte)
        state = state &* 0x0000_0100_0000_01b3
    }

    /// The hash so far.
    public var value: UInt64 { state }

    /// The hash as 16 hex digits.
    public var hex: String {
        let digits = String(state, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
