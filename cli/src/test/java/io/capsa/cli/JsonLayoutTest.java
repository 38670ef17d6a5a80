package io.capsa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JsonLayoutTest {

  private static final String TABBED = "{\n\t\"id\": \"a b\",\n\t\"list\": [\n\t\t1,\n\t\t2\n\t]\n}";

  @Test
  void leadingTabsBecomeTheUnit() {
    assertEquals("{\n  \"id\": \"a b\",\n  \"list\": [\n    1,\n    2\n  ]\n}",
        JsonLayout.indented(TABBED, "  "));
  }

  @Test
  void compactKeepsSpacesInsideStrings() {
    assertEquals("{\"id\":\"a b\",\"list\":[1,2]}", JsonLayout.compact(TABBED));
  }

  @Test
  void compactKnowsEscapedQuotes() {
    assertEquals("{\"msg\":\"say \\\" hi \\\\\",\"n\":1}",
        JsonLayout.compact("{ \"msg\": \"say \\\" hi \\\\\", \"n\": 1 }"));
  }
}
