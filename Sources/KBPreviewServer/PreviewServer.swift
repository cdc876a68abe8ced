public import Foundation
import FlyingFox
import FlyingSocks
import KBCore
public import KBSite

/// `kb serve`: a `SiteSession` behind an HTTP server on 127.0.0.1, refreshed when the content,
/// the templates or kb.yml change, with every open page told to reload or to show the errors.
/// The caller gets each rebuild's `Update` and prints it; nothing here prints.
///
/// An actor owns the session and the changes waiting for it, so rebuilds run one at a time and
/// changes that come during one make one more, not one each. Everything the server starts (the
/// HTTP listener, the file watcher, the rebuilds, the keep-alive) is a child task of `run`:
/// cancelling the task that runs it stops them all.
public actor PreviewServer {
    /// What happened, for the caller to print.
    public enum Event: Sendable {
        /// The server is up; pages are at this address.
        case listening(URL)
        /// A build finished (the first one included).
        case built(SiteSession.Update)
        /// The search index, sitemap and feed caught up with the pages of the last build.
        case listingsUpdated(SiteSession.Update)
    }

    private let port: UInt16
    private let folder: URL
    private let watches: [ChangeWatcher.Watch]
    private let makeSession: @Sendable (URL) -> SiteSession
    let live = LiveReload()
    private var session: SiteSession?
    /// Changes seen and not yet rebuilt: the files written in place, or nil when anything else
    /// happened (then everything is looked at).
    private var waiting: Set<String>??
    /// Whether listings are being rendered off the actor (`renderListings`).
    private var listingsRendering = false

    /// - Parameters:
    ///   - folder: where the site is kept (a temporary folder of `kb serve`).
    ///   - folders: folders whose changes, anywhere inside, trigger a rebuild (content, templates).
    ///   - files: single files that do too (kb.yml).
    ///   - makeSession: makes the site once the server's address is known (it is the base URL).
    public init(port: UInt16, folder: URL, watchingFolders folders: [URL], files: [URL], makeSession: @escaping @Sendable (URL) -> SiteSession) {
        self.port = port
        self.folder = folder
        self.watches = folders.map { ChangeWatcher.Watch(folder: $0) }
            + files.map { ChangeWatcher.Watch(folder: $0.deletingLastPathComponent(), file: $0.lastPathComponent) }
        self.makeSession = makeSession
    }

    /// Serves until the calling task is cancelled. Fails when the port cannot be opened.
    public func run(report: @escaping @Sendable (Event) -> Void) async throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        if port != 0 { try Self.checkPortIsFree(port) }
        let server = HTTPServer(
            address: try .inet(ip4: "127.0.0.1", port: port), timeout: 30, logger: .disabled,
            handler: SiteRequestHandler(folder: SiteFolder(folder), live: live)
        )
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            try await server.waitUntilListening()
            guard case .ip4(_, let boundPort)? = await server.listeningAddress, let address = URL(string: "http://127.0.0.1:\(boundPort)/") else {
                throw PortError(port: port, reason: "the server did not say where it listens")
            }
            // The first build, before the address is announced: a page opened at once finds a site.
            var session = makeSession(address)
            await publish(session.refresh(), report: report)
            self.session = session
            report(.listening(address))

            // Wakes the rebuilder; a wake-up that comes while one is pending is the same one.
            let (wakeUps, wake) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
            let watcher = ChangeWatcher(watches: watches)
            group.addTask {
                for await change in watcher.changes() {
                    await self.note(change)
                    wake.yield()
                }
            }
            group.addTask {
                for await _ in wakeUps { await self.rebuildWaiting(report: report) }
            }
            group.addTask {
                while !Task.isCancelled {
                    try await Task.sleep(nanoseconds: 20_000_000_000)
                    await self.live.keepAlive()
                }
            }
            defer { wake.finish() }
            // The first child to finish (the listener failing, or cancellation) ends them all.
            do {
                try await group.next()
            } catch {
                group.cancelAll()
                await live.closeAll()
                throw error
            }
            group.cancelAll()
            await live.closeAll()
        }
    }

    /// Adds a change to what the next rebuild looks at.
    private func note(_ change: Set<String>?) {
        switch (waiting, change) {
        case (nil, let change): waiting = .some(change)
        case (.some(.some(let files)), .some(let more)): waiting = .some(files.union(more))
        default: waiting = .some(nil)
        }
    }

    /// Rebuilds for every change noted, then has the listings brought up to date.
    private func rebuildWaiting(report: @escaping @Sendable (Event) -> Void) async {
        while let hint = waiting, var session {
            waiting = nil
            let update = session.refresh(changedFiles: hint)
            // Kept before the await: listings that finish meanwhile must see these pages written.
            self.session = session
            await publish(update, report: report)
        }
        renderListings(report: report)
    }

    /// Renders the search index and the listing pages off the actor, one rendering at a time,
    /// and writes them here if no page was written meanwhile (else renders them again). A save
    /// made while they render is rebuilt and reloaded at once: at 10,000 entries they take
    /// seconds, and a save waited for them (Benchmarks/serve_incremental.py: 1.5 s to reload).
    private func renderListings(report: @escaping @Sendable (Event) -> Void) {
        guard !listingsRendering, waiting == nil, let work = session?.listingsWork() else { return }
        listingsRendering = true
        Task.detached(priority: .utility) {
            let rendered = work.render()
            await self.listingsRendered(rendered, report: report)
        }
    }

    private func listingsRendered(_ rendered: ListingsWork.Rendered, report: @escaping @Sendable (Event) -> Void) {
        listingsRendering = false
        if waiting == nil, var session, let listings = session.writeListings(rendered) {
            self.session = session
            report(.listingsUpdated(listings))
        }
        renderListings(report: report)
    }

    private func publish(_ update: SiteSession.Update, report: @Sendable (Event) -> Void) async {
        switch update.outcome {
        case .rebuilt, .updated:
            await live.reload(changed: update.changedFiles)
        case .failed:
            var text = "kb serve: the last change does not build; the pages show the last good build.\n\n"
            text += update.diagnostics.filter { $0.severity == .error }.map(\.report).joined()
            if let writeError = update.writeError { text += "kb: \(writeError)\n" }
            // A save that changes nothing (an editor touching the file) need not say it all again.
            if await text == live.problems && update.changedFiles.isEmpty { return }
            await live.show(problems: text)
        case .unchanged:
            // Errors fixed by undoing the edit leave the site as it was: the overlay just goes.
            if await live.problems != nil { await live.reload(changed: update.changedFiles) }
        }
        report(.built(update))
    }

    /// Fails at once when another program listens on the port; the server would only say so
    /// after its start-up timeout.
    static func checkPortIsFree(_ port: UInt16) throws {
        let probe = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard probe >= 0 else { return }
        defer { close(probe) }
        var reuse: Int32 = 1
        setsockopt(probe, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(probe, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        if bound != 0 { throw PortError(port: port, reason: String(cString: strerror(errno))) }
    }

    /// The port could not be listened on.
    public struct PortError: Error, LocalizedError {
        /// The port asked for.
        public var port: UInt16
        /// What the system said.
        public var reason: String
        public var errorDescription: String? { reason.lowercased() }
    }
}
