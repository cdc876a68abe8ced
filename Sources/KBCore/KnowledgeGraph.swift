/// The typed knowledge graph: providers, entries and the edges between entries, with every edge
/// also kept in reverse so a page can list what refers to it.
public struct KnowledgeGraph: Sendable {
    /// An edge between two entries.
    public struct Edge: Hashable, Sendable {
        /// Why two entries are connected.
        public enum Kind: Hashable, Sendable {
            /// Written by an author in `related`.
            case related
            /// Derived: two entries of one provider claim the same signature.
            case sharedSignature(Signature)
            /// Derived: two entries of one provider come with the same HTTP status.
            case sharedHTTP(HTTPStatus)
        }

        /// Where the edge starts.
        public var from: EntryID
        /// Where it ends.
        public var to: EntryID
        /// Why.
        public var kind: Kind
    }

    /// The configuration the content was read with.
    public let configuration: SiteConfiguration
    /// Sorted by id.
    public let providers: [Provider]
    /// Sorted by id.
    public let entries: [Entry]

    private let entryIndex: [EntryID: Int]
    private let providerIndex: [ProviderID: Int]
    private let entriesByProvider: [ProviderID: [EntryID]]
    private let entriesByCategory: [Category: [EntryID]]
    private let entriesByHTTP: [HTTPStatus: [EntryID]]
    private let entriesByTag: [Tag: [EntryID]]
    private let relatedEdges: [EntryID: [EntryID]]
    private let reverseRelatedEdges: [EntryID: [EntryID]]

    /// The graph of these providers and entries, its indexes and reverse edges built once.
    public init(configuration: SiteConfiguration, providers: [Provider], entries: [Entry]) {
        self.configuration = configuration
        self.providers = providers.sorted { $0.id < $1.id }
        self.entries = entries.sorted { $0.id < $1.id }
        entryIndex = Dictionary(self.entries.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        providerIndex = Dictionary(self.providers.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })

        var byProvider: [ProviderID: [EntryID]] = [:]
        var byCategory: [Category: [EntryID]] = [:]
        var byHTTP: [HTTPStatus: [EntryID]] = [:]
        var byTag: [Tag: [EntryID]] = [:]
        var related: [EntryID: [EntryID]] = [:]
        var reverse: [EntryID: [EntryID]] = [:]
        // `entryIndex` is the set of known ids. A second set, made through the key path `\.id`
        // (applied generically, copying each entry's fields), was 6-7 % of kb serve's samples
        // in a one-edit refresh at 10,000 entries (docs/PERFORMANCE.md).
        let known = entryIndex
        for entry in self.entries {
            byProvider[entry.provider, default: []].append(entry.id)
            byCategory[entry.category, default: []].append(entry.id)
            for code in Set(entry.http) { byHTTP[code, default: []].append(entry.id) }
            for tag in Set(entry.tags) { byTag[tag, default: []].append(entry.id) }
            // Unknown ids are reported by validation; the graph only holds edges that resolve.
            var seen = Set<EntryID>()
            for target in entry.related where known[target] != nil && target != entry.id && seen.insert(target).inserted {
                related[entry.id, default: []].append(target)
                reverse[target, default: []].append(entry.id)
            }
        }
        entriesByProvider = byProvider
        entriesByCategory = byCategory
        entriesByHTTP = byHTTP
        entriesByTag = byTag
        relatedEdges = related
        reverseRelatedEdges = reverse.mapValues { $0.sorted() }
    }

    /// The entry with this id.
    public func entry(_ id: EntryID) -> Entry? { entryIndex[id].map { entries[$0] } }
    /// The provider with this id.
    public func provider(_ id: ProviderID) -> Provider? { providerIndex[id].map { providers[$0] } }

    /// A provider's entries, by id.
    public func entries(of provider: ProviderID) -> [Entry] { (entriesByProvider[provider] ?? []).compactMap(entry) }
    /// A category's entries, by id.
    public func entries(in category: Category) -> [Entry] { (entriesByCategory[category] ?? []).compactMap(entry) }
    /// The entries that come with a status, by id.
    public func entries(withHTTP status: HTTPStatus) -> [Entry] { (entriesByHTTP[status] ?? []).compactMap(entry) }
    /// The entries with a tag, by id.
    public func entries(taggedWith tag: Tag) -> [Entry] { (entriesByTag[tag] ?? []).compactMap(entry) }

    /// How many entries a provider has, without copying them.
    public func entryCount(of provider: ProviderID) -> Int { entriesByProvider[provider]?.count ?? 0 }
    /// How many entries a category has.
    public func entryCount(in category: Category) -> Int { entriesByCategory[category]?.count ?? 0 }

    /// The newest entries by date, then id; undated ones last. Sorts positions rather than the
    /// entries themselves, which are large values.
    public func newestEntries(_ limit: Int) -> [Entry] {
        let order = entries.indices.sorted { a, b in
            switch (entries[a].updated, entries[b].updated) {
            case let (x?, y?) where x != y: return x > y
            case (_?, nil): return true
            case (nil, _?): return false
            default: return entries[a].id < entries[b].id
            }
        }
        return order.prefix(limit).map { entries[$0] }
    }

    /// Every status some entry comes with, in order.
    public var httpStatuses: [HTTPStatus] { entriesByHTTP.keys.sorted() }
    /// Every tag some entry has, in order.
    public var tags: [Tag] { entriesByTag.keys.sorted() }
    /// Categories in `kb.yml` order that have at least one entry.
    public var usedCategories: [Category] { configuration.categories.map(\.id).filter { entriesByCategory[$0] != nil } }

    /// The entries this one names in `related`, in the author's order.
    public func related(to id: EntryID) -> [EntryID] { relatedEdges[id] ?? [] }
    /// The entries that name this one in `related`: the reverse edges.
    public func referencedBy(_ id: EntryID) -> [EntryID] { reverseRelatedEdges[id] ?? [] }

    /// Derived edges from one entry: entries of the same provider sharing a signature or a status.
    public func derivedEdges(from id: EntryID) -> [Edge] {
        guard let entry = entry(id) else { return [] }
        let keys = Set(entry.signatures.map(\.matchKey))
        var edges: [Edge] = []
        for other in entries(of: entry.provider) where other.id != id {
            if let shared = other.signatures.first(where: { keys.contains($0.matchKey) }) {
                edges.append(Edge(from: id, to: other.id, kind: .sharedSignature(shared)))
            }
            if let code = entry.http.first(where: other.http.contains) {
                edges.append(Edge(from: id, to: other.id, kind: .sharedHTTP(code)))
            }
        }
        return edges
    }

    /// Every edge once: explicit `related` edges as written, derived ones with `from < to`.
    public var allEdges: [Edge] {
        var edges: [Edge] = []
        for entry in entries {
            edges += related(to: entry.id).map { Edge(from: entry.id, to: $0, kind: .related) }
            edges += derivedEdges(from: entry.id).filter { $0.from < $0.to }
        }
        return edges
    }
}
