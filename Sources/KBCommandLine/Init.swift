import ArgumentParser
import Foundation
import KBContent
import KBCore
import KBSite

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start a knowledge base: kb.yml, one provider and one entry that passes kb check.",
        discussion: """
        Writes kb.yml and Content/example/ (the provider's _index.md and one entry) into the \
        folder (default: the current one). kb build then makes a complete site with the \
        templates built into kb. --templates also writes those templates into Templates/, to \
        change: a file there replaces the built-in one of the same name, and the ones you \
        delete come back from kb. Never overwrites: a folder that already has kb.yml, \
        Content/ or (with --templates) Templates/ is an error.

        Examples:
          kb init my-kb && cd my-kb && kb check && kb build
          kb init --templates
        """
    )

    @Flag(help: "Also write kb's built-in templates and assets into Templates/, to change them.")
    var templates = false

    @Argument(help: ArgumentHelp("The folder to start the knowledge base in (created when missing).", valueName: "dir"))
    var directory: String = "."

    func run() throws {
        let root = URL(fileURLWithPath: directory)
        let fileManager = FileManager.default
        for existing in ["kb.yml", "Content"] + (templates ? ["Templates"] : []) where fileManager.fileExists(atPath: root.appendingPathComponent(existing).path) {
            throw ValidationError("\(display(existing)) already exists; kb init starts a new knowledge base and never overwrites (kb new adds an entry)")
        }
        var files = StarterKnowledgeBase.files(today: Day.today.description).map { (path: $0.path, bytes: Array($0.text.utf8)) }
        if templates { files += TemplateSet.builtInFiles.map { ("Templates/\($0.path)", $0.bytes) } }
        do {
            for (path, bytes) in files {
                let url = root.appendingPathComponent(path)
                try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(bytes).write(to: url, options: .withoutOverwriting)
            }
        } catch {
            throw ValidationError("could not write the starter knowledge base into \(directory): \(error.localizedDescription)")
        }
        let go = directory == "." ? "" : "cd \(directory) && "
        let written = files.filter { !$0.path.hasPrefix("Templates/") }.map { display($0.path) } + (templates ? [display("Templates/") + " (\(files.count - 3) files)"] : [])
        Output.print("""
        kb: wrote \(written.joined(separator: ", "))
        Next: \(go)kb check && kb build   (the site goes to site/; kb serve previews it while you write)
        Add entries with kb new PROVIDER/SLUG --category CATEGORY (docs/AUTHORING.md in the kb repository explains the format).

        """)
    }

    private func display(_ path: String) -> String { directory == "." ? path : "\(directory)/\(path)" }
}

/// What `kb init` writes: a knowledge base small enough to read in a minute, with every part of
/// the format in use, that `kb check` passes as it is (a test checks that).
enum StarterKnowledgeBase {
    static func files(today: String) -> [(path: String, text: String)] {
        [
            ("kb.yml", """
            # The site's settings; every one has a default (DESIGN.md lists them).
            title: "Example API errors"
            # Where the site is published, for the sitemap, the feed and canonical links:
            # base_url: https://example.org/errors/
            # For "Edit this page" links:
            # repository: https://github.com/OWNER/REPO
            # branch: main

            """),
            ("Content/example/_index.md", """
            ---
            name: Example API
            kind: api
            aliases: [example, example-sdk]
            website: https://example.com
            endpoints:
              - { label: REST API, url: "https://api.example.com/v1" }
            env: [EXAMPLE_API_KEY]
            key_prefixes: ["ex_"]
            ---
            The provider's page says what the API is, where it answers, which environment variables
            its SDKs read and what its keys look like. kb search uses the hosts, variable names and
            key prefixes above to tell this provider's errors from another's. Rename the folder and
            these fields for the API your knowledge base is about.

            """),
            ("Content/example/invalid-api-key.md", """
            ---
            title: "401 Unauthorized: the API key is missing or wrong"
            category: authentication
            http: [401]
            signatures:
              - "401 Unauthorized"
              - "Invalid API key"
            tags: [api-key, EXAMPLE_API_KEY]
            sources:
              - https://www.rfc-editor.org/rfc/rfc9110#name-401-unauthorized
            verified: \(today)
            ---
            The server refused the request before doing anything with it, because the credentials
            it came with were missing or are not valid. HTTP 401 means the client has to
            authenticate; retrying the same request will not help.

            Each entry starts with what happened, then lists causes, fixes and questions. The
            signatures above are the exact strings the API prints: kb search finds this entry when a
            pasted error contains one of them.

            ## Causes
            - **No key in this process.** `EXAMPLE_API_KEY` is set in another shell or only in a
              `.env` file that nothing loads.
            - **A key with a typo or a revoked key.** A character was lost in copying, or someone
              deleted the key in the dashboard.

            ## Fixes
            1. Print whether the variable is set where the code runs:
               `python -c "import os; print(bool(os.environ.get('EXAMPLE_API_KEY')))"`.
            2. Create a new key in the dashboard, set it, and restart the process.

            ## FAQ
            ### Is a 401 the same as a 403?
            No. A 401 says the server does not know who you are; a 403 says it knows and refuses.

            """),
        ]
    }
}
