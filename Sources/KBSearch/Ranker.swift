import KBCore
/// Where search ranks. A search is two steps, kept apart so the model can be fitted and
/// cross-validated without reading pastes again:
///
/// 1. `read`: what the paste says about each entry it could be about (the candidates), as the
///    numbers of `Feature`: signatures found word for word or nearly, statuses, what names the
///    provider, class names that say the category, shared words. No parameter is involved
///    except the fixed shapes (BM25's k1, where word evidence is one half, how near is near).
/// 2. `rank`: one linear score per candidate (the fitted weights), a softmax over the candidates
///    and a "none of these" option, and a confidence threshold on the probability that the
///    answer is among the results shown. Text about nothing the knowledge base knows gives no
///    result rather than the least bad one.
public struct Ranker: Sendable {
    /// One result.
    public struct Result: Sendable, Equatable {
        /// What the result shows.
        public var document: SearchIndex.Document
        /// The probability that this entry is the one, 0 to 1, to two decimals.
        public var score: Double
        /// Why it matched, in words: signatures, statuses, provider hints, cues, words.
        public var matched: [String]
        /// The evidence as numbers, in `Feature` order (for `--explain`).
        public var features: [Double]

        /// A result.
        public init(document: SearchIndex.Document, score: Double, matched: [String], features: [Double]) {
            self.document = document
            self.score = score
            self.matched = matched
            self.features = features
        }
    }

    /// What a search found, and what it could not decide.
    public struct Answer: Sendable, Equatable {
        /// The results, best first; empty when nothing is certain enough.
        public var results: [Result]
        /// What kept the search from being sure, when something did.
        public var uncertainty: Uncertainty?
        /// The paste with its secrets masked: the only form of it that may be shown.
        public var redactedText: String
    }

    /// Why an answer is not certain: the paste names a provider the knowledge base does not
    /// cover, or the text it matched is printed by several providers and nothing says which.
    public struct Uncertainty: Sendable, Equatable {
        /// An API host or a provider name in the paste that no provider of the knowledge base has.
        public var unknownProvider: String?
        /// Providers whose entries claim the matched text word for word, when the paste does not
        /// say which of them it came from (sorted).
        public var providers: [String]
        /// When the provider is unknown and nothing is certain: the kind of error the paste
        /// reads as, and the closest entries of that kind from the providers kb covers.
        public var category: String? = nil
        /// Those entries' ids, closest first.
        public var closest: [String] = []
    }

    /// An entry the paste could be about, with its evidence.
    public struct Candidate: Sendable, Equatable {
        /// The document, by position in the index.
        public var document: Int
        /// The evidence as numbers, in `Feature` order.
        public var features: [Double]
        /// The same evidence in words.
        var evidence: Evidence
    }

    /// The words behind a candidate's features.
    struct Evidence: Sendable, Equatable {
        /// Signatures found word for word, most specific first.
        var exact: [String] = []
        /// Signatures found with gaps: text, tokens found, tokens in all.
        var near: [(text: String, found: Int, of: Int)] = []
        /// The status of the paste the entry comes with.
        var status: Int?
        /// How the paste names the entry's provider.
        var provider: String?
        /// The class name or word that says the entry's category.
        var categoryCue: String?
        /// Other providers whose entries claim the best exact signature word for word.
        var sharedWith: [String] = []
        /// Whether the provider evidence is strong (a host, variable, key format or port).
        var strongProvider = false

        static func == (lhs: Evidence, rhs: Evidence) -> Bool {
            lhs.exact == rhs.exact && lhs.near.map(\.text) == rhs.near.map(\.text) && lhs.near.map(\.found) == rhs.near.map(\.found)
                && lhs.status == rhs.status && lhs.provider == rhs.provider && lhs.categoryCue == rhs.categoryCue
                && lhs.sharedWith == rhs.sharedWith && lhs.strongProvider == rhs.strongProvider
        }
    }

