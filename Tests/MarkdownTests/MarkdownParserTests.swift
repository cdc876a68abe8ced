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
        """, html: .init())
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
        let document = MarkdownParser.parse("1. Run `kb check`.\n2. Done.\n", html: .init())
        let firstItem = document.blocks[0].children[0]
        #expect(firstItem.children.compactMap(\.html) == ["Run <code>kb check</code>."])
        #expect(document.blocks[0].html == "<ol>\n<li>Run <code>kb check</code>.</li>\n<li>Done.</li>\n</ol>\n")
    }

    @Test func deepBlocksAreCoveredByTheirAncestorsRendering() {
        let document = MarkdownParser.parse("- a\n  - b\n    - c\n", html: .init())
        let level3Item = document.blocks[0].children[0].children[1].children[0]
        #expect(level3Item.html == nil)
        #expect(document.blocks[0].html?.contains("<li>c</li>") == true)
    }

    @Test func withoutRenderingNoBlockCarriesHTML() {
        let document = MarkdownParser.parse("Some *text*.\n\n- a\n")
        var rendered = 0
        document.root.walk { if $0.html != nil { rendered += 1 } }
        #expect(rendered == 0)
    }

    /// Links are rewritten on cmark's tree before it renders, so the renderer escapes the new
    /// destination as it escapes any; text that merely looks like the destination is untouched.
    @Test func linksAreRewrittenOnTheTreeBeforeRendering() {
        let text = "See [fixes](../openai/rate-limit.md#fixes), `href=\"../openai/rate-limit.md#fixes\"` and ![img](../openai/rate-limit.md)."
        let document = MarkdownParser.parse(text, html: .init { $0 == "../openai/rate-limit.md#fixes" ? "../../openai/rate-limit/#fixes?a=1&b=\"2\"" : nil })
        #expect(document.html == "<p>See <a href=\"../../openai/rate-limit/#fixes?a=1&amp;b=%222%22\">fixes</a>, <code>href=&quot;../openai/rate-limit.md#fixes&quot;</code> and <img src=\"../openai/rate-limit.md\" alt=\"img\" />.</p>\n")
        // Parsed without rendering (as the content is, for checks and the index), the tree keeps
        // what the author wrote.
        var destinations: [String] = []
        MarkdownParser.parse(text).root.walk { if case .link(let destination, _) = $0.kind { destinations.append(destination) } }
        #expect(destinations == ["../openai/rate-limit.md#fixes"])
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
