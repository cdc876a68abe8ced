import Foundation
import Markdown

/// Turns a provider's `_index.md` into a `Provider`.
struct ProviderParser {
    static let allowedKeys = ["name", "kind", "aliases", "website", "endpoints", "env", "key_prefixes", "status"]

    func parse(id: ProviderID, source: SourceFile, split: FrontMatterSplit) -> (Provider?, [Diagnostic]) {
        let path = source.displayPath
        var fields = YAMLFields(yaml: split.yaml, path: path, firstLine: split.yamlFirstLine, allowedKeys: Self.allowedKeys)
        let name = fields.string("name", required: true, example: "\"Moonshot AI (Kimi)\"")
        var kind = Provider.Kind.api
        if let kindName = fields.string("kind", example: "api") {
            if let parsed = Provider.Kind(rawValue: kindName) {
                kind = parsed
            } else {
                let names = Provider.Kind.allCases.map(\.rawValue)
                let (message, fixIt) = NearestName.message("unknown provider kind '\(kindName)' (kinds: \(names.joined(separator: ", ")))", for: kindName, among: names)
                fields.report(.error(message, path: path, at: fields.position(of: "kind").valuePosition(after: "kind"), fixIt: fixIt))
            }
        }
        let aliases = fields.stringList("aliases", example: "[kimi]").map(\.value)
        var website = fields.string("website", example: "https://platform.moonshot.ai")
        if let address = website, !WebAddress.isHTTP(address) {
            fields.report(.error("website '\(address)' is not an http:// or https:// address; the provider page links to it", path: path, at: fields.position(of: "website")))
            website = nil
        }
        var status = fields.string("status", example: "https://status.openai.com")
        if let address = status, !WebAddress.isHTTP(address) {
            fields.report(.error("status '\(address)' is not an http:// or https:// address; give the provider's public status page", path: path, at: fields.position(of: "status")))
            status = nil
        }
        var endpoints: [Provider.Endpoint] = []
        for (item, position) in fields.mappingList("endpoints", example: "{ label: International, url: \"https://api.moonshot.ai/v1\" }") {
            for key in item.keys.sorted() where key != "label" && key != "url" {
                let (message, fixIt) = NearestName.message("unknown endpoint key '\(key)'", for: key, among: ["label", "url"])
                fields.report(.error(message, path: path, at: item[key]!.1, fixIt: fixIt))
            }
            guard let url = item["url"]?.0, !url.isEmpty else {
                fields.report(.error("endpoint needs a 'url'", path: path, at: position))
                continue
            }
            let endpoint = Provider.Endpoint(label: item["label"]?.0 ?? "", url: url)
            if endpoint.host == nil {
                fields.report(.error("endpoint url '\(url)' is not an absolute URL like https://api.example.com/v1", path: path, at: item["url"]!.1))
            }
            endpoints.append(endpoint)
        }
        let env = fields.stringList("env", example: "[MOONSHOT_API_KEY]").map(\.value)
        var keyPrefixes: [String] = []
        for (prefix, position) in fields.stringList("key_prefixes", example: "[\"sk-\"]") {
            // A prefix is matched against pasted keys and masks them: it must look like the start of one.
            guard prefix.utf8.count >= 3, prefix.utf8.allSatisfy(\.isKeyCharacter) else {
                fields.report(.error("key prefix \(prefix.debugDescription) is not the start of a key: write at least 3 letters, digits, '-' or '_', like \"sk-\"", path: path, at: position))
                continue
            }
            keyPrefixes.append(prefix)
        }

        let document = MarkdownParser.parse(split.body, lineOffset: split.bodyLineOffset)
        var diagnostics = fields.diagnostics
        if let position = document.tooDeep { diagnostics.append(.tooDeep(path: source.displayPath, at: position)) }
        guard let name, !diagnostics.hasErrors else { return (nil, diagnostics) }
        let provider = Provider(
            id: id, name: name, kind: kind, aliases: aliases, website: website, endpoints: endpoints,
            env: env, keyPrefixes: keyPrefixes, status: status,
            descriptionHTML: document.html,
            descriptionText: document.blocks.map(\.plainText).joined(separator: "\n"),
            source: source
        )
        return (provider, diagnostics)
    }
}
