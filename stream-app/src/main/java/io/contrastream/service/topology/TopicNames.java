package io.contrastream.service.topology;

/** The three topics the service reads and writes. */
public record TopicNames(String input, String metrics, String deadLetters) {}
