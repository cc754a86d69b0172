package io.contrastream.producer.dataset;

import io.contrastream.image.PixelImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CIFAR-10 / CIFAR-100 binary batches. A CIFAR-10 record is 1 label byte and 3072 pixel bytes
 * (1024 R, 1024 G, 1024 B, 32x32 row-major); CIFAR-100 has a coarse and a fine label byte
 * first, and the fine label is used.
 */
public final class CifarDataset implements Dataset {

    private static final int PIXELS = 3 * 32 * 32;

    private final String name;
    private final byte[] data;
    private final int labelBytes;
    private final int count;

    private CifarDataset(String name, byte[] data, int labelBytes) {
        this.data = data;
        this.labelBytes = labelBytes;
        this.count = data.length / (labelBytes + PIXELS);
        this.name = name + " (" + count + ")";
    }

    /**
     * @param dir a folder with {@code data_batch_1.bin..5} / {@code test_batch.bin} (CIFAR-10) or
     *     {@code train.bin} / {@code test.bin} (CIFAR-100)
     */
    public static CifarDataset open(Path dir, boolean cifar100, Split split) {
        List<Path> files = new ArrayList<>();
        if (cifar100) {
            files.add(DatasetFiles.find(dir, split == Split.TRAIN ? "train.bin" : "test.bin"));
        } else if (split == Split.TRAIN) {
            for (int i = 1; i <= 5; i++) {
                Path p = dir.resolve("data_batch_" + i + ".bin");
                if (Files.isRegularFile(p)) {
                    files.add(p);
                }
            }
            if (files.isEmpty()) {
                throw new DatasetException("no data_batch_N.bin in " + dir);
            }
        } else {
            files.add(DatasetFiles.find(dir, "test_batch.bin"));
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        int labelBytes = cifar100 ? 2 : 1;
        for (Path f : files) {
            byte[] bytes = DatasetFiles.readMaybeGzipped(f);
            if (bytes.length == 0 || bytes.length % (labelBytes + PIXELS) != 0) {
                throw new DatasetException(f + " is not a CIFAR-" + (cifar100 ? "100" : "10") + " batch: "
                        + bytes.length + " bytes is not a multiple of " + (labelBytes + PIXELS));
            }
            all.writeBytes(bytes);
        }
        String title = (cifar100 ? "cifar100 " : "cifar10 ") + split.name().toLowerCase();
        return new CifarDataset(title, all.toByteArray(), labelBytes);
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
        int base = index * (labelBytes + PIXELS);
        int label = data[base + labelBytes - 1] & 0xff;
        float[] px = new float[PIXELS];
        for (int i = 0; i < PIXELS; i++) {
            px[i] = (data[base + labelBytes + i] & 0xff) / 255f;
        }
        return new LabelledImage(new PixelImage(3, 32, 32, px), label);
    }
}
