// Written by `kb eval --fit`: the ranking parameters fitted on every paste of Evaluation/
// (924 real, 488 written). Figures measured with them on those pastes say nothing; `kb eval` reports
// held-out folds. Fit again after changing features or the evaluation sets.
extension RankingParameters {
    /// The parameters fitted on the evaluation sets, which every index carries by default.
    public static let fitted = RankingParameters(
        weights: [
            1.7387,  // exact
            0.8826,  // unique
            -1.2915,  // near
            1.8163,  // relativeSignature
            1.7692,  // more
            1.6138,  // status
            -1.6587,  // statusConflict
            2.578,  // strongProvider
            1.3757,  // weakProvider
            -1.0633,  // otherProvider
            -0.5367,  // unknownProvider
            0.7837,  // category
            1.3014,  // words
            5.5514,  // relativeWords
            0.9204,  // typedWords
            0.8894,  // coverage
        ],
        noneScore: 8.0521, threshold: 0.65, relativeCutoff: 0.2,
        k1: 1.2, wordsHalf: 8.0, nearShare: 0.75
    )
}
