package io.contrastream.service.metrics;

import com.sun.net.httpserver.HttpHandler;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;

/**
 * Serves a registry at {@code http://host:port/metrics}, with the JVM's own metrics added, and
 * any other path with a handler of the caller's (the service's {@code /embed}).
 */
public final class MetricsServer implements AutoCloseable {

    private final HTTPServer server;

    private MetricsServer(HTTPServer server) {
        this.server = server;
    }

    /**
     * Starts serving; port 0 picks a free port.
     *
     * @param host the interface to listen on; blank for all of them
     */
    public static MetricsServer start(PrometheusRegistry registry, String host, int port, HttpHandler otherPaths)
            throws IOException {
        JvmMetrics.builder().register(registry);
        HTTPServer.Builder b =
                HTTPServer.builder().port(port).registry(registry).defaultHandler(otherPaths);
        if (host != null && !host.isBlank()) {
            b.hostname(host);
        }
        return new MetricsServer(b.buildAndStart());
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        server.close();
    }
}
