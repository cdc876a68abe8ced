import ArgumentParser
import Foundation
import KBSearch

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a command; when it fails, show the knowledge-base entry for what it printed.",
        discussion: """
        The command's output passes through as it comes (a terminal stays a terminal: colours \
        and progress bars work) and kb keeps the last 1 MB of it in memory. When the command \
        exits with a non-zero status or dies of a signal, kb searches that output and prints \
        the best match (what happened and the fix steps) on standard error, after the \
        command's own output. A command that succeeds gets nothing added. kb exits with the \
        command's status (or dies of its signal); signals sent to kb reach the command; \
        nothing is written to disk.

        Examples:
          kb run -- python app.py
          kb run -- npx my-agent --model gpt-5
          kb run --content ~/my-kb/Content -- ./deploy.sh
        """
    )

    @OptionGroup var options: ContentOptions

    @Argument(parsing: .captureForPassthrough, help: ArgumentHelp("The command and its arguments, after --.", valueName: "command"))
    var command: [String] = []

    func validate() throws {
        if arguments.isEmpty { throw ValidationError("nothing to run: kb run -- COMMAND [ARGUMENTS...]") }
    }

    private var arguments: [String] { command.first == "--" ? Array(command.dropFirst()) : command }

    func run() throws {
        let outcome: CommandRunner.Outcome
        do {
            outcome = try CommandRunner.run(arguments)
        } catch let failure as CommandRunner.Failure {
            Output.error("kb run: \(failure)\n")
            throw ExitCode(failure.status)
        }
        if outcome.termination != .exited(0) { report(outcome) }
        switch outcome.termination {
        case .exited(let status):
            throw ExitCode(status)
        case .signaled(let number):
            // Die of the same signal, so whoever started kb sees what it would have seen.
            OwnSignal.die(of: number)
            throw ExitCode(128 + number)
        }
    }

    /// The best entry for the command's last output, on standard error; a line when nothing matches.
    private func report(_ outcome: CommandRunner.Outcome) {
        let style = SearchReport.Style(color: Terminal.wantsColor(FileHandle.standardError))
        let how: String
        switch outcome.termination {
        case .exited(let status): how = "exit status \(status)"
        case .signaled(let number): how = "signal \(number)\(Self.signalNames[number].map { " (\($0))" } ?? "")"
        }
        let name = (arguments[0] as NSString).lastPathComponent
        let text = TerminalText.plain(outcome.tail.text)
        guard text.contains(where: { !$0.isWhitespace }) else { return }
        let lookup: KnowledgeBaseLookup
        do {
            lookup = try KnowledgeBaseLookup.open(options, writingCache: false)
        } catch {
            Output.error(style.dim("kb run: \(name) failed (\(how)); no knowledge base to look its output up in: \(error)") + "\n")
            return
        }
        guard let answer = try? lookup.search(text, limit: 1), let best = answer.best else {
            // An interrupted command (Ctrl-C) printed no error kb could know; say nothing then.
            if outcome.termination != .signaled(SIGINT) {
                Output.error(style.dim("kb run: \(name) failed (\(how)); nothing in the knowledge base matches its output") + "\n")
            }
            return
        }
        var lines = ["", style.heading("kb run: \(name) failed (\(how)). The knowledge base says:")]
        lines.append(style.bold(best.title) + "  " + style.dim("\(best.id) · \(SearchReport.percent(best.score))"))
        lines.append(SearchReport.wrap(best.summary, indent: "", width: style.width))
        // The status-page step is already the first of `best.fixes`.
        lines += SearchReport.fixLines(best.fixes, statusStep: nil, style: style).dropFirst()
        lines.append(style.dim("Full entry: kb show \(best.id)"))
        Output.error(lines.joined(separator: "\n") + "\n")
    }

    static let signalNames: [Int32: String] = [
        SIGHUP: "SIGHUP", SIGINT: "SIGINT", SIGQUIT: "SIGQUIT", SIGILL: "SIGILL", SIGABRT: "SIGABRT", SIGBUS: "SIGBUS",
        SIGFPE: "SIGFPE", SIGKILL: "SIGKILL", SIGSEGV: "SIGSEGV", SIGPIPE: "SIGPIPE", SIGTERM: "SIGTERM",
    ]
}

enum OwnSignal {
    /// Ends kb by `number` with its default action (a core dump where the signal makes one).
    static func die(of number: Int32) {
        signal(number, SIG_DFL)
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, number)
        sigprocmask(SIG_UNBLOCK, &set, nil)
        kill(getpid(), number)
    }
}
