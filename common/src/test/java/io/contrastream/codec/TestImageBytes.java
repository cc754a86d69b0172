package io.contrastream.codec;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/** Hand-made image bytes that ImageIO will not write. */
public final class TestImageBytes {

    private TestImageBytes() {}

    /** A valid PNG signature and IHDR chunk claiming the given size, and no pixel data. */
    public static byte[] pngHeaderOnly(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(17);
        ihdr.put("IHDR".getBytes()).putInt(width).putInt(height).put((byte) 8).put((byte) 0);
        ihdr.put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        ByteBuffer out = ByteBuffer.allocate(8 + 4 + 17 + 4);
        out.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        out.putInt(13).put(ihdr.array()).putInt((int) crc.getValue());
        return out.array();
    }
}
