package io.contrastream.producer.publish;

import java.util.SplittableRandom;

/** Indices of a dataset, each epoch in a fresh shuffled order drawn from one random source. */
public final class EpochOrder {

    private final SplittableRandom rng;
    private final int[] order;
    private int position;
    private int epoch;

    public EpochOrder(int size, SplittableRandom rng) {
        this.rng = rng;
        this.order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        shuffle();
    }

    private void shuffle() {
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        position = 0;
        epoch++;
    }

    public int next() {
        if (position == order.length) {
            shuffle();
        }
        return order[position++];
    }

    /** Epochs started so far (1 during the first pass). */
    public int epoch() {
        return epoch;
    }
}
