package io.contrastream.wire;

/** An input record that is not a valid image pair; the message says what is wrong with it. */
public final class WireFormatException extends Exception {

    private final RejectReason reason;

    public WireFormatException(RejectReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public RejectReason reason() {
        return reason;
    }
}
