package io.contrastream.wire;

/**
 * Headers on a dead-letter record. The value and key are the original bytes, untouched, so a
 * fixed record can be re-published as is; the headers say why it was rejected and where it
 * came from. A value too large to be republished whole is cut to its first bytes; then
 * {@link #TRUNCATED} is {@code true} and the original's size and SHA-256 are kept.
 */
public final class DeadLetterHeaders {

    /** {@link RejectReason#code()}, for example {@code corrupt_image}. */
    public static final String REASON = "contrastream.error.reason";
    /** A human-readable sentence naming the field and the problem. */
    public static final String MESSAGE = "contrastream.error.message";

    public static final String SOURCE_TOPIC = "contrastream.source.topic";
    public static final String SOURCE_PARTITION = "contrastream.source.partition";
    public static final String SOURCE_OFFSET = "contrastream.source.offset";
    /** {@code true} when the value is a truncated copy of the original. */
    public static final String TRUNCATED = "contrastream.truncated";
    /** Size in bytes of the original value (set on truncated copies). */
    public static final String ORIGINAL_SIZE = "contrastream.original.size";
    /** Size in bytes of an original key over the key limit; the copy's key is its first bytes. */
    public static final String ORIGINAL_KEY_SIZE = "contrastream.original.key.size";
    /** How many original headers were dropped because together they were too large to carry. */
    public static final String ORIGINAL_HEADERS_DROPPED = "contrastream.original.headers.dropped";
    /** Lower-case hex SHA-256 of the original value (set on truncated copies). */
    public static final String ORIGINAL_SHA256 = "contrastream.original.sha256";

    private DeadLetterHeaders() {}
}