    /// What `read` makes of a paste, before any weight is applied.
    public struct Reading: Sendable {
        /// The paste.
        public var paste: PasteAnalysis
        /// The entries it could be about, in document order.
        public var candidates: [Candidate]
        /// The words that were matched, after typo corrections.
        var words: [String]
        /// Misspelt words of a typed query and the known words read instead.
        var corrections: [(typo: String, word: String)]
        /// An API host or provider name of the paste that the knowledge base does not know.
        var unknownProvider: String?
    }

    /// The index searched.
    public let index: SearchIndex
    /// The ranking parameters: the index's own unless given.
    public var parameters: RankingParameters

    /// A ranker over an index, with the parameters it carries or others (fitting, tests).
    public init(index: SearchIndex, parameters: RankingParameters? = nil) {
        self.index = index
        self.parameters = parameters ?? index.parameters
    }

    /// The provider ids the index knows, for `--provider` checks.
    public var providers: [String] { index.providers.map(\.id) }

    /// Reads a paste with the index's tables (its providers' key formats masked too).
    public func analyse(_ text: String) -> PasteAnalysis {
        PasteAnalysis(text, tables: index.tables)
    }

    /// Searches a paste.
    /// - Parameters:
    ///   - limit: how many results at most.
    ///   - provider: only entries of this provider.
    public func search(_ text: String, limit: Int = 3, provider: String? = nil) -> Answer {
        search(analyse(text), limit: limit, provider: provider)
    }

    /// Searches a paste already read.
    public func search(_ paste: PasteAnalysis, limit: Int = 3, provider: String? = nil) -> Answer {
        answer(read(paste, provider: provider), limit: limit)
    }

    // MARK: Ranking

    /// The candidates in order with their probabilities, and whether the best are certain
    /// enough to show.
    public struct Ranking: Sendable {
        /// Positions in `Reading.candidates` with their probability, best first (ties by id).
        public var order: [(candidate: Int, probability: Double)]
        /// How many of `order` are shown at most when nothing limits them: the best and those
        /// close to it, up to three.
        public var shown: Int
        /// The probability that the answer is among the shown ones.
        public var confidence: Double
        /// Whether that reaches the threshold, and the paste names no provider kb does not
        /// cover (the contract: such a paste gets no other provider's entry as its answer, only
        /// the closest of its kind, named as such).
        public var isConfident: Bool
    }

    /// Ranks a reading with some parameters.
    public func rank(_ reading: Reading, parameters: RankingParameters) -> Ranking {
        let candidates = reading.candidates
        let scores = candidates.map { RankingMath.score($0.features, parameters) }
        var top = parameters.noneScore
        for score in scores where score > top { top = score }
        // Summed in document order, the same order the browser uses, so the bits agree.
        var total = RankingMath.exp(parameters.noneScore - top)
        let exponentials = scores.map { RankingMath.exp($0 - top) }
        for value in exponentials { total = total + value }
        var order = exponentials.enumerated().map { (candidate: $0.offset, probability: $0.element / total) }
        order.sort { a, b in
            if a.probability != b.probability { return a.probability > b.probability }
            // Documents are numbered in id order (the builder sorts them), so this is by id.
            return candidates[a.candidate].document < candidates[b.candidate].document
        }
        guard let best = order.first else { return Ranking(order: [], shown: 0, confidence: 0, isConfident: false) }
        var shown = 0, confidence = 0.0
        for item in order.prefix(parameters.confidenceSpan) where item.probability >= best.probability * parameters.relativeCutoff {
            shown += 1
            confidence = confidence + item.probability
        }
        return Ranking(order: order, shown: shown, confidence: confidence, isConfident: confidence >= parameters.threshold && reading.unknownProvider == nil)
    }

