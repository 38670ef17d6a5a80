package io.capsa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The errno texts callers of runc match on, as Go writes them. */
class RuncWordingTest {

  @Test
  void glibcTextsBecomeGos() {
    assertEquals("pidfd_send_signal: ESRCH (no such process)",
        RuncWording.of("pidfd_send_signal: ESRCH (No such process)"));
    assertEquals("openat2 /x: EACCES (permission denied)",
        RuncWording.of("openat2 /x: EACCES (Permission denied)"));
    assertEquals("mount: EPERM (operation not permitted)",
        RuncWording.of("mount: EPERM (Operation not permitted)"));
  }

  @Test
  void otherTextIsLeftAlone() {
    assertEquals("container web does not exist", RuncWording.of("container web does not exist"));
  }
}
