package io.capsa.runtime.seccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.capsa.oci.Problem;
import io.capsa.oci.linux.Seccomp;
import io.capsa.oci.linux.SeccompAction;
import io.capsa.oci.linux.SeccompFlag;
import io.capsa.oci.linux.SeccompOperator;
import io.capsa.oci.linux.Syscall;
import io.capsa.oci.linux.SyscallArg;
import io.capsa.runtime.config.ConfigProblems;
import io.capsa.sys.Arch;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every problem of a seccomp section is reported at once, each at its JSON path. */
class SeccompPlanValidationTest {

  @Test
  void everyProblemIsReportedWithItsPath() {
    Seccomp seccomp = Seccomp.builder()
        .defaultAction(SeccompAction.SCMP_ACT_NOTIFY)
        .defaultErrnoRet(5000L)
        .listenerPath("/run/agent.sock")
        .flags(List.of(SeccompFlag.SECCOMP_FILTER_FLAG_TSYNC,
            SeccompFlag.SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV))
        .syscalls(List.of(
            new Syscall(List.of("mkdir"), SeccompAction.SCMP_ACT_ALLOW),
            new Syscall(List.of("read", ""), SeccompAction.SCMP_ACT_NOTIFY, 70000L, List.of(
                new SyscallArg(0, 1, null, SeccompOperator.SCMP_CMP_EQ),
                new SyscallArg(6, 1, null, SeccompOperator.SCMP_CMP_EQ)))))
        .build();
    ConfigProblems problems = new ConfigProblems();

    SeccompPlan plan = SeccompPlan.from(seccomp, "$.linux.seccomp", Arch.X86_64, problems);

    assertNull(plan);
    assertEquals(List.of(
            "$.linux.seccomp.defaultErrnoRet",
            "$.linux.seccomp.defaultAction",
            "$.linux.seccomp.listenerPath",
            "$.linux.seccomp.flags[1]",
            "$.linux.seccomp.syscalls[1].errnoRet",
            "$.linux.seccomp.syscalls[1].action",
            "$.linux.seccomp.syscalls[1].args[1].index",
            "$.linux.seccomp.syscalls[1].names[1]"),
        problems.list().stream().map(Problem::jsonPath).toList(), problems.list().toString());
  }

  @Test
  void unknownSyscallNamesAreSkippedNotRefused() {
    Seccomp seccomp = Seccomp.builder().defaultAction(SeccompAction.SCMP_ACT_ALLOW)
        .syscalls(List.of(new Syscall(List.of("no_such_syscall", "s390_runtime_instr"),
            SeccompAction.SCMP_ACT_ERRNO)))
        .build();
    ConfigProblems problems = new ConfigProblems();

    SeccompPlan.from(seccomp, "$.linux.seccomp", Arch.X86_64, problems);

    assertEquals(List.of(), problems.list());
  }
}
