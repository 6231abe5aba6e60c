/**
 * Content validation of uploaded images, before anything is stored. Plain Java without Spring.
 *
 * <p>{@link dev.temppic.upload.validation.ImageInspector#inspect(java.nio.file.Path)} takes the uploaded file and
 * returns an {@link dev.temppic.upload.validation.InspectedImage}, or throws an
 * {@link dev.temppic.upload.validation.ImageRejectedException} whose kind maps to the HTTP status (400, 415 or 422) and
 * whose detail is the sentence for the problem response. The type comes from the content only.
 */
package dev.temppic.upload.validation;
