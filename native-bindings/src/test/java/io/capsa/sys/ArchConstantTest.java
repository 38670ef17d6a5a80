package io.capsa.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.capsa.sys.testing.Mismatches;
import io.capsa.sys.testing.NativeToolchain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Checks every {@link ArchConstant} against the value the architecture's own compiler and
 * headers give it, by building {@link ArchConstantProgram} for each architecture and running it.
 */
class ArchConstantTest {
  @TempDir Path buildDir;

  @Test
  void everyStructSizeHasACType() {
    assertEquals(List.of(), ArchConstantProgram.structSizesWithoutType());
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void everyValueIsTheValueTheHeadersDefine(Arch arch) throws IOException, InterruptedException {
    NativeToolchain toolchain = NativeToolchain.forArch(arch);
    toolchain.assumeInstalled();
    Path source = Files.writeString(buildDir.resolve("constants.c"), ArchConstantProgram.source());
    Path program = toolchain.compile(source, buildDir.resolve("constants"));
    Map<String, Long> printed = parseNameValueLines(toolchain.run(program, List.of()));

    Mismatches mismatches = new Mismatches("ArchConstant vs " + arch.gnuName() + " headers");
    for (ArchConstant constant : ArchConstant.values()) {
      Long value = printed.get(constant.name());
      if (value == null) {
        mismatches.add(constant + ": the program printed no value");
      } else {
        mismatches.check(constant.name(), value, constant.value(arch));
      }
    }
    mismatches.assertNone();
  }

  private static Map<String, Long> parseNameValueLines(String output) {
    Map<String, Long> values = new HashMap<>();
    for (String line : output.split("\n")) {
      String[] nameAndValue = line.split(" ");
      values.put(nameAndValue[0], Long.parseLong(nameAndValue[1]));
    }
    return values;
  }
}
