package io.capsa.sys;

import static io.capsa.sys.ArchConstant.SIZEOF_STRUCT_TERMIOS_KERNEL;
import static io.capsa.sys.ArchConstant.TCGETS;
import static io.capsa.sys.ArchConstant.TCSETS;
import static io.capsa.sys.ArchConstant.VMIN;
import static io.capsa.sys.ArchConstant.VTIME;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.capsa.sys.testing.NativeToolchain;
import io.capsa.sys.testing.TestResources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link Termios} against a real pty of each architecture, read by a C program built with that
 * architecture's compiler (ppc64le under qemu, which hands the program ppc64le's struct and flag
 * bits): the kernel struct it reads decodes to the fields glibc's tcgetattr gives, raw mode is
 * what glibc's cfmakeraw makes of them, and a raw struct set with TCSETS is the mode glibc then
 * reads back.
 */
class TermiosLayoutTest {
  @TempDir Path buildDir;

  @ParameterizedTest
  @EnumSource(Arch.class)
  void theKernelStructDecodesAsGlibcReadsItAndRawIsCfmakeraw(Arch arch) throws Exception {
    Map<String, String> probe = probe(arch, null);
    Termios mode = Termios.of(arch, HexFormat.of().parseHex(probe.get("kernel")));

    assertEquals(probe.get("glibc"), fields(mode), "a fresh pty's mode");
    assertEquals(probe.get("cfmakeraw"), fields(mode.raw()), "raw mode");
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void aRawStructSetWithTcsetsIsTheModeGlibcReads(Arch arch) throws Exception {
    Termios raw = Termios.of(arch, HexFormat.of().parseHex(probe(arch, null).get("kernel")))
        .raw();

    Map<String, String> probe = probe(arch, raw);

    assertEquals(fields(raw), probe.get("glibc"));
    assertEquals(raw, Termios.of(arch, HexFormat.of().parseHex(probe.get("kernel"))));
  }

  /** The fields the probe prints, in its order. */
  private static String fields(Termios mode) {
    return Arrays.toString(new long[] {
        Integer.toUnsignedLong(mode.inputFlags()), Integer.toUnsignedLong(mode.outputFlags()),
        Integer.toUnsignedLong(mode.controlFlags()), Integer.toUnsignedLong(mode.localFlags()),
        mode.controlChar(VMIN), mode.controlChar(VTIME)});
  }

  /** The probe's lines by their first word; glibc's and cfmakeraw's as {@link #fields} has them. */
  private Map<String, String> probe(Arch arch, Termios set)
      throws IOException, InterruptedException {
    NativeToolchain toolchain = NativeToolchain.forArch(arch);
    toolchain.assumeInstalled();
    Path source = buildDir.resolve("termios-probe.c");
    if (!Files.exists(source)) {
      Files.writeString(source, TestResources.read(TermiosLayoutTest.class, "termios-probe.c"));
    }
    Path program = toolchain.compile(source, buildDir.resolve("termios-probe-" + arch));
    List<String> args = new ArrayList<>(List.of(Long.toString(arch.constant(TCGETS)),
        Long.toString(arch.constant(TCSETS)),
        Long.toString(arch.constant(SIZEOF_STRUCT_TERMIOS_KERNEL))));
    if (set != null) {
      args.add(HexFormat.of().formatHex(set.toBytes()));
    }
    Map<String, String> lines = new HashMap<>();
    for (String line : toolchain.run(program, args).split("\n")) {
      String[] words = line.split(" ");
      lines.put(words[0], words[0].equals("kernel") ? words[1]
          : Arrays.toString(Arrays.stream(words, 1, words.length)
              .mapToLong(Long::parseLong).toArray()));
    }
    return lines;
  }
}
