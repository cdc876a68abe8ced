import RealModule
/// Everything search needs, precomputed from the graph so a query does arithmetic only. It is
/// one byte buffer in the layout of `IndexFormat`, whether just built or mapped from a file, so
/// `kb search` reads it without parsing, and every read is bounds-checked: a corrupt or
/// truncated file gives an error or empty values, never a crash.
public struct SearchIndex: Sendable {
    public static let formatVersion = 1

    /// What a result shows, without the Markdown.
    public struct Document: Sendable, Equatable {
        public var id: String
        public var title: String
        public var provider: String
        public var category: String
        public var http: [Int]
        public var path: String
        public var summary: String
        public var causes: [String]
        public var fixes: [String]
        public var faq: [FAQ] = []
        public var related: [String] = []
    }

    public struct FAQ: Sendable, Equatable {
        public var question: String
        public var answer: String
    }

    public struct SignatureRecord: Sendable, Equatable {
        public var document: Int
        public var text: String
        public var tokens: [String]
        /// How much finding this signature says: the summed rarity of its words.
        public var weight: Double
    }

    public struct ProviderHint: Sendable, Equatable {
        public enum Kind: String, Sendable {
            case alias, host, env, keyPrefix = "key-prefix"
        }
        public var provider: String
        public var providerName: String
        public var kind: Kind
        public var value: String
    }

    public enum OpenError: Error, Equatable, CustomStringConvertible {
        case notAnIndex
        case otherVersion(Int)
        case corrupt(String)

        public var description: String {
            switch self {
            case .notAnIndex: return "not a kb search index"
            case .otherVersion(let version): return "index format \(version), this kb reads format \(SearchIndex.formatVersion)"
            case .corrupt(let detail): return "corrupt index: \(detail)"
            }
        }
    }

    let storage: IndexBytes
    private let header: [UInt32]

    public let documentCount: Int
    public let termCount: Int
    public let signatureCount: Int
    let postingCount: Int
    let stringCount: Int
    let poolCount: Int
    let hintCount: Int
    private let blobSize: Int
    /// Provider hints, decoded once: every query consults all of them.
    public private(set) var hints: [ProviderHint] = []
    /// Provider id to its string-table number, for comparing documents' providers cheaply.
    private(set) var providerKeys: [String: Int] = [:]

