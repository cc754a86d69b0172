package io.contrastream.service.input;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;

/**
 * Where a pair came from and the bytes it arrived as: its position identifies it in the
 * {@link InputLedger}, and its original key, value and headers are what goes to the dead-letter
 * topic if training on it fails.
 */
public record SourceRecord(
        TopicPartition partition, long offset, long timestamp, byte[] key, byte[] value, Headers headers) {}
