package io.contrastream.service.topology;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Wall time the stream threads spend in each stage of the data path that the topology runs,
 * summed over threads, and the records that went through: where a stream thread's time goes, so
 * that the next bound is visible (the benchmark prints it). What is not in a stage is Kafka
 * Streams' own loop: polling, deserialising, committing, waiting for records.
 */
public final class StreamStages {

    /** The stages, in the order a record goes through them. */
    public enum Stage {
        /** The wire format read: JSON or binary header, base64, fields. */
        PARSE("parse"),
        /** Both views decoded (PNG/JPEG), converted and resized to the encoder's input. */
        DECODE("decode"),
        /** Handed to the trainer: batching, waiting for the session or the step, settling steps. */
        HAND_OFF("hand-off to the trainer"),
        /** Embeddings, reports and dead letters serialised and handed to the producer. */
        PUBLISH("publish");

        private final String label;

        Stage(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final Map<Stage, LongAdder> nanos = new EnumMap<>(Stage.class);
    private final LongAdder records = new LongAdder();

    public StreamStages() {
        for (Stage s : Stage.values()) {
            nanos.put(s, new LongAdder());
        }
    }

    void add(Stage stage, long elapsedNanos) {
        nanos.get(stage).add(elapsedNanos);
    }

    void recordRead() {
        records.increment();
    }

    /** Nanoseconds spent in each stage so far, over all stream threads. */
    public Map<Stage, Long> nanos() {
        Map<Stage, Long> out = new EnumMap<>(Stage.class);
        nanos.forEach((stage, sum) -> out.put(stage, sum.sum()));
        return out;
    }

    /** Input records the topology has read so far. */
    public long records() {
        return records.sum();
    }
}