    /// Reads an index from its bytes; throws when they are not an index of this format.
    public init(storage: IndexBytes) throws {
        self.storage = storage
        let bytes = storage.bytes
        guard bytes.count >= IndexFormat.Header.size, Array(bytes.prefix(4)) == IndexFormat.magic else { throw OpenError.notAnIndex }
        var header: [UInt32] = []
        for field in IndexFormat.Header.allCases {
            header.append(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 4 + field.rawValue * 4, as: UInt32.self)))
        }
        self.header = header
        func value(_ field: IndexFormat.Header) -> Int { Int(header[field.rawValue]) }
        guard value(.version) == SearchIndex.formatVersion else { throw OpenError.otherVersion(value(.version)) }
        guard value(.totalLength) == bytes.count else { throw OpenError.corrupt("length \(bytes.count), header says \(value(.totalLength))") }
        documentCount = value(.documentCount)
        termCount = value(.termCount)
        postingCount = value(.postingCount)
        signatureCount = value(.signatureCount)
        hintCount = value(.hintCount)
        stringCount = value(.stringCount)
        poolCount = value(.poolCount)
        let sizes: [(IndexFormat.Header, Int)] = [
            (.stringOffsets, (stringCount + 1) * 4), (.documents, documentCount * IndexFormat.documentFields * 4),
            (.termFrequencies, termCount * 4), (.postingStarts, (termCount + 1) * 4), (.postingDocuments, postingCount * 4),
            (.postingFrequencies, postingCount * 8), (.signatures, signatureCount * IndexFormat.signatureFields * 4),
            (.signatureWeights, signatureCount * 8), (.hints, hintCount * IndexFormat.hintFields * 4), (.pool, poolCount * 4),
        ]
        for (field, size) in sizes where value(field) < IndexFormat.Header.size || value(field) + size > bytes.count {
            throw OpenError.corrupt("section \(field) out of bounds")
        }
        guard termCount <= stringCount, value(.fingerprint) < stringCount else { throw OpenError.corrupt("counts disagree") }
        let offsetsStart = Int(header[IndexFormat.Header.stringOffsets.rawValue])
        blobSize = Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offsetsStart + stringCount * 4, as: UInt32.self)))
        guard value(.stringBlob) + blobSize <= bytes.count else { throw OpenError.corrupt("string table out of bounds") }
        (hints, providerKeys) = decodeHints()
    }

    /// An index from bytes in memory (just built, or read by `kb update`).
    public init(bytes: [UInt8]) throws {
        try self.init(storage: IndexBytes(copying: bytes))
    }

    /// The index as bytes, to write to a file.
    public var bytes: [UInt8] { Array(storage.bytes) }

    // MARK: Reading

    private func word(_ field: IndexFormat.Header, _ index: Int) -> Int {
        Int(UInt32(littleEndian: storage.bytes.loadUnaligned(fromByteOffset: Int(header[field.rawValue]) + index * 4, as: UInt32.self)))
    }

    private func double(_ field: IndexFormat.Header, _ index: Int) -> Double {
        Double(bitPattern: UInt64(littleEndian: storage.bytes.loadUnaligned(fromByteOffset: Int(header[field.rawValue]) + index * 8, as: UInt64.self)))
    }

    /// The bytes of string `index`, empty when the index or its offsets are out of range.
    func stringBytes(_ index: Int) -> UnsafeRawBufferPointer {
        guard index >= 0, index < stringCount else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        let start = word(.stringOffsets, index), end = word(.stringOffsets, index + 1)
        guard start <= end, end <= blobSize else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        let base = Int(header[IndexFormat.Header.stringBlob.rawValue])
        return UnsafeRawBufferPointer(rebasing: storage.bytes[(base + start)..<(base + end)])
    }

    func string(_ index: Int) -> String { String(decoding: stringBytes(index), as: UTF8.self) }

    private func list(_ start: Int, _ count: Int) -> [Int] {
        guard start >= 0, count >= 0, start + count <= poolCount else { return [] }
        return (start..<(start + count)).map { word(.pool, $0) }
    }

    public var fingerprint: String { string(Int(header[IndexFormat.Header.fingerprint.rawValue])) }

    public func document(_ index: Int) -> Document {
        let base = index * IndexFormat.documentFields
        func field(_ offset: Int) -> Int { word(.documents, base + offset) }
        let faqStrings = list(field(12), field(13))
        return Document(
            id: string(field(0)), title: string(field(1)), provider: string(field(2)), category: string(field(3)),
            http: list(field(6), field(7)), path: string(field(4)), summary: string(field(5)),
            causes: list(field(8), field(9)).map(string), fixes: list(field(10), field(11)).map(string),
            faq: stride(from: 0, to: faqStrings.count - 1, by: 2).map { FAQ(question: string(faqStrings[$0]), answer: string(faqStrings[$0 + 1])) },
            related: list(field(14), field(15)).map(string)
        )
    }

    /// The provider of document `index` as its string-table number: ranking compares numbers,
    /// not strings, for every document a common word touches.
    func documentProviderKey(_ index: Int) -> Int { word(.documents, index * IndexFormat.documentFields + 2) }
    func documentID(_ index: Int) -> String { string(word(.documents, index * IndexFormat.documentFields)) }

    /// Whether document `index` comes with one of these statuses, without allocating.
    func documentHasStatus(_ index: Int, in statuses: [Int]) -> Bool {
        let base = index * IndexFormat.documentFields
        let start = word(.documents, base + 6), count = word(.documents, base + 7)
        guard start + count <= poolCount else { return false }
        for position in start..<(start + count) where statuses.contains(word(.pool, position)) { return true }
        return false
    }

    public func term(_ index: Int) -> String { string(index) }

    public func termIndex(_ term: String) -> Int? {
        var term = term
        return term.withUTF8 { needle in
            var low = 0, high = termCount - 1
            while low <= high {
                let middle = (low + high) / 2
                let order = compare(stringBytes(middle), UnsafeRawBufferPointer(needle))
                if order == 0 { return middle }
                if order < 0 { low = middle + 1 } else { high = middle - 1 }
            }
            return nil
        }
    }

    public func documentFrequency(_ term: Int) -> Int { word(.termFrequencies, term) }

    /// The postings of a term; empty when the file's numbers do not add up.
    func postings(_ term: Int) -> Range<Int> {
        let start = word(.postingStarts, term), end = word(.postingStarts, term + 1)
        guard start <= end, end <= postingCount else { return 0..<0 }
        return start..<end
    }

    func postingDocument(_ posting: Int) -> Int { word(.postingDocuments, posting) }
    func postingFrequency(_ posting: Int) -> Double { double(.postingFrequencies, posting) }

    public func signature(_ index: Int) -> SignatureRecord {
        let base = index * IndexFormat.signatureFields
        return SignatureRecord(
            document: word(.signatures, base), text: string(word(.signatures, base + 1)),
            tokens: list(word(.signatures, base + 2), word(.signatures, base + 3)).map(string),
            weight: double(.signatureWeights, index)
        )
    }

    private func signatureFirstToken(_ index: Int) -> UnsafeRawBufferPointer {
        let base = index * IndexFormat.signatureFields
        let tokens = list(word(.signatures, base + 2), min(word(.signatures, base + 3), 1))
        return tokens.first.map(stringBytes) ?? UnsafeRawBufferPointer(start: nil, count: 0)
    }

    /// The signatures of one document, sorted (the index keeps them by first word, not by entry).
    public func signatures(ofDocument document: Int) -> [String] {
        (0..<signatureCount).compactMap { index in
            word(.signatures, index * IndexFormat.signatureFields) == document ? string(word(.signatures, index * IndexFormat.signatureFields + 1)) : nil
        }.sorted()
    }

    /// The document with this id, by a linear scan (for `kb show`, not for ranking).
    public func documentIndex(id: String) -> Int? {
        (0..<documentCount).first { documentID($0) == id }
    }

    /// The signatures whose first word is `token` (they are sorted by first word).
    public func signatures(startingWith token: String) -> [SignatureRecord] {
        var token = token
        return token.withUTF8 { raw in
            let needle = UnsafeRawBufferPointer(raw)
            var low = 0, high = signatureCount
            while low < high {
                let middle = (low + high) / 2
                if compare(signatureFirstToken(middle), needle) < 0 { low = middle + 1 } else { high = middle }
            }
            var found: [SignatureRecord] = []
            var index = low
            while index < signatureCount && compare(signatureFirstToken(index), needle) == 0 {
                let record = signature(index)
                if record.document < documentCount && !record.tokens.isEmpty { found.append(record) }
                index += 1
            }
            return found
        }
    }

    private func decodeHints() -> (hints: [ProviderHint], providerKeys: [String: Int]) {
        var hints: [ProviderHint] = []
        var keys: [String: Int] = [:]
        for index in 0..<hintCount {
            let base = index * IndexFormat.hintFields
            let kind = word(.hints, base + 2)
            let providerKey = word(.hints, base)
            let hint = ProviderHint(
                provider: string(providerKey), providerName: string(word(.hints, base + 1)),
                kind: kind < IndexFormat.hintKinds.count ? IndexFormat.hintKinds[kind] : .alias, value: string(word(.hints, base + 3))
            )
            keys[hint.provider] = providerKey
            // kb never writes an empty hint; a damaged file's would hint every paste.
            if !hint.value.isEmpty { hints.append(hint) }
        }
        return (hints, keys)
    }

    /// Inverse document frequency, BM25's probabilistic form kept positive.
    public func idf(_ documentFrequency: Int) -> Double {
        let n = Double(documentCount), df = Double(documentFrequency)
        return Double.log(onePlus: (n - df + 0.5) / (df + 0.5))
    }
}

