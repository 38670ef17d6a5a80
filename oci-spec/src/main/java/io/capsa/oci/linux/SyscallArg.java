package io.capsa.oci.linux;

import io.capsa.oci.schema.Required;
import io.capsa.oci.schema.Uint32;
import io.capsa.oci.schema.Uint64;
import io.capsa.oci.schema.UnknownFields;
import java.util.Objects;

/**
 * A condition on one syscall argument.
 *
 * @param index which argument, from 0
 * @param valueTwo the second operand of SCMP_CMP_MASKED_EQ
 */
public record SyscallArg(
    @Uint32 long index,
    @Uint64 long value,
    @Uint64 Long valueTwo,
    @Required SeccompOperator op,
    UnknownFields unknownFields) {
  public SyscallArg {
    Objects.requireNonNull(op, "op");
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** Creates one without unknown fields. */
  public SyscallArg(long index, long value, Long valueTwo, SeccompOperator op) {
    this(index, value, valueTwo, op, UnknownFields.none());
  }
}
