import KBCore
import KBMarkdown

/// Turns one entry file into an `Entry`: front-matter through `YAMLFields`, the body through the
/// cmark syntax tree (never regular expressions over the text).
struct EntryParser {
    static let allowedKeys = ["title", "category", "http", "signatures", "related", "tags", "summary", "updated", "aliases", "sources", "verified"]

    let categories: [Category]

    func parse(id: EntryID, source: SourceFile, split: FrontMatterSplit) -> (Entry?, [Diagnostic]) {
        let path = source.displayPath
        var fields = YAMLFields(yaml: split.yaml, path: path, firstLine: split.yamlFirstLine, allowedKeys: Self.allowedKeys)
        var positions = FieldPositions()
        let title = fields.string("title", required: true, example: "\"Authentication failed: invalid API key\"")?.value
        var category: Category?
        if let (name, range) = fields.string("category", required: true, example: "authentication") {
            positions.values["category"] = range
            if categories.contains(Category(name)) {
                category = Category(name)
            } else {
                let names = categories.map(\.rawValue)
                fields.report(.unknownCategory(name, suggestion: NearestName.suggestion(for: name, among: names), known: names, path: path, range: range))
            }
        }
        let signatureValues = fields.stringList("signatures", required: true, example: "[\"Invalid API key\"]")
        if fields.has("signatures"), signatureValues.isEmpty, fields.isReadable, !fields.reportedKeys.contains("signatures") {
            fields.report(.emptySignatures(path: path, range: fields.valueRange(of: "signatures")))
        }
        positions.signatures = signatureValues.map(\.range)

        var http: [HTTPStatus] = []
        for (code, range) in fields.intList("http", example: "[401, 403]") {
            if (100...599).contains(code) {
                http.append(HTTPStatus(code))
            } else {
                fields.report(.invalidHTTPStatus(code, path: path, range: range))
            }
        }

        var related: [EntryID] = []
        for (value, range) in fields.stringList("related", example: "[openai/rate-limit]") {
            if let relatedID = EntryID(value) {
                related.append(relatedID)
                positions.related.append(range)
            } else {
                fields.report(.invalidEntryID(value, path: path, range: range))
            }
        }
        var tags: [Tag] = []
        for (value, range) in fields.stringList("tags", example: "[api-key]") {
            // A tag is a folder of the site (tags/<tag>/): nothing that climbs out of it or nests.
            guard Tag.isValid(value) else {
                fields.report(.invalidTag(value, suggestion: IdentifierSyntax.suggestion(for: value, maximumLength: 64), path: path, range: range))
                continue
            }
            tags.append(Tag(value))
            positions.tags.append(range)
        }
        let aliases = fields.stringList("aliases", example: "[\"bad key\"]").map(\.value)
        let summaryOverride = fields.string("summary", example: "\"One sentence.\"")?.value
        let updated = day("updated", in: &fields, positions: &positions)

        var sources: [String] = []
        let sourceValues = fields.stringList("sources", required: true, example: "[\"https://platform.openai.com/docs/guides/error-codes\"]")
        for (value, range) in sourceValues {
            // A source is what a reviewer opens to check the entry: a public web address.
            guard WebAddress.isHTTP(value) else {
                fields.report(.invalidAddress(.source, value, path: path, range: range))
                continue
            }
            sources.append(value)
        }
        if fields.has("sources"), sourceValues.isEmpty, fields.isReadable, !fields.reportedKeys.contains("sources") {
            fields.report(.missingSources(path: path, range: fields.valueRange(of: "sources")))
        }
        let verified = day("verified", required: true, in: &fields, positions: &positions)
        positions.keys = fields.keyPositions

        var diagnostics = fields.diagnostics
        let document = MarkdownParser.parse(split.body, lineOffset: split.bodyLineOffset)
        let body = EntryBodyReader.read(document, path: path, bodyStart: SourcePosition(line: split.bodyLineOffset + 1, column: 1))
        diagnostics += body.diagnostics
        if let position = document.tooDeep { diagnostics.append(.nestedTooDeep(path: path, at: position)) }

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
            introText: body.introText,
            causes: body.causes,
            fixes: body.fixes,
            faq: body.faq,
            sections: body.sections,
            links: body.links,
            body: MarkdownSource(text: split.body, lineOffset: split.bodyLineOffset),
            source: source,
            positions: positions
        ))
        return (entry, diagnostics)
    }

    /// A `YYYY-MM-DD` field; a value that is no real day is an error at the value.
    private func day(_ key: String, required: Bool = false, in fields: inout YAMLFields, positions: inout FieldPositions) -> Day? {
        guard let (text, range) = fields.string(key, required: required, example: "2026-12-01") else { return nil }
        positions.values[key] = range
        guard let day = Day(text) else {
            fields.report(.invalidDate(key, text, path: fields.path, range: range))
            return nil
        }
        return day
    }
}
