/// JSON written by hand, for the browser's index shards: no Foundation here, and the numbers
/// must read back in JavaScript as the very doubles Swift has (Swift's `description` of a
/// Double is the shortest text that parses back to it, as JavaScript's `JSON.parse` does).
struct JSONText {
    private(set) var bytes: [UInt8] = []

    mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

    mutating func append(_ other: JSONText) { bytes.append(contentsOf: other.bytes) }

    mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x0A: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            // `<` escaped too, so a shard's text can never close the script element it runs in.
            case 0..<0x20, UInt8(ascii: "<"):
                let hex = Array("0123456789abcdef".utf8)
                bytes += [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func number(_ value: Int) { raw(String(value)) }

    mutating func number(_ value: Double) {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
            raw(String(Int(value)))
        } else if value.isFinite {
            raw(value.description)
        } else {
            raw("0")
        }
    }

    mutating func array<T>(_ items: [T], _ write: (inout JSONText, T) -> Void) {
        bytes.append(UInt8(ascii: "["))
        for (position, item) in items.enumerated() {
            if position > 0 { bytes.append(UInt8(ascii: ",")) }
            write(&self, item)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    mutating func strings(_ items: [String]) { array(items) { $0.string($1) } }
    mutating func numbers(_ items: [Int]) { array(items) { $0.number($1) } }
    mutating func numbers(_ items: [Double]) { array(items) { $0.number($1) } }
}
