/** The z/OS section of config.json. */
package io.capsa.oci.zos;
