package io.contrastream.producer.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.contrastream.image.PixelImage;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AugmenterTest {

    static PixelImage ramp(int channels, int side) {
        float[] d = new float[channels * side * side];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    d[c * side * side + y * side + x] = x / (float) (side - 1);
                }
            }
        }
        return new PixelImage(channels, side, side, d);
    }

    @Test
    void sameSeedSameView_otherSeedOtherView() {
        Augmenter aug = new Augmenter(AugmentSettings.DEFAULT);
        PixelImage src = ramp(3, 32);
        PixelImage a = aug.view(src, new SplittableRandom(9));
        PixelImage b = aug.view(src, new SplittableRandom(9));
        PixelImage c = aug.view(src, new SplittableRandom(10));
        assertThat(a.data()).containsExactly(b.data());
        assertThat(a.data()).isNotEqualTo(c.data());
        for (float v : a.data()) {
            assertThat(v).isBetween(0f, 1f);
        }
    }

    @Test
    void resizesToTheRequestedOutput() {
        AugmentSettings s = new AugmentSettings(16, 0.2, 1.0, 0.5, 0.8, 0.4, 0.4, 0.4, 0.1, 0.2, 0.5);
        PixelImage v = new Augmenter(s).view(ramp(1, 28), new SplittableRandom(1));
        assertThat(v.height()).isEqualTo(16);
        assertThat(v.width()).isEqualTo(16);
        assertThat(v.channels()).isEqualTo(1);
    }

    @Test
    void fullCropWithAlwaysFlipMirrorsTheImage() {
        AugmentSettings s = new AugmentSettings(0, 1.0, 1.0, 1.0, 0, 0, 0, 0, 0, 0, 0);
        PixelImage src = ramp(1, 8);
        // Scale 1 and aspect != 1 cannot fit, so the crop falls back to the whole (square) image.
        PixelImage v = new Augmenter(s).view(src, new SplittableRandom(3));
        for (int x = 0; x < 8; x++) {
            assertThat(v.data()[x]).isCloseTo(src.data()[7 - x], within(1e-5f));
        }
    }

    @Test
    void blurKeepsAConstantImageConstantAndSmoothsAnEdge() {
        PixelImage flat = new PixelImage(1, 6, 6, filled(36, 0.5f));
        assertThat(Augmenter.blur(flat, 1.0).data()).containsOnly(new float[] {0.5f}, within(1e-6f));
        float[] edge = new float[64];
        for (int y = 0; y < 8; y++) {
            for (int x = 4; x < 8; x++) {
                edge[y * 8 + x] = 1f;
            }
        }
        PixelImage b = Augmenter.blur(new PixelImage(1, 8, 8, edge), 1.0);
        assertThat(b.data()[3]).isBetween(0.1f, 0.5f);
        assertThat(b.data()[4]).isBetween(0.5f, 0.9f);
    }

    static float[] filled(int n, float v) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
