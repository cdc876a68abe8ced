import Foundation
@testable import KnowledgeBase

/// A content tree written to a temporary folder, so a test reads like the situation it checks.
struct Fixture {
    let root: URL
    var content: URL { root.appendingPathComponent("Content") }

    init(_ files: [String: String] = [:]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("kb-fixture-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Content"), withIntermediateDirectories: true)
        for (path, text) in files { try write(path, text) }
    }

    /// Writes `path` relative to Content/.
    func write(_ path: String, _ text: String) throws {
        try write(path, bytes: Array(text.utf8))
    }

    func write(_ path: String, bytes: [UInt8]) throws {
        let url = content.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    func load() -> LoadResult {
        Workspace(contentDirectory: content, displayRoot: "Content").load()
    }

    static let provider = """
    ---
    name: Example AI
    kind: api
    aliases: [example]
    endpoints:
      - { label: Main, url: "https://api.example.ai/v1" }
    env: [EXAMPLE_API_KEY]
    key_prefixes: ["ex-"]
    ---
    A provider for tests.

    """

    /// A valid entry; `frontMatter` lines replace the defaults, `body` replaces the sections.
    static func entry(frontMatter: String? = nil, body: String? = nil) -> String {
        let keys = frontMatter ?? """
        title: "Invalid API key"
        category: authentication
        http: [401]
        signatures:
          - "Invalid API key"
          - "invalid_api_key"
        """
        return "---\n\(keys)\n---\n" + (body ?? standardBody)
    }

    static let standardBody = """
    The key was rejected.

    ## Causes
    - **Key revoked.** Someone deleted it.
    - A typo in the key.

    ## Fixes
    1. Create a new key.
    2. Set `EXAMPLE_API_KEY` and restart.

    ## FAQ
    ### Why does a new key fail?
    It takes a minute to become active.

    """
}

extension LoadResult {
    var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
    var rendered: String { diagnostics.map(\.formatted).joined(separator: "\n") }
}
