import Foundation
import KBTestSupport

/// Runs the built `kb` binary (or another tool the tests drive) the way a user's shell does.
struct KBProcess {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
        /// Peak memory of the child, from wait4's rusage.
        var maxResidentKilobytes: Int = 0
    }

    /// The `kb` beside the test bundle: SwiftPM builds both into the same products folder.
    static let binary: URL = {
        var candidates: [URL] = []
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        candidates.append(runner.deletingLastPathComponent().appendingPathComponent("kb"))
        candidates.append(Bundle.main.bundleURL.appendingPathComponent("kb"))
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("kb"))
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(packageRoot.appendingPathComponent(".build/debug/kb"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates.last!
    }()

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func run(_ arguments: [String], in directory: URL? = nil, stdin: String? = nil, environment: [String: String] = [:], binary: URL = KBProcess.binary, cpuSeconds: Int? = nil) throws -> Output {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("kb-stdin-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        try Data((stdin ?? "").utf8).write(to: scratch)
        return try runWithStdinFile(arguments, in: directory, stdinFile: scratch, environment: environment, binary: binary, cpuSeconds: cpuSeconds)
    }

    /// Runs kb with a file as standard input, and measures the child's peak memory. posix_spawn
    /// and wait4 rather than Process, whose own reaping would race wait4 for the child.
    /// - Parameter cpuSeconds: a limit on kb's processor time, so a build that would never end
    ///   is killed (status 128 + SIGKILL or SIGXCPU) instead of hanging the test run.
    static func runWithStdinFile(_ arguments: [String], in directory: URL? = nil, stdinFile: URL, environment: [String: String] = [:], binary: URL = KBProcess.binary, cpuSeconds: Int? = nil) throws -> Output {
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "KB_CONTENT")
        env["NO_COLOR"] = "1"
        for (key, value) in environment { env[key] = value }
        // Files rather than pipes: no output size can block the child, and stdin can be large.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("kb-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let stdoutURL = scratch.appendingPathComponent("stdout"), stderrURL = scratch.appendingPathComponent("stderr")

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdinFile.path, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutURL.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderrURL.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        // The shell changes directory and execs kb in its own process, so rusage is kb's.
        let limit = cpuSeconds.map { "ulimit -t \($0) && " } ?? ""
        let argv = (["/bin/sh", "-c", limit + "cd \"$0\" && exec \"$@\"", (directory ?? packageRoot).path, binary.path] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, nil, argv, envp)
        guard spawned == 0 else { throw CocoaError(.executableLoad) }
        var status: Int32 = 0
        var usage = rusage()
        var reaped: pid_t = -1
        repeat { reaped = wait4(pid, &status, 0, &usage) } while reaped == -1 && errno == EINTR
        let exitStatus: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let stdoutData = try Data(contentsOf: stdoutURL), stderrData = try Data(contentsOf: stderrURL)
        return Output(status: exitStatus, stdout: String(decoding: stdoutData, as: UTF8.self), stderr: String(decoding: stderrData, as: UTF8.self), maxResidentKilobytes: Int(usage.ru_maxrss))
    }
}
