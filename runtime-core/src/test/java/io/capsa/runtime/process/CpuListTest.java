package io.capsa.runtime.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

class CpuListTest {
  @Test
  void rangesAndSingleCpusCombine() {
    assertEquals("{0, 1, 2, 3, 7}", CpuList.parse("0-3,7").toString());
    assertEquals("{2}", CpuList.parse("2-2").toString());
  }

  @Test
  void spacesAndEmptyElementsAreAllowedAsRuncAllowsThem() {
    assertEquals("{1, 5}", CpuList.parse(" 1 ,, 5 ,").toString());
  }

  @Test
  void malformedListsAreRefusedSayingWhy() {
    assertEquals("range 4-2 goes backwards", message("4-2"));
    assertEquals("\"1-\" is not a CPU number or range", message("1-"));
    assertEquals("\"a\" is not a CPU number or range", message("a"));
    assertEquals("\"1 2\" is not a CPU number or range", message("1 2"));
    assertEquals("names no CPU", message(" , "));
    assertEquals("CPU 65537 is above 65536", message("65537"));
    assertEquals("CPU 99999999999 is above 65536", message("0-99999999999"));
  }

  @Test
  void theHighestCpuAcceptedIsRuncsLimit() {
    BitSet cpus = CpuList.parse("65536");
    assertEquals(65536, cpus.nextSetBit(0));
  }

  private static String message(String list) {
    return assertThrows(IllegalArgumentException.class, () -> CpuList.parse(list)).getMessage();
  }
}
