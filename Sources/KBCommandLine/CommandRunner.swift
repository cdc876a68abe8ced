import CTerminal
import Foundation
import KBSearch

/// `kb run`'s process side: starts a command with its output passed through as it comes and
/// keeps the last megabyte of it in memory. Where kb's output is a terminal the command writes to
/// a pseudo-terminal, so it still sees one (colours, progress bars, line buffering); otherwise to
/// pipes, standard output and standard error each to its own. Standard input is kb's own.
struct CommandRunner {
    /// How the command ended.
    enum Termination: Equatable {
        case exited(Int32)
        case signaled(Int32)
    }

    struct Outcome {
        var termination: Termination
        /// The end of what the command printed, both streams in the order they came.
        var tail: PasteInput
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        /// The exit status a shell gives for the same failure: 127 not found, 126 not runnable.
        var status: Int32
    }

    /// One stream from the command to one of kb's own descriptors.
    private struct Stream {
        var source: Int32
        var destination: Int32
        var open = true
        var destinationOpen = true
    }

    /// Signals passed on to the command (when a process sent them to kb; the terminal already
    /// sends its Ctrl-C and Ctrl-\ to the command, which is in kb's process group), and the two
    /// kb acts on itself.
    static let forwarded: [Int32] = [SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGUSR1, SIGUSR2]

