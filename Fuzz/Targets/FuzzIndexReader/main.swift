import FuzzDriver
@testable import KBCore
@testable import KBContent
@testable import KBSearch
@testable import KBSite
import KBMarkdown

// Any bytes as a search index file, as `kb search` meets a truncated download, a file from
// another version or a corrupt cache: opening either refuses it with an error or gives an index
// whose every document, term and signature can be read and searched without a crash.

let queries = [
    "HTTP 401: Invalid Authentication",
    "Error code: 429 - {'error': {'message': 'Rate limit reached', 'type': 'requests'}}",
    "overloaded_error 529 anthropic",
    "invalid api key",
]

runFuzzer { data, size in
    guard let index = try? SearchIndex(bytes: fuzzInput(data, size)) else { return 0 }
    _ = index.fingerprint
    // Counts come from the file; a few of each is enough to reach every reading path.
    for document in 0..<min(index.documentCount, 32) {
        let read = index.document(document)
        _ = index.signatures(ofDocument: document)
        _ = index.documentIndex(id: read.id)
    }
    var someTerms: [String] = []
    for term in 0..<min(index.termCount, 64) {
        let text = index.term(term)
        someTerms.append(text)
        _ = index.documentFrequency(term)
        _ = index.termIndex(text)
        _ = index.signatures(key: text)
    }
    for signature in 0..<min(index.signatureCount, 64) { _ = index.signature(signature) }
    // The site cuts whatever index it has into the browser's pieces; a damaged one too.
    if index.documentCount <= 64 && index.termCount <= 4096 { _ = ShardedIndex.files(index) }
    let ranker = Ranker(index: index)
    for query in queries + [someTerms.prefix(6).joined(separator: " ")] {
        for result in ranker.search(query, limit: 3).results {
            require(result.score.isFinite && result.score >= 0 && result.score <= 1, "score \(result.score)")
        }
    }
    return 0
}
