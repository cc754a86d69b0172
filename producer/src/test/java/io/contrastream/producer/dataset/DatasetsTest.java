package io.contrastream.producer.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contrastream.codec.ImageCodec;
import io.contrastream.codec.ImageFormat;
import io.contrastream.image.PixelImage;
import io.contrastream.testing.ExternalTools;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {

    @TempDir
    Path dir;

    static void writeIdx(Path images, Path labels, int count, int rows, int cols, boolean gzip) throws IOException {
        ByteArrayOutputStream img = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(img);
        d.writeInt(0x803);
        d.writeInt(count);
        d.writeInt(rows);
        d.writeInt(cols);
        for (int i = 0; i < count * rows * cols; i++) {
            d.writeByte(i % 256);
        }
        ByteArrayOutputStream lab = new ByteArrayOutputStream();
        DataOutputStream l = new DataOutputStream(lab);
        l.writeInt(0x801);
        l.writeInt(count);
        for (int i = 0; i < count; i++) {
            l.writeByte(i % 10);
        }
        write(images, img.toByteArray(), gzip);
        write(labels, lab.toByteArray(), gzip);
    }

    static void write(Path p, byte[] bytes, boolean gzip) throws IOException {
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(p)) : Files.newOutputStream(p)) {
            out.write(bytes);
        }
    }

    @Test
    void readsIdxSplitsPlainAndGzipped() throws Exception {
        writeIdx(
                dir.resolve("train-images-idx3-ubyte.gz"), dir.resolve("train-labels-idx1-ubyte.gz"), 12, 28, 28, true);
        writeIdx(dir.resolve("t10k-images-idx3-ubyte"), dir.resolve("t10k-labels-idx1-ubyte"), 3, 4, 5, false);
        Dataset train = Datasets.open(DatasetKind.MNIST, dir, Split.TRAIN, 0, 1);
        assertThat(train.size()).isEqualTo(12);
        LabelledImage third = train.get(2);
        assertThat(third.label()).isEqualTo(2);
        assertThat(third.image().height()).isEqualTo(28);
        assertThat(third.image().data()[0]).isEqualTo(((2 * 784) % 256) / 255f);
        Dataset test = Datasets.open(DatasetKind.MNIST, dir, Split.TEST, 0, 1);
        assertThat(test.size()).isEqualTo(3);
        assertThat(test.get(0).image().width()).isEqualTo(5);
    }

    @Test
    void truncatedOrForeignIdxFilesFailWithTheirName() throws Exception {
        Files.write(
                dir.resolve("train-images-idx3-ubyte"), new byte[] {0, 0, 8, 3, 0, 0, 0, 9, 0, 0, 0, 2, 0, 0, 0, 2});
        Files.write(dir.resolve("train-labels-idx1-ubyte"), new byte[] {0, 0, 8, 1, 0, 0, 0, 9});
        assertThatThrownBy(() -> Datasets.open(DatasetKind.MNIST, dir, Split.TRAIN, 0, 1))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> Datasets.open(DatasetKind.MNIST, null, Split.TRAIN, 0, 1))
                .hasMessageContaining("--dataset-path");
    }

    @Test
    void readsCifar10And100Records() throws Exception {
        byte[] ten = new byte[2 * 3073];
        ten[0] = 7;
        ten[1] = (byte) 255; // first red pixel of record 0
        ten[3073] = 3;
        ten[3073 + 1 + 2048] = (byte) 128; // first blue pixel of record 1
        Files.write(dir.resolve("data_batch_1.bin"), ten);
        Dataset c10 = Datasets.open(DatasetKind.CIFAR10, dir, Split.TRAIN, 0, 1);
        assertThat(c10.size()).isEqualTo(2);
        assertThat(c10.get(0).label()).isEqualTo(7);
        assertThat(c10.get(0).image().data()[0]).isEqualTo(1f);
        assertThat(c10.get(1).label()).isEqualTo(3);
        assertThat(c10.get(1).image().data()[2048]).isEqualTo(128 / 255f);

        byte[] hundred = new byte[3074];
        hundred[0] = 4; // coarse
        hundred[1] = 42; // fine
        Files.write(dir.resolve("test.bin"), hundred);
        assertThat(Datasets.open(DatasetKind.CIFAR100, dir, Split.TEST, 0, 1)
                        .get(0)
                        .label())
                .isEqualTo(42);

        Files.write(dir.resolve("test_batch.bin"), new byte[100]);
        assertThatThrownBy(() -> Datasets.open(DatasetKind.CIFAR10, dir, Split.TEST, 0, 1))
                .hasMessageContaining("not a multiple of 3073");
    }

    @Test
    void readsAnImageFolderWithLabelsInFolderOrder() throws Exception {
        for (String cls : new String[] {"dog", "cat"}) {
            Files.createDirectories(dir.resolve(cls));
            for (int i = 0; i < 2; i++) {
                Files.write(
                        dir.resolve(cls).resolve(i + ".png"),
                        ImageCodec.encode(PixelImage.blank(3, 10, 12), ImageFormat.PNG));
            }
        }
        Files.writeString(dir.resolve("cat").resolve("notes.txt"), "ignored");
        ImageFolderDataset ds = ImageFolderDataset.open(dir);
        assertThat(ds.size()).isEqualTo(4);
        assertThat(ds.classes()).containsExactly("cat", "dog");
        assertThat(ds.get(0).label()).isZero();
        assertThat(ds.get(3).label()).isEqualTo(1);
        assertThat(ds.get(3).image().width()).isEqualTo(12);
    }

    @Test
    void syntheticSetIsDeterministicBalancedAndVaried() {
        SyntheticDataset a = new SyntheticDataset(100, 32, 5);
        SyntheticDataset b = new SyntheticDataset(100, 32, 5);
        assertThat(a.get(17).image().data()).containsExactly(b.get(17).image().data());
        Set<Integer> labels = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            labels.add(a.get(i).label());
        }
        assertThat(labels).hasSize(SyntheticDataset.CLASSES);
        assertThat(a.get(0).image().data()).isNotEqualTo(a.get(10).image().data());
    }

    @Test
    void autoPicksFashionMnistWhenInstalled() {
        ExternalTools.requireFile(Path.of("/usr/share/datasets/fashion-mnist"), "dataset-fashion-mnist");
        Dataset ds = Datasets.open(DatasetKind.AUTO, null, Split.TEST, 10, 1);
        assertThat(ds.size()).isEqualTo(10_000);
        assertThat(ds.name()).startsWith("fashion-mnist test");
        assertThat(ds.get(0).label()).isBetween(0, 9);
    }
}
