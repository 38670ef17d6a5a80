package io.capsa.oci;

import io.capsa.oci.schema.JsonName;
import io.capsa.oci.schema.Required;
import io.capsa.oci.schema.UnknownFields;
import java.util.Objects;

/**
 * The I/O scheduling class and priority of the process, set with ioprio_set(2).
 *
 * @param priority the priority within the class
 */
public record IoPriority(
    @JsonName("class") @Required IoPriorityClass priorityClass,
    Integer priority,
    UnknownFields unknownFields) {
  public IoPriority {
    Objects.requireNonNull(priorityClass, "class");
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** Creates one without unknown fields. */
  public IoPriority(IoPriorityClass priorityClass, Integer priority) {
    this(priorityClass, priority, UnknownFields.none());
  }
}
