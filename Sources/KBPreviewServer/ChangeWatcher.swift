import Foundation
import KBContent
#if canImport(Glibc)
import Glibc
#endif

/// What changed under the watched folders, as an async sequence: on Linux the kernel says
/// (inotify), so an edit is seen the moment the editor saves; elsewhere file stamps are compared
/// every 300 ms. Each element is the set of files written in place when that is all that happened,
/// nil when files came, went or were renamed; either way the site decides from the files
/// themselves what changed, so a spurious element costs a look and nothing else.
///
/// The watching runs on a thread of its own (inotify and polling block), tied to the sequence:
/// when the task iterating it ends or is cancelled, the thread is woken through a pipe and stops.
struct ChangeWatcher: Sendable {
    /// A folder and everything under it, or (with `file`) one file of a folder and nothing else:
    /// kb.yml sits at the repository root, beside site/, .build/ and .git/.
    struct Watch: Sendable {
        var folder: URL
        var file: String?
    }

    let watches: [Watch]
    /// Events that come close together (an editor's write, rename and chmod) make one element.
    static let settleMilliseconds: Int32 = 10

    /// The changes, until the consumer stops.
    func changes() -> AsyncStream<Set<String>?> {
        let (stream, continuation) = AsyncStream<Set<String>?>.makeStream(bufferingPolicy: .unbounded)
        var wake: [Int32] = [-1, -1]
        guard pipe(&wake) == 0 else {
            continuation.finish()
            return stream
        }
        let stop = StopSignal(readEnd: wake[0], writeEnd: wake[1])
        let watches = self.watches
        let thread = Thread {
            #if canImport(Glibc)
            if Self.watchWithInotify(watches, stop: stop, continuation) { stop.closeDescriptors(); return }
            #endif
            Self.pollStamps(watches, stop: stop, continuation)
            stop.closeDescriptors()
        }
        thread.name = "kb serve watcher"
        continuation.onTermination = { _ in stop.signal() }
        thread.start()
        return stream
    }

    /// A pipe the consumer writes to when it stops, which wakes the watching thread.
    final class StopSignal: @unchecked Sendable {
        // Sendable: the descriptors are set once; `signal` only writes a byte to a pipe, which
        // is safe from any thread, and `close` runs once, on the watching thread, after it stopped
        // reading.
        let readEnd: Int32
        let writeEnd: Int32
        init(readEnd: Int32, writeEnd: Int32) {
            self.readEnd = readEnd
            self.writeEnd = writeEnd
        }
        func signal() {
            var byte: UInt8 = 1
            _ = write(writeEnd, &byte, 1)
        }
        func closeDescriptors() {
            _ = close(readEnd)
            _ = close(writeEnd)
        }
    }

    private static func pollStamps(_ watches: [Watch], stop: StopSignal, _ continuation: AsyncStream<Set<String>?>.Continuation) {
        func snapshot() -> [[String: FileStamp]] {
            watches.map { watch in
                guard let file = watch.file else { return FileStamp.tree(watch.folder) }
                return FileStamp(path: watch.folder.appendingPathComponent(file).path).map { [file: $0] } ?? [:]
            }
        }
        var last = snapshot()
        while true {
            var poller = pollfd(fd: stop.readEnd, events: Int16(POLLIN), revents: 0)
            if poll(&poller, 1, 300) > 0 { return }
            let now = snapshot()
            if now != last {
                last = now
                continuation.yield(nil)
            }
        }
    }

    #if canImport(Glibc)
    /// Returns false when inotify is unavailable (then polling takes over).
    private static func watchWithInotify(_ watches: [Watch], stop: StopSignal, _ continuation: AsyncStream<Set<String>?>.Continuation) -> Bool {
        let descriptor = inotify_init1(Int32(IN_CLOEXEC))
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_MODIFY | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF)
        var watched: [Int32: String] = [:]
        /// Watch descriptors that only count for one file name.
        var onlyFile: [Int32: String] = [:]
        func add(_ path: String) {
            let watch = inotify_add_watch(descriptor, path, mask)
            if watch >= 0 { watched[watch] = path }
            // Folders inside (provider folders, template partials, assets) are watched too.
            for child in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] where !child.hasPrefix(".") {
                var info = stat()
                let full = path + "/" + child
                if lstat(full, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { add(full) }
            }
        }
        for watch in watches {
            if let file = watch.file {
                let descriptorForFolder = inotify_add_watch(descriptor, watch.folder.path, mask)
                if descriptorForFolder >= 0 { onlyFile[descriptorForFolder] = file }
            } else {
                add(watch.folder.path)
            }
        }

        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var pending = false
        // The files written in place since the last element; nil once anything else happened.
        var written: Set<String>? = []
        while true {
            var pollers = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0), pollfd(fd: stop.readEnd, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&pollers, 2, pending ? settleMilliseconds : -1)
            if ready < 0 {
                if errno == EINTR { continue }
                return true
            }
            if pollers[1].revents != 0 { return true }
            if ready == 0 {
                pending = false
                continuation.yield(written)
                written = []
                continue
            }
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { continue }
            var offset = 0
            while offset + MemoryLayout<inotify_event>.size <= count {
                let (watch, eventMask, nameLength, name) = buffer.withUnsafeBytes { raw -> (Int32, UInt32, Int, String) in
                    let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    let nameStart = offset + MemoryLayout<inotify_event>.size
                    let nameBytes = raw[nameStart..<min(nameStart + Int(event.len), count)].prefix { $0 != 0 }
                    return (event.wd, event.mask, Int(event.len), String(decoding: nameBytes, as: UTF8.self))
                }
                offset += MemoryLayout<inotify_event>.size + nameLength
                if let file = onlyFile[watch] {
                    if name == file {
                        pending = true
                        written = nil
                    }
                    // The same folder can be watched whole too; then every name counts.
                    if watched[watch] == nil { continue }
                }
                pending = true
                let inPlace = UInt32(IN_MODIFY | IN_CLOSE_WRITE | IN_ATTRIB)
                if eventMask & UInt32(IN_ISDIR) == 0, eventMask & ~inPlace == 0, let folder = watched[watch], !name.isEmpty {
                    written?.insert(folder + "/" + name)
                } else {
                    written = nil
                }
                if eventMask & UInt32(IN_ISDIR) != 0, eventMask & UInt32(IN_CREATE | IN_MOVED_TO) != 0, let parent = watched[watch], !name.hasPrefix(".") {
                    add(parent + "/" + name)
                }
            }
        }
    }
    #endif
}
