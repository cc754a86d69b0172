package io.contrastream.wire;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The input topic's binary value format, version 1: two encoded images behind a 24-byte
 * little-endian header, no JSON and no base64 (a third smaller than the JSON form, and nothing to
 * parse but the header):
 *
 * <pre>
 *   offset  size  field
 *        0     3  magic "CSP"
 *        3     1  version, 1
 *        4     4  label (int32), -1 for none
 *        8     8  timestamp_ms (int64), Long.MIN_VALUE for none
 *       16     4  n1, view 1's length in bytes (uint32)
 *       20    n1  view 1, PNG or JPEG
 *  20 + n1     4  n2, view 2's length (uint32)
 *  24 + n1    n2  view 2, PNG or JPEG; the value ends here
 * </pre>
 *
 * {@link ImagePairCodec#decode} tells it from JSON by its magic.
 */
public final class BinaryPairCodec {

    static final byte[] MAGIC = {'C', 'S', 'P', 1};

    private static final int NO_LABEL = -1;
    private static final long NO_TIMESTAMP = Long.MIN_VALUE;
    private static final int HEADER = 24;

    private BinaryPairCodec() {}

    public static byte[] encode(ImagePair pair) {
        ByteBuffer out = ByteBuffer.allocate(HEADER + pair.view1().length + pair.view2().length)
                .order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC)
                .putInt(pair.label() == null ? NO_LABEL : pair.label())
                .putLong(pair.timestampMs() == null ? NO_TIMESTAMP : pair.timestampMs())
                .putInt(pair.view1().length)
                .put(pair.view1())
                .putInt(pair.view2().length)
                .put(pair.view2());
        return out.array();
    }

    /** True if the value starts with the binary form's magic (whatever its version). */
    static boolean isBinary(byte[] value) {
        return value.length >= 3 && value[0] == MAGIC[0] && value[1] == MAGIC[1] && value[2] == MAGIC[2];
    }

    static ImagePair decode(byte[] value) throws WireFormatException {
        if (value.length < 4 || value[3] != MAGIC[3]) {
            throw bad("a binary pair of version " + (value.length < 4 ? "?" : value[3]) + "; this reads version 1");
        }
        if (value.length < HEADER) {
            throw bad("a binary pair of " + value.length + " bytes is shorter than its 24-byte header");
        }
        ByteBuffer in = ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN);
        in.position(MAGIC.length);
        int label = in.getInt();
        long timestamp = in.getLong();
        byte[] view1 = view(in, "view1", value.length);
        byte[] view2 = view(in, "view2", value.length);
        if (in.hasRemaining()) {
            throw bad(in.remaining() + " bytes after view2: the lengths do not add up to the value's");
        }
        if (label != NO_LABEL && (label < 0 || label > ImagePairCodec.MAX_LABEL)) {
            throw new WireFormatException(
                    RejectReason.BAD_FIELD,
                    "label must be an integer in [0, " + ImagePairCodec.MAX_LABEL + "] or -1 for none, got " + label);
        }
        return new ImagePair(
                view1, view2, label == NO_LABEL ? null : label, timestamp == NO_TIMESTAMP ? null : timestamp);
    }

    private static byte[] view(ByteBuffer in, String field, int total) throws WireFormatException {
        if (in.remaining() < 4) {
            throw bad("the value ends before " + field + "'s length");
        }
        long length = Integer.toUnsignedLong(in.getInt());
        if (length > in.remaining()) {
            throw bad(field + " claims " + length + " bytes; " + in.remaining() + " of the " + total + " are left");
        }
        if (length == 0) {
            throw new WireFormatException(RejectReason.MISSING_VIEW, field + " is empty");
        }
        byte[] view = new byte[(int) length];
        in.get(view);
        return view;
    }

    private static WireFormatException bad(String message) {
        return new WireFormatException(RejectReason.BAD_BINARY_PAIR, message);
    }
}
