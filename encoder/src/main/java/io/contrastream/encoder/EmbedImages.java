package io.contrastream.encoder;

import ai.djl.util.JsonUtils;
import io.contrastream.image.PixelImage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The example of using an exported encoder with DJL alone: embeds image files and prints one JSON
 * line per file ({@code file}, {@code model_version}, {@code embedding}).
 *
 * <pre>java -cp contrastream-encoder.jar:contrastream-image.jar:&lt;DJL jars&gt; \
 *     io.contrastream.encoder.EmbedImages export/contrastream-v1200 cat.png dog.jpg</pre>
 */
public final class EmbedImages {

    private EmbedImages() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: EmbedImages <exported model dir> <image>...");
            System.exit(2);
        }
        try (ExportedEncoder encoder = ExportedEncoder.load(Path.of(args[0]))) {
            for (int i = 1; i < args.length; i++) {
                BufferedImage image = ImageIO.read(Path.of(args[i]).toFile());
                if (image == null) {
                    System.err.println(args[i] + ": not an image ImageIO can read");
                    System.exit(1);
                }
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("file", args[i]);
                line.put("model_version", encoder.manifest().step());
                line.put("embedding", encoder.embed(PixelImage.fromBufferedImage(image)));
                System.out.println(JsonUtils.GSON.toJson(line));
            }
        }
    }
}
