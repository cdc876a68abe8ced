import Markdown

/// Reads the sections of an entry's body from its syntax tree: the introduction, then `##`
/// sections, of which Causes, Fixes and FAQ have a shape of their own.
struct EntryBodyReader {
    var introHTML = ""
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

    static func read(_ document: MarkdownDocument, path: String, bodyStart: SourcePosition) -> EntryBodyReader {
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

        reader.introHTML = intro.compactMap(\.html).joined()
        reader.introText = intro.map(\.plainText).joined(separator: "\n")
        reader.firstParagraph = intro.first { $0.kind == .paragraph }?.plainText
        if reader.firstParagraph == nil {
            reader.diagnostics.append(.warning("no paragraph before the first section; start with one or two paragraphs on what the error means", path: path, at: bodyStart))
        }
        for (kind, heading) in [(EntrySection.Kind.causes, "Causes"), (.fixes, "Fixes"), (.faq, "FAQ")]
        where !reader.sections.contains(where: { $0.kind == kind }) {
            let shape = kind == .causes ? "a bullet list" : kind == .fixes ? "a numbered list of steps" : "'### Question?' headings with answers"
            reader.diagnostics.append(.error("missing section '## \(heading)'; add it with \(shape)", path: path, at: bodyStart))
        }
        return reader
    }

    private mutating func addSection(_ heading: MarkdownNode, _ blocks: [MarkdownNode], path: String) {
        let title = heading.plainText.trimmed
        let kind = Self.headingAliases[title.lowercased()] ?? .other
        let position = heading.range.start
        if kind != .other, sections.contains(where: { $0.kind == kind }) {
            diagnostics.append(.error("section '\(title)' appears twice; merge the two", path: path, at: position))
            return
        }
        switch kind {
        case .causes: readCauses(blocks, path: path, at: position)
        case .fixes: readFixes(blocks, path: path, at: position)
        case .faq: readFAQ(blocks, path: path, at: position)
        case .other: break
        }
        sections.append(EntrySection(
            kind: kind,
            title: title,
            html: blocks.compactMap(\.html).joined(),
            text: blocks.map(\.plainText).joined(separator: "\n"),
            position: position
        ))
    }

    private mutating func readCauses(_ blocks: [MarkdownNode], path: String, at position: SourcePosition) {
        guard let list = blocks.first(where: { if case .list(false, _, _) = $0.kind { true } else { false } }) else {
            diagnostics.append(.error("'Causes' must be a bullet list ('- **Short name.** Explanation'), one item a cause", path: path, at: position))
            return
        }
        causes = list.children.map { item in
            Cause(name: Self.leadingBoldPhrase(of: item), text: item.plainText, html: Self.innerHTML(of: item))
        }
    }

    private mutating func readFixes(_ blocks: [MarkdownNode], path: String, at position: SourcePosition) {
        guard let list = blocks.first(where: { if case .list(true, _, _) = $0.kind { true } else { false } }) else {
            let hasBullets = blocks.contains { if case .list(false, _, _) = $0.kind { true } else { false } }
            let hint = hasBullets ? "; it is a bullet list now, number the steps '1.', '2.', ..." : ""
            diagnostics.append(.error("'Fixes' must be a numbered list of steps\(hint)", path: path, at: position))
            return
        }
        fixes = list.children.map { FixStep(text: $0.plainText, html: Self.innerHTML(of: $0)) }
    }

    private mutating func readFAQ(_ blocks: [MarkdownNode], path: String, at position: SourcePosition) {
        var question: MarkdownNode?
        var answer: [MarkdownNode] = []
        func flush() {
            guard let question else { return }
            faq.append(FAQItem(
                question: question.plainText.trimmed,
                answerText: answer.map(\.plainText).joined(separator: "\n"),
                answerHTML: answer.compactMap(\.html).joined(),
                position: question.range.start
            ))
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
            diagnostics.append(.warning("'FAQ' has no questions; write each as '### Question?' followed by its answer", path: path, at: position))
        }
        for item in faq where item.answerText.trimmed.isEmpty {
            diagnostics.append(.warning("FAQ question '\(item.question)' has no answer text", path: path, at: item.position))
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
    static func innerHTML(of item: MarkdownNode) -> String {
        item.children.compactMap(\.html).joined()
    }
}

import Foundation
