// Written by `kb eval --fit`: the ranking parameters fitted on every paste of Evaluation/
// (924 real, 488 written). Figures measured with them on those pastes say nothing; `kb eval` reports
// held-out folds. Fit again after changing features or the evaluation sets.
extension RankingParameters {
    /// The parameters fitted on the evaluation sets, which every index carries by default.
    public static let fitted = RankingParameters(
        weights: [
            1.7355,  // exact
            0.8855,  // unique
            -1.2949,  // near
            1.8082,  // relativeSignature
            1.7673,  // more
            1.583,  // status
            -1.6668,  // statusConflict
            2.5688,  // strongProvider
            1.3781,  // weakProvider
            -1.0698,  // otherProvider
            -0.5315,  // unknownProvider
            0.784,  // category
            1.2809,  // words
            5.5756,  // relativeWords
            0.9125,  // typedWords
            0.882,  // coverage
        ],
        noneScore: 8.041, threshold: 0.65, relativeCutoff: 0.2,
        k1: 1.2, wordsHalf: 8.0, nearShare: 0.75
    )
}
