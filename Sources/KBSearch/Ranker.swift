import KBCore
/// Where search ranks. Evidence, strongest first: a signature that appears in the paste, then
/// BM25F over the entries' fields, then the HTTP statuses and provider hints the paste carries.
/// The confidence is a saturating function of that evidence, and results under the threshold are
/// not shown: text about nothing in the knowledge base gives no result.
public struct Ranker: Sendable {
    public struct Result: Sendable, Equatable {
        public var document: SearchIndex.Document
        /// Confidence, 0 to 1.
        public var score: Double
        /// Why it matched, in words: signatures, statuses, hints, terms.
        public var matched: [String]
    }

    public struct Parameters: Sendable, Equatable {
        public var k1 = 1.2
        public var bm25Weight = 0.45
        public var statusBonus = 1.5
        /// What naming a provider adds, by how it was named: an endpoint host or env variable is
        /// near proof; a key format is good evidence; a bare name is weak, since SDKs named after
        /// one provider are used against others (the `openai` package calling Moonshot).
        public var hostHintBonus = 6.0
        public var envHintBonus = 5.0
        public var keyHintBonus = 3.0
        public var aliasHintBonus = 1.0
        /// In a typed query a provider's name is deliberate (`ollama model not found`), not the
        /// name of an SDK that happens to be in a stack trace.
        public var typedAliasHintBonus = 6.0
        /// Evidence at which confidence is one half.
        public var halfConfidence = 8.0
        /// Below this confidence nothing is shown. Chosen from the evaluation set (Evaluation/).
        public var threshold = 0.55
        /// Other candidates are shown only when they come this close to the best.
        public var relativeCutoff = 0.6
        /// Queries with at most this many distinct words are treated as typed, and typos fixed.
        public var typedQueryTerms = 8
        /// For a typed query, what covering all of its words adds (scaled by the square of the
        /// share covered): `tier_not_allowed` or `groq 413 request too large` say little in
        /// absolute terms, but all of it points at one entry. Long pastes never get it.
        public var coverageBonus = 4.0
        /// Word evidence saturates: past about this BM25 score, more shared words add little, so a
        /// long paste that shares many common words with an entry ("502 Bad Gateway ... html")
        /// cannot pass for a match on words alone.
        public var wordSaturation = 30.0
        /// For a typed query, the share of its words an entry must contain to count without a
        /// signature, status or provider hint.
        public var typedAnchorCoverage = 0.75

        public init() {}
    }

    public let index: SearchIndex
    public var parameters: Parameters

    public init(index: SearchIndex, parameters: Parameters = Parameters()) {
        self.index = index
        self.parameters = parameters
    }

    /// The provider ids the index knows, for `--provider` checks.
    public var providers: [String] { Array(Set(index.hints.map(\.provider))).sorted() }

    /// Reads a paste, masking the index's own providers' key formats as well as the common ones.
    public func analyse(_ text: String) -> PasteAnalysis {
        PasteAnalysis(text, keyPrefixes: index.hints.filter { $0.kind == .keyPrefix }.map(\.value))
    }

    public func search(_ text: String, limit: Int = 3, provider: String? = nil) -> [Result] {
        search(analyse(text), limit: limit, provider: provider)
    }

