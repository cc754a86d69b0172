package io.contrastream.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.contrastream.image.PixelImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PlainPngTest {

    /** What ImageIO makes of the bytes: the reference the direct path must equal exactly. */
    static PixelImage imageIo(byte[] png) throws IOException {
        return PixelImage.fromBufferedImage(ImageIO.read(new ByteArrayInputStream(png)));
    }

    static void assertSame(PixelImage a, PixelImage b) {
        assertThat(a.channels()).isEqualTo(b.channels());
        assertThat(a.height()).isEqualTo(b.height());
        assertThat(a.width()).isEqualTo(b.width());
        assertThat(a.data()).containsExactly(b.data());
    }

    static PixelImage random(Random rng, int channels, int h, int w, boolean smooth) {
        float[] d = new float[channels * h * w];
        for (int i = 0; i < d.length; i++) {
            d[i] = smooth ? ((i % w) + (i / w) % h) / (float) (w + h) : rng.nextInt(256) / 255f;
        }
        return new PixelImage(channels, h, w, d);
    }

    @Test
    void whatTheProducerWritesDecodesExactlyAsImageIoDecodesIt() throws Exception {
        Random rng = new Random(1);
        for (int trial = 0; trial < 200; trial++) {
            int channels = trial % 2 == 0 ? 1 : 3;
            PixelImage image = random(rng, channels, 1 + rng.nextInt(40), 1 + rng.nextInt(40), trial % 3 == 0);
            byte[] png = ImageCodec.encode(image, ImageFormat.PNG);
            PixelImage direct = PlainPng.decode(png, ImageLimits.DEFAULT);
            assertThat(direct).as("trial %d is a plain PNG", trial).isNotNull();
            assertSame(direct, imageIo(png));
        }
    }

    @Test
    void everyRowFilterIsReversedLikeImageIoDoes() throws Exception {
        Random rng = new Random(2);
        for (int channels : new int[] {1, 3}) {
            for (int filter = 0; filter <= 4; filter++) {
                byte[] png = png(channels, 9, 7, rng, filter, List.of());
                PixelImage direct = PlainPng.decode(png, ImageLimits.DEFAULT);
                assertThat(direct)
                        .as("filter %d, %d channels", filter, channels)
                        .isNotNull();
                assertSame(direct, imageIo(png));
            }
            byte[] mixed = png(channels, 12, 5, rng, -1, List.of()); // a different filter per row
            assertSame(PlainPng.decode(mixed, ImageLimits.DEFAULT), imageIo(mixed));
        }
    }

    @Test
    void anythingElseIsLeftToImageIo() throws Exception {
        Random rng = new Random(3);
        byte[] gamma = png(1, 8, 8, rng, 0, List.of(chunk("gAMA", new byte[] {0, 0, (byte) 0xb1, (byte) 0x8f})));
        assertThat(PlainPng.decode(gamma, ImageLimits.DEFAULT)).as("gamma").isNull();
        assertThat(ImageCodec.decode(gamma, ImageLimits.DEFAULT).height()).isEqualTo(8);

        byte[] text = png(1, 8, 8, rng, 0, List.of(chunk("tEXt", "Comment\0hi".getBytes(StandardCharsets.ISO_8859_1))));
        assertThat(PlainPng.decode(text, ImageLimits.DEFAULT))
                .as("a comment changes no pixel")
                .isNotNull();

        byte[] good = png(3, 8, 8, rng, 2, List.of());
        byte[] badCrc = good.clone();
        badCrc[badCrc.length - 20] ^= 1;
        assertThat(PlainPng.decode(badCrc, ImageLimits.DEFAULT)).as("bad CRC").isNull();
        assertThat(PlainPng.decode(Arrays.copyOf(good, good.length - 13), ImageLimits.DEFAULT))
                .as("no IEND")
                .isNull();
        assertThat(PlainPng.decode(good, new ImageLimits(1 << 20, 7)))
                .as("over the side limit")
                .isNull();

        byte[] sixteenBit = good.clone();
        sixteenBit[24] = 16; // IHDR bit depth; its CRC no longer matches either way
        assertThat(PlainPng.decode(sixteenBit, ImageLimits.DEFAULT)).isNull();
        assertThat(PlainPng.decode(
                        ImageCodec.encode(random(rng, 3, 8, 8, false), ImageFormat.JPEG), ImageLimits.DEFAULT))
                .as("JPEG")
                .isNull();
    }

    @Test
    void moreOrLessPixelDataThanTheHeaderClaimsIsLeftToImageIo() throws Exception {
        Random rng = new Random(4);
        byte[] longer = png(1, 8, 8, rng, 0, List.of(), 1);
        byte[] shorter = png(1, 8, 8, rng, 0, List.of(), -1);
        assertThat(PlainPng.decode(longer, ImageLimits.DEFAULT)).isNull();
        assertThat(PlainPng.decode(shorter, ImageLimits.DEFAULT)).isNull();
    }

    // --- a minimal PNG writer with a chosen filter per row ---

    static byte[] png(int channels, int h, int w, Random rng, int filter, List<byte[]> extraChunks) throws IOException {
        return png(channels, h, w, rng, filter, extraChunks, 0);
    }

    /** @param filter 0-4 for every row, -1 for row y's filter y % 5; @param skew extra (or missing) rows */
    static byte[] png(int channels, int h, int w, Random rng, int filter, List<byte[]> extraChunks, int skew)
            throws IOException {
        int stride = w * channels;
        int rows = h + skew;
        byte[] pixels = new byte[Math.max(rows, 0) * stride];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i % 7 == 0 ? rng.nextInt(256) : (i * 13) % 256);
        }
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        for (int y = 0; y < rows; y++) {
            int f = filter >= 0 ? filter : y % 5;
            raw.write(f);
            for (int i = 0; i < stride; i++) {
                int x = pixels[y * stride + i] & 0xff;
                int a = i >= channels ? pixels[y * stride + i - channels] & 0xff : 0;
                int b = y > 0 ? pixels[(y - 1) * stride + i] & 0xff : 0;
                int c = i >= channels && y > 0 ? pixels[(y - 1) * stride + i - channels] & 0xff : 0;
                int predictor = switch (f) {
                    case 0 -> 0;
                    case 1 -> a;
                    case 2 -> b;
                    case 3 -> (a + b) >> 1;
                    default -> paeth(a, b, c);
                };
                raw.write((x - predictor) & 0xff);
            }
        }
        Deflater deflater = new Deflater();
        deflater.setInput(raw.toByteArray());
        deflater.finish();
        byte[] buf = new byte[raw.size() * 2 + 64];
        int n = deflater.deflate(buf);
        deflater.end();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        byte[] ihdr = new byte[13];
        writeInt(ihdr, 0, w);
        writeInt(ihdr, 4, h);
        ihdr[8] = 8;
        ihdr[9] = (byte) (channels == 1 ? 0 : 2);
        out.write(chunk("IHDR", ihdr));
        for (byte[] c : extraChunks) {
            out.write(c);
        }
        out.write(chunk("IDAT", Arrays.copyOf(buf, n)));
        out.write(chunk("IEND", new byte[0]));
        return out.toByteArray();
    }

    static int paeth(int a, int b, int c) {
        int p = a + b - c;
        int pa = Math.abs(p - a);
        int pb = Math.abs(p - b);
        int pc = Math.abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    static byte[] chunk(String type, byte[] data) {
        byte[] out = new byte[12 + data.length];
        writeInt(out, 0, data.length);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(t, 0, out, 4, 4);
        System.arraycopy(data, 0, out, 8, data.length);
        CRC32 crc = new CRC32();
        crc.update(out, 4, 4 + data.length);
        writeInt(out, 8 + data.length, (int) crc.getValue());
        return out;
    }

    static void writeInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
