package io.capsa.cli;

import io.capsa.oci.OciJson;
import io.capsa.oci.ProcessConfig;
import io.capsa.runtime.ConsoleSocket;
import java.nio.file.Path;

/**
 * runc's --console-socket, checked with runc's rules: a socket only for a detached process with
 * a terminal, whose pty's master the runtime sends there.
 */
final class ConsoleSocketOption {
  static final Flag FLAG = Flag.value("PATH", "path to an AF_UNIX socket which will receive a"
      + " file descriptor referencing the master end of the console's pseudoterminal",
      "console-socket");

  private ConsoleSocketOption() {}

  static void check(Path consoleSocket, Path bundle, boolean detached) {
    if (consoleSocket == null) {
      return;
    }
    if (!detached || !terminal(bundle)) {
      throw new CliException("cannot use console socket if capsa will not detach or allocate tty");
    }
  }

  /** Whether the bundle's process asks for a terminal. */
  static boolean terminal(Path bundle) {
    ProcessConfig process = OciJson.readSpec(bundle.resolve("config.json")).process();
    return process != null && Boolean.TRUE.equals(process.terminal());
  }

  /** The socket the runtime sends the master to; null without the flag. */
  static ConsoleSocket socket(Arguments arguments) {
    Path consoleSocket = arguments.path(FLAG);
    return consoleSocket == null ? null : ConsoleSocket.at(consoleSocket);
  }
}
