package io.contrastream.encoder;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code manifest.json} of an exported encoder: what a program needs to rebuild it and feed it.
 * Input: images as floats in [0, 1], channel-major (C, H, W), {@code channels} channels (grey
 * replicated to RGB or RGB reduced to luma with ITU-R 601 weights), resized bilinearly to
 * {@code imageSize}; the encoder scales them to [-1, 1] itself. Output: {@code embeddingDim}
 * floats, unit L2 norm.
 *
 * @param formatVersion of this manifest
 * @param architecture {@code residual-cnn}
 * @param channels input channels
 * @param imageSize input height and width
 * @param width channels of the first residual stage
 * @param embeddingDim output size
 * @param inputPreparation how images become input, in words (see above)
 * @param modelId the model it was exported from
 * @param step training steps of the exported weights (the model version)
 * @param loss the loss it was trained with
 * @param tau the temperature it was trained at
 * @param exportedAtMs when, epoch millis
 */
public record ExportManifest(
        int formatVersion,
        String architecture,
        int channels,
        int imageSize,
        int width,
        int embeddingDim,
        String inputPreparation,
        String modelId,
        long step,
        String loss,
        double tau,
        long exportedAtMs) {

    public static final int FORMAT_VERSION = 1;
    public static final String ARCHITECTURE = "residual-cnn";
    public static final String FILE = "manifest.json";
    public static final String PARAMETERS = "encoder.params";
    public static final String INPUT_PREPARATION =
            "decode; convert to `channels` (grey replicated to RGB, RGB to ITU-R 601 luma); resize bilinearly"
                    + " to image_size x image_size; floats in [0, 1], (C, H, W); the encoder maps them to [-1, 1]";

    /** snake_case JSON, like every other Contrastream document. */
    private static final Gson GSON = new GsonBuilder()
            .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
            .setPrettyPrinting()
            .create();

    public static ExportManifest of(EncoderSpec spec, String modelId, long step, String loss, double tau) {
        return new ExportManifest(
                FORMAT_VERSION,
                ARCHITECTURE,
                spec.channels(),
                spec.imageSize(),
                spec.width(),
                spec.embeddingDim(),
                INPUT_PREPARATION,
                modelId,
                step,
                loss,
                tau,
                System.currentTimeMillis());
    }

    public EncoderSpec spec() {
        return new EncoderSpec(channels, imageSize, width, embeddingDim);
    }

    public void write(Path dir) throws IOException {
        Files.writeString(dir.resolve(FILE), GSON.toJson(this), StandardCharsets.UTF_8);
    }

    public static ExportManifest read(Path dir) throws IOException {
        ExportManifest m = GSON.fromJson(Files.readString(dir.resolve(FILE)), ExportManifest.class);
        if (m == null || m.formatVersion() != FORMAT_VERSION || !ARCHITECTURE.equals(m.architecture())) {
            throw new IOException(
                    dir.resolve(FILE) + " is not a " + ARCHITECTURE + " manifest of format " + FORMAT_VERSION);
        }
        return m;
    }
}
