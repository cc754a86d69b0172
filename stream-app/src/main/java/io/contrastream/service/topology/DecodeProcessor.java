package io.contrastream.service.topology;

import io.contrastream.service.input.DecodedPair;
import io.contrastream.service.input.PairDecoder;
import io.contrastream.service.input.SourceRecord;
import io.contrastream.service.session.TrainingSession;
import io.contrastream.wire.ImagePair;
import io.contrastream.wire.RejectReason;
import io.contrastream.wire.WireFormatException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates and decodes each input record. A good pair goes on to training; a bad one goes, with
 * its original key and value and the reason in its headers, to the dead-letter topic, is counted,
 * and is logged as one line (no stack trace: bad input is expected, not a bug). A decoder that
 * throws anything else on some input sends that record to the dead-letter topic too
 * ({@code processing_error}), with the stack trace logged: that one is a bug.
 */
final class DecodeProcessor extends ContextualProcessor<byte[], byte[], Object, Object> {

    private static final Logger log = LoggerFactory.getLogger(DecodeProcessor.class);

    private final PairDecoder decoder;
    private final RecordLimits limits;
    private final TrainingSession session;
    private final StreamStages stages;
    private final RejectionLog rejections = new RejectionLog(log);

    DecodeProcessor(PairDecoder decoder, RecordLimits limits, TrainingSession session, StreamStages stages) {
        this.decoder = decoder;
        this.limits = limits;
        this.session = session;
        this.stages = stages;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        session.recordConsumed();
        stages.recordRead();
        RecordMetadata meta = context().recordMetadata().orElse(null);
        DecodedPair pair;
        try {
            pair = decode(record, meta);
        } catch (WireFormatException e) {
            deadLetter(record, meta, e.reason(), e.getMessage());
            return;
        } catch (RuntimeException e) {
            log.error("decoding record {} threw; it goes to the dead-letter topic", where(meta), e);
            session.processingError("decode");
            deadLetter(record, meta, RejectReason.PROCESSING_ERROR, "decoding failed: " + e);
            return;
        }
        context().forward(record.withKey(pair.id()).withValue(pair), ContrastiveTopology.TRAIN);
    }

    private DecodedPair decode(Record<byte[], byte[]> record, RecordMetadata meta) throws WireFormatException {
        byte[] key = record.key();
        if (key != null && key.length > limits.maxKeyBytes()) {
            throw new WireFormatException(
                    RejectReason.KEY_TOO_LONG,
                    "key of " + key.length + " bytes exceeds the limit of " + limits.maxKeyBytes());
        }
        String id = key != null ? new String(key, StandardCharsets.UTF_8) : meta == null ? "unkeyed" : where(meta);
        long start = System.nanoTime();
        ImagePair parsed = decoder.parse(record.value());
        long parsedAt = System.nanoTime();
        stages.add(StreamStages.Stage.PARSE, parsedAt - start);
        DecodedPair pair = decoder.decode(id, parsed);
        stages.add(StreamStages.Stage.DECODE, System.nanoTime() - parsedAt);
        return meta == null
                ? pair
                : pair.from(new SourceRecord(
                        new TopicPartition(meta.topic(), meta.partition()),
                        meta.offset(),
                        record.timestamp(),
                        key,
                        record.value(),
                        record.headers()));
    }

    private void deadLetter(Record<byte[], byte[]> record, RecordMetadata meta, RejectReason reason, String message) {
        context()
                .forward(
                        DeadLetters.copyOf(
                                record.key(),
                                record.value(),
                                record.timestamp(),
                                record.headers(),
                                meta == null ? null : meta.topic(),
                                meta == null ? -1 : meta.partition(),
                                meta == null ? -1 : meta.offset(),
                                reason,
                                message,
                                limits),
                        ContrastiveTopology.DEAD_LETTER_SINK);
        session.deadLettered(reason);
        rejections.log(record.key() == null ? where(meta) : abbreviatedKey(record.key()), reason, message);
    }

    private static String where(RecordMetadata meta) {
        return meta == null ? "unkeyed" : meta.topic() + "-" + meta.partition() + "@" + meta.offset();
    }

    private static String abbreviatedKey(byte[] key) {
        String k = new String(key, 0, Math.min(key.length, 64), StandardCharsets.UTF_8);
        return key.length > 64 ? k + "..." : k;
    }
}
