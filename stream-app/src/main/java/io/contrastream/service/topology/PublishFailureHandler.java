package io.contrastream.service.topology;

import io.contrastream.service.metrics.ServiceMetrics;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens when the producer refuses an output record for good (too large, a topic that is
 * gone, an authorization error): it is logged with its topic and size and counted
 * ({@code contrastream_publish_failures_total}), and the service goes on. Kafka Streams' default
 * would stop the service, and the restarted service would meet the same record again. Dead
 * letters are sized to fit (see {@link DeadLetters}), so this is the last line, not the path.
 */
public final class PublishFailureHandler implements ProductionExceptionHandler {

    /** Configuration key under which the service hands its metrics to the handler. */
    public static final String METRICS_CONFIG = "contrastream.service.metrics";

    private static final Logger log = LoggerFactory.getLogger(PublishFailureHandler.class);

    private ServiceMetrics metrics;

    @Override
    public void configure(Map<String, ?> configs) {
        Object m = configs.get(METRICS_CONFIG);
        metrics = m instanceof ServiceMetrics sm ? sm : null;
    }

    @Override
    public Response handleError(
            ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        int size = record.value() == null ? 0 : record.value().length;
        log.error(
                "could not publish a record of {} bytes to '{}' (from {}-{}@{}); skipped: {}",
                size,
                record.topic(),
                context.topic(),
                context.partition(),
                context.offset(),
                exception.toString());
        if (metrics != null) {
            metrics.onPublishFailure(record.topic());
        }
        return Response.resume();
    }
}
