package io.capsa.runtime.process;

import static io.capsa.sys.ArchConstant.IOPRIO_CLASS_SHIFT;
import static io.capsa.sys.ArchConstant.IOPRIO_WHO_PROCESS;

import io.capsa.init.InitProgramBuilder;
import io.capsa.oci.IoPriority;
import io.capsa.runtime.config.ConfigProblems;
import io.capsa.sys.ArchConstant;

/** An I/O scheduling class and its level (0, highest, to 7), set with ioprio_set(2). */
record IoPrioritySetting(ArchConstant ioClass, int level) {
  private static final int LOWEST_LEVEL = 7;

  static IoPrioritySetting from(IoPriority priority, String path, ConfigProblems problems) {
    int level = priority.priority() == null ? 0 : priority.priority();
    if (level < 0 || level > LOWEST_LEVEL) {
      problems.add(path + ".priority", "must be from 0 to " + LOWEST_LEVEL + ", was " + level);
    }
    // The spec names the classes as the kernel's headers do.
    return new IoPrioritySetting(ArchConstant.valueOf(priority.priorityClass().name()), level);
  }

  void emit(InitProgramBuilder b) {
    long value = b.constant(ioClass) << b.constant(IOPRIO_CLASS_SHIFT) | level;
    b.ioprioSet((int) b.constant(IOPRIO_WHO_PROCESS), 0, (int) value)
        .describedAs("set I/O priority " + ioClass + " level " + level);
  }
}
