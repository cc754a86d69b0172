/**
 * Where the statistics go besides the metrics topic: Prometheus gauges, counters and histograms
 * ({@link io.contrastream.service.metrics.ServiceMetrics}) served over HTTP
 * ({@link io.contrastream.service.metrics.MetricsServer}).
 */
package io.contrastream.service.metrics;
