/**
 * The service as a whole: {@link io.contrastream.service.ServiceConfig} (every setting, declared
 * once), {@link io.contrastream.service.ContrastreamService} (model, topology, metrics endpoint,
 * put together and closed in order), {@link io.contrastream.service.ServiceMain} (the entry point
 * of the service's image, and what {@code contrastream train} runs), and start-up's
 * {@link io.contrastream.service.BrokerWait}.
 */
package io.contrastream.service;
