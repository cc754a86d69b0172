package io.contrastream.wire;

/**
 * Every statistic the service reports, defined once: its field in the metrics record (JSON), its
 * Prometheus gauge, and the sentence that says what it measures. Definitions follow the paper
 * (docs in README "Metric reference"); the stats package computes them.
 */
public enum Statistic {
    LOSS("loss", "contrastream_loss", null, null, "mean InfoNCE loss over the steps since the previous report"),
    UNIFORMITY(
            "uniformity",
            "contrastream_uniformity",
            null,
            null,
            "-L_uniform with t=2 over the recent-embedding window: 0 means collapse, 4 is the"
                    + " maximum on a high-dimensional sphere"),
    ALIGNMENT(
            "alignment",
            "contrastream_alignment",
            null,
            null,
            "mean squared distance ||f(x)-f(x+)||^2 between the two views' embeddings"),
    TOLERANCE(
            "tolerance",
            "contrastream_tolerance",
            null,
            null,
            "mean cosine similarity of all same-label pairs in the window (pooled over classes)"),
    TOLERANCE_PAIRS(
            "tolerance_pairs",
            "contrastream_tolerance_pairs",
            null,
            null,
            "number of same-label pairs the tolerance was computed on"),
    POSITIVE_SIMILARITY_MEAN(
            "positive_similarity_mean",
            "contrastream_positive_similarity_mean",
            null,
            null,
            "mean cosine similarity s_ii of the positive pairs"),
    NEGATIVE_SIMILARITY_MEAN(
            "negative_similarity_mean",
            "contrastream_negative_similarity_mean",
            null,
            null,
            "mean cosine similarity of anchors to their negatives"),
    NEGATIVE_SIMILARITY_P50(
            "negative_similarity_p50",
            "contrastream_negative_similarity",
            "rank",
            "p50",
            "median cosine similarity of anchors to their negatives"),
    NEGATIVE_SIMILARITY_P90(
            "negative_similarity_p90",
            "contrastream_negative_similarity",
            "rank",
            "p90",
            "90th percentile of negative cosine similarity"),
    NEGATIVE_SIMILARITY_P99(
            "negative_similarity_p99",
            "contrastream_negative_similarity",
            "rank",
            "p99",
            "99th percentile of negative cosine similarity"),
    NEGATIVE_SIMILARITY_MAX(
            "negative_similarity_max",
            "contrastream_negative_similarity",
            "rank",
            "max",
            "largest negative cosine similarity seen"),
    PENALTY_ENTROPY(
            "penalty_entropy",
            "contrastream_penalty_entropy_nats",
            null,
            null,
            "mean entropy (nats) of the relative penalty r_i over an anchor's negatives"),
    EFFECTIVE_NEGATIVES_RATIO(
            "effective_negatives_ratio",
            "contrastream_effective_negatives_ratio",
            null,
            null,
            "exp(entropy of r_i) / number of negatives: 1 = every negative weighted"
                    + " equally, near 0 = the penalty sits on a few"),
    HARDEST_1PCT_SHARE(
            "hardest1pct_share",
            "contrastream_hardest1pct_penalty_share",
            null,
            null,
            "share of an anchor's total negative penalty carried by its hardest 1% of negatives"),
    FALSE_NEGATIVE_SHARE(
            "false_negative_share",
            "contrastream_false_negative_share",
            null,
            null,
            "share of each labelled anchor's top-k hardest negatives that carry its own label"),
    NEGATIVES_PER_ANCHOR(
            "negatives_per_anchor",
            "contrastream_negatives_per_anchor",
            null,
            null,
            "negatives each anchor was contrasted with (in-batch plus bank)"),
    PROBE_CLEAN(
            "probe_clean",
            "contrastream_probe_clean",
            null,
            null,
            "1 when the probe figures below are measured on the clean evaluation set (probe topic), 0 when"
                    + " on the held-out slice of the stream (one augmented view per sample, leave-one-out)"),
    KNN_ACCURACY(
            "knn_accuracy",
            "contrastream_knn_accuracy",
            null,
            null,
            "weighted kNN top-1 accuracy (k=--knn-k, weights exp(s/0.07)): the clean set's queries"
                    + " against its references, or leave-one-out on the held-out views; latest evaluation,"
                    + " every --knn-every steps"),
    LINEAR_PROBE_ACCURACY(
            "linear_probe_accuracy",
            "contrastream_linear_probe_accuracy",
            null,
            null,
            "top-1 accuracy on the clean set's queries of a logistic-regression layer fitted on its"
                    + " references' embeddings (300 full-batch Adam steps); null without a clean set"),
    PROBE_UNIFORMITY(
            "probe_uniformity",
            "contrastream_probe_uniformity",
            null,
            null,
            "-L_uniform of the evaluation set embedded in inference mode, as the paper measures it (a fixed"
                    + " set, unlike the training window): the first 2,000 clean queries, or the held-out views"),
    PROBE_TOLERANCE(
            "probe_tolerance",
            "contrastream_probe_tolerance",
            null,
            null,
            "tolerance of the same evaluation samples as probe_uniformity, embedded in inference mode"),
    PROBE_ALIGNMENT(
            "probe_alignment",
            "contrastream_probe_alignment",
            null,
            null,
            "mean ||f(v1)-f(v2)||^2 between two augmented views of each clean query that carries them"
                    + " (the first 1,000), inference mode; null without a clean set"),
    STABILITY_COSINE_PREVIOUS(
            "stability_cosine_previous",
            "contrastream_embedding_stability_cosine",
            "versus",
            "previous",
            "mean cosine similarity of each evaluation sample's embedding (the probe_uniformity samples)"
                    + " to its embedding at the previous evaluation (1 = unchanged)"),
    STABILITY_KNN_PREVIOUS(
            "stability_knn_overlap_previous",
            "contrastream_embedding_stability_knn_overlap",
            "versus",
            "previous",
            "mean share of each evaluation sample's 10 nearest neighbours that were also its neighbours"
                    + " at the previous evaluation (1 = neighbourhoods unchanged)"),
    STABILITY_COSINE_EXPORT(
            "stability_cosine_export",
            "contrastream_embedding_stability_cosine",
            "versus",
            "export",
            "mean cosine similarity of each evaluation sample's embedding to its embedding by the last"
                    + " exported model (NaN before the first export)"),
    STABILITY_KNN_EXPORT(
            "stability_knn_overlap_export",
            "contrastream_embedding_stability_knn_overlap",
            "versus",
            "export",
            "mean share of each evaluation sample's 10 nearest neighbours kept since the last exported model"),
    PROBE_SIZE(
            "probe_size",
            "contrastream_probe_size",
            null,
            null,
            "queries of the clean set evaluated, or labelled samples held out of training"),
    PROBE_REFERENCES(
            "probe_references",
            "contrastream_probe_references",
            null,
            null,
            "references of the clean set evaluated against; null without a clean set"),
    EVALUATION_SECONDS(
            "evaluation_seconds",
            "contrastream_evaluation_seconds",
            null,
            null,
            "wall time of the latest evaluation (embedding the set and scoring it), which the training"
                    + " thread spends every --knn-every steps"),
    UNIFORMITY_DRIFT(
            "uniformity_drift",
            "contrastream_drift_statistic",
            "statistic",
            "uniformity",
            "CUSUM drift statistic of uniformity against its moving baseline, in standard deviations;"
                    + " a drift event is raised when it crosses --drift-threshold"),
    TOLERANCE_DRIFT(
            "tolerance_drift",
            "contrastream_drift_statistic",
            "statistic",
            "tolerance",
            "CUSUM drift statistic of tolerance, likewise"),
    PAIRS_PER_SECOND(
            "pairs_per_second",
            "contrastream_pairs_per_second",
            null,
            null,
            "pairs trained per second of wall time since the previous report"),
    STEP_SECONDS(
            "step_seconds",
            "contrastream_step_seconds",
            null,
            null,
            "mean duration of one training step (forward, backward, statistics, update, bank)"),
    STATS_TIME_SHARE(
            "stats_time_share",
            "contrastream_stats_time_share",
            null,
            null,
            "statistics time (on the step's device, and their summing on the host) over the training"
                    + " thread's time"),
    STEP_IDLE_SHARE(
            "step_idle_share",
            "contrastream_step_idle_share",
            null,
            null,
            "share of wall time since the previous report in which no training step ran: the step waiting"
                    + " for input, or for the stream thread (decoding, statistics, a report) without"
                    + " --step-thread; near 0 when the pipeline keeps the step busy"),
    BANK_FILL(
            "bank_fill",
            "contrastream_bank_fill_ratio",
            null,
            null,
            "filled slots of the negative queue / its capacity"),
    BANK_BLEND_SHARE(
            "bank_blend_share",
            "contrastream_bank_blend_ratio",
            null,
            null,
            "share of the instance bank's updates since the previous report that blended the slot its"
                    + " id already had (the paper's momentum update); null for the queue");

    private final String field;
    private final String gauge;
    private final String labelName;
    private final String labelValue;
    private final String help;

    Statistic(String field, String gauge, String labelName, String labelValue, String help) {
        this.field = field;
        this.gauge = gauge;
        this.labelName = labelName;
        this.labelValue = labelValue;
        this.help = help;
    }

    /** Field name in the metrics record. */
    public String field() {
        return field;
    }

    /** Prometheus gauge name; statistics that differ only by a label share one gauge. */
    public String gauge() {
        return gauge;
    }

    /** Label that tells apart statistics sharing a gauge, or {@code null}. */
    public String labelName() {
        return labelName;
    }

    public String labelValue() {
        return labelValue;
    }

    public String help() {
        return help;
    }
}
