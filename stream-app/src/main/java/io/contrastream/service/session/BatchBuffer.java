package io.contrastream.service.session;

import io.contrastream.service.input.DecodedPair;
import io.contrastream.service.input.SourceRecord;
import io.contrastream.service.training.TrainingBatch;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Packs decoded pairs straight into the contiguous arrays a training step takes, remembering the
 * input record of each (where it is one) for the ledger and the dead-letter path.
 */
public final class BatchBuffer {

    /** A full batch and, per pair, the record it came from (null entries outside Kafka). */
    public record Full(TrainingBatch batch, SourceRecord[] sources) {

        /** Per input partition, the offset of the batch's first pair. */
        public Map<TopicPartition, Long> firstOffsets() {
            return BatchBuffer.firstOffsets(sources, sources.length);
        }
    }

    private final int capacity;
    private final int pixels;
    private String[] ids;
    private float[] view1;
    private float[] view2;
    private int[] labels;
    private SourceRecord[] sources;
    private int size;

    public BatchBuffer(int capacity, int pixelsPerImage) {
        this.capacity = capacity;
        this.pixels = pixelsPerImage;
        allocate();
    }

    private void allocate() {
        ids = new String[capacity];
        view1 = new float[capacity * pixels];
        view2 = new float[capacity * pixels];
        labels = new int[capacity];
        sources = new SourceRecord[capacity];
        size = 0;
    }

    public void add(DecodedPair pair) {
        if (pair.view1().length != pixels || pair.view2().length != pixels) {
            throw new IllegalArgumentException("pair is not sized for the encoder: " + pair.id());
        }
        System.arraycopy(pair.view1(), 0, view1, size * pixels, pixels);
        System.arraycopy(pair.view2(), 0, view2, size * pixels, pixels);
        ids[size] = pair.id();
        sources[size] = pair.source();
        labels[size++] = pair.label();
    }

    public boolean isFull() {
        return size == capacity;
    }

    public int size() {
        return size;
    }

    /** Per input partition, the offset of its first pair waiting here. */
    public Map<TopicPartition, Long> firstWaiting() {
        return firstOffsets(sources, size);
    }

    private static Map<TopicPartition, Long> firstOffsets(SourceRecord[] sources, int size) {
        Map<TopicPartition, Long> first = new HashMap<>();
        for (int i = 0; i < size; i++) {
            if (sources[i] != null) {
                first.merge(sources[i].partition(), sources[i].offset(), Math::min);
            }
        }
        return first;
    }

    /** The full batch; the buffer starts over with fresh arrays. */
    public Full drain() {
        Full full = new Full(new TrainingBatch(ids, view1, view2, labels), sources);
        allocate();
        return full;
    }
}
