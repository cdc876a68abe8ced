import CCmark

/// Parses CommonMark with libcmark. The whole cmark tree is copied into `MarkdownNode` values in
/// one `cmark_iter` pass and every cmark allocation is freed before `parse` returns, so no C
/// pointer outlives the call.
public enum MarkdownParser {
    /// Asks for cmark's HTML on the blocks callers slice (see `renderedDepth`), with link
    /// destinations rewritten on cmark's tree before it renders: a relative link to another
    /// file becomes the address of its page without touching the rendered text.
    public struct HTMLRendering: Sendable {
        /// The new destination of a link, or nil to keep it as written (images keep theirs).
        public var rewriteLink: @Sendable (String) -> String?

        /// Rendering with links rewritten by `rewriteLink`.
        public init(rewriteLink: @escaping @Sendable (String) -> String? = { _ in nil }) {
            self.rewriteLink = rewriteLink
        }
    }

    /// Blocks down to this depth (document children are depth 1) carry their own rendered HTML.
    /// Three levels reach the blocks inside the items of a top-level list, which is what
    /// section readers slice; deeper content is inside those renderings already. The bound also
    /// keeps pathological nesting linear.
    public static let renderedDepth = 3

    /// Nesting deeper than this (block quotes in block quotes, lists in lists, emphasis in
    /// emphasis) is not copied: no real entry needs it, and a tree thousands of levels deep would
    /// exhaust the stack when it is walked or freed. The parser reports where it started.
    public static let maximumDepth = 64

    /// Parses a document into Swift values and frees cmark's tree.
    /// - Parameters:
    ///   - lineOffset: added to every line, for a body that starts below front-matter.
    ///   - html: when given, blocks near the top carry cmark's HTML, links rewritten first.
    public static func parse(_ text: String, lineOffset: Int = 0, html: HTMLRendering? = nil) -> MarkdownDocument {
        // utf8CString keeps embedded NUL bytes (cmark replaces them) and adds a terminator we exclude.
        let root: OpaquePointer? = text.utf8CString.withUnsafeBufferPointer { buffer in
            cmark_parse_document(buffer.baseAddress, buffer.count - 1, CMARK_OPT_DEFAULT)
        }
        guard let root else {
            let origin = SourcePosition(line: 1 + lineOffset, column: 1)
            return MarkdownDocument(root: MarkdownNode(kind: .document, range: SourceRange(start: origin, end: origin)))
        }
        defer { cmark_node_free(root) }
        if let html { rewriteLinks(root, html.rewriteLink) }
        let (tree, tooDeep) = copyTree(root, lineOffset: lineOffset, renders: html != nil)
        return MarkdownDocument(root: tree, tooDeep: tooDeep)
    }

    private struct Frame {
        let node: OpaquePointer
        var children: [MarkdownNode] = []
    }

