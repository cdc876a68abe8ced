import Markdown

/// A problem found in the content, reported like a compiler reports one: where, how bad, what,
/// and how to fix it when kb can tell.
public struct Diagnostic: Hashable, Sendable {
    public enum Severity: String, Sendable, Codable, Comparable {
        case warning
        case error

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .warning && rhs == .error }
    }

    /// A suggested edit: replace the text at the diagnostic's position with `replacement`.
    public struct FixIt: Hashable, Sendable {
        public var replacement: String
        public init(replacement: String) { self.replacement = replacement }
    }

    public var severity: Severity
    public var message: String
    /// The file as kb was told about it (`Content/openai/x.md`), for editors to open.
    public var path: String
    public var position: SourcePosition
    public var fixIt: FixIt?

    public init(_ severity: Severity, _ message: String, path: String, at position: SourcePosition, fixIt: FixIt? = nil) {
        self.severity = severity
        self.message = message
        self.path = path
        self.position = position
        self.fixIt = fixIt
    }

    public static func error(_ message: String, path: String, at position: SourcePosition, fixIt: FixIt? = nil) -> Diagnostic {
        Diagnostic(.error, message, path: path, at: position, fixIt: fixIt)
    }

    public static func warning(_ message: String, path: String, at position: SourcePosition, fixIt: FixIt? = nil) -> Diagnostic {
        Diagnostic(.warning, message, path: path, at: position, fixIt: fixIt)
    }

    /// `path:line:col: error: message`, the form editors and CI annotate from.
    public var formatted: String {
        "\(path):\(position.line):\(position.column): \(severity.rawValue): \(message)"
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }
    public var errorCount: Int { filter { $0.severity == .error }.count }
    public var warningCount: Int { filter { $0.severity == .warning }.count }

    /// File order, then position, so a run's report reads top to bottom and is the same every time.
    public func sortedForReport() -> [Diagnostic] {
        sorted { a, b in
            if a.path != b.path { return a.path < b.path }
            if a.position != b.position { return a.position < b.position }
            if a.severity != b.severity { return a.severity > b.severity }
            return a.message < b.message
        }
    }
}

extension SourcePosition {
    public static let start = SourcePosition(line: 1, column: 1)
}

extension Diagnostic {
    /// Markdown nested past what kb copies (see `MarkdownParser.maximumDepth`).
    static func tooDeep(path: String, at position: SourcePosition) -> Diagnostic {
        .error("Markdown nested more than \(MarkdownParser.maximumDepth) levels deep (block quotes, lists or emphasis inside each other); flatten it", path: path, at: position)
    }
}
