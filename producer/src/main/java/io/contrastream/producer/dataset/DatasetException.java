package io.contrastream.producer.dataset;

/** A dataset that cannot be found or read; the message says which file and why. */
public final class DatasetException extends RuntimeException {

    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
