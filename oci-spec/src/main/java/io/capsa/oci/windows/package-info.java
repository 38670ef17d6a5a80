/** The Windows section of config.json. */
package io.capsa.oci.windows;
