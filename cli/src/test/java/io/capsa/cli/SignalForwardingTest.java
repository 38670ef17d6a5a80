package io.capsa.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class SignalForwardingTest {

  /**
   * A resized caller's terminal reaches the container as a resized pty, whose size change makes
   * the kernel signal the processes on it; SIGWINCH itself would reach the init whatever its
   * terminal, and SIGCHLD and SIGURG say nothing about the container (runc keeps all three).
   */
  @Test
  void theSignalsAboutCapsaItselfAreNotForwarded() {
    for (String own : new String[] {"WINCH", "CHLD", "URG", "PIPE"}) {
      assertFalse(SignalForwarding.FORWARDED.contains(own), own);
    }
  }
}
