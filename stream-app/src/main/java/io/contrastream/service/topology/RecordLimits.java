package io.contrastream.service.topology;

/**
 * Bounds on an input record beyond its images, and on its dead-letter copy.
 *
 * @param maxKeyBytes longest key (sample id) accepted; longer ones are dead-lettered as
 *     {@code key_too_long}. Ids are kept in the bank and written to checkpoints, so they must stay
 *     small.
 * @param maxDeadLetterBytes largest dead-letter value; a larger original is replaced by its first
 *     bytes, with its size and SHA-256 in headers. Kept well under the producer's
 *     {@code max.request.size}, so a dead letter can never be refused for its size.
 */
public record RecordLimits(int maxKeyBytes, int maxDeadLetterBytes) {

    /** Room left in a produce request for the key, the headers and the record's framing. */
    public static final int DEAD_LETTER_OVERHEAD_BYTES = 128 * 1024;

    public static final RecordLimits DEFAULT = new RecordLimits(1024, 512 * 1024);

    public RecordLimits {
        if (maxKeyBytes < 1 || maxKeyBytes > 16 * 1024) {
            throw new IllegalArgumentException("key limit must be in [1, 16384] bytes");
        }
        if (maxDeadLetterBytes < 1024) {
            throw new IllegalArgumentException("dead-letter limit must be at least 1024 bytes");
        }
    }

    /** The producer's {@code max.request.size} that lets every dead letter through. */
    public int producerMaxRequestBytes() {
        return Math.max(1024 * 1024, maxDeadLetterBytes + DEAD_LETTER_OVERHEAD_BYTES);
    }
}
