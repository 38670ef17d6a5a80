package io.capsa.oci.linux;

import io.capsa.oci.schema.Immutable;
import io.capsa.oci.schema.Required;
import io.capsa.oci.schema.Uint32;
import io.capsa.oci.schema.UnknownFields;
import java.util.List;
import java.util.Objects;

/**
 * The seccomp filter of the container process.
 *
 * @param defaultAction what happens to a syscall no rule matches
 * @param defaultErrnoRet the errno of a default SCMP_ACT_ERRNO or SCMP_ACT_TRACE
 * @param listenerPath the UNIX socket SCMP_ACT_NOTIFY file descriptors are sent to
 */
public record Seccomp(
    @Required SeccompAction defaultAction,
    @Uint32 Long defaultErrnoRet,
    List<SeccompArch> architectures,
    List<SeccompFlag> flags,
    String listenerPath,
    String listenerMetadata,
    List<Syscall> syscalls,
    UnknownFields unknownFields) {
  public Seccomp {
    Objects.requireNonNull(defaultAction, "defaultAction");
    architectures = Immutable.list(architectures);
    flags = Immutable.list(flags);
    syscalls = Immutable.list(syscalls);
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** A builder with every member absent. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this {@code Seccomp}. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a {@link Seccomp}; members left unset stay absent. */
  public static final class Builder {
    private SeccompAction defaultAction;
    private Long defaultErrnoRet;
    private List<SeccompArch> architectures;
    private List<SeccompFlag> flags;
    private String listenerPath;
    private String listenerMetadata;
    private List<Syscall> syscalls;
    private UnknownFields unknownFields = UnknownFields.none();

    private Builder() {}

    private Builder(Seccomp from) {
      defaultAction = from.defaultAction;
      defaultErrnoRet = from.defaultErrnoRet;
      architectures = from.architectures;
      flags = from.flags;
      listenerPath = from.listenerPath;
      listenerMetadata = from.listenerMetadata;
      syscalls = from.syscalls;
      unknownFields = from.unknownFields;
    }

    public Builder defaultAction(SeccompAction defaultAction) {
      this.defaultAction = defaultAction;
      return this;
    }

    public Builder defaultErrnoRet(Long defaultErrnoRet) {
      this.defaultErrnoRet = defaultErrnoRet;
      return this;
    }

    public Builder architectures(List<SeccompArch> architectures) {
      this.architectures = architectures;
      return this;
    }

    public Builder flags(List<SeccompFlag> flags) {
      this.flags = flags;
      return this;
    }

    public Builder listenerPath(String listenerPath) {
      this.listenerPath = listenerPath;
      return this;
    }

    public Builder listenerMetadata(String listenerMetadata) {
      this.listenerMetadata = listenerMetadata;
      return this;
    }

    public Builder syscalls(List<Syscall> syscalls) {
      this.syscalls = syscalls;
      return this;
    }

    public Builder unknownFields(UnknownFields unknownFields) {
      this.unknownFields = unknownFields;
      return this;
    }

    public Seccomp build() {
      return new Seccomp(
          defaultAction,
          defaultErrnoRet,
          architectures,
          flags,
          listenerPath,
          listenerMetadata,
          syscalls,
          unknownFields);
    }
  }
}
