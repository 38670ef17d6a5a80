package io.capsa.runtime.rootfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.capsa.init.Arg;
import io.capsa.init.InitProgram;
import io.capsa.init.InitProgramBuilder;
import io.capsa.oci.Mount;
import io.capsa.oci.Problem;
import io.capsa.oci.Root;
import io.capsa.oci.Spec;
import io.capsa.oci.linux.Linux;
import io.capsa.oci.linux.Namespace;
import io.capsa.oci.linux.NamespaceType;
import io.capsa.runtime.config.ConfigProblems;
import io.capsa.sys.Arch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A bundle directory with an empty rootfs, and specs and plans made for it. */
final class TestBundle {
  /** A host without SELinux whose procfs and sysfs are at the usual places. */
  static final RootfsHost HOST = new RootfsHost(false, true, List.of(Path.of("/proc"),
      Path.of("/sys")), Path.of("/sys/fs/cgroup/unified"));
  /** The fd the tests pretend the runtime's own procfs instance has. */
  static final Arg.Immediate PROCFS = Arg.fd(9);

  final Path dir;
  final Path rootfs;

  TestBundle(Path dir) {
    this.dir = dir;
    try {
      this.rootfs = Files.createDirectories(dir.resolve("rootfs")).toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A directory or file in the bundle, e.g. a bind mount's source. */
  Path directory(String name) {
    try {
      return Files.createDirectories(dir.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Mount, pid, ipc, uts and network namespaces: what most containers have. */
  static Linux.Builder linux() {
    return Linux.builder().namespaces(List.of(new Namespace(NamespaceType.MOUNT),
        new Namespace(NamespaceType.PID), new Namespace(NamespaceType.IPC),
        new Namespace(NamespaceType.UTS), new Namespace(NamespaceType.NETWORK)));
  }

  static Spec.Builder spec() {
    return Spec.builder().root(new Root("rootfs")).linux(linux().build());
  }

  static Spec withMounts(Mount... mounts) {
    return spec().mounts(List.of(mounts)).build();
  }

  static Spec withLinux(Linux linux) {
    return spec().linux(linux).build();
  }

  /** The plan of a spec the test expects to be valid. */
  RootfsPlan plan(Spec spec) {
    ConfigProblems problems = new ConfigProblems();
    RootfsPlan plan = RootfsPlan.from(spec, dir, HOST, problems);
    assertEquals(List.of(), problems.list());
    return plan;
  }

  List<Problem> problems(Spec spec) {
    return problems(spec, HOST);
  }

  List<Problem> problems(Spec spec, RootfsHost host) {
    ConfigProblems problems = new ConfigProblems();
    RootfsPlan.from(spec, dir, host, problems);
    return problems.list();
  }

  static Ops mounts(RootfsPlan plan, boolean inUserNamespace) {
    InitProgramBuilder b = InitProgram.builder(Arch.X86_64);
    plan.emitMounts(b, inUserNamespace);
    return new Ops(b.build());
  }

  static Ops finish(RootfsPlan plan, boolean noPivot) {
    InitProgramBuilder b = InitProgram.builder(Arch.X86_64);
    plan.emitPivot(b, noPivot);
    plan.emitLockdown(b, PROCFS);
    return new Ops(b.build());
  }
}
