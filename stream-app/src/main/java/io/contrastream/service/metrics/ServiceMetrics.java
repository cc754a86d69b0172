package io.contrastream.service.metrics;

import io.contrastream.service.drift.DriftMonitor;
import io.contrastream.service.session.SessionListener;
import io.contrastream.service.training.StepResult;
import io.contrastream.wire.DriftEvent;
import io.contrastream.wire.MetricsRecord;
import io.contrastream.wire.RejectReason;
import io.contrastream.wire.Statistic;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The service's Prometheus metrics, a listener of its training session. One gauge per {@link Statistic} (statistics that differ by a
 * label share a gauge), updated at every report; counters and a step-duration histogram updated
 * as work happens. Every series carries the {@code model} label, nothing of higher cardinality.
 */
public final class ServiceMetrics implements SessionListener {

    private static final String MODEL = "model";
    /** Where an unexpected failure can happen; each is a label value of the processing-error counter. */
    public static final java.util.List<String> PROCESSING_STAGES =
            java.util.List.of("decode", "record", "step", "evaluation", "report", "checkpoint", "export");

    private final String modelId;
    private final Map<String, Gauge> gauges = new HashMap<>();
    private final Counter pairsTrained;
    private final Counter steps;
    private final Counter deadLetters;
    private final Counter reports;
    private final Counter driftEvents;
    private final Counter nonFiniteLosses;
    private final Counter consumed;
    private final Counter processingErrors;
    private final Counter replaysSkipped;
    private final Counter publishFailures;
    private final Histogram stepDuration;
    private final Gauge modelStep;
    private volatile MetricsRecord lastReport;

    public ServiceMetrics(PrometheusRegistry registry, String modelId) {
        this.modelId = modelId;
        for (Statistic s : Statistic.values()) {
            gauges.computeIfAbsent(s.gauge(), name -> {
                Gauge.Builder b = Gauge.builder().name(name).help(helpOf(name));
                return (s.labelName() == null ? b.labelNames(MODEL) : b.labelNames(MODEL, s.labelName()))
                        .register(registry);
            });
        }
        pairsTrained = Counter.builder()
                .name("contrastream_pairs_trained_total")
                .help("pairs that went through a training step")
                .labelNames(MODEL)
                .register(registry);
        steps = Counter.builder()
                .name("contrastream_training_steps_total")
                .help("training steps taken by this process")
                .labelNames(MODEL)
                .register(registry);
        deadLetters = Counter.builder()
                .name("contrastream_dead_letters_total")
                .help("input records sent to the dead-letter topic, by reason")
                .labelNames(MODEL, "reason")
                .register(registry);
        reports = Counter.builder()
                .name("contrastream_reports_total")
                .help("metrics records published")
                .labelNames(MODEL)
                .register(registry);
        driftEvents = Counter.builder()
                .name("contrastream_drift_events_total")
                .help("drift events raised, by statistic (uniformity, tolerance)")
                .labelNames(MODEL, "statistic")
                .register(registry);
        nonFiniteLosses = Counter.builder()
                .name("contrastream_nonfinite_losses_total")
                .help("training steps whose loss was NaN or infinite")
                .labelNames(MODEL)
                .register(registry);
        consumed = Counter.builder()
                .name("contrastream_records_consumed_total")
                .help("input records read, whatever became of them (trained, held out, dead-lettered, skipped)")
                .labelNames(MODEL)
                .register(registry);
        processingErrors = Counter.builder()
                .name("contrastream_processing_errors_total")
                .help("unexpected failures, by stage (decode, record, step, evaluation, report, checkpoint,"
                        + " export); the service went on")
                .labelNames(MODEL, "stage")
                .register(registry);
        replaysSkipped = Counter.builder()
                .name("contrastream_replayed_records_skipped_total")
                .help("records read again after a restart that the restored checkpoint had already learned")
                .labelNames(MODEL)
                .register(registry);
        publishFailures = Counter.builder()
                .name("contrastream_publish_failures_total")
                .help("output records the producer could not deliver, by topic (logged, then skipped)")
                .labelNames(MODEL, "topic")
                .register(registry);
        stepDuration = Histogram.builder()
                .name("contrastream_step_duration_seconds")
                .help("duration of one training step (forward, backward, update, bank)")
                .classicExponentialUpperBounds(0.005, 2, 12)
                .classicOnly()
                .labelNames(MODEL)
                .register(registry);
        modelStep = Gauge.builder()
                .name("contrastream_model_step")
                .help("training steps of the model, including those before a restart")
                .labelNames(MODEL)
                .register(registry);
        GaugeWithCallback.builder()
                .name("contrastream_similarity_cumulative_ratio")
                .help("share of the latest report's positive-pair (pair=positive) or sampled negative"
                        + " (pair=negative) cosine similarities at or below upper_bound; 40 bins over [-1, 1]")
                // "upper_bound", not "le": a gauge may not use a histogram's reserved label.
                .labelNames(MODEL, "pair", "upper_bound")
                .callback(cb -> {
                    MetricsRecord r = lastReport;
                    if (r != null) {
                        emitCumulative(cb, "positive", r.positiveHistogram());
                        emitCumulative(cb, "negative", r.negativeHistogram());
                    }
                })
                .register(registry);
        // Series exist from the start, so rates and alerts see zeros rather than absence.
        pairsTrained.labelValues(modelId);
        steps.labelValues(modelId);
        reports.labelValues(modelId);
        for (RejectReason r : RejectReason.values()) {
            deadLetters.labelValues(modelId, r.code());
        }
        nonFiniteLosses.labelValues(modelId);
        consumed.labelValues(modelId);
        replaysSkipped.labelValues(modelId);
        for (String stage : PROCESSING_STAGES) {
            processingErrors.labelValues(modelId, stage);
        }
        for (Statistic s : DriftMonitor.WATCHED) {
            driftEvents.labelValues(modelId, s.field());
        }
    }

