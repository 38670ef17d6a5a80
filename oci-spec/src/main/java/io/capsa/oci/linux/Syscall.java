package io.capsa.oci.linux;

import io.capsa.oci.schema.Immutable;
import io.capsa.oci.schema.MinItems;
import io.capsa.oci.schema.Required;
import io.capsa.oci.schema.Uint32;
import io.capsa.oci.schema.UnknownFields;
import java.util.List;
import java.util.Objects;

/** A seccomp rule: the action for the named syscalls when all of its argument conditions hold. */
public record Syscall(
    @Required @MinItems(1) List<String> names,
    @Required SeccompAction action,
    @Uint32 Long errnoRet,
    List<SyscallArg> args,
    UnknownFields unknownFields) {
  public Syscall {
    Objects.requireNonNull(names, "names");
    Objects.requireNonNull(action, "action");
    names = Immutable.list(names);
    args = Immutable.list(args);
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** Creates one without unknown fields. */
  public Syscall(List<String> names, SeccompAction action, Long errnoRet, List<SyscallArg> args) {
    this(names, action, errnoRet, args, UnknownFields.none());
  }

  /** A rule without an errno or argument conditions. */
  public Syscall(List<String> names, SeccompAction action) {
    this(names, action, null, null, UnknownFields.none());
  }
}
