import Foundation
import KBCore
import KBSearch

/// What `kb show` and `kb search` print that the search index does not carry: each entry's
/// sources and `verified` day, and each provider's status page. Kept in a small file beside the
/// index (`index.kbix` → `index.facts`), written whenever kb writes an index from content (the
/// cache, `kb index --output`, so `make install` ships one too), and used only when it was
/// written with that index. An index without one (a downloaded site index) still searches;
/// its reports just leave the sources and the status step out.
///
/// The format is lines of tab-separated fields, providers first, so `kb search`, which needs
/// only the status pages, stops reading at the first entry:
///
///     kb-facts 1
///     index <fingerprint> <document count>
///     provider <id> <status URL>
///     entry <id> <verified day> <source URL>…
///
/// No field can hold a tab or a line break: ids are folder and file names, days are digits, and
/// `kb check` allows no white space in a URL (fields that would are dropped, not misread).
struct EntryFacts: Sendable, Equatable {
    struct EntryFact: Sendable, Equatable {
        var sources: [String]
        var verified: String?
    }

    /// Status pages by provider id.
    var statusPages: [String: String] = [:]
    /// Sources and verified days by entry id: all of them, or only those a reader asked for.
    var entries: [String: EntryFact] = [:]

    static let header = "kb-facts 1"

    init(statusPages: [String: String] = [:], entries: [String: EntryFact] = [:]) {
        self.statusPages = statusPages
        self.entries = entries
    }

    init(_ graph: KnowledgeGraph) {
        for provider in graph.providers {
            if let status = provider.status, !status.isEmpty { statusPages[provider.id.rawValue] = status }
        }
        for entry in graph.entries {
            entries[entry.id.rawValue] = EntryFact(sources: entry.sources, verified: entry.verified?.description)
        }
    }

    /// The status page of a provider, when it has one.
    func status(of provider: String) -> String? { statusPages[provider] }

    /// The file's bytes, for an index of this fingerprint and size; deterministic.
    func bytes(fingerprint: String, documentCount: Int) -> [UInt8] {
        func clean(_ field: String) -> String? { field.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "\r" }) || field.isEmpty ? nil : field }
        var lines = [Self.header, "index\t\(clean(fingerprint) ?? "-")\t\(documentCount)"]
        for (provider, status) in statusPages.sorted(by: { $0.key < $1.key }) {
            guard let provider = clean(provider), let status = clean(status) else { continue }
            lines.append("provider\t\(provider)\t\(status)")
        }
        for (id, fact) in entries.sorted(by: { $0.key < $1.key }) {
            guard let id = clean(id) else { continue }
            lines.append((["entry", id, fact.verified.flatMap(clean) ?? "-"] + fact.sources.compactMap(clean)).joined(separator: "\t"))
        }
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    /// The facts file beside an index file.
    static func file(besideIndex index: URL) -> URL {
        index.deletingPathExtension().appendingPathExtension("facts")
    }

    /// What to read from a file.
    enum Wanted: Sendable, Equatable {
        /// Only the status pages (what `kb search` needs): reading stops where the entries start.
        case statusPages
        /// The status pages and one entry's facts.
        case entry(String)
    }

    /// Reads the facts beside an index; nil when there is no file, it is damaged, or it was
    /// written with another index (its fingerprint or size differs).
    static func read(besideIndex index: URL, for searchIndex: SearchIndex, wanted: Wanted) -> EntryFacts? {
        guard let handle = try? FileHandle(forReadingFrom: file(besideIndex: index)) else { return nil }
        defer { try? handle.close() }
        var reader = Reader(expectedIndex: "\(searchIndex.fingerprint)\t\(searchIndex.documentCount)", wanted: wanted)
        while !reader.finished {
            guard let chunk = try? handle.read(upToCount: 1 << 16), !chunk.isEmpty else { break }
            reader.consume(Array(chunk))
        }
        reader.finish()
        return reader.result
    }

    /// Parses the file line by line as its chunks arrive, and says when it has read enough.
    struct Reader {
        let expectedIndex: String
        let wanted: Wanted
        private var pending: [UInt8] = []
        private var lineNumber = 0
        private var facts = EntryFacts()
        private var failed = false
        private(set) var finished = false

        init(expectedIndex: String, wanted: Wanted) {
            self.expectedIndex = expectedIndex
            self.wanted = wanted
        }

        var result: EntryFacts? { failed || lineNumber < 2 ? nil : facts }

        mutating func consume(_ bytes: [UInt8]) {
            var start = 0
            for (offset, byte) in bytes.enumerated() where byte == 0x0A {
                line(pending + bytes[start..<offset])
                pending = []
                start = offset + 1
                if finished { return }
            }
            pending += bytes[start...]
        }

        mutating func finish() {
            if !finished, !pending.isEmpty { line(pending) }
            pending = []
            finished = true
        }

        private mutating func line(_ bytes: [UInt8]) {
            guard !finished else { return }
            let text = String(decoding: bytes, as: UTF8.self)
            lineNumber += 1
            switch lineNumber {
            case 1:
                if text != EntryFacts.header { stop(failing: true) }
            case 2:
                if text != "index\t" + expectedIndex { stop(failing: true) }
            default:
                let fields = text.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                switch fields.first {
                case "provider" where fields.count == 3:
                    facts.statusPages[fields[1]] = fields[2]
                case "entry" where fields.count >= 3:
                    switch wanted {
                    case .statusPages: stop(failing: false)
                    case .entry(let id):
                        guard fields[1] == id else { return }
                        facts.entries[id] = EntryFact(sources: Array(fields.dropFirst(3)), verified: fields[2] == "-" ? nil : fields[2])
                        stop(failing: false)
                    }
                default:
                    break
                }
            }
        }

        private mutating func stop(failing: Bool) {
            failed = failed || failing
            finished = true
        }
    }
}

extension EntryFacts {
    /// The "is it them or you?" step a document's fixes start with, if any.
    func statusStep(for document: SearchIndex.Document, in index: SearchIndex) -> StatusPageStep? {
        let name = index.providers.first { $0.id == document.provider }?.name ?? document.provider
        return StatusPageStep.step(category: document.category, providerName: name, status: status(of: document.provider), fixes: document.fixes)
    }
}
