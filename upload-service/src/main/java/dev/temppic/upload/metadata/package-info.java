/**
 * Lossless metadata removal for inspected images. Plain Java without Spring.
 *
 * <p>{@link dev.temppic.upload.metadata.MetadataStripper#strip} copies a file that
 * {@link dev.temppic.upload.validation.ImageInspector} accepted, leaving out EXIF (except a one-tag orientation
 * block), XMP, IPTC, comments, text chunks and other metadata, with the image data unchanged byte for byte.
 */
package dev.temppic.upload.metadata;
