package dev.temppic.upload.validation;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Identifies content by its first bytes only: which accepted {@link ImageFormat} it claims to be, or otherwise a
 * description of what it is for the rejection detail. The declared media type and filename are never consulted.
 */
final class ContentSniffer {

    /** Bytes that the sniffer looks at; long enough for an XML prolog and comments before an {@code <svg>} tag. */
    static final int SNIFF_LENGTH = 4096;

    private static final String ZIP_DESCRIPTION =
            "a ZIP archive (or a format based on ZIP, such as a Java archive or an office document)";
    private static final String TIFF_DESCRIPTION = "a TIFF image (or a camera raw file based on TIFF)";

    private static final String[] HTML_TAGS = {
        "<!doctype html", "<html", "<head", "<body", "<script", "<iframe", "<meta", "<title", "<style", "<div",
        "<a ", "<a>", "<p>", "<p ", "<img", "<table", "<form", "<br", "<h1", "<link", "<object", "<embed", "<!--"
    };

    private ContentSniffer() {
    }

    /**
     * Returns the format whose signature the content starts with, or null. A match only means that the content claims
     * the format. The validator of that format decides whether the rest is consistent.
     */
    static ImageFormat imageFormatOf(byte[] head) {
        if (startsWith(head, 0, 0xFF, 0xD8)) {
            return ImageFormat.JPEG;
        }
        if (startsWith(head, 0, 0x89, 'P', 'N', 'G')) {
            return ImageFormat.PNG;
        }
        if (startsWith(head, 0, 'G', 'I', 'F', '8')) {
            return ImageFormat.GIF;
        }
        if (startsWith(head, 0, 'R', 'I', 'F', 'F') && startsWith(head, 8, 'W', 'E', 'B', 'P')) {
            return ImageFormat.WEBP;
        }
        return null;
    }

    /**
     * Describes content that is not an accepted image, as a noun phrase such as "an SVG image" or "a ZIP archive".
     * Returns null when the content matches no known signature and is not text.
     */
    static String describe(byte[] head) {
        String binary = describeBinary(head);
        if (binary != null) {
            return binary;
        }
        return describeText(head);
    }

    /** Formats the first bytes as hex, such as "4D 5A 90 00", for a detail about unrecognized content. */
    static String leadingBytesHex(byte[] head) {
        int count = Math.min(head.length, 8);
        return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(head, 0, count);
    }

    /** A file signature: bytes expected at an offset, and the description of content that starts with them. */
    private record Signature(int offset, int[] bytes, String description) {
    }

    private static final Signature[] SIGNATURES = {
        new Signature(0, new int[] {'%', 'P', 'D', 'F', '-'}, "a PDF document"),
        new Signature(0, new int[] {'P', 'K', 3, 4}, ZIP_DESCRIPTION),
        new Signature(0, new int[] {'P', 'K', 5, 6}, ZIP_DESCRIPTION),
        new Signature(0, new int[] {'P', 'K', 7, 8}, ZIP_DESCRIPTION),
        new Signature(0, new int[] {'I', 'I', 42, 0}, TIFF_DESCRIPTION),
        new Signature(0, new int[] {'M', 'M', 0, 42}, TIFF_DESCRIPTION),
        new Signature(0, new int[] {'I', 'I', 43, 0}, TIFF_DESCRIPTION),
        new Signature(0, new int[] {'M', 'M', 0, 43}, TIFF_DESCRIPTION),
        new Signature(0, new int[] {0, 0, 0, 0x0C, 'j', 'P', ' ', ' '}, "a JPEG 2000 image"),
        new Signature(0, new int[] {0xFF, 0x4F, 0xFF, 0x51}, "a JPEG 2000 image"),
        new Signature(0, new int[] {0xFF, 0x0A}, "a JPEG XL image"),
        new Signature(0, new int[] {0, 0, 0, 0x0C, 'J', 'X', 'L', ' '}, "a JPEG XL image"),
        new Signature(0, new int[] {0, 0, 1, 0}, "a Windows icon or cursor"),
        new Signature(0, new int[] {0, 0, 2, 0}, "a Windows icon or cursor"),
        new Signature(0, new int[] {'8', 'B', 'P', 'S'}, "a Photoshop document"),
        new Signature(0, new int[] {'q', 'o', 'i', 'f'}, "a QOI image"),
        new Signature(0, new int[] {0x1F, 0x8B}, "a gzip archive"),
        new Signature(0, new int[] {'7', 'z', 0xBC, 0xAF, 0x27, 0x1C}, "a 7-Zip archive"),
        new Signature(0, new int[] {'R', 'a', 'r', '!'}, "a RAR archive"),
        new Signature(0, new int[] {0x7F, 'E', 'L', 'F'}, "a Linux executable"),
        new Signature(0, new int[] {'M', 'Z'}, "a Windows executable"),
        new Signature(0, new int[] {0x1A, 0x45, 0xDF, 0xA3}, "a Matroska or WebM video"),
    };

