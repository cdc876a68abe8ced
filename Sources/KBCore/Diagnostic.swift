public import KBMarkdown

/// A problem found in the content, reported like a compiler reports one: a stable code, where,
/// how bad, what, and how to fix it when kb can tell. Tools and tests match the code; the message
/// is for people and may be reworded.
public struct Diagnostic: Hashable, Sendable {
    /// How bad a problem is: errors stop a build, warnings do not.
    public enum Severity: String, Sendable, Codable, Comparable {
        case warning
        case error

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .warning && rhs == .error }
    }

    /// A suggested edit: replace the text in `range` with `replacement`, as an editor applies it.
    public struct FixIt: Hashable, Sendable {
        /// The text to replace, in the diagnostic's file.
        public var range: SourceRange
        /// What to put there instead.
        public var replacement: String

        /// An edit of `range`.
        public init(range: SourceRange, replacement: String) {
            self.range = range
            self.replacement = replacement
        }
    }

    /// What kind of problem this is (`KB012`), stable across releases; `kb explain` tells more.
    public var code: DiagnosticCode
    /// Error or warning; the code's default unless the call site knows better.
    public var severity: Severity
    /// The problem in a sentence, with what to do.
    public var message: String
    /// The file as kb was told about it (`Content/openai/x.md`), for editors to open.
    public var path: String
    /// The text the problem is about: a value, a key, a link; an empty range for a whole file.
    public var range: SourceRange
    /// The edit that fixes it, when there is one kb is sure of.
    public var fixIt: FixIt?
    /// Another entry the problem is about (a `related` id, a link's target), so a review of a
    /// change to that entry can keep this diagnostic although its own file did not change.
    public var mentionedEntry: EntryID?

    /// A diagnostic of `code` at `range`, with the code's severity unless one is given.
    public init(_ code: DiagnosticCode, _ message: String, path: String, range: SourceRange, severity: Severity? = nil, fixIt: FixIt? = nil, mentionedEntry: EntryID? = nil) {
        self.code = code
        self.severity = severity ?? code.severity
        self.message = message
        self.path = path
        self.range = range
        self.fixIt = fixIt
        self.mentionedEntry = mentionedEntry
    }

    /// A diagnostic of `code` at one position (an empty range).
    public init(_ code: DiagnosticCode, _ message: String, path: String, at position: SourcePosition, severity: Severity? = nil, fixIt: FixIt? = nil, mentionedEntry: EntryID? = nil) {
        self.init(code, message, path: path, range: SourceRange(at: position), severity: severity, fixIt: fixIt, mentionedEntry: mentionedEntry)
    }

    /// Where the problem starts.
    public var position: SourcePosition { range.start }

    /// `path:line:col: error[KB012]: message`, the form editors and CI annotate from.
    public var formatted: String {
        "\(path):\(position.line):\(position.column): \(severity.rawValue)[\(code)]: \(message)"
    }

    /// The lines a terminal shows: `formatted`, and for a fix-it `    fix-it: 3:11-3:24: rate-limit`
    /// (the range it replaces, then the text), each ending in a newline.
    public var report: String {
        guard let fixIt else { return formatted + "\n" }
        let range = fixIt.range
        return formatted + "\n    fix-it: \(range.start.line):\(range.start.column)-\(range.end.line):\(range.end.column): \(fixIt.replacement)\n"
    }
}

extension Array where Element == Diagnostic {
    /// Whether any of them is an error.
    public var hasErrors: Bool { contains { $0.severity == .error } }
    /// How many are errors.
    public var errorCount: Int { filter { $0.severity == .error }.count }
    /// How many are warnings.
    public var warningCount: Int { filter { $0.severity == .warning }.count }

    /// The diagnostics with this code.
    public func with(_ code: DiagnosticCode) -> [Diagnostic] { filter { $0.code == code } }

    /// File order, then position, so a run's report reads top to bottom and is the same every time.
    public func sortedForReport() -> [Diagnostic] {
        sorted { a, b in
            if a.path != b.path { return a.path < b.path }
            if a.position != b.position { return a.position < b.position }
            if a.severity != b.severity { return a.severity > b.severity }
            if a.code != b.code { return a.code < b.code }
            return a.message < b.message
        }
    }
}
