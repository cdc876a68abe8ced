import KBCore
public import KBMarkdown

/// Reads the sections of an entry's body from its syntax tree: the introduction, then `##`
/// sections, of which Causes, Fixes and FAQ have a shape of their own. The same reading slices
/// a document parsed with HTML for the site (`EntryBodyReader.HTML`), so the text the search
/// indexes and the HTML a page shows come from one definition of the sections.
public struct EntryBodyReader: Sendable {
    /// The HTML of the parts of a body, in the order the reader finds them; present when the
    /// document was parsed with `MarkdownParser.HTMLRendering`.
    public struct HTML: Sendable, Equatable {
        /// The blocks before the first section.
        public var intro = ""
        /// Each cause's item content, without its `<li>`.
        public var causes: [String] = []
        /// Each fix step's item content.
        public var fixes: [String] = []
        /// Each FAQ answer's blocks.
        public var answers: [String] = []
        /// Each section's blocks, in document order.
        public var sections: [String] = []
    }

    /// The HTML of a rendered body.
    public private(set) var html = HTML()
    var introText = ""
    var firstParagraph: String?
    var causes: [Cause] = []
    var fixes: [FixStep] = []
    var faq: [FAQItem] = []
    var sections: [EntrySection] = []
    var links: [EntryLink] = []
    var diagnostics: [Diagnostic] = []

    static let headingAliases: [String: EntrySection.Kind] = [
        "causes": .causes, "common causes": .causes,
        "fixes": .fixes, "how to fix it": .fixes, "fix": .fixes,
        "faq": .faq, "frequently asked questions": .faq,
    ]

    /// Reads a body; problems are diagnostics against `path`.
    public static func read(_ document: MarkdownDocument, path: String, bodyStart: SourcePosition) -> EntryBodyReader {
        var reader = EntryBodyReader()
        var current: (heading: MarkdownNode, blocks: [MarkdownNode])?
        var intro: [MarkdownNode] = []
        for block in document.blocks {
            if case .heading(let level) = block.kind, level == 2 {
                if let current { reader.addSection(current.heading, current.blocks, path: path) }
                current = (block, [])
            } else if current != nil {
                current!.blocks.append(block)
            } else {
                intro.append(block)
            }
        }
        if let current { reader.addSection(current.heading, current.blocks, path: path) }
        document.root.walk { node in
            if case .link(let destination, _) = node.kind {
                reader.links.append(EntryLink(destination: destination, position: node.range.start))
            }
        }

        reader.html.intro = intro.compactMap(\.html).joined()
        reader.introText = intro.map(\.plainText).joined(separator: "\n")
        reader.firstParagraph = intro.first { $0.kind == .paragraph }?.plainText
        if reader.firstParagraph == nil {
            reader.diagnostics.append(.missingIntroduction(path: path, at: bodyStart))
        }
        for kind in [EntrySection.Kind.causes, .fixes, .faq] where !reader.sections.contains(where: { $0.kind == kind }) {
            reader.diagnostics.append(.missingSection(kind, path: path, at: bodyStart))
        }
        return reader
    }

    private mutating func addSection(_ heading: MarkdownNode, _ blocks: [MarkdownNode], path: String) {
        let title = heading.plainText.trimmed
        let kind = Self.headingAliases[title.lowercased()] ?? .other
        let position = heading.range.start
        if kind != .other, sections.contains(where: { $0.kind == kind }) {
            diagnostics.append(.duplicateSection(title, path: path, at: position))
            return
        }
        switch kind {
        case .causes: readCauses(blocks, path: path, at: position)
        case .fixes: readFixes(blocks, path: path, at: position)
        case .faq: readFAQ(blocks, path: path, at: position)
        case .other: break
        }
        sections.append(EntrySection(kind: kind, title: title, text: blocks.map(\.plainText).joined(separator: "\n"), position: position))
        html.sections.append(blocks.compactMap(\.html).joined())
    }

    private mutating func readCauses(_ blocks: [MarkdownNode], path: String, at position: SourcePosition) {
        guard let list = blocks.first(where: { if case .list(false, _, _) = $0.kind { true } else { false } }) else {
            diagnostics.append(.causesNotBullets(path: path, at: position))
            return
        }
        causes = list.children.map { item in Cause(name: Self.leadingBoldPhrase(of: item), text: item.plainText) }
        html.causes = list.children.map(Self.innerHTML)
    }

    private mutating func readFixes(_ blocks: [MarkdownNode], path: String, at position: SourcePosition) {
        guard let list = blocks.first(where: { if case .list(true, _, _) = $0.kind { true } else { false } }) else {
            let hasBullets = blocks.contains { if case .list(false, _, _) = $0.kind { true } else { false } }
            diagnostics.append(.fixesNotNumbered(hasBullets: hasBullets, path: path, at: position))
            return
        }
        fixes = list.children.map { FixStep(text: $0.plainText) }
        html.fixes = list.children.map(Self.innerHTML)
    }

    private mutating func readFAQ(_ blocks: [MarkdownNode], path: String, at position: SourcePosition) {
        var question: MarkdownNode?
        var answer: [MarkdownNode] = []
        func flush() {
            guard let question else { return }
            faq.append(FAQItem(question: question.plainText.trimmed, answerText: answer.map(\.plainText).joined(separator: "\n"), position: question.range.start))
            html.answers.append(answer.compactMap(\.html).joined())
        }
        for block in blocks {
            if case .heading(3) = block.kind {
                flush()
                question = block
                answer = []
            } else {
                answer.append(block)
            }
        }
        flush()
        if faq.isEmpty {
            diagnostics.append(.emptyFAQ(path: path, at: position))
        }
        for item in faq where item.answerText.trimmed.isEmpty {
            diagnostics.append(.unansweredQuestion(item.question, path: path, at: item.position))
        }
    }

    /// The bold phrase an item opens with (`**Key revoked.** ...`), its trailing period dropped.
    static func leadingBoldPhrase(of item: MarkdownNode) -> String? {
        guard let paragraph = item.children.first, paragraph.kind == .paragraph,
              let first = paragraph.children.first, first.kind == .strong else { return nil }
        var name = first.plainText.trimmed
        while let last = name.last, last == "." || last == ":" { name.removeLast() }
        return name.isEmpty ? nil : name
    }

    /// An item's content without its `<li>`: its children carry their own rendering, which cmark
    /// produced knowing whether the list is tight.
    static func innerHTML(_ item: MarkdownNode) -> String {
        item.children.compactMap(\.html).joined()
    }
}
