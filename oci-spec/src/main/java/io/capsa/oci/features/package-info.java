/**
 * The parts of the features document ({@link io.capsa.oci.Features}) a runtime reports for Linux.
 */
package io.capsa.oci.features;
