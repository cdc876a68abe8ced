public import KBCore
import RealModule

/// Builds a `SearchIndex` from the knowledge graph: the documents, BM25F weights over five
/// fields, every signature with how specific it is in this knowledge base, the provider hints,
/// and the ranking tables and parameters, all computed here so a query does arithmetic only
/// (and the browser's port needs no logarithm of its own).
public enum SearchIndexBuilder {
    /// Fields, their weights and length normalisation. A word in a signature or the title says
    /// more about an entry than the same word in the explanation of a fix.
    struct Field {
        var weight: Double
        var lengthNormalisation: Double
    }

    static let fields: [Field] = [
        Field(weight: 3.0, lengthNormalisation: 0.5),  // signatures
        Field(weight: 2.5, lengthNormalisation: 0.6),  // title
        Field(weight: 1.5, lengthNormalisation: 0.5),  // aliases, tags, provider name
        Field(weight: 1.0, lengthNormalisation: 0.75),  // causes
        Field(weight: 0.5, lengthNormalisation: 0.75),  // body: intro, fixes, FAQ, other sections
    ]

    /// Words found in more documents than this keep their count but no postings: they say
    /// almost nothing (their idf is near zero), and their lists would be most of a large index
    /// and of what the browser fetches.
    public static let postingLimit = 256

    /// What each word after the first adds to a signature's evidence.
    static let phraseBonus = 1.0
    /// Evidence at which a signature counts as fully specific.
    static let fullSpecificity = 12.0
    /// A generic signature (only status-line words) counts for this share of its evidence.
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

    /// A signature that is a single identifier joined by underscores, like an error code.
    static func isIdentifier(_ text: String) -> Bool {
        text.utf8.contains(UInt8(ascii: "_")) && !text.utf8.contains { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A }
    }

    /// The keys a signature is looked up by: its two rarest distinct tokens in this knowledge
    /// base, ties by byte order, of those found in few enough documents to have postings. A
    /// paste that has the signature has its rarest token, and one that has it with a token
    /// changed (another number, a cut word) still has one of the two. A signature made only of
    /// common tokens (`Internal server error`) is keyed by its first and last two tokens
    /// instead (`internal server`, `server error`), so that no common token keys a long list:
    /// the browser would fetch it for nearly every paste. A one-token one keeps its token.
    static func keys(_ tokens: [String], frequency: [String: Int]) -> [String] {
        let distinct = Array(Set(tokens)).sorted { a, b in
            let (x, y) = (frequency[a] ?? 0, frequency[b] ?? 0)
            return x != y ? x < y : a.utf8.lexicographicallyPrecedes(b.utf8)
        }
        let rare = distinct.filter { (frequency[$0] ?? 0) <= postingLimit }
        if !rare.isEmpty || tokens.count < 2 { return Array((rare.isEmpty ? distinct : rare).prefix(2)) }
        let first = tokens[0] + " " + tokens[1], last = tokens[tokens.count - 2] + " " + tokens[tokens.count - 1]
        return first == last ? [first] : [first, last]
    }

    /// Inverse document frequency, BM25's probabilistic form kept positive.
    static func idf(documentFrequency df: Int, documents n: Int) -> Double {
        Double.log(onePlus: (Double(n) - Double(df) + 0.5) / (Double(df) + 0.5))
    }

