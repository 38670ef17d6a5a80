/** The Linux section of config.json. */
package io.capsa.oci.linux;
