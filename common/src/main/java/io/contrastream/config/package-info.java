/**
 * Command configuration: each command declares its {@link io.contrastream.config.Setting}s once;
 * {@link io.contrastream.config.Settings} resolves them from flags, environment variables and
 * defaults, passes Kafka client properties through, and renders {@code --help}.
 */
package io.contrastream.config;
