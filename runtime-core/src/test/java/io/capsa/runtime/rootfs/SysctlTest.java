package io.capsa.runtime.rootfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.capsa.oci.Problem;
import io.capsa.oci.linux.NamespaceType;
import io.capsa.runtime.config.ConfigProblems;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** runc's rules for which sysctls a container may set, and where they are written. */
class SysctlTest {
  private final ConfigProblems problems = new ConfigProblems();

  private List<Sysctl> plan(Set<NamespaceType> namespaces, String... keys) {
    Map<String, String> sysctl = new LinkedHashMap<>();
    for (String key : keys) {
      sysctl.put(key, "1");
    }
    return Sysctl.plan(sysctl, namespaces, problems);
  }

  private List<String> keys(List<Sysctl> sysctls) {
    return sysctls.stream().map(Sysctl::key).toList();
  }

  @Test
  void ipcParametersNeedAnIpcNamespace() {
    String[] keys = {"kernel.shmmax", "kernel.msgmni", "kernel.sem", "fs.mqueue.msg_max"};

    assertEquals(List.of(keys), keys(plan(EnumSet.of(NamespaceType.IPC), keys)));
    assertEquals(List.of(), plan(EnumSet.noneOf(NamespaceType.class), keys));
    assertEquals(new Problem("$.linux.sysctl['kernel.shmmax']",
        "kernel.shmmax needs the container to have its own IPC namespace"),
        problems.list().get(0));
  }

  @Test
  void networkParametersNeedANetworkNamespace() {
    assertEquals(List.of("net.ipv4.ip_forward"),
        keys(plan(EnumSet.of(NamespaceType.NETWORK), "net.ipv4.ip_forward")));
    assertEquals(List.of(), plan(EnumSet.of(NamespaceType.IPC), "net.core.somaxconn"));
  }

  @Test
  void utsDomainnameNeedsAUtsNamespaceAndHostnameHasItsOwnField() {
    assertEquals(List.of("kernel.domainname"), keys(plan(EnumSet.of(NamespaceType.UTS),
        "kernel.domainname", "kernel.hostname")));
    assertEquals(List.of(new Problem("$.linux.sysctl['kernel.hostname']",
        "kernel.hostname is refused: set $.hostname instead")), problems.list());
    assertEquals(List.of(), plan(EnumSet.noneOf(NamespaceType.class), "kernel.domainname"));
  }

  @Test
  void userParametersNeedAUserNamespaceAndTheRestIsRefused() {
    assertEquals(List.of("user.max_user_namespaces"), keys(plan(EnumSet.of(NamespaceType.USER),
        "user.max_user_namespaces", "vm.swappiness", "kernel.pid_max")));
    assertEquals(List.of(
        new Problem("$.linux.sysctl['vm.swappiness']",
            "vm.swappiness is not isolated by any namespace: setting it would change the host"),
        new Problem("$.linux.sysctl['kernel.pid_max']",
            "kernel.pid_max is not isolated by any namespace: setting it would change the host")),
        problems.list());
  }

  @Test
  void keysBecomePathsBelowProcSysEitherSeparatorAccepted() {
    List<Sysctl> sysctls = plan(EnumSet.of(NamespaceType.NETWORK), "net.ipv4.ip_forward",
        "net/ipv4/conf/eth0.100/forwarding", "net.ipv4.conf.eth0/100.rp_filter");

    assertEquals(List.of("sys/net/ipv4/ip_forward", "sys/net/ipv4/conf/eth0.100/forwarding",
        "sys/net/ipv4/conf/eth0.100/rp_filter"),
        sysctls.stream().map(Sysctl::procPath).toList());
  }

  @Test
  void namesThatWouldLeaveProcSysAreRefused() {
    assertEquals(List.of(), plan(EnumSet.of(NamespaceType.NETWORK), "net..x", "net.ipv4.",
        "net/../../etc"));
    assertEquals(List.of("$.linux.sysctl['net..x']", "$.linux.sysctl['net.ipv4.']",
        "$.linux.sysctl['net/../../etc']"),
        problems.list().stream().map(Problem::jsonPath).toList());
  }
}
