/**
 * Sources of labelled images: IDX (Fashion-MNIST, MNIST), CIFAR-10/100 binary batches, a folder
 * with one sub-folder per class, and a built-in synthetic set that needs nothing installed.
 */
package io.contrastream.producer.dataset;