    /// The answer for a reading: the results with their evidence in words, and what is uncertain.
    public func answer(_ reading: Reading, limit: Int) -> Answer {
        let ranking = rank(reading, parameters: parameters)
        var results: [Result] = []
        if ranking.isConfident {
            let best = ranking.order[0].probability
            for item in ranking.order.prefix(max(limit, 0)) where item.probability >= best * parameters.relativeCutoff {
                let candidate = reading.candidates[item.candidate]
                results.append(Result(
                    document: index.document(candidate.document), score: (item.probability * 100).rounded() / 100,
                    matched: matched(candidate, reading), features: candidate.features
                ))
            }
        }
        var uncertainty: Uncertainty?
        if let unknown = reading.unknownProvider {
            uncertainty = Uncertainty(unknownProvider: unknown, providers: [])
            if results.isEmpty, let first = ranking.order.first {
                let category = index.documentCategory(reading.candidates[first.candidate].document)
                uncertainty?.category = category
                uncertainty?.closest = ranking.order.lazy.map { reading.candidates[$0.candidate].document }
                    .filter { index.documentCategory($0) == category }.prefix(3).map(index.documentID)
            }
        }
        if let first = ranking.order.first, !results.isEmpty {
            let best = reading.candidates[first.candidate]
            if !best.evidence.sharedWith.isEmpty && !best.evidence.strongProvider {
                let providers = Set(best.evidence.sharedWith + [index.document(best.document).provider]).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
                uncertainty = Uncertainty(unknownProvider: uncertainty?.unknownProvider, providers: providers)
            }
        }
        return Answer(results: results, uncertainty: uncertainty, redactedText: reading.paste.redactedText)
    }

    /// "Why it matched", strongest evidence first. Names a key format by its provider, never
    /// by its characters, since they are the start of a secret.
    func matched(_ candidate: Candidate, _ reading: Reading) -> [String] {
        var matched = candidate.evidence.exact.prefix(3).map { "signature \"\($0)\"" }
        for near in candidate.evidence.near.prefix(max(0, 2 - matched.count)) {
            matched.append("near signature \"\(near.text)\" (\(near.found) of \(near.of) words)")
        }
        if let status = candidate.evidence.status { matched.append("HTTP \(status)") }
        if let provider = candidate.evidence.provider { matched.append(provider) }
        if let cue = candidate.evidence.categoryCue { matched.append("category cue \(cue)") }
        let words = topWords(reading.words, of: candidate.document, count: 3)
        if !words.isEmpty { matched.append("words: " + words.joined(separator: ", ")) }
        for correction in reading.corrections where words.contains(correction.word) {
            matched.append("read '\(correction.typo)' as '\(correction.word)'")
        }
        return matched
    }

    // MARK: Reading

