package io.capsa.oci;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.capsa.oci.SpecFixtures.Kind;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The spec's own example documents: every good one reads, every bad one is rejected where it is
 * bad.
 */
class SpecFixturesTest {
  /** Per bad fixture, the problem it must be rejected with. */
  private static final Map<String, Predicate<Problem>> EXPECTED =
      Map.of(
          "config/bad/freebsd-vnet-disable.json",
          at("$.freebsd.jail.vnet", "must be one of [new, inherit], was \"disable\""),
          "config/bad/invalid-json.json",
          at("$", "malformed JSON at line 1, column 2"),
          "config/bad/linux-hugepage.json",
          at(
              "$.linux.resources.hugepageLimits[0].pageSize",
              "must match ^[1-9][0-9]*[KMG]B$, was \"64kB\""),
          "config/bad/linux-netdevice.json",
          at("$.linux.netDevices.eth0.name", "must be a string, was 23"),
          "config/bad/linux-rdma.json",
          at(
              "$.linux.resources.rdma.mlx5_1.hcaHandles",
              "must be an integer, was \"not a uint32\""),
          "features/bad/missing-ociVersionMax.json",
          at("$.ociVersionMax", "is required"),
          "state/bad/invalid-json.json",
          at("$", "malformed JSON at line 1, column 2"));

  @TestFactory
  Stream<DynamicTest> everyGoodDocumentReads() {
    return Stream.of(Kind.values())
        .flatMap(
            kind ->
                SpecFixtures.documents(kind, "good").stream()
                    .map(
                        file ->
                            DynamicTest.dynamicTest(
                                name(file),
                                () ->
                                    assertDoesNotThrow(() -> kind.read(SpecFixtures.read(file))))));
  }

  @TestFactory
  Stream<DynamicTest> everyBadDocumentIsRejectedAtItsPath() {
    return Stream.of(Kind.values())
        .flatMap(
            kind ->
                SpecFixtures.documents(kind, "bad").stream()
                    .map(
                        file ->
                            DynamicTest.dynamicTest(
                                name(file),
                                () -> {
                                  Predicate<Problem> expected = EXPECTED.get(name(file));
                                  if (expected == null) {
                                    fail(
                                        "a new bad fixture "
                                            + name(file)
                                            + ": add the problem it must be rejected with");
                                  }
                                  OciSpecException e =
                                      assertThrows(
                                          OciSpecException.class,
                                          () -> kind.read(SpecFixtures.read(file)));
                                  assertTrue(
                                      e.problems().stream().anyMatch(expected),
                                      () -> "unexpected problems: " + e.getMessage());
                                })));
  }

  private static Predicate<Problem> at(String jsonPath, String messageStart) {
    return problem ->
        problem.jsonPath().equals(jsonPath) && problem.message().startsWith(messageStart);
  }

  private static String name(Path file) {
    return SpecFixtures.directory().resolve("test").relativize(file).toString();
  }
}
