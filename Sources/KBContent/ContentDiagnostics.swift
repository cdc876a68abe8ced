import KBCore
import KBMarkdown

// The wording of every problem the content layer finds, in one place. Call sites name the
// problem and its facts; codes are in KBCore's catalogue (`kb explain`).
extension Diagnostic {
    // MARK: Files

    static func invalidUTF8(path: String, at position: SourcePosition) -> Diagnostic {
        Diagnostic(.invalidUTF8, "file is not valid UTF-8 (first bad byte here); save it as UTF-8", path: path, at: position)
    }

    static func fileTooLarge(path: String, bytes: Int) -> Diagnostic {
        let tenths = (bytes * 10 + 524_288) / 1_048_576
        return Diagnostic(.fileTooLarge, "file is \(tenths / 10).\(tenths % 10) MB; an entry may be at most 1 MB, split it or remove what is not an entry", path: path, at: .start)
    }

    static func unreadableFile(path: String, reason: String) -> Diagnostic {
        Diagnostic(.unreadableFile, "cannot read file: \(reason)", path: path, at: .start)
    }

    static func emptyFile(path: String) -> Diagnostic {
        Diagnostic(.emptyFile, "file is empty; an entry starts with front-matter between '---' lines (see `kb new`)", path: path, at: .start)
    }

    static func missingFrontMatter(path: String) -> Diagnostic {
        Diagnostic(.missingFrontMatter, "file does not start with front-matter; put '---' on the first line, the keys, then '---'", path: path, at: .start)
    }

    static func unclosedFrontMatter(path: String) -> Diagnostic {
        Diagnostic(.unclosedFrontMatter, "front-matter opened here never closes; add a '---' line after the last key", path: path, at: .start)
    }

    // MARK: Front-matter shapes

    static func malformedYAML(_ detail: String, path: String, at position: SourcePosition) -> Diagnostic {
        Diagnostic(.malformedYAML, "malformed YAML in front-matter: \(detail)", path: path, at: position)
    }

    static func frontMatterNotMapping(path: String, range: SourceRange) -> Diagnostic {
        Diagnostic(.frontMatterNotMapping, "front-matter must be a mapping of keys to values, like 'title: \"...\"'", path: path, range: range)
    }

    static func keyNotPlainName(path: String, range: SourceRange) -> Diagnostic {
        Diagnostic(.frontMatterNotMapping, "front-matter keys must be plain names", path: path, range: range)
    }

    static func unknownKey(_ key: String, suggestion: String?, path: String, range: SourceRange) -> Diagnostic {
        Diagnostic(.unknownKey, "unknown key '\(key)'\(NearestName.didYouMean(suggestion))", path: path, range: range,
                   fixIt: suggestion.map { .init(range: range, replacement: $0) })
    }

    static func missingKey(_ key: String, example: String, path: String, at position: SourcePosition) -> Diagnostic {
        if key == "sources" { return missingSources(path: path, range: SourceRange(at: position)) }
        return Diagnostic(.missingKey, "missing required key '\(key)'; add it to the front-matter, like \(key): \(example)", path: path, at: position)
    }

    static func notSingleText(_ key: String, example: String, path: String, range: SourceRange) -> Diagnostic {
        Diagnostic(.wrongType, "'\(key)' must be a single text value, like \(key): \(example)", path: path, range: range)
    }

    static func emptyValue(_ key: String, example: String, path: String, range: SourceRange) -> Diagnostic {
        Diagnostic(.wrongType, "'\(key)' is empty; write it like \(key): \(example)", path: path, range: range)
    }

    static func notTextItem(_ key: String, path: String, range: SourceRange) -> Diagnostic {
        Diagnostic(.wrongType, "every item of '\(key)' must be a single text value", path: path, range: range)
    }

    static func emptyItem(_ key: String, path: String, range: SourceRange) -> Diagnostic {
        Diagnostic(.wrongType, "empty item in '\(key)'; remove it or write the text", path: path, range: range)
    }

    /// A single text where a list belongs: the fix-it wraps it in brackets.
    static func notAList(_ key: String, value: String, path: String, range: SourceRange) -> Diagnostic {
        let quoted = "\"\(value)\""
        return Diagnostic(.wrongType, "'\(key)' must be a list, like \(key): [\(quoted)]", path: path, range: range,
                          fixIt: .init(range: range, replacement: "[\(quoted)]"))
    }

    static func notAList(_ key: String, example: String, path: String, range: SourceRange) -> Diagnostic {
        Diagnostic(.wrongType, "'\(key)' must be a list, like \(key): \(example)", path: path, range: range)
    }

