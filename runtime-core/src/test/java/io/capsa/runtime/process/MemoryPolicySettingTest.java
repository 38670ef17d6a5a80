package io.capsa.runtime.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsa.init.InitProgram;
import io.capsa.init.InitProgramBuilder;
import io.capsa.oci.linux.MemoryPolicy;
import io.capsa.oci.linux.MemoryPolicyFlag;
import io.capsa.oci.linux.MemoryPolicyMode;
import io.capsa.runtime.config.ConfigProblems;
import io.capsa.sys.Arch;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** linux.memoryPolicy: checked with runc's and the kernel's rules, set with set_mempolicy. */
class MemoryPolicySettingTest {
  private static final KernelFeatures KERNEL = new KernelFeatures(40, false, false);

  private static List<String> problems(MemoryPolicy policy) {
    ConfigProblems problems = new ConfigProblems();
    ProcessPlan.from(ProcessPlanTest.base().build(), "$.process",
        new ProcessContext(ProcessRole.INIT, false, 0, null, policy, KERNEL), problems);
    List<String> lines = new ArrayList<>();
    problems.list().forEach(problem -> lines.add(problem.toString()));
    return lines;
  }

  private static String rendered(MemoryPolicy policy, ProcessRole role) {
    ProcessPlan plan = ProcessPlan.from(ProcessPlanTest.base().build(), "$",
        new ProcessContext(role, false, 0, null, policy, KERNEL), new ConfigProblems());
    InitProgramBuilder b = InitProgram.builder(Arch.X86_64);
    plan.emitSetup(b, b.atFdcwd());
    plan.emitLateSeccomp(b);
    plan.emitExec(b);
    return b.build().render();
  }

  @Test
  void everyProblemIsReportedAtTheMemoryPolicysPath() {
    assertEquals(List.of("$.linux.memoryPolicy.mode: is required"),
        problems(new MemoryPolicy(null, "0", null)));
    assertEquals(List.of("$.linux.memoryPolicy.nodes: MPOL_DEFAULT takes no nodes, got \"0\""),
        problems(new MemoryPolicy(MemoryPolicyMode.MPOL_DEFAULT, "0", null)));
    assertEquals(List.of("$.linux.memoryPolicy.nodes: MPOL_LOCAL takes no nodes, got \"1-2\""),
        problems(new MemoryPolicy(MemoryPolicyMode.MPOL_LOCAL, "1-2", null)));
    assertEquals(List.of("$.linux.memoryPolicy.nodes: MPOL_BIND needs at least one node"),
        problems(new MemoryPolicy(MemoryPolicyMode.MPOL_BIND, "", null)));
    assertEquals(List.of(
            "$.linux.memoryPolicy.nodes: MPOL_WEIGHTED_INTERLEAVE needs at least one node"),
        problems(new MemoryPolicy(MemoryPolicyMode.MPOL_WEIGHTED_INTERLEAVE, null, null)));
    assertEquals(List.of("$.linux.memoryPolicy.nodes: \"0-x\" is not a NUMA node list:"
            + " \"0-x\" is not a NUMA node number or range"),
        problems(new MemoryPolicy(MemoryPolicyMode.MPOL_PREFERRED, "0-x", null)));
    assertEquals(List.of("$.linux.memoryPolicy.flags: MPOL_F_STATIC_NODES and"
            + " MPOL_F_RELATIVE_NODES exclude each other"),
        problems(new MemoryPolicy(MemoryPolicyMode.MPOL_INTERLEAVE, "0", List.of(
            MemoryPolicyFlag.MPOL_F_STATIC_NODES, MemoryPolicyFlag.MPOL_F_RELATIVE_NODES))));
  }

  @Test
  void validPoliciesHaveNoProblem() {
    assertEquals(List.of(), problems(new MemoryPolicy(MemoryPolicyMode.MPOL_LOCAL, "", null)));
    assertEquals(List.of(),
        problems(new MemoryPolicy(MemoryPolicyMode.MPOL_PREFERRED, null, null)));
    assertEquals(List.of(), problems(new MemoryPolicy(MemoryPolicyMode.MPOL_BIND, "0,2-3",
        List.of(MemoryPolicyFlag.MPOL_F_STATIC_NODES))));
  }

  @Test
  void theModeAndItsFlagsGoToSetMempolicyWithTheNodeMask() {
    String rendered = rendered(new MemoryPolicy(MemoryPolicyMode.MPOL_BIND, "0,2-3",
        List.of(MemoryPolicyFlag.MPOL_F_STATIC_NODES)), ProcessRole.INIT);

    assertTrue(rendered.contains(
        "set_mempolicy(MPOL_BIND|MPOL_F_STATIC_NODES, {0, 2, 3}, 65)"), rendered);
    assertTrue(rendered.indexOf("set_mempolicy(") < rendered.indexOf("setresuid("),
        "while the runtime still is root\n" + rendered);
  }

  @Test
  void anExecdProcessGetsTheContainersPolicyToo() {
    assertTrue(rendered(new MemoryPolicy(MemoryPolicyMode.MPOL_INTERLEAVE, "0", null),
        ProcessRole.EXEC).contains("set_mempolicy(MPOL_INTERLEAVE, {0}, 65)"));
  }
}
