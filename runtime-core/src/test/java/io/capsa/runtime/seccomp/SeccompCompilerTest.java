package io.capsa.runtime.seccomp;

import static io.capsa.oci.linux.SeccompAction.SCMP_ACT_ALLOW;
import static io.capsa.oci.linux.SeccompAction.SCMP_ACT_ERRNO;
import static io.capsa.oci.linux.SeccompAction.SCMP_ACT_KILL;
import static io.capsa.oci.linux.SeccompAction.SCMP_ACT_KILL_PROCESS;
import static io.capsa.oci.linux.SeccompAction.SCMP_ACT_LOG;
import static io.capsa.oci.linux.SeccompAction.SCMP_ACT_TRACE;
import static io.capsa.oci.linux.SeccompAction.SCMP_ACT_TRAP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsa.init.SockFilter;
import io.capsa.oci.OciJson;
import io.capsa.oci.linux.Seccomp;
import io.capsa.oci.linux.SeccompAction;
import io.capsa.oci.linux.SeccompArch;
import io.capsa.oci.linux.SeccompOperator;
import io.capsa.oci.linux.Syscall;
import io.capsa.oci.linux.SyscallArg;
import io.capsa.runtime.config.ConfigProblems;
import io.capsa.runtime.seccomp.SeccompFilterInterpreter.SeccompData;
import io.capsa.sys.Arch;
import io.capsa.sys.ArchConstant;
import io.capsa.sys.Errno;
import io.capsa.sys.SyscallAbi;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs compiled filters in {@link SeccompFilterInterpreter} over many {@code seccomp_data}
 * inputs and compares each verdict with {@link ExpectedVerdicts}, a direct reading of the
 * profile: both architectures, every ABI, every action and operator, 64-bit values on both
 * sides of each word, docker's default profile and a profile long enough for long jumps.
 */
class SeccompCompilerTest {
  private static final long[] EDGES = {0, 1, 2, 7, 8, 40, 0x7fffffffL, 0x80000000L, 0xfffffffeL,
      0xffffffffL, 0x100000000L, 0x100000001L, 0x1ffffffffL, 0xffffffff00000000L,
      0xfffffffffffffffeL, -1L, 0x7e020000L, 0x7e020011L, 0x20000L};

