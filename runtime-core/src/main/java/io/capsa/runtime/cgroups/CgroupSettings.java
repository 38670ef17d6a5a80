package io.capsa.runtime.cgroups;

import io.capsa.oci.linux.Device;
import io.capsa.oci.linux.DeviceCgroup;
import io.capsa.oci.linux.Linux;
import io.capsa.oci.linux.Resources;
import io.capsa.runtime.config.ConfigProblems;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What to set in a container's cgroup: its resource limits as cgroup v2 writes, its device
 * rules, and whether limits are ignored (the runtime's {@code ignoreResourceLimits}, like
 * crun's {@code --cgroup-manager disabled} for limits: nothing is written and no controller is
 * needed, while the cgroup itself, its device filter, freezing, killing and the process list
 * still work, so that a container runs where the host's cgroup v2 hierarchy has no
 * controllers). Built from the configuration before anything happens, with every problem
 * added with its JSON path.
 *
 * @param devices the device rules to install, or empty to leave the cgroup's filter as it is
 *     (an update without {@code devices})
 */
public record CgroupSettings(CgroupLimits limits, Optional<List<DeviceRule>> devices,
    boolean ignoreResourceLimits) {

  public CgroupSettings {
    devices = devices.map(List::copyOf);
  }

  /**
   * The settings of a new container: {@code linux.resources} (absent: no limits) and the
   * device rules, {@code linux.resources.devices} followed by runc's defaults.
   *
   * @param linux the config's linux section, null when absent
   */
  public static CgroupSettings forContainer(Linux linux, boolean ignoreResourceLimits,
      ConfigProblems problems) {
    Resources resources = linux == null ? null : linux.resources();
    CgroupLimits limits = ResourceConversion.convert(resources, "$.linux.resources", problems);
    List<DeviceRule> devices = DeviceRules.forContainer(
        resources == null ? null : resources.devices(), linux == null ? null : linux.devices(),
        "$.linux.resources.devices", problems);
    return new CgroupSettings(limits, Optional.of(devices), ignoreResourceLimits);
  }

  /**
   * The settings of an update (runc update's {@code --resources}, a document with the members
   * of {@code linux.resources} at its root): the limits of the container's settings after it,
   * all written as runc writes them, and the device rules when the update has {@code devices}.
   *
   * @param containerDevices the container's {@code linux.devices}, whose paths replace runc's
   *     default rules as they did at create
   */
  public static CgroupSettings forUpdate(ResourceUpdate update, List<Device> containerDevices,
      boolean ignoreResourceLimits, ConfigProblems problems) {
    CgroupLimits limits = ResourceConversion.convert(update.merged(), "$", problems);
    List<DeviceCgroup> given = update.given().devices();
    Optional<List<DeviceRule>> devices = given == null
        ? Optional.empty()
        : Optional.of(DeviceRules.forContainer(given, containerDevices, "$.devices", problems));
    return new CgroupSettings(limits, devices, ignoreResourceLimits);
  }

  /** The controllers the host's hierarchy must have: none when limits are ignored. */
  public Set<String> requiredControllers() {
    return ignoreResourceLimits ? Set.of() : limits.controllers();
  }
}
