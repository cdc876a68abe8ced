import Markdown
import Yams

/// Reads a front-matter mapping key by key, turning every problem (bad YAML, unknown key, wrong
/// type, missing value) into a diagnostic at the key's or value's own line and column.
struct YAMLFields {
    private(set) var diagnostics: [Diagnostic] = []
    private var values: [String: (key: SourcePosition, value: Node)] = [:]
    /// Keys in the order they were written, with their positions.
    private(set) var keyPositions: [String: SourcePosition] = [:]
    let path: String
    /// Position of the front-matter itself, for "missing key" reports.
    let origin: SourcePosition
    private let lineOffset: Int
    /// False when the YAML did not parse; no field will be read then.
    private(set) var isReadable = true

    /// - Parameters:
    ///   - firstLine: the file line that YAML line 1 is on.
    ///   - allowedKeys: every other key is an error with a "did you mean".
    static func isYAML11LineBreak(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\u{85}" || scalar == "\u{2028}" || scalar == "\u{2029}"
    }

    init(yaml: String, path: String, firstLine: Int, allowedKeys: [String]) {
        self.path = path
        self.lineOffset = firstLine - 1
        self.origin = SourcePosition(line: max(firstLine - 1, 1), column: 1)
        let root: Node?
        do {
            // The encoding is named because its default reads the whole process environment on
            // every call. The basic resolver skips matching every scalar against the int, float
            // and bool patterns: types here are checked from the text and its quoting style.
            // libyaml (YAML 1.1) also breaks lines at NEL, LS and PS, which editors and YAML 1.2
            // do not: its line numbers would point below the real line. They read as spaces.
            let yaml = yaml.unicodeScalars.contains(where: Self.isYAML11LineBreak)
                ? String(String.UnicodeScalarView(yaml.unicodeScalars.map { Self.isYAML11LineBreak($0) ? " " : $0 }))
                : yaml
            root = try Parser(yaml: yaml, resolver: .basic, constructor: .default, encoding: .utf8).singleRoot()
        } catch {
            let (message, position) = Self.describe(error)
            diagnostics.append(.error("malformed YAML in front-matter: \(message)", path: path, at: shifted(position)))
            isReadable = false
            return
        }
        guard let root else { return }
        guard case .mapping(let mapping) = root else {
            diagnostics.append(.error("front-matter must be a mapping of keys to values, like 'title: \"...\"'", path: path, at: position(of: root)))
            isReadable = false
            return
        }
        for (keyNode, value) in mapping {
            let keyPosition = position(of: keyNode)
            guard case .scalar(let scalar) = keyNode else {
                diagnostics.append(.error("front-matter keys must be plain names", path: path, at: keyPosition))
                continue
            }
            let key = scalar.string
            guard allowedKeys.contains(key) else {
                let (message, fixIt) = NearestName.message("unknown key '\(key)'", for: key, among: allowedKeys)
                diagnostics.append(.error(message, path: path, at: keyPosition, fixIt: fixIt))
                continue
            }
            values[key] = (keyPosition, value)
            keyPositions[key] = keyPosition
        }
    }

    func has(_ key: String) -> Bool { values[key] != nil }

    func position(of key: String) -> SourcePosition { values[key]?.key ?? origin }

    /// A required or optional single string.
    mutating func string(_ key: String, required: Bool = false, example: String) -> String? {
        guard let (keyPosition, node) = values[key] else {
            if required && isReadable { missing(key, example: example) }
            return nil
        }
        guard case .scalar(let scalar) = node, !isNull(scalar) else {
            diagnostics.append(.error("'\(key)' must be a single text value, like \(key): \(example)", path: path, at: keyPosition))
            return nil
        }
        let value = scalar.string.trimmed
        if value.isEmpty {
            diagnostics.append(.error("'\(key)' is empty; write it like \(key): \(example)", path: path, at: position(of: node)))
            return nil
        }
        return value
    }

    /// A list of strings; a single string where a list belongs is an error with the fix shown.
    mutating func stringList(_ key: String, required: Bool = false, example: String) -> [(value: String, position: SourcePosition)] {
        guard let (keyPosition, node) = values[key] else {
            if required && isReadable { missing(key, example: example) }
            return []
        }
        switch node {
        case .sequence(let sequence):
            var result: [(String, SourcePosition)] = []
            for item in sequence {
                guard case .scalar(let scalar) = item, !isNull(scalar) else {
                    diagnostics.append(.error("every item of '\(key)' must be a single text value", path: path, at: position(of: item)))
                    continue
                }
                let value = scalar.string.trimmed
                if value.isEmpty {
                    diagnostics.append(.error("empty item in '\(key)'; remove it or write the text", path: path, at: position(of: item)))
                    continue
                }
                result.append((value, position(of: item)))
            }
            return result
        case .scalar(let scalar) where !isNull(scalar):
            let quoted = "\"\(scalar.string)\""
            diagnostics.append(.error("'\(key)' must be a list, like \(key): [\(quoted)]", path: path, at: position(of: node), fixIt: .init(replacement: "[\(quoted)]")))
            return []
        default:
            diagnostics.append(.error("'\(key)' must be a list, like \(key): \(example)", path: path, at: keyPosition))
            return []
        }
    }

