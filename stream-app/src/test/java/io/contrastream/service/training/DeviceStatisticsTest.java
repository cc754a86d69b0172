package io.contrastream.service.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.contrastream.service.stats.HostStepStatistics;
import io.contrastream.service.stats.Tolerance;
import io.contrastream.service.stats.Uniformity;
import io.contrastream.service.vectors.VectorQueue;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The statistics computed by libtorch equal the host's, which define them (AnchorPenalty,
 * Uniformity, Tolerance), within 1e-5 on random rows and on adversarial ones: ties across
 * labels, masked columns, unlabelled anchors and columns, values on bin edges and at +-1, and for
 * each of the paper's four losses.
 */
class DeviceStatisticsTest {

    static final double TOLERANCE = 1e-5;
    static final List<LossSpec> LOSSES = List.of(
            LossSpec.contrastive(0.2),
            LossSpec.contrastive(0.07),
            new LossSpec(LossKind.HARD, 0.5, 0.1, 0),
            new LossSpec(LossKind.HARD, 0.3, 0.1, 7),
            new LossSpec(LossKind.SIMPLE, 1, 0.1, 0),
            new LossSpec(LossKind.HARD_SIMPLE, 1, 0.05, 0));

    static NDManager manager;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    @Test
    void randomRowsAgreeForEveryLoss() {
        Random rng = new Random(1);
        for (LossSpec loss : LOSSES) {
            float[][] rows = rows(rng, 8, 600, () -> (float) Math.tanh(rng.nextGaussian() * 0.4));
            int[] columns = labels(rng, 600, 10, 0.2);
            agree(loss.label() + " random", rows, none(8), columns, labels(rng, 8, 10, 0.25), loss, 10);
        }
    }

    /** A handful of distinct values over many labels: the sets break ties as the host does. */
    @Test
    void tiesAcrossLabelsAgree() {
        Random rng = new Random(2);
        float[] levels = {-0.5f, 0f, 0.25f, 0.5f, 0.75f};
        for (LossSpec loss : LOSSES) {
            float[][] rows = rows(rng, 6, 300, () -> levels[rng.nextInt(levels.length)]);
            int[] columns = labels(rng, 300, 3, 0.3);
            agree(loss.label() + " ties", rows, none(6), columns, labels(rng, 6, 3, 0), loss, 10);
            agree(loss.label() + " ties, top 40", rows, none(6), columns, labels(rng, 6, 3, 0), loss, 40);
        }
    }

    /** Columns of the anchor's own sample are masked; +-1 and bin edges land in the same bins. */
    @Test
    void maskedColumnsEdgesAndUnlabelledAgree() {
        Random rng = new Random(3);
        for (LossSpec loss : LOSSES) {
            float[][] rows = rows(rng, 5, 200, () -> switch (rng.nextInt(4)) {
                case 0 -> 1f;
                case 1 -> -1f;
                case 2 -> -1f + 0.001f * rng.nextInt(2001);
                default -> rng.nextFloat() * 2 - 1;
            });
            int[][] excluded = {{3, 150}, {}, {7}, {0, 199, 42}, {}};
            int[] columns = labels(rng, 200, 4, 0.5);
            int[] anchors = {1, VectorQueue.NO_LABEL, 2, 3, 0};
            agree(loss.label() + " masked", rows, excluded, columns, anchors, loss, 10);
            int[] unlabelled = new int[200];
            Arrays.fill(unlabelled, VectorQueue.NO_LABEL);
            agree(loss.label() + " unlabelled", rows, excluded, unlabelled, anchors, loss, 10);
        }
    }

