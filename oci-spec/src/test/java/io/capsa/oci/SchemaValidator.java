package io.capsa.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates JSON text against the runtime-spec's own draft-04 schemas. They $ref each other by
 * relative file name and declare no id, so they are loaded under an IRI prefix mapped to the
 * fixture directory, against which those names resolve.
 */
final class SchemaValidator {
  private static final String PREFIX = "https://opencontainers.org/schema/runtime/";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonSchemaFactory FACTORY =
      JsonSchemaFactory.getInstance(
          SpecVersion.VersionFlag.V4,
          builder ->
              builder.schemaMappers(
                  mappers ->
                      mappers.mapPrefix(PREFIX, SpecFixtures.directory().toUri().toString())));
  private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

  private SchemaValidator() {}

  /** What the schema file {@code schemaName} finds wrong with {@code json}; empty when valid. */
  static List<String> problems(String schemaName, String json) {
    JsonSchema schema =
        SCHEMAS.computeIfAbsent(
            schemaName, name -> FACTORY.getSchema(SchemaLocation.of(PREFIX + name)));
    JsonNode tree;
    try {
      tree = MAPPER.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    return schema.validate(tree).stream().map(ValidationMessage::getMessage).sorted().toList();
  }
}
