// Written by `kb eval --fit`: the ranking parameters fitted on every paste of Evaluation/
// (924 real, 488 written). Figures measured with them on those pastes say nothing; `kb eval` reports
// held-out folds. Fit again after changing features or the evaluation sets.
extension RankingParameters {
    /// The parameters fitted on the evaluation sets, which every index carries by default.
    public static let fitted = RankingParameters(
        weights: [
            1.4143,  // exact
            0.9887,  // unique
            -1.2184,  // near
            2.7491,  // relativeSignature
            1.5558,  // more
            1.4702,  // status
            -1.6635,  // statusConflict
            3.3216,  // strongProvider
            1.9166,  // weakProvider
            -1.1426,  // otherProvider
            -1.4349,  // unknownProvider
            0.6161,  // category
            1.0378,  // words
            5.9278,  // relativeWords
            0.9147,  // typedWords
            0.8451,  // coverage
        ],
        noneScore: 8.9189, threshold: 0.55, relativeCutoff: 0.2,
        k1: 1.2, wordsHalf: 8.0, nearShare: 0.75
    )
}
