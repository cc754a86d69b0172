package io.contrastream.service.topology;

import io.contrastream.wire.EmbeddingFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The topics the service reads and writes.
 *
 * @param embeddings where each trained sample's embedding goes, or null to publish none
 * @param embeddingsFormat the form its values take
 * @param probe the compacted topic of the clean evaluation set, or null to evaluate on a held-out
 *     slice of the stream instead
 */
public record TopicNames(
        String input,
        String metrics,
        String deadLetters,
        String embeddings,
        EmbeddingFormat embeddingsFormat,
        String probe) {

    public boolean publishesEmbeddings() {
        return embeddings != null && !embeddings.isBlank();
    }

    public boolean readsProbe() {
        return probe != null && !probe.isBlank();
    }

    /** Every topic the service uses, for creating them. */
    public List<String> all() {
        List<String> all = new ArrayList<>(List.of(input, metrics, deadLetters));
        if (publishesEmbeddings()) {
            all.add(embeddings);
        }
        if (readsProbe()) {
            all.add(probe);
        }
        return all;
    }

    /** The topics that are tables keyed by id, created compacted. */
    public Set<String> compacted() {
        return readsProbe() ? Set.of(probe) : Set.of();
    }
}
