package dev.temppic.serving.store;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The ciphertext of one object as it arrives from the store. Remembers whether a read from the store
 * failed, because Tink's decrypting stream reports such a failure on its first read as "no matching key",
 * which would otherwise look like a corrupt object.
 */
public final class StoreObjectStream extends FilterInputStream {

    private volatile IOException readFailure;

    public StoreObjectStream(InputStream objectContent) {
        super(objectContent);
    }

    /** Returns the first failure of a read from the store, or {@code null} when every read succeeded. */
    public IOException readFailure() {
        return readFailure;
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (IOException e) {
            throw remember(e);
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        try {
            return super.read(buffer, offset, length);
        } catch (IOException e) {
            throw remember(e);
        }
    }

    @Override
    public long skip(long count) throws IOException {
        try {
            return super.skip(count);
        } catch (IOException e) {
            throw remember(e);
        }
    }

    private IOException remember(IOException e) {
        if (readFailure == null) {
            readFailure = e;
        }
        return e;
    }
}
