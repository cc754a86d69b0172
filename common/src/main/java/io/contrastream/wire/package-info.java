/**
 * The wire formats shared by producer, service and consumers: the input pair
 * ({@link io.contrastream.wire.ImagePairCodec}), the metrics record
 * ({@link io.contrastream.wire.MetricsRecordCodec}, fields defined by
 * {@link io.contrastream.wire.Statistic}), dead-letter headers and reject reasons. JSON Schemas of
 * both records ship as resources under {@code schemas/}.
 */
package io.contrastream.wire;
