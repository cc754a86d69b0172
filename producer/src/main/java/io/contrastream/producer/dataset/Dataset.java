package io.contrastream.producer.dataset;

/** A finite, indexable set of source images; the publisher walks it epoch after epoch. */
public interface Dataset {

    /** A short description for logs and the progress line, e.g. "fashion-mnist train (60000)". */
    String name();

    int size();

    LabelledImage get(int index);
}
