/// The stable identity of a kind of problem, `KB` and three digits, as rustc's `E0308`: printed
/// in every report, carried by `--json`, explained by `kb explain`. A code is never reused for
/// another problem; a retired one stays in the catalogue.
public struct DiagnosticCode: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The number after `KB`.
    public let number: Int

    init(_ number: Int) { self.number = number }

    /// Reads `KB012`, `kb012` or `12`; nil for anything that is not a known code.
    public init?(_ text: String) {
        var digits = Substring(text)
        if digits.lowercased().hasPrefix("kb") { digits = digits.dropFirst(2) }
        guard !digits.isEmpty, digits.count <= 3, let number = Int(digits), Self.catalogue[DiagnosticCode(number)] != nil else { return nil }
        self.number = number
    }

    /// `KB012`.
    public var description: String {
        let digits = String(number)
        return "KB" + String(repeating: "0", count: max(0, 3 - digits.count)) + digits
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.number < rhs.number }

    /// What `kb explain` prints about a code.
    public struct Explanation: Sendable {
        /// A short name, also used in `--json` (`unknown-category`).
        public var name: String
        /// The severity diagnostics of this code have unless a call site says otherwise.
        public var severity: Diagnostic.Severity
        /// One line: what the problem is.
        public var summary: String
        /// Why kb reports it and what goes wrong if it is ignored.
        public var explanation: String
        /// A short piece of content that has the problem.
        public var example: String
        /// How to fix it.
        public var fix: String
    }

    /// This code's explanation.
    public var explanation: Explanation { Self.catalogue[self]! }
    /// The short name (`unknown-category`).
    public var name: String { explanation.name }
    /// The default severity.
    public var severity: Diagnostic.Severity { explanation.severity }

    /// Every code, in order.
    public static var all: [DiagnosticCode] { catalogue.keys.sorted() }
}

