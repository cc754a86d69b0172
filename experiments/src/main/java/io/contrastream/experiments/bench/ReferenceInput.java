package io.contrastream.experiments.bench;

import io.contrastream.service.training.BankKind;
import io.contrastream.service.training.EncoderWeight;
import io.contrastream.service.training.LossKind;
import io.contrastream.service.training.TrainerSettings;
import io.contrastream.service.training.TrainingBatch;
import io.contrastream.wire.Json;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What the PyTorch reference trains on, written to one file: the step's settings, the encoder's
 * initial weights and the bare loop's pre-decoded batches. The layout is described, and read, in
 * {@code bench/pytorch_reference.py}.
 */
final class ReferenceInput {

    static final byte[] MAGIC = "CSBENCH1".getBytes(StandardCharsets.US_ASCII);

    /** The JSON header; field names as the script reads them (snake_case). */
    record Header(
            int batches,
            int batchSize,
            int channels,
            int imageSize,
            int width,
            int embeddingDim,
            double tau,
            int queueSize,
            double keyMomentum,
            String optimizer,
            double learningRate,
            double weightDecay,
            int threads,
            int reportEvery,
            int warmupIntervals,
            String device,
            List<Tensor> parameters) {}

    record Tensor(String name, long[] shape) {}

    private ReferenceInput() {}

    static void write(
            Path file,
            TrainerSettings trainer,
            int reportEvery,
            int threads,
            int warmupIntervals,
            String device,
            List<EncoderWeight> weights,
            List<TrainingBatch> batches)
            throws IOException {
        if (trainer.loss().kind() != LossKind.CONTRASTIVE || trainer.bank() != BankKind.QUEUE) {
            throw new IllegalArgumentException("the PyTorch reference implements the contrastive loss on a queue");
        }
        var spec = trainer.encoder();
        Header header = new Header(
                batches.size(),
                batches.get(0).size(),
                spec.channels(),
                spec.imageSize(),
                spec.width(),
                spec.embeddingDim(),
                trainer.tau(),
                trainer.queueSize(),
                trainer.keyMomentum(),
                trainer.optimizer().name().toLowerCase(Locale.ROOT),
                trainer.learningRate(),
                trainer.weightDecay(),
                threads,
                reportEvery,
                warmupIntervals,
                device,
                weights.stream().map(w -> new Tensor(w.name(), w.shape())).toList());
        byte[] json = Json.MAPPER.writeValueAsBytes(header);
        try (OutputStream raw = Files.newOutputStream(file);
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 20))) {
            out.write(MAGIC);
            out.write(littleEndian(4).putInt(json.length).array());
            out.write(json);
            for (EncoderWeight w : weights) {
                writeFloats(out, w.values());
            }
            for (TrainingBatch b : batches) {
                writeFloats(out, b.view1());
                writeFloats(out, b.view2());
            }
        }
    }

    private static void writeFloats(OutputStream out, float[] values) throws IOException {
        ByteBuffer buf = littleEndian(4 * values.length);
        buf.asFloatBuffer().put(values);
        out.write(buf.array());
    }

    private static ByteBuffer littleEndian(int bytes) {
        return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }
}
