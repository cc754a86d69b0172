package io.contrastream.producer.dataset;

import io.contrastream.image.PixelImage;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * MNIST-format (IDX) images and labels: Fashion-MNIST, MNIST, EMNIST. Images are
 * {@code magic 0x00000803, count, rows, cols, bytes}; labels {@code 0x00000801, count, bytes}.
 */
public final class IdxDataset implements Dataset {

    private static final int IMAGES_MAGIC = 0x00000803;
    private static final int LABELS_MAGIC = 0x00000801;

    private final String name;
    private final byte[] pixels;
    private final byte[] labels;
    private final int count;
    private final int rows;
    private final int cols;

    private IdxDataset(String name, byte[] pixels, byte[] labels, int count, int rows, int cols) {
        this.name = name;
        this.pixels = pixels;
        this.labels = labels;
        this.count = count;
        this.rows = rows;
        this.cols = cols;
    }

    /** The {@code train} or {@code test} split ({@code t10k} files) of an MNIST-style folder. */
    public static IdxDataset openSplit(String title, Path dir, Split split) {
        String prefix = split == Split.TRAIN ? "train" : "t10k";
        return open(
                title + " " + split.name().toLowerCase(),
                DatasetFiles.find(dir, prefix + "-images-idx3-ubyte", prefix + "-images.idx3-ubyte"),
                DatasetFiles.find(dir, prefix + "-labels-idx1-ubyte", prefix + "-labels.idx1-ubyte"));
    }

    public static IdxDataset open(String name, Path imagesFile, Path labelsFile) {
        ByteBuffer images = ByteBuffer.wrap(DatasetFiles.readMaybeGzipped(imagesFile));
        ByteBuffer labels = ByteBuffer.wrap(DatasetFiles.readMaybeGzipped(labelsFile));
        if (images.remaining() < 16 || images.getInt() != IMAGES_MAGIC) {
            throw new DatasetException(imagesFile + " is not an IDX image file (magic 0x00000803)");
        }
        if (labels.remaining() < 8 || labels.getInt() != LABELS_MAGIC) {
            throw new DatasetException(labelsFile + " is not an IDX label file (magic 0x00000801)");
        }
        int count = images.getInt();
        int rows = images.getInt();
        int cols = images.getInt();
        int labelCount = labels.getInt();
        if (labelCount != count) {
            throw new DatasetException(count + " images but " + labelCount + " labels in " + labelsFile);
        }
        if (images.remaining() < (long) count * rows * cols || labels.remaining() < count) {
            throw new DatasetException(imagesFile + " or " + labelsFile + " is truncated");
        }
        byte[] px = new byte[count * rows * cols];
        images.get(px);
        byte[] lb = new byte[count];
        labels.get(lb);
        return new IdxDataset(name + " (" + count + ")", px, lb, count, rows, cols);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return count;
    }

    @Override
    public LabelledImage get(int index) {
        int n = rows * cols;
        float[] data = new float[n];
        int base = index * n;
        for (int i = 0; i < n; i++) {
            data[i] = (pixels[base + i] & 0xff) / 255f;
        }
        return new LabelledImage(new PixelImage(1, rows, cols, data), labels[index] & 0xff);
    }
}