    static func notNumbers(_ key: String, example: String, found: String?, digits: String?, path: String, range: SourceRange) -> Diagnostic {
        Diagnostic(.wrongType, "'\(key)' must be a list of numbers, like \(key): \(example)\(found.map { "; found \($0)" } ?? "")", path: path, range: range,
                   fixIt: digits.map { .init(range: range, replacement: "[\($0)]") })
    }

    static func notNumberItem(_ key: String, example: String, found: String, path: String, range: SourceRange) -> Diagnostic {
        Diagnostic(.wrongType, "every item of '\(key)' must be a number, like \(key): \(example); found \(found)", path: path, range: range)
    }

    static func notMappingItem(_ key: String, example: String, path: String, range: SourceRange) -> Diagnostic {
        Diagnostic(.wrongType, "every item of '\(key)' must be a mapping, like \(example)", path: path, range: range)
    }

    // MARK: Entry fields

    static func unknownCategory(_ name: String, suggestion: String?, known: [String], path: String, range: SourceRange) -> Diagnostic {
        Diagnostic(.unknownCategory, "unknown category '\(name)'\(NearestName.didYouMean(suggestion)) (categories: \(known.joined(separator: ", ")))", path: path, range: range,
                   fixIt: suggestion.map { .init(range: range, replacement: $0) })
    }

    static func emptySignatures(path: String, range: SourceRange) -> Diagnostic {
        Diagnostic(.emptySignatures, "'signatures' needs at least one string as the error prints it, like signatures: [\"Invalid API key\"]", path: path, range: range)
    }

    static func invalidHTTPStatus(_ code: Int, path: String, range: SourceRange) -> Diagnostic {
        Diagnostic(.invalidHTTPStatus, "\(code) is not an HTTP status code (100 to 599)", path: path, range: range)
    }

    static func invalidEntryID(_ value: String, path: String, range: SourceRange) -> Diagnostic {
        Diagnostic(.invalidEntryID, "'\(value)' is not an entry id; ids look like provider/slug, e.g. openai/rate-limit", path: path, range: range)
    }

    static func invalidTag(_ value: String, suggestion: String, path: String, range: SourceRange) -> Diagnostic {
        Diagnostic(.invalidTag, "tag '\(value)' cannot name a page: use up to 64 letters, digits, '-', '_' or '.', starting with a letter or digit, like '\(suggestion)'", path: path, range: range,
                   fixIt: .init(range: range, replacement: suggestion))
    }

    static func invalidDate(_ key: String, _ text: String, path: String, range: SourceRange) -> Diagnostic {
        Diagnostic(.invalidDate, "'\(key)' must be a real day written YYYY-MM-DD, found '\(text)'", path: path, range: range)
    }

    /// Where a web address was found, for saying what it is for.
    enum AddressUse {
        case source, website, status, baseURL, repository

        func sentence(_ value: String) -> String {
            switch self {
            case .source: "source '\(value)' is not an http:// or https:// address; list the public page, SDK file or issue thread that shows the error"
            case .website: "website '\(value)' is not an http:// or https:// address; the provider page links to it"
            case .status: "status '\(value)' is not an http:// or https:// address; give the provider's public status page"
            case .baseURL: "base_url '\(value)' must be an http:// or https:// address, or a path starting with '/'"
            case .repository: "repository '\(value)' must be an http:// or https:// address"
            }
        }
    }

    static func invalidAddress(_ use: AddressUse, _ value: String, path: String, range: SourceRange) -> Diagnostic {
        Diagnostic(.invalidAddress, use.sentence(value), path: path, range: range)
    }

    static func missingSources(path: String, range: SourceRange) -> Diagnostic {
        Diagnostic(.missingSources, "the entry names no source; add sources: with the public pages that show its signatures (an SDK file at a tag, a docs page, an issue thread), like sources: [\"https://platform.openai.com/docs/guides/error-codes\"]", path: path, range: range)
    }

    static func staleVerification(age: Int, verified: Day, path: String, range: SourceRange) -> Diagnostic {
        Diagnostic(.staleVerification, "entry was last verified \(age) days ago (\(verified)); check its signatures against its sources again and set 'verified' to the day you did", path: path, range: range)
    }

    static func placeholderLeft(_ marker: String, path: String, at position: SourcePosition) -> Diagnostic {
        Diagnostic(.placeholderLeft, "placeholder '\(marker):' left from kb new; replace it with the real text", path: path, at: position)
    }

    // MARK: Body

    static func missingIntroduction(path: String, at position: SourcePosition) -> Diagnostic {
        Diagnostic(.missingIntroduction, "no paragraph before the first section; start with one or two paragraphs on what the error means", path: path, at: position)
    }

