package io.capsa.oci.schema;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Members of a JSON object that its record does not define (newer spec versions, vendor extensions,
 * runc's extra state fields), kept so that a parse and write loses nothing. Also the value of a
 * member the spec leaves free-form, such as Windows' {@code credentialSpec}.
 *
 * <p>Each value is the member's JSON text, so callers need no JSON library to carry them; read one
 * with {@code OciJson.read} if it is an object of a known shape. Text that is not valid JSON is
 * reported when the document is written.
 *
 * @param members JSON text by member name, in document order
 */
public record UnknownFields(Map<String, String> members) {
  private static final UnknownFields NONE = new UnknownFields(Map.of());

  public UnknownFields {
    members = Immutable.map(Objects.requireNonNull(members, "members"));
  }

  public static UnknownFields none() {
    return NONE;
  }

  /** {@code fields}, or {@link #none()} for {@code null}: lets record constructors take null. */
  public static UnknownFields orNone(UnknownFields fields) {
    return fields == null ? NONE : fields;
  }

  public boolean isEmpty() {
    return members.isEmpty();
  }

  /** A copy with {@code name} set to the JSON text {@code json}. */
  public UnknownFields with(String name, String json) {
    Map<String, String> copy = new LinkedHashMap<>(members);
    copy.put(name, json);
    return new UnknownFields(copy);
  }
}