    /// A list of whole numbers; quoted numbers are strings in YAML and are reported.
    mutating func intList(_ key: String, example: String) -> [(value: Int, position: SourcePosition)] {
        guard let (keyPosition, node) = values[key] else { return [] }
        let items: [Node]
        switch node {
        case .sequence(let sequence): items = Array(sequence)
        case .scalar(let scalar) where !isNull(scalar):
            let shown = scalar.style == .plain ? scalar.string : "\"\(scalar.string)\""
            let digits = scalar.string.filter(\.isNumber)
            diagnostics.append(.error("'\(key)' must be a list of numbers, like \(key): \(example); found \(shown)", path: path, at: position(of: node),
                                      fixIt: digits.isEmpty ? nil : .init(replacement: "[\(digits)]")))
            return []
        default:
            diagnostics.append(.error("'\(key)' must be a list of numbers, like \(key): \(example)", path: path, at: keyPosition))
            return []
        }
        var result: [(Int, SourcePosition)] = []
        for item in items {
            guard case .scalar(let scalar) = item, scalar.style == .plain || scalar.style == .any, let number = Int(scalar.string) else {
                let shown: String
                if case .scalar(let scalar) = item { shown = scalar.style == .plain ? scalar.string : "\"\(scalar.string)\"" } else { shown = "a nested value" }
                diagnostics.append(.error("every item of '\(key)' must be a number, like \(key): \(example); found \(shown)", path: path, at: position(of: item)))
                continue
            }
            result.append((number, position(of: item)))
        }
        return result
    }

    /// A list of mappings, for structured values such as endpoints.
    mutating func mappingList(_ key: String, example: String) -> [(fields: [String: (String, SourcePosition)], position: SourcePosition)] {
        guard let (keyPosition, node) = values[key] else { return [] }
        guard case .sequence(let sequence) = node else {
            diagnostics.append(.error("'\(key)' must be a list, like \(key): \(example)", path: path, at: keyPosition))
            return []
        }
        var result: [([String: (String, SourcePosition)], SourcePosition)] = []
        for item in sequence {
            guard case .mapping(let mapping) = item else {
                diagnostics.append(.error("every item of '\(key)' must be a mapping, like \(example)", path: path, at: position(of: item)))
                continue
            }
            var fields: [String: (String, SourcePosition)] = [:]
            for (k, v) in mapping {
                guard let name = k.string, case .scalar(let scalar) = v else {
                    diagnostics.append(.error("every value in '\(key)' must be a single text value", path: path, at: position(of: v)))
                    continue
                }
                fields[name] = (scalar.string, position(of: k))
            }
            result.append((fields, position(of: item)))
        }
        return result
    }

    mutating func report(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    private mutating func missing(_ key: String, example: String) {
        diagnostics.append(.error("missing required key '\(key)'; add it to the front-matter, like \(key): \(example)", path: path, at: origin))
    }

    private func isNull(_ scalar: Node.Scalar) -> Bool {
        scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    func position(of node: Node) -> SourcePosition {
        shifted(node.mark.map { SourcePosition(line: $0.line, column: $0.column) } ?? SourcePosition(line: 1, column: 1))
    }

    private func shifted(_ position: SourcePosition) -> SourcePosition {
        SourcePosition(line: position.line + lineOffset, column: position.column)
    }

    private static func describe(_ error: Error) -> (String, SourcePosition) {
        func at(_ mark: Mark) -> SourcePosition { SourcePosition(line: max(mark.line, 1), column: max(mark.column, 1)) }
        guard let yamlError = error as? YamlError else { return ("\(error)", .start) }
        switch yamlError {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let detail = context.map { "\(problem) \($0.text)" } ?? problem
            return (detail, at(mark))
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ("key '\(duplicates.joined(separator: "', '"))' appears more than once; keep one", at(context.mark))
        case .reader(let problem, _, _, _):
            return (problem, .start)
        default:
            return ("\(yamlError)", .start)
        }
    }
}

import Foundation
