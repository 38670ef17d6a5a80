package io.capsa.sys;

import static io.capsa.sys.ArchConstant.BPF_CGROUP_DEVICE;
import static io.capsa.sys.ArchConstant.BPF_F_ALLOW_MULTI;
import static io.capsa.sys.ArchConstant.BPF_PROG_TYPE_CGROUP_DEVICE;
import static io.capsa.sys.ArchConstant.FD_CLOEXEC;
import static io.capsa.sys.ArchConstant.O_CLOEXEC;
import static io.capsa.sys.ArchConstant.O_DIRECTORY;
import static io.capsa.sys.ArchConstant.O_RDONLY;
import static io.capsa.sys.HostConstants.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * bpf(2) with cgroup device programs: loading, the verifier's reasons for a refusal, and, as
 * root on a cgroup2 mount, attaching a program that really denies /dev/null, finding it by
 * query and id, and detaching it again.
 */
class HostBpfTest {
  private static final String LICENSE = "Apache-2.0";
  private final HostSyscalls host = HostSyscalls.get();

  /** mov r0, 1; exit: allows every device. */
  private static final byte[] ALLOW_ALL = program(
      insn(0xb7, 0, 0, 0, 1),
      insn(0x95, 0, 0, 0, 0));

  /** Denies char device 1:3 (/dev/null), allows everything else, like the guest's cg2probe. */
  private static final byte[] DENY_DEV_NULL = program(
      insn(0x61, 4, 1, 4, 0), // r4 = ctx->major
      insn(0x61, 5, 1, 8, 0), // r5 = ctx->minor
      insn(0x55, 4, 0, 3, 1), // if r4 != 1 goto allow
      insn(0x55, 5, 0, 2, 3), // if r5 != 3 goto allow
      insn(0xb7, 0, 0, 0, 0), // r0 = 0
      insn(0x95, 0, 0, 0, 0), // exit
      insn(0xb7, 0, 0, 0, 1), // allow: r0 = 1
      insn(0x95, 0, 0, 0, 0)); // exit

  @Test
  void loadsADeviceProgramAsACloseOnExecFd() {
    try (Fd program = host.bpfProgLoad(value(BPF_PROG_TYPE_CGROUP_DEVICE), ALLOW_ALL, LICENSE,
        "capsa_test")) {
      assertEquals(value(FD_CLOEXEC), host.getFdFlags(program) & value(FD_CLOEXEC));
    }
  }

  @Test
  void aRefusedProgramCarriesTheVerifiersReason() {
    byte[] exitWithoutResult = program(insn(0x95, 0, 0, 0, 0));
    BpfLoadException refused = assertThrows(BpfLoadException.class,
        () -> host.bpfProgLoad(value(BPF_PROG_TYPE_CGROUP_DEVICE), exitWithoutResult, LICENSE,
            "capsa_bad"));
    assertTrue(refused.is(Errno.EACCES) || refused.is(Errno.EINVAL), refused.getMessage());
    assertTrue(refused.verifierLog().contains("R0"), refused.verifierLog());
    assertTrue(refused.getMessage().startsWith("bpf BPF_PROG_LOAD capsa_bad: "),
        refused.getMessage());
  }

  @Test
  void anAttachedProgramDeniesDevicesInItsCgroupUntilDetached() throws Exception {
    assumeTrue(host.geteuid() == 0, "attaching cgroup programs needs root");
    Optional<Path> cgroup2 = cgroup2Mount();
    assumeTrue(cgroup2.isPresent(), "needs a cgroup2 mount");
    Path cgroup = Files.createDirectory(
        cgroup2.get().resolve("capsa-bpf-test-" + ProcessHandle.current().pid()));
    int attachType = value(BPF_CGROUP_DEVICE);
    try (Fd directory = host.openat2(Fd.cwd(), cgroup.toString(),
            OpenHow.of(value(O_RDONLY, O_DIRECTORY, O_CLOEXEC), 0));
        Fd program = host.bpfProgLoad(value(BPF_PROG_TYPE_CGROUP_DEVICE), DENY_DEV_NULL,
            LICENSE, "capsa_test")) {
      host.bpfProgAttach(directory, program, attachType, value(BPF_F_ALLOW_MULTI));

      List<Integer> attached = host.bpfProgQuery(directory, attachType);
      assertEquals(1, attached.size(), attached.toString());
      try (Fd byId = host.bpfProgGetFdById(attached.get(0))) {
        assertEquals("Operation not permitted\nzero\n", openDevicesIn(cgroup));
        host.bpfProgDetach(directory, byId, attachType);
      }
      assertEquals(List.of(), host.bpfProgQuery(directory, attachType));
      assertEquals("null\nzero\n", openDevicesIn(cgroup));
    } finally {
      Files.delete(cgroup);
    }
  }

  /** Runs a shell in {@code cgroup} that opens /dev/null and /dev/zero, reporting each. */
  private String openDevicesIn(Path cgroup) throws IOException {
    Path out = Files.createTempFile("capsa-bpf", ".out");
    try (Fd stdout = host.openat2(Fd.cwd(), out.toString(),
        OpenHow.of(value(ArchConstant.O_WRONLY, O_CLOEXEC), 0))) {
      String script = "echo $$ > " + cgroup + "/cgroup.procs\n"
          + "for d in null zero; do\n"
          + "  if (: < /dev/$d) 2>/dev/zero; then echo $d;"
          + "  else echo 'Operation not permitted'; fi\n"
          + "done";
      try (SpawnedProcess shell = host.spawn(new SpawnRequest("/bin/sh",
          List.of("sh", "-c", script), List.of("PATH=/usr/bin:/bin"),
          Map.of(1, stdout, 2, Fd.borrowed(2))))) {
        assertEquals(0, host.awaitExit(shell.pidfd()).shellStatus());
      }
      return Files.readString(out);
    } finally {
      Files.delete(out);
    }
  }

  private static Optional<Path> cgroup2Mount() throws IOException {
    return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
        .map(line -> line.split(" "))
        .filter(fields -> List.of(fields).contains("cgroup2"))
        .map(fields -> Path.of(fields[4]))
        .findFirst();
  }

  private static byte[] insn(int code, int dst, int src, int offset, int immediate) {
    return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
        .put((byte) code)
        .put((byte) (src << 4 | dst))
        .putShort((short) offset)
        .putInt(immediate)
        .array();
  }

  private static byte[] program(byte[]... instructions) {
    ByteBuffer program = ByteBuffer.allocate(instructions.length * 8);
    for (byte[] instruction : instructions) {
      program.put(instruction);
    }
    return program.array();
  }
}
