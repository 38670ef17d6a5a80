package io.capsa.oci;

/** An I/O scheduling class of ioprio_set(2). */
public enum IoPriorityClass {
  IOPRIO_CLASS_RT,
  IOPRIO_CLASS_BE,
  IOPRIO_CLASS_IDLE
}
