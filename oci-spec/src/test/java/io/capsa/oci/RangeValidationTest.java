package io.capsa.oci;

import static io.capsa.oci.Json.quoted;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsa.oci.linux.SeccompArch;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Values the schema restricts are checked, and each problem names its JSON path. */
class RangeValidationTest {
  static Stream<Arguments> outOfRange() {
    return Stream.of(
        bad(
            "'process': {'cwd': '/', 'oomScoreAdj': 1001}",
            "$.process.oomScoreAdj: must be between -1000 and 1000, was 1001"),
        bad(
            "'process': {'cwd': '/', 'oomScoreAdj': -1001}",
            "$.process.oomScoreAdj: must be between -1000 and 1000, was -1001"),
        bad(
            "'process': {'cwd': '/', 'user': {'uid': -1}}",
            "$.process.user.uid: must be between 0 and 4294967295, was -1"),
        bad(
            "'process': {'cwd': '/', 'user': {'gid': 4294967296}}",
            "$.process.user.gid: must be between 0 and 4294967295, was 4294967296"),
        bad(
            "'process': {'cwd': '/', 'user': {'additionalGids': [5, -5]}}",
            "$.process.user.additionalGids[1]: must be between 0 and 4294967295, was -5"),
        bad(
            "'process': {'cwd': '/', 'user': {'uid': 1.0}}",
            "$.process.user.uid: must be an integer, was 1.0"),
        bad(
            "'process': {'cwd': '/', 'rlimits': [{'type': 'NOFILE', 'hard': 1, 'soft': 1}]}",
            "$.process.rlimits[0].type: must match ^RLIMIT_[A-Z]+$, was \"NOFILE\""),
        bad(
            "'process': {'cwd': '/', 'rlimits': [{'type': 'RLIMIT_CORE', 'hard':"
                + " 18446744073709551616, 'soft': 1}]}",
            "$.process.rlimits[0].hard: must be between 0 and 18446744073709551615, "
                + "was 18446744073709551616"),
        bad(
            "'process': {'cwd': '/', 'rlimits': [{'type': 'RLIMIT_CORE', 'hard': 1, 'soft': -1}]}",
            "$.process.rlimits[0].soft: must be between 0 and 18446744073709551615, was -1"),
        bad(
            "'process': {'cwd': '/', 'ioPriority': {'class': 'IOPRIO_CLASS_NONE'}}",
            "$.process.ioPriority.class: must be one of [IOPRIO_CLASS_RT, IOPRIO_CLASS_BE, "
                + "IOPRIO_CLASS_IDLE], was \"IOPRIO_CLASS_NONE\""),
        bad(
            "'process': {'cwd': '/', 'scheduler': {'policy': 'SCHED_OTHER', 'nice': 2147483648}}",
            "$.process.scheduler.nice: must be between -2147483648 and 2147483647, was 2147483648"),
        bad(
            "'process': {'cwd': '/', 'execCPUAffinity': {'final': 'all'}}",
            "$.process.execCPUAffinity.final: must match ^[0-9, -]*$, was \"all\""),
        bad(
            "'process': {'cwd': '/', 'consoleSize': {'height': 25}}",
            "$.process.consoleSize.width: is required"),
        bad(
            "'hooks': {'poststart': [{'path': '/bin/true', 'timeout': 0}]}",
            "$.hooks.poststart[0].timeout: must be between 1 and 2147483647, was 0"),
        bad(
            "'linux': {'resources': {'rdma': {'mlx5_1': {'hcaHandles': 4294967296}}}}",
            "$.linux.resources.rdma.mlx5_1.hcaHandles: must be between 0 and 4294967295, was"
                + " 4294967296"),
        bad(
            "'linux': {'resources': {'blockIO': {'weightDevice': [{'major': 8, 'minor': 0, "
                + "'weight': 65536}]}}}",
            "$.linux.resources.blockIO.weightDevice[0].weight: must be between 0 and 65535, was"
                + " 65536"),
        bad(
            "'linux': {'resources': {'memory': {'swappiness': -1}}}",
            "$.linux.resources.memory.swappiness: must be between 0 and 18446744073709551615, was"
                + " -1"),
        bad("'linux': {'resources': {'pids': {}}}", "$.linux.resources.pids.limit: is required"),
        bad(
            "'linux': {'resources': {'hugepageLimits': [{'pageSize': '0MB', 'limit': 1}]}}",
            "$.linux.resources.hugepageLimits[0].pageSize: must match ^[1-9][0-9]*[KMG]B$, was"
                + " \"0MB\""),
        bad(
            "'linux': {'devices': [{'path': '/dev/x', 'type': 'c', 'fileMode': 512}]}",
            "$.linux.devices[0].fileMode: must be between 0 and 511, was 512"),
        bad(
            "'linux': {'devices': [{'path': '/dev/x', 'type': 'x'}]}",
            "$.linux.devices[0].type: must be one of [c, b, u, p], was \"x\""),
        bad(
            "'linux': {'namespaces': [{'type': 'net'}]}",
            "$.linux.namespaces[0].type: must be one of "
                + "[mount, pid, network, uts, ipc, user, cgroup, time], was \"net\""),
        bad(
            "'linux': {'rootfsPropagation': 'rshared'}",
            "$.linux.rootfsPropagation: must be one of [private, shared, slave, unbindable], "
                + "was \"rshared\""),
        bad(
            "'linux': {'seccomp': {'defaultAction': 'SCMP_ACT_ALLOW', 'architectures':"
                + " ['SCMP_ARCH_Z80']}}",
            "$.linux.seccomp.architectures[0]: must be one of "
                + List.of(SeccompArch.values())
                + ", was \"SCMP_ARCH_Z80\""),
        bad(
            "'linux': {'seccomp': {'syscalls': [{'names': ['read'], 'action': 'SCMP_ACT_ALLOW'}]}}",
            "$.linux.seccomp.defaultAction: is required"),
        bad(
            "'linux': {'seccomp': {'defaultAction': 'SCMP_ACT_ALLOW', "
                + "'syscalls': [{'names': [], 'action': 'SCMP_ACT_LOG'}]}}",
            "$.linux.seccomp.syscalls[0].names: must have at least 1 element"),
        bad(
            "'linux': {'seccomp': {'defaultAction': 'SCMP_ACT_ALLOW', 'syscalls': [{'names':"
                + " ['kill'], 'action': 'SCMP_ACT_ALLOW', 'args': [{'index': 0, 'value': 9, 'op':"
                + " 'SCMP_CMP_IS'}]}]}}",
            "$.linux.seccomp.syscalls[0].args[0].op: must be one of [SCMP_CMP_NE, SCMP_CMP_LT, "
                + "SCMP_CMP_LE, SCMP_CMP_EQ, SCMP_CMP_GE, SCMP_CMP_GT, SCMP_CMP_MASKED_EQ], "
                + "was \"SCMP_CMP_IS\""),
        bad(
            "'linux': {'memoryPolicy': {'mode': 'MPOL_BIND', 'flags': ['MPOL_F_LOCAL']}}",
            "$.linux.memoryPolicy.flags[0]: must be one of [MPOL_F_NUMA_BALANCING,"
                + " MPOL_F_RELATIVE_NODES, MPOL_F_STATIC_NODES], was \"MPOL_F_LOCAL\""),
        bad(
            "'linux': {'intelRdt': {'memBwSchema': 'L3:0=ff'}}",
            "$.linux.intelRdt.memBwSchema: must match ^MB:[^\\n]*$, was \"L3:0=ff\""),
        bad(
            "'linux': {'timeOffsets': {'boottime': {'secs': 1, 'nanosecs': -1}}}",
            "$.linux.timeOffsets.boottime.nanosecs: must be between 0 and 4294967295, was -1"),
        bad(
            "'linux': {'sysctl': {'net.ipv4.ip_forward': 1}}",
            "$.linux.sysctl['net.ipv4.ip_forward']: must be a string, was 1"),
        bad(
            "'freebsd': {'jail': {'enforceStatfs': 256}}",
            "$.freebsd.jail.enforceStatfs: must be between 0 and 255, was 256"),
        bad(
            "'freebsd': {'jail': {'host': 'disable'}}",
            "$.freebsd.jail.host: must be one of [new, inherit], was \"disable\""),
        bad(
            "'windows': {'layerFolders': []}",
            "$.windows.layerFolders: must have at least 1 element"),
        bad(
            "'vm': {'kernel': {'path': '/k'}, 'image': {'path': '/i', 'format': 'iso'}}",
            "$.vm.image.format: must be one of [raw, qcow2, vdi, vmdk, vhd], was \"iso\""),
        bad(
            "'zos': {'namespaces': [{'type': 'network'}]}",
            "$.zos.namespaces[0].type: must be one of [mount, pid, uts, ipc], was \"network\""));
  }

