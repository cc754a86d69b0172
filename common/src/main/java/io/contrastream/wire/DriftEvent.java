package io.contrastream.wire;

/**
 * A sudden change of a monitored statistic, published on the metrics topic next to the reports
 * (schema {@code schemas/drift-event.schema.json}) so that a consumer can react without
 * Prometheus.
 *
 * @param modelId the model
 * @param step the step of the report that raised it
 * @param timestampMs when, epoch millis
 * @param statistic the statistic's field name, e.g. {@code uniformity}
 * @param direction {@code up} or {@code down}
 * @param value the statistic's value in that report
 * @param baseline the value the detector expected (its moving baseline)
 * @param cusum the CUSUM statistic that crossed the threshold, in baseline standard deviations
 */
public record DriftEvent(
        String modelId,
        long step,
        long timestampMs,
        String statistic,
        String direction,
        double value,
        double baseline,
        double cusum) {}
