import Foundation
import FuzzDriver
@testable import KBCore
@testable import KBContent
@testable import KBSearch
@testable import KBSite
@testable import KBCommandLine
import KBMarkdown

// Any bytes as a paste, with a key planted in it, searched in the shipped knowledge base: the
// tokenizer, status detection, provider hints and ranking. Whatever surrounds the key, none of it
// reaches the redacted text, the terms shown as matched, or either report; and the results keep
// the ranking's promises.

let index: SearchIndex = {
    let result = Workspace(contentDirectory: repositoryRoot.appendingPathComponent("Content"), displayRoot: "Content").load()
    return SearchIndexBuilder.build(result.graph)
}()
let ranker = Ranker(index: index)

/// Keys of the shapes kb promises to mask, each with what may stand right before it: a key with a
/// provider prefix is found after any byte that is not a letter or digit, a bare one only after
/// a byte that is not part of a key.
struct PlantedKey {
    var prefix: String
    var body: String
    var needsSeparateToken: Bool
}
let keys = [
    PlantedKey(prefix: "sk-proj-", body: "Q7vN2xLk9RmT4bWc8YdF1sHp6JgA3eZu0KqVn5XoMiBt", needsSeparateToken: false),
    PlantedKey(prefix: "sk-ant-api03-", body: "fH3kP9wQ2zL7mN4xR8vT1yB6cJ5dG0sA-eUoWiKqZnVb_xMt", needsSeparateToken: false),
    PlantedKey(prefix: "sk-", body: "Wm4Tz8Kq2Lp6Yx0Nc3Rv7Bf1Hs5Jd9Ga2Ue6Io8Pk4Qw1Ez", needsSeparateToken: false),
    PlantedKey(prefix: "AIza", body: "SyD4kQ8wN2mT6vX0zL3pR7bF1hJ5cG9sAe", needsSeparateToken: false),
    PlantedKey(prefix: "", body: "9f3c2a7b41d86e05fa9c3b7e2d1f4a6c", needsSeparateToken: true),
    PlantedKey(prefix: "Bearer ", body: "tQ5nW8zK2mL4xR7vB1yC3jD6gH9sF0aPe", needsSeparateToken: true),
]


/// Every eight-byte window of `secret` found in `output` but not in the text around the key.
func leaks(of secret: [UInt8], in output: String, around: [UInt8]) -> Bool {
    let output = Array(output.utf8)
    for start in 0...(secret.count - 8) {
        let window = Array(secret[start..<(start + 8)])
        if contains(output, window) && !contains(around, window) { return true }
    }
    return false
}
func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard haystack.count >= needle.count else { return false }
    for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] && haystack[start..<(start + needle.count)].elementsEqual(needle) {
        return true
    }
    return false
}

runFuzzer { data, size in
    // Any paste is a seed: its length picks the key and its first byte where the key goes.
    let input = fuzzInput(data, size)
    let key = keys[input.count % keys.count]
    let split = input.isEmpty ? 0 : input.count * Int(input[0]) / 256
    var before = Array(input[..<split]), after = Array(input[split...])
    // What stands next to the key decides where its token starts and ends.
    let fits: (UInt8) -> Bool = key.needsSeparateToken ? { !SecretMasker.isKeyByte($0) } : { !$0.isASCIIAlphanumeric }
    if let last = before.last, !fits(last) { before.append(0x20) }
    if key.needsSeparateToken, let first = after.first, SecretMasker.isKeyByte(first) { after.insert(0x20, at: 0) }
    let secret = Array(key.body.utf8)
    let paste = String(decoding: before + Array((key.prefix + key.body).utf8) + after, as: UTF8.self)
    let around = Array(String(decoding: before, as: UTF8.self).utf8) + [0x0A] + Array(String(decoding: after, as: UTF8.self).utf8)

    let analysis = ranker.analyse(paste)
    require(!leaks(of: secret, in: analysis.redactedText, around: around), "the key survives redaction: \(analysis.redactedText.debugDescription)")
    require(analysis.redactedSecrets >= 1, "no secret counted")
    for limit in [1, 3] {
        let answer = ranker.search(analysis, limit: limit)
        let results = answer.results
        require(results.count <= limit, "\(results.count) results for limit \(limit)")
        require(!leaks(of: secret, in: answer.redactedText, around: around), "the key survives in the answer's text")
        for result in results {
            require(result.score.isFinite && result.score >= 0 && result.score <= 1, "score \(result.score)")
            require(!leaks(of: secret, in: result.matched.joined(separator: "\n"), around: around), "the key is shown as matched")
        }
        require(zip(results, results.dropFirst()).allSatisfy { $0.score >= $1.score }, "results out of order")
        require(!leaks(of: secret, in: SearchReport.text(answer, style: .init(color: true), explain: ranker.parameters), around: around), "the key reaches the text report")
        require(!leaks(of: secret, in: SearchReport.json(answer), around: around), "the key reaches the JSON report")
        if let unknown = answer.uncertainty?.unknownProvider {
            require(!leaks(of: secret, in: unknown, around: around), "the key is named as a provider")
        }
    }
    return 0
}
