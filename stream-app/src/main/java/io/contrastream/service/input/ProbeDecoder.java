package io.contrastream.service.input;

import io.contrastream.codec.ImageDecodeException;
import io.contrastream.wire.ProbeImage;
import io.contrastream.wire.ProbeImageCodec;
import io.contrastream.wire.WireFormatException;

/**
 * Probe topic record to evaluation input: parses the wire format and decodes the image and its
 * views within the same limits, and to the same encoder input, as training pairs.
 */
public final class ProbeDecoder {

    private final PairDecoder images;

    public ProbeDecoder(PairDecoder images) {
        this.images = images;
    }

    public DecodedProbe decode(String id, byte[] value) throws WireFormatException {
        ProbeImage probe = ProbeImageCodec.decode(value);
        float[] image = image(probe.image(), ProbeImageCodec.IMAGE);
        float[][] views = new float[probe.views().size()][];
        for (int i = 0; i < views.length; i++) {
            views[i] = image(probe.views().get(i), ProbeImageCodec.VIEWS + "[" + i + "]");
        }
        return new DecodedProbe(id, probe.role(), probe.label(), image, views);
    }

    private float[] image(byte[] encoded, String field) throws WireFormatException {
        try {
            return images.image(encoded);
        } catch (ImageDecodeException e) {
            throw new WireFormatException(e.reason(), field + ": " + e.getMessage());
        }
    }
}
