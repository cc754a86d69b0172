package io.contrastream.service.serving;

import java.nio.file.Path;

/**
 * The HTTP endpoint ({@code /metrics}, {@code /embed}): its interface, {@code /embed}'s optional
 * bearer token and how many embeddings it computes at once.
 *
 * @param host interface to listen on; blank for all of them
 * @param tokenFile file whose trimmed content {@code POST /embed} requires as
 *     {@code Authorization: Bearer <token>}, or null for no authentication
 * @param maxConcurrentEmbeds requests embedded at once; the next ones get 503
 */
public record HttpSettings(String host, Path tokenFile, int maxConcurrentEmbeds) {

    public static final HttpSettings DEFAULT = new HttpSettings("", null, 4);
}