    /// - Parameters:
    ///   - fingerprint: what made the index (content and program), for caches to compare.
    ///   - parameters: the ranking parameters the index carries (the fitted ones by default).
    ///   - path: the source path a result shows; the site's index uses paths relative to the
    ///     repository so that it does not depend on where it was built.
    public static func build(_ graph: KnowledgeGraph, fingerprint: String = "", parameters: RankingParameters = .fitted, path: @escaping @Sendable (Entry) -> String = { $0.source.displayPath }) -> SearchIndex {
        // In id order, so that document numbers order as ids do (ties in ranking go to the lower
        // id by comparing numbers) and each provider's documents are one run.
        let entries = graph.entries.sorted { $0.id.rawValue.utf8.lexicographicallyPrecedes($1.id.rawValue.utf8) }
        let providers = graph.providers
        var providerNumber: [ProviderID: Int] = [:]
        for (number, provider) in providers.enumerated() { providerNumber[provider.id] = number }
        let tables = RankingTables.defaults(keyPrefixes: providers.flatMap(\.keyPrefixes))

        // Each entry's record and tokens are independent of the others: work them out on every core.
        var perEntry = entries.concurrentMap { entry -> (document: SearchIndex.Document, terms: [TermCounts], lengths: SIMD8<UInt32>) in
            let provider = graph.provider(entry.provider)
            let document = SearchIndex.Document(
                id: entry.id.rawValue, title: entry.title, provider: entry.provider.rawValue, category: entry.category.rawValue,
                http: entry.http.map(\.code), path: path(entry), summary: entry.summary,
                causes: entry.causes.map(\.text), fixes: entry.fixes.map(\.text),
                faq: entry.faq.map { SearchIndex.FAQ(question: $0.question, answer: $0.answerText) },
                related: Self.neighbours(of: entry.id, in: graph),
                sources: entry.sources, verified: entry.verified?.description
            )
            let body = [entry.introText] + entry.fixes.map(\.text) + entry.faq.flatMap { [$0.question, $0.answerText] }
                + entry.sections.filter { $0.kind == .other }.map(\.text)
            let texts = [
                entry.signatures.map(\.text).joined(separator: " \n "),
                entry.title,
                (entry.aliases + entry.tags.map(\.rawValue) + [provider?.name ?? "", entry.provider.rawValue]).joined(separator: " "),
                entry.causes.map(\.text).joined(separator: " "),
                body.joined(separator: " "),
            ]
            // Every match token once, with how often it is a word of each field. Words for the
            // word evidence: no stopwords, no single CJK characters, no numbers but statuses;
            // a token that is no word keeps zero counts and stands only for the rarity of
            // signature tokens. One dictionary, where a set of every token and an array of
            // each field's words were made before and counted again in a second pass: 0.84 G
            // instructions of a 2,000-entry build, and a third of the index's peak memory
            // (docs/PERFORMANCE.md).
            var counts: [String: SIMD8<UInt32>] = [:]
            var lengths = SIMD8<UInt32>()
            for field in texts.indices {
                var one = SIMD8<UInt32>()
                one[field] = 1
                for token in Tokenizer.tokens(texts[field]) {
                    if Tokenizer.isWord(token) && !tables.stopwords.contains(token) {
                        counts[token, default: SIMD8<UInt32>()] &+= one
                        lengths[field] &+= 1
                    } else {
                        counts[token, default: SIMD8<UInt32>()] &+= SIMD8<UInt32>()
                    }
                }
            }
            return (document, counts.map { TermCounts(term: $0.key, counts: $0.value) }, lengths)
        }
        let documentCount = max(entries.count, 1)

        // Document frequencies of every match token, for signature specificity.
        var tokenFrequency: [String: Int] = [:]
        for item in perEntry { for term in item.terms { tokenFrequency[term.term, default: 0] += 1 } }

        // BM25F term frequencies per document, on every core; then one merge in document order.
        var averageLengths = [Double](repeating: 0, count: fields.count)
        for item in perEntry { for field in fields.indices { averageLengths[field] += Double(item.lengths[field]) } }
        let averages = averageLengths.map { max($0 / Double(documentCount), 1) }
        var perDocument = perEntry.concurrentMap { item -> [WeightedTerm] in
            var weighted: [WeightedTerm] = []
            weighted.reserveCapacity(item.terms.count)
            for (term, perField) in item.terms.lazy.map({ ($0.term, $0.counts) }) where perField != SIMD8<UInt32>() {
                var frequency = 0.0
                for field in fields.indices where perField[field] > 0 {
                    let spec = fields[field]
                    let length = Double(item.lengths[field])
                    frequency += spec.weight * Double(perField[field]) / (1 - spec.lengthNormalisation + spec.lengthNormalisation * length / averages[field])
                }
                weighted.append(WeightedTerm(term: term, frequency: rounded(frequency)))
            }
            return weighted
        }
        // Every token of every entry was held until here; the records are all that is left to
        // use. Dropped now rather than at the end of the function, so that the postings, the
        // writer's bytes and the tokens are never in memory at once (docs/PERFORMANCE.md).
        let documents = perEntry.map(\.document)
        perEntry = []
        var postings: [String: [(document: Int, frequency: Double)]] = [:]
        for (document, weighted) in perDocument.enumerated() {
            for item in weighted { postings[item.term, default: []].append((document, item.frequency)) }
        }
        perDocument = []

        var writer = IndexWriter()
        let terms = postings.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        for term in terms { _ = writer.strings.intern(term) }
        var starts: [UInt32] = [0], postingDocuments: [UInt32] = [], postingFrequencies: [Double] = [], frequencies: [UInt32] = [], idfs: [Double] = []
        for term in terms {
            let list = postings[term]!  // appended in document order
            if list.count <= postingLimit {
                postingDocuments += list.map { UInt32($0.document) }
                postingFrequencies += list.map(\.frequency)
            }
            starts.append(UInt32(postingDocuments.count))
            frequencies.append(UInt32(list.count))
            idfs.append(rounded(idf(documentFrequency: list.count, documents: entries.count)))
        }
        postings = [:]

        // Signatures: how specific each is here, and how many documents claim the same tokens.
        var signatures: [SearchIndex.SignatureRecord] = []
        var claimants: [[String]: Set<Int>] = [:]
        for (document, entry) in entries.enumerated() {
            var seen = Set<[String]>()
            for signature in entry.signatures {
                let tokens = Tokenizer.tokens(signature.text)
                guard !tokens.isEmpty, seen.insert(tokens).inserted else { continue }
                claimants[tokens, default: []].insert(document)
                // Rare words say more, and so does length: several words in a row are seldom a
                // coincidence, even when each of them is common.
                let words = tokens.filter { !tables.stopwords.contains($0) }.count
                let evidence = tokens.reduce(0.0) { sum, token in
                    sum + (tables.stopwords.contains(token) ? 0.2 : idf(documentFrequency: tokenFrequency[token] ?? 1, documents: entries.count))
                } + phraseBonus * Double(max(words - 1, 0))
                // A code value (`overloaded_error`) is matched only as written, so it is as rare as
                // one word found in a single entry, however common its parts are.
                let identifier = isIdentifier(signature.text)
                let identifierEvidence = identifier ? idf(documentFrequency: 1, documents: entries.count) + phraseBonus * Double(max(words - 1, 0)) : 0
                var weight = max(evidence, identifierEvidence)
                let generic = !identifier && isGeneric(tokens)
                if generic { weight *= genericSignatureFactor }
                signatures.append(SearchIndex.SignatureRecord(document: document, text: signature.text, tokens: tokens,
                                                              specificity: rounded(min(weight / fullSpecificity, 1)), claimants: 1, isIdentifier: identifier, isGeneric: generic))
            }
        }
        for position in signatures.indices { signatures[position].claimants = claimants[signatures[position].tokens]?.count ?? 1 }
        // Each signature is found by up to three keys, so a paste that breaks it in one place (a
        // log prefix at a wrapped line, a cut end, a changed first word) still finds it.
        var keyed: [String: [Int]] = [:]
        for (position, signature) in signatures.enumerated() {
            for key in keys(signature.tokens, frequency: tokenFrequency) { keyed[key, default: []].append(position) }
        }
        // A two-token key's frequency is not counted; it goes in the shards.
        let sortedKeys = keyed.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { (key: $0, signatures: keyed[$0]!, frequency: tokenFrequency[$0] ?? 0) }

        let bytes = writer.write(
            documents: documents, providers: providers, providerNumber: providerNumber,
            documentProviders: entries.map { providerNumber[$0.provider] ?? 0 },
            terms: terms.count, frequencies: frequencies, idfs: idfs, postingStarts: starts, postingDocuments: postingDocuments,
            postingFrequencies: postingFrequencies, signatures: signatures, keys: sortedKeys, hints: hints(graph, providerNumber: providerNumber),
            tables: tables, parameters: parameters, fingerprint: fingerprint
        )
        // The writer and reader are one format; a failure here is a bug, not bad content.
        return try! SearchIndex(bytes: bytes)
    }

