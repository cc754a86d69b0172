package io.contrastream.codec;

import io.contrastream.wire.RejectReason;

/** An encoded image the decoder refuses; carries a reason code and a human-readable message. */
public final class ImageDecodeException extends Exception {

    private final RejectReason reason;

    public ImageDecodeException(RejectReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public RejectReason reason() {
        return reason;
    }
}
