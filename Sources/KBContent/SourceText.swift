import Foundation
import KBMarkdown

/// A file's text once it has been checked to be UTF-8, with a byte-order mark removed and line
/// ends made `\n`, so positions mean the same thing whatever editor wrote the file.
struct SourceText {
    let text: String

    enum Failure: Error, Equatable {
        case invalidUTF8(at: SourcePosition)
    }

    static func decode(_ bytes: [UInt8]) -> Result<SourceText, Failure> {
        var bytes = bytes[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard var text = String(validating: bytes, as: UTF8.self) else {
            let offset = firstInvalidUTF8Offset(bytes) ?? 0
            return .failure(.invalidUTF8(at: position(ofByte: offset, in: bytes)))
        }
        if bytes.contains(UInt8(ascii: "\r")) {
            text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        // Control characters other than tab and line ends have no place in HTML or XML; they
        // become U+FFFD, as cmark already does for NUL.
        if bytes.contains(where: { ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D) || $0 == 0x7F }) {
            text = String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
                (scalar.value < 0x20 && scalar != "\t" && scalar != "\n") || scalar.value == 0x7F ? "\u{FFFD}" : scalar
            }))
        }
        return .success(SourceText(text: text))
    }

    /// The offset (from the slice's start) of the first byte that is not part of a well-formed
    /// UTF-8 sequence.
    static func firstInvalidUTF8Offset(_ bytes: ArraySlice<UInt8>) -> Int? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offset += UTF8.width(scalar)
            case .emptyInput:
                return nil
            case .error:
                return offset
            }
        }
    }

    static func position(ofByte offset: Int, in bytes: ArraySlice<UInt8>) -> SourcePosition {
        var line = 1, lineStart = bytes.startIndex
        var index = bytes.startIndex
        let end = bytes.startIndex + offset
        while index < end {
            if bytes[index] == UInt8(ascii: "\n") {
                line += 1
                lineStart = index + 1
            }
            index += 1
        }
        return SourcePosition(line: line, column: end - lineStart + 1)
    }
}