/// Byte-wise order, the order terms are sorted in.
func compare(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
    let count = min(a.count, b.count)
    for index in 0..<count where a[index] != b[index] {
        return a[index] < b[index] ? -1 : 1
    }
    return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
}

/// Rounding shared by the index builder and the JSON writer: four decimals.
func rounded(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }

/// The memory behind an index: a private copy, or memory someone else owns (a read-only
/// mapping of a file, made by the caller: this module does no file input or output).
public final class IndexBytes: @unchecked Sendable {
    // Sendable because the bytes are never written after init, and `release` runs once, in deinit.
    let bytes: UnsafeRawBufferPointer
    private let release: @Sendable () -> Void

    /// A private copy of `source`.
    public init(copying source: [UInt8]) {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(source.count, 1), alignment: 8)
        source.withUnsafeBytes { buffer.copyMemory(from: $0) }
        bytes = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(buffer)[0..<source.count])
        // The address as an integer, so the closure is Sendable; only deinit calls it.
        let address = UInt(bitPattern: buffer.baseAddress)
        release = { UnsafeMutableRawPointer(bitPattern: address)?.deallocate() }
    }

    /// Memory that stays valid and unchanged until `release` is called, which happens when the
    /// last index using it goes away.
    public init(unsafeBytes: UnsafeRawBufferPointer, release: @escaping @Sendable () -> Void) {
        bytes = unsafeBytes
        self.release = release
    }

    deinit { release() }
}
