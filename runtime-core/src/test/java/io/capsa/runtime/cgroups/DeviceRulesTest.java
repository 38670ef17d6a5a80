package io.capsa.runtime.cgroups;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.capsa.oci.linux.Device;
import io.capsa.oci.linux.DeviceCgroup;
import io.capsa.oci.linux.DeviceType;
import io.capsa.runtime.config.ConfigProblems;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DeviceRulesTest {
  private final ConfigProblems problems = new ConfigProblems();

  private static List<String> shown(List<DeviceRule> rules) {
    return rules.stream().map(DeviceRule::toString).collect(Collectors.toList());
  }

  @Test
  void theConfigsRulesThenRuncsDefaults() {
    List<DeviceRule> rules = DeviceRules.forContainer(
        List.of(new DeviceCgroup(false, null, null, null, "rwm"),
            new DeviceCgroup(true, "c", 10L, 229L, "rw")),
        null, "$.linux.resources.devices", problems);
    assertEquals(List.of(
        "deny a *:* rwm",
        "allow c 10:229 rw",
        "allow c *:* m",
        "allow b *:* m",
        "allow c 1:3 rwm",
        "allow c 1:8 rwm",
        "allow c 1:7 rwm",
        "allow c 5:0 rwm",
        "allow c 1:5 rwm",
        "allow c 1:9 rwm",
        "allow c 136:* rwm",
        "allow c 5:2 rwm",
        "allow c 10:200 rwm"), shown(rules));
    assertEquals(List.of(), problems.list());
  }

  @Test
  void aDeviceTheConfigCreatesReplacesTheDefaultAtItsPath() {
    List<DeviceRule> rules = DeviceRules.forContainer(null,
        List.of(new Device("/dev/null", DeviceType.CHAR, 1, 3),
            new Device("/dev/fuse", DeviceType.CHAR, 10, 229)),
        "$.devices", problems);
    assertEquals(10, rules.size());
    assertEquals(false, shown(rules).contains("allow c 1:3 rwm"));
  }

  @Test
  void rulesAreCheckedAsRuncChecksThem() {
    List<DeviceRule> rules = DeviceRules.fromConfig(List.of(
        new DeviceCgroup(true, "x", null, null, "rwm"),
        new DeviceCgroup(true, "c", 1L, 3L, ""),
        new DeviceCgroup(true, "c", 1L, 3L, "rwx"),
        new DeviceCgroup(true, "b", -1L, 4294967296L, "r"),
        new DeviceCgroup(true, "", 1L, null, "r")), "$.linux.resources.devices", problems);
    assertEquals(List.of("allow a 1:* r"), shown(rules));
    assertEquals(List.of(
        "$.linux.resources.devices[0].type: must be \"a\", \"c\" or \"b\", was \"x\"",
        "$.linux.resources.devices[1].access: must name the access the rule is about, some of "
            + "\"rwm\"",
        "$.linux.resources.devices[2].access: must be some of \"rwm\", was \"rwx\"",
        "$.linux.resources.devices[3].major: must be from 0 to 4294967295, was -1",
        "$.linux.resources.devices[3].minor: must be from 0 to 4294967295, was 4294967296"),
        problems.list().stream().map(p -> p.jsonPath() + ": " + p.message())
            .collect(Collectors.toList()));
  }
}
