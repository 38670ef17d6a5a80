package io.capsa.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.capsa.oci.SpecFixtures.Kind;
import io.capsa.oci.features.CgroupFeatures;
import io.capsa.oci.features.EnabledFeature;
import io.capsa.oci.features.IntelRdtFeatures;
import io.capsa.oci.features.LinuxFeatures;
import io.capsa.oci.features.MemoryPolicyFeatures;
import io.capsa.oci.features.MountExtensions;
import io.capsa.oci.features.SeccompFeatures;
import io.capsa.oci.linux.MemoryPolicyFlag;
import io.capsa.oci.linux.MemoryPolicyMode;
import io.capsa.oci.linux.NamespaceType;
import io.capsa.oci.linux.SeccompAction;
import io.capsa.oci.linux.SeccompArch;
import io.capsa.oci.linux.SeccompFlag;
import io.capsa.oci.linux.SeccompOperator;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** What Capsa writes conforms to the runtime-spec's own JSON schemas. */
class SchemaConformanceTest {
  @Test
  void exampleSpecConforms() {
    assertConforms(Kind.CONFIG, OciJson.write(Spec.example()));
  }

  @Test
  void rootlessExampleSpecConforms() {
    assertConforms(Kind.CONFIG, OciJson.write(Spec.rootlessExample()));
  }

  @Test
  void stateConforms() {
    State state =
        State.builder()
            .id("box")
            .status(Status.RUNNING)
            .pid(4242)
            .bundle("/srv/bundles/box")
            .rootfs("/srv/bundles/box/rootfs")
            .created(Instant.parse("2025-01-02T03:04:05.123456789Z"))
            .annotations(Map.of("org.example.k", "v"))
            .owner("")
            .build();

    assertConforms(Kind.STATE, OciJson.write(state));
  }

  @Test
  void featuresConform() {
    Features features =
        Features.builder()
            .ociVersionMin("1.0.0")
            .ociVersionMax(Spec.OCI_VERSION)
            .hooks(List.of("prestart", "createRuntime", "poststop"))
            .mountOptions(List.of("bind", "rbind", "ro"))
            .linux(
                LinuxFeatures.builder()
                    .namespaces(List.of(NamespaceType.values()))
                    .capabilities(List.of("CAP_CHOWN", "CAP_SYS_ADMIN"))
                    .cgroup(new CgroupFeatures(false, true, false, false, false))
                    .seccomp(
                        new SeccompFeatures(
                            true,
                            List.of(SeccompAction.values()),
                            List.of(SeccompOperator.values()),
                            List.of(SeccompArch.values()),
                            List.of(SeccompFlag.values()),
                            List.of(SeccompFlag.SECCOMP_FILTER_FLAG_LOG)))
                    .apparmor(new EnabledFeature(false))
                    .selinux(new EnabledFeature(false))
                    .intelRdt(new IntelRdtFeatures(false, false, false))
                    .memoryPolicy(
                        new MemoryPolicyFeatures(
                            List.of(MemoryPolicyMode.values()), List.of(MemoryPolicyFlag.values())))
                    .mountExtensions(new MountExtensions(new EnabledFeature(true)))
                    .netDevices(new EnabledFeature(true))
                    .build())
            .annotations(Map.of("org.example.runtime.version", "0.1.0"))
            .potentiallyUnsafeConfigAnnotations(List.of("org.example.unsafe."))
            .build();

    assertConforms(Kind.FEATURES, OciJson.write(features));
  }

  @TestFactory
  Stream<DynamicTest> rewrittenGoodDocumentsConform() {
    Stream<DynamicTest> fixtures =
        Stream.of(Kind.values())
            .flatMap(
                kind ->
                    SpecFixtures.documents(kind, "good").stream()
                        .map(
                            file ->
                                DynamicTest.dynamicTest(
                                    kind.directory + "/" + file.getFileName(),
                                    () ->
                                        assertConforms(
                                            kind,
                                            OciJson.write(kind.read(SpecFixtures.read(file)))))));
    return Stream.concat(
        fixtures,
        Stream.of(
            DynamicTest.dynamicTest(
                "every-member.json",
                () ->
                    assertConforms(
                        Kind.CONFIG,
                        OciJson.write(
                            OciJson.readSpec(SpecFixtures.resource("every-member.json")))))));
  }

  /**
   * Guards the harness: a validator that accepted everything would make the tests above vacuous.
   */
  @TestFactory
  Stream<DynamicTest> theSchemasRejectTheBadFixturesToo() {
    return Stream.of(Kind.values())
        .flatMap(
            kind ->
                SpecFixtures.documents(kind, "bad").stream()
                    .filter(file -> !file.getFileName().toString().equals("invalid-json.json"))
                    .map(
                        file ->
                            DynamicTest.dynamicTest(
                                kind.directory + "/" + file.getFileName(),
                                () ->
                                    assertFalse(
                                        SchemaValidator.problems(
                                                kind.schema, SpecFixtures.read(file))
                                            .isEmpty()))));
  }

  private static void assertConforms(Kind kind, String json) {
    assertEquals(List.of(), SchemaValidator.problems(kind.schema, json), () -> json);
  }
}
