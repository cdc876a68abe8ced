/// The binary layout every kb index file uses: the single file `kb search` maps and each shard
/// the browser fetches. A file is `KBIX`, a version, a directory of named sections, then the
/// sections: arrays of little-endian `UInt32` or `Double`, or bytes. Readers look sections up
/// by name, so the browser reads what it needs without knowing the rest, and every read is
/// bounds-checked: a damaged file gives an error or empty values, never a crash.
enum IndexFormat {
    static let magic: [UInt8] = Array("KBIX".utf8)
    /// The format version; a file of another version is refused, not misread.
    static let version: UInt32 = 2
    /// Bytes of a section's name in the directory (ASCII, padded with zeros).
    static let nameSize = 8
    /// magic, version, section count.
    static let headerSize = 12
    /// name, offset, length.
    static let directoryEntrySize = nameSize + 8
}

/// Collects named sections and writes them as one file.
struct SectionWriter {
    private var sections: [(name: String, bytes: [UInt8])] = []

    mutating func add(_ name: String, _ values: [UInt32]) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(values.count * 4)
        for value in values { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
        sections.append((Self.checked(name), bytes))
    }

    mutating func add(_ name: String, _ values: [Double]) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(values.count * 8)
        for value in values { withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes += $0 } }
        sections.append((Self.checked(name), bytes))
    }

    mutating func add(_ name: String, bytes: [UInt8]) {
        sections.append((Self.checked(name), bytes))
    }

    /// Names are fixed by the program, not by content: a longer one would be cut and then never
    /// found by the reader, as "localhost" once was, silently emptying the local-host table.
    private static func checked(_ name: String) -> String {
        precondition(name.utf8.count <= IndexFormat.nameSize && !name.isEmpty, "index section name '\(name)' must be 1 to \(IndexFormat.nameSize) bytes")
        return name
    }

    /// The file: header, directory, then each section at an offset that is a multiple of 8.
    func bytes() -> [UInt8] {
        var out = IndexFormat.magic
        func word(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { out += $0 } }
        word(IndexFormat.version)
        word(UInt32(sections.count))
        var offset = IndexFormat.headerSize + sections.count * IndexFormat.directoryEntrySize
        offset = (offset + 7) & ~7
        var placed: [Int] = []
        for section in sections {
            placed.append(offset)
            offset = (offset + section.bytes.count + 7) & ~7
        }
        for (section, start) in zip(sections, placed) {
            var name = Array(section.name.utf8.prefix(IndexFormat.nameSize))
            name += [UInt8](repeating: 0, count: IndexFormat.nameSize - name.count)
            out += name
            word(UInt32(start))
            word(UInt32(section.bytes.count))
        }
        for (section, start) in zip(sections, placed) {
            out += [UInt8](repeating: 0, count: start - out.count)
            out += section.bytes
        }
        return out
    }
}

/// Reads the sections of one index file.
struct SectionReader: Sendable {
    let storage: IndexBytes
    private let directory: [String: (offset: Int, length: Int)]

