package io.contrastream.service.topology;

import io.contrastream.wire.DeadLetterHeaders;
import io.contrastream.wire.RejectReason;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Builds the dead-letter copy of an input record: its key, value and headers with the reason,
 * message and source added. The copy always fits in a produce request, whatever the original
 * was, so the dead-letter path cannot fail on the record it reports: values over the limit are cut
 * (size and SHA-256 of the original kept in headers), keys over the key limit are cut, and the
 * original headers are dropped if they alone would not fit.
 */
public final class DeadLetters {

    /** Longest message header; messages quote input, which can be anything. */
    static final int MAX_MESSAGE_CHARS = 1000;
    /** Largest total size of the original headers carried over. */
    static final int MAX_ORIGINAL_HEADER_BYTES = 32 * 1024;

    private DeadLetters() {}

    /**
     * @param source where the record was read (topic, partition, offset), or null when unknown
     */
    public static Record<Object, Object> copyOf(
            byte[] key,
            byte[] value,
            long timestamp,
            Headers original,
            String topic,
            int partition,
            long offset,
            RejectReason reason,
            String message,
            RecordLimits limits) {
        Headers headers = new RecordHeaders();
        int originalHeaderBytes = 0;
        for (Header h : original) {
            originalHeaderBytes += h.key().length() + (h.value() == null ? 0 : h.value().length);
        }
        if (originalHeaderBytes <= MAX_ORIGINAL_HEADER_BYTES) {
            original.forEach(headers::add);
        } else {
            headers.add(DeadLetterHeaders.ORIGINAL_HEADERS_DROPPED, utf8(Integer.toString(original.toArray().length)));
        }
        headers.add(DeadLetterHeaders.REASON, utf8(reason.code()));
        headers.add(DeadLetterHeaders.MESSAGE, utf8(abbreviate(message)));
        if (topic != null) {
            headers.add(DeadLetterHeaders.SOURCE_TOPIC, utf8(topic));
            headers.add(DeadLetterHeaders.SOURCE_PARTITION, utf8(Integer.toString(partition)));
            headers.add(DeadLetterHeaders.SOURCE_OFFSET, utf8(Long.toString(offset)));
        }
        byte[] outKey = key;
        if (key != null && key.length > limits.maxKeyBytes()) {
            outKey = Arrays.copyOf(key, limits.maxKeyBytes());
            headers.add(DeadLetterHeaders.ORIGINAL_KEY_SIZE, utf8(Integer.toString(key.length)));
        }
        byte[] outValue = value;
        if (value != null && value.length > limits.maxDeadLetterBytes()) {
            outValue = Arrays.copyOf(value, limits.maxDeadLetterBytes());
            headers.add(DeadLetterHeaders.TRUNCATED, utf8("true"));
            headers.add(DeadLetterHeaders.ORIGINAL_SIZE, utf8(Integer.toString(value.length)));
            headers.add(DeadLetterHeaders.ORIGINAL_SHA256, utf8(sha256(value)));
        }
        return new Record<>(outKey, outValue, timestamp, headers);
    }

    private static String abbreviate(String message) {
        String m = message == null ? "" : message;
        return m.length() <= MAX_MESSAGE_CHARS ? m : m.substring(0, MAX_MESSAGE_CHARS - 3) + "...";
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