    /// What the paste says about each entry it could be about.
    /// - Parameter provider: only entries of this provider.
    public func read(_ paste: PasteAnalysis, provider only: String? = nil) -> Reading {
        let typed = paste.looksTyped
        var words = paste.words, tokens = paste.tokens
        var corrections: [(typo: String, word: String)] = []
        if typed {
            for word in words where index.termIndex(word) == nil && word.utf8.count >= 4 && word.utf8.allSatisfy({ $0 >= 97 && $0 <= 122 }) {
                if let fixed = correction(for: word) { corrections.append((word, fixed)) }
            }
            if !corrections.isEmpty {
                let fixes = Dictionary(corrections.map { ($0.typo, $0.word) }, uniquingKeysWith: { first, _ in first })
                tokens = tokens.map { fixes[$0] ?? $0 }
                var seen = Set<String>()
                words = words.map { fixes[$0] ?? $0 }.filter { seen.insert($0).inserted }
            }
        }
        let onlyProvider = only.map { index.providerIndex($0) ?? -1 }

        var collector = Collector(documentCount: index.documentCount)
        matchSignatures(tokens, paste: paste, typed: typed, into: &collector)
        let providers = providerEvidence(paste, typed: typed)
        for (provider, _) in providers.hinted { for document in index.documents(ofProvider: provider) { collector.touch(document) } }
        let bm25 = wordScores(words, into: &collector)
        let cues = categoryCues(paste, tokens: tokens)

        var candidates: [Candidate] = []
        for document in collector.touched.sorted() {
            let provider = index.documentProvider(document)
            if let onlyProvider, provider != onlyProvider { continue }
            var features = [Double](repeating: 0, count: Feature.allCases.count)
            var evidence = Evidence()
            func set(_ feature: Feature, _ value: Double) { features[feature.rawValue] = value }

            if let signatures = collector.signatures[document] {
                let exact = signatures.filter(\.exact).sorted { $0.specificity != $1.specificity ? $0.specificity > $1.specificity : $0.text.utf8.lexicographicallyPrecedes($1.text.utf8) }
                let near = signatures.filter { !$0.exact }.sorted { $0.strength != $1.strength ? $0.strength > $1.strength : $0.text.utf8.lexicographicallyPrecedes($1.text.utf8) }
                if let best = exact.first {
                    set(.exactSignature, best.specificity)
                    if exact.contains(where: \.isUnique) { set(.uniqueSignature, 1) }
                    let own = index.providers.indices.contains(provider) ? index.providers[provider].id : ""
                    evidence.sharedWith = best.claimedBy.filter { $0 != document }.map { index.document($0).provider }.filter { $0 != own }
                }
                if let best = near.first { set(.nearSignature, best.strength) }
                set(.moreSignatures, min(Double(signatures.count - 1), 2) / 2)
                evidence.exact = exact.map(\.text)
                evidence.near = near.map { ($0.text, $0.found, $0.length) }
            }
            let http = index.documentHTTP(document)
            if let status = paste.statuses.first(where: http.contains) {
                set(.status, 1)
                evidence.status = status
            } else if !paste.statuses.isEmpty && !http.isEmpty {
                set(.statusConflict, 1)
            }
            if let hint = providers.hinted[provider] {
                set(hint.strong ? .strongProvider : .weakProvider, 1)
                evidence.provider = hint.reason
                evidence.strongProvider = hint.strong
            }
            if !evidence.strongProvider && providers.strongProviders > 0 { set(.otherProvider, 1) }
            if providers.unknown != nil && providers.hinted[provider] == nil { set(.unknownProvider, 1) }
            let category = index.documentCategory(document)
            if let cue = cues.first(where: { $0.category == category }) {
                set(.category, 1)
                evidence.categoryCue = cue.word
            }
            let score = bm25.score[document]
            let wordEvidence = score / (score + parameters.wordsHalf)
            if typed {
                set(.typedWords, wordEvidence)
                let share = words.isEmpty ? 0 : Double(bm25.matched[document]) / Double(words.count)
                set(.coverage, share * share)
            } else {
                set(.words, wordEvidence)
            }
            // Words alone do not make a candidate: unrelated errors share many words with
            // entries ("cannot connect … daemon running"), but not a signature, the entry's
            // provider or most of a typed query. (A status or a class name alone would make
            // candidates of every entry of its kind, and the browser fetch the facts of each.)
            let anchored = collector.signatures[document] != nil || evidence.provider != nil || features[Feature.coverage.rawValue] >= 0.25
            guard anchored else { continue }
            candidates.append(Candidate(document: document, features: features, evidence: evidence))
        }
        // Shares of the best candidate's evidence, once every candidate is known; the best counts
        // as at least a half-specific signature, so that the best of weak evidence (a generic
        // "Internal server error") is not made strong by the share.
        func signatureStrength(_ candidate: Candidate) -> Double {
            max(candidate.features[Feature.exactSignature.rawValue], candidate.features[Feature.nearSignature.rawValue])
        }
        var bestWords = 0.0, bestSignature = 0.5
        for candidate in candidates {
            bestWords = max(bestWords, bm25.score[candidate.document])
            bestSignature = max(bestSignature, signatureStrength(candidate))
        }
        for position in candidates.indices {
            if bestWords > 0 { candidates[position].features[Feature.relativeWords.rawValue] = bm25.score[candidates[position].document] / bestWords }
            candidates[position].features[Feature.relativeSignature.rawValue] = signatureStrength(candidates[position]) / bestSignature
            candidates[position].features = candidates[position].features.map(rounded)
        }
        return Reading(paste: paste, candidates: candidates, words: words, corrections: corrections, unknownProvider: providers.strongProviders == 0 ? providers.unknown : nil)
    }

