package io.capsa.runtime;

import io.capsa.oci.Spec;
import io.capsa.oci.linux.Linux;
import io.capsa.runtime.config.ConfigProblems;

/**
 * The settings of config.json that would change what the container is or how far it is
 * isolated and that Capsa does not implement: each one is a problem at its JSON path, so that a
 * create refuses the configuration before anything is made rather than run a container that is
 * not what was asked for. features.json reports each of them as unsupported.
 *
 * <p>The sections of other platforms (windows, solaris, zos, freebsd) are not among them: the
 * spec applies them only on their platform, and runc ignores them as Capsa does.
 */
final class UnsupportedSettings {
  private UnsupportedSettings() {}

  static void check(Spec spec, ConfigProblems problems) {
    if (spec.vm() != null) {
      problems.add("$.vm", "not supported: Capsa runs containers, not virtual machines (the vm"
          + " section is for hypervisor-based runtimes)");
    }
    Linux linux = spec.linux();
    if (linux == null) {
      return;
    }
    if (linux.intelRdt() != null) {
      // runc refuses it as well on a host without the resctrl filesystem.
      problems.add("$.linux.intelRdt",
          "not supported: Capsa does not manage Intel RDT (resctrl) groups");
    }
    if (linux.netDevices() != null && !linux.netDevices().isEmpty()) {
      problems.add("$.linux.netDevices", "not supported: Capsa does not move network devices"
          + " into the container's network namespace");
    }
  }
}
