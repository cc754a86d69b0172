package io.contrastream.wire;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * One report of the service, as published (JSON, schema
 * {@code schemas/metrics-record.schema.json}) to the metrics topic, keyed by model id.
 *
 * @param modelId the model's identity (also the record key and a Prometheus label)
 * @param step training steps done by the model, counting those before a restart
 * @param timestampMs when the report was made, epoch millis
 * @param pairsTrainedTotal pairs trained by this process since it started
 * @param deadLettersTotal records sent to the dead-letter topic by this process
 * @param tau the InfoNCE temperature
 * @param batchSize pairs per training step
 * @param bankCapacity slots of the negative queue
 * @param stats the statistics; a missing or non-finite value is written as JSON null
 * @param positiveHistogram counts of positive-pair similarities since the previous report, in
 *     {@link #HISTOGRAM_BINS} equal bins over [-1, 1] (bin i covers [-1 + i w, -1 + (i+1) w),
 *     w = 2 / bins, the last bin includes 1)
 * @param negativeHistogram counts of the sampled anchors' negative similarities, same bins
 */
public record MetricsRecord(
        String modelId,
        long step,
        long timestampMs,
        long pairsTrainedTotal,
        long deadLettersTotal,
        double tau,
        int batchSize,
        int bankCapacity,
        Map<Statistic, Double> stats,
        long[] positiveHistogram,
        long[] negativeHistogram) {

    public static final int SCHEMA_VERSION = 1;
    public static final int HISTOGRAM_BINS = 40;

    public MetricsRecord {
        if (positiveHistogram.length != HISTOGRAM_BINS || negativeHistogram.length != HISTOGRAM_BINS) {
            throw new IllegalArgumentException("histograms have " + HISTOGRAM_BINS + " bins");
        }
        EnumMap<Statistic, Double> copy = new EnumMap<>(Statistic.class);
        copy.putAll(stats);
        stats = Collections.unmodifiableMap(copy);
    }

    /** The statistic's value, or NaN when it was not computable for this report. */
    public double get(Statistic s) {
        Double v = stats.get(s);
        return v == null ? Double.NaN : v;
    }
}
