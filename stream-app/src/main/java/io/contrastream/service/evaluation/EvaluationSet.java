package io.contrastream.service.evaluation;

/**
 * One consistent state of the clean evaluation set.
 *
 * @param views1 first augmented view of the queries that carry views (ids and labels theirs)
 * @param views2 second view, row for row with {@code views1}
 */
record EvaluationSet(LabelledImages references, LabelledImages queries, LabelledImages views1, LabelledImages views2) {

    static final EvaluationSet EMPTY =
            new EvaluationSet(LabelledImages.EMPTY, LabelledImages.EMPTY, LabelledImages.EMPTY, LabelledImages.EMPTY);
}