    @Test
    void theWindowsUniformityAndToleranceAgreeBeforeAndAfterItWraps() {
        Random rng = new Random(4);
        int dim = 16;
        try (NDManager scope = manager.newSubManager();
                EmbeddingWindow window = new EmbeddingWindow(scope, 64, dim)) {
            float[] all = new float[0];
            int[] allLabels = new int[0];
            for (int batch = 0; batch < 9; batch++) {
                float[] q = unitVectors(rng, 12, dim, batch);
                int[] l = labels(rng, 12, 3, 0.2);
                window.add(scope.create(q, new Shape(12, dim)), l);
                all = concat(all, q);
                allLabels = concat(allLabels, l);
                int n = Math.min(64, allLabels.length);
                float[] recent = Arrays.copyOfRange(all, all.length - n * dim, all.length);
                int[] recentLabels = Arrays.copyOfRange(allLabels, allLabels.length - n, allLabels.length);
                WindowStatistics device = window.statistics();
                Tolerance.Result host = Tolerance.of(recent, recentLabels, n, dim);
                assertThat(device.uniformity())
                        .as("uniformity after batch %d", batch)
                        .isCloseTo(Uniformity.negLogUniform(recent, n, dim), within(TOLERANCE));
                assertThat(device.tolerancePairs()).isEqualTo(host.pairs());
                assertThat(device.tolerance()).isCloseTo(host.value(), within(TOLERANCE));
            }
        }
    }

    void agree(String what, float[][] rows, int[][] excluded, int[] columns, int[] anchors, LossSpec loss, int topK) {
        StepStatistics host = HostStepStatistics.of(rows, excluded, columns, anchors, loss, topK);
        StepStatistics device;
        try (NDManager scope = manager.newSubManager()) {
            float[] flat = new float[rows.length * rows[0].length];
            for (int r = 0; r < rows.length; r++) {
                System.arraycopy(rows[r], 0, flat, r * rows[0].length, rows[0].length);
            }
            NDArray onDevice = scope.create(flat, new Shape(rows.length, rows[0].length));
            device = DeviceStatistics.of(onDevice, excluded, columns, anchors, loss, topK);
        }
        close(what + ": entropy", device.entropy(), host.entropy());
        close(what + ": effective ratio", device.effectiveRatio(), host.effectiveRatio());
        close(what + ": hardest share", device.hardestShare(), host.hardestShare());
        close(what + ": false-negative share", device.falseNegativeShare(), host.falseNegativeShare());
        assertThat(device.negatives()).as(what + ": negatives").containsExactly(host.negatives());
        assertThat(device.negativeHistogram()).as(what + ": histogram").containsExactly(host.negativeHistogram());
        long count = Arrays.stream(host.negativeHistogram()).sum();
        assertThat(device.negativeSum() / count)
                .as(what + ": mean")
                .isCloseTo(host.negativeSum() / count, within(TOLERANCE));
        assertThat(device.negativeMax()).as(what + ": max").isEqualTo(host.negativeMax());
    }

    static void close(String what, double[] device, double[] host) {
        assertThat(device).as(what).hasSameSizeAs(host);
        for (int i = 0; i < host.length; i++) {
            if (Double.isNaN(host[i])) {
                assertThat(device[i]).as("%s of anchor %d", what, i).isNaN();
            } else {
                assertThat(device[i]).as("%s of anchor %d", what, i).isCloseTo(host[i], within(TOLERANCE));
            }
        }
    }

    static float[][] rows(Random rng, int s, int c, java.util.function.Supplier<Float> value) {
        float[][] rows = new float[s][c];
        for (float[] row : rows) {
            for (int j = 0; j < c; j++) {
                row[j] = value.get();
            }
        }
        return rows;
    }

    static int[][] none(int s) {
        int[][] out = new int[s][];
        Arrays.fill(out, new int[0]);
        return out;
    }

    static int[] labels(Random rng, int n, int classes, double unlabelled) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = rng.nextDouble() < unlabelled ? VectorQueue.NO_LABEL : rng.nextInt(classes);
        }
        return out;
    }

    /** Unit vectors, clustered in the later batches so that uniformity moves. */
    static float[] unitVectors(Random rng, int n, int dim, int batch) {
        float[] out = new float[n * dim];
        for (int i = 0; i < n; i++) {
            double norm = 0;
            for (int d = 0; d < dim; d++) {
                float v = (float) rng.nextGaussian() + (d == 0 ? batch * 0.5f : 0);
                out[i * dim + d] = v;
                norm += v * v;
            }
            for (int d = 0; d < dim; d++) {
                out[i * dim + d] /= (float) Math.sqrt(norm);
            }
        }
        return out;
    }

    static float[] concat(float[] a, float[] b) {
        float[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
