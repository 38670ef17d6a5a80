package io.capsa.it;

import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.capsa.oci.Mount;
import io.capsa.oci.Spec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * The attacker of the attack tests: proc-racer ({@code src/test/resources/attacks/proc-racer.c}),
 * a static program built here with gcc, which runs inside a container as root and goes after
 * the runtime's own processes through /proc: it stops every new process the moment it appears,
 * reads where its /proc/PID/exe, cwd, root and fds lead, opens them, tries to write to the
 * executable, and reports each finding as a line in {@code /report/racer.out}, a directory of
 * the host bound into the container.
 */
final class ProcRacer {
  static final String IN_ROOTFS = "/bin/proc-racer";
  private static final String REPORT_FILE = "racer.out";
  private static Path built;

  private ProcRacer() {}

  /**
   * A bundle at {@code dir} whose process runs {@code args} (proc-racer is in /bin) and whose
   * /report is {@code dir}/report of the host, writable; {@code customize} changes it further.
   */
  static Path bundle(Path dir, List<String> args, UnaryOperator<Spec> customize)
      throws IOException, InterruptedException {
    Path report = Files.createDirectories(dir.resolve("report"));
    Path bundle = TestBundle.create(dir, args, spec -> {
      List<Mount> mounts = new ArrayList<>(spec.mounts());
      mounts.add(new Mount("/report", "bind", report.toString(), List.of("rbind", "rw")));
      return customize.apply(spec.toBuilder().mounts(mounts).build());
    });
    Files.copy(build(), dir.resolve("rootfs" + IN_ROOTFS), StandardCopyOption.REPLACE_EXISTING);
    return bundle;
  }

  /** The command line that runs proc-racer with {@code args}, its report in /report. */
  static List<String> command(String... args) {
    return List.of("sh", "-c", "exec " + IN_ROOTFS + " " + String.join(" ", args)
        + " >> /report/" + REPORT_FILE + " 2>&1");
  }

  /** What proc-racer has reported so far in the bundle at {@code bundle}. */
  static Report report(Path bundle) throws IOException {
    Path file = bundle.resolve("report").resolve(REPORT_FILE);
    return new Report(Files.exists(file) ? Files.readAllLines(file) : List.of());
  }

  /** Waits up to 30 s for proc-racer watch to report that it watches. */
  static void awaitWatching(Path bundle) throws IOException, InterruptedException {
    for (int i = 0; i < 600; i++) {
      if (report(bundle).lines().stream().anyMatch(line -> line.startsWith("watching"))) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("proc-racer did not start watching: " + report(bundle).lines());
  }

  /** proc-racer built once per JVM; skips the calling test when gcc cannot build it. */
  private static synchronized Path build() throws IOException, InterruptedException {
    if (built != null) {
      return built;
    }
    // Deleted at exit in the reverse order: the files, then their directory.
    Path directory = Files.createTempDirectory("capsa-proc-racer");
    directory.toFile().deleteOnExit();
    Path source = directory.resolve("proc-racer.c");
    source.toFile().deleteOnExit();
    try (InputStream in = ProcRacer.class.getResourceAsStream("/attacks/proc-racer.c")) {
      Files.copy(in, source);
    }
    Path binary = directory.resolve("proc-racer");
    binary.toFile().deleteOnExit();
    Process gcc;
    try {
      gcc = new ProcessBuilder("gcc", "-static", "-O2", "-o", binary.toString(),
          source.toString()).redirectErrorStream(true).start();
    } catch (IOException e) {
      return abort("needs gcc to build the attacker proc-racer: " + e.getMessage());
    }
    String output = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assumeTrue(gcc.waitFor(120, TimeUnit.SECONDS) && gcc.exitValue() == 0,
        "needs gcc and a static libc (libc6-dev) to build the attacker proc-racer: " + output);
    built = binary;
    return built;
  }

  /**
   * proc-racer's findings, one line each (see proc-racer.c). A process is the runtime's while
   * its executable is capsa-init, or cannot be read (EACCES): the racer and the processes it
   * chases all run as root, so only a process that is not dumpable, or has capabilities the
   * racer lacks, refuses it.
   */
  record Report(List<String> lines) {

    /** The pids proc-racer caught while they were the runtime's. */
    Set<Integer> runtimeProcessesCaught() {
      Set<Integer> caught = new TreeSet<>();
      forEachWithPhase((line, runtime) -> {
        if (line.startsWith("exe ") && runtime) {
          caught.add(Integer.parseInt(line.split(" ")[1]));
        }
      });
      return caught;
    }

    /**
     * What proc-racer reached that it must not have: a directory outside the container's root
     * (a leaked host directory, a working directory or root on the host), or an fd above 2 of
     * a runtime process (the runtime's own, host, fds), or a file it wrote.
     */
    List<String> breaches() {
      List<String> breaches = new ArrayList<>();
      forEachWithPhase((line, runtime) -> {
        String[] fields = line.split(" ");
        boolean opened = line.startsWith("link ") && fields.length > 4
            && fields[4].equals("opened");
        if (opened && line.endsWith(" outside")) {
          breaches.add(line);
        } else if (opened && runtime && fields[2].startsWith("fd/")
            && Integer.parseInt(fields[2].substring(3)) > 2) {
          breaches.add(line);
        } else if (line.contains(" rewrote")) {
          breaches.add(line);
        }
      });
      return breaches;
    }

    /** Every executable proc-racer saw, as /proc/PID/exe names it (!ERRNO when refused). */
    Set<String> executables() {
      Set<String> executables = new TreeSet<>();
      for (String line : lines) {
        if (line.startsWith("exe ")) {
          executables.add(line.split(" ", 3)[2]);
        }
      }
      return executables;
    }

    /** The late-write lines of executables proc-racer held that were capsa-init. */
    List<String> lateWritesToTheRuntime() {
      return lines.stream().filter(line -> line.startsWith("late-write ")
          && line.contains("capsa-init")).toList();
    }

    private void forEachWithPhase(BiConsumer<String, Boolean> action) {
      Map<Integer, Boolean> runtime = new HashMap<>();
      for (String line : lines) {
        String[] fields = line.split(" ");
        if (fields.length < 3 || !fields[1].matches("\\d+")) {
          action.accept(line, false);
          continue;
        }
        int pid = Integer.parseInt(fields[1]);
        if (line.startsWith("exe ")) {
          String target = fields[2];
          runtime.put(pid, target.equals("!EACCES") || target.contains("capsa-init"));
        }
        action.accept(line, runtime.getOrDefault(pid, false));
      }
    }
  }
}
