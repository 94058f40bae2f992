package org.gridgov.testsupport;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import javax.imageio.ImageIO;

/** Images for upload tests, as phones write them. */
public final class TestImages {

    private TestImages() {
    }

    /** A real JPEG with an EXIF block holding a GPS position. */
    public static byte[] jpegWithGps() {
        try {
            ByteArrayOutputStream plain = new ByteArrayOutputStream();
            ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "jpg", plain);
            byte[] jpeg = plain.toByteArray();
            byte[] exif = "Exif\0\0GPSLatitude=30.5725;GPSLongitude=103.935".getBytes(StandardCharsets.ISO_8859_1);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(jpeg, 0, 2);
            out.write(0xFF);
            out.write(0xE1);
            out.write(((exif.length + 2) >> 8) & 0xFF);
            out.write((exif.length + 2) & 0xFF);
            out.write(exif);
            out.write(jpeg, 2, jpeg.length - 2);
            return out.toByteArray();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
