import ArgumentParser
import KBCore

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain a diagnostic code: what it means, an example, how to fix it.",
        discussion: """
        Every problem kb check reports carries a code, like error[KB012]. kb explain prints \
        what the code means, a piece of content that has the problem, and the fix, the way \
        rustc --explain does. Without a code it lists them all.

        Examples:
          kb explain KB012
          kb explain 12
          kb explain
        """
    )

    @Argument(help: ArgumentHelp("The code, like KB012.", valueName: "code"))
    var code: String?

    func run() throws {
        guard let code else {
            Output.print(DiagnosticCode.all.map { "\($0)  \($0.severity.rawValue.padding(7))  \($0.explanation.summary)\n" }.joined())
            return
        }
        guard let known = DiagnosticCode(code) else {
            throw ValidationError("'\(code)' is not a kb diagnostic code; kb explain lists them all (KB001 to \(DiagnosticCode.all.last!))")
        }
        Output.print(ExplainReport.text(known))
    }
}

/// What `kb explain` prints about one code.
enum ExplainReport {
    static func text(_ code: DiagnosticCode) -> String {
        let info = code.explanation
        func indented(_ text: String) -> String { text.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n") }
        return """
        \(code) (\(info.name)), \(info.severity.rawValue): \(info.summary)

        \(SearchReport.wrap(info.explanation, indent: "", width: 100))

        Example:
        \(indented(info.example))

        Fix:
        \(SearchReport.wrap(info.fix, indent: "", width: 100))

        """
    }
}