    /// Per-document evidence in flat arrays: a common word can touch most of a large index, and
    /// arrays cost far less than a dictionary entry per document.
    struct Collector {
        var touched: [Int] = []
        private var seen: [Bool]
        var signatures: [Int: [SignatureMatch]] = [:]

        init(documentCount: Int) {
            seen = [Bool](repeating: false, count: documentCount)
        }

        mutating func touch(_ document: Int) {
            guard document >= 0, document < seen.count, !seen[document] else { return }
            seen[document] = true
            touched.append(document)
        }
    }

    /// A signature found in the paste.
    struct SignatureMatch {
        var text: String
        var exact: Bool
        /// Tokens found in order, and the signature's length.
        var found: Int
        var length: Int
        var specificity: Double
        /// Found word for word, claimed by no other entry, and specific (two words or an identifier).
        var isUnique: Bool
        /// Every document that claims the same tokens.
        var claimedBy: [Int]
        /// A near match's evidence: the share found times the specificity.
        var strength: Double { exact ? specificity : Double(found) / Double(length) * specificity }
    }

    /// The paste's tokens as a signature is aligned against them.
    struct TokenTable {
        var tokens: [String]
        var lines: [Int]
        /// Where each token is, in order.
        var positions: [String: [Int]] = [:]
        /// Where two neighbouring tokens spell one word together (`overload` `ed`, cut by a
        /// terminal's wrapping), by the first token's position.
        var joined: [String: [Int]] = [:]

        init(tokens: [String], lines: [Int]) {
            self.tokens = tokens
            self.lines = lines
            for (position, token) in tokens.enumerated() {
                positions[token, default: []].append(position)
                if position + 1 < tokens.count, !Tokenizer.isNumber(token) { joined[token + tokens[position + 1], default: []].append(position) }
            }
        }
    }

    /// Signatures in the paste: looked up by its tokens and pairs of neighbouring tokens (the
    /// keys of `SearchIndexBuilder.keys`), then found word for word, or nearly (in order, gaps
    /// allowed, nearly every token).
    func matchSignatures(_ tokens: [String], paste: PasteAnalysis, typed: Bool, into collector: inout Collector) {
        let table = TokenTable(tokens: tokens, lines: paste.tokenLines.count == tokens.count ? paste.tokenLines : [Int](repeating: 0, count: tokens.count))
        var checked = Set<Int>()
        var found: [(position: Int, record: SearchIndex.SignatureRecord, exact: Bool, count: Int)] = []
        var keys: [String] = []
        for (position, token) in tokens.enumerated() {
            keys.append(token)
            if position + 1 < tokens.count { keys.append(token + " " + tokens[position + 1]) }
        }
        for key in keys {
            for (position, record) in index.signatures(key: key) where checked.insert(position).inserted {
                let alignment = align(record.tokens, in: table)
                let length = record.tokens.count
                if record.isIdentifier {
                    // A code value (`permission_denied`) is one identifier: it must be there
                    // as written, or prose ("Permission denied (publickey)") would match it;
                    // or cut only by wrapping. Someone typing a query writes the words and
                    // means the code.
                    let asWritten = alignment.exact && (typed || ByteText.contains(paste.lowercased, ByteText.lowercased(record.text)))
                    guard asWritten || (alignment.found == length && alignment.gaps == 0 && alignment.joins > 0) else { continue }
                    found.append((position, record, asWritten, alignment.found))
                    continue
                }
                // Near: every token there (with gaps or cut by wrapping), or all but one of a
                // long signature (a changed number, a cut end). Looser near matches fire on
                // other entries' lookalike messages far more often than on the right one.
                let near = alignment.found == length
                    || (length >= 5 && alignment.found >= length - 1 && Double(alignment.found) >= parameters.nearShare * Double(length))
                guard alignment.exact || near else { continue }
                found.append((position, record, alignment.exact, alignment.found))
            }
        }
        var claimants: [[String]: [Int]] = [:]
        for item in found where item.exact { claimants[item.record.tokens, default: []].append(item.record.document) }
        for item in found.sorted(by: { $0.position < $1.position }) {
            let record = item.record
            let claimed = (claimants[record.tokens] ?? [record.document]).sorted()
            let unique = item.exact && record.claimants == 1 && !record.isGeneric && (record.tokens.count >= 2 || record.isIdentifier)
            let match = SignatureMatch(text: record.text, exact: item.exact, found: item.count, length: record.tokens.count,
                                       specificity: record.specificity, isUnique: unique, claimedBy: claimed)
            collector.signatures[record.document, default: []].append(match)
            collector.touch(record.document)
        }
    }

