/// Bounded reading of a paste: `cmd 2>&1 | kb search` can pour any amount of text in, and the
/// error is nearly always at the end. kb keeps the last `limit` bytes in a ring, so memory stays
/// bounded whatever the input size.
public struct PasteInput: Sendable {
    /// How much of the end of the input is kept by default: 1 MB, far more than any traceback.
    public static let defaultLimit = 1 << 20

    /// Every byte appended, kept or not.
    public private(set) var totalBytes = 0
    private var ring: [UInt8]
    private var start = 0
    private var count = 0

    /// An empty ring that keeps the last `limit` bytes (at least one).
    public init(limit: Int = PasteInput.defaultLimit) {
        ring = [UInt8](repeating: 0, count: max(limit, 1))
    }

    /// How many bytes the ring keeps.
    public var limit: Int { ring.count }
    /// Whether the start of the input was dropped to keep the end.
    public var wasTruncated: Bool { totalBytes > ring.count }

    /// Adds the next bytes of the input, dropping the oldest ones beyond the limit. Copies in at
    /// most two runs per call rather than byte by byte, since a piped log can be gigabytes.
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        totalBytes += bytes.count
        let kept = bytes.count > ring.count ? UnsafeRawBufferPointer(rebasing: bytes[(bytes.count - ring.count)...]) : bytes
        var offset = 0
        while offset < kept.count {
            let end = (start + count) % ring.count
            let run = min(kept.count - offset, ring.count - end)
            ring.withUnsafeMutableBytes { target in
                target.baseAddress!.advanced(by: end).copyMemory(from: kept.baseAddress!.advanced(by: offset), byteCount: run)
            }
            offset += run
            let overflow = count + run - ring.count
            if overflow > 0 {
                start = (start + overflow) % ring.count
                count = ring.count
            } else {
                count += run
            }
        }
    }

    /// The kept bytes as text; invalid UTF-8 becomes replacement characters and NUL bytes spaces, and a
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
