package io.contrastream.producer.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.contrastream.codec.ImageCodec;
import io.contrastream.codec.ImageFormat;
import io.contrastream.codec.ImageLimits;
import io.contrastream.image.PixelImage;
import io.contrastream.producer.augment.AugmentSettings;
import io.contrastream.producer.augment.Augmenter;
import io.contrastream.producer.dataset.SyntheticDataset;
import io.contrastream.wire.ProbeRole;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProbeSourceTest {

    static List<ProbeSource.Keyed> all(ProbeSource source) {
        List<ProbeSource.Keyed> out = new ArrayList<>();
        source.forEachRemaining(out::add);
        return out;
    }

    static ProbeSource source(SyntheticDataset heldOut, long seed) {
        return new ProbeSource(
                new SyntheticDataset(50, 32, 1),
                "train",
                heldOut,
                "test",
                20,
                10,
                new Augmenter(AugmentSettings.DEFAULT),
                ImageFormat.PNG,
                16,
                seed);
    }

    @Test
    void referencesFromTrainingQueriesFromTheHeldOutSplitCleanAndResized() throws Exception {
        SyntheticDataset test = new SyntheticDataset(30, 32, 2);
        List<ProbeSource.Keyed> records = all(source(test, 5));
        assertThat(records).hasSize(30);
        List<ProbeSource.Keyed> refs = records.stream()
                .filter(k -> k.probe().role() == ProbeRole.REFERENCE)
                .toList();
        List<ProbeSource.Keyed> queries = records.stream()
                .filter(k -> k.probe().role() == ProbeRole.QUERY)
                .toList();
        assertThat(refs).hasSize(20).allSatisfy(k -> {
            assertThat(k.id()).startsWith("reference-train-");
            assertThat(k.probe().views()).isEmpty();
        });
        assertThat(queries).hasSize(10).allSatisfy(k -> {
            assertThat(k.id()).startsWith("query-test-");
            assertThat(k.probe().views()).hasSize(2);
        });
        // The clean image is the whole source image, only resized: not a crop, no jitter.
        ProbeSource.Keyed q = queries.get(0);
        int index = Integer.parseInt(q.id().substring("query-test-".length()));
        PixelImage expected = test.get(index).image().resize(16, 16);
        PixelImage clean = ImageCodec.decode(q.probe().image(), ImageLimits.DEFAULT);
        assertThat(clean.height()).isEqualTo(16);
        float worst = 0;
        for (int i = 0; i < expected.data().length; i++) {
            worst = Math.max(worst, Math.abs(expected.data()[i] - clean.data()[i]));
        }
        assertThat(worst).as("PNG keeps 8 bits").isLessThanOrEqualTo(1 / 255f + 1e-6f);
        assertThat(q.probe().label()).isEqualTo(test.get(index).label());
    }

    @Test
    void theSameSeedPicksTheSameImagesAndAFolderGivesDisjointQueries() {
        List<String> a = all(source(new SyntheticDataset(30, 32, 2), 5)).stream()
                .map(ProbeSource.Keyed::id)
                .toList();
        List<String> b = all(source(new SyntheticDataset(30, 32, 2), 5)).stream()
                .map(ProbeSource.Keyed::id)
                .toList();
        assertThat(a).isEqualTo(b);

        List<ProbeSource.Keyed> oneSplit = all(source(null, 5));
        Set<String> images = new HashSet<>();
        for (ProbeSource.Keyed k : oneSplit) {
            images.add(k.id().substring(k.id().lastIndexOf('-') + 1));
        }
        assertThat(oneSplit).hasSize(30);
        assertThat(images).as("references and queries are different images").hasSize(30);
    }
}
