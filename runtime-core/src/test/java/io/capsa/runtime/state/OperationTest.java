package io.capsa.runtime.state;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OperationTest {

  private final ContainerId id = new ContainerId("c1");

  @Test
  void legalTransitionsPass() {
    assertDoesNotThrow(() -> Operation.START.check(id, Status.CREATED));
    assertDoesNotThrow(() -> Operation.KILL.check(id, Status.RUNNING));
    assertDoesNotThrow(() -> Operation.RESUME.check(id, Status.PAUSED));
    assertDoesNotThrow(() -> Operation.DELETE.check(id, Status.STOPPED));
  }

  @Test
  void illegalTransitionsNameBothStatesAndKeepRuncsPhrases() {
    var e = assertThrows(Operation.IllegalTransitionException.class, () -> Operation.KILL.check(id, Status.STOPPED));
    assertTrue(e.getMessage().startsWith("container not running"), e.getMessage());
    assertTrue(e.getMessage().contains("stopped") && e.getMessage().contains("created or running or paused"), e.getMessage());
    assertEquals(Status.STOPPED, e.current());

    var start = assertThrows(Operation.IllegalTransitionException.class, () -> Operation.START.check(id, Status.RUNNING));
    assertTrue(start.getMessage().startsWith("cannot start an already running container"), start.getMessage());

    var delete = assertThrows(Operation.IllegalTransitionException.class, () -> Operation.DELETE.check(id, Status.RUNNING));
    assertTrue(delete.getMessage().startsWith("cannot delete container c1 that is not stopped"), delete.getMessage());

    var resume = assertThrows(Operation.IllegalTransitionException.class, () -> Operation.RESUME.check(id, Status.RUNNING));
    assertTrue(resume.getMessage().startsWith("container not paused"), resume.getMessage());
  }

  @Test
  void aProcessIsKnownByPidAndStartTimeSoAReusedPidIsNotMistakenForIt() throws Exception {
    ProcessIdentity self = ProcessIdentity.of((int) ProcessHandle.current().pid()).orElseThrow();
    assertTrue(self.isAlive());
    assertFalse(new ProcessIdentity(self.pid(), self.startTime() + 1).isAlive(), "same pid, other start time");

    Process child = new ProcessBuilder("true").start();
    ProcessIdentity exited = new ProcessIdentity((int) child.pid(), Long.MAX_VALUE);
    child.waitFor();
    assertFalse(exited.isAlive());
  }
}
