/** The FreeBSD section of config.json. */
package io.capsa.oci.freebsd;
