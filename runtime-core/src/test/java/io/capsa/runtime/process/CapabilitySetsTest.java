package io.capsa.runtime.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.capsa.oci.Capabilities;
import io.capsa.oci.Spec;
import io.capsa.runtime.config.ConfigProblems;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What CapabilitySets says about the sets it settles, through java.util.logging in tests. */
class CapabilitySetsTest {
  private static final int LAST_CAPABILITY = 40;

  private final Logger logger = Logger.getLogger(CapabilitySets.class.getName());
  private final List<LogRecord> records = new ArrayList<>();
  private final Handler recorder = new Handler() {
    @Override
    public void publish(LogRecord record) {
      records.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  private Level previousLevel;

  @BeforeEach
  void record() {
    previousLevel = logger.getLevel();
    logger.setLevel(Level.ALL);
    logger.addHandler(recorder);
  }

  @AfterEach
  void stopRecording() {
    logger.removeHandler(recorder);
    logger.setLevel(previousLevel);
  }

  /**
   * runc 1.1's spec lists ambient capabilities without inheritable ones; runc 1.1 and 1.2 and
   * crun leave them out without a word, and so does Capsa but in a debug message.
   */
  @Test
  void ambientCapabilitiesOfRuncsSpecAreLeftOutWithoutAWarning() {
    Capabilities runcSpec = Spec.example().process().capabilities();
    ConfigProblems problems = new ConfigProblems();

    CapabilitySets sets = CapabilitySets.from(runcSpec, "$.process.capabilities",
        LAST_CAPABILITY, problems);

    assertEquals(List.of(), problems.list());
    assertEquals(0, sets.ambient());
    assertEquals(List.of("FINE: not raising ambient capabilities that are not both permitted and"
        + " inheritable: CAP_KILL, CAP_NET_BIND_SERVICE, CAP_AUDIT_WRITE"), records.stream()
        .map(record -> record.getLevel() + ": " + record.getMessage()).toList());
  }

  @Test
  void ambientCapabilitiesBothPermittedAndInheritableAreRaisedQuietly() {
    List<String> kill = List.of("CAP_KILL");
    CapabilitySets sets = CapabilitySets.from(new Capabilities(kill, kill, kill, kill, kill),
        "$.process.capabilities", LAST_CAPABILITY, new ConfigProblems());

    assertEquals(1L << 5, sets.ambient());
    assertEquals(List.of(), records);
  }
}