    private static String describeBinary(byte[] head) {
        if (startsWith(head, 0, 'B', 'M') && head.length >= 14) {
            return "a BMP image";
        }
        if (startsWith(head, 4, 'f', 't', 'y', 'p') && head.length >= 12) {
            return describeIsoMedia(new String(head, 8, 4, StandardCharsets.ISO_8859_1));
        }
        if (startsWith(head, 0, 'R', 'I', 'F', 'F') && head.length >= 12) {
            return describeRiff(new String(head, 8, 4, StandardCharsets.ISO_8859_1));
        }

        for (Signature signature : SIGNATURES) {
            if (startsWith(head, signature.offset(), signature.bytes())) {
                return signature.description();
            }
        }
        return null;
    }

    private static String describeIsoMedia(String brand) {
        return switch (brand) {
            case "heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1" -> "a HEIC/HEIF image";
            case "avif", "avis" -> "an AVIF image";
            case "qt  " -> "a QuickTime video";
            case "crx " -> "a Canon raw image (CR3)";
            default -> "an MP4 or other ISO media file";
        };
    }

    private static String describeRiff(String formType) {
        return switch (formType) {
            case "WAVE" -> "a WAV audio file";
            case "AVI " -> "an AVI video";
            default -> "a RIFF file of type '" + formType.strip() + "'";
        };
    }

    private static String describeText(byte[] head) {
        int start = 0;
        if (startsWith(head, 0, 0xEF, 0xBB, 0xBF)) {
            start = 3;
        } else if (startsWith(head, 0, 0xFF, 0xFE) || startsWith(head, 0, 0xFE, 0xFF)) {
            return "a UTF-16 text file";
        }
        if (!looksLikeText(head, start)) {
            return null;
        }

        String text = new String(head, start, head.length - start, StandardCharsets.UTF_8)
                .strip()
                .toLowerCase(Locale.ROOT);
        if (text.contains("<svg")) {
            return "an SVG image";
        }
        for (String tag : HTML_TAGS) {
            if (text.startsWith(tag)) {
                return "an HTML document";
            }
        }
        if (text.startsWith("<?xml") || text.startsWith("<")) {
            return text.contains("<html") ? "an HTML document" : "an XML document";
        }
        return "a text file";
    }

    /** Returns whether the bytes contain no control characters other than tab, line feed, form feed and return. */
    private static boolean looksLikeText(byte[] head, int start) {
        if (head.length <= start) {
            return false;
        }
        for (int index = start; index < head.length; index++) {
            int value = head[index] & 0xFF;
            boolean control = value < 0x20 && value != '\t' && value != '\n' && value != '\r' && value != '\f';
            if (control || value == 0x7F) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] bytes, int offset, int... expected) {
        if (bytes.length < offset + expected.length) {
            return false;
        }
        for (int index = 0; index < expected.length; index++) {
            if ((bytes[offset + index] & 0xFF) != expected[index]) {
                return false;
            }
        }
        return true;
    }
}
