import Foundation
import FuzzDriver
@testable import KBCore
@testable import KBContent
@testable import KBSearch
@testable import KBSite
@testable import KBCommandLine

// Differential: any bytes as a paste, searched by kb (KBSearch) and by the page's search.js under
// Node on the shipped knowledge base's own site pieces. Both must answer the same JSON as
// `kb search --json` prints it and the same masked paste; the parity test checks the evaluation
// sets and generated pastes, this checks what nobody thought to write.

/// The shipped site's search pieces and search.js in a temporary folder, and the index they
/// were cut from.
let (site, index): (URL, SearchIndex) = {
    let loaded = Workspace(contentDirectory: repositoryRoot.appendingPathComponent("Content"), displayRoot: "Content").load()
    guard let templates = TemplateSet.load(from: repositoryRoot.appendingPathComponent("Templates"), displayRoot: "Templates").0 else { fatalError("templates") }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kb-fuzz-parity-\(getpid())")
    var index: SearchIndex?
    for file in PageRenderer(graph: loaded.graph, templates: templates, options: SiteOptions()).searchIndexFiles() {
        let target = folder.appendingPathComponent(file.path)
        try! FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try! Data(file.bytes).write(to: target)
        if file.path.hasSuffix("/index.kbix") { index = try! SearchIndex(bytes: file.bytes) }
    }
    try! FileManager.default.createDirectory(at: folder.appendingPathComponent("assets"), withIntermediateDirectories: true)
    try! FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Templates/assets/search.js"), to: folder.appendingPathComponent("assets/search.js"))
    return (folder, index!)
}()
let ranker = Ranker(index: index)

/// search.js under Node, started once, answering one query per line.
final class BrowserSearch {
    let process = Process()
    let input = Pipe(), output = Pipe()
    var buffer: [UInt8] = []

    init() {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["node", repositoryRoot.appendingPathComponent("Tests/Parity/search-parity.js").path, site.path, "--serve"]
        process.standardInput = input
        process.standardOutput = output
        do { try process.run() } catch { fatalError("cannot start node: \(error); apt-get install nodejs") }
        atexit { try? FileManager.default.removeItem(at: site) }
    }

    func answer(_ text: String, limit: Int, provider: String?) -> [String: Any] {
        var query: [String: Any] = ["text": text, "limit": limit]
        if let provider { query["provider"] = provider }
        var line = Array(try! JSONSerialization.data(withJSONObject: query))
        line.append(0x0A)
        // Plain write(2) and read(2), retried on EINTR: libFuzzer's timers interrupt system
        // calls, and FileHandle turns an interrupted read into a fatal error.
        var written = 0
        while written < line.count {
            let count = line[written...].withUnsafeBytes { write(input.fileHandleForWriting.fileDescriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { fatalError("search.js under node stopped reading") }
            written += count
        }
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            if let end = buffer.firstIndex(of: 0x0A) {
                let answer = Array(buffer[..<end])
                buffer.removeFirst(end + 1)
                guard let object = try? JSONSerialization.jsonObject(with: Data(answer)) as? [String: Any] else { fatalError("node answered \(String(decoding: answer, as: UTF8.self))") }
                return object
            }
            let count = chunk.withUnsafeMutableBytes { read(output.fileHandleForReading.fileDescriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { fatalError("search.js under node stopped") }
            buffer += chunk[..<count]
        }
    }
}
let browser = BrowserSearch()
let providers = ranker.providers

runFuzzer { data, size in
    let bytes = fuzzInput(data, size)
    let text = String(decoding: bytes, as: UTF8.self)
    // The input's length picks the limit and, now and then, a provider filter.
    let limit = [1, 3, 5][bytes.count % 3]
    let provider: String? = bytes.count % 7 == 0 && !providers.isEmpty ? providers[bytes.count % providers.count] : nil
    let answer = ranker.search(text, limit: limit, provider: provider)
    let swift = try! JSONSerialization.jsonObject(with: Data(SearchReport.json(answer).utf8)) as! NSDictionary
    let page = browser.answer(text, limit: limit, provider: provider)
    require((page["json"] as? NSDictionary) == swift, "the page answers \(page["json"] ?? "nothing") where kb search answers \(swift) for \(text.debugDescription)")
    require((page["redactedText"] as? String) == answer.redactedText, "the page masks \((page["redactedText"] as? String ?? "").debugDescription), kb \(answer.redactedText.debugDescription)")
    return 0
}
