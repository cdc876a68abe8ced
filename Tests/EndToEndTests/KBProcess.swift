import Foundation

/// Runs the built `kb` binary the way a user's shell does.
struct KBProcess {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The `kb` beside the test bundle: SwiftPM builds both into the same products folder.
    static let binary: URL = {
        var candidates: [URL] = []
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        candidates.append(runner.deletingLastPathComponent().appendingPathComponent("kb"))
        candidates.append(Bundle.main.bundleURL.appendingPathComponent("kb"))
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("kb"))
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(packageRoot.appendingPathComponent(".build/debug/kb"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates.last!
    }()

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func run(_ arguments: [String], in directory: URL? = nil, stdin: String? = nil, environment: [String: String] = [:]) throws -> Output {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? packageRoot
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "KB_CONTENT")
        env["NO_COLOR"] = "1"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        // Files rather than pipes: no output size can block the child, and stdin can be large.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("kb-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let stdoutURL = scratch.appendingPathComponent("stdout"), stderrURL = scratch.appendingPathComponent("stderr"), stdinURL = scratch.appendingPathComponent("stdin")
        try Data((stdin ?? "").utf8).write(to: stdinURL)
        FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: stdoutURL), err = try FileHandle(forWritingTo: stderrURL), input = try FileHandle(forReadingFrom: stdinURL)
        defer { try? out.close(); try? err.close(); try? input.close() }
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        process.waitUntilExit()
        let stdoutData = try Data(contentsOf: stdoutURL), stderrData = try Data(contentsOf: stderrURL)
        return Output(status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self), stderr: String(decoding: stderrData, as: UTF8.self))
    }
}

/// A throwaway content tree on disk.
struct TemporaryContent {
    let root: URL

    init(_ files: [String: String]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("kb-e2e-\(UUID().uuidString)")
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    static let provider = "---\nname: Example AI\nkind: api\n---\nA provider.\n"

    static func entry(_ title: String, category: String = "authentication", extra: String = "") -> String {
        """
        ---
        title: "\(title)"
        category: \(category)
        signatures: ["\(title) happened"]
        \(extra)
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
