package io.capsa.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.capsa.sys.testing.HeaderDefines;
import io.capsa.sys.testing.Mismatches;
import io.capsa.sys.testing.UapiHeaders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Checks every {@link SyscallAbi} table against the kernel headers it was generated from, both
 * ways: each number is the header's, and each syscall the header defines is in the table.
 */
class SyscallAbiTableTest {
  /** unistd_x32.h writes its numbers as an expression, which HeaderDefines leaves out. */
  private static final Pattern X32_DEFINE = Pattern.compile(
      "^#define __NR_(\\w+)\\s+\\(__X32_SYSCALL_BIT \\+ (\\d+)\\)\\s*$");

  @ParameterizedTest
  @EnumSource(Arch.class)
  void everyTableIsItsHeader(Arch arch) throws IOException {
    UapiHeaders headers = UapiHeaders.forArch(arch);
    headers.assumeInstalled();
    for (SyscallAbi abi : SyscallAbi.of(arch)) {
      Map<String, Long> expected = abi == SyscallAbi.X32
          ? x32Numbers(headers)
          : defines(headers, abi == SyscallAbi.I386 ? "unistd_32.h" : "unistd_64.h");
      Mismatches mismatches = new Mismatches(abi.tableName() + " table vs " + arch.gnuName()
          + " headers");
      expected.forEach((name, number) -> {
        Integer inTable = abi.numbers().get(name);
        if (inTable == null) {
          mismatches.add(name + ": missing from the table");
        } else {
          mismatches.check(name, number, (long) inTable);
        }
      });
      abi.numbers().keySet().stream().filter(name -> !expected.containsKey(name))
          .forEach(name -> mismatches.add(name + ": not in the headers"));
      mismatches.assertNone();
    }
  }

  @Test
  void theX32BitIsTheHeadersBit() throws IOException {
    UapiHeaders headers = UapiHeaders.forArch(Arch.X86_64);
    headers.assumeInstalled();
    HeaderDefines unistd = HeaderDefines.parse(List.of(headers.asmHeader("unistd.h")));

    assertEquals(SyscallAbi.X32_SYSCALL_BIT, unistd.value("__X32_SYSCALL_BIT").getAsLong());
  }

  @Test
  void theNativeAbiComesFirst() {
    assertEquals(SyscallAbi.X86_64, SyscallAbi.of(Arch.X86_64).get(0));
    assertEquals(List.of(SyscallAbi.PPC64LE), SyscallAbi.of(Arch.PPC64LE));
  }

  private static Map<String, Long> defines(UapiHeaders headers, String file) throws IOException {
    HeaderDefines defines = HeaderDefines.parse(List.of(headers.asmHeader(file)));
    Map<String, Long> numbers = new LinkedHashMap<>();
    for (String name : defines.names()) {
      if (name.startsWith("__NR_")) {
        numbers.put(name.substring("__NR_".length()), defines.value(name).getAsLong());
      }
    }
    return numbers;
  }

  private static Map<String, Long> x32Numbers(UapiHeaders headers) throws IOException {
    Path header = headers.asmHeader("unistd_x32.h");
    Map<String, Long> numbers = new LinkedHashMap<>();
    for (String line : Files.readAllLines(header)) {
      Matcher define = X32_DEFINE.matcher(line);
      if (define.matches()) {
        numbers.put(define.group(1), SyscallAbi.X32_SYSCALL_BIT + Long.parseLong(define.group(2)));
      }
    }
    return numbers;
  }
}