    /// How a signature lines up with the paste: how many of its tokens are there in order,
    /// how many paste tokens lie between them, how many were spelled across two tokens, and
    /// whether all of them are there one after the other.
    struct Alignment {
        var found = 0
        var gaps = 0
        var joins = 0
        var exact = false
    }

    func align(_ signature: [String], in table: TokenTable) -> Alignment {
        guard let first = signature.first else { return Alignment() }
        let length = signature.count, tokens = table.tokens
        for start in table.positions[first] ?? [] where start + length <= tokens.count {
            var offset = 1
            while offset < length && tokens[start + offset] == signature[offset] { offset += 1 }
            if offset == length { return Alignment(found: length, gaps: 0, joins: 0, exact: true) }
        }
        var best = Alignment()
        // A near match may start at any of the first tokens (a cut or changed first word).
        for first in 0..<min(3, length) {
            let starts = (table.positions[signature[first]] ?? []).map { ($0, $0, 0) } + (table.joined[signature[first]] ?? []).map { ($0, $0 + 1, 1) }
            for (_, end, startJoins) in starts.sorted(by: { $0.0 < $1.0 }).prefix(parameters.nearStarts) {
                var current = Alignment(found: 1, gaps: 0, joins: startJoins)
                var last = end, missed = 0
                for next in (first + 1)..<length {
                    func allowed(_ position: Int) -> Bool {
                        guard position > last else { return false }
                        let limit = parameters.nearGap + missed + (table.lines[position] != table.lines[last] ? parameters.lineBreakGap : 0)
                        return position - last - 1 <= limit
                    }
                    let plain = table.positions[signature[next]]?.first(where: { $0 > last }).flatMap { allowed($0) ? $0 : nil }
                    let split = table.joined[signature[next]]?.first(where: { $0 > last }).flatMap { allowed($0) ? $0 : nil }
                    if let position = plain, split.map({ position <= $0 }) ?? true {
                        current.gaps += position - last - 1
                        last = position
                    } else if let position = split {
                        current.gaps += position - last - 1
                        current.joins += 1
                        last = position + 1
                    } else {
                        missed += 1
                        continue
                    }
                    current.found += 1
                    missed = 0
                }
                if current.found > best.found || (current.found == best.found && current.gaps < best.gaps) { best = current }
            }
        }
        return best
    }

    // MARK: Providers

    /// How the paste names providers: per provider, the strongest hint and its words.
    struct ProviderEvidence {
        var hinted: [Int: (strong: Bool, reason: String)] = [:]
        var strongProviders = 0
        var unknown: String?
    }

