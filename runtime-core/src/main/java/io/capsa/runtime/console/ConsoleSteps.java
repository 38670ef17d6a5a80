package io.capsa.runtime.console;

import static io.capsa.sys.ArchConstant.AF_UNIX;
import static io.capsa.sys.ArchConstant.AT_EMPTY_PATH;
import static io.capsa.sys.ArchConstant.FD_CLOEXEC;
import static io.capsa.sys.ArchConstant.F_SETFD;
import static io.capsa.sys.ArchConstant.MOVE_MOUNT_F_EMPTY_PATH;
import static io.capsa.sys.ArchConstant.MOVE_MOUNT_T_EMPTY_PATH;
import static io.capsa.sys.ArchConstant.OFFSETOF_SOCKADDR_UN_SUN_PATH;
import static io.capsa.sys.ArchConstant.OPEN_TREE_CLOEXEC;
import static io.capsa.sys.ArchConstant.OPEN_TREE_CLONE;
import static io.capsa.sys.ArchConstant.O_CLOEXEC;
import static io.capsa.sys.ArchConstant.O_NOCTTY;
import static io.capsa.sys.ArchConstant.O_PATH;
import static io.capsa.sys.ArchConstant.O_RDWR;
import static io.capsa.sys.ArchConstant.RESOLVE_NO_MAGICLINKS;
import static io.capsa.sys.ArchConstant.RESOLVE_NO_SYMLINKS;
import static io.capsa.sys.ArchConstant.SOCK_CLOEXEC;
import static io.capsa.sys.ArchConstant.SOCK_STREAM;
import static io.capsa.sys.ArchConstant.S_IFREG;
import static io.capsa.sys.ArchConstant.TIOCGPTPEER;
import static io.capsa.sys.ArchConstant.TIOCSPTLCK;

import io.capsa.init.Arg;
import io.capsa.init.InitProgramBuilder;
import io.capsa.init.Operand;
import io.capsa.init.Step;
import io.capsa.oci.ConsoleSize;
import io.capsa.runtime.ConsoleSocket;
import io.capsa.runtime.config.ConfigProblems;
import io.capsa.sys.Errno;
import io.capsa.sys.Syscall;
import io.capsa.sys.UnixAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * The ops that give a process a pseudo-terminal and send its master away, as runc does for
 * {@code process.terminal}: the socket is connected first, in the host's namespaces; the pty is
 * made later inside the container's devpts (/dev/ptmx opened after pivot_root or setns), its
 * peer taken from the master with TIOCGPTPEER and never by a /dev/pts path (the /dev/console
 * redirection class, CVE-2025-52565), made the process's stdio and controlling terminal, and
 * the master sent over the socket with SCM_RIGHTS.
 */
public final class ConsoleSteps {
  private final InitProgramBuilder b;

  public ConsoleSteps(InitProgramBuilder b) {
    this.b = b;
  }

  /**
   * A terminal needs a socket to send its master to, and a socket is only for a terminal (runc
   * refuses both mismatches); {@code terminalPath} is where process.terminal is.
   */
  public static void checkSocket(boolean terminal, boolean socketGiven, String terminalPath,
      ConfigProblems problems) {
    if (terminal && !socketGiven) {
      problems.add(terminalPath, "a terminal needs a console socket to send its master to"
          + " (runc's --console-socket); without one set terminal to false");
    } else if (!terminal && socketGiven) {
      problems.add(terminalPath, "a console socket was given, but the process has no terminal:"
          + " set terminal to true or give no console socket");
    }
  }

  /**
   * The console socket as an operand of later ops: a named one connected now, a connected one
   * (handed over at fd {@code slot}) made close-on-exec, as the runtime's own fds must be.
   */
  public Operand socket(ConsoleSocket socket, int slot) {
    if (socket instanceof ConsoleSocket.Named named) {
      return connect(named.address());
    }
    b.fcntl(Arg.fd(slot), F_SETFD, b.constant(FD_CLOEXEC))
        .describedAs("make the console socket close-on-exec");
    return Arg.fd(slot);
  }

