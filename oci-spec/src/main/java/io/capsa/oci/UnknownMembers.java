package io.capsa.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capsa.oci.schema.UnknownFields;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Moves members a record does not define between a JSON object and {@link UnknownFields}. */
final class UnknownMembers {
  private UnknownMembers() {}

  /** The members of {@code object} not named in {@code defined}, as compact JSON text. */
  static UnknownFields collect(JsonNode object, Set<String> defined) {
    Map<String, String> unknown = new LinkedHashMap<>();
    object
        .properties()
        .forEach(
            member -> {
              if (!defined.contains(member.getKey())) {
                unknown.put(member.getKey(), JsonText.compact(member.getValue()));
              }
            });
    return unknown.isEmpty() ? UnknownFields.none() : new UnknownFields(unknown);
  }

  /**
   * Adds each unknown field to {@code object}, reporting text that is not JSON and names that
   * {@code defined} holds: such a field would hide or duplicate the record's own member.
   */
  static void writeInto(
      ObjectNode object,
      UnknownFields fields,
      Set<String> defined,
      JsonPath path,
      Problems problems) {
    fields
        .members()
        .forEach(
            (name, json) -> {
              if (defined.contains(name)) {
                problems.add(
                    path.member(name), "is a defined member and cannot also be an unknown field");
                return;
              }
              JsonNode value = JsonText.parseFragment(json, path.member(name), problems);
              if (value != null) {
                object.set(name, value);
              }
            });
  }
}
