package io.capsa.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SignalTest {
  @ParameterizedTest
  @CsvSource({"KILL,9", "SIGKILL,9", "9,9", "sigterm,15", " TERM ,15", "HUP,1", "SIGCHLD,17",
      "CLD,17", "IOT,6", "WINCH,28", "RTMIN,34", "SIGRTMIN+3,37", "RTMAX,64", "RTMAX-2,62",
      "64,64"})
  void parsesNamesNumbersAndRealTimeSignals(String text, int number) {
    assertEquals(number, Signal.parse(text).number());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "SIG", "NOPE", "0", "65", "-1", "RTMIN-1", "RTMAX+1", "RTMIN+31",
      "99999999999"})
  void refusesWhatIsNoSignal(String text) {
    assertThrows(IllegalArgumentException.class, () -> Signal.parse(text));
  }

  @ParameterizedTest
  @CsvSource({"9,SIGKILL", "6,SIGABRT", "17,SIGCHLD", "29,SIGIO", "34,SIGRTMIN+0", "64,SIGRTMAX"})
  void namesAreCanonical(int number, String name) {
    assertEquals(Optional.of(name), new Signal(number).name());
  }
}
