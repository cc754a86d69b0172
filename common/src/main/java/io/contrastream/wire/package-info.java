/**
 * The wire formats shared by producer, service and consumers: the input pair
 * ({@link io.contrastream.wire.ImagePairCodec}), the clean evaluation image
 * ({@link io.contrastream.wire.ProbeImageCodec}), the metrics record
 * ({@link io.contrastream.wire.MetricsRecordCodec}, fields defined by
 * {@link io.contrastream.wire.Statistic}), dead-letter headers and reject reasons; the default topic
 * names and their creation ({@link io.contrastream.wire.TopicSetup}). JSON Schemas of every record
 * ship as resources under {@code schemas/}.
 */
package io.contrastream.wire;
