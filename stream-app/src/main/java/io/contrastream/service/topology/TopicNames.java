package io.contrastream.service.topology;

import java.util.List;

/**
 * The topics the service reads and writes.
 *
 * @param embeddings where each trained sample's embedding goes, or null to publish none
 */
public record TopicNames(String input, String metrics, String deadLetters, String embeddings) {

    public boolean publishesEmbeddings() {
        return embeddings != null && !embeddings.isBlank();
    }

    /** Every topic the service uses, for creating them. */
    public List<String> all() {
        return publishesEmbeddings()
                ? List.of(input, metrics, deadLetters, embeddings)
                : List.of(input, metrics, deadLetters);
    }
}
