/**
 * Input records as encoder input: {@link io.contrastream.service.input.PairDecoder} parses the
 * wire format and decodes both views within the limits into encoder input, one way for the
 * topology, {@code /embed} and the benchmark; {@link io.contrastream.service.input.DecodedPair}
 * carries the result and the {@link io.contrastream.service.input.SourceRecord} it came from.
 * {@link io.contrastream.service.input.ProbeDecoder} does the same for the clean evaluation set's
 * records.
 */
package io.contrastream.service.input;
