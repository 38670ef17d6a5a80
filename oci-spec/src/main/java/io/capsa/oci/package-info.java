/**
 * OCI documents as immutable records, and their JSON form.
 *
 * <p>{@link io.capsa.oci.OciJson} reads and writes them; a document that does not fit the spec
 * raises {@link io.capsa.oci.OciSpecException}, which lists every {@link io.capsa.oci.Problem} with
 * its JSON path. The runtime-spec 1.3.0 documents are {@link io.capsa.oci.Spec} (config.json),
 * {@link io.capsa.oci.State} and {@link io.capsa.oci.Features}; the platform sections of
 * config.json live in {@code io.capsa.oci.linux}, {@code .freebsd}, {@code .solaris}, {@code
 * .windows}, {@code .vm} and {@code .zos}, the Linux part of the features document in {@code
 * io.capsa.oci.features}, and image-spec 1.1 in {@code io.capsa.oci.image}. Conventions shared by
 * every record are described in {@link io.capsa.oci.schema}.
 */
package io.capsa.oci;