    /// Sets the new destination of every link whose rewrite says so, on cmark's own
    /// tree: the renderer then escapes it as it escapes any destination.
    private static func rewriteLinks(_ root: OpaquePointer, _ rewrite: (String) -> String?) {
        guard let iterator = cmark_iter_new(root) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            guard cmark_node_get_type(node) == CMARK_NODE_LINK else { continue }
            if let destination = rewrite(string(cmark_node_get_url(node))) {
                _ = cmark_node_set_url(node, destination)
            }
        }
    }

    private static func copyTree(_ root: OpaquePointer, lineOffset: Int, renders: Bool) -> (MarkdownNode, SourcePosition?) {
        guard let iterator = cmark_iter_new(root) else {
            return (MarkdownNode(kind: .document, range: range(of: root, lineOffset: lineOffset, parentLine: 1)), nil)
        }
        defer { cmark_iter_free(iterator) }

        var stack: [Frame] = []
        var result: MarkdownNode?
        // Containers entered below the maximum depth: skipped, with everything inside them.
        var skipped = 0
        var tooDeep: SourcePosition?
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let parentLine = stack.last.map { Int(cmark_node_get_start_line($0.node)) } ?? 1
            if skipped > 0 || (event == CMARK_EVENT_ENTER && !isLeaf(node) && stack.count >= maximumDepth) {
                if !isLeaf(node) { skipped += event == CMARK_EVENT_ENTER ? 1 : -1 }
                if tooDeep == nil { tooDeep = range(of: node, lineOffset: lineOffset, parentLine: parentLine).start }
                continue
            }
            if event == CMARK_EVENT_ENTER {
                if isLeaf(node) {
                    let leaf = makeNode(node, children: [], depth: stack.count, lineOffset: lineOffset, parentLine: parentLine, renders: renders)
                    stack[stack.count - 1].children.append(leaf)
                } else {
                    stack.append(Frame(node: node))
                }
            } else if event == CMARK_EVENT_EXIT {
                let frame = stack.removeLast()
                let grandparentLine = stack.last.map { Int(cmark_node_get_start_line($0.node)) } ?? 1
                let built = makeNode(frame.node, children: frame.children, depth: stack.count, lineOffset: lineOffset, parentLine: grandparentLine, renders: renders)
                if stack.isEmpty {
                    result = built
                } else {
                    stack[stack.count - 1].children.append(built)
                }
            }
        }
        return (result ?? MarkdownNode(kind: .document, range: range(of: root, lineOffset: lineOffset, parentLine: 1)), tooDeep)
    }

    private static func isLeaf(_ node: OpaquePointer) -> Bool {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_HTML_BLOCK, CMARK_NODE_THEMATIC_BREAK, CMARK_NODE_CODE_BLOCK, CMARK_NODE_TEXT,
             CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE:
            return true
        default:
            return false
        }
    }

    private static func makeNode(_ node: OpaquePointer, children: [MarkdownNode], depth: Int, lineOffset: Int, parentLine: Int, renders: Bool) -> MarkdownNode {
        let kind = kind(of: node)
        let html: String? = (renders && kind.isBlock && depth >= 1 && depth <= renderedDepth) ? renderHTML(node) : nil
        return MarkdownNode(
            kind: kind,
            literal: string(cmark_node_get_literal(node)),
            range: range(of: node, lineOffset: lineOffset, parentLine: parentLine),
            children: children,
            html: html
        )
    }

    private static func kind(of node: OpaquePointer) -> MarkdownNode.Kind {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_DOCUMENT: return .document
        case CMARK_NODE_BLOCK_QUOTE: return .blockQuote
        case CMARK_NODE_LIST:
            return .list(
                ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
                start: Int(cmark_node_get_list_start(node)),
                tight: cmark_node_get_list_tight(node) != 0
            )
        case CMARK_NODE_ITEM: return .item
        case CMARK_NODE_CODE_BLOCK: return .codeBlock(info: string(cmark_node_get_fence_info(node)))
        case CMARK_NODE_HTML_BLOCK: return .htmlBlock
        case CMARK_NODE_PARAGRAPH: return .paragraph
        case CMARK_NODE_HEADING: return .heading(level: Int(cmark_node_get_heading_level(node)))
        case CMARK_NODE_THEMATIC_BREAK: return .thematicBreak
        case CMARK_NODE_TEXT: return .text
        case CMARK_NODE_SOFTBREAK: return .softBreak
        case CMARK_NODE_LINEBREAK: return .lineBreak
        case CMARK_NODE_CODE: return .code
        case CMARK_NODE_HTML_INLINE: return .htmlInline
        case CMARK_NODE_EMPH: return .emphasis
        case CMARK_NODE_STRONG: return .strong
        case CMARK_NODE_LINK:
            return .link(destination: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)))
        case CMARK_NODE_IMAGE:
            return .image(source: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)))
        default: return .custom
        }
    }

    /// Inline nodes have no positions in cmark; they inherit their block's line.
    private static func range(of node: OpaquePointer, lineOffset: Int, parentLine: Int) -> SourceRange {
        var startLine = Int(cmark_node_get_start_line(node))
        var startColumn = Int(cmark_node_get_start_column(node))
        var endLine = Int(cmark_node_get_end_line(node))
        var endColumn = Int(cmark_node_get_end_column(node))
        if startLine == 0 { startLine = max(parentLine, 1); startColumn = 1 }
        if endLine == 0 { endLine = startLine; endColumn = startColumn }
        return SourceRange(
            start: SourcePosition(line: startLine + lineOffset, column: max(startColumn, 1)),
            end: SourcePosition(line: endLine + lineOffset, column: max(endColumn, 1))
        )
    }

    private static func renderHTML(_ node: OpaquePointer) -> String {
        guard let rendered = cmark_render_html(node, CMARK_OPT_DEFAULT) else { return "" }
        defer { free(rendered) }
        return String(cString: rendered)
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
