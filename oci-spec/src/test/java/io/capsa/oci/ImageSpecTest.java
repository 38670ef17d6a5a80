package io.capsa.oci;

import static io.capsa.oci.Json.quoted;
import static io.capsa.oci.Json.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.capsa.oci.image.Descriptor;
import io.capsa.oci.image.ExecutionConfig;
import io.capsa.oci.image.ImageConfig;
import io.capsa.oci.image.ImageIndex;
import io.capsa.oci.image.ImageLayout;
import io.capsa.oci.image.ImageManifest;
import io.capsa.oci.image.MediaTypes;
import io.capsa.oci.image.Platform;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Image-spec 1.1 documents, as rootfs-tools reads them from an image layout. */
class ImageSpecTest {
  @TestFactory
  Stream<DynamicTest> documentsRoundTrip() {
    return Stream.of(
        roundTrip("image-index.json", ImageIndex.class),
        roundTrip("image-manifest.json", ImageManifest.class),
        roundTrip("image-config.json", ImageConfig.class),
        DynamicTest.dynamicTest(
            "oci-layout",
            () ->
                assertEquals(
                    new ImageLayout(ImageLayout.VERSION),
                    OciJson.read("{\"imageLayoutVersion\": \"1.0.0\"}", ImageLayout.class))));
  }

  private static DynamicTest roundTrip(String resource, Class<? extends Record> type) {
    return DynamicTest.dynamicTest(
        resource,
        () -> {
          String json = SpecFixtures.resource(resource);
          Record read = OciJson.read(json, type);
          String written = OciJson.write(read);
          assertEquals(tree(json), tree(written));
          assertEquals(read, OciJson.read(written, type));
        });
  }

  @Test
  void readsAnIndexWithPlatforms() {
    ImageIndex index = OciJson.read(SpecFixtures.resource("image-index.json"), ImageIndex.class);

    Descriptor first = index.manifests().get(0);
    assertEquals(new Platform("ppc64le", "linux"), first.platform());
    assertEquals("3.19", first.annotations().get(MediaTypes.REF_NAME_ANNOTATION));
    assertEquals(List.of("sse4"), index.manifests().get(1).platform().osFeatures());
  }

  @Test
  void readsAnImageConfiguration() {
    ImageConfig image = OciJson.read(SpecFixtures.resource("image-config.json"), ImageConfig.class);

    ExecutionConfig config = image.config();
    assertEquals(Set.of("8080/tcp"), config.exposedPorts());
    assertEquals(
        List.of("/var/job-result-data", "/var/log/my-app-logs"), List.copyOf(config.volumes()));
    assertEquals(List.of("/bin/my-app-binary"), config.entrypoint());
    assertEquals(Instant.parse("2024-11-12T10:11:12.123456789Z"), image.created());
    assertEquals(Boolean.TRUE, image.history().get(1).emptyLayer());
    assertEquals(
        Map.of("Healthcheck", "{\"Test\":[\"CMD-SHELL\",\"true\"]}"),
        config.unknownFields().members());
  }

  @Test
  void dockerStyleNullsCountAsAbsent() {
    ImageConfig image =
        OciJson.read(
            quoted(
                """
                {'architecture': 'amd64', 'os': 'linux',
                 'config': {'Cmd': null, 'Entrypoint': null, 'Volumes': null},
                 'rootfs': {'type': 'layers', 'diff_ids': []}}
                """),
            ImageConfig.class);

    assertNull(image.config().cmd());
    assertEquals(ExecutionConfig.builder().build(), image.config());
  }

  @Test
  void buildsALayout() {
    Descriptor config = new Descriptor(MediaTypes.IMAGE_CONFIG, "sha256:" + "a".repeat(64), 2);
    Descriptor layer = new Descriptor(MediaTypes.LAYER_TAR_GZIP, "sha256:" + "b".repeat(64), 100);
    ImageManifest manifest = new ImageManifest(config, List.of(layer));

    ImageManifest read = OciJson.read(OciJson.write(manifest), ImageManifest.class);

    assertEquals(manifest, read);
    assertEquals(2, read.schemaVersion());
    assertEquals(MediaTypes.IMAGE_MANIFEST, read.mediaType());
  }

  @Test
  void badDescriptorsAreRejectedAtTheirPath() {
    OciSpecException e =
        assertThrows(
            OciSpecException.class,
            () ->
                OciJson.read(
                    quoted(
                        """
                        {'schemaVersion': 1,
                         'manifests': [{'mediaType': 'manifest', 'digest': 'sha256', 'size': 1}]}
                        """),
                    ImageIndex.class));

    assertEquals(
        List.of("$.schemaVersion", "$.manifests[0].mediaType", "$.manifests[0].digest"),
        e.problems().stream().map(Problem::jsonPath).toList());
  }

  @Test
  void aManifestNeedsALayer() {
    OciSpecException e =
        assertThrows(
            OciSpecException.class,
            () ->
                OciJson.read(
                    quoted(
                        """
                        {'schemaVersion': 2, 'layers': [],
                         'config': {'mediaType': 'a/b', 'digest': 'sha256:00', 'size': 2}}
                        """),
                    ImageManifest.class));

    assertEquals("$.layers: must have at least 1 element", e.problems().get(0).toString());
  }
}
