package io.capsa.init;

import static io.capsa.sys.ArchConstant.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.capsa.sys.Arch;
import io.capsa.sys.Errno;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ProgramRendererTest {

  /** The same program renders the same on every architecture, whatever its numbers. */
  @ParameterizedTest
  @EnumSource(Arch.class)
  void rendersOneLinePerOpWithDecodedArguments(Arch arch) {
    InitProgramBuilder b = InitProgram.builder(arch);
    b.unshare(b.flags(CLONE_NEWNS, CLONE_NEWUTS));
    b.mount("proc", "/proc", "proc", b.flags(MS_NOSUID, MS_NODEV, MS_NOEXEC), null);
    Step root = b.openat(b.atFdcwd(), "/rootfs",
        b.flags(O_PATH, O_DIRECTORY, O_CLOEXEC), 0);
    b.mkdirat(root, "dev", 0755).tolerating(Errno.EEXIST, Errno.EROFS);
    Label done = b.label("done");
    b.jumpIf(root, Condition.LT, 0, done);
    b.execve("/bin/sh", List.of("sh", "-c", "echo \"hi\"\n"), List.of("PATH=/bin"))
        .describedAs("start the container's process");
    b.bind(done);

    assertEquals(String.join("\n",
        "0  unshare(CLONE_NEWNS|CLONE_NEWUTS)                                      fail"
            + "                   # unshare CLONE_NEWNS|CLONE_NEWUTS",
        "1  mount(\"proc\", \"/proc\", \"proc\", MS_NOSUID|MS_NODEV|MS_NOEXEC, NULL)     fail"
            + "                   # mount proc on /proc",
        "2  openat(AT_FDCWD, \"/rootfs\", O_RDONLY|O_DIRECTORY|O_CLOEXEC|O_PATH, 0)  fail"
            + "                   # open /rootfs",
        "3  mkdirat($2, \"dev\", 0755)                                               tolerate"
            + " EEXIST,EROFS  # create directory dev",
        "4  jump to 6 if $2 < 0                                                    -"
            + "                      # go to done if $2 < 0",
        "5  execve(\"/bin/sh\", [\"sh\", \"-c\", \"echo \\\"hi\\\"\\n\"], [\"PATH=/bin\"])"
            + "        fail                   # start the container's process",
        ""), b.build().render().replace(System.lineSeparator(), "\n"));
  }

  @Test
  void flagsAreDecodedWithTheProgramsArchitecture() {
    long x86Directory = Arch.X86_64.constant(O_DIRECTORY);
    long ppcDirectory = Arch.PPC64LE.constant(O_DIRECTORY);

    assertEquals("O_RDONLY|O_DIRECTORY", Formats.OPEN.format(x86Directory, Arch.X86_64));
    assertEquals("O_RDONLY|O_DIRECTORY", Formats.OPEN.format(ppcDirectory, Arch.PPC64LE));
    assertEquals("O_RDONLY|0x" + Long.toHexString(ppcDirectory),
        Formats.OPEN.format(ppcDirectory, Arch.X86_64));
  }

  @Test
  void flagsShowFieldsNamedBitsAndTheRest() {
    Arch arch = Arch.X86_64;

    assertEquals("O_RDWR|O_CREAT|O_CLOEXEC",
        Formats.OPEN.format(arch.constant(O_RDWR) | arch.constant(O_CREAT)
            | arch.constant(O_CLOEXEC), arch));
    assertEquals("0", Formats.MOUNT.format(0, arch));
    assertEquals("MS_BIND|0x40000000", Formats.MOUNT.format(4096 | 0x40000000, arch));
    assertEquals("SIGCHLD|CLONE_NEWPID",
        Formats.CLONE.format(arch.constant(CLONE_NEWPID) | arch.constant(SIGCHLD), arch));
    assertEquals("CLONE_NEWPID", Formats.CLONE.format(arch.constant(CLONE_NEWPID), arch));
    assertEquals("S_IFCHR|0666", Formats.FILE_MODE.format(arch.constant(S_IFCHR) | 0666, arch));
    assertEquals("0755", Formats.FILE_MODE.format(0755, arch));
    assertEquals("AT_FDCWD", Formats.FD.format(-100, arch));
    assertEquals("RLIMIT_NOFILE", Formats.RLIMIT.format(7, arch));
    assertEquals("99", Formats.RLIMIT.format(99, arch));
  }

  @Test
  void stringsAreQuotedWithEscapes() {
    assertEquals("\"a \\\"b\\\" \\\\ \\n\\t\\x01 é\"",
        ProgramRenderer.quote("a \"b\" \\ \n\t\u0001 é"));
    assertEquals("[\"a\", \"b c\"]", ProgramRenderer.quoteAll(List.of("a", "b c")));
  }

  @Test
  void compositeAndDataOpsRenderTheirOperands() {
    InitProgramBuilder b = InitProgram.builder(Arch.X86_64);
    FdPair pipe = b.pipe2(b.constant(O_CLOEXEC));
    b.store(pipe.writeEnd(), b.buffer(4), 4);
    b.reaper();
    b.forkExecWait("/hook", List.of("hook"), List.of(), new byte[3], 0);
    b.exit(pipe.readEnd());
    InitProgram program = b.build();

    assertEquals(List.of(
        "pipe2(<int[2]>, O_RDONLY|O_CLOEXEC)",
        "load(<int[2]>, 4 bytes)",
        "load(<int[2]>+4, 4 bytes)",
        "store($2, <buffer of 4 bytes>, 4 bytes)",
        "reaper()",
        "fork-exec-wait(\"/hook\", [\"hook\"], [], <3 bytes>, 3, no timeout)",
        "exit($1)"),
        program.ops().stream().map(op -> ProgramRenderer.call(op, program.arch())).toList());
  }
}
