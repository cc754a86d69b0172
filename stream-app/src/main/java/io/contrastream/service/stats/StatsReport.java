package io.contrastream.service.stats;

import io.contrastream.wire.Statistic;
import java.util.Map;

/** The statistics of one report interval, and its similarity histograms (coarse bins). */
public record StatsReport(Map<Statistic, Double> values, long[] positiveHistogram, long[] negativeHistogram) {}
