package io.contrastream.service.evaluation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.contrastream.service.training.OnlineTrainer;
import java.util.Arrays;

/** Evaluation's heavy lifting on the trainer's device: embedding image sets, similarity rows. */
final class Embeddings {

    /** Images embedded per forward pass. */
    static final int CHUNK = 256;
    /** Query rows of a similarity matrix computed at once (bounds host memory to rows x references). */
    static final int ROWS = 512;

    /** Receives one row of similarities: query {@code row} against every reference. */
    interface RowConsumer {
        void accept(int row, float[] similarities);
    }

    private Embeddings() {}

    /** The query encoder's embeddings of {@code n} images, in inference mode. */
    static float[] embed(OnlineTrainer trainer, float[] images, int n) {
        int pixels = trainer.settings().encoder().pixelsPerImage();
        int dim = trainer.settings().encoder().embeddingDim();
        float[] embeddings = new float[n * dim];
        for (int start = 0; start < n; start += CHUNK) {
            int count = Math.min(CHUNK, n - start);
            float[] chunk = Arrays.copyOfRange(images, start * pixels, (start + count) * pixels);
            System.arraycopy(trainer.embed(chunk, count), 0, embeddings, start * dim, count * dim);
        }
        return embeddings;
    }

    /** Every query's cosine similarities to every reference (unit vectors), row by row. */
    static void similarityRows(
            NDManager manager, float[] queries, int nq, float[] references, int nr, int dim, RowConsumer out) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray refT = scope.create(references, new Shape(nr, dim)).transpose();
            float[] row = new float[nr];
            for (int start = 0; start < nq; start += ROWS) {
                int count = Math.min(ROWS, nq - start);
                float[] block;
                try (NDManager chunk = scope.newSubManager()) {
                    NDArray q = chunk.create(
                            Arrays.copyOfRange(queries, start * dim, (start + count) * dim), new Shape(count, dim));
                    block = q.matMul(refT).toFloatArray();
                }
                for (int r = 0; r < count; r++) {
                    System.arraycopy(block, r * nr, row, 0, nr);
                    out.accept(start + r, row);
                }
            }
        }
    }
}
