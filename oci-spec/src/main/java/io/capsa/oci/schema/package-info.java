/**
 * The vocabulary every document record shares: annotations that give a component's JSON member name
 * and the constraints the OCI JSON schemas put on its value, {@link
 * io.capsa.oci.schema.UnknownFields} for members a record does not define, and {@link
 * io.capsa.oci.schema.Immutable} for the copies records keep.
 *
 * <p>Conventions of every record: an absent member is {@code null}, an explicitly empty list or map
 * stays empty, and the last component {@code unknownFields} keeps members the record does not
 * define so that a parse and write loses nothing. A primitive component is a required member; a
 * reference component is required when annotated {@link io.capsa.oci.schema.Required}.
 */
package io.capsa.oci.schema;
