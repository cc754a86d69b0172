/**
 * Serving the encoder while it trains: a copy of the weights refreshed after every step
 * ({@link io.contrastream.service.serving.ServingEncoder}) behind {@code POST /embed} and
 * {@code POST /embed/batch} ({@link io.contrastream.service.serving.EmbedHandler}).
 */
package io.contrastream.service.serving;
