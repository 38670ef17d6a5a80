package io.capsa.oci;

import io.capsa.oci.schema.Immutable;
import io.capsa.oci.schema.Range;
import io.capsa.oci.schema.Required;
import io.capsa.oci.schema.UnknownFields;
import java.util.List;
import java.util.Objects;

/**
 * One hook program.
 *
 * @param path absolute path of the program, in the runtime namespace
 * @param args argv, including argv[0]
 * @param timeout seconds before the hook is aborted, at least 1
 */
public record Hook(
    @Required String path,
    List<String> args,
    List<String> env,
    @Range(min = 1) Integer timeout,
    UnknownFields unknownFields) {
  public Hook {
    Objects.requireNonNull(path, "path");
    args = Immutable.list(args);
    env = Immutable.list(env);
    unknownFields = UnknownFields.orNone(unknownFields);
  }

  /** Creates one without unknown fields. */
  public Hook(String path, List<String> args, List<String> env, Integer timeout) {
    this(path, args, env, timeout, UnknownFields.none());
  }

  /** A hook that runs {@code path} with no arguments, environment or timeout. */
  public Hook(String path) {
    this(path, null, null, null, UnknownFields.none());
  }
}
