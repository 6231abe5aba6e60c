package dev.temppic.upload.metadata;

import dev.temppic.upload.validation.ImageFileInput;
import dev.temppic.upload.validation.InspectedImage;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Lossless metadata removal for inspected images. The compressed image data is copied byte for byte, and only
 * metadata segments, chunks and blocks are left out. What each format keeps:
 *
 * <ul>
 *   <li>JPEG: SOI, APP0 JFIF (without its thumbnail), APP2 ICC_PROFILE, APP14 Adobe, DQT, DHT, DAC, DRI, DNL, SOF,
 *       SOS with its entropy-coded data, EOI. Dropped: APP1 (EXIF, XMP), APP13 (IPTC, Photoshop), COM, JFXX
 *       thumbnails, MPF and every other APPn.
 *   <li>PNG: IHDR, PLTE, IDAT, IEND, the colour chunks tRNS, gAMA, cHRM, sRGB, iCCP, sBIT, cICP, mDCv, cLLi, the
 *       display chunks bKGD and pHYs (pixel density, which some viewers use to size the image), and the APNG chunks
 *       acTL, fcTL, fdAT. Dropped: tEXt, zTXt, iTXt, tIME, eXIf and every other ancillary chunk.
 *   <li>GIF: header, screen descriptor, colour tables, graphic control extensions, image data, NETSCAPE2.0 and
 *       ANIMEXTS1.0 looping extensions, ICCRGBG1 colour profiles, trailer. Dropped: comments, plain-text extensions
 *       (with the graphic control extension that belongs to each) and other application extensions such as XMP.
 *   <li>WebP: VP8X (flags rewritten), ICCP, ANIM, ANMF (rebuilt without unknown sub-chunks), ALPH, VP8, VP8L. Dropped:
 *       EXIF, XMP and unknown chunks. The RIFF size is recomputed.
 * </ul>
 *
 * <p>Orientation 2 to 8 is kept as a minimal EXIF block with only the Orientation tag: a JPEG APP1 segment, a PNG
 * eXIf chunk or a WebP EXIF chunk. Browsers apply the tag in JPEG, while support in PNG and WebP differs between
 * browsers and versions (see https://zpl.fi/exif-orientation-in-different-formats/). Keeping the tag is the only
 * choice that leaves every viewer's display unchanged. Orientation 1 writes no EXIF at all.
 *
 * <p>The stripper walks the file again rather than trusting a cached layout, so it uses a few 64 KiB buffers whatever
 * the file size. It expects a file that {@link dev.temppic.upload.validation.ImageInspector} accepted and that has not
 * changed since. Anything else makes it throw an {@link IOException}, possibly after part of the output was written.
 * Thread-safe.
 */
public final class MetadataStripper {

    /**
     * Writes the image without metadata to {@code out}, which is flushed but not closed.
     *
     * @param image the result of inspecting {@code file}, which supplies the format and the orientation to keep
     * @return the number of bytes written
     * @throws IOException when reading or writing fails, or the file does not have the inspected structure
     */
    public long strip(Path file, InspectedImage image, OutputStream out) throws IOException {
        Objects.requireNonNull(image, "image");
        // Sub-blocks and headers are written a few bytes at a time, so buffer them for the caller's stream.
        CountingOutputStream counting = new CountingOutputStream(
                new BufferedOutputStream(Objects.requireNonNull(out, "out"), 64 * 1024));
        try (ImageFileInput input = ImageFileInput.open(file)) {
            switch (image.format()) {
                case JPEG -> new JpegMetadataStripper(input, counting).strip(image.orientation());
                case PNG -> new PngMetadataStripper(input, counting).strip(image.orientation());
                case GIF -> new GifMetadataStripper(input, counting).strip();
                case WEBP -> new WebpMetadataStripper(input, counting).strip(image.orientation());
            }
        }
        counting.flush();
        return counting.count;
    }

    /** Creates the exception for a file whose structure differs from what the inspection accepted. */
    static IOException notAsInspected(String format, String problem) {
        return new IOException("The " + format + " file does not have the structure that its inspection accepted ("
                + problem + "). Strip only files that ImageInspector accepted, without changing them in between.");
    }

    /** Counts the bytes written through it and leaves the target open. */
    private static final class CountingOutputStream extends FilterOutputStream {
        private long count;

        CountingOutputStream(OutputStream target) {
            super(target);
        }

        @Override
        public void write(int value) throws IOException {
            out.write(value);
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            count += length;
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
