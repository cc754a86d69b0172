package io.contrastream.config;

/** A setting that is unknown, missing or out of range; the message is meant for the user. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }
}
