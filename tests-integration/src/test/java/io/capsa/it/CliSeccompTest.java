package io.capsa.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsa.oci.OciJson;
import io.capsa.oci.Spec;
import io.capsa.oci.linux.Seccomp;
import io.capsa.oci.linux.SeccompAction;
import io.capsa.oci.linux.SeccompOperator;
import io.capsa.oci.linux.Syscall;
import io.capsa.oci.linux.SyscallArg;
import io.capsa.sys.Arch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code linux.seccomp} through the real ./capsa: the filter confines the process and every
 * exec'd one, with and without no_new_privs, and a bad profile is refused before anything is
 * made.
 */
class CliSeccompTest extends CliTestSupport {
  private static final String MKDIR_AND_GO_ON =
      "mkdir /dev/made; echo status=$?; grep Seccomp: /proc/self/status; echo alive";
  private static final Seccomp MKDIR_EACCES = Seccomp.builder()
      .defaultAction(SeccompAction.SCMP_ACT_ALLOW)
      .syscalls(List.of(new Syscall(List.of("mkdir", "mkdirat"), SeccompAction.SCMP_ACT_ERRNO,
          13L, null)))
      .build();

  @Test
  void anErrnoRuleFailsMkdirWhileEverythingElseWorks() throws Exception {
    CapsaProcess.Result run = run(MKDIR_EACCES, true, "sh", "-c", MKDIR_AND_GO_ON);

    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals("status=1\nSeccomp:\t2\nalive\n", run.stdout());
    assertTrue(run.stderr().contains("Permission denied"), run.stderr());
  }

  @Test
  void withoutNoNewPrivsTheFilterIsInstalledWhileTheInitIsPrivileged() throws Exception {
    CapsaProcess.Result run = run(MKDIR_EACCES, false, "sh", "-c", MKDIR_AND_GO_ON);

    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals("status=1\nSeccomp:\t2\nalive\n", run.stdout());
  }

  @Test
  void aKillRuleKillsTheProcessWithSigsys() throws Exception {
    Seccomp seccomp = Seccomp.builder().defaultAction(SeccompAction.SCMP_ACT_ALLOW)
        .syscalls(List.of(new Syscall(List.of("uname"), SeccompAction.SCMP_ACT_KILL)))
        .build();

    CapsaProcess.Result run = run(seccomp, true, "uname");

    assertEquals(128 + 31, run.exitCode(), run.stderr());
  }

  @Test
  void anArgumentConditionDecidesTheRule() throws Exception {
    long perLinux32 = 8;
    CapsaProcess.Result denied = run(personalityRule(perLinux32), true,
        "sh", "-c", "linux32 true; echo status=$?");
    CapsaProcess.Result allowed = run(personalityRule(perLinux32 + 1), true,
        "sh", "-c", "linux32 true; echo status=$?");

    assertEquals("status=1\n", denied.stdout(), denied.stderr());
    assertEquals("status=0\n", allowed.stdout(), allowed.stderr());
  }

  private static Seccomp personalityRule(long persona) {
    return Seccomp.builder().defaultAction(SeccompAction.SCMP_ACT_ALLOW)
        .syscalls(List.of(new Syscall(List.of("personality"), SeccompAction.SCMP_ACT_ERRNO, 1L,
            List.of(new SyscallArg(0, persona, null, SeccompOperator.SCMP_CMP_EQ)))))
        .build();
  }

  /** Docker's default profile, as containerd sends it, lets a shell do its usual work. */
  @Test
  void dockersDefaultProfileRunsAShell() throws Exception {
    String arch = Arch.current() == Arch.X86_64 ? "amd64" : "ppc64le";
    Seccomp profile = OciJson.read(Path.of("..", "runtime-core", "src", "test", "resources",
        "io", "capsa", "runtime", "seccomp", "docker-default-" + arch + ".json"), Seccomp.class);

    CapsaProcess.Result run = run(profile, true, "sh", "-c",
        "echo hi > /dev/f && cat /dev/f && ls / | grep -c '^bin$' && id -u && sleep 0");

    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals("hi\n1\n0\n", run.stdout(), run.stderr());
  }

  @Test
  void anExecGetsTheContainersFilter() throws Exception {
    Path bundle = TestBundle.create(Files.createDirectory(dir.resolve("bundle")),
        List.of("sleep", "1000"), spec -> withSeccomp(spec, MKDIR_EACCES, true));
    CapsaProcess.Result started = cli.capsa("run", "--detach", "--bundle", bundle.toString(),
        "confined");
    assertEquals(0, started.exitCode(), started.stderr());

    CapsaProcess.Result exec = cli.capsa("exec", "confined", "sh", "-c", MKDIR_AND_GO_ON);

    assertEquals(0, exec.exitCode(), exec.stderr());
    assertEquals("status=1\nSeccomp:\t2\nalive\n", exec.stdout());
  }

  @Test
  void aBadProfileIsRefusedWithItsPathsAndLeavesNothing() throws Exception {
    Seccomp bad = Seccomp.builder().defaultAction(SeccompAction.SCMP_ACT_ALLOW)
        .syscalls(List.of(new Syscall(List.of("mkdir"), SeccompAction.SCMP_ACT_NOTIFY, null,
            List.of(new SyscallArg(7, 1, null, SeccompOperator.SCMP_CMP_EQ)))))
        .build();
    Path bundle = TestBundle.create(Files.createDirectory(dir.resolve("bundle")),
        List.of("true"), spec -> withSeccomp(spec, bad, true));

    CapsaProcess.Result create = cli.capsa("create", "--bundle", bundle.toString(), "bad");

    assertEquals(1, create.exitCode());
    assertTrue(create.stderr().contains("$.linux.seccomp.syscalls[0].action"), create.stderr());
    assertTrue(create.stderr().contains("$.linux.seccomp.syscalls[0].args[0].index"),
        create.stderr());
    CapsaProcess.Result list = cli.capsa("list", "-q");
    assertEquals("", list.stdout());
    assertFalse(Files.exists(dir.resolve("bundle").resolve("rootfs").resolve("dev").resolve(
        "made")));
  }

  private CapsaProcess.Result run(Seccomp seccomp, boolean noNewPrivileges, String... args)
      throws Exception {
    Path bundle = TestBundle.create(Files.createTempDirectory(dir, "bundle"), List.of(args),
        spec -> withSeccomp(spec, seccomp, noNewPrivileges));
    return cli.capsa("run", "--bundle", bundle.toString(), bundle.getFileName().toString());
  }

  private static Spec withSeccomp(Spec spec, Seccomp seccomp, boolean noNewPrivileges) {
    Spec confined = spec.toBuilder()
        .linux(spec.linux().toBuilder().seccomp(seccomp).build()).build();
    return TestBundle.withProcess(confined, process -> process.noNewPrivileges(noNewPrivileges));
  }
}
