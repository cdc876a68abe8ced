import Dispatch

extension Array where Element: Sendable {
    /// The transform of every element, computed on every core, in the order of the array.
    ///
    /// The one place kb fills an array from several threads: each iteration writes only its own
    /// slot of a buffer allocated before and read after `concurrentPerform`, which returns only
    /// when every iteration has, so no slot is ever touched by two threads or read early.
    public func concurrentMap<Result: Sendable>(_ transform: @Sendable (Element) -> Result) -> [Result] {
        if count < 2 { return map(transform) }
        return [Result](unsafeUninitializedCapacity: count) { buffer, initialized in
            let slots = DisjointSlots(buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: count) { index in
                (slots.base + index).initialize(to: transform(self[index]))
            }
            initialized = count
        }
    }
}

/// A buffer whose slots are written by different threads, one slot each (see `concurrentMap`).
private struct DisjointSlots<Element>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Element>
    init(_ base: UnsafeMutablePointer<Element>) { self.base = base }
}
