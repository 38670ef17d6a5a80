package io.capsa.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads and writes OCI documents: runtime-spec config.json ({@link Spec}), state ({@link State}),
 * features ({@link Features}), image-spec documents ({@code io.capsa.oci.image}) and any other
 * record of this module, such as the {@code process.json} of {@code runc exec --process}.
 *
 * <p>Reading checks the document against the schema (types, required members, enums, patterns and
 * numeric ranges) and reports every problem with its JSON path in one {@link OciSpecException}.
 * Members a record does not define are kept in its {@code unknownFields} and written back. An
 * absent member stays absent and an empty list or map stays empty; a member whose value is JSON
 * null counts as absent, as it does for the Go types runc uses.
 *
 * <p>Writing produces the layout {@code runc spec} does (tab indentation, {@code "key": value}, no
 * trailing newline) and refuses a document that would not read back.
 */
public final class OciJson {
  /** The largest document file read: far above any real one, far below a JVM's heap. */
  public static final int MAX_FILE_BYTES = 32 << 20;

  private OciJson() {}

  /**
   * Reads the config.json at {@code file}; problems name the file.
   *
   * @throws UncheckedIOException when the file cannot be read, is not a regular file or is
   *     larger than {@link #MAX_FILE_BYTES}
   */
  public static Spec readSpec(Path file) {
    return read(file, Spec.class);
  }

  public static Spec readSpec(String json) {
    return read(json, Spec.class);
  }

  public static State readState(String json) {
    return read(json, State.class);
  }

  public static Features readFeatures(String json) {
    return read(json, Features.class);
  }

  /**
   * Reads a document as any record type of this module: {@code ImageManifest.class}, or {@code
   * ProcessConfig.class} for the process of {@code runc exec --process}.
   */
  public static <T extends Record> T read(String json, Class<T> type) {
    return read(json, type, "invalid " + type.getSimpleName() + " document");
  }

  /**
   * Reads the document at {@code file} as a {@code type}; problems name the file.
   *
   * @throws UncheckedIOException when the file cannot be read, is not a regular file or is
   *     larger than {@link #MAX_FILE_BYTES}
   */
  public static <T extends Record> T read(Path file, Class<T> type) {
    return read(DocumentFile.read(file), type,
        "invalid " + type.getSimpleName() + " document " + file);
  }

  /**
   * The document as text, laid out like {@code runc spec} output. Members come in the order of the
   * record's components, which follows the Go types; unknown fields follow them.
   *
   * @throws OciSpecException when a value breaks the schema (a range, a pattern, an unknown field
   *     that is not JSON), so that Capsa never writes what it would reject
   */
  public static String write(Record document) {
    Problems problems = new Problems();
    JsonNode tree = toTree(document, problems);
    if (!problems.isEmpty()) {
      throw new OciSpecException(
          "cannot write an invalid " + document.getClass().getSimpleName() + " document",
          problems.list());
    }
    return JsonText.print(tree);
  }

  /**
   * Every way a document built in code breaks the schema, each with its JSON path; empty when it is
   * valid. Documents read by this class are valid already.
   */
  public static List<Problem> validate(Record document) {
    Problems problems = new Problems();
    toTree(document, problems);
    return problems.list();
  }

  /** {@code text} as JSON text: the quoted string an {@code UnknownFields} member holds. */
  public static String quote(String text) {
    return JsonText.compact(TextNode.valueOf(text));
  }

  /**
   * The string a JSON text holds, such as an {@code UnknownFields} member's.
   *
   * @throws OciSpecException when the text is not one JSON string
   */
  public static String readString(String json) {
    Problems problems = new Problems();
    JsonNode node = JsonText.parseFragment(json, JsonPath.ROOT, problems);
    if (node != null && !node.isTextual()) {
      problems.mismatch(JsonPath.ROOT, "a string", node);
    }
    if (!problems.isEmpty()) {
      throw new OciSpecException("invalid JSON string", problems.list());
    }
    return node.textValue();
  }

  private static <T extends Record> T read(String json, Class<T> type, String summary) {
    Problems problems = new Problems();
    JsonNode tree = JsonText.parseDocument(json, problems);
    Object document =
        tree == null ? null : RecordShape.of(type).read(tree, JsonPath.ROOT, problems);
    if (!problems.isEmpty()) {
      throw new OciSpecException(summary, problems.list());
    }
    return type.cast(document);
  }

  /** The document's tree, after checking it the way a read would: a valid document reads back. */
  private static JsonNode toTree(Record document, Problems problems) {
    RecordShape shape = RecordShape.of(document.getClass());
    JsonNode tree = shape.write(document, JsonPath.ROOT, problems);
    if (problems.isEmpty()) {
      shape.read(tree, JsonPath.ROOT, problems);
    }
    return tree;
  }
}
