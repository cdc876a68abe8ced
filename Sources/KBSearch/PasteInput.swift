/// Bounded reading of a paste: `cmd 2>&1 | kb search` can pour any amount of text in, and the
/// error is nearly always at the end. kb keeps the last `limit` bytes in a ring, so memory stays
/// bounded whatever the input size.
public struct PasteInput: Sendable {
    public static let defaultLimit = 1 << 20

    public private(set) var totalBytes = 0
    private var ring: [UInt8]
    private var start = 0
    private var count = 0

    public init(limit: Int = PasteInput.defaultLimit) {
        ring = [UInt8](repeating: 0, count: max(limit, 1))
    }

    public var limit: Int { ring.count }
    public var wasTruncated: Bool { totalBytes > ring.count }

    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        totalBytes += bytes.count
        for byte in bytes.suffix(ring.count) {
            if count < ring.count {
                ring[(start + count) % ring.count] = byte
                count += 1
            } else {
                ring[start] = byte
                start = (start + 1) % ring.count
            }
        }
    }

    /// The kept bytes as text; invalid UTF-8 and NUL bytes become replacement characters, and a
    /// cut in the middle of a character at the start is dropped.
    public var text: String {
        var bytes = [UInt8](repeating: 0, count: count)
        for index in 0..<count { bytes[index] = ring[(start + index) % ring.count] }
        if wasTruncated {
            while let first = bytes.first, first & 0xC0 == 0x80 { bytes.removeFirst() }
        }
        for index in bytes.indices where bytes[index] == 0 { bytes[index] = 0x20 }
        return String(decoding: bytes, as: UTF8.self)
    }
}
