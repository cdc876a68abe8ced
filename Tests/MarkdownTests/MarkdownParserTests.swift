import Testing
@testable import KBMarkdown

@Suite struct MarkdownParserTests {
    @Test func copiesTheTreeWithPositions() {
        let document = MarkdownParser.parse("# Title\n\nSome *text* and `code`.\n\n- one\n- two\n", lineOffset: 10)
        #expect(document.blocks.map(\.kind) == [.heading(level: 1), .paragraph, .list(ordered: false, start: 0, tight: true)])
        #expect(document.blocks[0].range.start == SourcePosition(line: 11, column: 1))
        #expect(document.blocks[1].range.start == SourcePosition(line: 13, column: 1))
        #expect(document.blocks[1].plainText == "Some text and code.")
        #expect(document.blocks[2].children.count == 2)
        #expect(document.blocks[2].children[1].range.start.line == 16)
    }

    @Test func rendersSafeHTMLByDefault() {
        let document = MarkdownParser.parse("""
        <script>alert(1)</script>

        [click](javascript:alert(1)) [data](data:text/html;base64,xx) [vb](vbscript:x) [ok](https://example.com/?a=1&b=2)

        <img src=x onerror=alert(1)>
        """)
        let html = document.html
        #expect(!html.contains("<script"))
        #expect(!html.contains("onerror"))
        #expect(!html.contains("javascript:"))
        #expect(!html.contains("vbscript:"))
        #expect(!html.contains("data:text/html"))
        #expect(html.contains("href=\"https://example.com/?a=1&amp;b=2\""))
        #expect(html.contains("<!-- raw HTML omitted -->"))
    }

    @Test func itemChildrenRenderKnowingTheListIsTight() {
        let document = MarkdownParser.parse("1. Run `kb check`.\n2. Done.\n")
        let firstItem = document.blocks[0].children[0]
        #expect(firstItem.children.compactMap(\.html) == ["Run <code>kb check</code>."])
        #expect(document.blocks[0].html == "<ol>\n<li>Run <code>kb check</code>.</li>\n<li>Done.</li>\n</ol>\n")
    }

    @Test func deepBlocksAreCoveredByTheirAncestorsRendering() {
        let document = MarkdownParser.parse("- a\n  - b\n    - c\n")
        let level3Item = document.blocks[0].children[0].children[1].children[0]
        #expect(level3Item.html == nil)
        #expect(document.blocks[0].html?.contains("<li>c</li>") == true)
    }

    @Test func survivesNULBytesAndEmptyInput() {
        #expect(MarkdownParser.parse("").blocks.isEmpty)
        let document = MarkdownParser.parse("a\u{0}b\n")
        #expect(document.blocks[0].plainText == "a\u{FFFD}b")
    }

    @Test func linksKeepTheirDestination() {
        let document = MarkdownParser.parse("See [the entry](../openai/rate-limit/ \"t\").")
        var destinations: [String] = []
        document.root.walk { node in
            if case .link(let destination, let title) = node.kind { destinations.append(destination + "|" + title) }
        }
        #expect(destinations == ["../openai/rate-limit/|t"])
    }
}
