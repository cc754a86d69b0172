package io.contrastream.service.evaluation;

/**
 * Images of one role, as encoder input: {@code count} images of {@code pixels} floats each,
 * row-major, with their ids and labels, row for row.
 */
record LabelledImages(String[] ids, float[] pixels, int[] labels) {

    static final LabelledImages EMPTY = new LabelledImages(new String[0], new float[0], new int[0]);

    int count() {
        return ids.length;
    }
}
