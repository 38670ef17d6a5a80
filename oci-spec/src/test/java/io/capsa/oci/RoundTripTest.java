package io.capsa.oci;

import static io.capsa.oci.Json.quoted;
import static io.capsa.oci.Json.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsa.oci.SpecFixtures.Kind;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Parse and write lose nothing, invent nothing and are stable. */
class RoundTripTest {
  @TestFactory
  Stream<DynamicTest> goodDocumentsRoundTrip() {
    Stream<DynamicTest> fixtures =
        Stream.of(Kind.values())
            .flatMap(
                kind ->
                    SpecFixtures.documents(kind, "good").stream()
                        .map(
                            file ->
                                roundTrip(
                                    file.getFileName().toString(), kind, SpecFixtures.read(file))));
    return Stream.concat(
        fixtures,
        Stream.of(
            roundTrip(
                "every-member.json", Kind.CONFIG, SpecFixtures.resource("every-member.json"))));
  }

  private static DynamicTest roundTrip(String name, Kind kind, String json) {
    return DynamicTest.dynamicTest(
        kind.directory + "/" + name,
        () -> {
          Record read = kind.read(json);
          String written = OciJson.write(read);
          assertEquals(read, kind.read(written), "the written document reads back equal");
          assertEquals(
              tree(json),
              tree(written),
              "the written document has exactly the members of the input");
          assertEquals(written, OciJson.write(kind.read(written)), "writing is stable");
        });
  }

  @Test
  void unknownFieldsSurviveAtEveryLevel() {
    String json =
        quoted(
            """
            {'ociVersion': '1.3.0', 'x-top': {'nested': [1, 2.5, null, true]},
             'process': {'cwd': '/', 'x-process': 'text',
               'user': {'uid': 0, 'x-user': 18446744073709551616},
               'rlimits': [{'type': 'RLIMIT_NOFILE', 'hard': 1, 'soft': 1, 'x-rlimit': false}]},
             'mounts': [{'destination': '/tmp', 'x-mount': []}],
             'hooks': {'x-hooks': {}, 'poststart': [{'path': '/bin/true', 'x-hook': null}]},
             'linux': {'x-linux': 7,
               'resources': {'oomScoreAdj': 100, 'memory': {'limit': 1, 'x-memory': 'm'}},
               'seccomp': {'defaultAction': 'SCMP_ACT_ALLOW', 'syscalls': [{'names': ['read'],
                 'action': 'SCMP_ACT_ALLOW',
                 'args': [{'index': 0, 'value': 1, 'op': 'SCMP_CMP_EQ', 'x-arg': 1}]}]}}}
            """);
    Spec spec = OciJson.readSpec(json);

    assertEquals(Map.of("x-top", "{\"nested\":[1,2.5,null,true]}"), spec.unknownFields().members());
    assertEquals(Map.of("x-process", "\"text\""), spec.process().unknownFields().members());
    assertEquals(
        Map.of("x-user", "18446744073709551616"), spec.process().user().unknownFields().members());
    assertEquals(Map.of("oomScoreAdj", "100"), spec.linux().resources().unknownFields().members());
    assertEquals(
        Map.of("x-arg", "1"),
        spec.linux().seccomp().syscalls().get(0).args().get(0).unknownFields().members());
    String written = OciJson.write(spec);
    assertEquals(tree(json), tree(written));
    assertEquals(spec, OciJson.readSpec(written));
  }

  @Test
  void absentMembersStayAbsent() {
    String written =
        OciJson.write(
            OciJson.readSpec(quoted("{'ociVersion': '1.0.0', 'root': {'path': 'rootfs'}}")));

    assertEquals(
        "{\n\t\"ociVersion\": \"1.0.0\",\n\t\"root\": {\n\t\t\"path\": \"rootfs\"\n\t}\n}",
        written);
  }

  @Test
  void aBuiltDocumentWritesOnlyWhatWasSet() {
    assertEquals(
        "{\n\t\"ociVersion\": \"1.3.0\",\n\t\"hostname\": \"box\"\n}",
        OciJson.write(Spec.builder().hostname("box").build()));
  }

  @Test
  void explicitlyEmptyMembersStayEmpty() {
    Spec spec =
        OciJson.readSpec(
            quoted(
                "{'ociVersion': '1.3.0', 'mounts': [], 'annotations': {}, 'linux': {'namespaces':"
                    + " [], 'sysctl': {}}}"));

    assertEquals(List.of(), spec.mounts());
    assertEquals(Map.of(), spec.annotations());
    assertNull(spec.hostname());
    assertNull(spec.linux().maskedPaths());
    assertEquals(
        "{\n"
            + "\t\"ociVersion\": \"1.3.0\",\n"
            + "\t\"mounts\": [],\n"
            + "\t\"annotations\": {},\n"
            + "\t\"linux\": {\n"
            + "\t\t\"sysctl\": {},\n"
            + "\t\t\"namespaces\": []\n"
            + "\t}\n"
            + "}",
        OciJson.write(spec));
  }

  @Test
  void aNullMemberCountsAsAbsentAsInGo() {
    Spec spec =
        OciJson.readSpec(quoted("{'ociVersion': '1.3.0', 'hostname': null, 'process': null}"));

    assertNull(spec.hostname());
    assertNull(spec.process());
    assertTrue(spec.unknownFields().isEmpty());
    assertFalse(OciJson.write(spec).contains("null"));
  }

  @Test
  void unsigned64BitValuesKeepAllTheirBits() {
    Spec spec =
        Spec.builder()
            .process(
                ProcessConfig.builder()
                    .cwd("/")
                    .rlimits(List.of(new Rlimit("RLIMIT_CORE", -1L, Long.MIN_VALUE)))
                    .build())
            .build();

    String written = OciJson.write(spec);

    assertTrue(written.contains("\"hard\": 18446744073709551615"), written);
    assertTrue(written.contains("\"soft\": 9223372036854775808"), written);
    assertEquals(spec, OciJson.readSpec(written));
  }
}
