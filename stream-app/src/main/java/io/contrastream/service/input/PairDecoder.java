package io.contrastream.service.input;

import io.contrastream.codec.ImageCodec;
import io.contrastream.codec.ImageDecodeException;
import io.contrastream.codec.ImageLimits;
import io.contrastream.encoder.EncoderSpec;
import io.contrastream.service.vectors.VectorQueue;
import io.contrastream.wire.ImagePair;
import io.contrastream.wire.ImagePairCodec;
import io.contrastream.wire.RejectReason;
import io.contrastream.wire.WireFormatException;

/**
 * Input record to training input: parses the wire format, decodes both views within the limits
 * and converts them to the encoder's channels and size. Everything that can be wrong with a
 * record is found here, before it can reach a training step.
 */
public final class PairDecoder {

    private final EncoderSpec spec;
    private final ImageLimits limits;

    public PairDecoder(EncoderSpec spec, ImageLimits limits) {
        this.spec = spec;
        this.limits = limits;
    }

    public DecodedPair decode(String id, byte[] value) throws WireFormatException {
        return decode(id, parse(value));
    }

    /** The record's wire format read, its fields checked; no pixel decoded yet. */
    public ImagePair parse(byte[] value) throws WireFormatException {
        ImagePair pair = ImagePairCodec.decode(value);
        if (pair.label() != null && pair.label() < 0) {
            throw new WireFormatException(RejectReason.BAD_FIELD, "label must be >= 0, got " + pair.label());
        }
        return pair;
    }

    /** Both views of a parsed pair decoded within the limits and made encoder input. */
    public DecodedPair decode(String id, ImagePair pair) throws WireFormatException {
        float[] v1 = view(pair.view1(), "view1");
        float[] v2 = view(pair.view2(), "view2");
        return new DecodedPair(id, v1, v2, pair.label() == null ? VectorQueue.NO_LABEL : pair.label());
    }

    private float[] view(byte[] encoded, String field) throws WireFormatException {
        try {
            return image(encoded);
        } catch (ImageDecodeException e) {
            throw new WireFormatException(e.reason(), field + ": " + e.getMessage());
        }
    }

    /** One encoded image as encoder input: decoded within the limits, converted and resized. */
    public float[] image(byte[] encoded) throws ImageDecodeException {
        return spec.prepare(ImageCodec.decode(encoded, limits));
    }
}
