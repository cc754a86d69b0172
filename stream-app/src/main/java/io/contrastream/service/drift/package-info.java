/**
 * Drift detection: sequential CUSUM tests of uniformity and tolerance against their own moving
 * baselines, armed once the bank is full, raising drift events for the metrics topic and
 * Prometheus.
 */
package io.contrastream.service.drift;
