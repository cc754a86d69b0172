package io.contrastream.service.topology;

import io.contrastream.service.session.DecodedPair;
import io.contrastream.service.session.TrainingSession;
import io.contrastream.service.training.StepResult;
import io.contrastream.wire.DriftEvent;
import io.contrastream.wire.EmbeddingCodec;
import io.contrastream.wire.EmbeddingRecord;
import io.contrastream.wire.MetricsRecordCodec;
import io.contrastream.wire.MetricsTopicRecords;
import java.util.Arrays;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Hands decoded pairs to the instance's training session and publishes what it produces: each
 * trained sample's embedding, the reports and the drift events. After a
 * checkpoint it asks Kafka Streams to commit, so committed offsets never run ahead of the saved
 * model: a restart replays exactly the pairs the newest checkpoint has not learned from.
 */
final class TrainProcessor extends ContextualProcessor<String, DecodedPair, String, byte[]> {

    private final TrainingSession session;
    private final String modelId;
    private final boolean publishEmbeddings;

    TrainProcessor(TrainingSession session, String modelId, boolean publishEmbeddings) {
        this.session = session;
        this.modelId = modelId;
        this.publishEmbeddings = publishEmbeddings;
    }

    @Override
    public void process(Record<String, DecodedPair> record) {
        TrainingSession.Outcome outcome = session.accept(record.value());
        if (publishEmbeddings && outcome.step() != null) {
            publishEmbeddings(outcome.step(), record.timestamp());
        }
        if (outcome.report() != null) {
            context().forward(
                    new Record<>(
                            outcome.report().modelId(),
                            MetricsRecordCodec.encode(outcome.report()),
                            outcome.report().timestampMs()),
                    ContrastiveTopology.METRICS_SINK);
        }
        for (DriftEvent e : outcome.drifts()) {
            context().forward(
                    new Record<>(e.modelId(), MetricsTopicRecords.encodeDrift(e), e.timestampMs()),
                    ContrastiveTopology.METRICS_SINK);
        }
        if (outcome.checkpointed()) {
            context().commit();
        }
    }

    /** One record per trained sample: the query embedding the step computed, no extra pass. */
    private void publishEmbeddings(StepResult step, long timestamp) {
        int b = step.batchSize();
        int dim = step.queries().length / b;
        long now = System.currentTimeMillis();
        for (int i = 0; i < b; i++) {
            float[] v = Arrays.copyOfRange(step.queries(), i * dim, (i + 1) * dim);
            context().forward(
                    new Record<>(step.ids()[i], EmbeddingCodec.encode(new EmbeddingRecord(modelId, step.step() - 1, now, v)),
                            timestamp),
                    ContrastiveTopology.EMBEDDINGS_SINK);
        }
    }
}
