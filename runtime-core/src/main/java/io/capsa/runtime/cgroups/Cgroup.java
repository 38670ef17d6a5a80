package io.capsa.runtime.cgroups;

import static io.capsa.sys.ArchConstant.SIGKILL;

import io.capsa.sys.Arch;
import io.capsa.sys.Errno;
import io.capsa.sys.Fd;
import io.capsa.sys.HostSyscalls;
import io.capsa.sys.SyscallException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A container's cgroup, open: the handle through which the runtime starts the init inside it,
 * pauses and resumes it, signals or kills everything in it, lists its processes, reads its
 * stats, changes its limits and finally removes it. Made by {@link CgroupManager#create} or,
 * in a later command, {@link CgroupManager#open}. Holds an fd of the directory until closed.
 */
public final class Cgroup implements AutoCloseable {
  private static final Duration POLL_INTERVAL = Duration.ofMillis(10);
  private static final int RMDIR_TRIES = 10;

  private final HostSyscalls host;
  private final CgroupManager manager;
  private final CgroupPath path;
  private final CgroupDirectory directory;

  Cgroup(HostSyscalls host, CgroupManager manager, CgroupPath path, CgroupDirectory directory) {
    this.host = host;
    this.manager = manager;
    this.path = path;
    this.directory = directory;
  }

  public CgroupPath path() {
    return path;
  }

  /** The cgroup's directory on the host. */
  public Path directory() {
    return directory.path();
  }

  /**
   * A new O_PATH fd of the cgroup's directory, owned by the caller: the one clone3 takes with
   * CLONE_INTO_CGROUP, so that the container's init is born in the cgroup. Hand it to
   * capsa-init as one of its fds and close it here once capsa-init is started.
   */
  public Fd openForClone() {
    return directory.openPath(".");
  }

  /**
   * {@link #openForClone()} of {@code target}, an existing cgroup at or below this one (runc's
   * exec --cgroup): opened beneath this cgroup's directory, never outside it.
   *
   * @throws CgroupException when there is no such cgroup below this one
   */
  public Fd openForClone(SubCgroup target) {
    if (target.isContainers()) {
      return openForClone();
    }
    try {
      return directory.openPath(target.relative());
    } catch (SyscallException e) {
      throw new CgroupException("cannot open sub-cgroup " + target.relative() + " of cgroup "
          + path + ": " + e.getMessage(), e);
    }
  }

  /** Freezes every process in the cgroup and waits until the kernel says it is frozen. */
  public void freeze() {
    setFrozen(true);
  }

  /** Thaws the cgroup and waits until the kernel says it is no longer frozen. */
  public void thaw() {
    setFrozen(false);
  }

  /** Whether the cgroup is frozen ("frozen 1" in cgroup.events): a paused container. */
  public boolean isFrozen() {
    return events().getOrDefault("frozen", 0L) == 1;
  }

  /** Whether any process is in the cgroup or below it ("populated 1" in cgroup.events). */
  public boolean isPopulated() {
    return events().getOrDefault("populated", 0L) == 1;
  }

  /**
   * SIGKILL to every process in the cgroup and below it, through cgroup.kill: the kernel kills
   * them all at once, frozen ones too, and processes forked meanwhile cannot escape. Does not
   * wait for them to die.
   */
  public void killAll() {
    try {
      directory.write("cgroup.kill", "1");
    } catch (SyscallException e) {
      throw new CgroupException("cannot kill the processes of " + directory.path()
          + (e.is(Errno.ENOENT) ? " (cgroup.kill needs Linux 5.14 or newer)" : "") + ": "
          + e.getMessage(), e);
    }
  }

  /**
   * Sends {@code signal} to every process in the cgroup and below it (runc's {@code kill
   * --all}). SIGKILL goes through {@link #killAll}; any other signal is sent with the cgroup
   * frozen, so that no process forks or exits between being listed and being signalled, and
   * each through a pidfd.
   */
  public void signalAll(int signal) {
    if (signal == (int) Arch.current().constant(SIGKILL)) {
      killAll();
      return;
    }
    boolean wasFrozen = isFrozen();
    if (!wasFrozen) {
      freeze();
    }
    try {
      for (int pid : processes()) {
        signal(pid, signal);
      }
    } finally {
      if (!wasFrozen) {
        thaw();
      }
    }
  }

  private void signal(int pid, int signal) {
    try (Fd pidfd = host.pidfdOpen(pid)) {
      host.pidfdSendSignal(pidfd, signal);
    } catch (SyscallException e) {
      if (!e.is(Errno.ESRCH)) {
        throw new CgroupException("cannot signal process " + pid + " of " + directory.path()
            + ": " + e.getMessage(), e);
      }
    }
  }

  /** The pids in the cgroup and in every cgroup below it (runc's ps and kill --all). */
  public List<Integer> processes() {
    List<Integer> pids = new ArrayList<>();
    collectProcesses(directory, pids);
    return pids;
  }

  private static void collectProcesses(CgroupDirectory cgroup, List<Integer> pids) {
    pids.addAll(CgroupFiles.pids(cgroup.read("cgroup.procs")));
    for (String child : cgroup.children()) {
      try (CgroupDirectory below = cgroup.open(child)) {
        collectProcesses(below, pids);
      }
    }
  }

  /** What the cgroup's files say about its use of resources. */
  public CgroupStats stats() {
    return CgroupStatsReader.read(directory);
  }

  /**
   * Applies new settings to the running container. Refused, before anything is written, when
   * the host lacks a controller the limits need, when such a controller cannot be enabled
   * for the cgroup now, or when {@code memory.checkBeforeUpdate} is set and a new memory
   * limit is at or below what the cgroup uses.
   */
  public void update(CgroupSettings settings) {
    if (!settings.ignoreResourceLimits()) {
      manager.checkControllers(settings);
      checkMemoryUsage(settings.limits());
      manager.enableControllers(path, settings.requiredControllers());
      LimitWriter.apply(directory, settings.limits());
    }
    settings.devices().ifPresent(rules -> DeviceFilterInstaller.install(host, directory, rules));
  }

  private void checkMemoryUsage(CgroupLimits limits) {
    if (limits.memoryCheck().isEmpty()) {
      return;
    }
    long usage = directory.readIfPresent("memory.current").map(CgroupFiles::single).orElse(0L);
    CgroupLimits.MemoryCheck check = limits.memoryCheck().get();
    if (check.swap() > 0 && check.swap() <= usage) {
      throw new CgroupException("cannot update " + directory.path() + ": rejecting memory+swap"
          + " limit " + check.swap() + " <= usage " + usage + " (memory.checkBeforeUpdate)");
    }
    if (check.limit() > 0 && check.limit() <= usage) {
      throw new CgroupException("cannot update " + directory.path() + ": rejecting memory limit "
          + check.limit() + " <= usage " + usage + " (memory.checkBeforeUpdate)");
    }
  }

  /**
   * Removes the cgroup once nothing runs in it: kills what still does (cgroup.kill), waits
   * until the cgroup is empty, then removes the cgroups below it and itself, retrying while
   * the kernel still finishes off exiting processes (EBUSY). Closes this handle.
   */
  public void remove() {
    try (directory) {
      if (isPopulated()) {
        killAll();
        awaitEvent("populated", 0, "be empty after cgroup.kill");
      }
      removeBelow(directory);
      try (CgroupDirectory parent = manager.openParent(path)) {
        rmdir(parent, path.names().get(path.names().size() - 1));
      }
    }
  }

  private void removeBelow(CgroupDirectory cgroup) {
    for (String child : cgroup.children()) {
      try (CgroupDirectory below = cgroup.open(child)) {
        removeBelow(below);
      }
      rmdir(cgroup, child);
    }
  }

  /** runc's retries: EBUSY while exiting processes are still being taken out. */
  private void rmdir(CgroupDirectory parent, String name) {
    long delayMillis = 1;
    for (int attempt = 1; ; attempt++) {
      try {
        parent.rmdir(name);
        return;
      } catch (SyscallException e) {
        if (e.is(Errno.ENOENT)) {
          return;
        }
        if (!e.is(Errno.EBUSY) || attempt == RMDIR_TRIES) {
          throw new CgroupException("cannot remove cgroup " + parent.path().resolve(name) + ": "
              + e.getMessage(), e);
        }
      }
      sleep(Duration.ofMillis(delayMillis));
      delayMillis *= 2;
    }
  }

  private void setFrozen(boolean frozen) {
    String verb = frozen ? "freeze" : "thaw";
    try {
      directory.write("cgroup.freeze", frozen ? "1" : "0");
    } catch (SyscallException e) {
      throw new CgroupException("cannot " + verb + " " + directory.path() + ": "
          + e.getMessage(), e);
    }
    awaitEvent("frozen", frozen ? 1 : 0, frozen ? "be frozen" : "be thawed");
  }

  /**
   * Polls cgroup.events until {@code key} has {@code value}, for at most the manager's wait
   * limit. The kernel also notifies changes of that file through inotify and poll, but a short
   * poll keeps this simple, as runc keeps it.
   */
  private void awaitEvent(String key, long value, String what) {
    Duration limit = manager.waitLimit();
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      Map<String, Long> events = events();
      if (events.getOrDefault(key, -1L) == value) {
        return;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new CgroupException("timed out after " + limit.toMillis() + " ms waiting for "
            + directory.path() + " to " + what + " (cgroup.events: " + events + ")");
      }
      sleep(POLL_INTERVAL);
    }
  }

  private Map<String, Long> events() {
    return CgroupFiles.flatKeyed(directory.read("cgroup.events"));
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CgroupException("interrupted while waiting for a cgroup", e);
    }
  }

  /** Closes the directory fd; the cgroup itself stays. */
  @Override
  public void close() {
    directory.close();
  }

  @Override
  public String toString() {
    return "cgroup " + path + " at " + directory.path();
  }
}
