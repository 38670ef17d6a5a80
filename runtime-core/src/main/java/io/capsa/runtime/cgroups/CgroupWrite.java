package io.capsa.runtime.cgroups;

import java.util.Objects;

/**
 * One value to write to one interface file of a container's cgroup, with the configuration
 * member it comes from, and what to do when the file does not exist on this kernel.
 *
 * @param file the interface file, e.g. {@code memory.max}
 * @param value what one write(2) puts in it
 * @param source the JSON path of the configuration member the value comes from
 * @param whenAbsent what a missing file means
 * @param instead with {@link WhenAbsent#WRITE_INSTEAD}, the write to make in its place
 * @param retryLastOnInvalid whether an EINVAL is retried once every other write is done; the
 *     kernel checks some values against others (cpu.max.burst against cpu.max), so the right
 *     order depends on whether a limit grows or shrinks
 */
public record CgroupWrite(String file, String value, String source, WhenAbsent whenAbsent,
    CgroupWrite instead, boolean retryLastOnInvalid) {

  /** What a write does when its file does not exist. */
  public enum WhenAbsent {
    /** The write fails: the kernel lacks what the configuration asks for. */
    FAIL,
    /** Nothing is written: the value is what the kernel does anyway without the file. */
    SKIP,
    /** {@link CgroupWrite#instead} is written: io.weight when BFQ's io.bfq.weight is absent. */
    WRITE_INSTEAD
  }

  public CgroupWrite {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(source, "source");
    if ((whenAbsent == WhenAbsent.WRITE_INSTEAD) != (instead != null)) {
      throw new IllegalArgumentException("a write has a replacement exactly when it asks for one");
    }
  }

  /** A write that fails when the file is absent. */
  public static CgroupWrite of(String file, String value, String source) {
    return new CgroupWrite(file, value, source, WhenAbsent.FAIL, null, false);
  }

  /** This write, skipped when its file is absent. */
  public CgroupWrite skippedWhenAbsent() {
    return new CgroupWrite(file, value, source, WhenAbsent.SKIP, null, retryLastOnInvalid);
  }

  /** This write, with {@code other} made instead when its file is absent. */
  public CgroupWrite orInstead(CgroupWrite other) {
    return new CgroupWrite(file, value, source, WhenAbsent.WRITE_INSTEAD, other,
        retryLastOnInvalid);
  }

  /** This write, retried after all others when the kernel says EINVAL. */
  public CgroupWrite retriedLastOnInvalid() {
    return new CgroupWrite(file, value, source, whenAbsent, instead, true);
  }

  /**
   * The controller the file belongs to, by its prefix: {@code memory} for memory.max; empty
   * for the core's cgroup.* files, which need none.
   */
  public String controller() {
    String prefix = file.substring(0, Math.max(file.indexOf('.'), 0));
    return prefix.equals("cgroup") ? "" : prefix;
  }

  /** How tests and logs show it: {@code memory.max=1048576}, plus what happens otherwise. */
  @Override
  public String toString() {
    String shown = file + "=" + value + switch (whenAbsent) {
      case FAIL -> "";
      case SKIP -> " (skipped when absent)";
      case WRITE_INSTEAD -> " (else " + instead + ")";
    };
    return retryLastOnInvalid ? shown + " (retried last on EINVAL)" : shown;
  }
}
