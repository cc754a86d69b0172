package io.contrastream.wire;

import java.util.Locale;

/** What an image of the clean evaluation set is for. */
public enum ProbeRole {
    /** Labelled images the queries are classified against (kNN) and the linear probe is fitted on. */
    REFERENCE,
    /** Labelled images that are scored: kNN and linear-probe accuracy, uniformity, tolerance, alignment. */
    QUERY;

    /** The wire value: {@code reference} or {@code query}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