    static func run(_ arguments: [String], tailLimit: Int = PasteInput.defaultLimit) throws -> Outcome {
        let outputIsTerminal = isatty(STDOUT_FILENO) == 1, errorIsTerminal = isatty(STDERR_FILENO) == 1
        var streams: [Stream] = []
        var childOut: Int32 = -1, childErr: Int32 = -1
        var parentCopies: [Int32] = []
        var terminalMaster: Int32?
        if outputIsTerminal || errorIsTerminal {
            var master: Int32 = -1, slave: Int32 = -1
            let result = kb_open_pty(outputIsTerminal ? STDOUT_FILENO : STDERR_FILENO, &master, &slave)
            guard result == 0 else { throw Failure(description: "cannot open a pseudo-terminal: \(String(cString: strerror(result)))", status: 126) }
            terminalMaster = master
            streams.append(Stream(source: master, destination: outputIsTerminal ? STDOUT_FILENO : STDERR_FILENO))
            if outputIsTerminal { childOut = slave }
            if errorIsTerminal { childErr = slave }
            parentCopies.append(slave)
        }
        for (isTerminal, destination) in [(outputIsTerminal, STDOUT_FILENO), (errorIsTerminal, STDERR_FILENO)] where !isTerminal {
            var ends: [Int32] = [-1, -1]
            let made = kb_pipe(&ends)
            guard made == 0 else { throw Failure(description: "cannot make a pipe: \(String(cString: strerror(made)))", status: 126) }
            streams.append(Stream(source: ends[0], destination: destination))
            if destination == STDOUT_FILENO { childOut = ends[1] } else { childErr = ends[1] }
            parentCopies.append(ends[1])
        }

        // Before the command starts, so no signal between its start and kb's handlers is lost.
        // kb's output must not kill kb when its reader goes away: the command's own SIGPIPE is
        // restored by kb_spawn.
        signal(SIGPIPE, SIG_IGN)
        let signals = kb_signal_pipe(forwarded + [SIGWINCH, SIGCHLD], Int32(forwarded.count + 2))

        var pid: pid_t = 0
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let spawned = kb_spawn(&argv, childOut, childErr, &pid)
        for descriptor in Set(parentCopies) { close(descriptor) }
        guard spawned == 0 else {
            for stream in streams { close(stream.source) }
            let notFound = spawned == ENOENT
            throw Failure(description: notFound ? "\(arguments[0]): command not found" : "cannot run \(arguments[0]): \(String(cString: strerror(spawned)))",
                          status: notFound ? 127 : 126)
        }

        var tail = PasteInput(limit: tailLimit)
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var termination: Termination?
        func reap(blocking: Bool) {
            var status: Int32 = 0
            var result: pid_t
            repeat { result = waitpid(pid, &status, blocking ? 0 : WNOHANG) } while result < 0 && errno == EINTR
            guard result == pid else { return }
            // WIFEXITED and friends are macros Swift does not import.
            let signal = status & 0x7F
            termination = signal == 0 ? .exited((status >> 8) & 0xFF) : .signaled(signal)
        }

        /// Reads what one stream has; false at its end.
        func pump(_ index: Int) -> Bool {
            let count = buffer.withUnsafeMutableBytes { read(streams[index].source, $0.baseAddress, $0.count) }
            if count < 0 && (errno == EINTR || errno == EAGAIN) { return true }
            // A pseudo-terminal's master reads EIO once every holder of the slave has closed it.
            guard count > 0 else { return false }
            buffer.withUnsafeBytes { tail.append(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
            if streams[index].destinationOpen && !Self.writeAll(buffer, count: count, to: streams[index].destination) {
                // The reader of kb's output went away: the command finds out on its next write, as
                // it would have without kb in between.
                streams[index].destinationOpen = false
                close(streams[index].source)
                streams[index].open = false
            }
            return true
        }

        while streams.contains(where: \.open) && termination == nil {
            var descriptors = streams.filter(\.open).map { pollfd(fd: $0.source, events: Int16(POLLIN), revents: 0) }
            descriptors.append(pollfd(fd: signals, events: Int16(POLLIN), revents: 0))
            let ready = poll(&descriptors, nfds_t(descriptors.count), -1)
            if ready < 0 { if errno == EINTR { continue } else { break } }
            if descriptors.last!.revents != 0 {
                var message: [UInt8] = [0, 0]
                while read(signals, &message, 2) == 2 {
                    let number = Int32(message[0]), fromTerminal = message[1] == 1
                    switch number {
                    case SIGCHLD: reap(blocking: false)
                    case SIGWINCH: if let terminalMaster { kb_copy_window_size(outputIsTerminal ? STDOUT_FILENO : STDERR_FILENO, terminalMaster) }
                    case SIGINT where fromTerminal, SIGQUIT where fromTerminal: break
                    default: kill(pid, number)
                    }
                }
            }
            for descriptor in descriptors.dropLast() where descriptor.revents != 0 {
                guard let index = streams.firstIndex(where: { $0.open && $0.source == descriptor.fd }) else { continue }
                if !pump(index) {
                    close(streams[index].source)
                    streams[index].open = false
                }
            }
        }
        // The command has ended; what it wrote before it did may still be on its way (a
        // pseudo-terminal hands data over asynchronously). A process it left behind may hold the
        // streams open, so wait for more only while some keeps coming.
        for index in streams.indices where streams[index].open {
            while streams[index].open {
                var descriptor = pollfd(fd: streams[index].source, events: Int16(POLLIN), revents: 0)
                let ready = poll(&descriptor, 1, 50)
                if ready < 0 && errno == EINTR { continue }
                if ready <= 0 || !pump(index) {
                    if streams[index].open { close(streams[index].source) }
                    streams[index].open = false
                }
            }
        }
        if termination == nil { reap(blocking: true) }
        close(signals)
        return Outcome(termination: termination ?? .exited(1), tail: tail)
    }

    /// Writes `count` bytes of `buffer`; false when the descriptor no longer takes any.
    static func writeAll(_ buffer: [UInt8], count: Int, to descriptor: Int32) -> Bool {
        var offset = 0
        while offset < count {
            let written = buffer.withUnsafeBytes { write(descriptor, $0.baseAddress! + offset, count - offset) }
            if written < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return false
            }
            offset += written
        }
        return true
    }
}

/// A terminal's output as plain text for the search: colour and cursor sequences removed, and the
/// carriage returns of a pseudo-terminal's line ends and progress bars.
enum TerminalText {
    static func plain(_ text: String) -> String {
        var out: [UInt8] = []
        let bytes = Array(text.utf8)
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x1B, index + 1 < bytes.count {
                let kind = bytes[index + 1]
                index += 2
                if kind == UInt8(ascii: "[") {
                    // CSI: parameters and intermediates up to a final byte from @ to ~.
                    while index < bytes.count, !(0x40...0x7E).contains(bytes[index]) { index += 1 }
                    index += 1
                } else if kind == UInt8(ascii: "]") {
                    // OSC (a window title, a hyperlink): up to BEL or ESC \.
                    while index < bytes.count, bytes[index] != 0x07, !(bytes[index] == 0x1B && index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\\")) { index += 1 }
                    index += index < bytes.count && bytes[index] == 0x1B ? 2 : 1
                }
                continue
            }
            if byte == 0x0D {
                // "\r\n" is a line end; a lone "\r" starts the line again (a progress bar), so
                // it ends one here.
                if index + 1 >= bytes.count || bytes[index + 1] != 0x0A { out.append(0x0A) }
                index += 1
                continue
            }
            out.append(byte)
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
