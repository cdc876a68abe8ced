import KBCore
import KBMarkdown
import Yams

/// Reads a front-matter mapping key by key, turning every problem (bad YAML, unknown key, wrong
/// type, missing value) into a diagnostic whose range covers the key or value as written.
/// Columns are UTF-8 bytes, as in every kb position (libyaml counts Unicode scalars).
struct YAMLFields {
    private(set) var diagnostics: [Diagnostic] = []
    private var values: [String: (key: Node, value: Node)] = [:]
    /// Keys with their positions.
    private(set) var keyPositions: [String: SourcePosition] = [:]
    let path: String
    /// Position of the front-matter itself, for "missing key" reports.
    let origin: SourcePosition
    private let lineOffset: Int
    /// The YAML's lines, to turn libyaml's marks into byte ranges.
    private let lines: LineTable
    /// False when the YAML did not parse; no field will be read then.
    private(set) var isReadable = true
    /// Keys whose value was reported as malformed, so a later check need not say so again.
    private(set) var reportedKeys: Set<String> = []

    /// NEL, LS and PS: line breaks to libyaml (YAML 1.1), spaces to editors and YAML 1.2.
    static func isYAML11LineBreak(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\u{85}" || scalar == "\u{2028}" || scalar == "\u{2029}"
    }

    /// - Parameters:
    ///   - firstLine: the file line that YAML line 1 is on.
    ///   - allowedKeys: every other key is an error with a "did you mean".
    init(yaml: String, path: String, firstLine: Int, allowedKeys: [String]) {
        self.path = path
        self.lineOffset = firstLine - 1
        self.origin = SourcePosition(line: max(firstLine - 1, 1), column: 1)
        // libyaml would also break lines at NEL, LS and PS, putting its line numbers below the
        // line an editor shows; they read as spaces instead.
        let yaml = yaml.unicodeScalars.contains(where: Self.isYAML11LineBreak)
            ? String(String.UnicodeScalarView(yaml.unicodeScalars.map { Self.isYAML11LineBreak($0) ? " " : $0 }))
            : yaml
        lines = LineTable(yaml)
        let root: Node?
        do {
            // The encoding is named because its default reads the whole process environment on
            // every call. The basic resolver skips matching every scalar against the int, float
            // and bool patterns: types here are checked from the text and its quoting style.
            root = try Parser(yaml: yaml, resolver: .basic, constructor: .default, encoding: .utf8).singleRoot()
        } catch {
            let (message, mark) = Self.describe(error)
            diagnostics.append(.malformedYAML(message, path: path, at: position(line: mark.line, scalarColumn: mark.column)))
            isReadable = false
            return
        }
        guard let root else { return }
        guard case .mapping(let mapping) = root else {
            diagnostics.append(.frontMatterNotMapping(path: path, range: range(of: root)))
            isReadable = false
            return
        }
        for (keyNode, value) in mapping {
            guard case .scalar(let scalar) = keyNode else {
                diagnostics.append(.keyNotPlainName(path: path, range: range(of: keyNode, isKey: true)))
                continue
            }
            let key = scalar.string
            guard allowedKeys.contains(key) else {
                diagnostics.append(.unknownKey(key, suggestion: NearestName.suggestion(for: key, among: allowedKeys), path: path, range: range(of: keyNode, isKey: true)))
                continue
            }
            values[key] = (keyNode, value)
            keyPositions[key] = range(of: keyNode, isKey: true).start
        }
    }

    func has(_ key: String) -> Bool { values[key] != nil }

    /// Where a key stands, or the front-matter's start when it is missing.
    func position(of key: String) -> SourcePosition { keyPositions[key] ?? origin }

    /// The range of a key as written.
    func keyRange(of key: String) -> SourceRange {
        guard let (keyNode, _) = values[key] else { return SourceRange(at: origin) }
        return range(of: keyNode, isKey: true)
    }

