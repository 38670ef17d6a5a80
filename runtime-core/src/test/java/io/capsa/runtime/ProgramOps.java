package io.capsa.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsa.init.Arg;
import io.capsa.init.InitProgram;
import io.capsa.init.Op;
import io.capsa.sys.Arch;
import io.capsa.sys.ArchConstant;
import io.capsa.sys.Syscall;
import java.util.List;

/** Finding ops of a generated program by their descriptions. */
final class ProgramOps {
  private ProgramOps() {}

  static List<String> descriptions(InitProgram program) {
    return program.ops().stream().map(Op::description).toList();
  }

  /** The index of the first op whose description starts with {@code prefix}; fails if none. */
  static int at(InitProgram program, String prefix) {
    List<String> descriptions = descriptions(program);
    for (int i = 0; i < descriptions.size(); i++) {
      if (descriptions.get(i).startsWith(prefix)) {
        return i;
      }
    }
    throw new AssertionError("no op \"" + prefix + "...\" in\n" + program.render());
  }

  static void assertInOrder(InitProgram program, String... prefixes) {
    int previous = -1;
    for (String prefix : prefixes) {
      int index = at(program, prefix);
      assertTrue(index > previous, "\"" + prefix + "\" (op " + index + ") should come after op "
          + previous + " in\n" + program.render());
      previous = index;
    }
  }

  /** The program's first op is prctl(PR_SET_DUMPABLE, 0), before it holds anything of the host. */
  static void assertStartsNonDumpable(Arch arch, InitProgram program) {
    Op first = program.op(0);
    assertEquals(Syscall.PRCTL, first.syscall());
    assertEquals(arch.constant(ArchConstant.PR_SET_DUMPABLE),
        ((Arg.Immediate) first.args().get(0)).value());
    assertEquals(Arg.of(0), first.args().get(1));
  }
}