    /// Providers the paste names: an endpoint host, an env variable, a key format or a local
    /// port (strong), or a name or class-name part (weak; strong in a typed query, where a
    /// provider's name is deliberate, not the name of an SDK used against another API). Also
    /// an API host or a LiteLLM `<Provider>Exception` that the knowledge base does not know.
    func providerEvidence(_ paste: PasteAnalysis, typed: Bool) -> ProviderEvidence {
        var evidence = ProviderEvidence()
        func record(_ provider: Int, strong: Bool, _ reason: String) {
            if let existing = evidence.hinted[provider], existing.strong || !strong { return }
            evidence.hinted[provider] = (strong, reason)
        }
        let tokenSet = Set(paste.tokens)
        var longestPrefix: [Int: Int] = [:]
        var knownHosts = Set<String>()
        for hint in index.hints {
            switch hint.kind {
            case .host:
                for host in paste.hosts where Self.host(host.name, matches: hint.value) {
                    record(hint.provider, strong: true, "provider hint \(hint.value)")
                    knownHosts.insert(host.name)
                }
            case .env:
                if ByteText.contains(paste.redactedText, hint.value) { record(hint.provider, strong: true, "provider hint \(hint.value)") }
            case .port:
                if paste.ports.contains(hint.value) { record(hint.provider, strong: true, "provider hint port \(hint.value)") }
            case .alias:
                let aliasTokens = Tokenizer.tokens(hint.value)
                let named = aliasTokens.count == 1
                    ? tokenSet.contains(aliasTokens[0]) || paste.nameParts.contains(aliasTokens[0])
                    : !aliasTokens.isEmpty && ByteText.contains(paste.lowercased, hint.value)
                if named { record(hint.provider, strong: typed, "provider name \(hint.value)") }
            case .keyPrefix:
                if let length = SecretMasker.keyPrefixLength(hint.value, in: paste.original) {
                    longestPrefix[hint.provider] = max(longestPrefix[hint.provider] ?? 0, length)
                }
            }
        }
        // Only the longest key prefix found counts: an `sk-ant-` key is not a hint for every
        // provider whose keys start with `sk-`.
        if let longest = longestPrefix.values.max() {
            for (provider, length) in longestPrefix.sorted(by: { $0.key < $1.key }) where length == longest {
                record(provider, strong: true, "provider hint \(index.providers[provider].name) key format")
            }
        }
        evidence.strongProviders = evidence.hinted.values.filter(\.strong).count
        // An API the knowledge base does not know: its address, or the provider name LiteLLM
        // puts in its exception class (`litellm.RateLimitError: CohereException`).
        // A host under a known provider's domain (`docs.anthropic.com`, a resource's own
        // `x.openai.azure.com`) is no unknown provider, nor one of its dotted names.
        var knownDomains = Set<String>()
        for hint in index.hints where hint.kind == .host || (hint.kind == .alias && hint.value.utf8.contains(UInt8(ascii: "."))) {
            knownDomains.insert(Self.domain(of: hint.value))
        }
        if let host = paste.hosts.first(where: {
            $0.looksLikeAnAPI && !knownHosts.contains($0.name) && !knownDomains.contains(Self.domain(of: $0.name)) && !index.tables.localHosts.contains($0.name) && !Self.isAddress($0.name)
        }) {
            evidence.unknown = host.name
        } else if tokenSet.contains("litellm") {
            let aliases = Set(index.hints.filter { $0.kind == .alias }.map(\.value))
            for name in paste.exceptionPrefixes where name.utf8.count >= 3 && !index.tables.genericExceptionPrefixes.contains(name) {
                let first = String(decoding: name.utf8.split(separator: UInt8(ascii: "_")).first ?? Substring("").utf8, as: UTF8.self)
                if aliases.contains(name) || aliases.contains(first) { continue }
                evidence.unknown = name
                break
            }
        }
        // A gateway or a local server answers at whatever address it was given: a host of its
        // own is no other provider.
        if evidence.unknown != nil, evidence.hinted.keys.contains(where: { index.providers.indices.contains($0) && index.providers[$0].kind != "api" }) {
            evidence.unknown = nil
        }
        return evidence
    }

    /// Whether a paste's host is an endpoint's: the same, a subdomain of it, or for an
    /// endpoint written with a placeholder (`<resource>.openai.azure.com`) any host under the rest.
    static func host(_ host: String, matches endpoint: String) -> Bool {
        if ByteText.hasPrefix(endpoint, "<"), let dot = endpoint.utf8.firstIndex(of: UInt8(ascii: ".")) {
            let suffix = String(endpoint.utf8[dot...])!
            return ByteText.hasSuffix(host, suffix)
        }
        return host == endpoint || ByteText.hasSuffix(host, "." + endpoint)
    }

