package io.capsa.runtime.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capsa.oci.OciJson;
import io.capsa.oci.State;
import io.capsa.oci.linux.Memory;
import io.capsa.oci.linux.Pids;
import io.capsa.oci.linux.Resources;
import io.capsa.runtime.cgroups.CgroupPath;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ContainerRecordTest {
  private static ContainerRecord record(io.capsa.oci.Status status, Integer pid) {
    return ContainerRecord.of(State.builder().id("web").status(status).pid(pid)
        .bundle("/bundle").rootfs("/bundle/rootfs").created(Instant.parse("2026-01-02T03:04:05Z"))
        .annotations(Map.of("a", "b")).owner("").build(), 4242,
        CgroupPath.of("/capsa/web"), true);
  }

  @Test
  void theStateFileIsRuncsStateWithTheInitsStartTimeBesideIt() {
    ContainerRecord record = record(io.capsa.oci.Status.CREATED, 77);

    byte[] json = record.toJson();

    State asRuncReadsIt = OciJson.readState(new String(json, StandardCharsets.UTF_8));
    assertEquals("4242", asRuncReadsIt.unknownFields().members().get("capsaInitStartTime"));
    assertEquals("\"/capsa/web\"",
        asRuncReadsIt.unknownFields().members().get("capsaCgroupPath"));
    assertEquals("true", asRuncReadsIt.unknownFields().members().get("capsaIgnoreResourceLimits"));
    assertEquals(record, ContainerRecord.fromJson(json));
    assertEquals(Optional.of(new ProcessIdentity(77, 4242)), record.init());
    assertTrue(ContainerRecord.fromJson(json).state().unknownFields().isEmpty());
  }

  @ParameterizedTest(name = "stored {0}, init alive {1}, fifo {2}: {3}")
  @CsvSource({
      "CREATED, true, true, CREATED",
      "CREATED, true, false, RUNNING",
      "RUNNING, true, false, RUNNING",
      "CREATED, false, true, STOPPED",
      "RUNNING, false, false, STOPPED",
      "STOPPED, true, false, STOPPED",
      "CREATING, true, true, CREATING",
      "CREATING, false, true, STOPPED",
      "PAUSED, true, false, PAUSED",
      "PAUSED, false, false, STOPPED"})
  void theStatusFollowsTheInitAndTheExecFifo(io.capsa.oci.Status stored, boolean alive,
      boolean fifo, Status expected) {
    assertEquals(expected, record(stored, 77).status(alive, fifo));
  }

  @Test
  void aRecordOfACreateBeforeCgroupsHasNone() {
    String json = new String(record(io.capsa.oci.Status.RUNNING, 77).toJson(),
        StandardCharsets.UTF_8)
        .replaceAll(",?\\s*\"capsaCgroupPath\"\\s*:\\s*\"[^\"]*\"", "")
        .replaceAll(",?\\s*\"capsaIgnoreResourceLimits\"\\s*:\\s*true", "");

    ContainerRecord read = ContainerRecord.fromJson(json.getBytes(StandardCharsets.UTF_8));

    assertEquals(Optional.empty(), read.cgroup());
    assertFalse(read.ignoreResourceLimits());
  }

  @Test
  void theResourcesAnUpdateLeftAreKeptForTheNext() {
    ContainerRecord record = record(io.capsa.oci.Status.RUNNING, 77);
    assertEquals(Optional.empty(), record.updatedResources());
    Resources updated = Resources.builder().pids(new Pids(50))
        .memory(Memory.builder().limit(1L << 20).build()).build();

    byte[] json = record.withUpdatedResources(updated).toJson();

    assertEquals(Optional.of(updated), ContainerRecord.fromJson(json).updatedResources());
    assertTrue(ContainerRecord.fromJson(json).state().unknownFields().isEmpty());
    assertEquals(Optional.of(updated), ContainerRecord.fromJson(json).withStatus(Status.PAUSED)
        .updatedResources());
  }

  @Test
  void aCreateThatNeverLearnedItsInitIsStillCreating() {
    assertEquals(Status.CREATING, record(io.capsa.oci.Status.CREATING, null).status(false, true));
  }
}
