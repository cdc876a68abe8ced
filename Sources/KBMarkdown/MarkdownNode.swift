/// A position in a source file: 1-based line and 1-based column (in UTF-8 bytes, as compilers count).
public struct SourcePosition: Hashable, Comparable, Sendable {
    /// The line, from 1.
    public var line: Int
    /// The column, from 1, in UTF-8 bytes.
    public var column: Int

    /// A position.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}

extension SourcePosition {
    /// Line 1, column 1: where a problem about a whole file is reported.
    public static let start = SourcePosition(line: 1, column: 1)
}

/// A span of a source file, `start` inclusive and `end` exclusive, as swift-markdown's
/// `SourceRange`. A range whose end equals its start marks a place rather than a span.
public struct SourceRange: Hashable, Sendable {
    /// The first position of the span.
    public var start: SourcePosition
    /// The position just after the span.
    public var end: SourcePosition

    /// A span from `start` up to, not including, `end`.
    public init(start: SourcePosition, end: SourcePosition) {
        self.start = start
        self.end = end
    }

    /// The empty range at a position.
    public init(at position: SourcePosition) {
        self.init(start: position, end: position)
    }
}

/// One node of a parsed Markdown document: an immutable Swift copy of a cmark node.
public struct MarkdownNode: Sendable, Equatable {
    /// What a node is, with the attributes cmark gives that kind.
    public enum Kind: Sendable, Equatable {
        case document
        case blockQuote
        case list(ordered: Bool, start: Int, tight: Bool)
        case item
        case codeBlock(info: String)
        case htmlBlock
        case paragraph
        case heading(level: Int)
        case thematicBreak
        case text
        case softBreak
        case lineBreak
        case code
        case htmlInline
        case emphasis
        case strong
        case link(destination: String, title: String)
        case image(source: String, title: String)
        case custom

        /// Whether the node is a block (paragraph, list, heading, …) rather than inline content.
        public var isBlock: Bool {
            switch self {
            case .document, .blockQuote, .list, .item, .codeBlock, .htmlBlock, .paragraph, .heading, .thematicBreak:
                return true
            default:
                return false
            }
        }
    }

    /// What the node is.
    public let kind: Kind
    /// The literal content of text, code, code blocks and raw HTML; empty for containers.
    public let literal: String
    /// Where the node stands in the file (inline nodes take their block's line).
    public let range: SourceRange
    /// The child nodes, in document order.
    public let children: [MarkdownNode]
    /// cmark's safe HTML rendering of this block (raw HTML omitted, unsafe links removed), when
    /// the document was parsed with `MarkdownParser.HTMLRendering`. Present on blocks near the
    /// top of the tree, where callers slice documents into sections; deeper blocks are covered by
    /// their ancestor's rendering.
    public let html: String?

    /// A node; `MarkdownParser` makes them, tests may too.
    public init(kind: Kind, literal: String = "", range: SourceRange, children: [MarkdownNode] = [], html: String? = nil) {
        self.kind = kind
        self.literal = literal
        self.range = range
        self.children = children
        self.html = html
    }

    /// The text a reader sees, without markup: text and code literals, breaks as spaces.
    public var plainText: String {
        var out = ""
        appendPlainText(to: &out)
        return out
    }

    private func appendPlainText(to out: inout String) {
        switch kind {
        case .text, .code:
            out += literal
        case .softBreak, .lineBreak:
            out += " "
        case .codeBlock:
            out += literal
        case .htmlBlock, .htmlInline:
            break
        default:
            for (index, child) in children.enumerated() {
                if index > 0, child.kind.isBlock { out += " " }
                child.appendPlainText(to: &out)
            }
        }
    }

    /// Every node of the subtree in document order, this one first.
    public func walk(_ visit: (MarkdownNode) -> Void) {
        visit(self)
        for child in children { child.walk(visit) }
    }
}

/// A parsed document: the copy of cmark's tree, and where it was cut short if it nested too deep.
public struct MarkdownDocument: Sendable, Equatable {
    /// The document node; its children are the top-level blocks.
    public let root: MarkdownNode
    /// Where nesting first went deeper than `MarkdownParser.maximumDepth`; the copy stops there.
    public var tooDeep: SourcePosition? = nil

    /// A document with this root.
    public init(root: MarkdownNode, tooDeep: SourcePosition? = nil) {
        self.root = root
        self.tooDeep = tooDeep
    }

    /// The top-level blocks, in order.
    public var blocks: [MarkdownNode] { root.children }

    /// The rendered HTML of the whole document (empty unless it was parsed with rendering).
    public var html: String { blocks.compactMap(\.html).joined() }
}
