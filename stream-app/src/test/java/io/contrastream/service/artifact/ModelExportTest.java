package io.contrastream.service.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.contrastream.codec.ImageCodec;
import io.contrastream.codec.ImageLimits;
import io.contrastream.encoder.EncoderSpec;
import io.contrastream.encoder.ExportManifest;
import io.contrastream.encoder.ExportedEncoder;
import io.contrastream.service.input.PairDecoder;
import io.contrastream.service.serving.ServingEncoder;
import io.contrastream.service.topology.TestPairs;
import io.contrastream.service.training.OnlineTrainer;
import io.contrastream.service.training.TestImages;
import io.contrastream.service.training.TestTrainers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelExportTest {

    static final EncoderSpec SPEC = TestTrainers.SPEC;

    @TempDir
    Path dir;

    @Test
    void anExportedModelEmbedsAnImageAsTheServiceDoes() throws Exception {
        try (OnlineTrainer trainer = OnlineTrainer.create(TestTrainers.small(64, 3e-3));
                ServingEncoder serving = new ServingEncoder(SPEC, trainer.device())) {
            Random rng = new Random(1);
            for (int i = 0; i < 4; i++) {
                trainer.step(TestImages.batch(rng, 8, 4, SPEC));
            }
            serving.refreshFrom(trainer);
            Path exported = ModelExporter.export(trainer, "m", dir);
            assertThat(exported.getFileName().toString()).isEqualTo("m-v4");
            assertThat(Files.list(dir).filter(p -> p.getFileName().toString().startsWith(".")))
                    .isEmpty();

            byte[] png =
                    TestPairs.png(TestImages.batch(new Random(2), 1, 4, SPEC).view1(), SPEC);
            float[] service = serving.embed(new PairDecoder(SPEC, ImageLimits.DEFAULT).image(png), 1)
                    .embeddings();
            try (ExportedEncoder loaded = ExportedEncoder.load(exported)) {
                ExportManifest m = loaded.manifest();
                assertThat(m.step()).isEqualTo(4);
                assertThat(m.spec()).isEqualTo(SPEC);
                assertThat(m.loss()).isEqualTo("contrastive-0.2");
                float[] embedded = loaded.embed(ImageCodec.decode(png, ImageLimits.DEFAULT));
                assertThat(embedded).containsExactly(service, within(1e-5f));
            }
        }
    }
}
