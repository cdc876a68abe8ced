public import Foundation
public import KBContent
public import KBCore

/// A content tree written to a temporary folder, so a test reads like the situation it checks;
/// the folder is removed when the test process ends.
public final class Fixture: @unchecked Sendable {
    // Sendable for tests only: a fixture's files are written before it is shared.
    public let root: URL
    public var content: URL { root.appendingPathComponent("Content") }

    public init(_ files: [String: String] = [:]) throws {
        root = TemporaryFolders.make("kb-fixture")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Content"), withIntermediateDirectories: true)
        for (path, text) in files { try write(path, text) }
    }

    /// Writes `path` relative to Content/.
    public func write(_ path: String, _ text: String) throws {
        try write(path, bytes: Array(text.utf8))
    }

    public func write(_ path: String, bytes: [UInt8]) throws {
        let url = content.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    public var workspace: Workspace { Workspace(contentDirectory: content, displayRoot: "Content") }

    public func load() -> LoadResult { workspace.load() }

    public static let provider = """
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

    /// The `sources` and `verified` lines every entry needs, verified today so no test turns
    /// stale with the calendar.
    public static var sourced: String {
        "sources: [\"https://docs.example.ai/errors\"]\nverified: \(Day.today)"
    }

    /// A valid entry; `frontMatter` lines replace the defaults (`sources` and `verified` are
    /// added when they do not name them), `body` replaces the sections.
    public static func entry(frontMatter: String? = nil, body: String? = nil) -> String {
        var keys = frontMatter ?? """
        title: "Invalid API key"
        category: authentication
        http: [401]
        signatures:
          - "Invalid API key"
          - "invalid_api_key"
        """
        if !keys.contains("sources:") { keys += "\nsources: [\"https://docs.example.ai/errors\"]" }
        if !keys.contains("verified:") { keys += "\nverified: \(Day.today)" }
        return "---\n\(keys)\n---\n" + (body ?? standardBody)
    }

    public static let standardBody = """
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
    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
    public var rendered: String { diagnostics.map(\.formatted).joined(separator: "\n") }
    /// The codes of the diagnostics, in report order.
    public var codes: [DiagnosticCode] { diagnostics.map(\.code) }
}

/// A throwaway repository tree on disk (Content/, Templates/, kb.yml as the test writes them),
/// removed when the test process ends.
public final class TemporaryContent: @unchecked Sendable {
    public let root: URL

    public init(_ files: [String: String]) throws {
        root = TemporaryFolders.make("kb-e2e")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    public static let provider = "---\nname: Example AI\nkind: api\n---\nA provider.\n"

    public static func entry(_ title: String, category: String = "authentication", extra: String = "") -> String {
        """
        ---
        title: "\(title)"
        category: \(category)
        signatures: ["\(title) happened"]
        \(extra)
        \(extra.contains("sources:") ? "" : "sources: [\"https://docs.example.ai/errors\"]")
        \(extra.contains("verified:") ? "" : "verified: \(Day.today)")
        ---
        What it means.

        ## Causes
        - **A cause.** Text.

        ## Fixes
        1. A step.

        ## FAQ
        ### Why?
        Because.

        """
    }
}

/// Temporary folders the tests make, all removed when the test process exits. Not at the end of
/// each object's life: Swift may release a fixture right after its last use, while the test
/// still works in its folder through a URL.
public enum TemporaryFolders {
    private static let registry = Registry()

    /// A new folder name under the temporary directory (not created), removed at exit.
    public static func make(_ prefix: String) -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        registry.add(url)
        return url
    }

    private final class Registry: @unchecked Sendable {
        // Sendable: `folders` is only touched under `lock`.
        private let lock = NSLock()
        private var folders: [URL] = []
        private var installed = false

        func add(_ url: URL) {
            lock.lock()
            folders.append(url)
            let install = !installed
            installed = true
            lock.unlock()
            if install { atexit { TemporaryFolders.registry.removeAll() } }
        }

        func removeAll() {
            lock.lock()
            let all = folders
            folders = []
            lock.unlock()
            for url in all { try? FileManager.default.removeItem(at: url) }
        }
    }
}

/// A small knowledge base for sources, verified days, status pages and provider kinds: a hosted
/// API with a status page (a server error, a timeout whose fixes already name the page, and an
/// authentication error verified long ago) and a local server without one. Paths are relative
/// to Content/.
public enum StatusPageTree {
    public static let statusPage = "https://status.example.ai"
    /// Three days ago, so the entry is fresh whatever the date.
    public static var recentlyVerified: Day { Day(daysSinceEpoch: Day.today.daysSinceEpoch - 3) }
    public static let longAgo = "2020-01-15"

    public static var files: [String: String] {
        [
            "example/_index.md": """
            ---
            name: Example AI
            kind: api
            aliases: [example]
            endpoints:
              - { label: Main, url: "https://api.example.ai/v1" }
            env: [EXAMPLE_API_KEY]
            status: \(statusPage)
            ---
            A hosted API for tests.

            """,
            "example/overloaded.md": entry(
                title: "Example overloaded", category: "server", http: 503, signature: "example_overloaded: the servers are busy",
                sources: ["https://github.com/example/example-sdk/issues/42", "https://docs.example.ai/errors/#server"], verified: recentlyVerified.description,
                fixes: ["Retry with exponential backoff.", "Send fewer requests at once."]),
            "example/slow.md": entry(
                title: "Example request timed out", category: "timeout", http: 504, signature: "example_timeout: upstream took too long",
                sources: ["https://docs.example.ai/timeouts"], verified: recentlyVerified.description,
                fixes: ["Look at status.example.ai for an incident first.", "Raise the client timeout."]),
            "example/invalid-key.md": entry(
                title: "Example key rejected", category: "authentication", http: 401, signature: "example_invalid_key: key not accepted",
                sources: ["https://docs.example.ai/auth"], verified: longAgo,
                fixes: ["Create a new key."]),
            "localbox/_index.md": """
            ---
            name: Localbox
            kind: local
            endpoints:
              - { label: Local, url: "http://localhost:7777/v1" }
            ---
            A local server for tests.

            """,
            "localbox/crashed.md": entry(
                title: "Localbox runner crashed", category: "server", http: 500, signature: "localbox runner process has terminated",
                sources: ["https://docs.localbox.test/troubleshooting"], verified: recentlyVerified.description,
                fixes: ["Restart the server with more memory."]),
        ]
    }

    /// The same files under `Content/`, for `TemporaryContent`.
    public static var repositoryFiles: [String: String] {
        Dictionary(uniqueKeysWithValues: files.map { ("Content/" + $0.key, $0.value) })
    }

    static func entry(title: String, category: String, http: Int, signature: String, sources: [String], verified: String, fixes: [String]) -> String {
        """
        ---
        title: "\(title)"
        category: \(category)
        http: [\(http)]
        signatures: ["\(signature)"]
        sources:
        \(sources.map { "  - \($0)" }.joined(separator: "\n"))
        verified: \(verified)
        ---
        What \(title.lowercased()) means.

        ## Causes
        - **A cause.** Text.

        ## Fixes
        \(fixes.enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(separator: "\n"))

        ## FAQ
        ### Why?
        Because.

        """
    }
}
