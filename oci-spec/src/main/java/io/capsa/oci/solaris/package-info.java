/** The Solaris section of config.json. */
package io.capsa.oci.solaris;
