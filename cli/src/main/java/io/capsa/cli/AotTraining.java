package io.capsa.cli;

import io.capsa.oci.OciJson;
import io.capsa.oci.Spec;
import io.capsa.rootfs.SandboxBundle;
import io.capsa.rootfs.SandboxOptions;
import io.capsa.sys.HostSyscalls;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The workload the build runs once under {@code -XX:AOTCacheOutput} to record which classes the
 * CLI's common paths load and link, so that every later {@code capsa} start maps them from the
 * AOT cache instead of loading them again. It runs the real commands on a scratch directory:
 * every verb's help, and the state verbs on a root with no containers (their error paths load
 * the state store, the host syscall bindings and the log writer), and a sandbox whose state root
 * is a file: its bundle is planned and written, its init program generated, and create fails at
 * the root's lock, before anything runs; the bundle is removed again. None of that needs root.
 * As root it also runs real containers of sandbox bundles (a read-only view of the host) with
 * the security settings of {@code capsa spec}'s configuration: create, state, list, start,
 * exec, pause, resume, kill and delete of one, run of another and a sandbox, the paths
 * {@code capsa} takes most. A host where containers cannot run makes those commands fail,
 * which the training ignores as it ignores every exit status.
 */
public final class AotTraining {

  private AotTraining() {}

  public static void main(String[] args) throws IOException {
    Path scratch = Files.createTempDirectory("capsa-aot-training");
    try {
      // A config without root or process: create and run read and validate it, then refuse it
      // before they touch anything.
      Path invalid = Files.createDirectory(scratch.resolve("invalid"));
      Files.writeString(invalid.resolve("config.json"), "{\"ociVersion\": \"1.3.0\"}");
      PrintWriter discard = new PrintWriter(Writer.nullWriter());
      for (List<String> command : commands(scratch)) {
        Capsa.execute(command.toArray(String[]::new), discard, discard);
      }
      if (HostSyscalls.get().geteuid() == 0) {
        try {
          runContainers(scratch.resolve("containers").toString(), discard);
        } catch (RuntimeException e) {
          // A host that cannot even write a sandbox bundle trains without containers.
        }
      }
    } finally {
      deleteRecursively(scratch);
    }
  }

  /** The lifecycle of real containers under the state root {@code root}; see the class. */
  private static void runContainers(String root, PrintWriter discard) {
    try (SandboxBundle waiting = SandboxBundle.create(
            SandboxOptions.builder().command("sleep", "60").build());
        SandboxBundle finishing = SandboxBundle.create(
            SandboxOptions.builder().command("true").build())) {
      // Ids of this process: a container's cgroup is named after its id, and two builds may
      // train at once.
      String prefix = "capsa-aot-" + ProcessHandle.current().pid() + "-";
      String waitingId = prefix + "waiting";
      String waitingBundle = waiting.directory().toString();
      withRuncSecurity(waiting);
      withRuncSecurity(finishing);
      try {
        for (List<String> command : List.of(
            List.of("create", "--bundle", waitingBundle, waitingId),
            List.of("state", waitingId),
            List.of("list"),
            List.of("start", waitingId),
            List.of("exec", waitingId, "true"),
            List.of("pause", waitingId),
            List.of("resume", waitingId),
            List.of("kill", waitingId, "KILL"),
            List.of("delete", "--force", waitingId),
            List.of("run", "--bundle", finishing.directory().toString(), prefix + "finishing"),
            List.of("sandbox", "--", "true"))) {
          execute(root, command, discard);
        }
      } finally {
        execute(root, List.of("delete", "--force", waitingId), discard);
      }
    }
  }

  /**
   * Gives the sandbox's configuration the capabilities, rlimits and device rules of {@code capsa
   * spec}'s, so that the training takes the paths of the configurations runc users run.
   */
  private static void withRuncSecurity(SandboxBundle bundle) {
    Spec runc = Spec.example();
    Spec sandbox = bundle.spec();
    Spec spec = sandbox.toBuilder()
        .process(sandbox.process().toBuilder()
            .capabilities(runc.process().capabilities())
            .rlimits(runc.process().rlimits())
            .build())
        .linux(sandbox.linux().toBuilder().resources(runc.linux().resources()).build())
        .build();
    try {
      Files.writeString(bundle.configFile(), OciJson.write(spec));
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + bundle.configFile(), e);
    }
  }

  private static void execute(String root, List<String> command, PrintWriter discard) {
    List<String> line = new ArrayList<>(List.of("--root", root));
    line.addAll(command);
    Capsa.execute(line.toArray(String[]::new), discard, discard);
  }

  private static List<List<String>> commands(Path scratch) {
    String bundle = scratch.toString();
    String root = scratch.resolve("root").toString();
    String missing = scratch.resolve("missing").toString();
    String invalid = scratch.resolve("invalid").toString();
    String fileAsRoot = scratch.resolve("invalid").resolve("config.json").toString();
    return List.of(
        List.of("--version"),
        List.of("--help"),
        List.of("spec", "--bundle", bundle),
        List.of("spec", "--bundle", bundle),
        List.of("--log-format", "json", "spec", "--bundle", bundle),
        List.of("spec", "--rootless", "--bundle", missing),
        List.of("create", "--help"),
        List.of("run", "--help"),
        List.of("exec", "--help"),
        List.of("--root", root, "exec", "missing", "sh", "-c", "true"),
        List.of("--root", root, "state", "missing"),
        List.of("--root", root, "--log-format", "json", "state", "missing"),
        List.of("--root", root, "list"),
        List.of("--root", root, "list", "--format", "json"),
        List.of("--root", root, "list", "-q"),
        List.of("--root", root, "start", "missing"),
        List.of("--root", root, "kill", "missing", "KILL"),
        List.of("--root", root, "kill", "missing"),
        List.of("--root", root, "delete", "missing"),
        List.of("--root", root, "delete", "--force", "missing"),
        List.of("--root", root, "kill", "--all", "missing", "TERM"),
        List.of("--root", root, "pause", "missing"),
        List.of("--root", root, "resume", "missing"),
        List.of("--root", root, "ps", "missing"),
        List.of("--root", root, "ps", "--format", "json", "missing", "-o", "pid"),
        List.of("--root", root, "events", "--stats", "missing"),
        List.of("--root", root, "events", "--interval", "1s", "missing"),
        List.of("--root", root, "update", "--memory", "64m", "--cpu-quota", "1000", "missing"),
        List.of("--root", root, "update", "-r", missing, "missing"),
        List.of("--root", root, "create", "--bundle", missing, "missing"),
        List.of("--root", root, "create", "--bundle", invalid, "invalid"),
        List.of("--root", root, "--ignore-resource-limits", "create", "--bundle", invalid,
            "invalid"),
        List.of("--root", root, "run", "--bundle", invalid, "invalid"),
        List.of("features"),
        List.of("kill"),
        List.of("sandbox", "--help"),
        List.of("sandbox", "-v", missing + ":/data", "--", "true"),
        List.of("--root", fileAsRoot, "sandbox", "-v", bundle + ":/data:ro", "-e", "A=1", "--",
            "true"));
  }

  private static void deleteRecursively(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("removing " + directory, e);
    }
  }
}
