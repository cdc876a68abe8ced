/// The evidence one paste gives for one entry, each between 0 and 1. Ranking is one linear model
/// over these, whose weights are fitted on labelled pastes (`RankingFit`), not set by hand.
public enum Feature: Int, CaseIterable, Sendable {
    /// The best signature found word for word, by its specificity.
    case exactSignature
    /// A signature found word for word that no other entry claims and that is specific (two
    /// words or more, or an identifier), 1 or 0: a confident match however large the knowledge
    /// base.
    case uniqueSignature
    /// A signature found with gaps, a cut end or words between (terminal wrapping, log prefixes),
    /// by the share of its tokens found, times its specificity.
    case nearSignature
    /// The entry's best signature evidence (exact or near) as a share of the best candidate's:
    /// a near variant of one entry's message says little when another entry's is there whole.
    case relativeSignature
    /// More signatures of the entry found (a second one is corroboration).
    case moreSignatures
    /// A status in the paste that the entry comes with.
    case status
    /// Statuses in the paste, none of them the entry's.
    case statusConflict
    /// A host, env variable, key format or local port of the entry's provider.
    case strongProvider
    /// A name of the entry's provider (an alias, a model family, a class-name part) and nothing
    /// stronger.
    case weakProvider
    /// A host, env variable, key or port of another provider, and none of this one's.
    case otherProvider
    /// An address of an API the knowledge base does not know, and nothing of this provider.
    case unknownProvider
    /// Class names and words of the paste that say the entry's category (`RateLimitError`).
    case category
    /// Words of a pasted text the entry contains (BM25F, saturated).
    case words
    /// The entry's word evidence as a share of the best candidate's: in a long paste every
    /// entry shares many words, and what tells them apart is which shares the most.
    case relativeWords
    /// Words of a typed query the entry contains (BM25F, saturated): a typed query is all
    /// signal, a paste mostly noise, so the two get their own weights.
    case typedWords
    /// The share of a typed query's words the entry contains, squared.
    case coverage

    /// The name parameters are stored under.
    public var name: String {
        switch self {
        case .exactSignature: "exact"
        case .uniqueSignature: "unique"
        case .nearSignature: "near"
        case .relativeSignature: "relativeSignature"
        case .moreSignatures: "more"
        case .status: "status"
        case .statusConflict: "statusConflict"
        case .strongProvider: "strongProvider"
        case .weakProvider: "weakProvider"
        case .otherProvider: "otherProvider"
        case .unknownProvider: "unknownProvider"
        case .category: "category"
        case .words: "words"
        case .relativeWords: "relativeWords"
        case .typedWords: "typedWords"
        case .coverage: "coverage"
        }
    }
}

/// The numbers ranking uses: the fitted weights of the features, the score of "none of these"
/// (a paste about nothing the knowledge base knows), the confidence a result needs, and a few
/// fixed shapes. Stored by name in every index, so the browser's port reads the same values.
public struct RankingParameters: Sendable, Equatable {
    /// One weight per feature, in `Feature` order.
    public var weights: [Double]
    /// The score of the "none" option: a result must beat it.
    public var noneScore: Double
    /// The probability the best result needs to be shown; chosen on held-out folds.
    public var threshold: Double
    /// Other results are shown when their probability is at least this share of the best's.
    public var relativeCutoff: Double
    /// BM25's term-frequency saturation.
    public var k1: Double
    /// Word evidence at which the words feature is one half.
    public var wordsHalf: Double
    /// A near match needs this share of the signature's tokens and at least three of them, or
    /// all of them.
    public var nearShare: Double

    /// How many paste tokens may come between two tokens of a signature on one line in a near
    /// match (a quote's word, a changed number).
    public var nearGap = 2
    /// How many more when a line break lies between them (a log prefix: date, time, level).
    public var lineBreakGap = 10
    /// How many occurrences of a signature's first tokens a near match tries as its start.
    public var nearStarts = 32
    /// How many results the confidence is measured over, whatever `--limit` says: the answer
    /// is "one of these few", and asking for more results must not change whether there is one.
    public var confidenceSpan = 3

