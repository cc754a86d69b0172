package io.contrastream.codec;

import java.util.Locale;

/** The encodings a view may use on the wire. */
public enum ImageFormat {
    PNG("png"),
    JPEG("jpeg");

    private final String imageIoName;

    ImageFormat(String imageIoName) {
        this.imageIoName = imageIoName;
    }

    public String imageIoName() {
        return imageIoName;
    }

    /** Maps an ImageIO format name ("png", "JPEG", "jpg") to a format, or null if not allowed. */
    public static ImageFormat fromImageIoName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.equals("png")) {
            return PNG;
        }
        if (n.equals("jpeg") || n.equals("jpg")) {
            return JPEG;
        }
        return null;
    }
}
