import Foundation

/// How `kb check` shows a run's diagnostics.
public enum DiagnosticReport {
    /// Compiler style, one per line, then a summary line.
    public static func text(_ diagnostics: [Diagnostic], graph: KnowledgeGraph) -> String {
        var lines = diagnostics.map { diagnostic -> String in
            var line = diagnostic.formatted
            if let fixIt = diagnostic.fixIt { line += "\n    fix-it: \(fixIt.replacement)" }
            return line
        }
        lines.append(summary(diagnostics, graph: graph))
        return lines.joined(separator: "\n") + "\n"
    }

    public static func summary(_ diagnostics: [Diagnostic], graph: KnowledgeGraph) -> String {
        func count(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }
        return "checked \(count(graph.entries.count, "entry", "entries")) of \(count(graph.providers.count, "provider", "providers")): "
            + "\(count(diagnostics.errorCount, "error", "errors")), \(count(diagnostics.warningCount, "warning", "warnings"))"
    }

    /// GitHub Actions workflow commands: each diagnostic becomes an annotation on the pull
    /// request's diff, at its file and line.
    public static func github(_ diagnostics: [Diagnostic], graph: KnowledgeGraph) -> String {
        func escapeData(_ text: String) -> String {
            text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
        }
        func escapeProperty(_ text: String) -> String {
            escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
        }
        var lines = diagnostics.map { diagnostic -> String in
            let kind = diagnostic.severity == .error ? "error" : "warning"
            var message = diagnostic.message
            if let fixIt = diagnostic.fixIt { message += " (fix-it: \(fixIt.replacement))" }
            return "::\(kind) file=\(escapeProperty(diagnostic.path)),line=\(diagnostic.position.line),col=\(diagnostic.position.column),title=kb check::\(escapeData(message))"
        }
        lines.append(summary(diagnostics, graph: graph))
        return lines.joined(separator: "\n") + "\n"
    }

    struct JSONDiagnostic: Encodable {
        var path: String
        var line: Int
        var column: Int
        var severity: String
        var message: String
        var fixIt: String?
    }

    struct JSONReport: Encodable {
        var diagnostics: [JSONDiagnostic]
        var errors: Int
        var warnings: Int
        var entries: Int
        var providers: Int
    }

    public static func json(_ diagnostics: [Diagnostic], graph: KnowledgeGraph) -> String {
        let report = JSONReport(
            diagnostics: diagnostics.map {
                JSONDiagnostic(path: $0.path, line: $0.position.line, column: $0.position.column, severity: $0.severity.rawValue, message: $0.message, fixIt: $0.fixIt?.replacement)
            },
            errors: diagnostics.errorCount, warnings: diagnostics.warningCount,
            entries: graph.entries.count, providers: graph.providers.count
        )
        return JSONOutput.encode(report)
    }
}

enum JSONOutput {
    /// Sorted keys and a trailing newline: the same data gives the same bytes.
    static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
