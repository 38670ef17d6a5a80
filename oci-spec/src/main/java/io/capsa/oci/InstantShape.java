package io.capsa.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** An RFC 3339 date-time string, as Go writes a {@code time.Time}; written back in UTC. */
final class InstantShape implements Shape {
  static final InstantShape INSTANCE = new InstantShape();

  private InstantShape() {}

  @Override
  public Object read(JsonNode node, JsonPath path, Problems problems) {
    if (!node.isTextual()) {
      problems.mismatch(path, "an RFC 3339 date-time string", node);
      return null;
    }
    try {
      return OffsetDateTime.parse(node.textValue(), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
          .toInstant();
    } catch (DateTimeParseException e) {
      problems.mismatch(path, "an RFC 3339 date-time such as 2024-05-01T12:00:00.5Z", node);
      return null;
    }
  }

  @Override
  public JsonNode write(Object value, JsonPath path, Problems problems) {
    return TextNode.valueOf(DateTimeFormatter.ISO_INSTANT.format((Instant) value));
  }
}
