package io.capsa.oci;

import static io.capsa.oci.Json.quoted;
import static io.capsa.oci.Json.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The state document, including what runc adds to it. */
class StateTest {
  /** What {@code runc state} prints, with a member neither the spec nor runc defines. */
  private static final String RUNC_STATE =
      quoted(
          """
          {'ociVersion': '1.0.2-dev', 'id': 'box', 'pid': 4242, 'status': 'paused',
           'bundle': '/srv/box', 'rootfs': '/srv/box/rootfs',
           'created': '2025-03-01T10:20:30.123456789Z', 'annotations': {'k': 'v'}, 'owner': '',
           'org.example.extra': {'n': 1}}
          """);

  @Test
  void readsWhatRuncWrites() {
    State state = OciJson.readState(RUNC_STATE);

    assertEquals(Status.PAUSED, state.status());
    assertEquals(4242, state.pid());
    assertEquals("/srv/box/rootfs", state.rootfs());
    assertEquals(Instant.parse("2025-03-01T10:20:30.123456789Z"), state.created());
    assertEquals("", state.owner());
    assertEquals(Map.of("org.example.extra", "{\"n\":1}"), state.unknownFields().members());
    assertEquals(tree(RUNC_STATE), tree(OciJson.write(state)));
  }

  @Test
  void writesMembersInRuncsOrder() {
    State state =
        State.builder()
            .id("box")
            .status(Status.CREATED)
            .pid(7)
            .bundle("/b")
            .created(Instant.parse("2025-03-01T10:20:30Z"))
            .owner("")
            .build();

    assertEquals(
        "{\n\t\"ociVersion\": \""
            + Spec.OCI_VERSION
            + "\",\n"
            + "\t\"id\": \"box\",\n"
            + "\t\"pid\": 7,\n"
            + "\t\"status\": \"created\",\n"
            + "\t\"bundle\": \"/b\",\n"
            + "\t\"created\": \"2025-03-01T10:20:30Z\",\n"
            + "\t\"owner\": \"\"\n"
            + "}",
        OciJson.write(state));
  }

  @Test
  void createdWithAnOffsetIsTheSameInstant() {
    State state =
        OciJson.readState(
            quoted(
                "{'ociVersion': '1.3.0', 'id': 'a', 'status': 'stopped', "
                    + "'bundle': '/b', 'created': '2025-03-01T12:20:30+02:00'}"));

    assertEquals(Instant.parse("2025-03-01T10:20:30Z"), state.created());
  }

  @Test
  void anUnreadableCreationTimeIsAProblemAtItsPath() {
    OciSpecException e =
        assertThrows(
            OciSpecException.class,
            () ->
                OciJson.readState(
                    quoted(
                        "{'ociVersion': '1.3.0', 'id': 'a', 'status': 'running', 'bundle': '/b',"
                            + " 'created': 'yesterday'}")));

    assertEquals("$.created", e.problems().get(0).jsonPath());
  }
}
