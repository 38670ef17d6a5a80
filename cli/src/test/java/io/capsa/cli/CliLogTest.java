package io.capsa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

class CliLogTest {

  private final StringWriter err = new StringWriter();
  private final PrintWriter stderr = new PrintWriter(err, true);

  @Test
  void libraryMessagesGetRuncsLevelNames() {
    CliLog log = new CliLog(CliLog.Format.text, null, true);
    log.log(stderr, Level.WARNING, "careful");
    log.log(stderr, Level.DEBUG, "details");
    assertTrue(err.toString().contains("level=warning msg=\"careful\""), err.toString());
    assertTrue(err.toString().contains("level=debug msg=\"details\""), err.toString());
  }

  @Test
  void debugMessagesOnlyWithDebug() {
    CliLog log = new CliLog(CliLog.Format.text, null, false);
    assertFalse(log.logs(Level.DEBUG));
    assertTrue(log.logs(Level.INFO));
    log.log(stderr, Level.DEBUG, "details");
    assertEquals("", err.toString());
  }

  @Test
  void theLibrarysLoggersWriteTheCommandsLog() {
    CliLoggerFinder.sendTo(() -> new CliLog(CliLog.Format.json, null, false), stderr);
    System.getLogger("io.capsa.runtime").log(Level.WARNING, "not raising {0}", "CAP_KILL");
    assertTrue(err.toString().startsWith("{\"level\":\"warning\",\"msg\":\"not raising CAP_KILL\""),
        err.toString());
  }

  @Test
  void theJdksOwnDebugMessagesStayOutEvenWithDebug() {
    CliLoggerFinder.sendTo(() -> new CliLog(CliLog.Format.text, null, true), stderr);
    System.getLogger("java.lang.Runtime").log(Level.DEBUG, "Runtime.exit() called");
    System.getLogger("io.capsa.runtime").log(Level.DEBUG, "step");
    assertFalse(err.toString().contains("Runtime.exit"), err.toString());
    assertTrue(err.toString().contains("level=debug msg=\"step\""), err.toString());
  }

  @Test
  void errnoTextsAreInGosLowerCase() {
    CliLog log = new CliLog(CliLog.Format.text, null, false);
    log.error(stderr, new IllegalStateException(
        "creating container c: mount proc on /proc (op 3, mount): EPERM (Operation not permitted)"));
    assertTrue(err.toString().contains("EPERM (operation not permitted)"), err.toString());
  }

  @Test
  void ioFailuresNameWhatWasDoneThePathAndTheReason() {
    CliLog log = new CliLog(CliLog.Format.text, null, false);
    log.error(stderr, new UncheckedIOException("writing pid file /x/p",
        new NoSuchFileException("/x/.p")));
    log.error(stderr, new UncheckedIOException("writing pid file /y/p",
        new AccessDeniedException("/y/.p")));
    assertTrue(err.toString().contains("msg=\"writing pid file /x/p: /x/.p: no such file or directory\""),
        err.toString());
    assertTrue(err.toString().contains("msg=\"writing pid file /y/p: /y/.p: permission denied\""),
        err.toString());
  }
}
