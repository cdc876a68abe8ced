import KBCore
import KBMarkdown

// The wording of every problem the site finds, in one place (codes: KBCore's catalogue).
extension Diagnostic {
    static func brokenLink(_ problem: EntryLinks.Problem, path: String, at position: SourcePosition) -> Diagnostic {
        let message: String
        var mentioned: EntryID?
        switch problem {
        case .empty: message = "empty link; write a URL or an entry's .md file"
        case .missingAnchor(let fragment, let target, let suggestion):
            message = "no section '#\(fragment)' in \(target.map { "'\($0)'" } ?? "this entry")\(suggestion.map { "; did you mean '#\($0)'?" } ?? "")"
            mentioned = target
        case .absolute(let destination): message = "absolute link '\(destination)'; link to the entry's file instead, like '../openai/rate-limit.md'"
        case .leavesContent(let destination): message = "link '\(destination)' leaves the content folder"
        case .notAnEntry(let destination): message = "link '\(destination)' is not an entry; link to an entry's .md file, like '../openai/rate-limit.md'"
        case .missingProvider(let provider, let destination): message = "no provider '\(provider)' for link '\(destination)'"
        case .missingEntry(let target, let suggestion):
            message = "link to a missing entry '\(target)'\(NearestName.didYouMean(suggestion))"
            mentioned = target
        }
        return Diagnostic(.brokenLink, message, path: path, at: position, mentionedEntry: mentioned)
    }

    static func reservedProviderID(_ provider: ProviderID, path: String) -> Diagnostic {
        Diagnostic(.reservedProviderID, "provider id '\(provider)' is a folder the site uses for itself; rename the folder", path: path, at: .start)
    }

    static func relativeBaseURL(_ baseURL: String) -> Diagnostic {
        Diagnostic(.relativeBaseURL, "base URL '\(baseURL)' is not absolute; the sitemap, the feed and canonical links need one (set base_url in kb.yml or pass --base-url)", path: "kb.yml", at: .start)
    }

    static func templatesNotFound(path: String) -> Diagnostic {
        Diagnostic(.templatesNotFound, "templates folder not found; pass --templates DIR or create Templates/", path: path, at: .start)
    }

    static func duplicateTemplateName(_ name: String, other: String, path: String) -> Diagnostic {
        Diagnostic(.templateError, "template name '\(name)' is also used by \(other); names must be unique across folders", path: path, at: .start)
    }

    static func templateNotUTF8(path: String) -> Diagnostic {
        Diagnostic(.templateError, "template is not valid UTF-8", path: path, at: .start)
    }

    static func templateSyntax(_ detail: String, path: String, at position: SourcePosition) -> Diagnostic {
        Diagnostic(.templateError, "template syntax: \(detail)", path: path, at: position)
    }

    static func missingTemplate(_ name: String, path: String) -> Diagnostic {
        Diagnostic(.missingTemplate, "missing template '\(name).mustache'", path: path, at: .start)
    }
}