    /// The range of a key's value as written, or of the key when it is missing.
    func valueRange(of key: String) -> SourceRange {
        guard let (_, value) = values[key] else { return SourceRange(at: origin) }
        return range(of: value)
    }

    /// A required or optional single string, with its range.
    mutating func string(_ key: String, required: Bool = false, example: String) -> (value: String, range: SourceRange)? {
        let reported = diagnostics.count
        defer { if diagnostics.count > reported { reportedKeys.insert(key) } }
        guard let (keyNode, node) = values[key] else {
            if required && isReadable { missing(key, example: example) }
            return nil
        }
        guard case .scalar(let scalar) = node, !isNull(scalar) else {
            diagnostics.append(.notSingleText(key, example: example, path: path, range: range(of: keyNode, isKey: true)))
            return nil
        }
        let value = scalar.string.trimmed
        if value.isEmpty {
            diagnostics.append(.emptyValue(key, example: example, path: path, range: range(of: node)))
            return nil
        }
        return (value, range(of: node))
    }

    /// A list of strings; a single string where a list belongs is an error with the fix shown.
    mutating func stringList(_ key: String, required: Bool = false, example: String) -> [(value: String, range: SourceRange)] {
        let reported = diagnostics.count
        defer { if diagnostics.count > reported { reportedKeys.insert(key) } }
        guard let (keyNode, node) = values[key] else {
            if required && isReadable { missing(key, example: example) }
            return []
        }
        switch node {
        case .sequence(let sequence):
            var result: [(String, SourceRange)] = []
            let inFlow = isFlow(node)
            for item in sequence {
                guard case .scalar(let scalar) = item, !isNull(scalar) else {
                    diagnostics.append(.notTextItem(key, path: path, range: range(of: item, inFlow: inFlow)))
                    continue
                }
                let value = scalar.string.trimmed
                if value.isEmpty {
                    diagnostics.append(.emptyItem(key, path: path, range: range(of: item, inFlow: inFlow)))
                    continue
                }
                result.append((value, range(of: item, inFlow: inFlow)))
            }
            return result
        case .scalar(let scalar) where !isNull(scalar):
            diagnostics.append(.notAList(key, value: scalar.string, path: path, range: range(of: node)))
            return []
        default:
            diagnostics.append(.notAList(key, example: example, path: path, range: range(of: keyNode, isKey: true)))
            return []
        }
    }

    /// A list of whole numbers; quoted numbers are strings in YAML and are reported.
    mutating func intList(_ key: String, example: String) -> [(value: Int, range: SourceRange)] {
        let reported = diagnostics.count
        defer { if diagnostics.count > reported { reportedKeys.insert(key) } }
        guard let (keyNode, node) = values[key] else { return [] }
        let items: [Node]
        let inFlow: Bool
        switch node {
        case .sequence(let sequence):
            items = Array(sequence)
            inFlow = isFlow(node)
        case .scalar(let scalar) where !isNull(scalar):
            let digits = scalar.string.filter(\.isNumber)
            diagnostics.append(.notNumbers(key, example: example, found: Self.shown(scalar), digits: digits.isEmpty ? nil : String(digits), path: path, range: range(of: node)))
            return []
        default:
            diagnostics.append(.notNumbers(key, example: example, found: nil, digits: nil, path: path, range: range(of: keyNode, isKey: true)))
            return []
        }
        var result: [(Int, SourceRange)] = []
        for item in items {
            guard case .scalar(let scalar) = item, scalar.style == .plain || scalar.style == .any, let number = Int(scalar.string) else {
                let shown: String
                if case .scalar(let scalar) = item { shown = Self.shown(scalar) } else { shown = "a nested value" }
                diagnostics.append(.notNumberItem(key, example: example, found: shown, path: path, range: range(of: item, inFlow: inFlow)))
                continue
            }
            result.append((number, range(of: item, inFlow: inFlow)))
        }
        return result
    }

