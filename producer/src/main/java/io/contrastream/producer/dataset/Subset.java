package io.contrastream.producer.dataset;

/** The first {@code size} images of a dataset: a small, fixed world to replay for many epochs. */
public final class Subset implements Dataset {

    private final Dataset whole;
    private final int size;

    public Subset(Dataset whole, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a subset needs at least one image");
        }
        this.whole = whole;
        this.size = Math.min(size, whole.size());
    }

    @Override
    public String name() {
        return whole.name() + ", first " + size;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public LabelledImage get(int index) {
        if (index >= size) {
            throw new IndexOutOfBoundsException(index + " >= " + size);
        }
        return whole.get(index);
    }
}
