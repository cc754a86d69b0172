package io.contrastream.service.topology;

import io.contrastream.service.input.DecodedPair;
import io.contrastream.service.input.SourceRecord;
import io.contrastream.service.session.TrainingSession;
import io.contrastream.service.training.StepResult;
import io.contrastream.wire.DriftEvent;
import io.contrastream.wire.EmbeddingCodec;
import io.contrastream.wire.EmbeddingFormat;
import io.contrastream.wire.EmbeddingRecord;
import io.contrastream.wire.MetricsRecordCodec;
import io.contrastream.wire.MetricsTopicRecords;
import io.contrastream.wire.RejectReason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands decoded pairs to the instance's training session and publishes what it produces: each
 * trained sample's embedding, the reports and the drift events. A pair the session could not
 * train on (its step threw) goes to the dead-letter topic as {@code processing_error}; so does a
 * pair on which the session itself throws. After each checkpoint, whichever stream thread wrote
 * it, every task asks Kafka Streams to commit. Steps finish on the session's trainer thread; what
 * one leaves is published by the task of the stream thread that settles it, with its next pair, or
 * by a punctuation when no pair comes (the last batch of a burst, a stop).
 * What a crash can then lose or repeat is settled by the checkpoint's input ledger, not by the
 * commit (see {@link io.contrastream.service.checkpoint.InputLedger}).
 */
final class TrainProcessor extends ContextualProcessor<String, DecodedPair, Object, Object> {

    private static final Logger log = LoggerFactory.getLogger(TrainProcessor.class);

    /** How often a finished step is looked for while no pair arrives. */
    static final Duration POLL_INTERVAL = Duration.ofMillis(20);

    private final TrainingSession session;
    private final RecordLimits limits;
    private final EmbeddingFormat embeddingFormat;
    private final StreamStages stages;
    private final RejectionLog rejections = new RejectionLog(log);
    private long checkpointsCommitted;

    /** @param embeddingFormat how embeddings are published, or null to publish none */
    TrainProcessor(TrainingSession session, RecordLimits limits, EmbeddingFormat embeddingFormat, StreamStages stages) {
        this.session = session;
        this.limits = limits;
        this.embeddingFormat = embeddingFormat;
        this.stages = stages;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        super.init(context);
        checkpointsCommitted = session.checkpointsWritten();
        context.schedule(POLL_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> {
            try {
                long start = System.nanoTime();
                TrainingSession.Outcome outcome = session.poll();
                stages.add(StreamStages.Stage.HAND_OFF, System.nanoTime() - start);
                publish(outcome);
            } catch (RuntimeException e) {
                log.error("settling a finished step threw; training goes on", e);
                session.processingError("settle");
            }
        });
    }

    @Override
    public void process(Record<String, DecodedPair> record) {
        TrainingSession.Outcome outcome;
        long start = System.nanoTime();
        try {
            outcome = session.accept(record.value());
            stages.add(StreamStages.Stage.HAND_OFF, System.nanoTime() - start);
        } catch (RuntimeException e) {
            log.error("training on record {} threw; it goes to the dead-letter topic", record.key(), e);
            session.processingError("record");
            deadLetter(record.key(), record.value().source(), "training failed: " + e);
            return;
        }
        publish(outcome);
    }

    private void publish(TrainingSession.Outcome outcome) {
        long start = System.nanoTime();
        forward(outcome);
        stages.add(StreamStages.Stage.PUBLISH, System.nanoTime() - start);
    }

    private void forward(TrainingSession.Outcome outcome) {
        long checkpoints = session.checkpointsWritten();
        if (checkpoints != checkpointsCommitted) {
            checkpointsCommitted = checkpoints;
            context().commit();
        }
        if (outcome.empty()) {
            return;
        }
        for (TrainingSession.Rejected r : outcome.rejected()) {
            deadLetter(r.id(), r.source(), r.message());
        }
        if (embeddingFormat != null && outcome.step() != null) {
            publishEmbeddings(outcome.step(), outcome.stepSources());
        }
        if (outcome.report() != null) {
            context()
                    .forward(
                            new Record<>(
                                    outcome.report().modelId(),
                                    MetricsRecordCodec.encode(outcome.report()),
                                    outcome.report().timestampMs()),
                            ContrastiveTopology.METRICS_SINK);
        }
        for (DriftEvent e : outcome.drifts()) {
            context()
                    .forward(
                            new Record<>(e.modelId(), MetricsTopicRecords.encodeDrift(e), e.timestampMs()),
                            ContrastiveTopology.METRICS_SINK);
        }
    }

    private void deadLetter(String id, SourceRecord source, String message) {
        Record<Object, Object> copy = source != null
                ? DeadLetters.copyOf(
                        source.key(),
                        source.value(),
                        source.timestamp(),
                        source.headers(),
                        source.partition().topic(),
                        source.partition().partition(),
                        source.offset(),
                        RejectReason.PROCESSING_ERROR,
                        message,
                        limits)
                : DeadLetters.copyOf(
                        id == null ? null : id.getBytes(StandardCharsets.UTF_8),
                        null,
                        context().currentSystemTimeMs(),
                        new RecordHeaders(),
                        null,
                        -1,
                        -1,
                        RejectReason.PROCESSING_ERROR,
                        message,
                        limits);
        context().forward(copy, ContrastiveTopology.DEAD_LETTER_SINK);
        session.deadLettered(RejectReason.PROCESSING_ERROR);
        rejections.log(id, RejectReason.PROCESSING_ERROR, message);
    }

    /**
     * One record per trained sample: the query embedding the step computed, no extra pass, with its
     * input record's timestamp.
     */
    private void publishEmbeddings(StepResult step, SourceRecord[] sources) {
        int b = step.batchSize();
        int dim = step.queries().length / b;
        long now = System.currentTimeMillis();
        for (int i = 0; i < b; i++) {
            long timestamp = sources != null && sources[i] != null ? sources[i].timestamp() : now;
            float[] v = Arrays.copyOfRange(step.queries(), i * dim, (i + 1) * dim);
            context()
                    .forward(
                            new Record<>(
                                    step.ids()[i],
                                    EmbeddingCodec.encode(
                                            step.ids()[i],
                                            new EmbeddingRecord(modelId(), step.step() - 1, now, v),
                                            embeddingFormat),
                                    timestamp),
                            ContrastiveTopology.EMBEDDINGS_SINK);
        }
    }

    private String modelId() {
        return session.modelId();
    }
}
