package io.capsa.runtime.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {

  @TempDir Path root;

  private final ContainerId id = new ContainerId("web-1");

  @Test
  void createWriteReadListRemove() {
    StateStore store = new StateStore(root);
    try (ContainerLock lock = store.lock(id)) {
      store.create(id);
      store.write(id, bytes("{\"v\":1}"));
      store.write(id, bytes("{\"v\":2}"));
      assertArrayEquals(bytes("{\"v\":2}"), store.read(id));
      assertEquals(List.of(id), store.list());
      store.remove(id);
    }
    assertFalse(store.exists(id));
    assertEquals(List.of(), store.list());
    assertFalse(Files.exists(root.resolve("web-1.lock")), "no lock file left behind");
    assertFalse(Files.exists(root.resolve("web-1")), "no state directory left behind");
  }

  @Test
  void atomicWritesLeaveNoTemporaryFiles() throws Exception {
    StateStore store = new StateStore(root);
    try (ContainerLock lock = store.lock(id)) {
      store.create(id);
      store.write(id, bytes("{}"));
    }
    try (var files = Files.list(root.resolve("web-1"))) {
      assertEquals(List.of("state.json"), files.map(p -> p.getFileName().toString()).toList());
    }
  }

  @Test
  void aTakenIdIsRefusedWithRuncsWording() {
    StateStore store = new StateStore(root);
    try (ContainerLock lock = store.lock(id)) {
      store.create(id);
      ContainerStateException e = assertThrows(ContainerStateException.class, () -> store.create(id));
      assertEquals("container with id exists: web-1", e.getMessage());
    }
  }

  @Test
  void aMissingContainerDoesNotExist() {
    ContainerStateException e = assertThrows(ContainerStateException.class, () -> new StateStore(root).read(id));
    assertEquals("container web-1 does not exist", e.getMessage());
  }

  @Test
  void theLockSerialisesReadModifyWriteAcrossThreads() throws Exception {
    StateStore store = new StateStore(root);
    try (ContainerLock lock = store.lock(id)) {
      store.create(id);
      store.write(id, bytes("0"));
    }
    int threads = 8;
    int rounds = 50;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      futures.add(pool.submit(() -> {
        for (int i = 0; i < rounds; i++) {
          try (ContainerLock lock = store.lock(id)) {
            int value = Integer.parseInt(new String(store.read(id), StandardCharsets.US_ASCII));
            store.write(id, bytes(Integer.toString(value + 1)));
          }
        }
      }));
    }
    for (Future<?> future : futures) {
      future.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertEquals(Integer.toString(threads * rounds), new String(store.read(id), StandardCharsets.US_ASCII));
  }

  @Test
  void aWaiterOnARemovedContainerLocksTheNewFileNotTheUnlinkedOne() throws Exception {
    StateStore store = new StateStore(root);
    List<String> order = Collections.synchronizedList(new ArrayList<>());
    ContainerLock first = store.lock(id);
    Thread waiter = new Thread(() -> {
      try (ContainerLock second = store.lock(id)) {
        order.add("second");
        assertTrue(Files.exists(root.resolve("web-1.lock")), "the waiter holds a lock file that is linked");
      }
    });
    waiter.start();
    Thread.sleep(100);
    order.add("first");
    store.remove(id);
    first.close();
    waiter.join(10_000);
    assertEquals(List.of("first", "second"), order);
  }

  @Test
  void aLockOnAMissingContainerLeavesNoLockFile() throws Exception {
    StateStore store = new StateStore(root);
    try (ContainerLock lock = store.lock(id)) {
      assertThrows(ContainerStateException.class, () -> store.read(id));
    }
    try (var entries = Files.list(root)) {
      assertEquals(List.of(), entries.toList());
    }
  }

  @Test
  void theLockFileLivesAsLongAsTheContainersDirectory() {
    StateStore store = new StateStore(root);
    try (ContainerLock lock = store.lock(id)) {
      store.create(id);
    }
    assertTrue(Files.exists(root.resolve("web-1.lock")));
    try (ContainerLock lock = store.lock(id)) {
      store.remove(id);
      assertTrue(Files.exists(root.resolve("web-1.lock")), "held, the lock file stays");
    }
    assertFalse(Files.exists(root.resolve("web-1.lock")));
  }

  @Test
  void onlyACreateMakesTheRoot() {
    StateStore store = new StateStore(root.resolve("new"));
    ContainerStateException e = assertThrows(ContainerStateException.class, () -> store.lock(id));
    assertEquals("container web-1 does not exist", e.getMessage());
    assertFalse(Files.exists(root.resolve("new")));

    try (ContainerLock lock = store.lockForCreate(id)) {
      assertTrue(Files.isDirectory(root.resolve("new")));
    }
    assertFalse(Files.exists(root.resolve("new/web-1.lock")), "a create that made nothing");
  }

  @Test
  void idsAreValidatedAsRuncDoes() {
    for (String valid : List.of("a", "web-1", "x_y.z+1", "A9")) {
      assertEquals(valid, new ContainerId(valid).value());
    }
    for (String invalid : List.of("", ".", "..", "a/b", "a b", "../x", "é")) {
      assertThrows(IllegalArgumentException.class, () -> new ContainerId(invalid), invalid);
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
