package io.contrastream.wire;

/**
 * One training example as it travels on the input topic: two augmented views of the same image,
 * each an encoded PNG or JPEG, with an optional class label and source timestamp. The sample id
 * is the record key.
 *
 * @param view1 encoded bytes of the first view
 * @param view2 encoded bytes of the second view
 * @param label class label, or {@code null} for unlabelled data
 * @param timestampMs when the source image was captured, epoch millis, or {@code null}
 */
public record ImagePair(byte[] view1, byte[] view2, Integer label, Long timestampMs) {}
