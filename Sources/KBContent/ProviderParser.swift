import KBCore
import KBMarkdown

/// Turns a provider's `_index.md` into a `Provider`.
struct ProviderParser {
    static let allowedKeys = ["name", "kind", "aliases", "website", "endpoints", "env", "key_prefixes", "status"]

    func parse(id: ProviderID, source: SourceFile, split: FrontMatterSplit) -> (Provider?, [Diagnostic]) {
        let path = source.displayPath
        var fields = YAMLFields(yaml: split.yaml, path: path, firstLine: split.yamlFirstLine, allowedKeys: Self.allowedKeys)
        let name = fields.string("name", required: true, example: "\"Moonshot AI (Kimi)\"")?.value
        var kind = Provider.Kind.api
        if let (kindName, range) = fields.string("kind", example: "api") {
            if let parsed = Provider.Kind(rawValue: kindName) {
                kind = parsed
            } else {
                let suggestion = NearestName.suggestion(for: kindName, among: Provider.Kind.allCases.map(\.rawValue))
                fields.report(.unknownProviderKind(kindName, suggestion: suggestion, path: path, range: range))
            }
        }
        let aliases = fields.stringList("aliases", example: "[kimi]").map(\.value)
        let website = address("website", .website, example: "https://platform.moonshot.ai", in: &fields)
        let status = address("status", .status, example: "https://status.openai.com", in: &fields)
        var endpoints: [Provider.Endpoint] = []
        for (item, range) in fields.mappingList("endpoints", example: "{ label: International, url: \"https://api.moonshot.ai/v1\" }") {
            for key in item.keys.sorted() where key != "label" && key != "url" {
                let suggestion = NearestName.suggestion(for: key, among: ["label", "url"])
                fields.report(.unknownEndpointKey(key, suggestion: suggestion, path: path, range: item[key]?.keyRange ?? range))
            }
            guard let url = item["url"], !url.value.isEmpty else {
                fields.report(.endpointWithoutURL(path: path, range: range))
                continue
            }
            let endpoint = Provider.Endpoint(label: item["label"]?.value ?? "", url: url.value)
            if endpoint.host == nil {
                fields.report(.endpointNotAbsolute(url.value, path: path, range: url.range))
            }
            endpoints.append(endpoint)
        }
        let env = fields.stringList("env", example: "[MOONSHOT_API_KEY]").map(\.value)
        var keyPrefixes: [String] = []
        for (prefix, range) in fields.stringList("key_prefixes", example: "[\"sk-\"]") {
            // A prefix is matched against pasted keys and masks them: it must look like the start of
            // one. Dots count (Google's auth keys start `AQ.`), but not first: a key starts with
            // a letter or digit.
            guard prefix.utf8.count >= 3, prefix.utf8.first?.isASCIIAlphanumeric == true,
                  prefix.utf8.allSatisfy({ $0.isKeyCharacter || $0 == UInt8(ascii: ".") }) else {
                fields.report(.invalidKeyPrefix(prefix, path: path, range: range))
                continue
            }
            keyPrefixes.append(prefix)
        }

        let document = MarkdownParser.parse(split.body, lineOffset: split.bodyLineOffset)
        var diagnostics = fields.diagnostics
        if let position = document.tooDeep { diagnostics.append(.nestedTooDeep(path: source.displayPath, at: position)) }
        guard let name, !diagnostics.hasErrors else { return (nil, diagnostics) }
        let provider = Provider(
            id: id, name: name, kind: kind, aliases: aliases, website: website, endpoints: endpoints,
            env: env, keyPrefixes: keyPrefixes, status: status,
            description: MarkdownSource(text: split.body, lineOffset: split.bodyLineOffset),
            descriptionText: document.blocks.map(\.plainText).joined(separator: "\n"),
            source: source
        )
        return (provider, diagnostics)
    }

    /// An optional web address; anything else is an error at the value, and dropped.
    private func address(_ key: String, _ use: Diagnostic.AddressUse, example: String, in fields: inout YAMLFields) -> String? {
        guard let (value, range) = fields.string(key, example: example) else { return nil }
        guard WebAddress.isHTTP(value) else {
            fields.report(.invalidAddress(use, value, path: fields.path, range: range))
            return nil
        }
        return value
    }
}
