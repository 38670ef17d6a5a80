package io.capsa.oci;

import io.capsa.oci.schema.Immutable;
import io.capsa.oci.schema.Required;
import io.capsa.oci.schema.Uint64;
import io.capsa.oci.schema.UnknownFields;
import java.util.List;
import java.util.Objects;

/**
 * The scheduling policy and attributes of the process, set with sched_setattr(2).
 *
 * @param runtime SCHED_DEADLINE runtime in nanoseconds
 * @param deadline SCHED_DEADLINE deadline in nanoseconds
 * @param period SCHED_DEADLINE period in nanoseconds
 */
public record Scheduler(
    @Required SchedulerPolicy policy,
    Integer nice,
    Integer priority,
    List<SchedulerFlag> flags,
    @Uint64 Long runtime,
    @Uint64 Long deadline,
    @Uint64 Long period,
    UnknownFields unknownFields) {
  public Scheduler {
    Objects.requireNonNull(policy, "policy");
    flags = Immutable.list(flags);
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** A scheduler entry with only its policy. */
  public Scheduler(SchedulerPolicy policy) {
    this(policy, null, null, null, null, null, null, UnknownFields.none());
  }
}
