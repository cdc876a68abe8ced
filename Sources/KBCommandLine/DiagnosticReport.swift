import Foundation
public import KBCore
import KBMarkdown

/// How `kb check` (and every command that meets content errors) shows a run's diagnostics.
public enum DiagnosticReport {
    /// Compiler style, one per line with its fix-it below, then a summary line.
    public static func text(_ diagnostics: [Diagnostic], graph: KnowledgeGraph) -> String {
        diagnostics.map(\.report).joined() + summary(diagnostics, graph: graph) + "\n"
    }

    /// `checked 104 entries of 11 providers: 0 errors, 0 warnings`.
    public static func summary(_ diagnostics: [Diagnostic], graph: KnowledgeGraph) -> String {
        func count(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }
        return "checked \(count(graph.entries.count, "entry", "entries")) of \(count(graph.providers.count, "provider", "providers")): "
            + "\(count(diagnostics.errorCount, "error", "errors")), \(count(diagnostics.warningCount, "warning", "warnings"))"
    }

    /// GitHub Actions workflow commands: each diagnostic becomes an annotation on the pull
    /// request's diff, over its range.
    public static func github(_ diagnostics: [Diagnostic], graph: KnowledgeGraph) -> String {
        func escapeData(_ text: String) -> String {
            text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
        }
        func escapeProperty(_ text: String) -> String {
            escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
        }
        var lines = diagnostics.map { diagnostic -> String in
            var message = diagnostic.message
            if let fixIt = diagnostic.fixIt { message += " (fix-it: \(fixIt.replacement))" }
            var place = "file=\(escapeProperty(diagnostic.path)),line=\(diagnostic.range.start.line),col=\(diagnostic.range.start.column)"
            if diagnostic.range.end != diagnostic.range.start {
                place += ",endLine=\(diagnostic.range.end.line),endColumn=\(diagnostic.range.end.column)"
            }
            return "::\(diagnostic.severity.rawValue) \(place),title=kb check \(diagnostic.code)::\(escapeData(message))"
        }
        lines.append(summary(diagnostics, graph: graph))
        return lines.joined(separator: "\n") + "\n"
    }

    struct JSONPosition: Encodable {
        var line: Int
        var column: Int
    }

    struct JSONRange: Encodable {
        var start: JSONPosition
        var end: JSONPosition

        init(_ range: SourceRange) {
            start = JSONPosition(line: range.start.line, column: range.start.column)
            end = JSONPosition(line: range.end.line, column: range.end.column)
        }
    }

    struct JSONFixIt: Encodable {
        var range: JSONRange
        var replacement: String
    }

    struct JSONDiagnostic: Encodable {
        var code: String
        var name: String
        var path: String
        var line: Int
        var column: Int
        var range: JSONRange
        var severity: String
        var message: String
        var fixIt: JSONFixIt?
    }

    struct JSONReport: Encodable {
        var diagnostics: [JSONDiagnostic]
        var errors: Int
        var warnings: Int
        var entries: Int
        var providers: Int
    }

    /// The report as JSON: each diagnostic with its code, range and fix-it.
    public static func json(_ diagnostics: [Diagnostic], graph: KnowledgeGraph) -> String {
        let report = JSONReport(
            diagnostics: diagnostics.map {
                JSONDiagnostic(
                    code: $0.code.description, name: $0.code.name, path: $0.path, line: $0.position.line, column: $0.position.column,
                    range: JSONRange($0.range), severity: $0.severity.rawValue, message: $0.message,
                    fixIt: $0.fixIt.map { JSONFixIt(range: JSONRange($0.range), replacement: $0.replacement) })
            },
            errors: diagnostics.errorCount, warnings: diagnostics.warningCount,
            entries: graph.entries.count, providers: graph.providers.count
        )
        return JSONOutput.encode(report)
    }
}

enum JSONOutput {
    /// Sorted keys and a trailing newline: the same data gives the same bytes. Encoding these
    /// plain structs cannot fail; if it ever did, that is a bug worth a crash, not a silent `{}`.
    static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
        } catch {
            preconditionFailure("JSON encoding of a report failed: \(error)")
        }
    }
}