    static func missingSection(_ kind: EntrySection.Kind, path: String, at position: SourcePosition) -> Diagnostic {
        let (heading, shape) = switch kind {
        case .causes: ("Causes", "a bullet list")
        case .fixes: ("Fixes", "a numbered list of steps")
        default: ("FAQ", "'### Question?' headings with answers")
        }
        return Diagnostic(.missingSection, "missing section '## \(heading)'; add it with \(shape)", path: path, at: position)
    }

    static func duplicateSection(_ title: String, path: String, at position: SourcePosition) -> Diagnostic {
        Diagnostic(.duplicateSection, "section '\(title)' appears twice; merge the two", path: path, at: position)
    }

    static func causesNotBullets(path: String, at position: SourcePosition) -> Diagnostic {
        Diagnostic(.malformedSection, "'Causes' must be a bullet list ('- **Short name.** Explanation'), one item a cause", path: path, at: position)
    }

    static func fixesNotNumbered(hasBullets: Bool, path: String, at position: SourcePosition) -> Diagnostic {
        let hint = hasBullets ? "; it is a bullet list now, number the steps '1.', '2.', ..." : ""
        return Diagnostic(.malformedSection, "'Fixes' must be a numbered list of steps\(hint)", path: path, at: position)
    }

    static func emptyFAQ(path: String, at position: SourcePosition) -> Diagnostic {
        Diagnostic(.unansweredQuestion, "'FAQ' has no questions; write each as '### Question?' followed by its answer", path: path, at: position)
    }

    static func unansweredQuestion(_ question: String, path: String, at position: SourcePosition) -> Diagnostic {
        Diagnostic(.unansweredQuestion, "FAQ question '\(question)' has no answer text", path: path, at: position)
    }

    static func nestedTooDeep(path: String, at position: SourcePosition) -> Diagnostic {
        Diagnostic(.nestedTooDeep, "Markdown nested more than \(MarkdownParser.maximumDepth) levels deep (block quotes, lists or emphasis inside each other); flatten it", path: path, at: position)
    }

    // MARK: The content folder

    static func contentFolderNotFound(path: String) -> Diagnostic {
        Diagnostic(.contentFolderNotFound, "content folder not found; pass --content DIR or run kb where Content/ is", path: path, at: .start)
    }

    static func linkLeadsNowhere(_ relative: String, loops: Bool, path: String) -> Diagnostic {
        let reason = loops ? "its links go round in a loop" : "its target does not exist"
        return Diagnostic(.symbolicLinkRefused, "refused: '\(relative)' is a symbolic link that leads nowhere (\(reason)); remove it or point it at a file inside the content folder", path: path, at: .start)
    }

    static func linkLeavesFolder(_ relative: String, target: String, path: String) -> Diagnostic {
        Diagnostic(.symbolicLinkRefused, "refused: '\(relative)' is a symbolic link to '\(target)', outside the content folder; copy the file in instead", path: path, at: .start)
    }

    static func duplicateID(_ id: String, first: String, caseOnly: Bool, path: String) -> Diagnostic {
        let message = caseOnly
            ? "id '\(id)' differs only in case from '\(first)'; on case-insensitive file systems they are one file, rename one"
            : "duplicate id '\(id)', also defined by '\(first)'"
        return Diagnostic(.duplicateID, message, path: path, at: .start)
    }

    static func caseOnlyFileName(_ id: String, other: String, path: String) -> Diagnostic {
        Diagnostic(.duplicateID, "id '\(id)' differs only in case from '\(other)'; on case-insensitive file systems they are one file, rename or merge them", path: path, at: .start)
    }

    static func entryOutsideProvider(example: String, path: String) -> Diagnostic {
        Diagnostic(.entryOutsideProvider, "entry outside a provider folder; move it into the folder of its provider, e.g. \(example)", path: path, at: .start)
    }

    static func invalidProviderFolder(_ name: String, suggestion: String, path: String) -> Diagnostic {
        Diagnostic(.invalidFileName, "provider folder '\(name)' is not a valid id (lower-case letters, digits, hyphens); rename it to '\(suggestion)'", path: path, at: .start)
    }

    static func invalidFileName(_ name: String, suggestion: String, path: String) -> Diagnostic {
        Diagnostic(.invalidFileName, "file name '\(name)' is not a valid id (lower-case letters, digits, hyphens); rename it to '\(suggestion).md'", path: path, at: .start)
    }

    static func missingProviderIndex(_ name: String, path: String) -> Diagnostic {
        Diagnostic(.missingProviderIndex, "provider folder '\(name)' has no _index.md; add one with the provider's name and endpoints", path: path, at: .start)
    }

