package io.capsa.it;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every test of the real ./capsa starts from: root (it skips otherwise), a test directory
 * of its own, and {@link CapsaCli} with a state root in it; every container a test leaves there
 * is deleted with --force afterwards. JUnit runs this set-up before a subclass's own
 * {@code @BeforeEach} methods and this clean-up after its {@code @AfterEach} methods.
 */
abstract class CliTestSupport {
  @TempDir Path dir;

  CapsaCli cli;

  @BeforeEach
  final void capsaAsRoot() {
    Privileges.assumeRoot();
    cli = new CapsaCli(dir);
  }

  @AfterEach
  final void removeContainers() throws Exception {
    if (cli != null) {
      cli.removeAll();
    }
  }
}
