package io.capsa.runtime.cgroups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsa.runtime.cgroups.DeviceRule.Access;
import io.capsa.runtime.cgroups.DeviceRule.Type;
import io.capsa.runtime.config.ConfigProblems;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The device filter compiler, checked by running what it emits in {@link BpfInterpreter}
 * (which also refuses what the kernel's verifier would) against the rule semantics written
 * out plainly in {@link #allows}: for each kind of access asked for, the last rule covering the
 * device and that kind decides, none means deny, and every kind asked for must be allowed.
 */
class DeviceFilterTest {
  private static final int BLOCK = 1;
  private static final int CHAR = 2;
  private static final int MKNOD = 1;
  private static final int READ = 2;
  private static final int WRITE = 4;
  private static final long[] NUMBERS = {0, 1, 3, 5, 136, 0x7fff_ffffL, 0x8000_0000L,
      0xffff_ffffL};

  @Test
  void agreesWithTheRuleSemanticsOnRandomListsAndManyDevices() {
    Random random = new Random(20261123);
    int decisions = 0;
    for (int list = 0; list < 600; list++) {
      List<DeviceRule> rules = randomRules(random, random.nextInt(9));
      List<BpfInstruction> program = DeviceFilter.compile(rules);
      BpfInterpreter.verify(program);
      for (int type : new int[] {BLOCK, CHAR}) {
        for (long major : NUMBERS) {
          for (long minor : NUMBERS) {
            for (int access = 1; access <= 7; access++) {
              assertDecision(allows(rules, type, major, minor, access), program, rules, type,
                  major, minor, access);
              decisions++;
            }
          }
        }
      }
    }
    assertTrue(decisions > 500_000);
  }

  @Test
  void runcDefaultsAllowTheUsualDevicesAndNothingElse() {
    List<DeviceRule> rules = DeviceRules.forContainer(null, null, "$.devices",
        new ConfigProblems());
    List<BpfInstruction> program = compiled(rules);

    assertAllowed(program, CHAR, 1, 3, READ | WRITE); // /dev/null
    assertAllowed(program, CHAR, 1, 5, READ); // /dev/zero
    assertAllowed(program, CHAR, 136, 7, READ | WRITE); // /dev/pts/7
    assertAllowed(program, CHAR, 10, 200, READ | WRITE); // /dev/net/tun
    assertAllowed(program, BLOCK, 8, 0, MKNOD); // mknod of anything
    assertDenied(program, BLOCK, 8, 0, READ); // /dev/sda
    assertDenied(program, CHAR, 1, 1, READ); // /dev/mem
  }

  @Test
  void anEmptyListDeniesEverything() {
    List<BpfInstruction> program = compiled(List.of());
    assertDenied(program, CHAR, 1, 3, READ);
    assertDenied(program, BLOCK, 7, 0, MKNOD);
  }

  @Test
  void allowAllFirstThenADenialOfOneDevice() {
    List<BpfInstruction> program = compiled(List.of(
        rule(true, Type.ALL, null, null, "rwm"),
        rule(false, Type.CHAR, 1L, 3L, "w")));
    assertAllowed(program, CHAR, 1, 5, READ | WRITE);
    assertAllowed(program, CHAR, 1, 3, READ);
    assertDenied(program, CHAR, 1, 3, WRITE);
    assertDenied(program, CHAR, 1, 3, READ | WRITE); // one denied kind denies the open
  }

  @Test
  void accessesAllowedByDifferentRulesCombine() {
    List<BpfInstruction> program = compiled(List.of(
        rule(true, Type.CHAR, 1L, 3L, "r"),
        rule(true, Type.CHAR, 1L, 3L, "w")));
    assertAllowed(program, CHAR, 1, 3, READ | WRITE);
    assertDenied(program, CHAR, 1, 3, MKNOD);
  }

  @Test
  void theLastMatchingRuleWins() {
    List<BpfInstruction> program = compiled(List.of(
        rule(false, Type.ALL, null, null, "rwm"),
        rule(true, Type.CHAR, 5L, null, "rw"),
        rule(false, Type.CHAR, 5L, 1L, "rw"),
        rule(true, Type.ALL, null, null, "m")));
    assertAllowed(program, CHAR, 5, 0, READ | WRITE);
    assertDenied(program, CHAR, 5, 1, READ);
    assertDenied(program, BLOCK, 5, 0, READ);
    assertAllowed(program, BLOCK, 5, 1, MKNOD);
  }

  @Test
  void nothingFollowsARuleThatCoversAllDevices() {
    List<BpfInstruction> program = DeviceFilter.compile(List.of(
        rule(true, Type.CHAR, 1L, 3L, "rwm"),
        rule(false, Type.ALL, null, null, "rwm")));
    // Three sections of a bit test and an unconditional deny, and the final allow.
    assertEquals(6 + 3 * (3 + 2) + 2, program.size(), listing(program));
    BpfInterpreter.verify(program);
  }

  @Test
  void theInterpreterRefusesWhatTheVerifierWould() {
    BpfInstruction exit = new BpfInstruction(BpfInstruction.JMP_EXIT, 0, 0, 0, 0);
    BpfInstruction allow = new BpfInstruction(BpfInstruction.ALU64_MOV_K, 0, 0, 0, 1);
    assertThrows(BpfInterpreter.Refused.class, () -> BpfInterpreter.verify(List.of(exit)));
    assertThrows(BpfInterpreter.Refused.class,
        () -> BpfInterpreter.verify(List.of(allow, exit, allow, exit)));
    assertThrows(BpfInterpreter.Refused.class, () -> BpfInterpreter.verify(List.of(allow)));
    assertThrows(BpfInterpreter.Refused.class, () -> BpfInterpreter.verify(List.of(
        new BpfInstruction(BpfInstruction.LDX_MEM_W, 2, 3, 0, 0), allow, exit)));
  }

  @Test
  void encodesLittleEndianStructBpfInsn() {
    byte[] bytes = BpfInstruction.encode(List.of(
        new BpfInstruction(BpfInstruction.JMP32_JNE_K, 4, 0, 3, 0x01020304)));
    assertEquals("56 04 03 00 04 03 02 01", hex(bytes));
  }

  private static void assertDecision(boolean allowed, List<BpfInstruction> program,
      List<DeviceRule> rules, int type, long major, long minor, int access) {
    long result = BpfInterpreter.run(program, access << 16 | type, (int) major, (int) minor);
    assertEquals(allowed ? 1 : 0, result, () -> rules + " for type " + type + " " + major + ":"
        + minor + " access " + access + "\n" + listing(program));
  }

  /** The semantics, plainly: per kind of access, the last covering rule decides. */
  private static boolean allows(List<DeviceRule> rules, int type, long major, long minor,
      int access) {
    for (Access kind : Access.values()) {
      if ((access & bit(kind)) == 0) {
        continue;
      }
      boolean allowed = false;
      for (DeviceRule rule : rules) {
        if (rule.access().contains(kind) && covers(rule, type, major, minor)) {
          allowed = rule.allow();
        }
      }
      if (!allowed) {
        return false;
      }
    }
    return true;
  }

  private static boolean covers(DeviceRule rule, int type, long major, long minor) {
    boolean typeMatches = rule.type() == Type.ALL
        || rule.type() == Type.CHAR && type == CHAR
        || rule.type() == Type.BLOCK && type == BLOCK;
    return typeMatches && (rule.major() == null || rule.major() == major)
        && (rule.minor() == null || rule.minor() == minor);
  }

  private static int bit(Access kind) {
    return switch (kind) {
      case READ -> READ;
      case WRITE -> WRITE;
      case MKNOD -> MKNOD;
    };
  }

  private static List<DeviceRule> randomRules(Random random, int count) {
    List<DeviceRule> rules = new ArrayList<>();
    Type[] types = Type.values();
    for (int i = 0; i < count; i++) {
      Set<Access> access = EnumSet.noneOf(Access.class);
      for (Access kind : Access.values()) {
        if (random.nextBoolean()) {
          access.add(kind);
        }
      }
      if (access.isEmpty()) {
        access.add(Access.READ);
      }
      rules.add(new DeviceRule(random.nextBoolean(), types[random.nextInt(types.length)],
          random.nextInt(3) == 0 ? null : NUMBERS[random.nextInt(NUMBERS.length)],
          random.nextInt(3) == 0 ? null : NUMBERS[random.nextInt(NUMBERS.length)], access));
    }
    return rules;
  }

  private static DeviceRule rule(boolean allow, Type type, Long major, Long minor,
      String access) {
    Set<Access> kinds = EnumSet.noneOf(Access.class);
    for (Access kind : Access.values()) {
      if (access.indexOf(kind.letter()) >= 0) {
        kinds.add(kind);
      }
    }
    return new DeviceRule(allow, type, major, minor, kinds);
  }

  private static List<BpfInstruction> compiled(List<DeviceRule> rules) {
    List<BpfInstruction> program = DeviceFilter.compile(rules);
    BpfInterpreter.verify(program);
    return program;
  }

  private static void assertAllowed(List<BpfInstruction> program, int type, int major,
      int minor, int access) {
    assertEquals(1, BpfInterpreter.run(program, access << 16 | type, major, minor),
        () -> "type " + type + " " + major + ":" + minor + " access " + access + "\n"
            + listing(program));
  }

  private static void assertDenied(List<BpfInstruction> program, int type, int major,
      int minor, int access) {
    assertEquals(0, BpfInterpreter.run(program, access << 16 | type, major, minor),
        () -> "type " + type + " " + major + ":" + minor + " access " + access + "\n"
            + listing(program));
  }

  private static String listing(List<BpfInstruction> program) {
    StringBuilder text = new StringBuilder();
    for (int pc = 0; pc < program.size(); pc++) {
      text.append(pc).append(": ").append(program.get(pc)).append('\n');
    }
    return text.toString();
  }

  private static String hex(byte[] bytes) {
    StringBuilder text = new StringBuilder();
    for (byte b : bytes) {
      text.append(text.length() == 0 ? "" : " ").append(String.format("%02x", b));
    }
    return text.toString();
  }
}
