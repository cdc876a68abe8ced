import Foundation
import FlyingFox
import FlyingSocks

/// Tells open pages what happened: `reload` after a good rebuild, `problems` with the text of the
/// errors while the last good site is served, `ok` when they are gone. Server-sent events: one
/// long response per page, which every browser reconnects by itself. An actor: the rebuilds and
/// every request touch it from their own tasks.
actor LiveReload {
    private var listeners: [UUID: AsyncStream<Data>.Continuation] = [:]
    /// The errors the open pages are shown, or nil when the last change built.
    private(set) var problems: String?
    /// Changes whenever what pages show around the site changes (an overlay comes or goes), so
    /// a page's ETag does too.
    private(set) var stateVersion = 0

    var listenerCount: Int { listeners.count }

    /// A new page's stream; it starts with the current state, so a page opened while there are
    /// errors shows them at once.
    func subscribe() -> AsyncStream<Data> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<Data>.makeStream(bufferingPolicy: .bufferingNewest(16))
        listeners[id] = continuation
        continuation.onTermination = { [weak self] _ in Task { await self?.remove(id) } }
        continuation.yield(Self.retry)
        continuation.yield(problems.map { Self.event("problems", $0) } ?? Self.event("ok", ""))
        return stream
    }

    func reload(changed: [String]) {
        set(problems: nil)
        send(Self.event("reload", changed))
    }

    func show(problems text: String) {
        set(problems: text)
        send(Self.event("problems", text))
    }

    /// A comment line now and then keeps proxies and idle timers from closing the stream.
    func keepAlive() {
        send(Data(": keep-alive\n\n".utf8))
    }

    func closeAll() {
        for continuation in listeners.values { continuation.finish() }
        listeners.removeAll()
    }

    private func set(problems: String?) {
        if self.problems != problems { stateVersion += 1 }
        self.problems = problems
    }

    private func send(_ data: Data) {
        for continuation in listeners.values { continuation.yield(data) }
    }

    private func remove(_ id: UUID) {
        listeners.removeValue(forKey: id)
    }

    /// One event; the data is JSON so any text, newlines included, fits on one `data:` line.
    static func event(_ name: String, _ value: some Encodable) -> Data {
        let json = (try? JSONEncoder().encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
        return Data("event: \(name)\ndata: \(json)\n\n".utf8)
    }

    /// How soon a page reconnects after the stream drops (the server restarting, say).
    static let retry = Data("retry: 500\n\n".utf8)

    /// The response body of one page's stream.
    static func body(_ stream: AsyncStream<Data>) -> HTTPBodySequence {
        HTTPBodySequence(from: EventStreamBytes(stream: stream))
    }
}

/// Adapts a stream of event blocks to the byte sequence FlyingFox sends (chunked, as they come).
struct EventStreamBytes: AsyncBufferedSequence, Sendable {
    typealias Element = UInt8
    let stream: AsyncStream<Data>

    func makeAsyncIterator() -> Iterator { Iterator(base: stream.makeAsyncIterator()) }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var base: AsyncStream<Data>.AsyncIterator
        var pending: [UInt8] = []

        mutating func next() async -> UInt8? {
            if pending.isEmpty, let data = await base.next() { pending = Array(data) }
            return pending.isEmpty ? nil : pending.removeFirst()
        }

        mutating func nextBuffer(suggested count: Int) async -> [UInt8]? {
            if !pending.isEmpty {
                defer { pending = [] }
                return pending
            }
            return await base.next().map(Array.init)
        }
    }
}

/// The script every served page gets: reload on `reload`, an overlay on `problems`.
enum LiveScript {
    static let path = "/__kb/live.js"
    static let eventsPath = "/__kb/events"
    static let overlayID = "kb-serve-overlay"
    /// Changes when the script does.
    static let etag = "\"live-1\""
    static let overlayStyle = "position:fixed;inset:0;z-index:2147483647;margin:0;padding:2rem;overflow:auto;background:rgba(24,24,27,.95);color:#fafafa;font:14px/1.6 ui-monospace,SFMono-Regular,Menlo,monospace;white-space:pre-wrap"

    static let source = """
    (function () {
      "use strict";
      var overlay = document.getElementById("\(overlayID)");
      function show(text) {
        if (!overlay) {
          overlay = document.createElement("pre");
          overlay.id = "\(overlayID)";
          overlay.setAttribute("role", "alert");
          overlay.setAttribute("style", "\(overlayStyle)");
          document.body.appendChild(overlay);
        }
        overlay.textContent = text;
      }
      function hide() {
        if (overlay) { overlay.remove(); overlay = null; }
      }
      var events = new EventSource("\(eventsPath)");
      events.addEventListener("reload", function () { location.reload(); });
      events.addEventListener("problems", function (event) { show(JSON.parse(event.data)); });
      events.addEventListener("ok", hide);
    })();

    """

    /// The tags added before `</body>` of every HTML page served, with the overlay already in
    /// place when there are errors (so it shows even before the script runs).
    static func injection(problems: String?) -> String {
        var html = "<script src=\"\(path)\"></script>"
        if let problems {
            html = "<pre id=\"\(overlayID)\" role=\"alert\" style=\"\(overlayStyle)\">\(escape(problems))</pre>" + html
        }
        return html
    }

    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    /// The page with the injection before its last `</body>`, or at the end when it has none.
    static func inject(_ injection: String, into page: Data) -> Data {
        let marker = Array("</body>".utf8)
        let bytes = [UInt8](page)
        var index = bytes.count - marker.count
        while index >= 0 {
            if bytes[index] == 0x3C, zip(bytes[index..<(index + marker.count)], marker).allSatisfy({ $0 | 0x20 == $1 | 0x20 }) {
                return Data(bytes[..<index] + Array(injection.utf8) + bytes[index...])
            }
            index -= 1
        }
        return Data(bytes + Array(injection.utf8))
    }
}