extension DiagnosticCode {
    // Files and front-matter
    /// KB001 (invalid-utf8): The file is not valid UTF-8.
    public static let invalidUTF8 = DiagnosticCode(1)
    /// KB002 (file-too-large): A content file is larger than 1 MB.
    public static let fileTooLarge = DiagnosticCode(2)
    /// KB003 (unreadable-file): A content file could not be read.
    public static let unreadableFile = DiagnosticCode(3)
    /// KB004 (empty-file): A content file is empty.
    public static let emptyFile = DiagnosticCode(4)
    /// KB005 (missing-front-matter): The file does not start with front-matter.
    public static let missingFrontMatter = DiagnosticCode(5)
    /// KB006 (unclosed-front-matter): The front-matter opens with '---' but never closes.
    public static let unclosedFrontMatter = DiagnosticCode(6)
    /// KB007 (malformed-yaml): The front-matter is not valid YAML.
    public static let malformedYAML = DiagnosticCode(7)
    /// KB008 (front-matter-not-mapping): The front-matter is not a mapping of plain keys to values.
    public static let frontMatterNotMapping = DiagnosticCode(8)
    /// KB009 (unknown-key): A front-matter key that kb does not know.
    public static let unknownKey = DiagnosticCode(9)
    /// KB010 (missing-key): A required front-matter key is missing.
    public static let missingKey = DiagnosticCode(10)
    /// KB011 (wrong-type): A front-matter value has the wrong shape.
    public static let wrongType = DiagnosticCode(11)
    // Entry fields
    /// KB012 (unknown-category): The entry's category is not one of kb.yml's categories.
    public static let unknownCategory = DiagnosticCode(12)
    /// KB013 (invalid-http-status): A number in 'http' is not an HTTP status code.
    public static let invalidHTTPStatus = DiagnosticCode(13)
    /// KB014 (invalid-entry-id): A value in 'related' is not an entry id.
    public static let invalidEntryID = DiagnosticCode(14)
    /// KB015 (invalid-tag): A tag cannot name a page.
    public static let invalidTag = DiagnosticCode(15)
    /// KB016 (invalid-date): A date is not a real day written YYYY-MM-DD.
    public static let invalidDate = DiagnosticCode(16)
    /// KB017 (invalid-address): A value that must be a web address is not one.
    public static let invalidAddress = DiagnosticCode(17)
    /// KB018 (missing-sources): The entry names no public source.
    public static let missingSources = DiagnosticCode(18)
    /// KB019 (stale-verification): The entry was last verified more than 180 days ago.
    public static let staleVerification = DiagnosticCode(19)
    /// KB020 (placeholder-left): A 'TODO:' placeholder from kb new is still in the entry.
    public static let placeholderLeft = DiagnosticCode(20)
    /// KB021 (empty-signatures): 'signatures' has no strings.
    public static let emptySignatures = DiagnosticCode(21)
    // Body
    /// KB022 (missing-section): The entry has no Causes, Fixes or FAQ section.
    public static let missingSection = DiagnosticCode(22)
    /// KB023 (duplicate-section): A Causes, Fixes or FAQ section appears twice.
    public static let duplicateSection = DiagnosticCode(23)
    /// KB024 (malformed-section): Causes is not a bullet list, or Fixes is not a numbered list.
    public static let malformedSection = DiagnosticCode(24)
    /// KB025 (missing-introduction): No paragraph before the first section.
    public static let missingIntroduction = DiagnosticCode(25)
    /// KB026 (unanswered-question): The FAQ has no questions, or a question has no answer.
    public static let unansweredQuestion = DiagnosticCode(26)
    /// KB027 (nested-too-deep): Markdown nested more than 64 levels deep.
    public static let nestedTooDeep = DiagnosticCode(27)
    // The content folder
    /// KB030 (content-folder-not-found): The content folder does not exist.
    public static let contentFolderNotFound = DiagnosticCode(30)
    /// KB031 (symbolic-link-refused): A symbolic link leads outside the content folder, or nowhere.
    public static let symbolicLinkRefused = DiagnosticCode(31)
    /// KB032 (duplicate-id): Two files define the same id, or ids that differ only in case.
    public static let duplicateID = DiagnosticCode(32)
    /// KB033 (entry-outside-provider): An entry sits directly in the content folder.
    public static let entryOutsideProvider = DiagnosticCode(33)
    /// KB034 (invalid-file-name): A provider folder or entry file name is not a valid id.
    public static let invalidFileName = DiagnosticCode(34)
    /// KB035 (missing-provider-index): A provider folder has no _index.md.
    public static let missingProviderIndex = DiagnosticCode(35)
    /// KB036 (nested-folder): A folder inside a provider folder.
    public static let nestedFolder = DiagnosticCode(36)
    // The graph
    /// KB040 (unknown-related): 'related' names an entry that does not exist.
    public static let unknownRelated = DiagnosticCode(40)
    /// KB041 (related-to-itself): An entry lists itself in 'related'.
    public static let relatedToItself = DiagnosticCode(41)
    /// KB042 (provider-without-entries): A provider has no entries yet.
    public static let providerWithoutEntries = DiagnosticCode(42)
    /// KB043 (shared-signature): Two entries of one provider claim the same signature.
    public static let sharedSignature = DiagnosticCode(43)
    /// KB044 (tag-case-collision): Two tags differ only in case.
    public static let tagCaseCollision = DiagnosticCode(44)
    // Providers
    /// KB045 (unknown-provider-kind): A provider's kind is not api, gateway or local.
    public static let unknownProviderKind = DiagnosticCode(45)
    /// KB046 (invalid-key-prefix): A key prefix cannot be the start of an API key.
    public static let invalidKeyPrefix = DiagnosticCode(46)
    /// KB047 (invalid-endpoint): An endpoint has no url, or an unknown key.
    public static let invalidEndpoint = DiagnosticCode(47)
    // The site
    /// KB050 (broken-link): A link in an entry points nowhere.
    public static let brokenLink = DiagnosticCode(50)
    /// KB051 (reserved-provider-id): A provider folder takes a name the site uses for itself.
    public static let reservedProviderID = DiagnosticCode(51)
    /// KB052 (relative-base-url): The base URL is not absolute.
    public static let relativeBaseURL = DiagnosticCode(52)
    /// KB060 (templates-not-found): The templates folder does not exist.
    public static let templatesNotFound = DiagnosticCode(60)
    /// KB061 (template-error): A template cannot be read or has a syntax error.
    public static let templateError = DiagnosticCode(61)
    /// KB062 (missing-template): A template every build needs is missing.
    public static let missingTemplate = DiagnosticCode(62)
    // Git and configuration
    /// KB070 (shallow-history): The git history is shallow, so entry dates are not reliable.
    public static let shallowHistory = DiagnosticCode(70)
    /// KB071 (uncommitted-entry): An entry is not committed yet, so git gives it no date.
    public static let uncommittedEntry = DiagnosticCode(71)
    /// KB080 (invalid-branch): kb.yml's branch cannot be part of a link.
    public static let invalidBranch = DiagnosticCode(80)
    /// KB081 (invalid-category-definition): A category in kb.yml has no valid id.
    public static let invalidCategoryDefinition = DiagnosticCode(81)

