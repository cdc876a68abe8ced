/// Everything search needs, precomputed from the graph so a query does arithmetic only: entries
/// as documents, their providers and the names, hosts, ports and key formats that point at
/// them, signatures by the words they start with, words with their postings, the ranking tables
/// and the fitted parameters. One byte buffer in `IndexFormat`'s layout, whether just built or
/// mapped from a file, so `kb search` reads it without parsing.
public struct SearchIndex: Sendable {
    /// The version of the layout this kb reads and writes.
    public static let formatVersion = Int(IndexFormat.version)

    /// What a result shows, without the Markdown.
    public struct Document: Sendable, Equatable {
        /// The entry id (`openai/rate-limit`).
        public var id: String
        /// The entry's title.
        public var title: String
        /// The provider id.
        public var provider: String
        /// The category id.
        public var category: String
        /// The statuses the error comes with.
        public var http: [Int]
        /// The entry's file, as the index was told to show it.
        public var path: String
        /// One or two sentences.
        public var summary: String
        /// The causes, as text.
        public var causes: [String]
        /// The fix steps, as text.
        public var fixes: [String]
        /// The FAQ.
        public var faq: [FAQ] = []
        /// Related entries, both ways, the author's list first.
        public var related: [String] = []
        /// The public pages the entry was checked against (front-matter `sources`).
        public var sources: [String] = []
        /// The day it was last checked against them (`verified`, `YYYY-MM-DD`).
        public var verified: String? = nil
    }

    /// One FAQ question and its answer.
    public struct FAQ: Sendable, Equatable {
        /// The question.
        public var question: String
        /// The answer as text.
        public var answer: String
    }

    /// A provider as search sees it.
    public struct ProviderInfo: Sendable, Equatable {
        /// The provider id.
        public var id: String
        /// Its name.
        public var name: String
        /// `api`, `gateway` or `local`: a gateway or local server answers at any address.
        public var kind: String = "api"
        /// Its public status page, where it has one ("is it them or you?").
        public var status: String? = nil
    }

    /// What in a paste points at a provider.
    public struct ProviderHint: Sendable, Equatable {
        /// How the hint names the provider, strongest first.
        public enum Kind: Int, Sendable, CaseIterable {
            /// An endpoint host (`api.moonshot.ai`).
            case host = 0
            /// An environment variable (`MOONSHOT_API_KEY`).
            case env = 1
            /// The start of its keys (`sk-ant-`), named, never shown.
            case keyPrefix = 2
            /// The port of a local server (`11434`).
            case port = 3
            /// A name (`kimi`, `claude`), also as a class-name part (`AnthropicException`).
            case alias = 4

            /// Whether the hint all but proves the provider.
            public var isStrong: Bool { self != .alias }

            /// Its name in the browser's core, which numbers kinds as `rawValue` does.
            public var name: String {
                switch self {
                case .host: "host"
                case .env: "env"
                case .keyPrefix: "keyPrefix"
                case .port: "port"
                case .alias: "alias"
                }
            }
        }

        /// The provider, by its position in `providers`.
        public var provider: Int
        /// How it names it.
        public var kind: Kind
        /// The host, variable, prefix, port or name.
        public var value: String
    }

    /// A signature as search uses it.
    public struct SignatureRecord: Sendable, Equatable {
        /// The document it belongs to.
        public var document: Int
        /// The text as the author wrote it.
        public var text: String
        /// Its match tokens.
        public var tokens: [String]
        /// How much finding it says, 0 to 1: the rarity of its words and its length.
        public var specificity: Double
        /// How many documents claim the same tokens (1: this one only).
        public var claimants: Int
        /// Whether it is one identifier (`insufficient_quota`), matched only as written.
        public var isIdentifier: Bool
        /// Whether it is only the words of an HTTP status line (`Internal Server Error`), which
        /// any server prints: never a unique match.
        public var isGeneric: Bool = false
    }

    /// Why bytes are not an index this kb can read.
    public enum OpenError: Error, Equatable, CustomStringConvertible {
        /// Not a kb index at all.
        case notAnIndex
        /// An index of another format version.
        case otherVersion(Int)
        /// A kb index whose parts do not add up.
        case corrupt(String)

        public var description: String {
            switch self {
            case .notAnIndex: return "not a kb search index"
            case .otherVersion(let version): return "index format \(version), this kb reads format \(SearchIndex.formatVersion)"
            case .corrupt(let detail): return "corrupt index: \(detail)"
            }
        }
    }

    let reader: SectionReader
    let strings: StringsView
    private let meta: WordArray
    private let documentWords: WordArray
    /// Per document: its sources (start and count in the pool) and its verified day's string.
    private let documentFacts: WordArray
    /// What a word holds where a string is absent.
    static let none = Int(UInt32.max)
    private let pool: WordArray
    private let termDF: WordArray
    private let termIDF: DoubleArray
    private let postingStarts: WordArray
    private let postingDocs: WordArray
    private let postingFrequencies: DoubleArray
    private let keyWords: WordArray
    private let keySignatures: WordArray
    private let signatureWords: WordArray
    private let signatureSpecificity: DoubleArray
    private let providerDocs: WordArray

    /// How many documents (entries) the index holds.
    public let documentCount: Int
    /// How many distinct words.
    public let termCount: Int
    /// How many signatures.
    public let signatureCount: Int
    /// The providers, in id order.
    public private(set) var providers: [ProviderInfo] = []
    /// Every hint, decoded once: every query consults all of them.
    public private(set) var hints: [ProviderHint] = []
    /// The ranking tables the index was built with.
    public private(set) var tables: RankingTables = .empty
    /// The ranking parameters the index was built with.
    public private(set) var parameters = RankingParameters.fitted

    static let documentFields = 16
    static let signatureFields = 6
    static let keyFields = 4

    /// Reads an index from its bytes; throws when they are not an index of this format.
    public init(storage: IndexBytes) throws {
        reader = try SectionReader(storage)
        strings = StringsView(reader)
        meta = reader.words("meta")
        guard meta.count >= 6 else { throw OpenError.corrupt("no meta section") }
        documentCount = meta[0]
        termCount = meta[1]
        signatureCount = meta[2]
        documentWords = reader.words("docs")
        documentFacts = reader.words("docfacts")
        pool = reader.words("pool")
        termDF = reader.words("termdf")
        termIDF = reader.doubles("termidf")
        postingStarts = reader.words("pstart")
        postingDocs = reader.words("pdoc")
        postingFrequencies = reader.doubles("ptf")
        keyWords = reader.words("sigkeys")
        keySignatures = reader.words("keysigs")
        signatureWords = reader.words("sigs")
        signatureSpecificity = reader.doubles("sigspec")
        providerDocs = reader.words("provdocs")
        guard documentWords.count >= documentCount * Self.documentFields, termCount <= strings.count,
              termDF.count >= termCount, postingStarts.count >= termCount + 1,
              signatureWords.count >= signatureCount * Self.signatureFields else { throw OpenError.corrupt("counts disagree") }
        let providerWords = reader.words("prov")
        let kinds = reader.words("provkind"), statuses = reader.words("provstat")
        providers = stride(from: 0, to: providerWords.count - 1, by: 2).map {
            let status = $0 / 2 < statuses.count && statuses[$0 / 2] != Self.none ? strings[statuses[$0 / 2]] : ""
            return ProviderInfo(id: strings[providerWords[$0]], name: strings[providerWords[$0 + 1]], kind: $0 / 2 < kinds.count ? strings[kinds[$0 / 2]] : "api",
                                status: status.isEmpty ? nil : status)
        }
        let hintWords = reader.words("hints")
        hints = stride(from: 0, to: hintWords.count - 2, by: 3).compactMap { base in
            // kb never writes an empty hint or an unknown kind; a damaged file's would hint every paste.
            guard let kind = ProviderHint.Kind(rawValue: hintWords[base + 1]), hintWords[base] < providers.count else { return nil }
            let value = strings[hintWords[base + 2]]
            return value.isEmpty ? nil : ProviderHint(provider: hintWords[base], kind: kind, value: value)
        }
        // Provider by provider, as the builder writes them (a damaged file's are put so too,
        // keeping each provider's order): the browser's core groups them by provider.
        if !zip(hints, hints.dropFirst()).allSatisfy({ $0.provider <= $1.provider }) {
            hints = hints.enumerated().sorted { ($0.element.provider, $0.offset) < ($1.element.provider, $1.offset) }.map(\.element)
        }
        tables = readTables()
        parameters = readParameters()
    }

    /// An index from bytes in memory (just built, or downloaded by `kb update`).
    public init(bytes: [UInt8]) throws {
        try self.init(storage: IndexBytes(copying: bytes))
    }

    /// The index as bytes, to write to a file.
    public var bytes: [UInt8] { Array(reader.storage.bytes) }

    /// The fingerprint the builder was given (what content and program made the index).
    public var fingerprint: String { strings[meta[3]] }

    private func list(_ start: Int, _ count: Int) -> [Int] {
        guard start >= 0, count >= 0, start + count <= pool.count else { return [] }
        return (start..<(start + count)).map { pool[$0] }
    }

    private func stringList(_ name: String) -> [String] {
        let words = reader.words(name)
        return (0..<words.count).map { strings[words[$0]] }
    }

    private func readTables() -> RankingTables {
        let cueWords = stringList("cuew"), cueCategories = stringList("cuec")
        return RankingTables(
            stopwords: Set(stringList("stop")), keyPrefixes: stringList("keypfx"), credentialLabels: stringList("labels"),
            statusLeadWords: Set(stringList("lead")), reasonWords: Set(stringList("reason")),
            categoryCues: zip(cueWords, cueCategories).map { ($0, $1) },
            localHosts: Set(stringList("localhst")), genericExceptionPrefixes: Set(stringList("excgen")),
            apiPathWords: stringList("apipath"), sourceExtensions: Set(stringList("srcext"))
        )
    }

    private func readParameters() -> RankingParameters {
        var parameters = RankingParameters.fitted
        let names = stringList("parname"), values = reader.doubles("parval")
        var table: [String: Double] = [:]
        for (position, name) in names.enumerated() where position < values.count { table[name] = values[position] }
        parameters.read(table)
        return parameters
    }

    // MARK: Documents

    /// What a result shows of document `index`.
    public func document(_ index: Int) -> Document {
        let base = index * Self.documentFields
        func field(_ offset: Int) -> Int { documentWords[base + offset] }
        // Sources and verified days sit in their own section ("docfacts", three words a document).
        func fact(_ offset: Int) -> Int { documentFacts.count >= (index + 1) * 3 ? documentFacts[index * 3 + offset] : (offset == 2 ? Self.none : 0) }
        let faqStrings = list(field(12), field(13))
        return Document(
            id: strings[field(0)], title: strings[field(1)], provider: providers.indices.contains(field(2)) ? providers[field(2)].id : "",
            category: strings[field(3)], http: list(field(6), field(7)), path: strings[field(4)], summary: strings[field(5)],
            causes: list(field(8), field(9)).map { strings[$0] }, fixes: list(field(10), field(11)).map { strings[$0] },
            faq: stride(from: 0, to: faqStrings.count - 1, by: 2).map { FAQ(question: strings[faqStrings[$0]], answer: strings[faqStrings[$0 + 1]]) },
            related: list(field(14), field(15)).map { strings[$0] },
            sources: list(fact(0), fact(1)).map { strings[$0] },
            verified: fact(2) == Self.none ? nil : strings[fact(2)]
        )
    }

    /// The provider with this id.
    public func provider(id: String) -> ProviderInfo? { providers.first { $0.id == id } }

    /// Document `index`'s id.
    public func documentID(_ index: Int) -> String { strings[documentWords[index * Self.documentFields]] }
    /// Document `index`'s provider, by position in `providers`.
    func documentProvider(_ index: Int) -> Int { documentWords[index * Self.documentFields + 2] }
    /// Document `index`'s category.
    func documentCategory(_ index: Int) -> String { strings[documentWords[index * Self.documentFields + 3]] }
    /// Document `index`'s statuses, without building a Document.
    func documentHTTP(_ index: Int) -> [Int] {
        let base = index * Self.documentFields
        return list(documentWords[base + 6], documentWords[base + 7])
    }

    /// The document with this id, by a linear scan (for `kb show`, not for ranking).
    public func documentIndex(id: String) -> Int? {
        (0..<documentCount).first { documentID($0) == id }
    }

    /// The documents of a provider, in id order.
    func documents(ofProvider provider: Int) -> [Int] {
        guard provider >= 0, provider * 2 + 1 < providerDocs.count else { return [] }
        return list(providerDocs[provider * 2], providerDocs[provider * 2 + 1]).filter { $0 < documentCount }
    }

    /// The position of a provider id in `providers`.
    public func providerIndex(_ id: String) -> Int? { providers.firstIndex { $0.id == id } }

    // MARK: Words

    /// The position of a word, by binary search (the first `termCount` strings are the words,
    /// sorted by bytes).
    public func termIndex(_ term: String) -> Int? {
        var term = term
        return term.withUTF8 { needle in
            var low = 0, high = termCount - 1
            while low <= high {
                let middle = (low + high) / 2
                let order = compare(strings.bytes(middle), UnsafeRawBufferPointer(needle))
                if order == 0 { return middle }
                if order < 0 { low = middle + 1 } else { high = middle - 1 }
            }
            return nil
        }
    }

    /// Word `index` as text.
    public func term(_ index: Int) -> String { strings[index] }
    /// How many documents contain word `index`.
    public func documentFrequency(_ term: Int) -> Int { termDF[term] }
    /// Word `index`'s inverse document frequency, computed when the index was built.
    func idf(_ term: Int) -> Double { termIDF[term] }

    /// The postings of a word: empty for words too common to have them, or when the file's
    /// numbers do not add up.
    func postings(_ term: Int) -> Range<Int> {
        let start = postingStarts[term], end = postingStarts[term + 1]
        guard start <= end, end <= postingDocs.count else { return 0..<0 }
        return start..<end
    }

    func postingDocument(_ posting: Int) -> Int { postingDocs[posting] }
    func postingFrequency(_ posting: Int) -> Double { postingFrequencies[posting] }

    // MARK: Signatures

    /// Signature `index`.
    public func signature(_ index: Int) -> SignatureRecord {
        let base = index * Self.signatureFields
        return SignatureRecord(
            document: signatureWords[base], text: strings[signatureWords[base + 1]],
            tokens: list(signatureWords[base + 2], signatureWords[base + 3]).map { strings[$0] },
            specificity: signatureSpecificity[index], claimants: max(signatureWords[base + 4], 1),
            isIdentifier: signatureWords[base + 5] & 1 != 0, isGeneric: signatureWords[base + 5] & 2 != 0
        )
    }

    /// The signatures looked up by a key (`SearchIndexBuilder.keys`): one of their two rarest
    /// tokens. Keys are sorted by bytes, so this is a binary search. Each with its position,
    /// which identifies it.
    public func signatures(key: String) -> [(position: Int, record: SignatureRecord)] {
        let keyCount = keyWords.count / Self.keyFields
        var key = key
        let found: Int? = key.withUTF8 { needle in
            var low = 0, high = keyCount - 1
            while low <= high {
                let middle = (low + high) / 2
                let order = compare(strings.bytes(keyWords[middle * Self.keyFields]), UnsafeRawBufferPointer(needle))
                if order == 0 { return middle }
                if order < 0 { low = middle + 1 } else { high = middle - 1 }
            }
            return nil
        }
        guard let found else { return [] }
        let start = keyWords[found * Self.keyFields + 1], count = keyWords[found * Self.keyFields + 2]
        guard start >= 0, count >= 0, start + count <= keySignatures.count else { return [] }
        return (start..<(start + count)).compactMap { slot in
            let position = keySignatures[slot]
            guard position < signatureCount else { return nil }
            let record = signature(position)
            return record.document < documentCount && !record.tokens.isEmpty ? (position, record) : nil
        }
    }

    /// How many signature keys the index has.
    var signatureKeyCount: Int { keyWords.count / Self.keyFields }
    /// Signature key `index`, in byte order.
    func signatureKey(_ index: Int) -> String { strings[keyWords[index * Self.keyFields]] }
    /// How many documents have key `index`'s token.
    func signatureKeyFrequency(_ index: Int) -> Int { keyWords[index * Self.keyFields + 3] }

    /// The signatures of one document, sorted (the index keeps them by key, not by entry).
    public func signatures(ofDocument document: Int) -> [String] {
        (0..<signatureCount).compactMap { index in
            signatureWords[index * Self.signatureFields] == document ? strings[signatureWords[index * Self.signatureFields + 1]] : nil
        }.sorted()
    }
}

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
