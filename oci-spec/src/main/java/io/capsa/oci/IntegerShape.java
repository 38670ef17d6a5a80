package io.capsa.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import java.math.BigInteger;

/**
 * A JSON integer within inclusive bounds, held in an {@code int} or a {@code long}. An unsigned
 * 64-bit value keeps its bits in a {@code long} (see {@link io.capsa.oci.schema.Uint64}).
 */
final class IntegerShape implements Shape {
  private static final BigInteger UINT64_MAX =
      BigInteger.ONE.shiftLeft(Long.SIZE).subtract(BigInteger.ONE);

  private final BigInteger min;
  private final BigInteger max;
  private final boolean heldInInt;
  private final boolean unsigned64;

  private IntegerShape(BigInteger min, BigInteger max, boolean heldInInt, boolean unsigned64) {
    this.min = min;
    this.max = max;
    this.heldInInt = heldInInt;
    this.unsigned64 = unsigned64;
  }

  /** An {@code int}, within the bounds as far as an int reaches. */
  static IntegerShape ofInt(long min, long max) {
    return new IntegerShape(
        BigInteger.valueOf(Math.max(min, Integer.MIN_VALUE)),
        BigInteger.valueOf(Math.min(max, Integer.MAX_VALUE)),
        true,
        false);
  }

  static IntegerShape ofLong(long min, long max) {
    return new IntegerShape(BigInteger.valueOf(min), BigInteger.valueOf(max), false, false);
  }

  static IntegerShape ofUint64() {
    return new IntegerShape(BigInteger.ZERO, UINT64_MAX, false, true);
  }

  @Override
  public Object read(JsonNode node, JsonPath path, Problems problems) {
    if (!node.isIntegralNumber()) {
      problems.mismatch(path, "an integer", node);
      return null;
    }
    BigInteger value = node.bigIntegerValue();
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      problems.add(path, "must be between " + min + " and " + max + ", was " + value);
      return null;
    }
    if (heldInInt) {
      return value.intValue();
    }
    return value.longValue();
  }

  @Override
  public JsonNode write(Object value, JsonPath path, Problems problems) {
    long number = ((Number) value).longValue();
    if (unsigned64 && number < 0) {
      return BigIntegerNode.valueOf(new BigInteger(Long.toUnsignedString(number)));
    }
    return heldInInt ? IntNode.valueOf((int) number) : LongNode.valueOf(number);
  }
}
