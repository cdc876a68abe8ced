public import Foundation
public import Logging
public import MCP

/// Standard input and output, one JSON-RPC message a line (the SDK's `StdioTransport`), with
/// lines that are not JSON answered here: the SDK answers them with a made-up id, where JSON-RPC
/// 2.0 says a parse error's id is null, so a client cannot tie it to a request of its own.
/// And at the end of input, the requests still being answered are answered before the stream
/// ends: the SDK answers each request in a task of its own and stops when input ends, so
/// `printf '...' | kb mcp` lost the answers still in flight.
public actor CheckedStdioTransport: Transport {
    private let stdio: StdioTransport
    /// The ids of requests read and not answered yet.
    private var unanswered: Set<String> = []
    /// The SDK's logger (it logs nothing unless given a handler).
    public nonisolated let logger: Logger

    /// A transport over this process's standard input and output.
    public init() {
        stdio = StdioTransport()
        logger = stdio.logger
    }

    /// Starts reading standard input.
    public func connect() async throws { try await stdio.connect() }

    /// Stops reading.
    public func disconnect() async { await stdio.disconnect() }

    /// Writes one message and its newline.
    public func send(_ data: Data) async throws {
        try await stdio.send(data)
        if let id = Self.id(of: try? JSONSerialization.jsonObject(with: data), when: { $0["method"] == nil }) { unanswered.remove(id) }
    }

    private func read(_ message: Any?) {
        if let id = Self.id(of: message, when: { $0["method"] != nil }) { unanswered.insert(id) }
    }

    /// Waits, ten seconds at most, for the requests read to be answered.
    private func drain() async {
        for _ in 0..<1000 where !unanswered.isEmpty { try? await Task.sleep(for: .milliseconds(10)) }
    }

    /// A parsed message's id, as text, when it is an object that `condition` accepts.
    static func id(of message: Any?, when condition: ([String: Any]) -> Bool) -> String? {
        guard let object = message as? [String: Any], condition(object), let id = object["id"], !(id is NSNull) else { return nil }
        return "\(id)"
    }

    /// The lines that parse as JSON; the others get their parse error at once.
    public func receive() -> AsyncThrowingStream<Data, any Swift.Error> {
        let stdio = self.stdio
        return AsyncThrowingStream { continuation in
            let reading = Task {
                do {
                    for try await line in await stdio.receive() {
                        let message = try? JSONSerialization.jsonObject(with: line)
                        if message is [String: Any] || message is [Any] {
                            await self.read(message)
                            continuation.yield(line)
                        } else {
                            try? await stdio.send(Self.parseError)
                        }
                    }
                    await self.drain()
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in reading.cancel() }
        }
    }

    /// JSON-RPC 2.0's answer to a line that is not a JSON object or array.
    static let parseError = Data(#"{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error: each line must be one JSON-RPC message (a JSON object)"}}"#.utf8)
}