    /// A list of mappings, for structured values such as endpoints: each item's text fields with
    /// their ranges and the keys' ranges.
    mutating func mappingList(_ key: String, example: String) -> [(fields: [String: (value: String, range: SourceRange, keyRange: SourceRange)], range: SourceRange)] {
        let reported = diagnostics.count
        defer { if diagnostics.count > reported { reportedKeys.insert(key) } }
        guard let (keyNode, node) = values[key] else { return [] }
        guard case .sequence(let sequence) = node else {
            diagnostics.append(.notAList(key, example: example, path: path, range: range(of: keyNode, isKey: true)))
            return []
        }
        var result: [([String: (String, SourceRange, SourceRange)], SourceRange)] = []
        for item in sequence {
            guard case .mapping(let mapping) = item else {
                diagnostics.append(.notMappingItem(key, example: example, path: path, range: range(of: item, inFlow: isFlow(node))))
                continue
            }
            let inFlow = isFlow(item)
            var fields: [String: (String, SourceRange, SourceRange)] = [:]
            for (k, v) in mapping {
                guard let name = k.string, case .scalar(let scalar) = v else {
                    diagnostics.append(.notTextItem(key, path: path, range: range(of: v, inFlow: inFlow)))
                    continue
                }
                fields[name] = (scalar.string, range(of: v, inFlow: inFlow), range(of: k, inFlow: inFlow, isKey: true))
            }
            result.append((fields, range(of: item)))
        }
        return result
    }

    mutating func report(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    private mutating func missing(_ key: String, example: String) {
        diagnostics.append(.missingKey(key, example: example, path: path, at: origin))
    }

    private func isNull(_ scalar: Node.Scalar) -> Bool {
        scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    private static func shown(_ scalar: Node.Scalar) -> String {
        scalar.style == .plain ? scalar.string : "\"\(scalar.string)\""
    }

    // MARK: Positions

    /// A libyaml mark (1-based line, column in Unicode scalars) as a file position in bytes.
    private func position(line: Int, scalarColumn: Int) -> SourcePosition {
        let line = max(line, 1)
        guard line <= lines.count else { return SourcePosition(line: line + lineOffset, column: max(scalarColumn, 1)) }
        return SourcePosition(line: line + lineOffset, column: lines.byteOffset(line: line, scalarColumn: scalarColumn) + 1)
    }

    /// Whether a collection was written in flow style (`[a, b]`, `{ k: v }`): its mark is at the
    /// bracket. (Yams 6 reports the style of the closing event, which is always "any".)
    func isFlow(_ node: Node) -> Bool {
        guard let mark = node.mark, mark.line >= 1, mark.line <= lines.count else { return false }
        let start = position(line: mark.line, scalarColumn: mark.column)
        let line = lines.bytes(line: mark.line)
        let index = line.startIndex + start.column - 1
        return index < line.endIndex && (line[index] == UInt8(ascii: "[") || line[index] == UInt8(ascii: "{"))
    }

    /// The text a node was written as: a quoted string to its closing quote, a flow collection
    /// to its closing bracket, a plain value to the end of the line (or, inside a flow
    /// collection, to the next `,`); block collections mark only where they start.
    func range(of node: Node, inFlow: Bool = false, isKey: Bool = false) -> SourceRange {
        guard let mark = node.mark else { return SourceRange(at: origin) }
        let start = position(line: mark.line, scalarColumn: mark.column)
        guard mark.line >= 1, mark.line <= lines.count else { return SourceRange(at: start) }
        // Offsets from the line's start into its slice of the text's one buffer (no copy).
        let line = lines.bytes(line: mark.line)
        let base = line.startIndex
        var index = start.column - 1
        guard index < line.count else { return SourceRange(at: start) }
        var end = index
        switch line[base + index] {
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            let quote = line[base + index]
            end = index + 1
            while end < line.count {
                if quote == UInt8(ascii: "\"") && line[base + end] == UInt8(ascii: "\\") { end += 2; continue }
                if line[base + end] == quote {
                    // '' is an escaped quote inside a single-quoted string.
                    if quote == UInt8(ascii: "'"), end + 1 < line.count, line[base + end + 1] == quote { end += 2; continue }
                    end += 1
                    break
                }
                end += 1
            }
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            var depth = 0
            var quote: UInt8?
            while end < line.count {
                let byte = line[base + end]
                end += 1
                if let open = quote {
                    if byte == open { quote = nil }
                    continue
                }
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") { quote = byte }
                if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") { depth += 1 }
                if byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") {
                    depth -= 1
                    if depth == 0 { break }
                }
            }
        default:
            if case .mapping = node { return SourceRange(at: start) }
            if case .sequence = node { return SourceRange(at: start) }
            while end < line.count {
                let byte = line[base + end]
                if inFlow && (byte == UInt8(ascii: ",") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}")) { break }
                if byte == UInt8(ascii: "#"), end > index, line[base + end - 1] == UInt8(ascii: " ") { break }
                // A mapping key ends at its colon.
                if isKey, byte == UInt8(ascii: ":"), end + 1 == line.count || line[base + end + 1] == UInt8(ascii: " ") || line[base + end + 1] == UInt8(ascii: "\t") { break }
                end += 1
            }
            while end > index, line[base + end - 1] == UInt8(ascii: " ") || line[base + end - 1] == UInt8(ascii: "\t") { end -= 1 }
        }
        index = min(end, line.count)
        return SourceRange(start: start, end: SourcePosition(line: start.line, column: index + 1))
    }

    private static func describe(_ error: any Error) -> (String, (line: Int, column: Int)) {
        let start = (line: 1, column: 1)
        guard let yamlError = error as? YamlError else { return ("\(error)", start) }
        switch yamlError {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let detail = context.map { "\(problem) \($0.text)" } ?? problem
            return (detail, (mark.line, mark.column))
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ("key '\(duplicates.joined(separator: "', '"))' appears more than once; keep one", (context.mark.line, context.mark.column))
        case .reader(let problem, _, _, _):
            return (problem, start)
        default:
            return ("\(yamlError)", start)
        }
    }
}

/// The lines of a text as byte ranges of one buffer, so finding a value's range costs its own
/// length, not the line's: a front-matter of 10,000 signatures on one line must stay linear.
final class LineTable: @unchecked Sendable {
    // Sendable: `scalarOffsets` is filled lazily by the one YAMLFields that owns the table,
    // which is never shared between threads.
    private let utf8: [UInt8]
    private var starts: [Int] = [0]
    /// Per non-ASCII line, the byte offset of each scalar, made when first asked.
    private var scalarOffsets: [Int: [Int]] = [:]
    /// Lines known to be ASCII, where a scalar column is a byte column.
    private var asciiLines: [Int: Bool] = [:]

