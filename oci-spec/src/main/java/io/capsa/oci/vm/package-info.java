/** The section of config.json for containers run in a virtual machine. */
package io.capsa.oci.vm;
