package io.contrastream.producer.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.contrastream.codec.ImageCodec;
import io.contrastream.codec.ImageFormat;
import io.contrastream.codec.ImageLimits;
import io.contrastream.producer.augment.AugmentSettings;
import io.contrastream.producer.augment.Augmenter;
import io.contrastream.producer.dataset.SyntheticDataset;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PairSourceTest {

    @Test
    void eachEpochVisitsEveryImageOnceInAFreshOrder() throws Exception {
        PairSource source = new PairSource(
                new SyntheticDataset(20, 32, 1), new Augmenter(AugmentSettings.DEFAULT), ImageFormat.PNG, "train-", 3);
        Set<String> first = new HashSet<>();
        StringBuilder order1 = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            PairSource.Keyed k = source.next();
            first.add(k.id());
            order1.append(k.id()).append(',');
            assertThat(ImageCodec.decode(k.pair().view1(), ImageLimits.DEFAULT).height())
                    .isEqualTo(32);
            assertThat(k.pair().label()).isBetween(0, 9);
        }
        assertThat(first).hasSize(20);
        assertThat(source.epoch()).isEqualTo(1);
        StringBuilder order2 = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            order2.append(source.next().id()).append(',');
        }
        assertThat(source.epoch()).isEqualTo(2);
        assertThat(order2.toString()).isNotEqualTo(order1.toString());
    }

    @Test
    void planTotalsCombineEpochsAndLimit() {
        assertThat(new PublishPlan(2, 0, 0).total(100)).isEqualTo(200);
        assertThat(new PublishPlan(2, 50, 0).total(100)).isEqualTo(50);
        assertThat(new PublishPlan(0, 50, 0).total(100)).isEqualTo(50);
        assertThat(new PublishPlan(0, 0, 0).total(100)).isZero();
    }

    @Test
    void progressLineShowsCountRateAndEta() {
        ProgressBar bar = new ProgressBar(System.out, "produce", 100, false);
        String line = bar.render(50, System.nanoTime() + 5_000_000_000L, "epoch 1/1");
        assertThat(line)
                .startsWith("produce [###############---------------] 50/100 ETA")
                .contains("pairs/s", "epoch 1/1");
    }
}