    /// Parameters.
    public init(weights: [Double], noneScore: Double, threshold: Double, relativeCutoff: Double = 0.2, k1: Double = 1.2, wordsHalf: Double = 8, nearShare: Double = 0.75) {
        self.weights = weights
        self.noneScore = noneScore
        self.threshold = threshold
        self.relativeCutoff = relativeCutoff
        self.k1 = k1
        self.wordsHalf = wordsHalf
        self.nearShare = nearShare
    }

    /// The weight of one feature.
    public func weight(_ feature: Feature) -> Double { feature.rawValue < weights.count ? weights[feature.rawValue] : 0 }

    /// Every parameter with its name, as the index stores them.
    public var named: [(name: String, value: Double)] {
        Feature.allCases.map { ("w." + $0.name, weight($0)) }
            + [("none", noneScore), ("threshold", threshold), ("cutoff", relativeCutoff), ("k1", k1), ("wordsHalf", wordsHalf), ("nearShare", nearShare),
               ("nearGap", Double(nearGap)), ("lineBreakGap", Double(lineBreakGap)), ("nearStarts", Double(nearStarts)), ("confidenceSpan", Double(confidenceSpan))]
    }

    /// Reads parameters by name; names not given keep their value.
    public mutating func read(_ table: [String: Double]) {
        for feature in Feature.allCases {
            if let value = table["w." + feature.name] { weights[feature.rawValue] = value }
        }
        noneScore = table["none"] ?? noneScore
        threshold = table["threshold"] ?? threshold
        relativeCutoff = table["cutoff"] ?? relativeCutoff
        k1 = table["k1"] ?? k1
        wordsHalf = table["wordsHalf"] ?? wordsHalf
        nearShare = table["nearShare"] ?? nearShare
        // Counts: only whole numbers in a sane range, whatever a damaged file says.
        func count(_ name: String, _ current: Int) -> Int {
            guard let value = table[name], value >= 0, value <= 1000, value == value.rounded() else { return current }
            return Int(value)
        }
        nearGap = count("nearGap", nearGap)
        lineBreakGap = count("lineBreakGap", lineBreakGap)
        nearStarts = count("nearStarts", nearStarts)
        confidenceSpan = max(1, count("confidenceSpan", confidenceSpan))
    }

    /// A starting point for fitting: every kind of evidence counts for something.
    public static let initial = RankingParameters(
        weights: [4, 2, 2, 1, 1, 1.5, -0.5, 3, 1, -1, -1, 1, 1, 1, 2, 2], noneScore: 4, threshold: 0.5
    )
}

/// Scores, probabilities and the one transcendental function ranking needs, in arithmetic that
/// gives the same bits in Swift and in the browser's JavaScript (`+`, `-`, `*`, `/` on doubles
/// only; no library `exp`, whose last bit differs between platforms).
public enum RankingMath {
    /// e^x by range reduction and a Taylor series: x = k·ln 2 + r with |r| ≤ ln 2 / 2 (ln 2 in
    /// two parts, fdlibm's, so k·ln 2 loses nothing), then e^r by twenty terms, times 2^k by
    /// repeated doubling. Accurate to a few ulps, and identical wherever IEEE doubles are.
    public static func exp(_ x: Double) -> Double {
        if x.isNaN { return 0 }
        if x > 700 { return .greatestFiniteMagnitude }
        if x < -700 { return 0 }
        let ln2 = 0.6931471805599453, ln2High = 6.93147180369123816490e-01, ln2Low = 1.90821492927058770002e-10
        let k = (x / ln2).rounded()
        let r = (x - k * ln2High) - k * ln2Low
        var term = 1.0, sum = 1.0
        var n = 1.0
        while n <= 20 {
            term = term * r / n
            sum = sum + term
            n = n + 1
        }
        var result = sum
        var power = Int(k)
        while power > 0 { result = result * 2; power -= 1 }
        while power < 0 { result = result / 2; power += 1 }
        return result
    }

    /// The score of an entry: the weighted sum of its features, in feature order.
    public static func score(_ features: [Double], _ parameters: RankingParameters) -> Double {
        var total = 0.0
        for (index, value) in features.enumerated() where value != 0 { total = total + value * parameters.weight(Feature(rawValue: index)!) }
        return total
    }
}
