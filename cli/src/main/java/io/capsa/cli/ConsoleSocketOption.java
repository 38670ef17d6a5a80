package io.capsa.cli;

import io.capsa.oci.OciJson;
import io.capsa.oci.ProcessConfig;
import io.capsa.runtime.ConsoleSocket;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * runc's --console-socket, checked with runc's rules: a socket only for a detached process with
 * a terminal, whose pty's master the runtime sends there.
 */
final class ConsoleSocketOption {

  @Option(names = "--console-socket", paramLabel = "PATH",
      description = "path to an AF_UNIX socket which will receive a file descriptor referencing"
          + " the master end of the console's pseudoterminal")
  Path consoleSocket;

  void check(Path bundle, boolean detached) {
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
  ConsoleSocket socket() {
    return consoleSocket == null ? null : ConsoleSocket.at(consoleSocket);
  }
}
