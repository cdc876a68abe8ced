import Foundation
import Testing

/// The layering Package.swift declares, checked on the sources: what each library may import,
/// that the core layers neither print nor exit, and that every public declaration says what it
/// is. The compiler enforces the dependency direction; these are the rules it cannot see.
@Suite struct ArchitectureTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources")

    /// Every Swift file of a target, with its text.
    static func files(of target: String) throws -> [(name: String, text: String)] {
        let folder = sources.appendingPathComponent(target)
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }.sorted().map {
            ($0, try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8))
        }
    }

    static func imports(_ text: String) -> [String] {
        text.split(separator: "\n").compactMap { line -> String? in
            let words = line.split(separator: " ").map(String.init)
            guard let index = words.firstIndex(of: "import"), index <= 2, words.prefix(index).allSatisfy({ ["public", "@testable", "internal", "package"].contains($0) }) else { return nil }
            return words.count > index + 1 ? words[index + 1] : nil
        }
    }

    /// The search has no file input or output at all, so one ranking serves the CLI, the MCP
    /// server, the fuzzers and the browser parity tests: not even Foundation or the C library.
    @Test func theSearchImportsOnlyTheCoreAndNumerics() throws {
        for (name, text) in try Self.files(of: "KBSearch") {
            for module in Self.imports(text) {
                #expect(["KBCore", "RealModule"].contains(module), "KBSearch/\(name) imports \(module)")
            }
        }
    }

    @Test(arguments: [
        ("KBMarkdown", ["CCmark", "Glibc", "Musl", "Darwin"]),
        ("KBCore", ["KBMarkdown", "Dispatch"]),
        ("KBContent", ["KBCore", "KBMarkdown", "Foundation", "Yams", "Dispatch"]),
        ("KBSite", ["KBCore", "KBMarkdown", "KBContent", "KBSearch", "KBTemplates", "Foundation", "Mustache", "Dispatch"]),
        ("KBTemplates", []),
    ])
    func eachLayerImportsOnlyWhatIsBelowIt(target: String, allowed: [String]) throws {
        for (name, text) in try Self.files(of: target) {
            for module in Self.imports(text) {
                #expect(allowed.contains(module), "\(target)/\(name) imports \(module)")
            }
        }
    }

    /// The libraries report; the executables and the command layer print.
    @Test(arguments: ["KBMarkdown", "KBCore", "KBSearch", "KBContent", "KBSite", "KBPreviewServer", "KBMCPServer"])
    func librariesNeitherPrintNorExit(target: String) throws {
        for (name, text) in try Self.files(of: target) {
            for line in text.split(separator: "\n") where !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
                for call in ["print(", "exit(", "FileHandle.standardOutput", "FileHandle.standardError", "fputs(", "fatalError("] {
                    #expect(!line.contains(call) || line.contains(".\(call)") && call == "print(", "\(target)/\(name): \(line)")
                }
            }
        }
    }

    /// Members that implement a standard protocol's requirement take its documentation.
    static let inherited: Set<String> = ["description", "<", "==", "errorDescription", "hash", "run", "validate", "configuration", "put", "child"]

    /// Every public declaration has a doc comment, so a public API is a decision written down.
    @Test(arguments: ["KBMarkdown", "KBCore", "KBSearch", "KBContent", "KBSite", "KBCommandLine", "KBPreviewServer", "KBMCPServer", "KBTemplates"])
    func everyPublicDeclarationHasADocComment(target: String) throws {
        var undocumented: [String] = []
        for (name, text) in try Self.files(of: target) {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for (number, line) in lines.enumerated() {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                guard trimmed.hasPrefix("public "), !trimmed.hasPrefix("public import") else { continue }
                let words = trimmed.split(separator: " ").dropFirst()
                let identifier = words.first { word in !["static", "final", "private(set)", "mutating", "nonisolated", "override", "let", "var", "func", "enum", "struct", "class", "actor", "protocol", "typealias", "case"].contains(String(word)) }.map(String.init) ?? ""
                let bare = String(identifier.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "<" || $0 == "=" })
                if Self.inherited.contains(bare) || trimmed.hasPrefix("public extension") { continue }
                var previous = number - 1
                while previous >= 0, lines[previous].trimmingCharacters(in: .whitespaces).hasPrefix("@") { previous -= 1 }
                let above = previous >= 0 ? lines[previous].trimmingCharacters(in: .whitespaces) : ""
                if !above.hasPrefix("///") && !(above.hasPrefix("*/") || above.hasSuffix("*/")) {
                    undocumented.append("\(target)/\(name):\(number + 1): \(trimmed.prefix(90))")
                }
            }
        }
        let report = undocumented.joined(separator: "\n")
        #expect(undocumented.isEmpty, "public declarations without a /// comment:\n\(report)")
    }
}
