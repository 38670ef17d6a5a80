package io.capsa.oci;

/** A Linux scheduling policy, as the kernel names it. */
public enum SchedulerPolicy {
  SCHED_OTHER,
  SCHED_FIFO,
  SCHED_RR,
  SCHED_BATCH,
  SCHED_ISO,
  SCHED_IDLE,
  SCHED_DEADLINE
}
