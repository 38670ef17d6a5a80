package io.capsa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsa.sys.Fd;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** runc's hand-over of fds from 3 up: socket activation first, then --preserve-fds. */
class PreservedFdsTest {

  private static final long PID = 4242;

  private static PreservedFds count(int n) {
    return new PreservedFds(n);
  }

  private static List<Integer> numbers(PreservedFds.Handover handover) {
    return handover.fds().stream().map(Fd::number).toList();
  }

  @Test
  void nothingByDefault() {
    PreservedFds.Handover handover = count(0).handover(Map.of(), PID);
    assertEquals(List.of(), handover.fds());
    assertEquals(List.of(), handover.environment());
  }

  @Test
  void socketActivationForThisProcessPassesItsFdsAndTellsTheContainerItIsPid1() {
    PreservedFds.Handover handover =
        count(0).handover(Map.of("LISTEN_FDS", "2", "LISTEN_PID", "4242"), PID);
    assertEquals(List.of(3, 4), numbers(handover));
    assertEquals(List.of("LISTEN_FDS=2", "LISTEN_PID=1"), handover.environment());
  }

  @Test
  void socketActivationMeantForAnotherProcessIsIgnored() {
    PreservedFds.Handover handover =
        count(0).handover(Map.of("LISTEN_FDS", "2", "LISTEN_PID", "1"), PID);
    assertEquals(List.of(), handover.fds());
    assertEquals(List.of(), handover.environment());
  }

  @Test
  void preservedFdsComeAfterTheListeningOnes() {
    // This JVM has its own fds open from 3 up, so fds 3 to 5 exist.
    PreservedFds.Handover handover =
        count(1).handover(Map.of("LISTEN_FDS", "2", "LISTEN_PID", "4242"), PID);
    assertEquals(List.of(3, 4, 5), numbers(handover));
  }

  @Test
  void aPreservedFdThatIsNotOpenIsRefusedInRuncsWords() {
    CliException e = assertThrows(CliException.class, () -> count(100_000).handover(Map.of(), PID));
    assertTrue(e.getMessage().startsWith("unable to stat preserved-fd "), e.getMessage());
  }

  @Test
  void aNegativeCountIsRefused() {
    assertThrows(CliException.class, () -> count(-1).handover(Map.of(), PID));
  }
}