    static func nestedFolder(provider: String, path: String) -> Diagnostic {
        Diagnostic(.nestedFolder, "folder inside a provider folder; entries sit directly in \(provider)/", path: path, at: .start)
    }

    // MARK: The graph

    static func unknownRelated(_ target: EntryID, suggestion: String?, path: String, range: SourceRange) -> Diagnostic {
        Diagnostic(.unknownRelated, "unknown related id '\(target)'\(NearestName.didYouMean(suggestion))", path: path, range: range,
                   fixIt: suggestion.map { .init(range: range, replacement: $0) }, mentionedEntry: target)
    }

    static func relatedToItself(path: String, range: SourceRange) -> Diagnostic {
        Diagnostic(.relatedToItself, "entry lists itself in 'related'; remove it", path: path, range: range)
    }

    static func providerWithoutEntries(_ provider: ProviderID, path: String) -> Diagnostic {
        Diagnostic(.providerWithoutEntries, "provider '\(provider)' has no entries yet", path: path, at: .start)
    }

    static func sharedSignature(_ signature: Signature, claimedBy first: EntryID, path: String, range: SourceRange) -> Diagnostic {
        Diagnostic(.sharedSignature, "signature \"\(signature)\" is also claimed by \(first); search cannot tell the two apart by it", path: path, range: range, mentionedEntry: first)
    }

    static func tagCaseCollision(_ tag: Tag, first: Tag, owner: EntryID, path: String, range: SourceRange) -> Diagnostic {
        Diagnostic(.tagCaseCollision, "tag '\(tag)' differs from '\(first)' (used by \(owner)) only in case; their pages would collide on a case-insensitive file system, so write it '\(first)'", path: path, range: range,
                   fixIt: .init(range: range, replacement: first.rawValue))
    }

    // MARK: Providers

    static func unknownProviderKind(_ kind: String, suggestion: String?, path: String, range: SourceRange) -> Diagnostic {
        let kinds = Provider.Kind.allCases.map(\.rawValue).joined(separator: ", ")
        return Diagnostic(.unknownProviderKind, "unknown provider kind '\(kind)' (kinds: \(kinds))\(NearestName.didYouMean(suggestion))", path: path, range: range,
                          fixIt: suggestion.map { .init(range: range, replacement: $0) })
    }

    static func invalidKeyPrefix(_ prefix: String, path: String, range: SourceRange) -> Diagnostic {
        Diagnostic(.invalidKeyPrefix, "key prefix \(prefix.debugDescription) is not the start of a key: write at least 3 letters, digits, '-', '_' or '.', starting with a letter or digit, like \"sk-\" or \"AQ.\"", path: path, range: range)
    }

    static func unknownEndpointKey(_ key: String, suggestion: String?, path: String, range: SourceRange) -> Diagnostic {
        Diagnostic(.invalidEndpoint, "unknown endpoint key '\(key)'\(NearestName.didYouMean(suggestion))", path: path, range: range,
                   fixIt: suggestion.map { .init(range: range, replacement: $0) })
    }

    static func endpointWithoutURL(path: String, range: SourceRange) -> Diagnostic {
        Diagnostic(.invalidEndpoint, "endpoint needs a 'url'", path: path, range: range)
    }

    static func endpointNotAbsolute(_ url: String, path: String, range: SourceRange) -> Diagnostic {
        Diagnostic(.invalidAddress, "endpoint url '\(url)' is not an absolute URL like https://api.example.com/v1", path: path, range: range)
    }

    // MARK: Git and kb.yml

    static func shallowHistory(path: String) -> Diagnostic {
        Diagnostic(.shallowHistory, "the git history is shallow, so entry dates come from the commits this clone has; fetch the whole history (git fetch --unshallow, or fetch-depth: 0 in actions/checkout) or set 'updated' in front-matter", path: path, at: .start)
    }

    static func uncommittedEntry(path: String) -> Diagnostic {
        Diagnostic(.uncommittedEntry, "not committed yet, so git gives it no date; it gets one with its first commit (or set 'updated')", path: path, at: .start)
    }

    static func invalidBranch(_ branch: String, path: String, range: SourceRange) -> Diagnostic {
        Diagnostic(.invalidBranch, "branch '\(branch)' cannot be part of a link: use letters, digits, '-', '_', '.' and '/', like main or release/2.0", path: path, range: range)
    }

    static func invalidCategoryDefinition(path: String, range: SourceRange) -> Diagnostic {
        Diagnostic(.invalidCategoryDefinition, "a category needs an 'id' of lower-case letters, digits and hyphens", path: path, range: range)
    }
}
