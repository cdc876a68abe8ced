import Foundation
import Markdown

/// Turns one entry file into an `Entry`: front-matter through `YAMLFields`, the body through the
/// cmark syntax tree (never regular expressions over the text).
struct EntryParser {
    static let allowedKeys = ["title", "category", "http", "signatures", "related", "tags", "summary", "updated", "aliases", "sources", "verified"]

    let categories: [Category]

    func parse(id: EntryID, source: SourceFile, split: FrontMatterSplit) -> (Entry?, [Diagnostic]) {
        let path = source.displayPath
        var fields = YAMLFields(yaml: split.yaml, path: path, firstLine: split.yamlFirstLine, allowedKeys: Self.allowedKeys)
        let title = fields.string("title", required: true, example: "\"Authentication failed: invalid API key\"")
        let categoryName = fields.string("category", required: true, example: "authentication")
        var category: Category?
        if let categoryName {
            if categories.contains(Category(categoryName)) {
                category = Category(categoryName)
            } else {
                let names = categories.map(\.rawValue)
                let (message, fixIt) = NearestName.message("unknown category '\(categoryName)'", for: categoryName, among: names)
                fields.report(.error("\(message) (categories: \(names.joined(separator: ", ")))", path: path, at: fields.position(of: "category").valuePosition(after: "category"), fixIt: fixIt))
            }
        }
        var positions = FieldPositions()
        let signatureValues = fields.stringList("signatures", required: true, example: "[\"Invalid API key\"]")
        if fields.has("signatures"), signatureValues.isEmpty, fields.isReadable, !fields.diagnostics.contains(where: { $0.message.contains("'signatures'") }) {
            fields.report(.error("'signatures' needs at least one string as the error prints it, like signatures: [\"Invalid API key\"]", path: path, at: fields.position(of: "signatures")))
        }
        positions.signatures = signatureValues.map(\.position)

        var http: [HTTPStatus] = []
        for (code, position) in fields.intList("http", example: "[401, 403]") {
            if (100...599).contains(code) {
                http.append(HTTPStatus(code))
            } else {
                fields.report(.error("\(code) is not an HTTP status code (100 to 599)", path: path, at: position))
            }
        }

        var related: [EntryID] = []
        for (value, position) in fields.stringList("related", example: "[openai/rate-limit]") {
            if let relatedID = EntryID(value) {
                related.append(relatedID)
                positions.related.append(position)
            } else {
                fields.report(.error("'\(value)' is not an entry id; ids look like provider/slug, e.g. openai/rate-limit", path: path, at: position))
            }
        }
        var tags: [Tag] = []
        for (value, position) in fields.stringList("tags", example: "[api-key]") {
            // A tag is a folder of the site (tags/<tag>/): nothing that climbs out of it or nests.
            guard Tag.isValid(value) else {
                let suggestion = IdentifierSyntax.suggestion(for: value)
                fields.report(.error("tag '\(value)' cannot name a page: use up to 64 letters, digits, '-', '_' or '.', starting with a letter or digit, like '\(suggestion)'", path: path, at: position, fixIt: .init(replacement: suggestion)))
                continue
            }
            tags.append(Tag(value))
            positions.tags.append(position)
        }
        let aliases = fields.stringList("aliases", example: "[\"bad key\"]").map(\.value)
        let summaryOverride = fields.string("summary", example: "\"One sentence.\"")
        var updated: Day?
        if let text = fields.string("updated", example: "2026-01-31") {
            updated = Day(text)
            if updated == nil {
                fields.report(.error("'updated' must be a date written YYYY-MM-DD, found '\(text)'", path: path, at: fields.position(of: "updated")))
            }
        }
        var sources: [String] = []
        for (value, position) in fields.stringList("sources", required: true, example: "[\"https://platform.openai.com/docs/guides/error-codes\"]") {
            // A source is what a reviewer opens to check the entry: a public web address.
            guard WebAddress.isHTTP(value) else {
                fields.report(.error("source '\(value)' is not an http:// or https:// address; list the public page, SDK file or issue thread that shows the error", path: path, at: position))
                continue
            }
            sources.append(value)
        }
        if fields.has("sources"), sources.isEmpty, fields.isReadable, !fields.diagnostics.contains(where: { $0.message.contains("'sources'") || $0.message.hasPrefix("source ") }) {
            fields.report(.error("'sources' needs at least one public http(s) address that shows the signatures, like sources: [\"https://platform.openai.com/docs/guides/error-codes\"]", path: path, at: fields.position(of: "sources")))
        }
        var verified: Day?
        if let text = fields.string("verified", required: true, example: "2026-12-01") {
            verified = Day(text)
            if verified == nil {
                fields.report(.error("'verified' must be a date written YYYY-MM-DD, found '\(text)'", path: path, at: fields.position(of: "verified")))
            }
        }
        positions.keys = fields.keyPositions

        var diagnostics = fields.diagnostics
        let document = MarkdownParser.parse(split.body, lineOffset: split.bodyLineOffset)
        let body = EntryBodyReader.read(document, path: path, bodyStart: SourcePosition(line: split.bodyLineOffset + 1, column: 1))
        diagnostics += body.diagnostics
        if let position = document.tooDeep { diagnostics.append(.tooDeep(path: path, at: position)) }

        guard let title, let category, !signatureValues.isEmpty, !diagnostics.hasErrors else {
            return (nil, diagnostics)
        }
        let entry = Entry(Entry.Fields(
            id: id,
            title: title,
            category: category,
            http: http,
            signatures: signatureValues.map { Signature($0.value) },
            related: related,
            tags: tags,
            aliases: aliases,
            summary: summaryOverride ?? body.firstParagraph ?? title,
            updated: updated,
            sources: sources,
            verified: verified,
            introHTML: body.introHTML,
            introText: body.introText,
            causes: body.causes,
            fixes: body.fixes,
            faq: body.faq,
            sections: body.sections,
            links: body.links,
            source: source,
            positions: positions
        ))
        return (entry, diagnostics)
    }
}

extension SourcePosition {
    /// Where the value of `key: value` starts, assuming one space after the colon.
    func valuePosition(after key: String) -> SourcePosition {
        SourcePosition(line: line, column: column + key.utf8.count + 2)
    }
}
