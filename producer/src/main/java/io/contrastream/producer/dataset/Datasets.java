package io.contrastream.producer.dataset;

import java.nio.file.Files;
import java.nio.file.Path;

/** Opens a dataset by kind, with the defaults the README documents. */
public final class Datasets {

    /** Where Debian's {@code dataset-fashion-mnist} package puts the IDX files. */
    public static final Path FASHION_MNIST_DEFAULT = Path.of("/usr/share/datasets/fashion-mnist");

    private Datasets() {}

    /**
     * @param path the dataset's folder; {@code null} for the default (Fashion-MNIST only)
     * @param syntheticSize images in the synthetic set
     */
    public static Dataset open(DatasetKind kind, Path path, Split split, int syntheticSize, long seed) {
        return switch (kind) {
            case AUTO ->
                fashionMnistInstalled(path)
                        ? open(DatasetKind.FASHION_MNIST, path, split, syntheticSize, seed)
                        : open(DatasetKind.SYNTHETIC, path, split, syntheticSize, seed);
            case FASHION_MNIST ->
                IdxDataset.openSplit("fashion-mnist", path == null ? FASHION_MNIST_DEFAULT : path, split);
            case MNIST -> IdxDataset.openSplit("mnist", required(kind, path), split);
            case CIFAR10 -> CifarDataset.open(required(kind, path), false, split);
            case CIFAR100 -> CifarDataset.open(required(kind, path), true, split);
            case FOLDER -> ImageFolderDataset.open(required(kind, path));
            case SYNTHETIC -> new SyntheticDataset(syntheticSize, 32, split == Split.TRAIN ? seed : seed + 1);
        };
    }

    public static boolean fashionMnistInstalled(Path path) {
        Path dir = path == null ? FASHION_MNIST_DEFAULT : path;
        return Files.isRegularFile(dir.resolve("train-images-idx3-ubyte.gz"))
                || Files.isRegularFile(dir.resolve("train-images-idx3-ubyte"));
    }

    private static Path required(DatasetKind kind, Path path) {
        if (path == null) {
            throw new DatasetException(
                    "--dataset " + kind.name().toLowerCase().replace('_', '-') + " needs --dataset-path");
        }
        return path;
    }
}
