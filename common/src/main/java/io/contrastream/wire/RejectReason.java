package io.contrastream.wire;

import java.util.Locale;

/**
 * Why an input record was sent to the dead-letter topic. The code travels in a record header and
 * labels the dead-letter counter, so the set is small and fixed.
 */
public enum RejectReason {
    EMPTY_RECORD,
    /** Neither a JSON object nor a binary pair. */
    NOT_JSON,
    /** Starts like a binary pair but its header is of another version or does not fit the value. */
    BAD_BINARY_PAIR,
    MISSING_VIEW,
    BAD_BASE64,
    BAD_FIELD,
    IMAGE_TOO_LARGE,
    UNSUPPORTED_IMAGE_FORMAT,
    ABSURD_DIMENSIONS,
    CORRUPT_IMAGE,
    /** The record key (the sample id) is longer than the service accepts. */
    KEY_TOO_LONG,
    /** The record was valid but something failed while it was being trained on. */
    PROCESSING_ERROR;

    /** Lower-case code used in headers and metric labels, for example {@code bad_base64}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
