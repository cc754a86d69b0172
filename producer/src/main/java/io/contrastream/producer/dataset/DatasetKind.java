package io.contrastream.producer.dataset;

/** The sources the producer can read. */
public enum DatasetKind {
    /** Fashion-MNIST when its Debian package is installed, otherwise the synthetic set. */
    AUTO,
    FASHION_MNIST,
    MNIST,
    CIFAR10,
    CIFAR100,
    FOLDER,
    SYNTHETIC
}
