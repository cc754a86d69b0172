package io.contrastream.service.evaluation;

import io.contrastream.service.input.DecodedPair;
import io.contrastream.service.training.OnlineTrainer;
import io.contrastream.wire.Statistic;
import java.util.Map;

/**
 * How downstream quality is measured: on the clean evaluation set ({@link CleanSetEvaluation}) or,
 * without one, on a held-out slice of the stream ({@link HeldOutEvaluation}). Used from the
 * session's thread only.
 */
public interface Evaluation {

    /**
     * Whether the pair belongs to the evaluation and so must not be trained on; a held-out pair is
     * taken in.
     */
    boolean holdsOut(DecodedPair pair);

    /** Embeds the evaluation set with the encoder as it is now and measures it. */
    void evaluate(OnlineTrainer trainer);

    /** The evaluation set as the just-exported model embeds it: the stability reference. */
    void markExported(OnlineTrainer trainer);

    /** Adds the latest evaluation's figures (NaN before the first, or where not measured). */
    void addTo(Map<Statistic, Double> values);
}
