package io.capsa.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The runtime-spec's JSON schemas (draft-04, in the directory surefire names in
 * capsa.oci.schema.dir), for checking what the CLI prints. The schemas refer to each other by
 * file name without an id, so they load under a prefix mapped onto that directory.
 */
final class SpecSchemas {
  private static final String PREFIX = "https://opencontainers.org/schema/runtime/";

  private SpecSchemas() {}

  /** What schema file {@code schema} finds wrong with {@code json}; empty when it is valid. */
  static List<String> violations(String schema, String json) throws IOException {
    Path directory = Path.of(System.getProperty("capsa.oci.schema.dir"));
    JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
        builder -> builder.schemaMappers(mappers ->
            mappers.mapPrefix(PREFIX, directory.toUri().toString())));
    return factory.getSchema(SchemaLocation.of(PREFIX + schema))
        .validate(new ObjectMapper().readTree(json)).stream()
        .map(ValidationMessage::getMessage).sorted().toList();
  }
}
