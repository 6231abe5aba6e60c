package dev.temppic.model.keys;

/** Names in the S3-compatible object store. */
public final class StoreNames {

    /** The private bucket that contains every encrypted image object. */
    public static final String BUCKET = "temppic-images";

    private StoreNames() {
    }
}
