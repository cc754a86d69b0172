package io.contrastream.service.topology;

import io.contrastream.service.session.DecodedPair;
import io.contrastream.service.session.TrainingSession;
import io.contrastream.wire.DriftEvent;
import io.contrastream.wire.MetricsRecordCodec;
import io.contrastream.wire.MetricsTopicRecords;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Hands decoded pairs to the instance's training session and publishes its reports and drift
 * events. After a
 * checkpoint it asks Kafka Streams to commit, so committed offsets never run ahead of the saved
 * model: a restart replays exactly the pairs the newest checkpoint has not learned from.
 */
final class TrainProcessor extends ContextualProcessor<String, DecodedPair, String, byte[]> {

    private final TrainingSession session;

    TrainProcessor(TrainingSession session) {
        this.session = session;
    }

    @Override
    public void process(Record<String, DecodedPair> record) {
        TrainingSession.Outcome outcome = session.accept(record.value());
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
}