    init(_ storage: IndexBytes) throws {
        self.storage = storage
        let bytes = storage.bytes
        guard bytes.count >= IndexFormat.headerSize, Array(bytes.prefix(4)) == IndexFormat.magic else { throw SearchIndex.OpenError.notAnIndex }
        let version = Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 4, as: UInt32.self)))
        guard version == Int(IndexFormat.version) else { throw SearchIndex.OpenError.otherVersion(version) }
        let count = Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt32.self)))
        guard count <= 4096, IndexFormat.headerSize + count * IndexFormat.directoryEntrySize <= bytes.count else { throw SearchIndex.OpenError.corrupt("directory out of bounds") }
        var directory: [String: (Int, Int)] = [:]
        for entry in 0..<count {
            let base = IndexFormat.headerSize + entry * IndexFormat.directoryEntrySize
            let nameBytes = (0..<IndexFormat.nameSize).map { bytes[base + $0] }.prefix { $0 != 0 }
            let name = String(decoding: nameBytes, as: UTF8.self)
            let offset = Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: base + IndexFormat.nameSize, as: UInt32.self)))
            let length = Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: base + IndexFormat.nameSize + 4, as: UInt32.self)))
            guard offset >= 0, length >= 0, offset + length <= bytes.count else { throw SearchIndex.OpenError.corrupt("section \(name) out of bounds") }
            directory[name] = (offset, length)
        }
        self.directory = directory
    }

    /// A section of `UInt32`s; empty when the file has none of that name.
    func words(_ name: String) -> WordArray {
        guard let (offset, length) = directory[name] else { return WordArray(bytes: storage.bytes, offset: 0, count: 0) }
        return WordArray(bytes: storage.bytes, offset: offset, count: length / 4)
    }

    /// A section of `Double`s.
    func doubles(_ name: String) -> DoubleArray {
        guard let (offset, length) = directory[name] else { return DoubleArray(bytes: storage.bytes, offset: 0, count: 0) }
        return DoubleArray(bytes: storage.bytes, offset: offset, count: length / 8)
    }

    /// A section of bytes.
    func blob(_ name: String) -> UnsafeRawBufferPointer {
        guard let (offset, length) = directory[name] else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(rebasing: storage.bytes[offset..<(offset + length)])
    }
}

/// A bounds-checked view of little-endian `UInt32`s: a read outside gives 0.
struct WordArray: @unchecked Sendable {
    // Sendable: a read-only view of memory the index keeps alive and never writes.
    let bytes: UnsafeRawBufferPointer
    let offset: Int
    let count: Int

    subscript(_ index: Int) -> Int {
        guard index >= 0, index < count else { return 0 }
        return Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + index * 4, as: UInt32.self)))
    }
}

/// A bounds-checked view of little-endian `Double`s: a read outside gives 0.
struct DoubleArray: @unchecked Sendable {
    // Sendable: as WordArray.
    let bytes: UnsafeRawBufferPointer
    let offset: Int
    let count: Int

    subscript(_ index: Int) -> Double {
        guard index >= 0, index < count else { return 0 }
        let value = Double(bitPattern: UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + index * 8, as: UInt64.self)))
        return value.isFinite ? value : 0
    }
}

/// Interns strings for one file: each once, by number.
struct StringTable {
    private(set) var strings: [String] = []
    private var numbers: [String: UInt32] = [:]

    mutating func intern(_ string: String) -> UInt32 {
        if let number = numbers[string] { return number }
        let number = UInt32(strings.count)
        strings.append(string)
        numbers[string] = number
        return number
    }

    /// The offsets and the bytes, as two sections.
    func write(into writer: inout SectionWriter) {
        var blob: [UInt8] = []
        var offsets: [UInt32] = [0]
        for string in strings {
            blob += Array(string.utf8)
            offsets.append(UInt32(blob.count))
        }
        writer.add("stroff", offsets)
        writer.add("strdat", bytes: blob)
    }
}

/// The strings of one file. Sendable because the bytes are never written after the index is
/// opened, and `IndexBytes` keeps them alive as long as the reader.
struct StringsView: @unchecked Sendable {
    let offsets: WordArray
    let data: UnsafeRawBufferPointer

    init(_ reader: SectionReader) {
        offsets = reader.words("stroff")
        data = reader.blob("strdat")
    }

    var count: Int { max(offsets.count - 1, 0) }

    /// The bytes of string `index`, empty when out of range.
    func bytes(_ index: Int) -> UnsafeRawBufferPointer {
        guard index >= 0, index < count else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        let start = offsets[index], end = offsets[index + 1]
        guard start <= end, end <= data.count else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(rebasing: data[start..<end])
    }

    subscript(_ index: Int) -> String { String(decoding: bytes(index), as: UTF8.self) }
}

/// Byte-wise order, the order terms and keys are sorted in.
func compare(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
    let count = min(a.count, b.count)
    for index in 0..<count where a[index] != b[index] {
        return a[index] < b[index] ? -1 : 1
    }
    return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
}

/// Rounding shared by the index builder and the reports: four decimals.
func rounded(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }
