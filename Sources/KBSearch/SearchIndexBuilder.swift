public import KBCore
import RealModule
/// Builds a `SearchIndex` from the knowledge graph: BM25F over five fields of each entry.
public enum SearchIndexBuilder {
    /// A term of one document with its field-weighted frequency.
    struct WeightedTerm: Sendable {
        var term: String
        var frequency: Double
    }

    /// Fields, their weights and length normalisation. A word in a signature or the title says
    /// more about an entry than the same word in the explanation of a fix.
    struct Field {
        var weight: Double
        var lengthNormalisation: Double
    }

    /// What each word after the first adds to a signature's weight.
    static let phraseBonus = 1.0
    /// What finding a specific signature adds whatever its words: their rarity depends on the size
    /// of the knowledge base, but finding a literal error string does not. A generic one (a status
    /// line such as `500 Internal Server Error`, which every web stack prints) gets none, and only
    /// part of its words' evidence.
    static let specificSignatureBonus = 2.0
    /// A generic signature counts for this share of its words' evidence.
    static let genericSignatureFactor = 0.5

    /// Words of HTTP status lines: a signature made only of these (and status codes) is generic.
    static let statusLineWords: Set<String> = [
        "http", "status", "code", "error", "bad", "request", "unauthorized", "payment", "required", "forbidden", "not", "found",
        "method", "allowed", "timeout", "conflict", "gone", "too", "large", "many", "requests", "internal", "server",
        "gateway", "service", "unavailable", "overloaded", "unprocessable", "entity", "content", "payload",
    ]

    static func isGeneric(_ tokens: [String]) -> Bool {
        tokens.allSatisfy { token in statusLineWords.contains(token) || (token.utf8.count == 3 && token.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }) }
    }

    static let fields: [Field] = [
        Field(weight: 3.0, lengthNormalisation: 0.5),  // signatures
        Field(weight: 2.5, lengthNormalisation: 0.6),  // title
        Field(weight: 1.5, lengthNormalisation: 0.5),  // aliases, tags, provider name
        Field(weight: 1.0, lengthNormalisation: 0.75),  // causes
        Field(weight: 0.5, lengthNormalisation: 0.75),  // body: intro, fixes, FAQ, other sections
    ]

    /// - Parameter path: the source path a result shows; the site's index uses paths relative to
    ///   the repository so that it does not depend on where it was built.
    public static func build(_ graph: KnowledgeGraph, fingerprint: String = "", path: @Sendable (Entry) -> String = { $0.source.displayPath }) -> SearchIndex {
        // Each entry's record and tokens are independent of the others: work them out on every core.
        let perEntry = graph.entries.concurrentMap { entry -> (document: SearchIndex.Document, tokens: [[String]]) in
                let provider = graph.provider(entry.provider)
                let document = SearchIndex.Document(
                    id: entry.id.rawValue, title: entry.title, provider: entry.provider.rawValue, category: entry.category.rawValue,
                    http: entry.http.map(\.code), path: path(entry), summary: entry.summary,
                    causes: entry.causes.map { cause in cause.text }, fixes: entry.fixes.map(\.text),
                    faq: entry.faq.map { SearchIndex.FAQ(question: $0.question, answer: $0.answerText) },
                    related: Self.neighbours(of: entry.id, in: graph)
                )
                let body = [entry.introText] + entry.fixes.map(\.text) + entry.faq.flatMap { [$0.question, $0.answerText] }
                    + entry.sections.filter { $0.kind == .other }.map(\.text)
                let tokens = [
                    entry.signatures.flatMap { Tokenizer.tokens($0.text) },
                    Tokenizer.tokens(entry.title),
                    Tokenizer.tokens((entry.aliases + entry.tags.map(\.rawValue) + [provider?.name ?? "", entry.provider.rawValue]).joined(separator: " ")),
                    Tokenizer.tokens(entry.causes.map(\.text).joined(separator: " ")),
                    Tokenizer.tokens(body.joined(separator: " ")),
                ]
                return (document, tokens)
        }
        let documents = perEntry.map(\.document)
        let fieldTokens = perEntry.map(\.tokens)

        let documentCount = max(documents.count, 1)
        var averageLengths = [Double](repeating: 0, count: fields.count)
        for tokens in fieldTokens {
            for field in fields.indices { averageLengths[field] += Double(tokens[field].count) }
        }
        averageLengths = averageLengths.map { max($0 / Double(documentCount), 1) }

        // Each document's weighted term frequencies, on every core; then one merge in document
        // order, so every posting list comes out sorted.
        let averages = averageLengths
        let perDocument = fieldTokens.concurrentMap { tokens -> [WeightedTerm] in
                var counts: [String: SIMD8<UInt32>] = [:]
                for field in fields.indices {
                    for token in tokens[field] where !Stopwords.contains(token) {
                        counts[token, default: SIMD8<UInt32>()][field] &+= 1
                    }
                }
                var weighted: [WeightedTerm] = []
                weighted.reserveCapacity(counts.count)
                for (term, perField) in counts {
                    var frequency = 0.0
                    for field in fields.indices where perField[field] > 0 {
                        let spec = fields[field]
                        let length = Double(tokens[field].count)
                        frequency += spec.weight * Double(perField[field]) / (1 - spec.lengthNormalisation + spec.lengthNormalisation * length / averages[field])
                    }
                    weighted.append(WeightedTerm(term: term, frequency: rounded(frequency)))
                }
                return weighted
        }
        var postings: [String: [(document: Int, frequency: Double)]] = [:]
        for (document, weighted) in perDocument.enumerated() {
            for item in weighted { postings[item.term, default: []].append((document, item.frequency)) }
        }
        let terms = postings.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var starts: [Int] = [0], postingDocuments: [Int] = [], postingFrequencies: [Double] = [], frequencies: [Int] = []
        for term in terms {
            let list = postings[term]!  // appended in document order
            postingDocuments += list.map(\.document)
            postingFrequencies += list.map(\.frequency)
            starts.append(postingDocuments.count)
            frequencies.append(list.count)
        }

        // Signature weights need the document frequencies of their words.
        let frequencyOf = Dictionary(uniqueKeysWithValues: zip(terms, frequencies))
        func idf(_ frequency: Int) -> Double {
            Double.log(onePlus: (Double(documents.count) - Double(frequency) + 0.5) / (Double(frequency) + 0.5))
        }
        var signatures: [SearchIndex.SignatureRecord] = []
        for (document, entry) in graph.entries.enumerated() {
            var seen = Set<[String]>()
            for signature in entry.signatures {
                let tokens = Tokenizer.tokens(signature.text)
                guard !tokens.isEmpty, seen.insert(tokens).inserted else { continue }
                // Rare words say more, and so does length: several words in a row are seldom a
                // coincidence, even when each of them is common.
                let words = tokens.filter { !Stopwords.contains($0) }.count
                let evidence = tokens.reduce(0.0) { sum, token in
                    sum + (Stopwords.contains(token) ? 0.2 : idf(frequencyOf[token] ?? 1))
                } + phraseBonus * Double(max(words - 1, 0))
                // A code value (`overloaded_error`) is matched only as written, so it is as rare as
                // one word found in a single entry, however common its parts are.
                let identifier = Ranker.isIdentifier(signature.text)
                let identifierEvidence = identifier ? idf(1) + phraseBonus * Double(max(words - 1, 0)) : 0
                let weight = !identifier && isGeneric(tokens) ? genericSignatureFactor * evidence : max(evidence, identifierEvidence) + specificSignatureBonus
                signatures.append(SearchIndex.SignatureRecord(document: document, text: signature.text, tokens: tokens, weight: rounded(weight)))
            }
        }
        // Sorted by first word, so a query finds a word's signatures by binary search.
        signatures.sort { a, b in
            if a.tokens[0] != b.tokens[0] { return a.tokens[0].utf8.lexicographicallyPrecedes(b.tokens[0].utf8) }
            return (a.document, a.text) < (b.document, b.text)
        }
        var writer = IndexWriter(terms: terms)
        let bytes = writer.write(
            documents: documents, termCount: terms.count, documentFrequencies: frequencies, postingStarts: starts,
            postingDocuments: postingDocuments, postingFrequencies: postingFrequencies, signatures: signatures,
            hints: hints(graph), fingerprint: fingerprint
        )
        // The writer and reader are one format; a failure here is a bug, not bad content.
        return try! SearchIndex(bytes: bytes)
    }

    /// Related entries both ways, the author's list first.
    static func neighbours(of id: EntryID, in graph: KnowledgeGraph) -> [String] {
        var seen = Set<EntryID>()
        return (graph.related(to: id) + graph.referencedBy(id)).filter { seen.insert($0).inserted }.map(\.rawValue)
    }

    static func hints(_ graph: KnowledgeGraph) -> [SearchIndex.ProviderHint] {
        var hints: [SearchIndex.ProviderHint] = []
        for provider in graph.providers {
            func add(_ kind: SearchIndex.ProviderHint.Kind, _ value: String) {
                let value = value.trimmed
                guard !value.isEmpty else { return }
                hints.append(.init(provider: provider.id.rawValue, providerName: provider.name, kind: kind, value: value))
            }
            for alias in [provider.id.rawValue] + provider.aliases { add(.alias, alias.lowercased()) }
            for host in provider.endpoints.compactMap(\.host) { add(.host, host) }
            for name in provider.env { add(.env, name) }
            for prefix in provider.keyPrefixes { add(.keyPrefix, prefix) }
        }
        return hints
    }
}

enum Stopwords {
    /// Words too common in error text to say anything about which error it is.
    static let words: Set<String> = [
        "a", "an", "the", "to", "of", "in", "on", "at", "by", "for", "from", "with", "and", "or", "is", "are", "was", "be",
        "been", "it", "its", "this", "that", "these", "you", "your", "we", "our", "as", "if", "please", "can", "will", "has",
        "have", "do", "does", "i", "my", "me", "so", "but", "then", "than", "there", "here", "into", "also", "any", "all",
    ]

    static func contains(_ token: String) -> Bool { words.contains(token) }
}
