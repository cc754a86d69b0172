package io.contrastream.encoder;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.contrastream.image.PixelImage;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An encoder exported by the service ({@code contrastream export}), loaded with DJL alone:
 *
 * <pre>{@code
 * try (ExportedEncoder encoder = ExportedEncoder.load(Path.of("export/contrastream-v1200"))) {
 *     float[] embedding = encoder.embed(PixelImage.fromBufferedImage(ImageIO.read(file)));
 * }
 * }</pre>
 *
 * Images are prepared exactly as the service prepares them (channels, bilinear resize), so an
 * image embeds to the same vector here as in the service at the exported step.
 */
public final class ExportedEncoder implements AutoCloseable {

    private final ExportManifest manifest;
    private final NDManager manager;
    private final Block block;
    private final ParameterStore store;

    private ExportedEncoder(ExportManifest manifest, NDManager manager, Block block) {
        this.manifest = manifest;
        this.manager = manager;
        this.block = block;
        this.store = new ParameterStore(manager, false);
    }

    public static ExportedEncoder load(Path dir) throws IOException {
        return load(dir, Device.cpu());
    }

    public static ExportedEncoder load(Path dir, Device device) throws IOException {
        ExportManifest manifest = ExportManifest.read(dir);
        EncoderSpec spec = manifest.spec();
        NDManager manager = NDManager.newBaseManager(device, "PyTorch");
        Block block = Encoders.residualCnn(spec);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(dir.resolve(ExportManifest.PARAMETERS)))) {
            block.loadParameters(manager, new DataInputStream(in));
        } catch (MalformedModelException e) {
            manager.close();
            throw new IOException("parameters do not fit the manifest's architecture: " + e.getMessage(), e);
        }
        block.initialize(manager, DataType.FLOAT32, spec.inputShape(1));
        block.getParameters().values().forEach(p -> p.freeze(true));
        return new ExportedEncoder(manifest, manager, block);
    }

    public ExportManifest manifest() {
        return manifest;
    }

    /** Embeds one image, prepared as the service prepares it ({@link EncoderSpec#prepare}). */
    public float[] embed(PixelImage image) {
        return embed(manifest.spec().prepare(image), 1);
    }

    /** Embeds prepared images, (count, C, H, W) floats in [0, 1]; count x dim floats back. */
    public float[] embed(float[] pixels, int count) {
        try (NDManager scope = manager.newSubManager()) {
            return block.forward(store, new NDList(Encoders.input(scope, pixels, count, manifest.spec())), false)
                    .singletonOrThrow()
                    .toFloatArray();
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
