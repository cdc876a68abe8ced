import KBCore

/// The binary layout of a search index, shared by the writer and the reader.
///
/// Everything is little-endian `UInt32` except posting frequencies and signature weights
/// (`Double` bit patterns). Strings live in one table; the first `termCount` strings are the
/// terms in byte order, so a term is found by binary search without decoding anything. The file
/// is mapped, not parsed: a query touches only the pages it needs, which keeps a cold
/// `kb search` fast at 100,000 entries.
enum IndexFormat {
    static let magic: [UInt8] = Array("KBIX".utf8)
    static let version: UInt32 = UInt32(SearchIndex.formatVersion)

    /// Header fields, in order, each a UInt32 after the 4-byte magic.
    enum Header: Int, CaseIterable {
        case version, totalLength, documentCount, termCount, postingCount, signatureCount, hintCount, stringCount, poolCount
        case fingerprint  // string index
        case stringOffsets, stringBlob, documents, termFrequencies, postingStarts, postingDocuments, postingFrequencies
        case signatures, signatureWeights, hints, pool
        static let size = 4 + allCases.count * 4
    }

    /// id title provider category path summary, then (start, count) pool lists: http, causes,
    /// fixes, faq (question and answer alternating), related ids.
    static let documentFields = 16
    static let signatureFields = 4  // document text tokenStart tokenCount
    static let hintFields = 4  // provider providerName kind value
    static let hintKinds: [SearchIndex.ProviderHint.Kind] = [.alias, .host, .env, .keyPrefix]
}

/// Serialises the parts of an index into the binary layout.
struct IndexWriter {
    private var strings: [String] = []
    private var stringIDs: [String: UInt32] = [:]
    private var pool: [UInt32] = []

    init(terms: [String]) {
        for term in terms { _ = intern(term) }
    }

    mutating func intern(_ string: String) -> UInt32 {
        if let id = stringIDs[string] { return id }
        let id = UInt32(strings.count)
        strings.append(string)
        stringIDs[string] = id
        return id
    }

    mutating func list(_ values: [UInt32]) -> (UInt32, UInt32) {
        let start = UInt32(pool.count)
        pool += values
        return (start, UInt32(values.count))
    }

    mutating func write(
        documents: [SearchIndex.Document], termCount: Int, documentFrequencies: [Int], postingStarts: [Int],
        postingDocuments: [Int], postingFrequencies: [Double], signatures: [SearchIndex.SignatureRecord],
        hints: [SearchIndex.ProviderHint], fingerprint: String
    ) -> [UInt8] {
        var documentWords: [UInt32] = []
        for document in documents {
            let http = list(document.http.map { UInt32($0) })
            let causes = list(document.causes.map { intern($0) })
            let fixes = list(document.fixes.map { intern($0) })
            let faq = list(document.faq.flatMap { [intern($0.question), intern($0.answer)] })
            let related = list(document.related.map { intern($0) })
            documentWords += [intern(document.id), intern(document.title), intern(document.provider), intern(document.category),
                              intern(document.path), intern(document.summary), http.0, http.1, causes.0, causes.1, fixes.0, fixes.1,
                              faq.0, faq.1, related.0, related.1]
        }
        var signatureWords: [UInt32] = []
        for signature in signatures {
            let tokens = list(signature.tokens.map { intern($0) })
            signatureWords += [UInt32(signature.document), intern(signature.text), tokens.0, tokens.1]
        }
        var hintWords: [UInt32] = []
        for hint in hints {
            let kind = UInt32(IndexFormat.hintKinds.firstIndex(of: hint.kind) ?? 0)
            hintWords += [intern(hint.provider), intern(hint.providerName), kind, intern(hint.value)]
        }
        let fingerprintID = intern(fingerprint)

        var blob: [UInt8] = []
        var offsets: [UInt32] = [0]
        for string in strings {
            blob += Array(string.utf8)
            offsets.append(UInt32(blob.count))
        }

        var header = [UInt32](repeating: 0, count: IndexFormat.Header.allCases.count)
        var body: [UInt8] = []
        func section(_ field: IndexFormat.Header, _ bytes: [UInt8]) {
            header[field.rawValue] = UInt32(IndexFormat.Header.size + body.count)
            body += bytes
            while body.count % 8 != 0 { body.append(0) }  // keep Double arrays aligned
        }
        section(.stringOffsets, littleEndian(offsets))
        section(.stringBlob, blob)
        section(.documents, littleEndian(documentWords))
        section(.termFrequencies, littleEndian(documentFrequencies.map { UInt32($0) }))
        section(.postingStarts, littleEndian(postingStarts.map { UInt32($0) }))
        section(.postingDocuments, littleEndian(postingDocuments.map { UInt32($0) }))
        section(.postingFrequencies, littleEndian(postingFrequencies.map(\.bitPattern)))
        section(.signatures, littleEndian(signatureWords))
        section(.signatureWeights, littleEndian(signatures.map(\.weight.bitPattern)))
        section(.hints, littleEndian(hintWords))
        section(.pool, littleEndian(pool))
        header[IndexFormat.Header.version.rawValue] = IndexFormat.version
        header[IndexFormat.Header.totalLength.rawValue] = UInt32(IndexFormat.Header.size + body.count)
        header[IndexFormat.Header.documentCount.rawValue] = UInt32(documents.count)
        header[IndexFormat.Header.termCount.rawValue] = UInt32(termCount)
        header[IndexFormat.Header.postingCount.rawValue] = UInt32(postingDocuments.count)
        header[IndexFormat.Header.signatureCount.rawValue] = UInt32(signatures.count)
        header[IndexFormat.Header.hintCount.rawValue] = UInt32(hints.count)
        header[IndexFormat.Header.stringCount.rawValue] = UInt32(strings.count)
        header[IndexFormat.Header.poolCount.rawValue] = UInt32(pool.count)
        header[IndexFormat.Header.fingerprint.rawValue] = fingerprintID
        return IndexFormat.magic + littleEndian(header) + body
    }

    private func littleEndian(_ values: [UInt32]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(values.count * 4)
        for value in values { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
        return bytes
    }

    private func littleEndian(_ values: [UInt64]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(values.count * 8)
        for value in values { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
        return bytes
    }
}
