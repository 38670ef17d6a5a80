package io.capsa.init;

/** When a jump is taken: always, or when a signed comparison of its two arguments holds. */
public enum Condition {
  ALWAYS(0, null),
  EQ(1, "=="),
  NE(2, "!="),
  LT(3, "<"),
  LE(4, "<="),
  GT(5, ">"),
  GE(6, ">=");

  private final int wireCode;
  private final String symbol;

  Condition(int wireCode, String symbol) {
    this.wireCode = wireCode;
    this.symbol = symbol;
  }

  public int wireCode() {
    return wireCode;
  }

  /** The comparison operator, e.g. {@code <}; null for {@link #ALWAYS}. */
  public String symbol() {
    return symbol;
  }

  static Condition ofWireCode(int code) {
    for (Condition condition : values()) {
      if (condition.wireCode == code) {
        return condition;
      }
    }
    throw new IllegalArgumentException("no jump condition has code " + code);
  }
}
