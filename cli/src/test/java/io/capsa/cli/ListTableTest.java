package io.capsa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.capsa.oci.State;
import io.capsa.oci.Status;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListTableTest {

  @Test
  void columnsAreAsWideAsTheirWidestCellPlusThreeAndAtLeastTwelve() {
    State state = State.builder().id("t1").pid(6006).status(Status.CREATED).bundle("/tmp/rb")
        .created(Instant.parse("2026-11-23T01:23:29.890016405Z")).owner("root").build();
    // What runc 1.1.5 printed for the same container.
    assertEquals("""
        ID          PID         STATUS      BUNDLE      CREATED                          OWNER
        t1          6006        created     /tmp/rb     2026-11-23T01:23:29.890016405Z   root
        """, ListTable.of(List.of(state)));
  }

  @Test
  void aLongIdWidensItsColumn() {
    // runc 1.1.5 lays out a-rather-long-container-id the same way.
    State state = State.builder().id("a-rather-long-container-id").pid(0)
        .status(Status.STOPPED).bundle("/b").created(Instant.EPOCH).owner("#1000").build();
    assertEquals("""
        ID                           PID         STATUS      BUNDLE      CREATED                OWNER
        a-rather-long-container-id   0           stopped     /b          1970-01-01T00:00:00Z   #1000
        """, ListTable.of(List.of(state)));
  }

  @Test
  void timesDropTrailingZerosOfTheFractionAsGoDoes() {
    assertEquals("2026-01-02T03:04:05.5Z",
        ListTable.rfc3339Nano(Instant.parse("2026-01-02T03:04:05.500Z")));
    assertEquals("2026-01-02T03:04:05.000000001Z",
        ListTable.rfc3339Nano(Instant.parse("2026-01-02T03:04:05.000000001Z")));
    assertEquals("2026-01-02T03:04:05Z",
        ListTable.rfc3339Nano(Instant.parse("2026-01-02T03:04:05Z")));
  }
}
