public import Foundation
import KBContent
import KBCore
public import KBSearch
import KBSite
import Yams

extension EvaluationSet {
    /// The sets of a folder: the folder itself when it holds `*.yml` files, else each of its
    /// folders that does, in name order (`Evaluation/` gives `real` and `written`).
    public static func loadSets(from directory: URL) throws -> [EvaluationSet] {
        let manager = FileManager.default
        let names = try manager.contentsOfDirectory(atPath: directory.path).sorted()
        if names.contains(where: { $0.hasSuffix(".yml") }) { return [try load(from: directory)] }
        return try names.compactMap { name in
            let folder = directory.appendingPathComponent(name)
            var isFolder: ObjCBool = false
            guard manager.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue,
                  (try manager.contentsOfDirectory(atPath: folder.path)).contains(where: { $0.hasSuffix(".yml") }) else { return nil }
            return try load(from: folder)
        }
    }

    /// Reads the labelled pastes of a folder (`Evaluation/real/*.yml`); the folder's name is the
    /// set's name.
    public static func load(from directory: URL) throws -> EvaluationSet {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".yml") }.sorted()
        var cases: [Case] = []
        for file in names {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            let parsed: Yams.Node?
            do {
                parsed = try Yams.compose(yaml: text)
            } catch {
                throw EvaluationSet.Malformed(description: "\(directory.appendingPathComponent(file).path): not YAML: \(error)")
            }
            guard let root = parsed, case .sequence(let items) = root else { continue }
            for (number, item) in items.enumerated() {
                guard let expect = item["expect"]?.string, let paste = item["paste"]?.string else {
                    throw EvaluationSet.Malformed(description: "\(file): item \(number + 1) needs 'expect' and 'paste'")
                }
                if case .mapping(let mapping) = item, let unknown = mapping.keys.compactMap(\.string).first(where: { !Case.keys.contains($0) }) {
                    throw EvaluationSet.Malformed(description: "\(file): item \(number + 1) has unknown key '\(unknown)' (keys: \(Case.keys.sorted().joined(separator: ", ")))")
                }
                cases.append(Case(
                    expected: expect == "none" ? nil : expect, paste: paste, source: "\(file)#\(number + 1)",
                    origin: item["source"]?.string, provider: item["provider"]?.string, category: item["category"]?.string,
                    hard: item["hard"]?.bool ?? false))
            }
        }
        return EvaluationSet(name: directory.lastPathComponent, cases: cases)
    }
}
