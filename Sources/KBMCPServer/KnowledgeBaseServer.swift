public import KBCommandLine
public import MCP
import Foundation

/// kb as a Model Context Protocol server: the tools `search` and `show`, and every entry as a
/// resource `kb://entry/<id>`. It answers from one `KnowledgeBaseLookup`, so an agent gets what
/// `kb search --json` and `kb show` print for the same text, masked the same way.
public enum KnowledgeBaseServer {
    /// The server's name in the `initialize` answer.
    public static let name = "kb"
    /// The resource address of an entry.
    public static func entryURI(_ id: String) -> String { "kb://entry/\(id)" }

    /// How many results `search` returns at most, whatever an agent asks for.
    static let maximumLimit = 20

    /// Serves `lookup` on standard input and output until the client closes standard input.
    public static func serveStandardIO(_ lookup: KnowledgeBaseLookup, version: String) async throws {
        let server = await make(lookup, version: version)
        try await server.start(transport: CheckedStdioTransport())
        await server.waitUntilCompleted()
    }

    /// A server with kb's tools and resources registered, ready for `start(transport:)`.
    public static func make(_ lookup: KnowledgeBaseLookup, version: String) async -> Server {
        let server = Server(
            name: name, version: version, title: "kb: LLM API errors",
            instructions: """
            Call search with the error text a command or an API printed (a traceback, a log, an \
            HTTP body: the whole paste, noise included) to find the knowledge-base entry that \
            explains it; the second text of the answer says what happened and the fix steps, \
            in order. Call show with an id from search for the whole entry (causes, fixes, FAQ, \
            sources). API keys in the text are masked in every answer.
            """,
            capabilities: .init(resources: .init(subscribe: false, listChanged: false), tools: .init(listChanged: false))
        )
        let tools = tools(providers: lookup.providers)
        await server.withMethodHandler(ListTools.self) { _ in .init(tools: tools) }
        await server.withMethodHandler(CallTool.self) { call in callTool(call, lookup: lookup) }
        let resources = lookup.entries.map {
            Resource(name: $0.id, uri: entryURI($0.id), title: $0.title, description: $0.summary, mimeType: "text/plain")
        }
        await server.withMethodHandler(ListResources.self) { _ in .init(resources: resources, nextCursor: nil) }
        await server.withMethodHandler(ListResourceTemplates.self) { _ in
            .init(templates: [Resource.Template(uriTemplate: entryURI("{id}"), name: "entry", title: "A knowledge-base entry",
                                                description: "One entry as kb show prints it; the id is provider/slug.", mimeType: "text/plain")])
        }
        await server.withMethodHandler(ReadResource.self) { request in
            let prefix = entryURI("")
            guard request.uri.hasPrefix(prefix), let text = lookup.show(String(request.uri.dropFirst(prefix.count))) else {
                // -32002 is the MCP specification's "resource not found".
                throw MCPError.serverError(code: -32002, message: "Resource not found: \(request.uri) (entries are kb://entry/<provider>/<slug>)")
            }
            return .init(contents: [.text(text, uri: request.uri, mimeType: "text/plain")])
        }
        return server
    }

    static func tools(providers: [String]) -> [Tool] {
        let readOnly = Tool.Annotations(readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false)
        return [
            Tool(
                name: "search", title: "Find the entry for an error",
                description: """
                Finds the knowledge-base entry for a pasted error (LLM API, SDK, gateway or local \
                model server errors) and returns two texts: the results exactly as \
                `kb search --json` prints them, then the best result's explanation, likely causes \
                and numbered fix steps. No result means nothing in the knowledge base is certain; \
                the first text's `uncertainty` says why.
                """,
                inputSchema: .object([
                    "type": "object",
                    "properties": .object([
                        "text": .object(["type": "string", "description": "The error text: a traceback, log lines, an HTTP response body."]),
                        "limit": .object(["type": "integer", "minimum": 1, "maximum": .int(maximumLimit), "default": 3,
                                          "description": "How many results at most."]),
                        "provider": .object(["type": "string", "enum": .array(providers.map { .string($0) }),
                                             "description": "Only entries of this provider."]),
                    ]),
                    "required": ["text"],
                    "additionalProperties": false,
                ]),
                annotations: readOnly
            ),
            Tool(
                name: "show", title: "Show one entry",
                description: "Returns one entry as `kb show` prints it: what it means, the error text, causes, fixes, FAQ and sources.",
                inputSchema: .object([
                    "type": "object",
                    "properties": .object([
                        "id": .object(["type": "string", "description": "The entry id, provider/slug, as search returns it (e.g. openai/invalid-api-key)."]),
                    ]),
                    "required": ["id"],
                    "additionalProperties": false,
                ]),
                annotations: readOnly
            ),
        ]
    }

    /// A tool call's answer. Bad arguments are a tool error the agent can read and correct
    /// (`isError`), not a protocol error, as the specification asks.
    static func callTool(_ call: CallTool.Parameters, lookup: KnowledgeBaseLookup) -> CallTool.Result {
        func failure(_ message: String) -> CallTool.Result { .init(content: [.text(text: message, annotations: nil, _meta: nil)], isError: true) }
        let arguments = call.arguments ?? [:]
        switch call.name {
        case "search":
            guard let text = arguments["text"]?.stringValue, text.contains(where: { !$0.isWhitespace }) else {
                return failure("search needs `text`: the error text to look up")
            }
            var limit = 3
            if let value = arguments["limit"] {
                guard let number = value.intValue ?? value.doubleValue.flatMap({ $0 == $0.rounded() ? Int(exactly: $0) : nil }), (1...maximumLimit).contains(number) else {
                    return failure("`limit` must be a whole number from 1 to \(maximumLimit)")
                }
                limit = number
            }
            var provider: String?
            if let value = arguments["provider"] {
                guard let name = value.stringValue else { return failure("`provider` must be a provider id, one of: \(lookup.providers.joined(separator: ", "))") }
                provider = name
            }
            do {
                let answer = try lookup.search(text, limit: limit, provider: provider)
                let structured = try? JSONDecoder().decode(Value.self, from: Data(answer.json.utf8))
                return .init(content: [.text(text: answer.json, annotations: nil, _meta: nil), .text(text: answer.text, annotations: nil, _meta: nil)],
                             structuredContent: structured, isError: false)
            } catch {
                return failure("\(error)")
            }
        case "show":
            guard let id = arguments["id"]?.stringValue, !id.isEmpty else { return failure("show needs `id`: an entry id such as openai/invalid-api-key") }
            guard let text = lookup.show(id) else { return failure(lookup.unknownEntry(id)) }
            return .init(content: [.text(text: text, annotations: nil, _meta: nil)], isError: false)
        default:
            return failure("unknown tool '\(call.name)'; kb has search and show")
        }
    }
}
