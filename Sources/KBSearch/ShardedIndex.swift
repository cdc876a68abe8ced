import KBCore

/// The browser's copy of an index, in pieces small enough that one paste fetches only what it
/// needs: the core (ranking tables, parameters, providers and their hints), the word shards its
/// tokens fall in (each holding those words' postings and the signatures keyed by them), the
/// blocks of document facts its candidates need, and the records of the results it shows.
///
/// Every piece lives under a generation folder named by the hash of all of them, so a static
/// host or CDN may cache them forever; `manifest.js` (and `manifest.json`, for `kb update` and
/// other tools) is the one small file that says which generation is current, and must not be
/// cached. Pieces are scripts (`kb.shard("t/12", {…})`) rather than JSON so that a site opened
/// from disk (file://, where browsers refuse fetch) searches too. The data are the single-file
/// index's, written out: the browser's ranking reads the very numbers `kb search` does.
public enum ShardedIndex {
    /// One file of the sharded index, relative to the site's `search/` folder.
    public struct File: Sendable, Equatable {
        /// The path under `search/`.
        public var path: String
        /// Its bytes.
        public var bytes: [UInt8]
    }

    /// Documents per block of document facts (category, statuses and record name). A paste's
    /// candidates fall in few blocks; the record names (17 bytes a document) are most of a
    /// block, so smaller blocks cost less: at 512 a paste fetched 14 KB of blocks at 10,000
    /// entries, at 128 it fetches less (docs/PERFORMANCE.md, the browser index).
    public static let blockSize = 128
    /// The size a word shard aims at: small enough that a long paste's few dozen known words
    /// cost tens of kilobytes, large enough that a site does not need a file per word.
    static let shardTarget = 3072

    /// The shard a token's word and the signatures it keys are in.
    public static func shard(of token: String, count: Int) -> Int {
        Int(fnv32(token) % UInt32(max(count, 1)))
    }

    /// FNV-1a over a token's bytes, 32 bits (`Math.imul` gives the same in JavaScript).
    static func fnv32(_ token: String, basis: UInt32 = 2_166_136_261) -> UInt32 {
        var hash = basis
        for byte in token.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        return hash
    }

    /// A piece as the script that hands it to the page.
    static func script(_ name: String, _ json: JSONText) -> [UInt8] {
        var script = JSONText()
        script.raw("kb.shard(")
        script.string(name)
        script.raw(",")
        script.append(json)
        script.raw(");\n")
        return script.bytes
    }

    /// Every file of the sharded index, the manifest last, and the generation's name.
    public static func files(_ index: SearchIndex) -> (generation: String, files: [File]) {
        var records: [File] = []
        let (generation, pieces) = files(index) { records.append($0) }
        // The order of before: the generation's pieces, the records, the whole index, the manifests.
        let split = pieces.count - 3
        return (generation, Array(pieces[..<split]) + records + Array(pieces[split...]))
    }

