package io.contrastream.service.export;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;

/** Serves a registry at {@code http://host:port/metrics}, with the JVM's own metrics added. */
public final class MetricsServer implements AutoCloseable {

    private final HTTPServer server;

    private MetricsServer(HTTPServer server) {
        this.server = server;
    }

    /** Starts serving; port 0 picks a free port. */
    public static MetricsServer start(PrometheusRegistry registry, int port) throws IOException {
        JvmMetrics.builder().register(registry);
        return new MetricsServer(HTTPServer.builder().port(port).registry(registry).buildAndStart());
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        server.close();
    }
}