    /// A match token of one document and how often it is a word of each of the five fields.
    struct TermCounts: Sendable {
        var term: String
        var counts: SIMD8<UInt32>
    }

    /// A term of one document with its field-weighted frequency.
    struct WeightedTerm: Sendable {
        var term: String
        var frequency: Double
    }

    /// Related entries both ways, the author's list first.
    static func neighbours(of id: EntryID, in graph: KnowledgeGraph) -> [String] {
        var seen = Set<EntryID>()
        return (graph.related(to: id) + graph.referencedBy(id)).filter { seen.insert($0).inserted }.map(\.rawValue)
    }

    /// Every provider's hints: its id and aliases, endpoint hosts (local ones as ports), env
    /// variables and key prefixes.
    static func hints(_ graph: KnowledgeGraph, providerNumber: [ProviderID: Int]) -> [SearchIndex.ProviderHint] {
        var hints: [SearchIndex.ProviderHint] = []
        for provider in graph.providers {
            let number = providerNumber[provider.id] ?? 0
            // A provider's own hints only: checking every provider's was quadratic in providers.
            let first = hints.count
            func add(_ kind: SearchIndex.ProviderHint.Kind, _ value: String) {
                let value = value.trimmed
                guard !value.isEmpty, !hints[first...].contains(where: { $0.kind == kind && $0.value == value }) else { return }
                hints.append(.init(provider: number, kind: kind, value: value))
            }
            for alias in [provider.id.rawValue] + provider.aliases { add(.alias, ByteText.lowercased(alias)) }
            for endpoint in provider.endpoints {
                guard let host = endpoint.host else { continue }
                if let colon = host.lastIndex(of: ":"), Provider.Endpoint.localHosts.contains(String(host[..<colon])) {
                    add(.port, String(host[host.index(after: colon)...]))
                } else {
                    add(.host, host)
                }
            }
            for name in provider.env { add(.env, name) }
            for prefix in provider.keyPrefixes { add(.keyPrefix, prefix) }
        }
        return hints
    }
}

