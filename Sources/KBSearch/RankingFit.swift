import RealModule

/// Fits the ranking weights on labelled pastes, so no constant of the ranking is set by hand:
/// a multinomial logit over each paste's candidates and "none of these", maximising the
/// likelihood of the labelled answer with an L2 penalty, by Newton's method (fifteen unknowns,
/// so the Hessian is small and a few iterations converge). Deterministic: the same examples
/// give the same bits.
public enum RankingFit {
    /// One labelled paste as fitting sees it: the feature vectors of its candidates and which
    /// of them is right (nil: none is, the paste is about nothing in the knowledge base).
    public struct Example: Sendable {
        /// The candidates' features, in `Feature` order.
        public var candidates: [[Double]]
        /// The right candidate's position, or nil for "none".
        public var answer: Int?

        /// An example.
        public init(candidates: [[Double]], answer: Int?) {
            self.candidates = candidates
            self.answer = answer
        }
    }

    /// The L2 penalty on the weights: keeps rare features from running off to large values.
    static let penalty = 1.0
    /// The penalty on the none score, which every example informs.
    static let nonePenalty = 0.01
    static let iterations = 60

    /// The parameters that best explain the examples, starting from `start` (whose shapes,
    /// threshold and cutoff are kept; `chooseThreshold` picks the threshold).
    public static func fit(_ examples: [Example], start: RankingParameters = .initial) -> RankingParameters {
        let featureCount = Feature.allCases.count
        let size = featureCount + 1
        var theta = start.weights + [start.noneScore]
        while theta.count < size { theta.insert(0, at: theta.count - 1) }
        var objective = logLikelihood(examples, theta)
        for _ in 0..<iterations {
            var gradient = [Double](repeating: 0, count: size)
            var hessian = [Double](repeating: 0, count: size * size)  // of the negated objective
            for example in examples {
                let options = vectors(example, size: size)
                let scores = options.map { dot($0, theta) }
                var top = scores[0]
                for score in scores where score > top { top = score }
                let weights = scores.map { RankingMath.exp($0 - top) }
                var total = 0.0
                for weight in weights { total = total + weight }
                var mean = [Double](repeating: 0, count: size)
                for (option, weight) in zip(options, weights) {
                    let p = weight / total
                    for j in 0..<size where option[j] != 0 { mean[j] = mean[j] + p * option[j] }
                }
                let answer = options[(example.answer ?? -1) + 1]
                for j in 0..<size { gradient[j] = gradient[j] + answer[j] - mean[j] }
                for (option, weight) in zip(options, weights) {
                    let p = weight / total
                    for j in 0..<size where option[j] != 0 {
                        for k in 0..<size where option[k] != 0 { hessian[j * size + k] = hessian[j * size + k] + p * option[j] * option[k] }
                    }
                }
                for j in 0..<size where mean[j] != 0 {
                    for k in 0..<size where mean[k] != 0 { hessian[j * size + k] = hessian[j * size + k] - mean[j] * mean[k] }
                }
            }
            for j in 0..<size {
                let lambda = j == featureCount ? nonePenalty : penalty
                gradient[j] = gradient[j] - lambda * theta[j]
                hessian[j * size + j] = hessian[j * size + j] + lambda
            }
            guard let step = solve(hessian, gradient, size: size) else { break }
            // Newton's step, halved until the objective improves (it always can, near enough).
            var scale = 1.0, improved = false
            while scale > 1e-6 {
                let candidate = zip(theta, step).map { $0 + scale * $1 }
                let value = logLikelihood(examples, candidate)
                if value > objective {
                    theta = candidate
                    improved = value - objective > 1e-10
                    objective = value
                    break
                }
                scale = scale / 2
            }
            if !improved { break }
        }
        var fitted = start
        fitted.weights = theta.prefix(featureCount).map(rounded)
        fitted.noneScore = rounded(theta[featureCount])
        return fitted
    }

    /// The option vectors of an example: none first (only its own coordinate), then the
    /// candidates (their features, zero for none's).
    static func vectors(_ example: Example, size: Int) -> [[Double]] {
        var none = [Double](repeating: 0, count: size)
        none[size - 1] = 1
        return [none] + example.candidates.map { features in
            var vector = [Double](repeating: 0, count: size)
            for (j, value) in features.prefix(size - 1).enumerated() { vector[j] = value }
            return vector
        }
    }

    static func dot(_ a: [Double], _ b: [Double]) -> Double {
        var total = 0.0
        for (x, y) in zip(a, b) where x != 0 { total = total + x * y }
        return total
    }

    /// The penalised log-likelihood of the examples' answers.
    static func logLikelihood(_ examples: [Example], _ theta: [Double]) -> Double {
        let size = theta.count
        var total = 0.0
        for example in examples {
            let options = vectors(example, size: size)
            let scores = options.map { dot($0, theta) }
            var top = scores[0]
            for score in scores where score > top { top = score }
            var sum = 0.0
            for score in scores { sum = sum + RankingMath.exp(score - top) }
            total = total + scores[(example.answer ?? -1) + 1] - top - Double.log(sum)
        }
        for j in 0..<size { total = total - 0.5 * (j == size - 1 ? nonePenalty : penalty) * theta[j] * theta[j] }
        return total
    }

    /// Solves A x = b for a symmetric positive definite A by Cholesky decomposition.
    static func solve(_ a: [Double], _ b: [Double], size n: Int) -> [Double]? {
        var l = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0...i {
                var sum = a[i * n + j]
                for k in 0..<j { sum = sum - l[i * n + k] * l[j * n + k] }
                if i == j {
                    guard sum > 0 else { return nil }
                    l[i * n + i] = Double.sqrt(sum)
                } else {
                    l[i * n + j] = sum / l[j * n + j]
                }
            }
        }
        var y = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var sum = b[i]
            for k in 0..<i { sum = sum - l[i * n + k] * y[k] }
            y[i] = sum / l[i * n + i]
        }
        var x = [Double](repeating: 0, count: n)
        for i in stride(from: n - 1, through: 0, by: -1) {
            var sum = y[i]
            for k in (i + 1)..<n { sum = sum - l[k * n + i] * x[k] }
            x[i] = sum / l[i * n + i]
        }
        return x
    }

    /// Thresholds tried, as whole percentages: 0.05 to 0.95.
    static let thresholds = stride(from: 5, through: 95, by: 5).map { Double($0) / 100 }

    /// The threshold that does most good on the examples: a right first result counts one, a
    /// wrong one (or any result for a paste about nothing known) counts minus one, silence
    /// counts nothing, or one for a paste about nothing known. Ties go to the higher
    /// threshold: of two equally good, the one that stays silent more often.
    public static func chooseThreshold(_ outcomes: [(confidence: Double, firstIsRight: Bool, expectsNone: Bool)]) -> Double {
        var best = (threshold: thresholds[0], utility: Int.min)
        for threshold in thresholds {
            var utility = 0
            for outcome in outcomes {
                if outcome.confidence >= threshold {
                    utility += outcome.firstIsRight && !outcome.expectsNone ? 1 : -1
                } else if outcome.expectsNone {
                    utility += 1
                }
            }
            if utility >= best.utility { best = (threshold, utility) }
        }
        return best.threshold
    }
}
