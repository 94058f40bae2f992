package org.gridgov.shared;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import org.gridgov.shared.blob.Images;

import static org.assertj.core.api.Assertions.assertThat;

class ImagesTest {

    static byte[] image(String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), format, out);
        return out.toByteArray();
    }

    /** A JPEG carrying an EXIF block with a GPS position, as phones write them. */
    static byte[] jpegWithGps() throws IOException {
        byte[] plain = image("jpg");
        byte[] exif = "Exif\0\0GPSLatitude=30.5725;GPSLongitude=103.935".getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(plain, 0, 2);
        out.write(0xFF);
        out.write(0xE1);
        out.write(((exif.length + 2) >> 8) & 0xFF);
        out.write((exif.length + 2) & 0xFF);
        out.write(exif);
        out.write(plain, 2, plain.length - 2);
        return out.toByteArray();
    }

    @Test
    void recognises_photos_by_content_not_by_name() throws IOException {
        assertThat(Images.detect(image("jpg"))).contains(Images.Format.JPEG);
        assertThat(Images.detect(image("png"))).contains(Images.Format.PNG);
        assertThat(Images.detect("RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1))).contains(Images.Format.WEBP);
        assertThat(Images.detect("\0\0\0\u0018ftypheic".getBytes(StandardCharsets.ISO_8859_1))).contains(Images.Format.HEIC);
        assertThat(Images.detect("<html>not a photo</html>".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(Images.detect(new byte[0])).isEmpty();
    }

    @Test
    void removes_the_gps_position_from_a_jpeg_and_keeps_a_readable_image() throws IOException {
        byte[] withGps = jpegWithGps();

        byte[] stripped = Images.withoutMetadata(Images.Format.JPEG, withGps);

        assertThat(new String(withGps, StandardCharsets.ISO_8859_1)).contains("GPSLatitude");
        assertThat(new String(stripped, StandardCharsets.ISO_8859_1)).doesNotContain("GPSLatitude").doesNotContain("Exif");
        assertThat(ImageIO.read(new java.io.ByteArrayInputStream(stripped)).getWidth()).isEqualTo(8);
    }

    @Test
    void removes_text_and_exif_chunks_from_a_png() throws IOException {
        byte[] png = image("png");
        byte[] chunk = "eXIfGPS-here".getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream withExif = new ByteArrayOutputStream();
        withExif.write(png, 0, 33); // signature + IHDR
        withExif.write(new byte[] { 0, 0, 0, 8 });
        withExif.write(chunk);
        withExif.write(new byte[] { 0, 0, 0, 0 }); // CRC (not checked here)
        withExif.write(png, 33, png.length - 33);

        byte[] stripped = Images.withoutMetadata(Images.Format.PNG, withExif.toByteArray());

        assertThat(new String(stripped, StandardCharsets.ISO_8859_1)).doesNotContain("GPS-here");
        assertThat(ImageIO.read(new java.io.ByteArrayInputStream(stripped)).getHeight()).isEqualTo(8);
    }
}
