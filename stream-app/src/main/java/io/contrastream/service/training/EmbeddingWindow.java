package io.contrastream.service.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.contrastream.service.vectors.VectorQueue;
import java.util.Arrays;

/**
 * The most recent query embeddings, kept on the step's device as a ring, for the window statistics:
 * uniformity (Wang &amp; Isola, t = 2) and tolerance (Wang &amp; Liu) over their pairs, computed by
 * libtorch from one similarity matrix; three numbers cross to the host. {@code Uniformity} and
 * {@code Tolerance} compute the same on the host and are the test oracle.
 */
final class EmbeddingWindow implements AutoCloseable {

    private final NDManager manager;
    private final NDArray vectors;
    private final NDArray pairs; // i < j, as a mask of the full window
    private final int[] labels;
    private final int capacity;
    private int size;
    private int head;

    EmbeddingWindow(NDManager parent, int capacity, int dim) {
        this.manager = parent.newSubManager();
        this.capacity = capacity;
        this.vectors = manager.zeros(new Shape(capacity, dim));
        this.pairs = manager.arange(0, capacity)
                .reshape(capacity, 1)
                .lt(manager.arange(0, capacity).reshape(1, capacity));
        this.labels = new int[capacity];
        Arrays.fill(labels, VectorQueue.NO_LABEL);
    }

    /** Adds a step's queries (B x dim on the device, no gradient); the oldest leave when full. */
    void add(NDArray queries, int[] batchLabels) {
        int b = batchLabels.length;
        int from = Math.max(0, b - capacity);
        for (int i = from; i < b; ) {
            int run = Math.min(b - i, capacity - head);
            vectors.set(new NDIndex("{}:{}", head, head + run), queries.get(new NDIndex("{}:{}", i, i + run)));
            System.arraycopy(batchLabels, i, labels, head, run);
            i += run;
            head = (head + run) % capacity;
            size = Math.min(capacity, size + run);
        }
    }

    int size() {
        return size;
    }

    /** Uniformity and tolerance of the embeddings in the window (their order does not matter). */
    WindowStatistics statistics() {
        long start = System.nanoTime();
        int n = size;
        if (n < 2) {
            return new WindowStatistics(Double.NaN, Double.NaN, 0, System.nanoTime() - start);
        }
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = vectors.get(new NDIndex("0:{}", n));
            x.attach(scope);
            NDArray similarities = x.matMul(x.transpose());
            NDArray upper = pairs.get(new NDIndex("0:{}, 0:{}", n, n));
            upper.attach(scope);
            NDArray zero = scope.create(0f);
            // exp(4 s - 4) is at most 1: no overflow, and the log-mean-exp takes one pass.
            NDArray expSum = NDArrays.where(upper, similarities.mul(4f).sub(4f).exp(), zero)
                    .toType(DataType.FLOAT64, false)
                    .sum();
            NDArray label = scope.create(Arrays.copyOf(labels, n), new Shape(n, 1));
            NDArray sameLabel =
                    upper.logicalAnd(label.eq(label.transpose())).logicalAnd(label.neq(VectorQueue.NO_LABEL));
            NDArray toleranceSum = NDArrays.where(sameLabel, similarities, zero)
                    .toType(DataType.FLOAT64, false)
                    .sum();
            NDArray sameLabelPairs = sameLabel.toType(DataType.FLOAT64, false).sum();
            double[] out = NDArrays.stack(new NDList(expSum, toleranceSum, sameLabelPairs))
                    .toDoubleArray();
            double pairCount = (double) n * (n - 1) / 2;
            long tolerancePairs = Math.round(out[2]);
            return new WindowStatistics(
                    Math.log(pairCount) - Math.log(out[0]),
                    tolerancePairs == 0 ? Double.NaN : out[1] / tolerancePairs,
                    tolerancePairs,
                    System.nanoTime() - start);
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
