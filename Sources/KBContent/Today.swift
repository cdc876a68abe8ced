public import Foundation
public import KBCore

extension Day {
    /// Today in UTC, from the system clock (the one place kb reads it: `kb check`'s age of
    /// `verified` dates and the one `kb init` writes depend on it, never a page or an index).
    public static var today: Day {
        Day(daysSinceEpoch: Int((Date().timeIntervalSince1970 / 86_400).rounded(.down)))
    }
}
