public import KBCore

extension SearchIndex {
    /// The "is it them or you?" step a document's fixes start with, when its category is one a
    /// provider's outage explains and the provider has a status page (both carried by the index,
    /// so an installed or downloaded index, and the browser's records, show it as content does).
    public func statusStep(for document: SearchIndex.Document) -> StatusPageStep? {
        let provider = provider(id: document.provider)
        return StatusPageStep.step(category: document.category, providerName: provider?.name ?? document.provider, status: provider?.status, fixes: document.fixes)
    }
}
