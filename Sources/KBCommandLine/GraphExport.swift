import Foundation
import KBContent
import KBCore
import KBSearch
import KBSite
/// `kb graph`: the knowledge graph as JSON or as Graphviz DOT.
enum GraphExport {
    struct JSONNode: Encodable {
        var id: String
        var type: String
        var label: String
        var provider: String?
        var category: String?
    }

    struct JSONEdge: Encodable {
        var from: String
        var to: String
        var type: String
        var via: String?
    }

    struct JSONGraph: Encodable {
        var nodes: [JSONNode]
        var edges: [JSONEdge]
    }

    static func describe(_ kind: KnowledgeGraph.Edge.Kind) -> (type: String, via: String?) {
        switch kind {
        case .related: return ("related", nil)
        case .sharedSignature(let signature): return ("shared-signature", signature.text)
        case .sharedHTTP(let status): return ("shared-http", String(status.code))
        }
    }

    static func json(_ graph: KnowledgeGraph) -> String {
        var nodes = graph.providers.map { JSONNode(id: "provider:\($0.id)", type: "provider", label: $0.name) }
        nodes += graph.entries.map {
            JSONNode(id: $0.id.rawValue, type: "entry", label: $0.title, provider: $0.provider.rawValue, category: $0.category.rawValue)
        }
        var edges: [JSONEdge] = graph.entries.map { JSONEdge(from: "provider:\($0.provider)", to: $0.id.rawValue, type: "provides") }
        edges += graph.allEdges.map { edge in
            let (type, via) = describe(edge.kind)
            return JSONEdge(from: edge.from.rawValue, to: edge.to.rawValue, type: type, via: via)
        }
        return JSONOutput.encode(JSONGraph(nodes: nodes, edges: edges))
    }

    static func dot(_ graph: KnowledgeGraph) -> String {
        func quoted(_ text: String) -> String {
            "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        var lines = ["digraph kb {", "  rankdir=LR;", "  node [shape=box, fontname=\"Helvetica\"];"]
        for provider in graph.providers {
            lines.append("  subgraph \(quoted("cluster_\(provider.id)")) {")
            lines.append("    label=\(quoted(provider.name));")
            for entry in graph.entries(of: provider.id) {
                lines.append("    \(quoted(entry.id.rawValue)) [label=\(quoted("\(entry.title)\\n[\(entry.category)]"))];")
            }
            lines.append("  }")
        }
        for edge in graph.allEdges {
            let attributes: String
            switch edge.kind {
            case .related: attributes = "[color=\"#1f6feb\", label=\"related\"]"
            case .sharedSignature(let signature): attributes = "[style=dashed, dir=none, label=\(quoted(signature.text))]"
            case .sharedHTTP(let status): attributes = "[style=dotted, dir=none, color=gray, label=\"\(status.code)\"]"
            }
            lines.append("  \(quoted(edge.from.rawValue)) -> \(quoted(edge.to.rawValue)) \(attributes);")
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }
}