  @ParameterizedTest
  @EnumSource(Arch.class)
  void anErrnoRuleForMkdirGivesItsErrnoAndAllowsTheRest(Arch arch) {
    Seccomp seccomp = Seccomp.builder().defaultAction(SCMP_ACT_ALLOW)
        .syscalls(List.of(new Syscall(List.of("mkdir", "mkdirat"), SCMP_ACT_ERRNO, 13L, null)))
        .build();
    List<SockFilter> filter = compile(seccomp, arch);
    SyscallAbi abi = SyscallAbi.of(arch).get(0);
    int errno = (int) arch.constant(ArchConstant.SECCOMP_RET_ERRNO) | 13;

    assertEquals(errno, verdict(filter, abi, "mkdirat"));
    assertEquals(allow(arch), verdict(filter, abi, "openat"));
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void anotherArchGetsKillThread(Arch arch) {
    Seccomp seccomp = Seccomp.builder().defaultAction(SCMP_ACT_ALLOW).build();
    List<SockFilter> filter = compile(seccomp, arch);

    assertEquals((int) arch.constant(ArchConstant.SECCOMP_RET_KILL_THREAD),
        SeccompFilterInterpreter.run(filter, SeccompData.of(0x40000028, 1)));
  }

  @Test
  void x32NumbersOnAFilterWithoutX32GetKillThread() {
    Seccomp seccomp = Seccomp.builder().defaultAction(SCMP_ACT_ALLOW).build();
    List<SockFilter> filter = compile(seccomp, Arch.X86_64);

    assertEquals(0, SeccompFilterInterpreter.run(filter, SeccompData.of(
        SyscallAbi.X32.auditArch(), SyscallAbi.X32.number("read").getAsInt())));
    assertEquals(allow(Arch.X86_64), SeccompFilterInterpreter.run(filter, SeccompData.of(
        SyscallAbi.X86_64.auditArch(), SyscallAbi.X86_64.number("read").getAsInt())));
  }

  @Test
  void theNativeAbiIsAlwaysFilteredAndForeignArchitecturesAreLeftOut() {
    assertEquals(List.of(SyscallAbi.X86_64, SyscallAbi.I386),
        SeccompPlan.abis(List.of(SeccompArch.SCMP_ARCH_X86, SeccompArch.SCMP_ARCH_AARCH64),
            Arch.X86_64));
    assertEquals(List.of(SyscallAbi.PPC64LE),
        SeccompPlan.abis(List.of(SeccompArch.SCMP_ARCH_X86_64), Arch.PPC64LE));
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void everyOperatorComparesAll64Bits(Arch arch) {
    List<Syscall> rules = new ArrayList<>();
    String[] names = {"personality", "setuid", "setgid", "umask", "dup", "close", "alarm"};
    SeccompOperator[] ops = SeccompOperator.values();
    for (int i = 0; i < ops.length; i++) {
      for (long value : EDGES) {
        Long two = ops[i] == SeccompOperator.SCMP_CMP_MASKED_EQ ? value & 0xff0000ff0000L : null;
        rules.add(new Syscall(List.of(names[i]), SCMP_ACT_ERRNO, (long) (i + 1),
            List.of(new SyscallArg(i % 6, value, two, ops[i]))));
      }
    }
    checkAgainstModel(Seccomp.builder().defaultAction(SCMP_ACT_ALLOW).syscalls(rules).build(),
        arch, 0);
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void conditionsOnSeveralArgumentsMustAllHold(Arch arch) {
    Seccomp seccomp = Seccomp.builder().defaultAction(SCMP_ACT_ERRNO).defaultErrnoRet(99L)
        .syscalls(List.of(
            new Syscall(List.of("socket"), SCMP_ACT_ALLOW, null, List.of(
                new SyscallArg(0, 2, null, SeccompOperator.SCMP_CMP_EQ),
                new SyscallArg(1, 5, null, SeccompOperator.SCMP_CMP_LE),
                new SyscallArg(2, 0xff, 0x11L, SeccompOperator.SCMP_CMP_MASKED_EQ))),
            new Syscall(List.of("socket"), SCMP_ACT_TRAP, null, List.of(
                new SyscallArg(0, 10, null, SeccompOperator.SCMP_CMP_GE))),
            new Syscall(List.of("kill"), SCMP_ACT_KILL_PROCESS, null, List.of(
                new SyscallArg(1, 9, null, SeccompOperator.SCMP_CMP_EQ),
                new SyscallArg(1, 15, null, SeccompOperator.SCMP_CMP_EQ)))))
        .build();
    checkAgainstModel(seccomp, arch, 1);
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void everyActionHasTheKernelsValue(Arch arch) {
    List<Syscall> rules = new ArrayList<>();
    SeccompAction[] actions = {SCMP_ACT_KILL, SeccompAction.SCMP_ACT_KILL_THREAD,
        SCMP_ACT_KILL_PROCESS, SCMP_ACT_TRAP, SCMP_ACT_ERRNO, SCMP_ACT_TRACE, SCMP_ACT_LOG};
    String[] names = {"read", "write", "close", "dup", "pipe2", "getpid", "getuid"};
    for (int i = 0; i < actions.length; i++) {
      rules.add(new Syscall(List.of(names[i]), actions[i]));
    }
    List<SockFilter> filter = compile(
        Seccomp.builder().defaultAction(SCMP_ACT_ALLOW).syscalls(rules).build(), arch);
    SyscallAbi abi = SyscallAbi.of(arch).get(0);
    int eperm = Errno.EPERM.number(arch);
    long[] expected = {
        arch.constant(ArchConstant.SECCOMP_RET_KILL_THREAD),
        arch.constant(ArchConstant.SECCOMP_RET_KILL_THREAD),
        arch.constant(ArchConstant.SECCOMP_RET_KILL_PROCESS),
        arch.constant(ArchConstant.SECCOMP_RET_TRAP),
        arch.constant(ArchConstant.SECCOMP_RET_ERRNO) | eperm,
        arch.constant(ArchConstant.SECCOMP_RET_TRACE) | eperm,
        arch.constant(ArchConstant.SECCOMP_RET_LOG)};
    for (int i = 0; i < names.length; i++) {
      assertEquals((int) expected[i], verdict(filter, abi, names[i]), names[i]);
    }
  }

  /** Docker's default profile as containerd sends it for each architecture. */
  @ParameterizedTest
  @EnumSource(Arch.class)
  void dockersDefaultProfile(Arch arch) throws IOException {
    Seccomp seccomp = dockerDefault(arch);
    List<SockFilter> filter = compile(seccomp, arch);
    SyscallAbi abi = SyscallAbi.of(arch).get(0);
    int enosys = (int) arch.constant(ArchConstant.SECCOMP_RET_ERRNO) | Errno.ENOSYS.number(arch);
    int eperm = (int) arch.constant(ArchConstant.SECCOMP_RET_ERRNO) | 1;

    assertTrue(filter.size() < FilterAssembler.MAX_INSTRUCTIONS, "size " + filter.size());
    assertEquals(allow(arch), verdict(filter, abi, "openat"));
    assertEquals(eperm, verdict(filter, abi, "mount"));
    assertEquals(enosys, verdict(filter, abi, "clone3"));
    assertEquals(allow(arch), verdict(filter, abi, "personality", 8));
    assertEquals(eperm, verdict(filter, abi, "personality", 3));
    assertEquals(allow(arch), verdict(filter, abi, "clone", 0x11));
    assertEquals(eperm, verdict(filter, abi, "clone", 0x10000000));
    assertEquals(enosys, SeccompFilterInterpreter.run(filter,
        SeccompData.of(abi.auditArch(), 1000)), "a syscall newer than the profile");
    checkAgainstModel(seccomp, arch, 2);
  }

  @Test
  void dockersDefaultProfileOnTheI386AndX32Abis() throws IOException {
    List<SockFilter> filter = compile(dockerDefault(Arch.X86_64), Arch.X86_64);
    int eperm = (int) Arch.X86_64.constant(ArchConstant.SECCOMP_RET_ERRNO) | 1;

    assertEquals(allow(Arch.X86_64), verdict(filter, SyscallAbi.I386, "socketcall"));
    assertEquals(allow(Arch.X86_64), verdict(filter, SyscallAbi.X32, "openat"));
    assertEquals(eperm, verdict(filter, SyscallAbi.I386, "mount"));
  }

  /** Every syscall of the ABIs with its own rule: chunks, long jumps and the 4096 limit. */
  @ParameterizedTest
  @EnumSource(Arch.class)
  void aRuleForEverySyscallNeedsLongJumps(Arch arch) {
    List<Syscall> rules = new ArrayList<>();
    int n = 0;
    for (String name : SyscallAbi.of(arch).get(0).numbers().keySet()) {
      n++;
      rules.add(n % 3 == 0
          ? new Syscall(List.of(name), SCMP_ACT_ERRNO, (long) n % 200, List.of(
              new SyscallArg(n % 6, n, null, SeccompOperator.SCMP_CMP_GT)))
          : new Syscall(List.of(name), SCMP_ACT_ERRNO, (long) n % 200, null));
    }
    Seccomp seccomp = Seccomp.builder().defaultAction(SCMP_ACT_LOG).syscalls(rules).build();
    List<SockFilter> filter = compile(seccomp, arch);

    assertTrue(filter.size() > 256, "long enough to need long jumps: " + filter.size());
    checkAgainstModel(seccomp, arch, 3);
  }

  @Test
  void aFilterBeyond4096InstructionsIsAProblem() {
    List<Syscall> rules = new ArrayList<>();
    for (String name : SyscallAbi.X86_64.numbers().keySet()) {
      for (int i = 0; i < 3; i++) {
        rules.add(new Syscall(List.of(name), SCMP_ACT_ERRNO, 1L, List.of(
            new SyscallArg(0, i, null, SeccompOperator.SCMP_CMP_EQ),
            new SyscallArg(1, i, null, SeccompOperator.SCMP_CMP_EQ))));
      }
    }
    ConfigProblems problems = new ConfigProblems();
    SeccompPlan plan = SeccompPlan.from(
        Seccomp.builder().defaultAction(SCMP_ACT_ALLOW).syscalls(rules).build(),
        "$.linux.seccomp", Arch.X86_64, problems);

    assertEquals(null, plan);
    assertEquals("$.linux.seccomp", problems.list().get(0).jsonPath());
    assertTrue(problems.list().get(0).message().contains("4096"), problems.list().toString());
  }

  private static void checkAgainstModel(Seccomp seccomp, Arch arch, long seed) {
    List<SockFilter> filter = compile(seccomp, arch);
    ExpectedVerdicts model = new ExpectedVerdicts(seccomp, arch);
    Random random = new Random(seed);
    List<Integer> audits = new ArrayList<>();
    for (SyscallAbi abi : SyscallAbi.values()) {
      audits.add(abi.auditArch());
    }
    audits.add(0x40000028);
    int checked = 0;
    for (SyscallAbi abi : SyscallAbi.values()) {
      for (int nr : abi.numbers().values()) {
        for (int round = 0; round < 6; round++) {
          long[] args = new long[6];
          for (int i = 0; i < 6; i++) {
            args[i] = random.nextInt(3) == 0 ? random.nextLong() : EDGES[random.nextInt(
                EDGES.length)];
          }
          for (int audit : audits) {
            SeccompData data = new SeccompData(nr, audit, 0x1000, args);
            assertEquals(model.verdict(data), SeccompFilterInterpreter.run(filter, data),
                () -> abi + " nr " + nr + " audit 0x" + Integer.toHexString(audit) + " args "
                    + java.util.Arrays.toString(args));
            checked++;
          }
        }
      }
    }
    assertTrue(checked > 1000);
  }

  static List<SockFilter> compile(Seccomp seccomp, Arch arch) {
    ConfigProblems problems = new ConfigProblems();
    SeccompPlan plan = SeccompPlan.from(seccomp, "$.linux.seccomp", arch, problems);
    assertEquals(List.of(), problems.list());
    assertNotNull(plan);
    SeccompFilterInterpreter.verify(plan.filter());
    return plan.filter();
  }

  static Seccomp dockerDefault(Arch arch) throws IOException {
    String resource = "docker-default-" + (arch == Arch.X86_64 ? "amd64" : "ppc64le") + ".json";
    try (InputStream in = SeccompCompilerTest.class.getResourceAsStream(resource)) {
      return OciJson.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), Seccomp.class);
    }
  }

  private static int verdict(List<SockFilter> filter, SyscallAbi abi, String name,
      long... args) {
    return SeccompFilterInterpreter.run(filter,
        SeccompData.of(abi.auditArch(), abi.number(name).getAsInt(), args));
  }

  private static int allow(Arch arch) {
    return (int) arch.constant(ArchConstant.SECCOMP_RET_ALLOW);
  }
}
