package io.contrastream.codec;

import io.contrastream.image.PixelImage;
import io.contrastream.wire.RejectReason;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;

/**
 * Encodes {@link PixelImage}s to PNG/JPEG and decodes them back, defensively: the format and the
 * dimensions come from the header before any pixel is decoded, and a decoder warning (a
 * truncated JPEG decodes "successfully" with only a warning) counts as corruption. Plain 8-bit
 * grey and RGB PNGs, what the producer writes, take a direct path ({@link PlainPng}) with the
 * same result; everything else goes through ImageIO.
 */
public final class ImageCodec {

    static {
        // The service decodes many small images; ImageIO's disk cache only adds I/O.
        ImageIO.setUseCache(false);
    }

    private ImageCodec() {}

    public static byte[] encode(PixelImage image, ImageFormat format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try {
            if (!ImageIO.write(image.toBufferedImage(), format.imageIoName(), out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static PixelImage decode(byte[] bytes, ImageLimits limits) throws ImageDecodeException {
        if (bytes.length == 0) {
            throw new ImageDecodeException(RejectReason.CORRUPT_IMAGE, "image is empty");
        }
        if (bytes.length > limits.maxEncodedBytes()) {
            throw new ImageDecodeException(
                    RejectReason.IMAGE_TOO_LARGE,
                    "encoded image of " + bytes.length + " bytes exceeds " + limits.maxEncodedBytes());
        }
        PixelImage plain = PlainPng.decode(bytes, limits);
        if (plain != null) {
            return plain;
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new ImageDecodeException(RejectReason.UNSUPPORTED_IMAGE_FORMAT, "not a PNG or JPEG image");
            }
            ImageReader reader = readers.next();
            try {
                ImageFormat format = ImageFormat.fromImageIoName(reader.getFormatName());
                if (format == null) {
                    throw new ImageDecodeException(
                            RejectReason.UNSUPPORTED_IMAGE_FORMAT,
                            reader.getFormatName() + " images are not accepted, only PNG or JPEG");
                }
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width <= 0 || height <= 0 || width > limits.maxSide() || height > limits.maxSide()) {
                    throw new ImageDecodeException(
                            RejectReason.ABSURD_DIMENSIONS,
                            "image header claims " + width + "x" + height + " pixels; the limit is " + limits.maxSide()
                                    + " per side");
                }
                if ((long) width * height > limits.maxPixels()) {
                    throw new ImageDecodeException(
                            RejectReason.ABSURD_DIMENSIONS,
                            "image header claims " + width + "x" + height + " = " + (long) width * height
                                    + " pixels; the budget is " + limits.maxPixels());
                }
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener(collectInto(warnings));
                BufferedImage img = reader.read(0);
                if (!warnings.isEmpty()) {
                    throw new ImageDecodeException(
                            RejectReason.CORRUPT_IMAGE, "corrupt " + format + ": " + warnings.get(0));
                }
                return PixelImage.fromBufferedImage(img);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            // Corrupt data surfaces as IIOException, EOFException or, from some codecs, as
            // IndexOutOfBounds/IllegalArgument deep inside the decoder.
            String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new ImageDecodeException(RejectReason.CORRUPT_IMAGE, "corrupt image: " + detail);
        }
    }

    private static IIOReadWarningListener collectInto(List<String> warnings) {
        return (source, warning) -> warnings.add(warning);
    }
}
