package io.contrastream.service.metrics;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Kafka Streams' own health as Prometheus gauges, read from the running client at scrape time:
 * its state, how fast it processes records, and how far its consumer is behind on the input
 * topic (records between its position and the end of each partition, summed).
 */
public final class StreamsHealth {

    private StreamsHealth() {}

    public static void register(PrometheusRegistry registry, KafkaStreams streams, String modelId, String inputTopic) {
        GaugeWithCallback.builder()
                .name("contrastream_streams_state")
                .help("1 for the Kafka Streams client's current state, 0 for the others")
                .labelNames("model", "state")
                .callback(cb -> {
                    KafkaStreams.State current = streams.state();
                    for (KafkaStreams.State s : KafkaStreams.State.values()) {
                        cb.call(s == current ? 1 : 0, modelId, s.name());
                    }
                })
                .register(registry);
        GaugeWithCallback.builder()
                .name("contrastream_streams_process_rate")
                .help("records processed per second by the stream thread (Kafka Streams' process-rate)")
                .labelNames("model")
                .callback(cb -> cb.call(sum(streams, "stream-thread-metrics", "process-rate", null, null), modelId))
                .register(registry);
        GaugeWithCallback.builder()
                .name("contrastream_input_lag_records")
                .help("records of the input topic not yet consumed (end offset minus position, all partitions)")
                .labelNames("model")
                .callback(cb -> cb.call(
                        sum(streams, "consumer-fetch-manager-metrics", "records-lag", "topic", inputTopic), modelId))
                .register(registry);
    }

    /** Sums the finite values of a metric, optionally only those with a given tag value. */
    private static double sum(KafkaStreams streams, String group, String name, String tag, String tagValue) {
        double total = 0;
        for (Map.Entry<MetricName, ? extends Metric> e : streams.metrics().entrySet()) {
            MetricName n = e.getKey();
            if (n.group().equals(group)
                    && n.name().equals(name)
                    && (tag == null || tagValue.equals(n.tags().get(tag)))) {
                Object v = e.getValue().metricValue();
                if (v instanceof Number number && Double.isFinite(number.doubleValue())) {
                    total += number.doubleValue();
                }
            }
        }
        return total;
    }
}