    public func search(_ paste: PasteAnalysis, limit: Int = 3, provider: String? = nil) -> [Result] {
        var (terms, corrections) = queryTerms(paste.tokens)
        let tokens = corrections.isEmpty ? paste.tokens : paste.tokens.map { corrections[$0] ?? $0 }
        if !corrections.isEmpty { terms = distinct(tokens) }

        var scores = Scores(documentCount: index.documentCount)
        addTermScores(terms, to: &scores)
        // Typed: a few words with none of the punctuation that error output is full of
        // (`Error code: 529 - {'type': ...}` is a short paste, not a query someone typed).
        let typed = terms.count <= parameters.typedQueryTerms && !terms.isEmpty && !Self.looksPasted(paste.original.trimmed)
        let signatureMatches = matchSignatures(tokens, lowercased: paste.lowercased, typed: typed)
        for (document, match) in signatureMatches { scores.add(document, signature: match.score) }
        let statuses = paste.statuses
        let hinted = providerHints(paste)

        // Only the best `limit` are needed: keep them in a small sorted array instead of sorting
        // every document a common word touched.
        var ranked: [(document: Int, raw: Double)] = []
        let keep = max(limit, 1)
        let providerFilter: Int? = provider.map { index.providerKeys[$0] ?? -1 }
        var hintBonus: [Int: Double] = [:]
        for (provider, hint) in hinted {
            let value = typed && hint.kind == .alias ? parameters.typedAliasHintBonus : bonus(for: hint.kind)
            if let key = index.providerKeys[provider] { hintBonus[key] = value }
        }
        for document in scores.touched {
            let providerKey = index.documentProviderKey(document)
            if let providerFilter, providerKey != providerFilter { continue }
            // Words alone do not make a match: a result needs a signature, a status it comes with,
            // a provider hint, or (typed) most of the query's words. Unrelated errors share many
            // words with entries ("cannot connect ... daemon running"), but not these.
            var anchored = scores.signature[document] > 0
            let words = scores.terms[document]
            var raw = scores.signature[document] + parameters.bm25Weight * (words / (1 + words / parameters.wordSaturation))
            if typed {
                let coverage = Double(scores.matchedTerms[document]) / Double(terms.count)
                raw += parameters.coverageBonus * coverage * coverage
                if coverage >= parameters.typedAnchorCoverage { anchored = true }
            }
            if !statuses.isEmpty, index.documentHasStatus(document, in: statuses) {
                raw += parameters.statusBonus
                anchored = true
            }
            if let bonus = hintBonus[providerKey] {
                raw += bonus
                anchored = true
            }
            guard anchored else { continue }
            if ranked.count == keep, let last = ranked.last, !precedes((document, raw), last) { continue }
            let position = ranked.firstIndex { precedes((document, raw), $0) } ?? ranked.count
            ranked.insert((document, raw), at: position)
            if ranked.count > keep { ranked.removeLast() }
        }
        guard let best = ranked.first, confidence(best.raw) >= parameters.threshold else { return [] }
        return ranked.prefix(max(limit, 0)).filter { $0.raw >= best.raw * parameters.relativeCutoff }.map { candidate in
            let document = index.document(candidate.document)
            var matched = (signatureMatches[candidate.document]?.texts ?? []).map { "signature \"\($0)\"" }
            if let status = statuses.first(where: document.http.contains) { matched.append("HTTP \(status)") }
            if let hint = hinted[document.provider] { matched.append("provider hint \(hint.reason)") }
            let words = topTerms(terms, of: candidate.document, count: 3)
            if !words.isEmpty { matched.append("words: " + words.joined(separator: ", ")) }
            for (typo, fixed) in corrections.sorted(by: { $0.key < $1.key }) where words.contains(fixed) || matched.contains(where: { $0.lowercased().contains(fixed) }) {
                matched.append("read '\(typo)' as '\(fixed)'")
            }
            return Result(document: document, score: (confidence(candidate.raw) * 100).rounded() / 100, matched: matched)
        }
    }

    /// Higher evidence first; equal evidence goes to the lower id, so the order never depends on
    /// hashing or on the order documents were touched.
    private func bonus(for kind: SearchIndex.ProviderHint.Kind) -> Double {
        switch kind {
        case .host: return parameters.hostHintBonus
        case .env: return parameters.envHintBonus
        case .keyPrefix: return parameters.keyHintBonus
        case .alias: return parameters.aliasHintBonus
        }
    }

    private func precedes(_ a: (document: Int, raw: Double), _ b: (document: Int, raw: Double)) -> Bool {
        a.raw != b.raw ? a.raw > b.raw : index.documentID(a.document) < index.documentID(b.document)
    }

    public func confidence(_ raw: Double) -> Double { raw / (raw + parameters.halfConfidence) }

    /// Per-document evidence in flat arrays: a common word can touch most of a large index, and
    /// arrays cost far less than a dictionary entry per document.
    struct Scores {
        var terms: [Double]
        var signature: [Double]
        /// How many of the query's distinct words each document contains.
        var matchedTerms: [Int]
        var touched: [Int] = []
        private var seen: [Bool]

        init(documentCount: Int) {
            terms = [Double](repeating: 0, count: documentCount)
            signature = [Double](repeating: 0, count: documentCount)
            matchedTerms = [Int](repeating: 0, count: documentCount)
            seen = [Bool](repeating: false, count: documentCount)
        }

        mutating func touch(_ document: Int) {
            if !seen[document] {
                seen[document] = true
                touched.append(document)
            }
        }

        mutating func add(_ document: Int, term score: Double) {
            touch(document)
            terms[document] += score
            matchedTerms[document] += 1
        }

        mutating func add(_ document: Int, signature score: Double) {
            touch(document)
            signature[document] = score
        }
    }

    /// Distinct words in the order they first appear, without stopwords.
    private func distinct(_ tokens: [String]) -> [String] {
        var seen = Set<String>(), terms: [String] = []
        for token in tokens where !Stopwords.contains(token) && seen.insert(token).inserted { terms.append(token) }
        return terms
    }

