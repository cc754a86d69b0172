package io.contrastream.wire;

/**
 * Headers on a dead-letter record. The value and key are the original bytes, untouched, so a
 * fixed record can be re-published as is; the headers say why it was rejected and where it
 * came from.
 */
public final class DeadLetterHeaders {

    /** {@link RejectReason#code()}, for example {@code corrupt_image}. */
    public static final String REASON = "contrastream.error.reason";
    /** A human-readable sentence naming the field and the problem. */
    public static final String MESSAGE = "contrastream.error.message";
    public static final String SOURCE_TOPIC = "contrastream.source.topic";
    public static final String SOURCE_PARTITION = "contrastream.source.partition";
    public static final String SOURCE_OFFSET = "contrastream.source.offset";

    private DeadLetterHeaders() {}
}