    static let catalogue: [DiagnosticCode: Explanation] = [
        invalidUTF8: .init(
            name: "invalid-utf8", severity: .error, summary: "The file is not valid UTF-8.",
            explanation: "kb reads every content file, template and kb.yml as UTF-8. A file saved in another encoding (Latin-1, UTF-16) would show as garbage on the site, so kb refuses it and points at the first byte that is not UTF-8.",
            example: "An entry saved by an editor set to Windows-1252, with a curly quote stored as the single byte 0x93.",
            fix: "Save the file as UTF-8 (most editors: File > Save with Encoding > UTF-8)."),
        fileTooLarge: .init(
            name: "file-too-large", severity: .error, summary: "A content file is larger than 1 MB.",
            explanation: "An entry is a page of text; a file of megabytes is almost certainly something else (a log, a dump) committed by mistake, and reading it would slow every build.",
            example: "Content/openai/debug-log.md, 40 MB.",
            fix: "Split the entry, or move what is not an entry out of Content/."),
        unreadableFile: .init(
            name: "unreadable-file", severity: .error, summary: "A content file could not be read.",
            explanation: "The file exists in the listing but opening or reading it failed: permissions, a file removed during the build, a broken disk.",
            example: "Content/openai/rate-limit.md with mode 000.",
            fix: "Check the file's permissions (chmod 644) and that it still exists."),
        emptyFile: .init(
            name: "empty-file", severity: .error, summary: "A content file is empty.",
            explanation: "Every entry and provider file starts with front-matter; an empty file is usually one created and never written.",
            example: "Content/openai/new-entry.md with no bytes.",
            fix: "Write the entry (kb new PROVIDER/SLUG makes a skeleton) or delete the file."),
        missingFrontMatter: .init(
            name: "missing-front-matter", severity: .error, summary: "The file does not start with front-matter.",
            explanation: "The keys of an entry (title, category, signatures, …) sit between two '---' lines at the very top of the file. Without them kb cannot tell what the file is.",
            example: "# Rate limit\n\nThe API says 429…",
            fix: "Put '---' on the first line, then the keys, then '---', then the Markdown body."),
        unclosedFrontMatter: .init(
            name: "unclosed-front-matter", severity: .error, summary: "The front-matter opens with '---' but never closes.",
            explanation: "Without the closing '---' line the whole file would be read as YAML.",
            example: "---\ntitle: \"Rate limit\"\ncategory: rate-limit\n\n## Causes",
            fix: "Add a '---' line after the last key."),
        malformedYAML: .init(
            name: "malformed-yaml", severity: .error, summary: "The front-matter is not valid YAML.",
            explanation: "kb reads front-matter with a YAML parser and reports its error at the line and column it gives.",
            example: "title: \"Rate limit\ncategory: rate-limit",
            fix: "Fix the YAML at the position shown: close quotes and brackets, indent list items, quote values with ': ' in them."),
        frontMatterNotMapping: .init(
            name: "front-matter-not-mapping", severity: .error, summary: "The front-matter is not a mapping of plain keys to values.",
            explanation: "Front-matter is a set of 'key: value' lines. A list, a bare value, or a key that is itself a list or mapping cannot be read as fields.",
            example: "---\n- title\n- category\n---",
            fix: "Write one 'key: value' per line, like 'title: \"…\"'."),
        unknownKey: .init(
            name: "unknown-key", severity: .error, summary: "A front-matter key that kb does not know.",
            explanation: "Keys are a fixed set (see docs/AUTHORING.md). An unknown key is usually a typo of a known one, and its value would be silently ignored.",
            example: "categroy: rate-limit",
            fix: "Use the key the 'did you mean' names, or remove it."),
        missingKey: .init(
            name: "missing-key", severity: .error, summary: "A required front-matter key is missing.",
            explanation: "Entries need title, category, signatures, sources and verified; providers need name.",
            example: "---\ncategory: rate-limit\nsignatures: [\"Rate limit reached\"]\n---",
            fix: "Add the key shown, with a value like the example in the message."),
        wrongType: .init(
            name: "wrong-type", severity: .error, summary: "A front-matter value has the wrong shape.",
            explanation: "Each key takes one shape: a single text (title, category), a list of texts (signatures, tags, sources), a list of numbers (http), a list of mappings (endpoints). Values must not be empty.",
            example: "signatures: \"Rate limit reached\"     # a list is needed",
            fix: "Write the value in the shape the message shows, like signatures: [\"Rate limit reached\"]."),
        unknownCategory: .init(
            name: "unknown-category", severity: .error, summary: "The entry's category is not one of kb.yml's categories.",
            explanation: "Categories are a closed set (the ten defaults, or the list in kb.yml): the site has a page per category and search groups by them, so a misspelt category would make a page of its own.",
            example: "category: rate-limits",
            fix: "Use one of the categories listed in the message; the fix-it names the nearest."),
        invalidHTTPStatus: .init(
            name: "invalid-http-status", severity: .error, summary: "A number in 'http' is not an HTTP status code.",
            explanation: "'http' lists the statuses the error comes with, each between 100 and 599; search uses them to match pasted status lines.",
            example: "http: [4290]",
            fix: "Write the status codes the API returns, like http: [429]."),
        invalidEntryID: .init(
            name: "invalid-entry-id", severity: .error, summary: "A value in 'related' is not an entry id.",
            explanation: "Entry ids are provider/slug, the entry's path under Content/ without '.md'.",
            example: "related: [rate-limit]",
            fix: "Write the full id, like related: [openai/rate-limit]."),
        invalidTag: .init(
            name: "invalid-tag", severity: .error, summary: "A tag cannot name a page.",
            explanation: "Each tag becomes a folder of the site (tags/<tag>/), so it may hold only letters, digits, '-', '_' and '.', start with a letter or digit, and be at most 64 characters.",
            example: "tags: [\"api key\", ../../etc]",
            fix: "Use the suggested spelling, like api-key."),
        invalidDate: .init(
            name: "invalid-date", severity: .error, summary: "A date is not a real day written YYYY-MM-DD.",
            explanation: "'updated' and 'verified' are calendar days; kb compares and prints them, so they must be real dates.",
            example: "verified: 2026-02-31",
            fix: "Write the date as YYYY-MM-DD, like verified: 2026-12-01."),
        invalidAddress: .init(
            name: "invalid-address", severity: .error, summary: "A value that must be a web address is not one.",
            explanation: "Sources, provider websites and status pages, endpoint URLs, base_url and repository end up in links on the site. Only http:// and https:// addresses (endpoints: any absolute URL) are allowed, so no javascript: or data: link can reach a reader.",
            example: "sources: [docs/errors.md]",
            fix: "Write the full public address, like https://platform.openai.com/docs/guides/error-codes."),
        missingSources: .init(
            name: "missing-sources", severity: .error, summary: "The entry names no public source.",
            explanation: "Every signature must be a string the provider's API, SDK or tool really prints, and a reviewer must be able to check it. 'sources' lists the public pages that show it: an SDK file at a tag or commit, a docs page, an issue thread with the output.",
            example: "---\ntitle: \"Rate limit reached\"\n…\nsources: []\n---",
            fix: "Add sources: with at least one http(s) address that shows the signatures, and verified: with the day you checked."),
        staleVerification: .init(
            name: "stale-verification", severity: .warning, summary: "The entry was last verified more than 180 days ago.",
            explanation: "Providers change their error messages, key formats and limits; an entry nobody has checked for half a year is likely to be partly wrong.",
            example: "verified: 2025-01-15",
            fix: "Check each signature and claim against the sources again, fix what changed, and set verified: to the day you did."),
        placeholderLeft: .init(
            name: "placeholder-left", severity: .error, summary: "A 'TODO:' placeholder from kb new is still in the entry.",
            explanation: "kb new writes a skeleton whose every part is marked TODO:; an entry with one left is not finished.",
            example: "title: \"TODO: Rate limit\"",
            fix: "Replace every TODO: with the real text."),
        emptySignatures: .init(
            name: "empty-signatures", severity: .error, summary: "'signatures' has no strings.",
            explanation: "Search finds an entry by the literal text of its error; an entry without one can only be found by chance.",
            example: "signatures: []",
            fix: "List the exact error text the API, SDK or tool prints, like signatures: [\"Rate limit reached\"]."),
        missingSection: .init(
            name: "missing-section", severity: .error, summary: "The entry has no Causes, Fixes or FAQ section.",
            explanation: "Every entry answers three things: why it happens (## Causes, a bullet list), what to do (## Fixes, numbered steps) and what people ask (## FAQ, ### questions).",
            example: "## Causes\n- **Key revoked.** …\n\n(no ## Fixes)",
            fix: "Add the section named in the message with its shape."),
        duplicateSection: .init(
            name: "duplicate-section", severity: .error, summary: "A Causes, Fixes or FAQ section appears twice.",
            explanation: "Each of the three sections is read into one list; a second one would be dropped.",
            example: "## Fixes\n1. …\n\n## Fix\n1. …",
            fix: "Merge the two sections."),
        malformedSection: .init(
            name: "malformed-section", severity: .error, summary: "Causes is not a bullet list, or Fixes is not a numbered list.",
            explanation: "kb reads one cause per bullet and one fix step per number; terminal output and the site number the steps.",
            example: "## Fixes\n- Create a new key.",
            fix: "Write causes as '- **Short name.** Explanation' and fixes as '1.', '2.', …"),
        missingIntroduction: .init(
            name: "missing-introduction", severity: .warning, summary: "No paragraph before the first section.",
            explanation: "The first paragraph is the entry's summary in search results, lists and the site's description tags.",
            example: "---\n…\n---\n## Causes",
            fix: "Start the body with one or two paragraphs on what the error means."),
        unansweredQuestion: .init(
            name: "unanswered-question", severity: .warning, summary: "The FAQ has no questions, or a question has no answer.",
            explanation: "FAQ questions become FAQPage structured data; a question without an answer is an empty promise to the reader.",
            example: "## FAQ\n### Why does a new key fail?\n\n### Does a 401 mean no credit?",
            fix: "Write each question as '### Question?' followed by its answer."),
        nestedTooDeep: .init(
            name: "nested-too-deep", severity: .error, summary: "Markdown nested more than 64 levels deep.",
            explanation: "Block quotes, lists or emphasis inside each other past 64 levels are not copied: no real entry needs it, and a tree thousands of levels deep would exhaust the stack.",
            example: "> > > > … (hundreds of levels)",
            fix: "Flatten the nesting."),
        contentFolderNotFound: .init(
            name: "content-folder-not-found", severity: .error, summary: "The content folder does not exist.",
            explanation: "kb looks for --content DIR, then $KB_CONTENT, then ./Content.",
            example: "kb check --content Contnet",
            fix: "Pass --content DIR, or run kb in the folder that holds Content/."),
        symbolicLinkRefused: .init(
            name: "symbolic-link-refused", severity: .error, summary: "A symbolic link leads outside the content folder, or nowhere.",
            explanation: "Content comes from pull requests; a link to a file outside the folder could publish any file of the machine that builds the site.",
            example: "Content/openai/passwd.md -> /etc/passwd",
            fix: "Copy the file into the content folder instead, or remove the link."),
        duplicateID: .init(
            name: "duplicate-id", severity: .error, summary: "Two files define the same id, or ids that differ only in case.",
            explanation: "Ids are paths and URLs; two files whose ids differ only in case are one file on macOS and Windows, and one page would overwrite the other.",
            example: "Content/openai/Rate-Limit.md beside Content/openai/rate-limit.md",
            fix: "Rename or merge one of the two files."),
        entryOutsideProvider: .init(
            name: "entry-outside-provider", severity: .error, summary: "An entry sits directly in the content folder.",
            explanation: "Every entry belongs to a provider, whose folder name is the first half of its id.",
            example: "Content/rate-limit.md",
            fix: "Move the file into its provider's folder, like Content/openai/rate-limit.md."),
        invalidFileName: .init(
            name: "invalid-file-name", severity: .error, summary: "A provider folder or entry file name is not a valid id.",
            explanation: "Ids are lower-case ASCII letters, digits and inner hyphens, because they are URLs and folder names on every system.",
            example: "Content/OpenAI/Rate Limit.md",
            fix: "Rename it to the suggested id, like Content/openai/rate-limit.md."),
        missingProviderIndex: .init(
            name: "missing-provider-index", severity: .error, summary: "A provider folder has no _index.md.",
            explanation: "_index.md describes the provider: its name, endpoints, env variables and key formats, which search uses as hints.",
            example: "Content/newprovider/ with entries but no _index.md",
            fix: "Add _index.md with at least name: (see docs/AUTHORING.md)."),
        nestedFolder: .init(
            name: "nested-folder", severity: .error, summary: "A folder inside a provider folder.",
            explanation: "Entries sit directly in their provider's folder; files in subfolders would not be read.",
            example: "Content/openai/errors/rate-limit.md",
            fix: "Move the entries up into the provider's folder."),
        unknownRelated: .init(
            name: "unknown-related", severity: .error, summary: "'related' names an entry that does not exist.",
            explanation: "Related entries are linked from the page and the terminal; a missing one would be a broken link.",
            example: "related: [openai/rate-limits]",
            fix: "Use the id the 'did you mean' names, or remove it."),
        relatedToItself: .init(
            name: "related-to-itself", severity: .warning, summary: "An entry lists itself in 'related'.",
            explanation: "A link to the page the reader is on helps nobody.",
            example: "related: [openai/rate-limit]   # in openai/rate-limit.md",
            fix: "Remove the entry's own id."),
        providerWithoutEntries: .init(
            name: "provider-without-entries", severity: .warning, summary: "A provider has no entries yet.",
            explanation: "Its page would be empty.",
            example: "Content/newprovider/_index.md alone",
            fix: "Add entries, or remove the provider until it has some."),
        sharedSignature: .init(
            name: "shared-signature", severity: .warning, summary: "Two entries of one provider claim the same signature.",
            explanation: "Search cannot tell the two entries apart by that text; one of them is probably claiming a string that belongs to the other.",
            example: "openai/rate-limit and openai/quota both list \"429 Too Many Requests\"",
            fix: "Keep the signature in the entry it belongs to, and give the other one its own, more specific text."),
        tagCaseCollision: .init(
            name: "tag-case-collision", severity: .error, summary: "Two tags differ only in case.",
            explanation: "Tags become folders; 'API-key' and 'api-key' would be one folder on case-insensitive file systems.",
            example: "tags: [API-key]   # another entry uses api-key",
            fix: "Spell the tag as the first entry does."),
        unknownProviderKind: .init(
            name: "unknown-provider-kind", severity: .error, summary: "A provider's kind is not api, gateway or local.",
            explanation: "The kind groups providers on the home page and weighs how much naming them in a paste says.",
            example: "kind: cloud",
            fix: "Use api (a hosted API), gateway (a proxy or router) or local (a server on the user's machine)."),
        invalidKeyPrefix: .init(
            name: "invalid-key-prefix", severity: .error, summary: "A key prefix cannot be the start of an API key.",
            explanation: "Key prefixes are matched against pasted keys and mask them; a prefix must be at least 3 letters, digits, '-' or '_'.",
            example: "key_prefixes: [\"s\"]",
            fix: "Write the real prefix the provider's keys start with, like \"sk-\"."),
        invalidEndpoint: .init(
            name: "invalid-endpoint", severity: .error, summary: "An endpoint has no url, or an unknown key.",
            explanation: "Endpoints are { label, url } pairs; their hosts are search hints.",
            example: "endpoints:\n  - { name: API, link: \"https://api.example.com\" }",
            fix: "Write each endpoint as { label: …, url: \"https://…\" }."),
        brokenLink: .init(
            name: "broken-link", severity: .error, summary: "A link in an entry points nowhere.",
            explanation: "Links between entries are written to their files (../openai/rate-limit.md#fixes), so they work on GitHub too; kb checks each one and turns it into the page's address. A missing entry or section, an absolute path or a link out of the content folder would break on the site.",
            example: "[see](../openai/rate-limits.md#fixes)",
            fix: "Link to an existing entry's .md file and one of its sections (#causes, #fixes, #faq, or a question's anchor)."),
        reservedProviderID: .init(
            name: "reserved-provider-id", severity: .error, summary: "A provider folder takes a name the site uses for itself.",
            explanation: "The site keeps assets/, category/, http/, tags/ and search/ at its top level.",
            example: "Content/search/_index.md",
            fix: "Rename the provider's folder."),
        relativeBaseURL: .init(
            name: "relative-base-url", severity: .warning, summary: "The base URL is not absolute.",
            explanation: "The sitemap, the feed and canonical links need absolute addresses; without one they are left out.",
            example: "kb build --base-url /kb/",
            fix: "Set base_url: https://… in kb.yml, or pass --base-url https://…"),
        templatesNotFound: .init(
            name: "templates-not-found", severity: .error, summary: "The templates folder does not exist.",
            explanation: "kb renders pages with Mustache templates from --templates DIR or Templates/ beside the content.",
            example: "kb build --templates Templtes",
            fix: "Pass --templates DIR, or create Templates/."),
        templateError: .init(
            name: "template-error", severity: .error, summary: "A template cannot be read or has a syntax error.",
            explanation: "Templates are Mustache; kb reports the line and column of the error, and refuses two templates with one name in different folders.",
            example: "{{#sections}} … (never closed)",
            fix: "Fix the template at the position shown."),
        missingTemplate: .init(
            name: "missing-template", severity: .error, summary: "A template every build needs is missing.",
            explanation: "Each kind of page has its template: base, home, entry, provider, list and 404.",
            example: "Templates/ without entry.mustache",
            fix: "Add the template named in the message (the shipped Templates/ has one of each)."),
        shallowHistory: .init(
            name: "shallow-history", severity: .warning, summary: "The git history is shallow, so entry dates are not reliable.",
            explanation: "Entries without 'updated' take their dates from git; a shallow clone (CI's default) has only the last commit, so every file gets its date.",
            example: "actions/checkout with its default fetch-depth: 1",
            fix: "Fetch the whole history (git fetch --unshallow, or fetch-depth: 0 in actions/checkout), or set 'updated' in front-matter."),
        uncommittedEntry: .init(
            name: "uncommitted-entry", severity: .warning, summary: "An entry is not committed yet, so git gives it no date.",
            explanation: "It gets its date with its first commit.",
            example: "a new file before git add && git commit",
            fix: "Commit it, or set 'updated' in front-matter."),
        invalidBranch: .init(
            name: "invalid-branch", severity: .error, summary: "kb.yml's branch cannot be part of a link.",
            explanation: "The branch is a path segment of every 'Edit this page' link.",
            example: "branch: \"main; rm -rf\"",
            fix: "Use a branch name of letters, digits, '-', '_', '.' and '/', like main."),
        invalidCategoryDefinition: .init(
            name: "invalid-category-definition", severity: .error, summary: "A category in kb.yml has no valid id.",
            explanation: "Category ids are folder names and URLs: lower-case letters, digits and hyphens.",
            example: "categories:\n  - { name: Billing }",
            fix: "Give each category an id, like { id: billing, name: Billing }."),
    ]
}