  private static Arguments bad(String members, String problem) {
    return Arguments.of(quoted("{'ociVersion': '1.3.0', " + members + "}"), problem);
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("outOfRange")
  void outOfRangeValuesAreRejectedAtTheirPath(String json, String problem) {
    OciSpecException e = assertThrows(OciSpecException.class, () -> OciJson.readSpec(json));

    assertEquals(List.of(problem), e.problems().stream().map(Problem::toString).toList());
  }

  @Test
  void theLimitsThemselvesAreAccepted() {
    assertDoesNotThrow(
        () ->
            OciJson.readSpec(
                quoted(
                    """
                    {'ociVersion': '1.3.0', 'process': {'cwd': '/', 'oomScoreAdj': -1000,
                     'user': {'uid': 4294967295, 'gid': 0},
                     'rlimits': [{'type': 'RLIMIT_AS', 'hard': 18446744073709551615, 'soft': 0}]},
                     'hooks': {'poststop': [{'path': '/bin/true', 'timeout': 1}]},
                     'linux': {'devices': [{'path': '/dev/x', 'type': 'c', 'fileMode': 511}]}}
                    """)));
  }

  @Test
  void everyProblemOfADocumentIsReportedAtOnce() {
    String json =
        quoted(
            """
            {'ociVersion': 1, 'process': {'oomScoreAdj': 5000, 'user': {'uid': -1}},
             'hooks': {'poststop': [{'timeout': 0}]},
             'linux': {'namespaces': [{'type': 'foo'}], 'resources': {'pids': {'limit': 'many'}}}}
            """);

    OciSpecException e = assertThrows(OciSpecException.class, () -> OciJson.readSpec(json));

    assertEquals(
        List.of(
            "$.ociVersion: must be a string, was 1",
            "$.process.user.uid: must be between 0 and 4294967295, was -1",
            "$.process.cwd: is required",
            "$.process.oomScoreAdj: must be between -1000 and 1000, was 5000",
            "$.hooks.poststop[0].path: is required",
            "$.hooks.poststop[0].timeout: must be between 1 and 2147483647, was 0",
            "$.linux.resources.pids.limit: must be an integer, was \"many\"",
            "$.linux.namespaces[0].type: must be one of [mount, pid, network, uts, ipc, user,"
                + " cgroup, time], was \"foo\""),
        e.problems().stream().map(Problem::toString).toList());
    e.problems()
        .forEach(problem -> assertTrue(e.getMessage().contains(problem.toString()), e::getMessage));
  }

  @Test
  void aDocumentBuiltWithBadValuesIsNotWritten() {
    Spec spec =
        Spec.builder()
            .process(
                ProcessConfig.builder().cwd("/").oomScoreAdj(2000).user(new User(-1, 0)).build())
            .hooks(Hooks.builder().poststart(List.of(new Hook("/bin/true", null, null, 0))).build())
            .build();
    List<String> expected =
        List.of(
            "$.process.user.uid: must be between 0 and 4294967295, was -1",
            "$.process.oomScoreAdj: must be between -1000 and 1000, was 2000",
            "$.hooks.poststart[0].timeout: must be between 1 and 2147483647, was 0");

    assertEquals(expected, OciJson.validate(spec).stream().map(Problem::toString).toList());
    OciSpecException e = assertThrows(OciSpecException.class, () -> OciJson.write(spec));
    assertEquals(expected, e.problems().stream().map(Problem::toString).toList());
    assertEquals(List.of(), OciJson.validate(Spec.example()));
  }
}
