import FuzzDriver
@testable import KBCore
@testable import KBContent
@testable import KBSearch
@testable import KBSite
import KBMarkdown

// Any bytes as a content file: UTF-8 decoding, the front-matter split and the YAML decoding, as
// an entry and as a provider's `_index.md`. The result is a value or diagnostics, and every
// diagnostic points at a line of the file.
runFuzzer { data, size in
    let bytes = fuzzInput(data, size)
    let source = SourceFile(displayPath: "Content/fuzz/entry.md", relativePath: "fuzz/entry.md")
    // A line ends at LF, CR or CRLF, as cmark and libyaml count them.
    var lineCount = 1
    for (offset, byte) in bytes.enumerated() where byte == 0x0A || (byte == 0x0D && (offset + 1 == bytes.count || bytes[offset + 1] != 0x0A)) {
        lineCount += 1
    }
    let roles: [ContentFiles.Role] = [.entry(EntryID(provider: ProviderID("fuzz"), slug: "entry")), .provider(ProviderID("fuzz"))]
    for role in roles {
        let parsed = ContentPipeline.parse(bytes: bytes, source: source, role: role, categories: [Category("auth"), Category("rate-limit")])
        require(parsed.entry != nil || parsed.provider != nil || !parsed.diagnostics.isEmpty, "nothing parsed and nothing reported")
        for diagnostic in parsed.diagnostics {
            let line = diagnostic.position.line
            require(line >= 1 && line <= lineCount + 1, "diagnostic at line \(line) of a \(lineCount)-line file: \(diagnostic.message)")
        }
    }
    return 0
}
