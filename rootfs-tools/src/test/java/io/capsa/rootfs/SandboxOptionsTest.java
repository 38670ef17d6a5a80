package io.capsa.rootfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsa.rootfs.SandboxOptions.Network;
import io.capsa.sys.HostSyscalls;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class SandboxOptionsTest {
  @Test
  void defaults() {
    SandboxOptions options = SandboxOptions.builder().command("true").build();

    assertEquals(List.of("true"), options.command());
    assertEquals(List.of(), options.volumes());
    assertEquals(List.of(), options.env());
    assertEquals("/", options.cwd());
    assertEquals("sandbox", options.hostname());
    assertEquals(Network.NONE, options.network());
    assertEquals(OptionalLong.empty(), options.memoryLimit());
    assertEquals(OptionalLong.empty(), options.pidsLimit());
    assertFalse(options.reaper());
    assertTrue(options.readOnlyRoot());
    assertFalse(options.terminal());
    assertEquals(Integer.toUnsignedLong(HostSyscalls.get().geteuid()), options.uid());
    assertEquals(Integer.toUnsignedLong(HostSyscalls.get().getegid()), options.gid());
  }

  @Test
  void everyOptionIsKept() {
    SandboxOptions options = SandboxOptions.builder().command("sh", "-c", "id")
        .env("A=1").env("B=").cwd("/tmp").hostname("box.example").network(Network.HOST)
        .memoryLimit(1 << 30).pidsLimit(64).reaper(true).readOnlyRoot(false).user(1000, 100)
        .terminal(true).build();

    assertEquals(List.of("sh", "-c", "id"), options.command());
    assertEquals(List.of("A=1", "B="), options.env());
    assertEquals("/tmp", options.cwd());
    assertEquals("box.example", options.hostname());
    assertEquals(Network.HOST, options.network());
    assertEquals(OptionalLong.of(1 << 30), options.memoryLimit());
    assertEquals(OptionalLong.of(64), options.pidsLimit());
    assertTrue(options.reaper());
    assertFalse(options.readOnlyRoot());
    assertTrue(options.terminal());
    assertEquals(1000, options.uid());
    assertEquals(100, options.gid());
  }

  @Test
  void aCommandIsRequired() {
    assertRefused(() -> SandboxOptions.builder().build(),
        "the command is missing: give a program to run");
    assertRefused(() -> SandboxOptions.builder().command(List.of()),
        "the command is missing: give a program to run");
    assertRefused(() -> SandboxOptions.builder().command("", "x"),
        "the command is missing: give a program to run");
  }

  @Test
  void badValuesAreRefusedAtOnce() {
    SandboxOptions.Builder b = SandboxOptions.builder();
    assertRefused(() -> b.env("NOVALUE"),
        "invalid environment entry \"NOVALUE\": expected KEY=value");
    assertRefused(() -> b.env("=x"), "invalid environment entry \"=x\": the variable name is"
        + " empty");
    assertRefused(() -> b.cwd("work"), "invalid working directory \"work\": it must be an"
        + " absolute path inside the sandbox");
    assertRefused(() -> b.hostname("-bad"), "invalid host name \"-bad\": use letters, digits,"
        + " '-' and '.' (RFC 1123), at most 64 characters");
    assertRefused(() -> b.hostname("a".repeat(65)), "invalid host name \"" + "a".repeat(65)
        + "\": use letters, digits, '-' and '.' (RFC 1123), at most 64 characters");
    assertRefused(() -> b.memoryLimit(0), "invalid memory limit 0: it must be more than 0"
        + " bytes");
    assertRefused(() -> b.pidsLimit(-1), "invalid pids limit -1: it must be more than 0");
    assertRefused(() -> b.user(-1, 0), "invalid uid -1: it must be from 0 to 4294967294");
    assertRefused(() -> b.user(0, 4294967295L), "invalid gid 4294967295: it must be from 0 to"
        + " 4294967294");
    assertRefused(() -> b.command("sh", "a\0b"), "the command argument \"a\\0b\" contains a NUL"
        + " character");
  }

  private static void assertRefused(Executable call, String message) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
  }
}
