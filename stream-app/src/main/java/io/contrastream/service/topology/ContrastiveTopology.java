package io.contrastream.service.topology;

import io.contrastream.service.input.PairDecoder;
import io.contrastream.service.session.TrainingSession;
import io.contrastream.wire.EmbeddingFormat;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;

/**
 * The service's topology, built by one static factory that the service, the unit tests
 * (TopologyTestDriver) and the integration tests share:
 *
 * <pre>
 *   input ──► decode ──► train ──► metrics topic, embeddings topic
 *                 │          └──► dead-letter topic (processing errors)
 *                 └────────────► dead-letter topic (bad records)
 * </pre>
 *
 * Keys and values are read as raw bytes, so no record can fail before the decode step sees it.
 */
public final class ContrastiveTopology {

    static final String SOURCE = "pairs";
    static final String DECODE = "decode";
    static final String TRAIN = "train";
    static final String METRICS_SINK = "metrics-sink";
    static final String DEAD_LETTER_SINK = "dead-letter-sink";
    static final String EMBEDDINGS_SINK = "embeddings-sink";

    private ContrastiveTopology() {}

    /** @param stages where the stream threads' time per stage is added up */
    public static Topology create(
            TopicNames topics, PairDecoder decoder, RecordLimits limits, TrainingSession session, StreamStages stages) {
        Topology t = new Topology();
        t.addSource(SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), topics.input());
        t.addProcessor(DECODE, () -> new DecodeProcessor(decoder, limits, session, stages), SOURCE);
        EmbeddingFormat embeddings = topics.publishesEmbeddings() ? topics.embeddingsFormat() : null;
        t.addProcessor(TRAIN, () -> new TrainProcessor(session, limits, embeddings, stages), DECODE);
        t.addSink(METRICS_SINK, topics.metrics(), new StringSerializer(), new ByteArraySerializer(), TRAIN);
        if (topics.publishesEmbeddings()) {
            t.addSink(EMBEDDINGS_SINK, topics.embeddings(), new StringSerializer(), new ByteArraySerializer(), TRAIN);
        }
        t.addSink(
                DEAD_LETTER_SINK,
                topics.deadLetters(),
                new ByteArraySerializer(),
                new ByteArraySerializer(),
                DECODE,
                TRAIN);
        return t;
    }
}
