package io.contrastream.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import io.contrastream.image.PixelImage;
import io.contrastream.wire.RejectReason;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageCodecTest {

    static PixelImage gradient(int channels, int h, int w) {
        float[] d = new float[channels * h * w];
        for (int i = 0; i < d.length; i++) {
            d[i] = (i % (h * w)) / (float) (h * w) * (0.5f + 0.25f * (i / (h * w)));
        }
        return new PixelImage(channels, h, w, d);
    }

    @Test
    void pngRoundTripIsLosslessToEightBits() throws Exception {
        for (int channels : new int[] {1, 3}) {
            PixelImage img = gradient(channels, 28, 20);
            PixelImage back = ImageCodec.decode(ImageCodec.encode(img, ImageFormat.PNG), ImageLimits.DEFAULT);
            assertThat(back.channels()).isEqualTo(channels);
            assertThat(back.height()).isEqualTo(28);
            assertThat(back.width()).isEqualTo(20);
            for (int i = 0; i < img.data().length; i++) {
                assertThat(back.data()[i]).isCloseTo(img.data()[i], within(0.5f / 255 + 1e-6f));
            }
        }
    }

    @Test
    void jpegDecodesToTheSameSize() throws Exception {
        PixelImage back =
                ImageCodec.decode(ImageCodec.encode(gradient(3, 32, 32), ImageFormat.JPEG), ImageLimits.DEFAULT);
        assertThat(back.height()).isEqualTo(32);
        assertThat(back.channels()).isEqualTo(3);
    }

    @Test
    void truncatedImagesAreCorrupt() {
        byte[] png = ImageCodec.encode(gradient(1, 64, 64), ImageFormat.PNG);
        assertReject(Arrays.copyOf(png, png.length / 2), RejectReason.CORRUPT_IMAGE);
        byte[] jpeg = ImageCodec.encode(gradient(3, 64, 64), ImageFormat.JPEG);
        assertReject(Arrays.copyOf(jpeg, jpeg.length / 2), RejectReason.CORRUPT_IMAGE);
    }

    @Test
    void flippedBytesInsidePixelDataAreCorrupt() {
        byte[] png = ImageCodec.encode(gradient(1, 64, 64), ImageFormat.PNG);
        for (int i = 60; i < png.length - 20; i++) {
            png[i] ^= 0x5a;
        }
        assertReject(png, RejectReason.CORRUPT_IMAGE);
    }

    @Test
    void absurdDimensionsAreRefusedFromTheHeaderAlone() {
        // A valid PNG signature and IHDR claiming 60000 x 60000, and no pixel data at all.
        byte[] png = TestImageBytes.pngHeaderOnly(60_000, 60_000);
        ImageDecodeException e = assertReject(png, RejectReason.ABSURD_DIMENSIONS);
        assertThat(e.getMessage()).contains("60000x60000");
    }

    @Test
    void otherFormatsAndGarbageAreRefused() throws Exception {
        ByteArrayOutputStream gif = new ByteArrayOutputStream();
        ImageIO.write(gradient(3, 8, 8).toBufferedImage(), "gif", gif);
        assertReject(gif.toByteArray(), RejectReason.UNSUPPORTED_IMAGE_FORMAT);
        assertReject("definitely not an image".getBytes(), RejectReason.UNSUPPORTED_IMAGE_FORMAT);
        assertReject(new byte[0], RejectReason.CORRUPT_IMAGE);
    }

    @Test
    void oversizedEncodingsAreRefusedBeforeParsing() {
        byte[] png = ImageCodec.encode(gradient(1, 64, 64), ImageFormat.PNG);
        ImageDecodeException e = catchThrowableOfType(
                ImageDecodeException.class, () -> ImageCodec.decode(png, new ImageLimits(png.length - 1, 4096)));
        assertThat(e.reason()).isEqualTo(RejectReason.IMAGE_TOO_LARGE);
    }

    @Test
    void thePixelBudgetIsCheckedFromTheHeader() {
        byte[] png = ImageCodec.encode(gradient(1, 64, 64), ImageFormat.PNG);
        ImageDecodeException e = catchThrowableOfType(
                ImageDecodeException.class, () -> ImageCodec.decode(png, new ImageLimits(1 << 20, 4096, 64 * 64 - 1)));
        assertThat(e.reason()).isEqualTo(RejectReason.ABSURD_DIMENSIONS);
        assertThat(e.getMessage()).contains("64x64 = 4096 pixels; the budget is 4095");
    }

    @Test
    void resizeAndChannelConversionKeepContent() {
        PixelImage flat = new PixelImage(1, 4, 4, filled(16, 0.25f));
        PixelImage big = flat.resize(9, 7).withChannels(3);
        assertThat(big.channels()).isEqualTo(3);
        assertThat(big.data()).containsOnly(0.25f);
        assertThat(big.withChannels(1).data()).containsOnly(new float[] {0.25f}, within(1e-6f));
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        Arrays.fill(a, v);
        return a;
    }

    private static ImageDecodeException assertReject(byte[] bytes, RejectReason reason) {
        ImageDecodeException e =
                catchThrowableOfType(ImageDecodeException.class, () -> ImageCodec.decode(bytes, ImageLimits.DEFAULT));
        assertThat(e).as("expected a rejection").isNotNull();
        assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
        return e;
    }
}