    private static String helpOf(String gauge) {
        StringBuilder sb = new StringBuilder();
        for (Statistic s : Statistic.values()) {
            if (s.gauge().equals(gauge)) {
                if (sb.length() > 0) {
                    sb.append("; ");
                }
                sb.append(s.labelName() == null ? "" : s.labelName() + "=" + s.labelValue() + ": ")
                        .append(s.help());
            }
        }
        return sb.toString();
    }

    @Override
    public void onStep(StepResult r) {
        pairsTrained.labelValues(modelId).inc(r.batchSize());
        steps.labelValues(modelId).inc();
        stepDuration.labelValues(modelId).observe(r.stepNanos() / 1e9);
        modelStep.labelValues(modelId).set(r.step());
        if (!Double.isFinite(r.loss())) {
            nonFiniteLosses.labelValues(modelId).inc();
        }
    }

    @Override
    public void onDrift(DriftEvent e) {
        driftEvents.labelValues(modelId, e.statistic()).inc();
    }

    private void emitCumulative(GaugeWithCallback.Callback cb, String pair, long[] counts) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        long running = 0;
        for (int b = 0; b < counts.length; b++) {
            running += counts[b];
            double upper = -1.0 + 2.0 * (b + 1) / counts.length;
            cb.call(
                    total == 0 ? 0 : (double) running / total,
                    modelId,
                    pair,
                    String.format(Locale.ROOT, "%.2f", upper));
        }
    }

    @Override
    public void onReport(MetricsRecord record) {
        lastReport = record;
        for (Statistic s : Statistic.values()) {
            Gauge g = gauges.get(s.gauge());
            double v = record.get(s);
            if (s.labelName() == null) {
                g.labelValues(modelId).set(v);
            } else {
                g.labelValues(modelId, s.labelValue()).set(v);
            }
        }
        reports.labelValues(modelId).inc();
    }

    @Override
    public void onDeadLetter(RejectReason reason) {
        deadLetters.labelValues(modelId, reason.code()).inc();
    }

    @Override
    public void onRecordConsumed() {
        consumed.labelValues(modelId).inc();
    }

    @Override
    public void onProcessingError(String stage) {
        processingErrors.labelValues(modelId, stage).inc();
    }

    @Override
    public void onReplaySkipped() {
        replaysSkipped.labelValues(modelId).inc();
    }

    public void onPublishFailure(String topic) {
        publishFailures.labelValues(modelId, topic).inc();
    }

    public String modelId() {
        return modelId;
    }
}
