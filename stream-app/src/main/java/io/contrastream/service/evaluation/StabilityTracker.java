package io.contrastream.service.evaluation;

import io.contrastream.service.stats.EmbeddingStability;
import io.contrastream.wire.Statistic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How far the evaluation set's embeddings moved since the previous evaluation and since the last
 * export, compared on the ids both versions embedded (the set may have changed in between).
 */
final class StabilityTracker {

    /** Embeddings of one version, with the ids they belong to. */
    private record Version(String[] ids, float[] embeddings) {}

    private final int dim;
    private Version previous;
    private Version exported;
    private EmbeddingStability.Result sincePrevious = EmbeddingStability.Result.NONE;
    private EmbeddingStability.Result sinceExport = EmbeddingStability.Result.NONE;

    StabilityTracker(int dim) {
        this.dim = dim;
    }

    /** A new evaluation's embeddings: compares them with the previous and the exported ones. */
    void update(String[] ids, float[] embeddings) {
        Version now = new Version(ids, embeddings);
        sincePrevious = compare(previous, now);
        sinceExport = compare(exported, now);
        previous = now;
    }

    void markExported(String[] ids, float[] embeddings) {
        exported = ids.length < 2 ? null : new Version(ids, embeddings);
    }

    /** Adds the four stability figures (NaN before there is anything to compare with). */
    void addTo(Map<Statistic, Double> values) {
        values.put(Statistic.STABILITY_COSINE_PREVIOUS, sincePrevious.meanCosine());
        values.put(Statistic.STABILITY_KNN_PREVIOUS, sincePrevious.knnOverlap());
        values.put(Statistic.STABILITY_COSINE_EXPORT, sinceExport.meanCosine());
        values.put(Statistic.STABILITY_KNN_EXPORT, sinceExport.knnOverlap());
    }

    private EmbeddingStability.Result compare(Version before, Version now) {
        if (before == null) {
            return EmbeddingStability.Result.NONE;
        }
        Map<String, Integer> rowOf = new HashMap<>();
        for (int i = 0; i < before.ids().length; i++) {
            rowOf.put(before.ids()[i], i);
        }
        List<int[]> common = new ArrayList<>();
        for (int i = 0; i < now.ids().length; i++) {
            Integer j = rowOf.get(now.ids()[i]);
            if (j != null) {
                common.add(new int[] {j, i});
            }
        }
        float[] a = new float[common.size() * dim];
        float[] b = new float[common.size() * dim];
        for (int r = 0; r < common.size(); r++) {
            System.arraycopy(before.embeddings(), common.get(r)[0] * dim, a, r * dim, dim);
            System.arraycopy(now.embeddings(), common.get(r)[1] * dim, b, r * dim, dim);
        }
        return EmbeddingStability.compare(a, b, common.size(), dim);
    }
}