    /// The same files, the records (one per document, the bulk of the bytes) handed to
    /// `records` as each is made rather than kept: at 100,000 entries, holding every record's
    /// JSON and its script until the end was hundreds of megabytes (docs/PERFORMANCE.md).
    /// Returns the generation and the other files, the whole index and the manifests last.
    public static func files(_ index: SearchIndex, records: (File) -> Void) -> (generation: String, files: [File]) {
        var pieces: [(name: String, json: JSONText)] = []

        // Word shards: each word with its counts and postings, each signature key under its
        // first token's shard, with the signatures it finds written out.
        // Words in more documents than have postings, and keys of tokens as common, go in the
        // core: nearly every paste has some of them, and a shard fetched for each would be
        // most of what a paste costs. Every other word or key is in the Bloom filter.
        let limit = SearchIndexBuilder.postingLimit
        var commonTerms = JSONText(), commonKeys = JSONText()
        var bloom = BloomFilter(expected: index.termCount + index.signatureKeyCount)
        var termJSON: [(token: String, json: JSONText)] = []
        for term in 0..<index.termCount {
            if index.documentFrequency(term) > limit {
                if !commonTerms.bytes.isEmpty { commonTerms.raw(",") }
                commonTerms.string(index.term(term))
                commonTerms.raw(":[")
                commonTerms.number(index.documentFrequency(term))
                commonTerms.raw(",")
                commonTerms.number(index.idf(term))
                commonTerms.raw("]")
                continue
            }
            bloom.insert(index.term(term))
            var json = JSONText()
            json.string(index.term(term))
            json.raw(":[")
            json.number(index.documentFrequency(term))
            json.raw(",")
            json.number(index.idf(term))
            let postings = index.postings(term).filter { index.postingDocument($0) < index.documentCount }
            json.raw(",")
            json.numbers(postings.map(index.postingDocument))
            json.raw(",")
            json.numbers(postings.map(index.postingFrequency))
            json.raw("]")
            termJSON.append((index.term(term), json))
        }
        var keyJSON: [(token: String, json: JSONText)] = []
        for key in 0..<index.signatureKeyCount {
            let text = index.signatureKey(key)
            let found = index.signatures(key: text)
            guard !found.isEmpty else { continue }
            var json = JSONText()
            json.string(text)
            json.raw(":")
            json.array(found) { json, item in
                let record = item.record
                json.raw("[")
                json.number(item.position)
                json.raw(",")
                json.number(record.document)
                json.raw(",")
                json.string(record.text)
                json.raw(",")
                json.strings(record.tokens)
                json.raw(",")
                json.number(record.specificity)
                json.raw(",")
                json.number(record.claimants)
                json.raw(",")
                json.number((record.isIdentifier ? 1 : 0) | (record.isGeneric ? 2 : 0))
                json.raw("]")
            }
            if index.signatureKeyFrequency(key) > limit {
                if !commonKeys.bytes.isEmpty { commonKeys.raw(",") }
                commonKeys.append(json)
            } else {
                bloom.insert(text)
                keyJSON.append((text, json))
            }
        }
        let total = termJSON.reduce(0) { $0 + $1.json.bytes.count } + keyJSON.reduce(0) { $0 + $1.json.bytes.count }
        var shardCount = 1
        while shardCount * shardTarget < total { shardCount *= 2 }
        var termsByShard = [[JSONText]](repeating: [], count: shardCount), keysByShard = [[JSONText]](repeating: [], count: shardCount)
        for item in termJSON { termsByShard[shard(of: item.token, count: shardCount)].append(item.json) }
        for item in keyJSON { keysByShard[shard(of: item.token, count: shardCount)].append(item.json) }
        for number in 0..<shardCount {
            var json = JSONText()
            json.raw("{\"t\":{")
            for (position, term) in termsByShard[number].enumerated() {
                if position > 0 { json.raw(",") }
                json.append(term)
            }
            json.raw("},\"k\":{")
            for (position, key) in keysByShard[number].enumerated() {
                if position > 0 { json.raw(",") }
                json.append(key)
            }
            json.raw("}}")
            pieces.append(("t/\(number)", json))
        }

        // One record per document: what a result shows, its fixes and causes included.
        // Named by their content, outside the generation folder: a record that did not change
        // keeps its name from one build (or one edit under `kb serve`) to the next.
        // Terms and keys are in their shards now.
        termJSON = []
        keyJSON = []
        termsByShard = []
        keysByShard = []
        var recordNames: [String] = []
        recordNames.reserveCapacity(index.documentCount)
        for document in 0..<index.documentCount {
            let record = index.document(document)
            var json = JSONText()
            json.raw("{\"id\":")
            json.string(record.id)
            json.raw(",\"title\":")
            json.string(record.title)
            json.raw(",\"provider\":")
            json.string(record.provider)
            json.raw(",\"category\":")
            json.string(record.category)
            json.raw(",\"http\":")
            json.numbers(record.http)
            json.raw(",\"path\":")
            json.string(record.path)
            json.raw(",\"summary\":")
            json.string(record.summary)
            json.raw(",\"causes\":")
            json.strings(record.causes)
            json.raw(",\"fixes\":")
            json.strings(record.fixes)
            json.raw(",\"faq\":")
            json.array(record.faq) { json, faq in json.strings([faq.question, faq.answer]) }
            json.raw(",\"related\":")
            json.strings(record.related)
            // A server or timeout error's "is it them or you?" step, shown first among the fixes
            // as on the entry's page and in kb search.
            if let step = index.statusStep(for: record) {
                json.raw(",\"status\":{\"provider\":")
                json.string(step.providerName)
                json.raw(",\"url\":")
                json.string(step.url)
                json.raw(",\"label\":")
                json.string(WebAddress.label(step.url))
                json.raw("}")
            }
            json.raw("}")
            var hash = FNV1a()
            for byte in json.bytes { hash.add(byte) }
            let name = "r/" + hash.hex
            recordNames.append(name)
            records(File(path: name + ".js", bytes: script(name, json)))
        }

        // Blocks of document facts: a category (by its position in the core's list) and the
        // statuses, per document.
        var categories: [String] = []
        var categoryNumber: [String: Int] = [:]
        for document in 0..<index.documentCount {
            let category = index.documentCategory(document)
            if categoryNumber[category] == nil {
                categoryNumber[category] = categories.count
                categories.append(category)
            }
        }
        for block in stride(from: 0, to: index.documentCount, by: blockSize) {
            let documents = Array(block..<min(block + blockSize, index.documentCount))
            var json = JSONText()
            json.raw("{\"c\":")
            json.numbers(documents.map { categoryNumber[index.documentCategory($0)] ?? 0 })
            json.raw(",\"h\":")
            json.array(documents) { $0.numbers(index.documentHTTP($1)) }
            json.raw(",\"r\":")
            json.strings(documents.map { recordNames[$0] })
            json.raw("}")
            pieces.append(("d/\(block / blockSize)", json))
        }

        // The words by length, for correcting a typed query's typos (fetched only then).
        var byLength: [Int: [Int]] = [:]
        for term in 0..<index.termCount { byLength[index.term(term).utf8.count, default: []].append(term) }
        for length in byLength.keys.sorted() {
            var json = JSONText()
            json.array(byLength[length]!) { json, term in
                json.raw("[")
                json.string(index.term(term))
                json.raw(",")
                json.number(index.documentFrequency(term))
                json.raw("]")
            }
            pieces.append(("v/\(length)", json))
        }

        // The core, which every search reads first.
        var core = JSONText()
        core.raw("{\"format\":")
        core.number(SearchIndex.formatVersion)
        core.raw(",\"documents\":")
        core.number(index.documentCount)
        core.raw(",\"shards\":")
        core.number(shardCount)
        core.raw(",\"blockSize\":")
        core.number(blockSize)
        core.raw(",\"lengths\":")
        core.numbers(byLength.keys.sorted())
        core.raw(",\"common\":{")
        core.append(commonTerms)
        core.raw("},\"commonKeys\":{")
        core.append(commonKeys)
        core.raw("},\"bloom\":")
        core.string(bloom.base64)
        core.raw(",\"bloomBits\":")
        core.number(bloom.bitCount)
        core.raw(",\"bloomHashes\":")
        core.number(BloomFilter.hashCount)
        core.raw(",\"fingerprint\":")
        core.string(index.fingerprint)
        core.raw(",\"categories\":")
        core.strings(categories)
        // Each provider with its hints, in the order `index.hints` has them (provider by
        // provider, SearchIndex.init sees to it, so the browser's flat list is the same list): a hint is
        // its kind's number and its value, and the alias that is the provider's id is written
        // as "" (hint values are never empty). Grouped so, 1,000 providers with their hints cost 129 KB
        // of the core instead of 190 KB (docs/PERFORMANCE.md, the browser index).
        var hintsOfProvider = [[SearchIndex.ProviderHint]](repeating: [], count: index.providers.count)
        for hint in index.hints where index.providers.indices.contains(hint.provider) { hintsOfProvider[hint.provider].append(hint) }
        core.raw(",\"hintKinds\":")
        core.strings(SearchIndex.ProviderHint.Kind.allCases.map(\.name))
        core.raw(",\"providers\":")
        core.array(Array(index.providers.enumerated())) { json, item in
            let documents = index.documents(ofProvider: item.offset)
            json.raw("[")
            json.string(item.element.id)
            json.raw(",")
            json.string(item.element.name)
            json.raw(",")
            json.string(item.element.kind)
            json.raw(",")
            json.number(documents.first ?? 0)
            json.raw(",")
            json.number(documents.count)
            json.raw(",[")
            for (position, hint) in hintsOfProvider[item.offset].enumerated() {
                if position > 0 { json.raw(",") }
                json.number(hint.kind.rawValue)
                json.raw(",")
                json.string(hint.kind == .alias && hint.value == item.element.id ? "" : hint.value)
            }
            json.raw("]]")
        }
        let tables = index.tables
        func sortedBytes(_ words: Set<String>) -> [String] { words.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) } }
        core.raw(",\"stopwords\":")
        core.strings(sortedBytes(tables.stopwords))
        core.raw(",\"keyPrefixes\":")
        core.strings(tables.keyPrefixes)
        core.raw(",\"labels\":")
        core.strings(tables.credentialLabels)
        core.raw(",\"lead\":")
        core.strings(sortedBytes(tables.statusLeadWords))
        core.raw(",\"reason\":")
        core.strings(sortedBytes(tables.reasonWords))
        core.raw(",\"localHosts\":")
        core.strings(sortedBytes(tables.localHosts))
        core.raw(",\"genericExceptionPrefixes\":")
        core.strings(sortedBytes(tables.genericExceptionPrefixes))
        core.raw(",\"apiPathWords\":")
        core.strings(tables.apiPathWords)
        core.raw(",\"sourceExtensions\":")
        core.strings(sortedBytes(tables.sourceExtensions))
        core.raw(",\"cues\":")
        core.array(tables.categoryCues) { $0.strings([$1.word, $1.category]) }
        core.raw(",\"parameters\":{")
        for (position, parameter) in index.parameters.named.enumerated() {
            if position > 0 { core.raw(",") }
            core.string(parameter.name)
            core.raw(":")
            core.number(parameter.value)
        }
        core.raw("},\"features\":")
        core.strings(Feature.allCases.map(\.name))
        core.raw("}")
        pieces.insert(("core", core), at: 0)

        var hash = FNV1a()
        var files: [File] = []
        files.reserveCapacity(pieces.count + 3)
        for position in pieces.indices {
            let bytes = script(pieces[position].name, pieces[position].json)
            pieces[position].json = JSONText()
            hash.add(pieces[position].name)
            for byte in bytes { hash.add(byte) }
            files.append(File(path: pieces[position].name + ".js", bytes: bytes))
        }
        pieces = []
        let full = index.bytes
        var fullHash = FNV1a()
        for byte in full { fullHash.add(byte) }
        hash.add(fullHash.hex)
        let generation = hash.hex
        for position in files.indices { files[position].path = generation + "/" + files[position].path }
        files.append(File(path: generation + "/index.kbix", bytes: full))

        var manifest = JSONText()
        manifest.raw("{\"format\":")
        manifest.number(SearchIndex.formatVersion)
        manifest.raw(",\"generation\":")
        manifest.string(generation)
        manifest.raw(",\"index\":")
        manifest.string(generation + "/index.kbix")
        manifest.raw(",\"bytes\":")
        manifest.number(full.count)
        manifest.raw(",\"fnv1a\":")
        manifest.string(fullHash.hex)
        manifest.raw("}")
        files.append(File(path: "manifest.json", bytes: manifest.bytes + [0x0A]))
        files.append(File(path: "manifest.js", bytes: Array("kb.manifest(".utf8) + manifest.bytes + Array(");\n".utf8)))
        return (generation, files)
    }
}

