public import Foundation
import KBContent
import KBCore
public import KBSearch
import KBSite
import Yams

extension EvaluationSet {
    /// Reads the labelled pastes of a folder (`Evaluation/real/*.yml`); the folder's name is the
    /// set's name.
    public static func load(from directory: URL) throws -> EvaluationSet {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".yml") }.sorted()
        var cases: [Case] = []
        for file in names {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            guard let root = try Yams.compose(yaml: text), case .sequence(let items) = root else { continue }
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