    /// The query's terms, and for a typed query the corrections of words the index does not know.
    private func queryTerms(_ tokens: [String]) -> ([String], [String: String]) {
        let terms = distinct(tokens)
        guard terms.count <= parameters.typedQueryTerms else { return (terms, [:]) }
        var corrections: [String: String] = [:]
        for term in terms where index.termIndex(term) == nil && term.utf8.count >= 4 && term.utf8.allSatisfy({ $0 >= 97 && $0 <= 122 }) {
            if let fixed = correction(for: term) { corrections[term] = fixed }
        }
        return (terms, corrections)
    }

    /// The known word nearest to a misspelt one: one edit for short words, two for long ones;
    /// ties go to the more common word, then alphabetical order.
    func correction(for term: String) -> String? {
        let allowed = term.utf8.count >= 8 ? 2 : 1
        var best: (term: String, distance: Int, frequency: Int)?
        let length = term.utf8.count
        for position in 0..<index.termCount {
            let bytes = index.stringBytes(position)
            guard abs(bytes.count - length) <= allowed else { continue }
            let candidate = String(decoding: bytes, as: UTF8.self)
            let distance = NearestName.editDistance(term, candidate)
            guard distance <= allowed else { continue }
            let frequency = index.documentFrequency(position)
            if best == nil || distance < best!.distance || (distance == best!.distance && frequency > best!.frequency) {
                best = (candidate, distance, frequency)
            }
        }
        return best?.term
    }

    private func termScore(_ term: Int, posting: Int) -> Double {
        let frequency = index.postingFrequency(posting)
        return index.idf(index.documentFrequency(term)) * frequency * (parameters.k1 + 1) / (frequency + parameters.k1)
    }

    private func addTermScores(_ terms: [String], to scores: inout Scores) {
        let k1 = parameters.k1
        for term in terms {
            guard let position = index.termIndex(term) else { continue }
            let idf = index.idf(index.documentFrequency(position))
            for posting in index.postings(position) {
                let document = index.postingDocument(posting)
                guard document < index.documentCount else { continue }
                let frequency = index.postingFrequency(posting)
                // Same formula as termScore(_:posting:), with the idf hoisted out of the loop.
                scores.add(document, term: idf * frequency * (k1 + 1) / (frequency + k1))
            }
        }
    }

    /// The words that contributed most to a document's score, for "why it matched".
    private func topTerms(_ terms: [String], of document: Int, count: Int) -> [String] {
        var contributions: [(term: String, score: Double)] = []
        for term in terms {
            guard let position = index.termIndex(term) else { continue }
            let postings = index.postings(position)
            // Postings are sorted by document: binary search for this one.
            var low = postings.lowerBound, high = postings.upperBound
            while low < high {
                let middle = (low + high) / 2
                if index.postingDocument(middle) < document { low = middle + 1 } else { high = middle }
            }
            if low < postings.upperBound && index.postingDocument(low) == document {
                contributions.append((term, termScore(position, posting: low)))
            }
        }
        contributions.sort { $0.score != $1.score ? $0.score > $1.score : $0.term < $1.term }
        return contributions.prefix(count).map(\.term)
    }

    /// A signature matches when its words appear in the paste one after the other, whatever the
    /// case and punctuation between them. The best match counts fully, further ones a little.
    private func matchSignatures(_ tokens: [String], lowercased: String, typed: Bool) -> [Int: (score: Double, texts: [String])] {
        var positions: [String: [Int]] = [:]
        for (position, token) in tokens.enumerated() { positions[token, default: []].append(position) }
        var found: [Int: [(weight: Double, text: String)]] = [:]
        for (first, starts) in positions {
            for signature in index.signatures(startingWith: first) {
                let length = signature.tokens.count
                let matches = starts.contains { start in
                    start + length <= tokens.count && (1..<length).allSatisfy { tokens[start + $0] == signature.tokens[$0] }
                }
                guard matches else { continue }
                // A code value (`permission_denied`, `not_found_error`) is one identifier: it must
                // be there as written, or prose ("Permission denied (publickey)") would match it.
                // Someone typing a query writes the words, not the underscores, and means the code.
                if !typed, Self.isIdentifier(signature.text), !Self.bytes(of: lowercased, contain: signature.text.lowercased()) { continue }
                found[signature.document, default: []].append((signature.weight, signature.text))
            }
        }
        return found.mapValues { matches in
            let sorted = matches.sorted { $0.weight != $1.weight ? $0.weight > $1.weight : $0.text < $1.text }
            var score = sorted[0].weight
            for other in sorted.dropFirst() { score += 0.3 * other.weight }
            return (score, sorted.prefix(3).map(\.text))
        }
    }

