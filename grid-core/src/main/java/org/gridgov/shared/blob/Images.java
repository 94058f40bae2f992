package org.gridgov.shared.blob;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Recognises photos by their content (magic bytes), never by file name, and removes embedded metadata (EXIF, which
 * carries the GPS position where the photo was taken) from JPEG, PNG and WebP before they are stored, so nothing a
 * resident can download reveals where a reporter lives. HEIC keeps its metadata: it is served to staff only.
 */
public final class Images {

    /** The photo formats the platform takes. */
    public enum Format {
        JPEG("image/jpeg"), PNG("image/png"), WEBP("image/webp"), HEIC("image/heic");

        private final String mediaType;

        Format(String mediaType) {
            this.mediaType = mediaType;
        }

        public String mediaType() {
            return mediaType;
        }
    }

    private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A };

    private Images() {
    }

    public static Optional<Format> detect(byte[] data) {
        if (data.length >= 3 && (data[0] & 0xFF) == 0xFF && (data[1] & 0xFF) == 0xD8 && (data[2] & 0xFF) == 0xFF) {
            return Optional.of(Format.JPEG);
        }
        if (data.length >= 8 && Arrays.equals(Arrays.copyOf(data, 8), PNG_SIGNATURE)) {
            return Optional.of(Format.PNG);
        }
        if (data.length >= 12 && ascii(data, 0, 4).equals("RIFF") && ascii(data, 8, 4).equals("WEBP")) {
            return Optional.of(Format.WEBP);
        }
        if (data.length >= 12 && ascii(data, 4, 4).equals("ftyp")) {
            String brand = ascii(data, 8, 4);
            if (brand.equals("heic") || brand.equals("heix") || brand.equals("mif1") || brand.equals("msf1")
                    || brand.equals("hevc")) {
                return Optional.of(Format.HEIC);
            }
        }
        return Optional.empty();
    }

    /** The image without its EXIF/XMP metadata (JPEG APP1 segments, PNG eXIf chunks, WebP EXIF/XMP chunks). */
    public static byte[] withoutMetadata(Format format, byte[] data) {
        return switch (format) {
            case JPEG -> stripJpeg(data);
            case PNG -> stripPng(data);
            case WEBP -> stripWebp(data);
            case HEIC -> data;
        };
    }

    private static byte[] stripJpeg(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length);
        out.write(data, 0, 2); // SOI
        int i = 2;
        while (i + 4 <= data.length && (data[i] & 0xFF) == 0xFF) {
            int marker = data[i + 1] & 0xFF;
            if (marker == 0xDA) { // start of scan: the rest is image data
                break;
            }
            int length = ((data[i + 2] & 0xFF) << 8) | (data[i + 3] & 0xFF);
            if (length < 2 || i + 2 + length > data.length) {
                break;
            }
            if (marker != 0xE1) { // drop APP1 (Exif, XMP); keep the rest
                out.write(data, i, 2 + length);
            }
            i += 2 + length;
        }
        out.write(data, i, data.length - i);
        return out.toByteArray();
    }

    private static byte[] stripPng(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length);
        out.write(data, 0, 8);
        int i = 8;
        while (i + 12 <= data.length) {
            int length = ((data[i] & 0xFF) << 24) | ((data[i + 1] & 0xFF) << 16) | ((data[i + 2] & 0xFF) << 8)
                    | (data[i + 3] & 0xFF);
            if (length < 0 || i + 12 + length > data.length) {
                break;
            }
            String type = ascii(data, i + 4, 4);
            if (!type.equals("eXIf") && !type.equals("tEXt") && !type.equals("iTXt") && !type.equals("zTXt")) {
                out.write(data, i, 12 + length);
            }
            i += 12 + length;
        }
        if (i < data.length) {
            out.write(data, i, data.length - i);
        }
        return out.toByteArray();
    }

    private static byte[] stripWebp(byte[] data) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(data.length);
        body.write(data, 8, 4); // "WEBP"
        int i = 12;
        while (i + 8 <= data.length) {
            int size = (data[i + 4] & 0xFF) | ((data[i + 5] & 0xFF) << 8) | ((data[i + 6] & 0xFF) << 16)
                    | ((data[i + 7] & 0xFF) << 24);
            int padded = size + (size & 1);
            if (size < 0 || i + 8 + padded > data.length) {
                break;
            }
            String type = ascii(data, i, 4);
            if (!type.equals("EXIF") && !type.equals("XMP ")) {
                body.write(data, i, 8 + padded);
            }
            i += 8 + padded;
        }
        byte[] content = body.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 8);
        out.writeBytes("RIFF".getBytes(StandardCharsets.US_ASCII));
        int riffSize = content.length;
        out.write(riffSize & 0xFF);
        out.write((riffSize >> 8) & 0xFF);
        out.write((riffSize >> 16) & 0xFF);
        out.write((riffSize >> 24) & 0xFF);
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static String ascii(byte[] data, int offset, int length) {
        return new String(data, offset, length, StandardCharsets.US_ASCII);
    }
}
