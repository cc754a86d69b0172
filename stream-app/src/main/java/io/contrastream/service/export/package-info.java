/**
 * Where the statistics go besides the metrics topic: Prometheus gauges, counters and histograms
 * ({@link io.contrastream.service.export.ServiceMetrics}) served over HTTP
 * ({@link io.contrastream.service.export.MetricsServer}).
 */
package io.contrastream.service.export;
