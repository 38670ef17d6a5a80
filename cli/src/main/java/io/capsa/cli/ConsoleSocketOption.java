package io.capsa.cli;

import io.capsa.oci.OciJson;
import io.capsa.oci.ProcessConfig;
import java.nio.file.Path;

/**
 * runc's --console-socket, checked with runc's rules: a socket only for a detached process with
 * a terminal. A terminal itself is refused by the runtime until it has console support, so the
 * socket is accepted and never used yet.
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
    ProcessConfig process = OciJson.readSpec(bundle.resolve("config.json")).process();
    boolean terminal = process != null && Boolean.TRUE.equals(process.terminal());
    if (!detached || !terminal) {
      throw new CliException("cannot use console socket if capsa will not detach or allocate tty");
    }
  }
}
