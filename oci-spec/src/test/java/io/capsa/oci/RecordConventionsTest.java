package io.capsa.oci;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsa.oci.image.ImageConfig;
import io.capsa.oci.image.ImageIndex;
import io.capsa.oci.image.ImageLayout;
import io.capsa.oci.image.ImageManifest;
import io.capsa.oci.linux.Linux;
import io.capsa.oci.schema.UnknownFields;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** What every document record promises: a JSON mapping, unknown fields, immutable copies. */
class RecordConventionsTest {
  private static final List<Class<?>> DOCUMENTS =
      List.of(
          Spec.class,
          State.class,
          Features.class,
          ImageIndex.class,
          ImageManifest.class,
          ImageConfig.class,
          ImageLayout.class);

  @TestFactory
  Stream<DynamicTest> everyRecordMapsAndKeepsUnknownFields() {
    return reachableRecords().stream()
        .map(
            type ->
                DynamicTest.dynamicTest(
                    type.getName(),
                    () -> {
                      RecordComponent[] components = type.getRecordComponents();
                      RecordComponent last = components[components.length - 1];
                      assertEquals("unknownFields", last.getName());
                      assertEquals(UnknownFields.class, last.getType());
                      assertDoesNotThrow(() -> RecordShape.of(type));
                    }));
  }

  @Test
  void collectionsAreCopiedAndUnmodifiable() {
    List<Mount> mounts = new ArrayList<>(List.of(new Mount("/proc", "proc", "proc", null)));
    Map<String, String> annotations = new LinkedHashMap<>(Map.of("a", "1"));
    Spec spec = Spec.builder().mounts(mounts).annotations(annotations).build();

    mounts.clear();
    annotations.clear();

    assertEquals(1, spec.mounts().size());
    assertEquals(Map.of("a", "1"), spec.annotations());
    assertThrows(UnsupportedOperationException.class, () -> spec.mounts().add(null));
    assertThrows(UnsupportedOperationException.class, () -> spec.annotations().put("b", "2"));
  }

  @Test
  void mapsKeepTheirOrder() {
    Map<String, String> sysctl = new LinkedHashMap<>();
    sysctl.put("z.last", "1");
    sysctl.put("a.first", "2");

    Linux linux = Linux.builder().sysctl(sysctl).build();

    assertEquals(List.of("z.last", "a.first"), List.copyOf(linux.sysctl().keySet()));
  }

  @Test
  void requiredMembersCannotBeLeftOut() {
    assertThrows(NullPointerException.class, () -> ProcessConfig.builder().build());
    assertThrows(NullPointerException.class, () -> Spec.builder().ociVersion(null).build());
  }

  @Test
  void buildersStartFromWhatTheyWereMadeFrom() {
    Spec spec = OciJson.readSpec(SpecFixtures.resource("every-member.json"));
    Linux linux = spec.linux();

    assertEquals(spec, spec.toBuilder().build());
    assertEquals(spec.process(), spec.process().toBuilder().build());
    assertEquals(spec.hooks(), spec.hooks().toBuilder().build());
    assertEquals(linux, linux.toBuilder().build());
    assertEquals(linux.resources(), linux.resources().toBuilder().build());
    assertEquals(linux.resources().memory(), linux.resources().memory().toBuilder().build());
    assertEquals(linux.resources().cpu(), linux.resources().cpu().toBuilder().build());
    assertEquals(linux.resources().blockIo(), linux.resources().blockIo().toBuilder().build());
    assertEquals(linux.seccomp(), linux.seccomp().toBuilder().build());
    assertEquals(spec.freebsd().jail(), spec.freebsd().jail().toBuilder().build());
    assertEquals("other", spec.toBuilder().hostname("other").build().hostname());
  }

  /** Every record type a document can contain, found through the components' types. */
  private static Set<Class<?>> reachableRecords() {
    Set<Class<?>> found = new LinkedHashSet<>();
    Deque<Type> pending = new ArrayDeque<>(DOCUMENTS);
    while (!pending.isEmpty()) {
      Type type = pending.pop();
      if (type instanceof ParameterizedType parameterized) {
        pending.addAll(List.of(parameterized.getActualTypeArguments()));
      } else if (type instanceof Class<?> raw
          && raw.isRecord()
          && raw != UnknownFields.class
          && found.add(raw)) {
        for (RecordComponent component : raw.getRecordComponents()) {
          pending.add(component.getGenericType());
        }
      }
    }
    assertTrue(found.size() > 80, () -> "only " + found.size() + " records found");
    return found;
  }
}