    /// Providers the paste names: an endpoint host, an env variable, an alias, or a key prefix,
    /// the strongest kind per provider. A key prefix is named by provider, never echoed, since it
    /// is the start of a secret.
    private func providerHints(_ paste: PasteAnalysis) -> [String: (kind: SearchIndex.ProviderHint.Kind, reason: String)] {
        var hinted: [String: (kind: SearchIndex.ProviderHint.Kind, reason: String)] = [:]
        func record(_ provider: String, _ kind: SearchIndex.ProviderHint.Kind, _ reason: String) {
            if let existing = hinted[provider], bonus(for: existing.kind) >= bonus(for: kind) { return }
            hinted[provider] = (kind, reason)
        }
        let tokenSet = Set(paste.tokens)
        var longestPrefix: [String: Int] = [:]
        for hint in index.hints {
            switch hint.kind {
            case .host:
                if Self.bytes(of: paste.lowercased, contain: hint.value) { record(hint.provider, .host, hint.value) }
            case .env:
                if Self.bytes(of: paste.redactedText, contain: hint.value) { record(hint.provider, .env, hint.value) }
            case .alias:
                let aliasTokens = Tokenizer.tokens(hint.value)
                if aliasTokens.count == 1 ? tokenSet.contains(aliasTokens[0]) : (!aliasTokens.isEmpty && Self.bytes(of: paste.lowercased, contain: hint.value)) {
                    record(hint.provider, .alias, hint.value)
                }
            case .keyPrefix:
                if let length = keyPrefixLength(hint.value, in: paste.original) {
                    longestPrefix[hint.provider] = max(longestPrefix[hint.provider] ?? 0, length)
                }
            }
        }
        // Only the longest key prefix found counts: an `sk-ant-` key is not a hint for every
        // provider whose keys start with `sk-`.
        if let longest = longestPrefix.values.max() {
            for (provider, length) in longestPrefix where length == longest {
                let name = index.hints.first { $0.provider == provider }?.providerName ?? provider
                record(provider, .keyPrefix, "\(name) key format")
            }
        }
        return hinted
    }

    /// Characters people rarely type in a query but error output is full of.
    static func looksPasted(_ text: String) -> Bool {
        text.utf8.contains { byte in
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "("), UInt8(ascii: ")"),
                 UInt8(ascii: "="), UInt8(ascii: ":"), UInt8(ascii: "\""), UInt8(ascii: "\n"):
                return true
            default:
                return false
            }
        }
    }

    /// A signature that is a single identifier joined by underscores, like an error code.
    static func isIdentifier(_ text: String) -> Bool {
        text.utf8.contains(UInt8(ascii: "_")) && !text.utf8.contains { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A }
    }

    /// Substring search on UTF-8 bytes: String.contains goes through Foundation, which was a
    /// tenth of a cold search.
    static func bytes(of haystack: String, contain needle: String) -> Bool {
        var haystack = haystack, needle = needle
        return haystack.withUTF8 { hay in
            needle.withUTF8 { pin in
                guard !pin.isEmpty else { return true }
                guard hay.count >= pin.count else { return false }
                let first = pin[0], last = hay.count - pin.count
                var start = 0
                while start <= last {
                    if hay[start] == first {
                        var offset = 1
                        while offset < pin.count && hay[start + offset] == pin[offset] { offset += 1 }
                        if offset == pin.count { return true }
                    }
                    start += 1
                }
                return false
            }
        }
    }

    /// The prefix's length when the paste holds a key-shaped word starting with it. Bytes, not
    /// characters: a prefix read from a damaged index may not fall on character boundaries.
    private func keyPrefixLength(_ prefix: String, in text: String) -> Int? {
        let needle = Array(prefix.utf8)
        guard let first = needle.first else { return nil }
        var text = text
        return text.withUTF8 { bytes -> Int? in
            var start = 0
            while start + needle.count <= bytes.count {
                defer { start += 1 }
                guard bytes[start] == first, (start == 0 || !bytes[start - 1].isKeyCharacter) else { continue }
                guard needle.indices.allSatisfy({ bytes[start + $0] == needle[$0] }) else { continue }
                var end = start + needle.count
                while end < bytes.count, bytes[end].isKeyCharacter, end - start - needle.count < 12 { end += 1 }
                if end - start - needle.count >= 12 { return needle.count }
            }
            return nil
        }
    }
}