/// Which tokens have a shard entry, so the browser fetches no shard for a token the index does
/// not know (most of a stack trace): a Bloom filter, never wrong about a token it holds. Seven
/// bits a token with five hashes (3.5 % false positives) up to 64 KB; a larger index gets more
/// false positives, which cost a fetch, not a wrong answer. Every paste downloads the filter
/// whole, and a false positive costs one word shard (2.4 KB on average at 10,000 entries): at
/// ten bits (1 %) the filter was 47 KB of the 71 KB core at 10,000 entries; at seven it is
/// 33 KB, and the 600 planted pastes fetch 14 KB less each for 0.5 KB more of shards
/// (docs/PERFORMANCE.md, the browser index).
struct BloomFilter {
    static let hashCount = 5
    static let bitsPerToken = 7
    static let maximumBits = 64 * 1024 * 8
    let bitCount: Int
    private var bits: [UInt8]

    init(expected: Int) {
        bitCount = max(64, min(Self.maximumBits, expected * Self.bitsPerToken))
        bits = [UInt8](repeating: 0, count: (bitCount + 7) / 8)
    }

    /// The bit positions of a token: double hashing over two FNV-1a hashes.
    static func positions(_ token: String, bitCount: Int) -> [Int] {
        let first = ShardedIndex.fnv32(token), second = ShardedIndex.fnv32(token, basis: 0x5BD1_E995) | 1
        return (0..<hashCount).map { Int((first &+ UInt32($0) &* second) % UInt32(bitCount)) }
    }

    mutating func insert(_ token: String) {
        for position in Self.positions(token, bitCount: bitCount) { bits[position >> 3] |= 1 << UInt8(position & 7) }
    }

    func contains(_ token: String) -> Bool {
        Self.positions(token, bitCount: bitCount).allSatisfy { bits[$0 >> 3] & (1 << UInt8($0 & 7)) != 0 }
    }

    var base64: String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out: [UInt8] = []
        var index = 0
        while index < bits.count {
            let a = UInt32(bits[index]), b = index + 1 < bits.count ? UInt32(bits[index + 1]) : 0, c = index + 2 < bits.count ? UInt32(bits[index + 2]) : 0
            let triple = a << 16 | b << 8 | c
            out.append(alphabet[Int(triple >> 18 & 63)])
            out.append(alphabet[Int(triple >> 12 & 63)])
            out.append(index + 1 < bits.count ? alphabet[Int(triple >> 6 & 63)] : UInt8(ascii: "="))
            out.append(index + 2 < bits.count ? alphabet[Int(triple & 63)] : UInt8(ascii: "="))
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}
