import KBMarkdown

/// The split of a content file into its YAML front-matter and its Markdown body.
struct FrontMatterSplit {
    let yaml: String
    /// The file line where the YAML starts (the line after the opening `---`).
    let yamlFirstLine: Int
    let body: String
    /// Lines before the body, to turn body line numbers into file line numbers.
    let bodyLineOffset: Int

    enum Failure: Error, Equatable {
        case empty
        case missingOpening
        case neverCloses
    }

    static func split(_ text: String) -> Result<FrontMatterSplit, Failure> {
        if text.unicodeScalars.allSatisfy(\.properties.isWhitespace) { return .failure(.empty) }
        // Split on the UTF-8 view: splitting Characters runs grapheme breaking over every file.
        var lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { Substring($0) }
        if lines.last == "" { lines.removeLast() }
        guard let first = lines.first, isFence(first) else { return .failure(.missingOpening) }
        guard let closing = lines.indices.dropFirst().first(where: { isFence(lines[$0]) || lines[$0].trimmingTrailingSpaces == "..." }) else {
            return .failure(.neverCloses)
        }
        let yaml = lines[1..<closing].joined(separator: "\n")
        let body = lines[(closing + 1)...].joined(separator: "\n")
        return .success(FrontMatterSplit(yaml: yaml, yamlFirstLine: 2, body: body, bodyLineOffset: closing + 1))
    }

    private static func isFence(_ line: Substring) -> Bool { line.trimmingTrailingSpaces == "---" }
}

extension Substring {
    var trimmingTrailingSpaces: Substring {
        var line = self
        while let last = line.last, last == " " || last == "\t" { line.removeLast() }
        return line
    }
}
