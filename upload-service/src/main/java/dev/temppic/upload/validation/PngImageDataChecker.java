package dev.temppic.upload.validation;

import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Check that inflates one zlib stream of PNG image data, either the IDAT chunks or the fdAT chunks of one APNG frame,
 * and checks it without keeping pixels. The stream must end, nothing may follow its end, and it must inflate to exactly
 * the filtered rows of the frame size (with Adam7 passes when interlaced), each row starting with a filter type 0 to 4.
 *
 * <p>Because compressed data is fed from a shared read buffer, a failure is recorded rather than thrown, and the caller
 * collects it with {@link #failure()} after the chunk. Memory use is one 64 KiB output buffer and the inflater's
 * window, whatever the image size.
 */
final class PngImageDataChecker implements AutoCloseable {

    private static final int[] ADAM7_START_COLUMN = {0, 4, 0, 2, 0, 1, 0};
    private static final int[] ADAM7_COLUMN_STEP = {8, 8, 4, 4, 2, 2, 1};
    private static final int[] ADAM7_START_ROW = {0, 0, 4, 0, 2, 0, 1};
    private static final int[] ADAM7_ROW_STEP = {8, 8, 8, 4, 4, 2, 2};

    private final String subject;
    private final Inflater inflater = new Inflater();
    private final byte[] output = new byte[ImageFileInput.BUFFER_SIZE];
    /** Rows of each non-empty pass. A non-interlaced image has a single pass. */
    private final long[] passRows;
    /** Bytes per row of each pass, including the leading filter type byte. */
    private final long[] passRowBytes;

    private int pass;
    private long row;
    private long positionInRow;
    private String failure;

    /**
     * @param subject what the data belongs to in a detail, such as "image data" or "frame 2"
     * @param bitsPerPixel bits per pixel, the bit depth times the number of channels
     */
    PngImageDataChecker(String subject, long width, long height, int bitsPerPixel, boolean interlaced) {
        this.subject = subject;
        int passes = interlaced ? 7 : 1;
        long[] rows = new long[passes];
        long[] rowBytes = new long[passes];
        int nonEmpty = 0;
        for (int index = 0; index < passes; index++) {
            long passWidth = interlaced ? passSize(width, ADAM7_START_COLUMN[index], ADAM7_COLUMN_STEP[index]) : width;
            long passHeight = interlaced ? passSize(height, ADAM7_START_ROW[index], ADAM7_ROW_STEP[index]) : height;
            if (passWidth > 0 && passHeight > 0) {
                rows[nonEmpty] = passHeight;
                rowBytes[nonEmpty] = 1 + (passWidth * bitsPerPixel + 7) / 8;
                nonEmpty++;
            }
        }
        this.passRows = Arrays.copyOf(rows, nonEmpty);
        this.passRowBytes = Arrays.copyOf(rowBytes, nonEmpty);
    }

    /** Inflates the next run of compressed bytes, unless a failure was already recorded. */
    void accept(byte[] bytes, int offset, int length) {
        if (failure != null || length == 0) {
            return;
        }
        if (inflater.finished()) {
            failure = "The PNG " + subject + " continues after the end of its compressed stream.";
            return;
        }
        inflater.setInput(bytes, offset, length);
        try {
            while (failure == null && !inflater.finished() && !inflater.needsInput()) {
                int inflated = inflater.inflate(output);
                if (inflated > 0) {
                    consumeRows(inflated);
                } else if (inflater.needsDictionary()) {
                    failure = "The PNG " + subject + " needs a preset zlib dictionary, which PNG does not allow.";
                } else if (!inflater.needsInput() && !inflater.finished()) {
                    failure = "The PNG " + subject + " could not be decompressed.";
                }
            }
        } catch (DataFormatException e) {
            failure = "The PNG " + subject + " is not a valid zlib stream (" + e.getMessage() + ").";
        }
        if (failure == null && inflater.finished() && inflater.getRemaining() > 0) {
            failure = "The PNG " + subject + " continues after the end of its compressed stream.";
        }
        // Drop the reference to the caller's buffer, which is reused after this call.
        inflater.setInput(new byte[0]);
    }

    /** Returns the first problem found while inflating, or null. */
    String failure() {
        return failure;
    }

    /** Returns the problem with the complete stream, or null when it ended with exactly the expected rows. */
    String finish() {
        if (failure != null) {
            return failure;
        }
        if (!inflater.finished()) {
            return "The compressed PNG " + subject + " ends before its zlib stream is complete.";
        }
        if (pass < passRows.length) {
            return "The PNG " + subject + " contains fewer rows of pixels than its size needs.";
        }
        return null;
    }

    @Override
    public void close() {
        inflater.end();
    }

    private void consumeRows(int count) {
        int index = 0;
        while (index < count) {
            if (pass >= passRows.length) {
                failure = "The PNG " + subject + " contains more pixel data than its size needs.";
                return;
            }
            if (positionInRow == 0) {
                int filterType = output[index] & 0xFF;
                if (filterType > 4) {
                    failure = "The PNG " + subject + " uses the invalid row filter type " + filterType + ".";
                    return;
                }
                positionInRow = 1;
                index++;
            } else {
                long take = Math.min(count - index, passRowBytes[pass] - positionInRow);
                positionInRow += take;
                index += (int) take;
            }
            if (positionInRow == passRowBytes[pass]) {
                positionInRow = 0;
                row++;
                if (row == passRows[pass]) {
                    row = 0;
                    pass++;
                }
            }
        }
    }

    private static long passSize(long size, int start, int step) {
        return size <= start ? 0 : (size - start + step - 1) / step;
    }
}
