/**
 * The image-spec 1.1 documents of an OCI image layout: {@link io.capsa.oci.image.ImageLayout},
 * {@link io.capsa.oci.image.ImageIndex}, {@link io.capsa.oci.image.ImageManifest} and {@link
 * io.capsa.oci.image.ImageConfig}, linked by {@link io.capsa.oci.image.Descriptor}s.
 */
package io.capsa.oci.image;
