package io.capsa.runtime.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The capability table against the kernel's UAPI header (Debian's linux-libc-dev). */
class CapabilityTest {
  private static final Path HEADER = Path.of("/usr/include/linux/capability.h");
  private static final Pattern DEFINE =
      Pattern.compile("^\\s*#\\s*define\\s+(CAP_\\w+)\\s+(\\d+)\\s*(?:/\\*.*)?$");

  @Test
  void everyCapabilityHasTheHeadersNumberAndNoneIsMissing() throws IOException {
    assumeTrue(Files.isReadable(HEADER), "needs " + HEADER + " (package linux-libc-dev)");
    Map<String, Integer> header = new TreeMap<>();
    for (String line : Files.readAllLines(HEADER)) {
      Matcher define = DEFINE.matcher(line);
      if (define.matches()) {
        header.put(define.group(1), Integer.parseInt(define.group(2)));
      }
    }
    Map<String, Integer> table = Arrays.stream(Capability.values())
        .collect(Collectors.toMap(Enum::name, Capability::number, (a, b) -> a, TreeMap::new));

    assertEquals(header, table);
  }

  @Test
  void namesAndNumbersLeadToTheirCapability() {
    assertEquals(Capability.CAP_CHECKPOINT_RESTORE, Capability.named("CAP_CHECKPOINT_RESTORE")
        .orElseThrow());
    assertEquals(40, Capability.CAP_CHECKPOINT_RESTORE.number());
    assertEquals(1L << 21, Capability.CAP_SYS_ADMIN.bit());
    assertEquals(Capability.CAP_KILL, Capability.numbered(5).orElseThrow());
    assertEquals(false, Capability.named("cap_kill").isPresent(), "names are upper case");
    assertEquals(false, Capability.numbered(41).isPresent());
  }
}