    init(_ text: String) {
        utf8 = Array(text.utf8)
        for (index, byte) in utf8.enumerated() where byte == 0x0A { starts.append(index + 1) }
    }

    var count: Int { starts.count }

    /// Line `line` (1-based) without its line end.
    func bytes(line: Int) -> ArraySlice<UInt8> {
        let start = starts[line - 1]
        let end = line < starts.count ? starts[line] - 1 : utf8.count
        return utf8[start..<max(start, end)]
    }

    /// The byte offset, within its line, of the scalar at a 1-based column.
    func byteOffset(line: Int, scalarColumn: Int) -> Int {
        let text = bytes(line: line)
        let wanted = max(scalarColumn - 1, 0)
        let isASCII = asciiLines[line] ?? {
            let value = text.allSatisfy { $0 < 0x80 }
            asciiLines[line] = value
            return value
        }()
        if isASCII { return min(wanted, text.count) }
        let offsets: [Int]
        if let known = scalarOffsets[line] {
            offsets = known
        } else {
            var made: [Int] = []
            for (offset, byte) in text.enumerated() where byte & 0xC0 != 0x80 { made.append(offset) }
            made.append(text.count)
            scalarOffsets[line] = made
            offsets = made
        }
        return offsets[min(wanted, offsets.count - 1)]
    }
}
