package io.capsa.runtime.cgroups;

import static io.capsa.sys.ArchConstant.BPF_CGROUP_DEVICE;
import static io.capsa.sys.ArchConstant.BPF_F_ALLOW_MULTI;
import static io.capsa.sys.ArchConstant.BPF_PROG_TYPE_CGROUP_DEVICE;

import io.capsa.sys.Arch;
import io.capsa.sys.ArchConstant;
import io.capsa.sys.Errno;
import io.capsa.sys.Fd;
import io.capsa.sys.HostSyscalls;
import io.capsa.sys.SyscallException;
import java.util.List;

/**
 * Puts a compiled device filter on a cgroup, replacing whatever filters were there: the new
 * program is attached first (BPF_F_ALLOW_MULTI, so both hold for a moment and access is never
 * wider than either allows), then every older program is detached, as runc does.
 */
final class DeviceFilterInstaller {
  private static final System.Logger LOG =
      System.getLogger(DeviceFilterInstaller.class.getName());
  /** The program's name, which bpftool shows. */
  static final String PROGRAM_NAME = "capsa_devices";

  private DeviceFilterInstaller() {}

  static void install(HostSyscalls host, CgroupDirectory cgroup, List<DeviceRule> rules) {
    byte[] program = BpfInstruction.encode(DeviceFilter.compile(rules));
    int attachType = constant(BPF_CGROUP_DEVICE);
    try (Fd target = cgroup.openReadable();
        Fd loaded = host.bpfProgLoad(constant(BPF_PROG_TYPE_CGROUP_DEVICE), program,
            DeviceFilter.LICENSE, PROGRAM_NAME)) {
      List<Integer> older = host.bpfProgQuery(target, attachType);
      host.bpfProgAttach(target, loaded, attachType, constant(BPF_F_ALLOW_MULTI));
      for (int id : older) {
        detach(host, target, id, attachType);
      }
    } catch (SyscallException e) {
      throw new CgroupException("cannot install the device filter of " + cgroup.path() + ": "
          + e.getMessage(), e);
    }
  }

  /**
   * Detaches program {@code id}. One that is gone already needs nothing; one an LSM keeps us
   * from opening is left, as runc leaves it: another filter can only deny more.
   */
  private static void detach(HostSyscalls host, Fd target, int id, int attachType) {
    try (Fd older = host.bpfProgGetFdById(id)) {
      host.bpfProgDetach(target, older, attachType);
    } catch (SyscallException e) {
      if (e.is(Errno.ENOENT)) {
        return;
      }
      if (e.is(Errno.EPERM) || e.is(Errno.EACCES)) {
        LOG.log(System.Logger.Level.INFO, "leaving device filter program {0} of {1}: {2}",
            Integer.toUnsignedString(id), target, e.getMessage());
        return;
      }
      throw e;
    }
  }

  private static int constant(ArchConstant constant) {
    return (int) Arch.current().constant(constant);
  }
}
