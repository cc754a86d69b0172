package io.contrastream.service.evaluation;

import static io.contrastream.service.training.Tensors.in;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.contrastream.service.training.FlatOptimizer;
import java.util.HashMap;
import java.util.Map;

/**
 * The linear evaluation protocol: a multinomial logistic-regression layer fitted on the reference
 * embeddings (standardised with the references' mean and deviation), scored on the queries. Full
 * batch, Adam, a fixed number of steps and a small L2 penalty, so it is deterministic and its cost
 * is bounded; it runs on the trainer's device, where the embeddings were made.
 */
final class LinearProbe {

    static final int STEPS = 300;
    static final float LEARNING_RATE = 0.05f;
    static final float WEIGHT_DECAY = 1e-4f;

    private LinearProbe() {}

    /**
     * @param train n reference embeddings, row-major, with their labels
     * @param test m query embeddings, with their labels; a label the references lack counts as wrong
     * @return the share of queries classified correctly, NaN without queries or with fewer than
     *     two reference classes
     */
    static double accuracy(
            NDManager manager,
            float[] train,
            int[] trainLabels,
            int n,
            float[] test,
            int[] testLabels,
            int m,
            int dim) {
        Map<Integer, Integer> classes = new HashMap<>();
        int[] dense = new int[n];
        for (int i = 0; i < n; i++) {
            dense[i] = classes.computeIfAbsent(trainLabels[i], l -> classes.size());
        }
        int c = classes.size();
        if (m == 0 || c < 2) {
            return Double.NaN;
        }
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = scope.create(train, new Shape(n, dim));
            NDArray mean = x.mean(new int[] {0}, true);
            NDArray std = x.sub(mean).square().mean(new int[] {0}, true).sqrt().add(1e-6f);
            x = x.sub(mean).div(std);
            NDArray xt = x.transpose();
            NDArray y = scope.create(dense).oneHot(c).toType(DataType.FLOAT32, false);
            NDArray w = scope.zeros(new Shape(dim, c));
            NDArray b = scope.zeros(new Shape(1, c));
            FlatOptimizer adamW = new FlatOptimizer.Adam(scope, w.getShape(), LEARNING_RATE, WEIGHT_DECAY);
            FlatOptimizer adamB = new FlatOptimizer.Adam(scope, b.getShape(), LEARNING_RATE, 0f);
            for (int t = 1; t <= STEPS; t++) {
                try (NDManager step = scope.newSubManager()) {
                    NDArray p = in(step, x.matMul(w)).add(b).softmax(1); // on the step's manager from here
                    NDArray g = in(step, p.sub(y)).divi(n);
                    adamW.step(step, w, in(step, xt.matMul(g)));
                    adamB.step(step, b, in(step, g.sum(new int[] {0}, true)));
                }
            }
            NDArray q = scope.create(test, new Shape(m, dim)).sub(mean).div(std);
            int[] predicted =
                    q.matMul(w).add(b).argMax(1).toType(DataType.INT32, false).toIntArray();
            int correct = 0;
            for (int i = 0; i < m; i++) {
                Integer label = classes.get(testLabels[i]);
                if (label != null && label == predicted[i]) {
                    correct++;
                }
            }
            return (double) correct / m;
        }
    }
}
