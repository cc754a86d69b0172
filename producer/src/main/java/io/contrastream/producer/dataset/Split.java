package io.contrastream.producer.dataset;

/** Which part of a dataset with a fixed train/test split to read. */
public enum Split {
    TRAIN,
    TEST
}