    /// The last two labels of a host (`anthropic.com` of `docs.anthropic.com`).
    static func domain(of name: String) -> String {
        let host = String(name.utf8.prefix { $0 != UInt8(ascii: "/") })!
        let labels = host.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.count > 2 else { return host }
        return labels.suffix(2).map { String(decoding: $0, as: UTF8.self) }.joined(separator: ".")
    }

    /// An IPv4 address (a LAN server's), which names no provider.
    static func isAddress(_ host: String) -> Bool {
        host.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || $0 == UInt8(ascii: ".") }
    }

    // MARK: Categories and words

    /// The categories the paste's class names and words point to, in the order of the table.
    func categoryCues(_ paste: PasteAnalysis, tokens: [String]) -> [(word: String, category: String)] {
        let present = Set(tokens).union(paste.nameParts)
        return index.tables.categoryCues.filter { present.contains($0.word) }
    }

    /// BM25 over the words' postings; how many of the words each document has.
    func wordScores(_ words: [String], into collector: inout Collector) -> (score: [Double], matched: [Int]) {
        var score = [Double](repeating: 0, count: index.documentCount)
        var matched = [Int](repeating: 0, count: index.documentCount)
        let k1 = parameters.k1
        for word in words {
            guard let term = index.termIndex(word) else { continue }
            let idf = index.idf(term)
            for posting in index.postings(term) {
                let document = index.postingDocument(posting)
                guard document < index.documentCount else { continue }
                let frequency = index.postingFrequency(posting)
                score[document] = score[document] + idf * frequency * (k1 + 1) / (frequency + k1)
                matched[document] += 1
                collector.touch(document)
            }
        }
        return (score, matched)
    }

    /// The words that contributed most to a document's score, for "why it matched".
    func topWords(_ words: [String], of document: Int, count: Int) -> [String] {
        var contributions: [(word: String, score: Double)] = []
        for word in words {
            guard let term = index.termIndex(word) else { continue }
            let postings = index.postings(term)
            // Postings are sorted by document: binary search for this one.
            var low = postings.lowerBound, high = postings.upperBound
            while low < high {
                let middle = (low + high) / 2
                if index.postingDocument(middle) < document { low = middle + 1 } else { high = middle }
            }
            guard low < postings.upperBound, index.postingDocument(low) == document else { continue }
            let frequency = index.postingFrequency(low)
            contributions.append((word, index.idf(term) * frequency * (parameters.k1 + 1) / (frequency + parameters.k1)))
        }
        contributions.sort { $0.score != $1.score ? $0.score > $1.score : $0.word.utf8.lexicographicallyPrecedes($1.word.utf8) }
        return contributions.prefix(count).map(\.word)
    }

    /// The known word nearest to a misspelt one of a typed query: one edit for short words, two
    /// for long ones; ties go to the more common word, then byte order.
    func correction(for word: String) -> String? {
        let allowed = word.utf8.count >= 8 ? 2 : 1
        let target = Array(word.utf8)
        var best: (word: String, distance: Int, frequency: Int)?
        for position in 0..<index.termCount {
            let candidate = index.term(position)
            let bytes = Array(candidate.utf8)
            guard abs(bytes.count - target.count) <= allowed else { continue }
            let distance = Self.editDistance(target, bytes)
            guard distance <= allowed else { continue }
            let frequency = index.documentFrequency(position)
            if let current = best, distance > current.distance || (distance == current.distance && frequency <= current.frequency) { continue }
            best = (candidate, distance, frequency)
        }
        return best?.word
    }

    /// Levenshtein distance on bytes, adjacent transpositions counting as one edit.
    static func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int { NearestName.editDistance(a, b) }
}
