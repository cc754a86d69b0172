package io.contrastream.launcher;

import io.contrastream.config.ConfigException;
import io.contrastream.config.Setting;
import io.contrastream.config.Settings;
import io.contrastream.service.ServiceConfig;
import io.contrastream.service.artifact.ModelExporter;
import io.contrastream.service.checkpoint.CheckpointStore;
import io.contrastream.service.training.OnlineTrainer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** {@code contrastream export}: the newest checkpoint as a model a DJL program can load. */
final class ExportCommand implements Command {

    @Override
    public String name() {
        return "export";
    }

    @Override
    public String summary() {
        return "Exports the encoder of the newest checkpoint in --checkpoint-dir into --export-dir as"
                + " <model-id>-v<step>/ (manifest.json and encoder.params), loadable with DJL alone"
                + " (io.contrastream.encoder.ExportedEncoder). Takes the service's options, of which the"
                + " architecture and bank must be the checkpoint's.";
    }

    @Override
    public List<Setting> settings() {
        // The service's options: the architecture and bank must match the checkpoint's.
        return ServiceConfig.SETTINGS;
    }

    @Override
    public int run(Settings s, Shutdown shutdown) throws Exception {
        ServiceConfig config = ServiceConfig.from(s);
        if (config.checkpointDir() == null || config.session().exportDir() == null) {
            throw new ConfigException("export needs --checkpoint-dir and --export-dir");
        }
        CheckpointStore store = new CheckpointStore(config.checkpointDir(), config.modelFingerprint(), 1);
        Optional<CheckpointStore.Checkpoint> latest = store.latest();
        if (latest.isEmpty()) {
            throw new ConfigException("no checkpoint in " + config.checkpointDir());
        }
        try (OnlineTrainer trainer =
                OnlineTrainer.restore(config.trainer(), latest.get().payload())) {
            Path dir = ModelExporter.export(
                    trainer, config.session().modelId(), config.session().exportDir());
            System.out.println("exported step " + trainer.step() + " of "
                    + latest.get().file().getFileName() + " to " + dir);
        }
        return 0;
    }
}
