package io.contrastream.service.topology;

import io.contrastream.service.export.ServiceMetrics;
import io.contrastream.wire.DeadLetterHeaders;
import io.contrastream.wire.WireFormatException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates and decodes each input record. A good pair goes on to training; a bad one goes, with
 * its original key and value untouched and the reason in its headers, to the dead-letter topic,
 * is counted, and is logged as one line (no stack trace: bad input is expected, not a bug).
 */
final class DecodeProcessor extends ContextualProcessor<byte[], byte[], Object, Object> {

    private static final Logger log = LoggerFactory.getLogger(DecodeProcessor.class);
    /** Log every rejection up to this many, then one in every {@link #LOG_EVERY}. */
    private static final long LOG_FIRST = 20;
    private static final long LOG_EVERY = 1000;

    private final PairDecoder decoder;
    private final ServiceMetrics metrics;
    private long rejected;

    DecodeProcessor(PairDecoder decoder, ServiceMetrics metrics) {
        this.decoder = decoder;
        this.metrics = metrics;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata meta = context().recordMetadata().orElse(null);
        String id = record.key() != null
                ? new String(record.key(), StandardCharsets.UTF_8)
                : meta == null ? "unkeyed" : meta.topic() + "-" + meta.partition() + "@" + meta.offset();
        try {
            context().forward(record.withKey(id).withValue(decoder.decode(id, record.value())),
                    ContrastiveTopology.TRAIN);
        } catch (WireFormatException e) {
            deadLetter(record, meta, id, e);
        }
    }

    private void deadLetter(Record<byte[], byte[]> record, RecordMetadata meta, String id, WireFormatException e) {
        Headers headers = new RecordHeaders(record.headers().toArray());
        headers.add(DeadLetterHeaders.REASON, utf8(e.reason().code()));
        headers.add(DeadLetterHeaders.MESSAGE, utf8(e.getMessage()));
        if (meta != null) {
            headers.add(DeadLetterHeaders.SOURCE_TOPIC, utf8(meta.topic()));
            headers.add(DeadLetterHeaders.SOURCE_PARTITION, utf8(Integer.toString(meta.partition())));
            headers.add(DeadLetterHeaders.SOURCE_OFFSET, utf8(Long.toString(meta.offset())));
        }
        context().forward(
                new Record<Object, Object>(record.key(), record.value(), record.timestamp(), headers),
                ContrastiveTopology.DEAD_LETTER_SINK);
        metrics.onDeadLetter(e.reason());
        rejected++;
        if (rejected <= LOG_FIRST || rejected % LOG_EVERY == 0) {
            log.warn("record {} to dead-letter topic ({} so far): {}: {}", id, rejected, e.reason().code(), e.getMessage());
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
