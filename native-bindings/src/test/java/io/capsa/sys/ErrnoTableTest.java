package io.capsa.sys;

import io.capsa.sys.testing.HeaderDefines;
import io.capsa.sys.testing.Mismatches;
import io.capsa.sys.testing.NativeToolchain;
import io.capsa.sys.testing.TestResources;
import io.capsa.sys.testing.UapiHeaders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Checks the {@link Errno} table against each architecture's kernel headers (the numbers) and
 * its C library (the strerror texts).
 */
class ErrnoTableTest {
  @TempDir Path buildDir;

  @ParameterizedTest
  @EnumSource(Arch.class)
  void everyNumberIsTheKernelHeadersNumber(Arch arch) throws IOException {
    HeaderDefines numbers = errnoHeaders(arch);

    Mismatches mismatches = new Mismatches("Errno vs " + arch.gnuName() + " errno headers");
    for (Errno errno : Errno.values()) {
      OptionalLong number = numbers.value(errno.name());
      if (number.isEmpty()) {
        mismatches.add(errno + ": the headers do not define it");
      } else {
        mismatches.check(errno.name(), number.getAsLong(), (long) errno.number(arch));
      }
    }
    mismatches.assertNone();
  }

  /**
   * Every error the kernel can return is described, and by the name the headers give its number
   * (EDEADLK, not its alias EDEADLOCK on x86_64), since that is the name users look up.
   */
  @ParameterizedTest
  @EnumSource(Arch.class)
  void everyNumberTheHeadersDefineFindsItsPrimaryName(Arch arch) throws IOException {
    HeaderDefines numbers = errnoHeaders(arch);

    Mismatches mismatches = new Mismatches("Errno.of vs " + arch.gnuName() + " errno headers");
    for (String name : numbers.names()) {
      if (!numbers.isAlias(name)) {
        int number = (int) numbers.value(name).getAsLong();
        String found = Errno.of(number, arch).map(Errno::name).orElse("no entry");
        mismatches.check("Errno.of(" + number + ")", name, found);
      }
    }
    mismatches.assertNone();
  }

  /**
   * Only the entry {@link Errno#of} returns is checked on an architecture: an alias shares its
   * number, and so strerror's text, with its primary name there. EDEADLOCK's own text is checked
   * on ppc64le, where it has a number of its own, but one glibc has no text for ("Unknown error
   * 58"); there the table holds the comment the kernel header gives the definition.
   */
  @ParameterizedTest
  @EnumSource(Arch.class)
  void everyDescriptionIsGlibcsStrerrorText(Arch arch) throws IOException, InterruptedException {
    HeaderDefines headers = errnoHeaders(arch);
    NativeToolchain toolchain = NativeToolchain.forArch(arch);
    toolchain.assumeInstalled();
    List<Errno> described =
        Arrays.stream(Errno.values())
            .filter(errno -> Errno.of(errno.number(arch), arch).orElseThrow() == errno)
            .collect(Collectors.toList());
    Map<Integer, String> strerror = runStrerror(toolchain, described, arch);

    Mismatches mismatches = new Mismatches("Errno vs " + arch.gnuName() + " glibc strerror");
    for (Errno errno : described) {
      String text = strerror.get(errno.number(arch));
      String expected =
          text.equals("Unknown error " + errno.number(arch))
              ? headers.comment(errno.name()).orElse(text)
              : text;
      mismatches.check(errno.name(), expected, errno.description());
    }
    mismatches.assertNone();
  }

  private Map<Integer, String> runStrerror(NativeToolchain toolchain, List<Errno> errnos, Arch arch)
      throws IOException, InterruptedException {
    Path source =
        Files.writeString(
            buildDir.resolve("strerror.c"), TestResources.read(getClass(), "strerror.c"));
    Path program = toolchain.compile(source, buildDir.resolve("strerror"));
    List<String> numbers =
        errnos.stream()
            .map(errno -> Integer.toString(errno.number(arch)))
            .collect(Collectors.toList());
    Map<Integer, String> texts = new HashMap<>();
    for (String line : toolchain.run(program, numbers).split("\n")) {
      String[] numberAndText = line.split(" ", 2);
      texts.put(Integer.parseInt(numberAndText[0]), numberAndText[1]);
    }
    return texts;
  }

  private static HeaderDefines errnoHeaders(Arch arch) throws IOException {
    UapiHeaders headers = UapiHeaders.forArch(arch);
    headers.assumeInstalled();
    return headers.errnoNumbers();
  }
}