/// Serialises the parts of an index into `IndexFormat`'s sections.
struct IndexWriter {
    var strings = StringTable()
    private var pool: [UInt32] = []

    mutating func list(_ values: [UInt32]) -> (UInt32, UInt32) {
        let start = UInt32(pool.count)
        pool += values
        return (start, UInt32(values.count))
    }

    mutating func write(
        documents: [SearchIndex.Document], providers: [Provider], providerNumber: [ProviderID: Int], documentProviders: [Int],
        terms: Int, frequencies: [UInt32], idfs: [Double], postingStarts: [UInt32], postingDocuments: [UInt32], postingFrequencies: [Double],
        signatures: [SearchIndex.SignatureRecord], keys: [(key: String, signatures: [Int], frequency: Int)], hints: [SearchIndex.ProviderHint],
        tables: RankingTables, parameters: RankingParameters, fingerprint: String
    ) -> [UInt8] {
        var sections = SectionWriter()
        var documentWords: [UInt32] = [], documentFacts: [UInt32] = []
        for (document, provider) in zip(documents, documentProviders) {
            let sources = list(document.sources.map { strings.intern($0) })
            documentFacts += [sources.0, sources.1, document.verified.map { strings.intern($0) } ?? UInt32.max]
            let http = list(document.http.map { UInt32($0) })
            let causes = list(document.causes.map { strings.intern($0) })
            let fixes = list(document.fixes.map { strings.intern($0) })
            let faq = list(document.faq.flatMap { [strings.intern($0.question), strings.intern($0.answer)] })
            let related = list(document.related.map { strings.intern($0) })
            documentWords += [strings.intern(document.id), strings.intern(document.title), UInt32(provider), strings.intern(document.category),
                              strings.intern(document.path), strings.intern(document.summary), http.0, http.1, causes.0, causes.1, fixes.0, fixes.1,
                              faq.0, faq.1, related.0, related.1]
        }
        var providerWords: [UInt32] = [], providerDocs: [UInt32] = [], providerKinds: [UInt32] = [], providerStatuses: [UInt32] = []
        // Each provider's documents in one pass, in document order (one scan per provider was
        // quadratic in a knowledge base of many providers).
        var documentsOfProvider = [[UInt32]](repeating: [], count: providers.count)
        for (document, provider) in documentProviders.enumerated() where documentsOfProvider.indices.contains(provider) {
            documentsOfProvider[provider].append(UInt32(document))
        }
        for (number, provider) in providers.enumerated() {
            providerWords += [strings.intern(provider.id.rawValue), strings.intern(provider.name)]
            providerKinds.append(strings.intern(provider.kind.rawValue))
            providerStatuses.append(provider.status.map { strings.intern($0) } ?? UInt32.max)
            let members = list(documentsOfProvider[number])
            providerDocs += [members.0, members.1]
        }
        var keyWords: [UInt32] = [], keySignatures: [UInt32] = [], signatureWords: [UInt32] = []
        for (key, members, frequency) in keys {
            keyWords += [strings.intern(key), UInt32(keySignatures.count), UInt32(members.count), UInt32(frequency)]
            keySignatures += members.map { UInt32($0) }
        }
        for record in signatures {
            let tokens = list(record.tokens.map { strings.intern($0) })
            signatureWords += [UInt32(record.document), strings.intern(record.text), tokens.0, tokens.1, UInt32(record.claimants), (record.isIdentifier ? 1 : 0) | (record.isGeneric ? 2 : 0)]
        }
        var hintWords: [UInt32] = []
        for hint in hints { hintWords += [UInt32(hint.provider), UInt32(hint.kind.rawValue), strings.intern(hint.value)] }
        func ids(_ values: [String]) -> [UInt32] { values.map { strings.intern($0) } }
        let sortedStop = tables.stopwords.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let sortedLead = tables.statusLeadWords.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let sortedReasons = tables.reasonWords.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let tableSections: [(String, [UInt32])] = [
            ("stop", ids(sortedStop)), ("keypfx", ids(tables.keyPrefixes)), ("labels", ids(tables.credentialLabels)),
            ("lead", ids(sortedLead)), ("reason", ids(sortedReasons)),
            ("cuew", ids(tables.categoryCues.map(\.word))), ("cuec", ids(tables.categoryCues.map(\.category))),
            ("localhst", ids(tables.localHosts.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })),
            ("excgen", ids(tables.genericExceptionPrefixes.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })),
            ("apipath", ids(tables.apiPathWords)),
            ("srcext", ids(tables.sourceExtensions.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })),
        ]
        let named = parameters.named
        let parameterNames = ids(named.map(\.name))
        let fingerprintID = strings.intern(fingerprint)

        sections.add("meta", [UInt32(documents.count), UInt32(terms), UInt32(signatures.count), fingerprintID,
                              UInt32(providers.count), UInt32(keyWords.count / SearchIndex.keyFields), UInt32(SearchIndexBuilder.postingLimit)])
        strings.write(into: &sections)
        sections.add("docs", documentWords)
        sections.add("docfacts", documentFacts)
        sections.add("provstat", providerStatuses)
        sections.add("prov", providerWords)
        sections.add("provdocs", providerDocs)
        sections.add("provkind", providerKinds)
        sections.add("termdf", frequencies)
        sections.add("termidf", idfs)
        sections.add("pstart", postingStarts)
        sections.add("pdoc", postingDocuments)
        sections.add("ptf", postingFrequencies)
        sections.add("sigkeys", keyWords)
        sections.add("keysigs", keySignatures)
        sections.add("sigs", signatureWords)
        sections.add("sigspec", signatures.map(\.specificity))
        sections.add("hints", hintWords)
        for (name, values) in tableSections { sections.add(name, values) }
        sections.add("parname", parameterNames)
        sections.add("parval", named.map(\.value))
        sections.add("pool", pool)
        return sections.bytes()
    }
}