  /**
   * A close-on-exec unix stream socket connected to {@code address} (an absolute path), as
   * runc's host side dials the console socket.
   */
  private Step connect(UnixAddress address) {
    Step socket = b.syscall(Syscall.SOCKET, Arg.of(b.constant(AF_UNIX)),
        Arg.of(b.flags(SOCK_STREAM, SOCK_CLOEXEC)), Arg.of(0))
        .describedAs("create a socket for the console socket " + address);
    byte[] sockaddr = sockaddrUn(address);
    b.syscall(Syscall.CONNECT, socket, b.bytes(sockaddr), Arg.of(sockaddr.length))
        .describedAs("connect to the console socket " + address);
    return socket;
  }

  /**
   * struct sockaddr_un of the program's architecture, cut after the path's NUL: sun_family in
   * native order (both architectures are little-endian), then sun_path.
   */
  private byte[] sockaddrUn(UnixAddress address) {
    byte[] sunPath = address.sunPath();
    int offset = (int) b.constant(OFFSETOF_SOCKADDR_UN_SUN_PATH);
    ByteBuffer sockaddr =
        ByteBuffer.allocate(offset + sunPath.length).order(ByteOrder.LITTLE_ENDIAN);
    sockaddr.putShort((short) b.constant(AF_UNIX));
    sockaddr.position(offset);
    sockaddr.put(sunPath);
    return sockaddr.array();
  }

  /**
   * Makes the pty in the devpts of the current root, sets its size, makes its peer fds 0, 1
   * and 2 and the controlling terminal (the session was started by the orchestrator), binds it
   * onto /dev/console when {@code bindConsole} (a container's init), and sends the master over
   * {@code socket}; both are closed afterwards.
   */
  public void emitTerminal(Operand socket, Optional<ConsoleSize> size, boolean bindConsole) {
    Step master = b.openat2(b.atFdcwd(), "/dev/ptmx", b.flags(O_RDWR, O_NOCTTY, O_CLOEXEC), 0,
        b.constant(RESOLVE_NO_MAGICLINKS))
        .describedAs("open /dev/ptmx for the process's terminal");
    b.ioctl(master, TIOCSPTLCK, b.bytes(new byte[4]))
        .describedAs("unlock the pty (unlockpt)");
    Step peer = b.ioctl(master, TIOCGPTPEER, Arg.of(b.flags(O_RDWR, O_NOCTTY, O_CLOEXEC)))
        .describedAs("open the pty's peer through its master (TIOCGPTPEER)");
    size.ifPresent(s -> b.setWindowSize(peer, (int) s.height(), (int) s.width()));
    for (int stdio = 0; stdio <= 2; stdio++) {
      b.dup3(peer, Arg.fd(stdio), 0).describedAs("make the pty fd " + stdio + " of the process");
    }
    b.setControllingTerminal(Arg.fd(0));
    if (bindConsole) {
      bindDevConsole(peer);
    }
    b.close(peer);
    b.sendFd(socket, master).describedAs("send the pty's master over the console socket");
    b.close(master);
    b.close(socket);
  }

  /**
   * /dev/console as the pty, bound from the peer's fd: an empty file made as the mount point
   * (refused if /dev/console is a symlink), then the peer's clone moved onto it.
   */
  private void bindDevConsole(Step peer) {
    b.mknodat(b.atFdcwd(), "/dev/console", b.constant(S_IFREG) | 0600, 0)
        .tolerating(Errno.EEXIST)
        .describedAs("create /dev/console as a mount point unless it exists");
    Step target = b.openat2(b.atFdcwd(), "/dev/console", b.flags(O_PATH, O_CLOEXEC), 0,
        b.flags(RESOLVE_NO_SYMLINKS, RESOLVE_NO_MAGICLINKS))
        .describedAs("open /dev/console, refusing symlinks");
    Step tree = b.openTree(peer, "", b.flags(OPEN_TREE_CLONE, OPEN_TREE_CLOEXEC, AT_EMPTY_PATH))
        .describedAs("clone the pty's peer for /dev/console");
    b.moveMount(tree, "", target, "", b.flags(MOVE_MOUNT_F_EMPTY_PATH, MOVE_MOUNT_T_EMPTY_PATH))
        .describedAs("bind the pty's peer onto /dev/console");
    b.close(tree);
    b.close(target);
  }
}
