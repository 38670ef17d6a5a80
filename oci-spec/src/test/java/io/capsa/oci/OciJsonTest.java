package io.capsa.oci;

import static io.capsa.oci.Json.quoted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsa.oci.schema.UnknownFields;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading and writing as OciJson promises: strict input, located errors, runc's layout. */
class OciJsonTest {
  @TempDir Path directory;

  @Test
  void writesRuncsLayout() {
    Spec spec =
        Spec.builder()
            .hostname("h\u00e9")
            .annotations(java.util.Map.of("k", "v"))
            .process(ProcessConfig.builder().cwd("/").args(List.of("sh")).env(List.of()).build())
            .build();

    assertEquals(
        """
        {
        \t"ociVersion": "1.3.0",
        \t"process": {
        \t\t"args": [
        \t\t\t"sh"
        \t\t],
        \t\t"env": [],
        \t\t"cwd": "/"
        \t},
        \t"hostname": "h\u00e9",
        \t"annotations": {
        \t\t"k": "v"
        \t}
        }\
        """,
        OciJson.write(spec));
  }

  @Test
  void malformedJsonIsReportedWithItsLocation() {
    OciSpecException e =
        assertThrows(
            OciSpecException.class,
            () -> OciJson.readSpec("{\n  \"linux\": {\"maskedPaths\": [\"/proc\", ]}\n}"));

    assertEquals(1, e.problems().size());
    Problem problem = e.problems().get(0);
    assertEquals("$.linux.maskedPaths[1]", problem.jsonPath());
    assertTrue(
        problem.message().startsWith("malformed JSON at line 2, column 38: Unexpected character"),
        problem::message);
  }

  @Test
  void duplicateMembersAreRejectedBecauseParsersDisagreeOnWhichWins() {
    OciSpecException e =
        assertThrows(
            OciSpecException.class,
            () ->
                OciJson.readSpec(
                    quoted("{'ociVersion': '1.3.0', 'hostname': 'a', 'hostname': 'b'}")));

    assertEquals("$.hostname", e.problems().get(0).jsonPath());
    assertTrue(e.problems().get(0).message().contains("Duplicate field 'hostname'"), e::getMessage);
  }

  @Test
  void textAfterTheDocumentEmptyTextAndOtherValuesAreRejected() {
    assertProblem("{\"ociVersion\": \"1.3.0\"} {}", "$", "malformed JSON at line 1, column 25");
    assertProblem("", "$", "the document is empty");
    assertProblem("[]", "$", "must be an object, was an array");
    assertProblem("null", "$", "must be an object, was null");
  }

  @Test
  void readsAFileAndNamesItInErrors() throws IOException {
    Path file = directory.resolve("config.json");
    Files.writeString(file, OciJson.write(Spec.example()));
    assertEquals(Spec.example(), OciJson.readSpec(file));

    Files.writeString(file, "{}");
    OciSpecException e = assertThrows(OciSpecException.class, () -> OciJson.readSpec(file));
    assertEquals(
        "invalid Spec document " + file + ":\n  $.ociVersion: is required", e.getMessage());
  }

  @Test
  void aMissingFileIsAnIoProblemNotASpecProblem() {
    Path missing = directory.resolve("missing.json");

    UncheckedIOException e =
        assertThrows(UncheckedIOException.class, () -> OciJson.readSpec(missing));

    assertTrue(e.getMessage().contains(missing.toString()), e::getMessage);
  }

  /**
   * A hostile bundle's config.json: a FIFO would block the reader forever, /dev/zero or a huge
   * file would fill the heap. Each is refused at once, naming the file.
   */
  @Test
  void onlyARegularFileOfBoundedSizeIsRead() throws Exception {
    Path fifo = directory.resolve("fifo.json");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
    Path zero = Files.createSymbolicLink(directory.resolve("zero.json"), Path.of("/dev/zero"));
    Path huge = directory.resolve("huge.json");
    try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
      file.setLength(OciJson.MAX_FILE_BYTES + 1L);
    }

    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      assertRefused(fifo, "not a regular file (a FIFO, socket or device)");
      assertRefused(zero, "not a regular file (a FIFO, socket or device)");
      assertRefused(directory, "not a regular file (a directory)");
      assertRefused(huge, "larger than 32 MiB, the most a document may have");
    });
  }

  private static void assertRefused(Path file, String reason) {
    UncheckedIOException e =
        assertThrows(UncheckedIOException.class, () -> OciJson.readSpec(file));
    assertEquals("cannot read " + file, e.getMessage());
    assertEquals(file + ": " + reason, e.getCause().getMessage());
  }

  @Test
  void textThatIsNotUtf8IsAnIoProblem() throws IOException {
    Path file = directory.resolve("latin1.json");
    Files.write(file, new byte[] {'{', '"', (byte) 0xe9, '"', ':', '1', '}'});

    UncheckedIOException e =
        assertThrows(UncheckedIOException.class, () -> OciJson.readSpec(file));

    assertEquals("cannot read " + file, e.getMessage());
  }

  @Test
  void readsTheProcessDocumentOfRuncExec() {
    ProcessConfig process =
        OciJson.read(
            quoted("{'cwd': '/', 'args': ['ps'], 'terminal': false}"), ProcessConfig.class);

    assertEquals(List.of("ps"), process.args());
    assertEquals(Boolean.FALSE, process.terminal());
  }

  @Test
  void unknownFieldsThatAreNotJsonOrHideAMemberAreNotWritten() {
    Spec spec =
        Spec.builder()
            .unknownFields(
                UnknownFields.none().with("x-broken", "{oops").with("hostname", "\"shadow\""))
            .build();

    OciSpecException e = assertThrows(OciSpecException.class, () -> OciJson.write(spec));

    assertEquals(
        List.of("$['x-broken']", "$.hostname"),
        e.problems().stream().map(Problem::jsonPath).toList());
    assertTrue(
        e.problems().get(0).message().startsWith("is not valid JSON at line 1, column 2"),
        e::getMessage);
    assertEquals(
        "is a defined member and cannot also be an unknown field", e.problems().get(1).message());
  }

  @Test
  void unknownFieldsAddedInCodeAreWritten() {
    UnknownFields extension = UnknownFields.none().with("org.example", "[1, {\"a\": true}]");
    Spec spec = Spec.builder().unknownFields(extension).build();

    String written = OciJson.write(spec);

    assertEquals(
        "[1,{\"a\":true}]", OciJson.readSpec(written).unknownFields().members().get("org.example"));
  }

  @Test
  void stringsGoToAndFromJsonText() {
    assertEquals("\"/a \\\"b\\\"\\n\"", OciJson.quote("/a \"b\"\n"));
    assertEquals("/a \"b\"\n", OciJson.readString(OciJson.quote("/a \"b\"\n")));
    assertThrows(OciSpecException.class, () -> OciJson.readString("42"));
    assertThrows(OciSpecException.class, () -> OciJson.readString("\"open"));
  }

  private static void assertProblem(String json, String path, String messageStart) {
    OciSpecException e = assertThrows(OciSpecException.class, () -> OciJson.readSpec(json));
    assertEquals(path, e.problems().get(0).jsonPath(), e::getMessage);
    assertTrue(e.problems().get(0).message().startsWith(messageStart), e::getMessage);
  }
}
